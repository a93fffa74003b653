"""Words regrouped into lines (a block of a page read on its own) by the rule glyphs are:
one clustering, the same whatever order the words come in."""

from __future__ import annotations

import itertools
import random

from hypothesis import given
from hypothesis import strategies as st

from transparantie_parser._layout.page import Line, Word, regroup


def _rows(lines: list[Line]) -> list[list[str]]:
    return [[word.text for word in line.words] for line in lines]


def test_a_tall_and_a_short_word_on_one_centre_go_together_whatever_their_order() -> None:
    # a row centred at 10 (8 points high); a tall word (10 high) and a short one (4 high)
    # centred 3 points lower: within 0.35 em of the tall word, not of the short one
    row = Word("Breda", 0, 30, 6, 14)
    tall = Word("41", 100, 110, 8, 18)
    short = Word("3", 120, 124, 11, 15)
    found = {tuple(map(tuple, _rows(regroup([Line(1, (row, *order))]))))
             for order in itertools.permutations((tall, short))}
    assert found == {(("Breda",), ("41", "3"))}


_word = st.builds(
    lambda n, x, top, h: Word(f"w{n}", x, x + 5, top, top + h),
    st.integers(0, 999), st.integers(0, 400), st.integers(0, 60), st.integers(2, 14))


@given(st.lists(_word, min_size=1, max_size=12,
                unique_by=(lambda w: w.text, lambda w: w.x0)), st.randoms())
def test_regrouped_lines_do_not_depend_on_the_order_of_the_words(
        words: list[Word], shuffle: random.Random) -> None:
    shuffled = list(words)
    shuffle.shuffle(shuffled)
    assert _rows(regroup([Line(1, tuple(words))])) == _rows(regroup([Line(1, tuple(shuffled))]))
