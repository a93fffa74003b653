"""Scans of word-processor tables: the rules a "Table Grid" prints round every cell are taken
off the page before it is read, and the letters and shading they touch are not.

Before, tesseract took a ruled grid with the words it encloses for one picture: of the
scanned DOCX table below it read 30 of its 84 figures and the table was refused
(``malformed_table``).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw

import transparantie_parser as tp
from transparantie_parser._ocr.rules import without_rules

from .fixture_files import comparable, expected
from .test_ocr import SCANS, needs_tesseract, read, unexplained

DPI = 200
RULE = 40  # a dark grey rule
SHADE = 180  # a shaded cell's grey: darker than half-way between ink and paper


def _grid() -> Image.Image:
    """A page of white paper at 200 dpi: three rows' rules (3 px thick) and three column
    rules, a letter's stem that runs into the middle rule, a short bar (a T's top) and a
    shaded cell."""
    image = Image.new("L", (1000, 400), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 200, 300):
        draw.rectangle([(50, y), (950, y + 2)], fill=RULE)
    for x in (50, 500, 950):
        draw.rectangle([(x, 100), (x + 2, 302)], fill=RULE)
    draw.rectangle([(300, 170), (303, 201)], fill=0)  # a descender touching the rule
    draw.rectangle([(120, 150), (149, 152)], fill=0)  # 30 px: a letter's bar, no rule
    draw.rectangle([(600, 120), (900, 180)], fill=SHADE)
    return image


def test_rules_round_cells_are_painted_over_with_paper() -> None:
    cleared = without_rules(_grid(), DPI)
    rows = [cleared.getpixel((x, y)) for y in (100, 101, 102, 201, 300) for x in range(60, 940)
            if not 298 <= x <= 305]
    columns = [cleared.getpixel((x, y)) for x in (50, 51, 52, 501, 950) for y in range(104, 299)
               if not 120 <= y <= 180 or x != 950]
    assert set(rows) == {255}
    assert set(columns) == {255}


def test_a_letter_a_rule_touches_keeps_its_stroke_and_a_short_bar_stays() -> None:
    cleared = without_rules(_grid(), DPI)
    stem = {cleared.getpixel((x, y)) for x in range(300, 304) for y in range(170, 198)}
    bar = {cleared.getpixel((x, y)) for x in range(120, 150) for y in range(150, 153)}
    assert (stem, bar) == ({0}, {0})


def test_a_shaded_cell_is_no_rule() -> None:
    cleared = without_rules(_grid(), DPI)
    assert {cleared.getpixel((x, y)) for x in range(610, 890) for y in range(125, 176)} == {
        SHADE}


def test_a_page_without_rules_is_left_as_it_is() -> None:
    image = Image.new("L", (600, 300), 255)
    ImageDraw.Draw(image).rectangle([(100, 100), (160, 110)], fill=0)  # 60 px: too short
    assert without_rules(image, DPI) is image


@needs_tesseract
def test_a_scanned_table_grid_reads_every_row_exactly() -> None:
    # wp-docx-groningen-200dpi: a DOCX "Table Grid" printed and scanned black and white,
    # names set 1-1.5 pt off their figures' baseline (Appingedam lowered onto its rule)
    pdf = SCANS / "wp-docx-groningen-200dpi.pdf"
    (report,) = read("wp-docx-groningen-200dpi")
    (want,) = expected(pdf)
    got = comparable(report.to_dict(), reading="ocr")
    assert {**got, "issues": []} == want
    assert unexplained(report, want) == []
    # what is hedged is a name read right, and nothing else
    assert [(i.code, i.municipality, i.column) for i in report.issues] == [
        ("ocr_uncertain", "Delfzijl", None)]


@needs_tesseract
def test_a_label_misread_in_a_shaded_header_is_flagged_never_silently_wrong() -> None:
    # wp-odt-groningen-200dpi: bordered ODT cells, the header shaded and its labels wrapped,
    # scanned black and white: the shading turns to specks and the page read makes
    # '\gantprofiel' of 'Zonder klantprofiel'; before, the labels had no issue
    pdf = SCANS / "wp-odt-groningen-200dpi.pdf"
    (report,) = read("wp-odt-groningen-200dpi")
    (want,) = expected(pdf)
    wrong = [j for j, (label, right) in enumerate(zip(report.columns, want["columns"],
                                                      strict=True)) if label != right]
    flagged = sorted(i.column_index for i in report.issues
                     if i.code in ("ocr_uncertain", "label_missing") and i.row is None
                     and i.column_index is not None)
    assert wrong == flagged == [0, 1, 2, 3]
    assert unexplained(report, want) == []
    assert comparable(report.to_dict(), reading="ocr")["rows"] == want["rows"]


@needs_tesseract
def test_labels_read_right_with_low_confidence_are_not_flagged() -> None:
    # header-wrapped-200dpi: the page read was not sure of 'klantprofiel' (66) and 'niet'
    # (43), and the looks at 'klantprofiel' read 'kiantprofiel': no label is flagged (its
    # register total is misread, and flagged, as before)
    midden_utrecht, zeeland = tp.parse_pdf(SCANS / "header-wrapped-200dpi.pdf")
    assert [(i.code, i.column) for i in midden_utrecht.issues] == [
        ("coverage_mismatch", None), ("ocr_uncertain", None),
        ("ocr_uncertain", "register_total")]
    assert zeeland.issues == ()


@settings(max_examples=40)
@given(st.lists(st.tuples(st.integers(0, 1), st.integers(110, 700), st.integers(20, 320),
                          st.integers(1, 4), st.integers(0, 110)), min_size=1, max_size=4),
       st.lists(st.tuples(st.integers(20, 760), st.integers(20, 360), st.integers(2, 60),
                          st.integers(2, 6)), max_size=6),
       st.integers(215, 255))
def test_any_long_thin_rule_goes_and_any_letter_apart_from_it_stays(
        rules: list[tuple[int, int, int, int, int]], strokes: list[tuple[int, int, int, int]],
        paper: int) -> None:
    # rules: (vertical?, length 110-700 px, position, thickness 1-4 px, grey); strokes:
    # letters' bars and stems at most 60 px long (0.3 inch at 200 dpi), drawn only where
    # they stay clear of every rule by 8 px
    image = Image.new("L", (800, 400), paper)
    draw = ImageDraw.Draw(image)
    drawn = []
    for vertical, length, at, thickness, grey in rules:
        box = ((at + 200, 20, at + 200 + thickness - 1, 20 + min(length, 360) - 1) if vertical
               else (20, at, 20 + length - 1, at + thickness - 1))
        draw.rectangle([box[:2], box[2:]], fill=grey)
        drawn.append(box)

    def clear(box: tuple[int, int, int, int]) -> bool:
        return all(box[2] + 8 < r[0] or r[2] + 8 < box[0] or box[3] + 8 < r[1]
                   or r[3] + 8 < box[1] for r in drawn)

    kept = [box for x, y, length, width in strokes
            for box in [(x, y, min(799, x + length - 1), min(399, y + width - 1))] if clear(box)]
    for box in kept:
        draw.rectangle([box[:2], box[2:]], fill=0)
    cleared = without_rules(image, DPI)
    assert {cleared.getpixel((x, y)) for r in drawn
            for x in range(r[0], r[2] + 1) for y in range(r[1], r[3] + 1)} == {255}
    assert {cleared.getpixel((x, y)) for b in kept
            for x in range(b[0], b[2] + 1) for y in range(b[1], b[3] + 1)} <= {0}
