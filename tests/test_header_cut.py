"""A header line is cut over the columns once, where the header is found, and the cut is
handed to those that need it (the labels, the words left out): no cache stands between the
cut and its users."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pytest

import transparantie_parser as tp
from transparantie_parser._grammar import header
from transparantie_parser._grammar.grid import ColumnGrid
from transparantie_parser._layout.page import Word

from .conftest import FIXTURES


@pytest.mark.parametrize("name", ["b-header-wrapped", "f-continued-table", "i-libreoffice-writer",
                                  "i-qpdf-joined"])
def test_each_header_line_is_cut_once_per_table(name: str,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    cuts: Counter[tuple[tuple[str, float, float], ...]] = Counter()
    cut = header._header_runs

    def counted(words: Sequence[Word], grid: ColumnGrid, line_height: float
                ) -> list[tuple[int, int]]:
        cuts[tuple((word.text, word.x0, word.top) for word in words)] += 1
        return list(cut(words, grid, line_height))

    monkeypatch.setattr(header, "_header_runs", counted)
    reports = tp.parse_pdf(FIXTURES / "pdf" / f"{name}.pdf")
    assert [r.region for r in reports] and all(r.columns for r in reports)
    assert cuts and set(cuts.values()) == {1}


def test_the_three_ways_a_label_stands_are_named_in_the_order_of_their_costs() -> None:
    assert [way.name for way in header.Way] == ["FLUSH_RIGHT", "FLUSH_LEFT", "CENTRED"]
    assert list(header.Way) == [0, 1, 2]
