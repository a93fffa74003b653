"""The repair of a table read by OCR, on hand-made readings (no tesseract needed): a figure is
changed only to a reading the OCR made, only when that reading makes both its row and its
column add up, and only when no other combination of readings does; never computed from the
sums. What stays doubtful is an ``ocr_uncertain`` issue naming the cell."""

from __future__ import annotations

import attrs
from PIL import Image

from transparantie_parser._assemble import build_report
from transparantie_parser._grammar import RawFootnote, RawRow, RegionTable
from transparantie_parser._layout.page import Line, Word
from transparantie_parser._numbers import format_count
from transparantie_parser._ocr.cells import CheckedPage, FigureCell
from transparantie_parser._ocr.repair import CellRef, Repair, repair_report
from transparantie_parser._ocr.tesseract import FIRST_LOOK, SECOND_LOOKS, CellReading, OcrPage
from transparantie_parser.records import TOTAL_ROW, RegionReport
from transparantie_parser.validation import validate

NAMES = ("Goes", "Hulst", "Sluis")
# every look a cell can get: a hand-made cell has had them all, so no look is run again
LOOKS = (*FIRST_LOOK, *SECOND_LOOKS)
TOTAL = len(NAMES)  # the TOTAAL line's place in a grid of printed figures


def _word(text: str, row: int, column: int) -> Word:
    top = 100.0 + 20 * row
    x0 = 200.0 + 60 * column
    return Word(text, x0, x0 + 30, top, top + 10)


def _cell(word: Word, column: int, printed: int, others: list[int]) -> FigureCell:
    """A figure cell whose page read is ``printed``; its looks read ``printed`` too, except
    one for each of ``others``."""
    box = (word.x0 - 1, word.top - 1, word.x1 + 1, word.bottom + 1)
    texts = [format_count(v) for v in others]
    texts += [format_count(printed)] * (len(LOOKS) - len(texts))
    readings = tuple(CellReading(text, 95.0, box, config)
                     for text, config in zip(texts, LOOKS, strict=True))
    return FigureCell(1, box, column, format_count(printed), 90.0, readings,
                      format_count(printed), certain=not others)


def scanned(grid: list[list[int]], others: dict[tuple[int, int], list[int]]
            ) -> tuple[RegionReport, RegionTable, dict[int, CheckedPage]]:
    """A table as OCR read it: ``grid`` holds the figures as read, a row per municipality
    and the TOTAAL line last (counts, then the row total); ``others`` the other readings of
    some cells (by row and column). Its report as the parser makes it, its table and page."""
    words = [[_word(format_count(v), i, j) for j, v in enumerate(line)]
             for i, line in enumerate(grid)]
    cells = [_cell(words[i][j], j, v, others.get((i, j), []))
             for i, line in enumerate(grid) for j, v in enumerate(line)]
    rows = tuple(
        RawRow((name,), tuple(w.text for w in words[i]), 1, (name,),
               name_words=(Word(name, 50, 80, words[i][0].top, words[i][0].bottom),),
               cell_words=tuple(words[i]))
        for i, name in enumerate(NAMES))
    label = (Word("TOTAAL", 50, 80, words[TOTAL][0].top, words[TOTAL][0].bottom),
             Word("AMR", 82, 100, words[TOTAL][0].top, words[TOTAL][0].bottom))
    total = format_count(grid[TOTAL][-1])
    table = RegionTable(
        region="Zeeland", year=2020, quarter=4, columns=None, rows=rows,
        total_label="TOTAAL AMR", total_cells=tuple(w.text for w in words[TOTAL]),
        total_line_text="TOTAAL AMR", pages=(1,),
        footnote=RawFootnote("Zeeland", total, "100", f"{total} personen, 100%"),
        total_line=Line(1, (*label, *words[TOTAL])))
    report, reading = build_report(table, source="scan.pdf", with_pages=True)
    report = attrs.evolve(report, issues=(*reading, *validate(report)))
    page = CheckedPage(OcrPage(1, (), Image.new("L", (10, 10), 255), 200, 0.0), (),
                       tuple(cells))
    return report, table, {1: page}


def figures(report: RegionReport) -> list[list[int]]:
    return [[*row.counts, row.total] for row in report.rows] + [
        [*report.total.counts, report.total.total]]


def uncertain(report: RegionReport) -> list[tuple[int | None, int | None]]:
    return [(i.row, i.column_index) for i in report.issues if i.code == "ocr_uncertain"]


RIGHT = [[10, 20, 30], [40, 50, 90], [5, 5, 10], [55, 75, 130]]


def test_a_table_that_adds_up_is_marked_as_read_and_left_alone() -> None:
    report, table, pages = scanned(RIGHT, {})
    outcome = repair_report(report, table, pages)
    assert (figures(outcome.report), outcome.report.issues, outcome.repaired) == (RIGHT, (), ())


def test_a_reading_that_makes_both_its_row_and_its_column_add_up_replaces_the_misread_one(
) -> None:
    read = [[16, 20, 30], *RIGHT[1:]]  # Goes's 10 read as 16; one look read 10
    report, table, pages = scanned(read, {(0, 0): [10]})
    outcome = repair_report(report, table, pages)
    assert figures(outcome.report) == RIGHT
    assert outcome.repaired == (Repair(CellRef(0, 0), 16, 10),)
    assert outcome.report.issues == ()


def test_a_misread_total_line_figure_is_repaired_the_same_way() -> None:
    read = [*RIGHT[:3], [55, 15, 130]]  # TOTAAL's 75 read as 15
    report, table, pages = scanned(read, {(TOTAL, 1): [75]})
    outcome = repair_report(report, table, pages)
    assert figures(outcome.report) == RIGHT
    assert outcome.repaired == (Repair(CellRef(TOTAL_ROW, 1), 15, 75),)


def test_no_figure_is_computed_from_the_sums() -> None:
    read = [[16, 20, 30], *RIGHT[1:]]  # the sums say 10; no reading says so
    report, table, pages = scanned(read, {(0, 0): [17]})
    outcome = repair_report(report, table, pages)
    assert figures(outcome.report) == read
    assert outcome.repaired == ()
    assert [i.code for i in outcome.report.issues] == [
        "row_sum_mismatch", "column_sum_mismatch", "ocr_uncertain"]
    assert outcome.report.issues[-1].message == (
        "Goes, column 'column_1': the figure read by OCR as 16 is uncertain (its row and its "
        "column do not add up)")
    assert (outcome.report.issues[-1].municipality, outcome.report.issues[-1].column) == (
        "Goes", "column_1")


def test_a_reading_that_makes_only_its_row_add_up_is_not_accepted() -> None:
    # Goes's 10 read as 16 (a look read 10), Sluis's 5 read as 8 (no look read otherwise):
    # 10 makes Goes's row add up, but the column still does not
    read = [[16, 20, 30], RIGHT[1], [8, 5, 10], RIGHT[3]]
    report, table, pages = scanned(read, {(0, 0): [10]})
    outcome = repair_report(report, table, pages)
    assert figures(outcome.report) == read
    assert uncertain(outcome.report) == [(0, 0), (2, 0)]


def test_two_combinations_of_readings_that_both_add_up_change_nothing() -> None:
    # Goes's 10 read as 16 and Hulst's 50 as 56; but Goes's 20 might be 14 and Hulst's 40
    # 34 by other looks, which makes every sum add up just as well
    read = [[16, 20, 30], [40, 56, 90], *RIGHT[2:]]
    report, table, pages = scanned(read, {(0, 0): [10], (1, 1): [50], (0, 1): [14],
                                          (1, 0): [34]})
    outcome = repair_report(report, table, pages)
    assert figures(outcome.report) == read
    assert outcome.repaired == ()
    assert uncertain(outcome.report) == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_two_misread_figures_in_one_row_are_repaired_together() -> None:
    # Goes read as 16 + 26 = 30: its row fails, and so do both columns
    read = [[16, 26, 30], *RIGHT[1:]]
    report, table, pages = scanned(read, {(0, 0): [10], (0, 1): [20]})
    outcome = repair_report(report, table, pages)
    assert figures(outcome.report) == RIGHT
    assert outcome.repaired == (Repair(CellRef(0, 0), 16, 10), Repair(CellRef(0, 1), 26, 20))
    assert outcome.report.issues == ()


def test_a_failing_row_that_no_column_points_into_has_its_figures_named() -> None:
    # Goes's total read as 36 (a look read 30), and Hulst's as 84 (the looks agree): the
    # column of totals adds up by chance (36 + 84 + 10 = 130); both rows fail. Goes's
    # doubtful total is named; in Hulst's row nothing says which figure, so all are
    read = [[10, 20, 36], [40, 50, 84], *RIGHT[2:]]
    report, table, pages = scanned(read, {(0, 2): [30]})
    outcome = repair_report(report, table, pages)
    assert figures(outcome.report) == read
    assert [i.code for i in outcome.report.issues] == [
        "row_sum_mismatch", "row_sum_mismatch", *["ocr_uncertain"] * 4]
    assert uncertain(outcome.report) == [(0, 2), (1, 0), (1, 1), (1, 2)]
    assert outcome.report.issues[-1].message == (
        "Hulst, column 'total': the figure read by OCR as 84 is uncertain (its row does not "
        "add up)")
