"""The Excel workbook, read back cell by cell: values and their types, percentage formats,
the frozen and filtered header row, column widths, text that stays text."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import transparantie_parser as tp
from transparantie_parser import workbook
from transparantie_parser.workbook import WorkbookWriter

from .sample_reports import FRIESLAND_ID, PROBLEMS, REPORTS, ZEELAND_ID

FRIESLAND_PDF, ZEELAND_PDF = "archief/friesland.pdf", "archief/zeeland.pdf"
ZEELAND_CODES = "row_sum_mismatch column_sum_mismatch"

MUNICIPALITIES = [
    ["table_id", "source", "page", "region", "period", "year", "quarter", "municipality",
     "count_1", "count_2", "count_3", "count_4", "total", "table_issues", "row_issues",
     "severity"],
    [FRIESLAND_ID, FRIESLAND_PDF, 3, "Friesland", "2021Q2", 2021, 2, "Súdwest-Fryslân",
     10, 20, 30, 40, 100, None, None, None],
    [FRIESLAND_ID, FRIESLAND_PDF, 3, "Friesland", "2021Q2", 2021, 2, "=1+1",
     1, 2, 3, 4, 10, None, None, None],
    [ZEELAND_ID, ZEELAND_PDF, 1, "Zeeland", "2020Q4", 2020, 4, "Goes", 1, 2, 3, 4, 11,
     ZEELAND_CODES, "row_sum_mismatch", "error"],
    [ZEELAND_ID, ZEELAND_PDF, 2, "Zeeland", "2020Q4", 2020, 4, "Vlissingen", 5, 5, 5, 5, 20,
     ZEELAND_CODES, None, None],
]
REGIONS = [
    ["table_id", "source", "pages", "region", "period", "year", "quarter", "label_1",
     "label_2", "label_3", "label_4", "total_label", "total_count_1", "total_count_2",
     "total_count_3", "total_count_4", "grand_total", "register_total", "known_pct",
     "computed_pct", "issues", "reading", "repaired", "severity", "structure",
     "structure_notes"],
    [FRIESLAND_ID, FRIESLAND_PDF, "3", "Friesland", "2021Q2", 2021, 2, "Zonder profiel",
     "Profiel niet zichtbaar", "Zichtbaar", "Actueel", "TOTAAL AMR", 11, 22, 33, 44, 110, 160,
     0.688, 0.6875, None, "text", 0, None, "none", None],
    [ZEELAND_ID, ZEELAND_PDF, "1 2", "Zeeland", "2020Q4", 2020, 4, "a", "b", "c", "d",
     "TOTAAL AMR", 6, 7, 8, 9, 30, 40, 0.75, 0.75, ZEELAND_CODES, "text", 0, "error", "none",
     None],
]
PROBLEM_ROWS = [
    ["source", "page", "table_id", "region", "period", "code", "message", "municipality",
     "column", "severity"],
    ["archief/kapot.pdf", None, None, None, None, "damaged",
     "is damaged: no end-of-file marker (%%EOF) in its last 1024 bytes", None, None, "error"],
    [ZEELAND_PDF, 1, ZEELAND_ID, "Zeeland", "2020Q4", "row_sum_mismatch",
     "Goes: the counts 1 + 2 + 3 + 4 sum to 10, but the row total is 11", "Goes", None,
     "error"],
    [ZEELAND_PDF, 2, ZEELAND_ID, "Zeeland", "2020Q4", "column_sum_mismatch",
     "column 'total': the row totals sum to 31, but TOTAAL AMR has 30", None, "total",
     "error"],
]


def written(shape: workbook.Shape = "wide") -> bytes:
    buffer = io.BytesIO()
    writer = WorkbookWriter(buffer, shape=shape)
    for report in REPORTS:
        writer.write(report)
    for problem in PROBLEMS:
        writer.write_problem(problem)
    writer.close()
    return buffer.getvalue()


def load(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def values(sheet: Any) -> list[list[object]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture(scope="module")
def book() -> Any:
    return load(written())


def test_workbook_has_a_sheet_for_municipalities_regions_and_problems(book: Any) -> None:
    assert book.sheetnames == ["municipalities", "regions", "problems"]


def test_municipality_sheet_holds_every_row_cell_by_cell(book: Any) -> None:
    assert values(book["municipalities"]) == MUNICIPALITIES


def test_region_sheet_holds_every_table_cell_by_cell(book: Any) -> None:
    assert values(book["regions"]) == REGIONS


def test_problem_sheet_holds_failed_files_and_table_issues(book: Any) -> None:
    assert values(book["problems"]) == PROBLEM_ROWS


def test_counts_are_numbers_and_text_is_text_even_when_it_looks_like_a_formula(
    book: Any
) -> None:
    sheet = book["municipalities"]
    # table_id, source, page, region, period, year, quarter, municipality, counts, total
    assert [cell.data_type for cell in sheet[3]][:13] == [
        "s", "s", "n", "s", "s", "n", "n", "s", "n", "n", "n", "n", "n"]
    assert sheet["H3"].value == "=1+1" and sheet["H3"].data_type == "s"
    assert sheet["N3"].value is None  # no issues: an empty cell


def test_percentages_are_numbers_shown_with_the_decimals_they_have(book: Any) -> None:
    sheet = book["regions"]
    assert [(c.value, c.number_format) for c in (sheet["S2"], sheet["T2"], sheet["S3"],
                                                 sheet["T3"])] == [
        (0.688, "0.0%"), (0.6875, "0.00%"), (0.75, "0%"), (0.75, "0%")]


@pytest.mark.parametrize(("name", "filtered"), [
    ("municipalities", "A1:P5"), ("regions", "A1:Z3"), ("problems", "A1:J4")])
def test_header_row_is_bold_frozen_and_filtered(book: Any, name: str, filtered: str) -> None:
    sheet = book[name]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == filtered
    assert all(cell.font.b for cell in sheet[1])


def test_columns_are_as_wide_as_their_text_with_room_for_the_filter_button(book: Any) -> None:
    def width(sheet: str, column: str) -> int:
        return int(book[sheet].column_dimensions[column].width)

    assert width("municipalities", "A") == len(FRIESLAND_ID) + 1
    assert width("municipalities", "C") == len("page") + 3
    assert width("municipalities", "H") == len("Súdwest-Fryslân") + 1
    assert width("municipalities", "N") == len(ZEELAND_CODES) + 1
    assert width("regions", "S") == len("known_pct") + 3
    assert width("problems", "G") == 60  # capped: messages are long


def test_long_shape_has_a_counts_sheet_with_a_row_per_count(tmp_path: Path) -> None:
    book = load(written("long"))
    assert book.sheetnames == ["counts", "regions", "problems"]
    rows = values(book["counts"])
    assert rows[0] == ["table_id", "source", "page", "region", "period", "year", "quarter",
                       "municipality", "column_number", "column", "count", "table_issues",
                       "row_issues", "severity"]
    assert rows[1:5] == [
        [FRIESLAND_ID, FRIESLAND_PDF, 3, "Friesland", "2021Q2", 2021, 2, "Súdwest-Fryslân",
         j + 1, label, count, None, None, None]
        for j, (label, count) in enumerate(zip(
            ["Zonder profiel", "Profiel niet zichtbaar", "Zichtbaar", "Actueel"],
            [10, 20, 30, 40], strict=True))]
    assert len(rows) == 1 + 4 * 4
    assert rows[-1] == [ZEELAND_ID, ZEELAND_PDF, 2, "Zeeland", "2020Q4", 2020, 4, "Vlissingen",
                        4, "d", 5, ZEELAND_CODES, None, None]


def test_a_wider_table_widens_the_header_of_every_sheet() -> None:
    five = tp.parse_text(
        "Eerste kwartaal 2021 Drenthe\nAssen 1 2 3 4 5 15\nTOTAAL AMR 1 2 3 4 5 15\n")
    buffer = io.BytesIO()
    writer = WorkbookWriter(buffer)
    writer.write(REPORTS[0])
    writer.write(five[0])
    writer.close()
    book = load(buffer.getvalue())
    rows = values(book["municipalities"])
    assert rows[0][8:15] == ["count_1", "count_2", "count_3", "count_4", "count_5", "total",
                             "table_issues"]
    assert rows[1][8:14] == [10, 20, 30, 40, None, 100]
    assert rows[3][7:14] == ["Assen", 1, 2, 3, 4, 5, 15]
    assert values(book["regions"])[0][7:13] == [
        "label_1", "label_2", "label_3", "label_4", "label_5", "total_label"]


def test_the_same_tables_give_the_same_bytes() -> None:
    assert written() == written()


def test_a_sheet_past_excel_row_limit_says_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook, "EXCEL_MAX_ROWS", 3)
    writer = WorkbookWriter(io.BytesIO())
    with pytest.raises(tp.TransparantieError) as caught:
        for report in REPORTS:
            writer.write(report)
    assert caught.value.code == "too_large"
    assert str(caught.value) == ("more than 2 rows for the 'municipalities' sheet, Excel's "
                                 "limit: write CSV instead")


def test_without_xlsxwriter_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "xlsxwriter", None)  # as if not installed
    with pytest.raises(tp.MissingExtraError) as caught:
        WorkbookWriter(io.BytesIO())
    assert str(caught.value) == (
        "writing an Excel workbook (.xlsx) needs XlsxWriter, which is not installed: add the "
        "'excel' extra (pip install -e '.[excel]' in the project folder) or install it alone "
        f"({sys.executable} -m pip install XlsxWriter)")
    assert isinstance(caught.value, ImportError)


def test_write_workbook_puts_the_reports_issues_on_the_problem_sheet(tmp_path: Path) -> None:
    path = tmp_path / "rapporten.xlsx"
    workbook.write_workbook(str(path), REPORTS)
    book = openpyxl.load_workbook(path)
    assert values(book["municipalities"]) == MUNICIPALITIES
    assert values(book["problems"]) == [PROBLEM_ROWS[0], *PROBLEM_ROWS[2:]]
