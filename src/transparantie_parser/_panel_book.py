"""The panel as an Excel workbook: the ``panel`` sheet (the CSV's columns), a ``findings``
sheet (the problems list's columns), a ``shares`` sheet (per region, each count column's
share of the region's total and the share known in Sonar, by period) and a ``charts`` sheet
with a native Excel line chart per region drawn from ``shares``, so that opening the file
shows the trend. Needs the ``excel`` extra (XlsxWriter); no image library.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, BinaryIO

from ._extras import require
from .panels import PANEL_FIELDS, TOTAL_MEASURE, TOTALS_ROW, Panel, PanelRow
from .problems import PROBLEM_FIELDS

__all__ = ["write_panel_workbook"]

# A fixed creation time: the same panel gives the same bytes on every run.
_CREATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
# Chart size in cells (XlsxWriter's default is 8 x 15) and the rows between two charts.
_CHART_WIDTH_PX, _CHART_HEIGHT_PX = 720, 300
_CHART_ROWS = 16
# Column widths in characters: names, measures, figures.
_TEXT_WIDTH, _FIGURE_WIDTH = 28, 10


def _share(part: int | Decimal | None, whole: int | Decimal | None) -> float | None:
    if part is None or not whole:
        return None
    return float(Fraction(int(part), int(whole)))


class _Book:
    def __init__(self, target: str | BinaryIO) -> None:
        xlsxwriter = require("xlsxwriter", package="XlsxWriter", extra="excel",
                             purpose="writing an Excel workbook (.xlsx)")
        self.book = xlsxwriter.Workbook(target)
        self.book.set_properties({"created": _CREATED})
        self.bold = self.book.add_format({"bold": True})
        self.formats: dict[str, Any] = {}

    def format(self, number_format: str) -> Any:
        if number_format not in self.formats:
            self.formats[number_format] = self.book.add_format({"num_format": number_format})
        return self.formats[number_format]

    def header(self, sheet: Any, names: list[str], text_columns: int) -> None:
        for col, name in enumerate(names):
            sheet.write_string(0, col, name, self.bold)
        sheet.set_column(0, text_columns - 1, _TEXT_WIDTH)
        sheet.set_column(text_columns, max(text_columns, len(names) - 1), _FIGURE_WIDTH)
        sheet.freeze_panes(1, text_columns)

    def value(self, sheet: Any, row: int, col: int, value: object) -> None:
        if value is None or value == "":
            return
        if isinstance(value, str):
            sheet.write_string(row, col, value)
        elif isinstance(value, Decimal):  # a printed percentage: 71 is the number 0.71
            places = max(0, -int(value.as_tuple().exponent))
            sheet.write_number(row, col, float(value / 100),
                               self.format("0." + "0" * places + "%" if places else "0%"))
        elif isinstance(value, int):
            sheet.write_number(row, col, value)
        else:
            raise TypeError(f"no cell type for {value!r}")


def _panel_sheet(book: _Book, result: Panel) -> None:
    sheet = book.book.add_worksheet("panel")
    book.header(sheet, [*PANEL_FIELDS, *result.periods], len(PANEL_FIELDS))
    for r, row in enumerate(result.rows, start=1):
        for c, value in enumerate((row.region, row.municipality, row.measure, *row.values)):
            book.value(sheet, r, c, value)
    sheet.autofilter(0, 0, max(len(result.rows), 1), len(PANEL_FIELDS) + len(result.periods) - 1)


def _findings_sheet(book: _Book, result: Panel) -> None:
    sheet = book.book.add_worksheet("findings")
    book.header(sheet, list(PROBLEM_FIELDS), 0)
    for r, finding in enumerate(result.findings, start=1):
        for c, value in enumerate(finding.problem().values()):
            book.value(sheet, r, c, value)
    if not result.findings:
        sheet.write_string(1, 0, "no findings between quarters")


def _column_shares(rows: Sequence[PanelRow]) -> list[tuple[str, list[float | None]]]:
    """Each count column's share of the region's total, quarter by quarter."""
    totals = {row.measure: row for row in rows if row.municipality == TOTALS_ROW}
    whole = totals.get(TOTAL_MEASURE)
    if whole is None:
        return []
    return [(measure, [_share(v, w) for v, w in zip(row.values, whole.values, strict=True)])
            for measure, row in totals.items() if measure != TOTAL_MEASURE]


def _known_shares(rows: Sequence[PanelRow]) -> list[tuple[str, list[float | None]]]:
    """The share known in Sonar, quarter by quarter, as a fraction; none without one."""
    known = next((row for row in rows if row.municipality == "" and row.measure == "known_pct"),
                 None)
    if known is None:
        return []
    return [("known_pct", [None if v is None else float(Decimal(v) / 100)
                           for v in known.values])]


def _share_rows(result: Panel, region: str) -> list[tuple[str, list[float | None]]]:
    """A region's chart lines: each count column's share of the total, then known_pct."""
    rows = [row for row in result.rows if row.region == region]
    return [*_column_shares(rows), *_known_shares(rows)]


def _share_sheets(book: _Book, result: Panel) -> None:
    shares = book.book.add_worksheet("shares")
    charts = book.book.add_worksheet("charts")
    book.header(shares, ["region", "measure", *result.periods], 2)
    last_col = 1 + len(result.periods)
    pct = book.format("0.0%")
    line = 1
    for n, region in enumerate(result.regions):
        chart = book.book.add_chart({"type": "line"})
        for measure, values in _share_rows(result, region):
            shares.write_string(line, 0, region)
            shares.write_string(line, 1, measure)
            for col, value in enumerate(values, start=2):
                if value is not None:
                    shares.write_number(line, col, value, pct)
            chart.add_series({
                "name": ["shares", line, 1],
                "categories": ["shares", 0, 2, 0, last_col],
                "values": ["shares", line, 2, line, last_col],
                "marker": {"type": "circle"},
            })
            line += 1
        chart.set_title({"name": f"{region}: share of the total by column, and known in Sonar"})
        chart.set_y_axis({"num_format": "0%", "min": 0})
        chart.show_blanks_as("gap")
        chart.set_size({"width": _CHART_WIDTH_PX, "height": _CHART_HEIGHT_PX})
        charts.insert_chart(n * _CHART_ROWS, 0, chart)


def write_panel_workbook(target: str | BinaryIO, result: Panel) -> None:
    """Write ``result`` to ``target`` (a path or a binary file object) as ``.xlsx``.

    Raises :class:`~transparantie_parser.MissingExtraError` without XlsxWriter.
    """
    book = _Book(target)
    _panel_sheet(book, result)
    _findings_sheet(book, result)
    _share_sheets(book, result)
    book.book.close()
