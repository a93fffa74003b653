"""The PDFium engine's runs of touching letters (``Glyph`` contract) are a speed trick the
layout cannot see: every fixture page reads the same from the runs as from the engine's
characters one by one, the glyphs of a ligature that PDFium hands on letter by letter
with one box included."""

from __future__ import annotations

from pathlib import Path

import pytest

from transparantie_parser import TransparantieError
from transparantie_parser._layout.page import layout_page, page_from_glyphs
from transparantie_parser._pdf import pdfium
from transparantie_parser._pdf.glyphs import GlyphPage
from transparantie_parser._pdf.source import DEFAULT_MAX_PAGES

from .conftest import FIXTURES

# Pages that print letters over other letters, where the runs keep each word's letters
# together and the letters one by one interleave (``zichtZbicahatrzb``): the labels of a
# header printed over one another, an OCR layer's invisible words laid over each other.
# No region table's records depend on those lines (both engines read these files alike).
OVERPRINTED = {
    "reports/national-reportlab.pdf", "reports/national-reportlab-shares.pdf",
    "sandwich/seed-200dpi.pdf", "sandwich/tight-columns-200dpi.pdf",
    "tagged/lie-figures-run-together.pdf", "tagged/typst-figures-run-together.pdf",
    "tagged/typst-good-beside-run-together.pdf",
}
PDFS = sorted(path.relative_to(FIXTURES).as_posix() for path in FIXTURES.rglob("*.pdf"))


def _pages(path: Path, runs: bool) -> list[GlyphPage]:
    return list(pdfium.read_pages(path.read_bytes(), DEFAULT_MAX_PAGES, runs=runs))


def _readable(path: Path) -> bool:
    try:
        _pages(path, True)
    except TransparantieError:  # a broken fixture: nothing to compare
        return False
    return True


@pytest.mark.parametrize("name", [n for n in PDFS if n not in OVERPRINTED])
def test_runs_of_touching_letters_read_like_the_letters_one_by_one(name: str) -> None:
    path = FIXTURES / name
    if not _readable(path):
        pytest.skip("PDFium does not read this fixture")
    runs, letters = _pages(path, True), _pages(path, False)
    assert [layout_page(page) for page in runs] == [layout_page(page) for page in letters]


def test_the_letters_of_a_ligature_are_one_glyph_as_pdfminer_hands_it_on() -> None:
    # LaTeX's ``ffi`` ligature: PDFium gives f, f and i with the ligature's box; one by
    # one, the layout took the second f for an f printed twice on one spot (fake bold)
    (page,) = _pages(FIXTURES / "producers" / "latex-booktabs.pdf", False)
    assert "ffi" in {glyph.text for glyph in page.glyphs}
    words = {word.text for line in page_from_glyphs(1, page.glyphs).lines
             for word in line.words}
    assert {"officieel", "efficiëntie"} <= words


def test_a_ligature_in_a_run_keeps_all_its_letters() -> None:
    # read as runs, the second f of ``affiniteiten`` was dropped all the same
    (page,) = _pages(FIXTURES / "producers" / "layout-footnote-above.pdf", True)
    words = {word.text for line in layout_page(page).lines for word in line.words}
    assert "affiniteiten," in words
    assert "afiniteiten," not in words
