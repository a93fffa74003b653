"""Words as a word processor's table prints them: both engines hand on a glyph's box across
its line as the body of its type, never its ink (the letters of a word share one top and
bottom whichever engine read them), and a cell's line broken before a comma joins back."""

from __future__ import annotations

import pytest

from transparantie_parser._pdf.engine import ENGINES, Engine, page_reader

from .conftest import FIXTURES

# LibreOffice writes its fonts with /Ascent 0 /Descent 0 (README, "Engines")
DOCX = FIXTURES / "word-processors" / "docx-table-grid.pdf"


@pytest.mark.parametrize("engine", ENGINES)
def test_letters_with_descenders_and_ascenders_share_the_words_box(engine: Engine) -> None:
    (page, _) = page_reader(engine)(DOCX.read_bytes(), 10, None)
    line = [g for g in page.glyphs if 180 < g.top < 400]  # the rows of the table
    boxes = {}
    for glyph in line:
        for char in glyph.text.strip():
            boxes.setdefault(char, set()).add(round(glyph.bottom - glyph.top, 3))
    # one height for every letter: g, p, j reach no lower, k, l, f no higher in the boxes
    assert {char: heights for char, heights in boxes.items() if len(heights) > 1} == {}
    assert len({h for heights in boxes.values() for h in heights}) == 1


def test_pdfium_hands_on_a_word_with_descenders_as_one_run() -> None:
    (page, _) = page_reader("pdfium")(DOCX.read_bytes(), 10, None)
    texts = {g.text for g in page.glyphs}
    assert {"Bergeijk", "Geldrop-Mierlo"} <= texts


@pytest.mark.parametrize(("parts", "joined"), [
    (["Klantprofiel", ", niet", "zichtbaar"], "Klantprofiel, niet zichtbaar"),
    (["Bergen (L.", ")"], "Bergen (L.)"),
    (["Zonder", "klantprofiel"], "Zonder klantprofiel"),
    (["Súdwest-", "Fryslân"], "Súdwest-Fryslân"),
])
def test_a_line_broken_before_closing_punctuation_joins_without_a_space(
        parts: list[str], joined: str) -> None:
    # a word processor breaks a narrow cell's line before a comma that does not fit
    from transparantie_parser._names import join_wrapped

    assert join_wrapped(parts) == joined
