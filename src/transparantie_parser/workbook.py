"""An Excel workbook (``.xlsx``) of a batch: sheets ``municipalities`` (or ``counts`` in the
long shape), ``regions`` and ``problems``, with the columns of the CSV files
(:mod:`transparantie_parser.writers`).

Counts are numbers, percentages are numbers with a ``%`` format (71 % is the number 0.71,
shown with as many decimals as it has), text is text (never run as a formula, so no ``'`` is
added). Each sheet's header row is frozen and has a filter; columns are as wide as what they
hold. Needs the ``excel`` extra (XlsxWriter).

>>> from transparantie_parser.workbook import WorkbookWriter
>>> writer = WorkbookWriter("archief.xlsx")  # doctest: +SKIP
>>> for report in reports:  # doctest: +SKIP
...     writer.write(report)
>>> writer.close()  # doctest: +SKIP
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, BinaryIO, Literal

from ._extras import require
from ._numbers import format_count
from .errors import TransparantieError
from .problems import Problem, table_problems
from .records import RegionReport
from .writers import (
    COUNTS,
    DEFAULT_COUNT_COLUMNS,
    MUNICIPALITIES,
    PROBLEMS,
    REGIONS,
    Layout,
    ReportWriter,
    Values,
)

__all__ = ["EXCEL_MAX_ROWS", "Shape", "WorkbookWriter", "write_workbook"]

#: ``wide``: a row per municipality; ``long``: a row per municipality and count column.
Shape = Literal["wide", "long"]
#: Rows of one Excel sheet, header included (Excel's own limit).
EXCEL_MAX_ROWS = 1_048_576
# Column widths in characters: room for the filter button beside a header, and a cap so
# that a long message does not push every other column off the screen.
_FILTER_BUTTON = 3
_MAX_WIDTH = 60
# A fixed creation time: the same batch gives the same bytes on every run.
_CREATED = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def _pct_format(value: Decimal) -> str:
    """A percentage format with as many decimals as ``value`` has: ``0%``, ``0.0%``, ..."""
    places = max(0, -int(value.as_tuple().exponent))
    return "0." + "0" * places + "%" if places else "0%"


def _shown(value: object) -> str:
    """The text a cell shows, to fit the column's width to."""
    if isinstance(value, Decimal):
        return f"{value}%"
    return "" if value is None else str(value)


class _Sheet:
    """One worksheet. Its rows are kept until :meth:`finish`, when the widest table is known
    and every row can be laid out with as many count columns as the header."""

    def __init__(self, book: Any, name: str, layout: Layout) -> None:
        self.book = book
        self.sheet = book.add_worksheet(name)
        self.name = name
        self.layout = layout
        self.count_columns = DEFAULT_COUNT_COLUMNS
        self.rows: list[Values] = []
        self.formats: dict[str, Any] = {}

    def add(self, values: Values, count_columns: int) -> None:
        if len(self.rows) + 1 >= EXCEL_MAX_ROWS:
            raise TransparantieError(
                "too_large", f"more than {format_count(EXCEL_MAX_ROWS - 1)} rows for the "
                f"{self.name!r} sheet, Excel's limit: write CSV instead")
        self.count_columns = max(self.count_columns, count_columns)
        self.rows.append(values)

    def _format(self, number_format: str) -> Any:
        if number_format not in self.formats:
            self.formats[number_format] = self.book.add_format({"num_format": number_format})
        return self.formats[number_format]

    def _cell(self, row: int, col: int, value: object) -> None:
        if value is None or value == "":
            return  # an empty cell, which Excel's ISBLANK and filters know as such
        if isinstance(value, str):
            self.sheet.write_string(row, col, value)  # text, even if it starts with '='
        elif isinstance(value, Decimal):
            self.sheet.write_number(row, col, float(value / 100), self._format(_pct_format(value)))
        elif isinstance(value, int):
            self.sheet.write_number(row, col, value)
        else:
            raise TypeError(f"no cell type for {value!r}")

    def finish(self, bold: Any) -> None:
        header = self.layout.header(self.count_columns)
        widths = [len(name) + _FILTER_BUTTON for name in header]
        for col, name in enumerate(header):
            self.sheet.write_string(0, col, name, bold)
        for row, values in enumerate(self.rows, start=1):
            for col, value in enumerate(self.layout.cells(values, self.count_columns)):
                self._cell(row, col, value)
                widths[col] = max(widths[col], len(_shown(value)) + 1)
        for col, width in enumerate(widths):
            self.sheet.set_column(col, col, min(width, _MAX_WIDTH))
        self.sheet.freeze_panes(1, 0)
        self.sheet.autofilter(0, 0, max(len(self.rows), 1), len(header) - 1)


class WorkbookWriter(ReportWriter):
    """Writes the tables and problems of a batch to one ``.xlsx`` workbook.

    ``target`` is a path or a binary file object; the workbook is written to it by
    :meth:`close`. ``shape="long"`` makes the first sheet ``counts``
    (:data:`~transparantie_parser.writers.COUNTS`) instead of ``municipalities``. Table
    issues go to the ``problems`` sheet as the tables come; failed files come through
    :meth:`write_problem`.

    Raises :class:`~transparantie_parser.MissingExtraError` without XlsxWriter.
    """

    def __init__(self, target: str | BinaryIO, *, shape: Shape = "wide") -> None:
        xlsxwriter = require("xlsxwriter", package="XlsxWriter", extra="excel",
                             purpose="writing an Excel workbook (.xlsx)")
        # rows are written in order at close(): each sheet streams them to a temporary file
        self.book = xlsxwriter.Workbook(target, {"constant_memory": True})
        self.book.set_properties({"created": _CREATED})
        first = ("counts", COUNTS) if shape == "long" else ("municipalities", MUNICIPALITIES)
        self.rows = _Sheet(self.book, *first)
        self.regions = _Sheet(self.book, "regions", REGIONS)
        self.problems = _Sheet(self.book, "problems", PROBLEMS)

    def write(self, report: RegionReport) -> None:
        width = len(report.columns)
        for values in self.rows.layout.rows(report):
            self.rows.add(values, width)
        for values in REGIONS.rows(report):
            self.regions.add(values, width)

    def write_problem(self, problem: Problem) -> None:
        self.problems.add(problem.values(), 0)

    def close(self) -> None:
        bold = self.book.add_format({"bold": True})
        for sheet in (self.rows, self.regions, self.problems):
            sheet.finish(bold)
        self.book.close()


def write_workbook(target: str | BinaryIO, reports: list[RegionReport], *,
                   shape: Shape = "wide") -> None:
    """The workbook of ``reports``, their issues on the ``problems`` sheet."""
    writer = WorkbookWriter(target, shape=shape)
    for report in reports:
        writer.write(report)
        for problem in table_problems(report):
            writer.write_problem(problem)
    writer.close()
