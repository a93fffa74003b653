"""Rows of a page read by OCR are the bands of their figures: a name whose baseline OCR
put a little off its figures' joins their row, and nothing a row's pitch away does.

The words here are OCR words as ``tesseract`` hands them on (a box of the body size on
each word's own baseline), on a page without an image: what is tested is where they go.
"""

from __future__ import annotations

from fixtures.regions import quarterly
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

import transparantie_parser as tp
from transparantie_parser._layout.page import page_from_glyphs
from transparantie_parser._ocr.rows import on_figure_rows
from transparantie_parser._ocr.tesseract import OcrPage, OcrWord
from transparantie_parser._pdf.glyphs import Glyph

from .conftest import FIXTURES
from .test_ocr import needs_tesseract

SIZE = 10.0  # body size (points): a box reaches 0.8 em above its baseline and 0.2 below
PITCH = 14.0  # rows' baselines apart (points)
FIGURE_X = (200.0, 260.0, 320.0, 380.0, 440.0)


def _word(text: str, x0: float, baseline: float, width: float = 30.0) -> OcrWord:
    return OcrWord(Glyph(text, x0, x0 + width, baseline - 0.8 * SIZE, baseline + 0.2 * SIZE),
                   95.0)


def _row(name: str, figures: tuple[str, ...], baseline: float, name_drift: float = 0.0
         ) -> list[OcrWord]:
    return [_word(name, 60.0, baseline + name_drift, 100.0),
            *(_word(text, x, baseline) for text, x in zip(figures, FIGURE_X, strict=True))]


def _page(words: list[OcrWord]) -> OcrPage:
    return OcrPage(1, tuple(words), Image.new("L", (10, 10), 255), 200, 0.0)


def _lines(page: OcrPage) -> list[str]:
    return [line.text for line in page_from_glyphs(1, page.glyphs).lines]


ROWS = (("Appingedam", ("78", "191", "293", "129", "691")),
        ("Delfzijl", ("153", "307", "549", "292", "1.301")),
        ("Groningen", ("841", "2.344", "6.457", "2.731", "12.373")))


def _table(drift: dict[str, float]) -> OcrPage:
    words = [w for i, (name, figures) in enumerate(ROWS)
             for w in _row(name, figures, 100.0 + i * PITCH, drift.get(name, 0.0))]
    return _page(words)


def test_a_name_read_half_a_line_off_its_figures_joins_their_row() -> None:
    # 4.5 pt (0.45 em) below: the layout alone makes a line of the name
    page = _table({"Appingedam": 4.5})
    assert _lines(page)[:2] == ["78 191 293 129 691", "Appingedam"]
    assert _lines(on_figure_rows(page)) == [
        "Appingedam 78 191 293 129 691", "Delfzijl 153 307 549 292 1.301",
        "Groningen 841 2.344 6.457 2.731 12.373"]


def test_a_name_read_above_its_figures_joins_their_row() -> None:
    page = _table({"Delfzijl": -4.0})
    assert "Delfzijl" in _lines(page)
    assert _lines(on_figure_rows(page))[1] == "Delfzijl 153 307 549 292 1.301"


def test_a_name_half_way_between_two_rows_stays_a_line_of_its_own() -> None:
    # 7 pt below its figures is 7 pt above the next row's: it is neither's
    page = _table({"Appingedam": 7.0})
    assert on_figure_rows(page) == page


def test_a_wrapped_name_line_above_its_row_is_not_moved() -> None:
    # 'Nuenen, Gerwen en' over 'Nederwetten', a line above: a row's pitch away, and in the
    # name column the row's own name stands under it
    words = [_word("Nuenen, Gerwen en", 60.0, 100.0 - PITCH, 100.0),
             *_row("Nederwetten", ("12", "34", "56", "78", "180"), 100.0)]
    page = _page(words)
    assert on_figure_rows(page) == page


def test_a_line_over_a_rows_words_is_not_put_on_the_row() -> None:
    # a word 4 pt below a figure, in its column: no row prints two words there
    words = [*_row("Delfzijl", ("153", "307", "549", "292", "1.301"), 100.0),
             _word("Sonar", FIGURE_X[1] + 5.0, 104.0)]
    page = _page(words)
    assert on_figure_rows(page) == page


def test_marks_beside_a_row_stay_where_they_are() -> None:
    words = [*_row("Delfzijl", ("153", "307", "549", "292", "1.301"), 100.0),
             _word("„", 40.0, 104.5, 5.0)]
    page = _page(words)
    assert on_figure_rows(page) == page


def test_a_page_without_rows_of_figures_is_left_as_it_is() -> None:
    page = _page([_word("Transparantie", 60.0, 50.0, 120.0), _word("2021", 200.0, 55.0)])
    assert on_figure_rows(page) is page


@needs_tesseract
def test_a_coarse_scan_whose_row_ocr_split_is_read_on_its_figures_band() -> None:
    # broken/scan.pdf, Zeeland 2020 Q1 at 110 dpi on grey paper: the page read gives
    # '104 377 636 1.624' and 'Goes 507' as two lines (Goes and one figure set 3.6 pt
    # lower); before, the table was refused (malformed_table)
    (report,) = tp.parse_pdf(FIXTURES / "broken" / "scan.pdf")
    want = quarterly("Zeeland", 2020, 1)
    assert [(r.municipality, r.counts, r.total) for r in report.rows] == list(want.rows)
    assert (report.total.counts, report.total.total) == (want.total_counts, want.total)
    assert (report.register_total, report.known_pct) == (want.register_total, want.known_pct)
    # the page prints no header; two names read right are hedged, nothing else is said
    assert report.columns == ("column_1", "column_2", "column_3", "column_4")
    assert {(i.code, i.column) for i in report.issues} <= {("ocr_uncertain", None)}


@settings(max_examples=60)
@given(st.sampled_from([name for name, _f in ROWS]), st.floats(-4.5, 4.5))
def test_any_name_up_to_045_em_off_its_figures_joins_its_row(name: str, drift: float) -> None:
    lines = _lines(on_figure_rows(_table({name: drift})))
    assert lines == [f"{n} {' '.join(f)}" for n, f in ROWS]


@settings(max_examples=60)
@given(st.sampled_from([name for name, _f in ROWS]), st.floats(5.5, 10.0),
       st.sampled_from([-1.0, 1.0]))
def test_no_name_further_off_is_put_on_a_row_not_its_own(name: str, drift: float,
                                                         side: float) -> None:
    # 0.55 em or more off its row and, on a pitch of 1.4 em, over 0.35 em from the next (the
    # layout itself joins what is closer than that)
    lines = _lines(on_figure_rows(_table({name: side * drift})))
    own = next(f"{n} {' '.join(f)}" for n, f in ROWS if n == name)
    # it joins its own row or stays a line of its own; no row gets two names
    assert own in lines or name in lines
    assert all(sum(n in line for n, _f in ROWS) <= 1 for line in lines)
