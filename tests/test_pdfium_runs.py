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
from transparantie_parser._pdf.glyphs import Glyph, GlyphPage
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


def test_a_run_weighs_as_its_letters_in_the_row_it_joins() -> None:
    # a line's row centre is its letters' mean: two letters at centre 100, a run of ten
    # touching letters at 102.4 (the other table's row beside it, its baseline a little off)
    # and a figure at 104.3 (7 pt high: rows join within 0.35 em, 2.45 pt). Letter by
    # letter the row's centre is 102.0 and the figure joins it; before, the run counted as
    # one glyph (centre 101.2) and the figure made a line of its own with runs only (found by
    # the random-layout search: two tables side by side, Times with figures off their
    # baselines, where the runs and the letters read the page into 30 and 29 lines)
    def glyph(text: str, x0: float, centre: float) -> Glyph:
        return Glyph(text, x0, x0 + 4 * len(text), centre - 3.5, centre + 3.5)

    left = [glyph("N", 40, 100), glyph("u", 44, 100)]
    right = "Hertogenbo"
    figure = glyph("7", 300, 104.3)
    as_run = [*left, glyph(right, 200, 102.4), figure]
    one_by_one = [*left, *(glyph(c, 200 + 4 * k, 102.4) for k, c in enumerate(right)), figure]
    lines = [[line.text for line in page_from_glyphs(1, glyphs).lines]
             for glyphs in (as_run, one_by_one)]
    assert lines == [["Nu Hertogenbo 7"]] * 2


@pytest.mark.parametrize(("name", "number", "direction", "glyphs"), [
    ("pdf/h-rotate-90.pdf", 1, 90, 651),
    ("producers/pdftk-rotate-180-270.pdf", 1, 180, 684),
    ("producers/pdftk-rotate-180-270.pdf", 2, 270, 655),
])
def test_text_turned_by_quarter_turns_is_read_in_runs_as_upright_text_is(
        name: str, number: int, direction: int, glyphs: int) -> None:
    # each letter a glyph of its own, these pages had 2,451, 2,703 and 2,534 glyphs; read
    # in runs they cost the layout and the engine what upright pages do
    page = _pages(FIXTURES / name, True)[number - 1]
    texts = {(glyph.text, glyph.direction) for glyph in page.glyphs}
    assert {("Transparantie", direction), ("klantprofielen", direction),
            ("kwartaal", direction)} <= texts
    assert len(page.glyphs) == glyphs
