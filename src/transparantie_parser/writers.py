"""Records -> CSV, JSON Lines and JSON, written as they arrive (a batch is never held whole).

Every tabular output (CSV, the workbook, the data frames) takes its columns from one
:class:`Layout` per table: :data:`MUNICIPALITIES` (a row per municipality), :data:`COUNTS`
(the long shape: a row per municipality and count column), :data:`REGIONS` (a row per region
table) and :data:`~transparantie_parser.problems.PROBLEM_FIELDS` (the problems list).

CSV is UTF-8 with RFC 4180 quoting (names contain commas); ``excel_nl`` switches to the
dialect Dutch Excel opens by double-click: ``;`` between fields, ``,`` in decimals and a BOM.
Text that a spreadsheet would run as a formula is written with a leading ``'``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, ClassVar, TextIO, cast

import attrs

from .problems import PROBLEM_FIELDS, Problem
from .records import RegionReport, worst_severity

__all__ = [
    "COUNTS",
    "ISSUE_FIELDS",
    "MUNICIPALITIES",
    "PROBLEMS",
    "REGIONS",
    "ROW_FIELDS",
    "TABLE_FIELDS",
    "CountCsvWriter",
    "CsvRowWriter",
    "CsvWriter",
    "JsonLinesWriter",
    "JsonListWriter",
    "Layout",
    "ProblemCsvWriter",
    "RegionCsvWriter",
    "Repeated",
    "ReportWriter",
    "Values",
    "csv_safe",
]

#: What identifies a table in every tabular output: its key, where it was read, its region
#: and quarter (``period`` as ``2020Q4``, and again as ``year`` and ``quarter``).
TABLE_FIELDS = ("table_id", "source", "page", "region", "period", "year", "quarter")
#: Columns of the municipality CSV before the counts; ``count_1``…``count_k``, ``total`` and
#: :data:`ISSUE_FIELDS` follow.
ROW_FIELDS = (*TABLE_FIELDS, "municipality")
DEFAULT_COUNT_COLUMNS = 4
# OWASP: cells starting with these are run as formulas by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """Text as a spreadsheet shows it, never runs it: a formula-like start gets a ``'``."""
    return "'" + text if text.startswith(_FORMULA_START) else text


@attrs.frozen
class Repeated:
    """Columns repeated once per count column: ``count_1`` ... ``count_k``."""

    prefix: str


#: A column, or a group of columns repeated per count column.
Field = str | Repeated

#: One output row before it is laid out: a value per field (text, a whole number, a
#: :class:`~decimal.Decimal` percentage or None), a sequence for a :class:`Repeated` field.
Values = Sequence[object]


@attrs.frozen
class Layout:
    """The columns of one tabular output and the rows one region table gives it."""

    fields: tuple[Field, ...]
    rows: Callable[[RegionReport], list[Values]]

    def header(self, k: int) -> list[str]:
        """The column names, with ``k`` columns per repeated field."""
        names: list[str] = []
        for field in self.fields:
            if isinstance(field, Repeated):
                names.extend(f"{field.prefix}{j + 1}" for j in range(k))
            else:
                names.append(field)
        return names

    def cells(self, values: Values, k: int) -> list[object]:
        """A row's values in columns, each repeated field padded with None to ``k``."""
        cells: list[object] = []
        for field, value in zip(self.fields, values, strict=True):
            if isinstance(field, Repeated):
                items = list(cast(Sequence[object], value))
                cells.extend([*items, *[None] * (k - len(items))])
            else:
                cells.append(value)
        return cells

    def read_back(self, cells: Sequence[str]) -> list[object]:
        """The values of a row as written (the inverse of :meth:`cells`, blanks of padding
        included): its repeated fields share what the other fields leave of its width, as a
        table wider than the file's header writes a longer row."""
        repeated = sum(isinstance(field, Repeated) for field in self.fields)
        k = (len(cells) - (len(self.fields) - repeated)) // repeated if repeated else 0
        values: list[object] = []
        position = 0
        for field in self.fields:
            width = k if isinstance(field, Repeated) else 1
            part = cells[position: position + width]
            values.append(list(part) if isinstance(field, Repeated) else part[0])
            position += width
        return values


def _codes(report: RegionReport) -> str:
    return " ".join(report.issue_codes)


def _table(report: RegionReport, page: int | None) -> list[object]:
    """The values of :data:`TABLE_FIELDS` for a row printed on ``page``."""
    return [report.table_id, report.source, page, report.region, report.period,
            report.quarter.year, report.quarter.number]


def _row_issues(report: RegionReport, index: int) -> list[object]:
    """The values of :data:`ISSUE_FIELDS` for row ``index``: the table's codes, the row's
    own (:meth:`RegionReport.row_issue_codes`) and their worst severity (empty for none)."""
    own = report.row_issue_codes(index)
    return [_codes(report), " ".join(own), worst_severity(own) or ""]


def _municipality_rows(report: RegionReport) -> list[Values]:
    return [[*_table(report, row.page), row.municipality, row.counts, row.total,
             *_row_issues(report, i)]
            for i, row in enumerate(report.rows)]


def _count_rows(report: RegionReport) -> list[Values]:
    return [[*_table(report, row.page), row.municipality, j + 1, label, count,
             *_row_issues(report, i)]
            for i, row in enumerate(report.rows)
            for j, (label, count) in enumerate(zip(report.columns, row.counts, strict=True))]


def _region_rows(report: RegionReport) -> list[Values]:
    return [[
        report.table_id, report.source, " ".join(str(p) for p in report.pages), report.region,
        report.period, report.quarter.year, report.quarter.number, report.columns,
        report.total.label, report.total.counts, report.total.total, report.register_total,
        report.known_pct, report.computed_pct, _codes(report), report.reading,
        report.repaired, report.severity or "", report.structure,
        " | ".join(report.structure_notes),
    ]]


#: What every municipality row says of its issues: the distinct codes of its table, those
#: of the issues that concern the row (that name it, or put every row in doubt) and the
#: worst severity of those (``error``, ``note``; empty when none): ``severity != "error"``
#: keeps the rows whose figures and names can be trusted.
ISSUE_FIELDS = ("table_issues", "row_issues", "severity")
#: A row per municipality: ``table_id, source, page, region, period, year, quarter,
#: municipality, count_1 … count_k, total, table_issues, row_issues, severity``.
MUNICIPALITIES = Layout((*ROW_FIELDS, Repeated("count_"), "total", *ISSUE_FIELDS),
                        _municipality_rows)
#: The long (tidy) shape: a row per municipality and count column, with the column's number
#: (1 for ``count_1``), its label as printed in ``column`` (``column_1`` when the page prints
#: none, as in the problems list) and the count. Row totals are left out: they are what the
#: counts sum to.
COUNTS = Layout((*ROW_FIELDS, "column_number", "column", "count", *ISSUE_FIELDS),
                _count_rows)
#: A row per region table: its printed column labels, the TOTAAL AMR line, the footnote,
#: the share computed from them, the distinct issue codes, how it was read (``reading``:
#: ``text`` or ``ocr``; ``repaired``: figures the OCR misread and put right), the worst
#: severity of its issues (empty when none), and what a tagged PDF's structure tree said
#: (``structure``; ``structure_notes`` where it differed).
REGIONS = Layout(("table_id", "source", "pages", "region", "period", "year", "quarter",
                  Repeated("label_"), "total_label", Repeated("total_count_"), "grand_total",
                  "register_total", "known_pct", "computed_pct", "issues", "reading",
                  "repaired", "severity", "structure", "structure_notes"), _region_rows)
#: The problems list (:mod:`transparantie_parser.problems`); it has no rows of tables.
PROBLEMS = Layout(PROBLEM_FIELDS, lambda _report: [])


class ReportWriter:
    """Takes the tables (:meth:`write`) and problems (:meth:`write_problem`) of a batch as
    they come; :meth:`close` finishes the document (a stream given stays open)."""

    def write(self, report: RegionReport) -> None:
        raise NotImplementedError

    def write_problem(self, problem: Problem) -> None:
        """A file that failed or a table issue; only a problems list has a place for it."""

    def close(self) -> None:
        """Finish the document."""


class CsvWriter(ReportWriter):
    """CSV of a :class:`Layout`, with ``count_columns`` columns per repeated field.

    A table with more counts than that (rare: the publication prints four) widens the file:
    :meth:`close` rewrites what was written, when the stream can be read back, so that every
    row has the same columns; otherwise it leaves the rows longer than the header and sets
    :attr:`ragged`.
    """

    layout: ClassVar[Layout] = MUNICIPALITIES

    def __init__(self, stream: TextIO, *, excel_nl: bool = False,
                 count_columns: int = DEFAULT_COUNT_COLUMNS) -> None:
        self.stream = stream
        self.excel_nl = excel_nl
        self.count_columns = count_columns
        self.widest = count_columns
        self.ragged = False
        self._csv = csv.writer(stream, delimiter=self._delimiter, lineterminator="\r\n",
                               quoting=csv.QUOTE_MINIMAL)
        self._start()

    @property
    def _delimiter(self) -> str:
        return ";" if self.excel_nl else ","

    def _start(self) -> None:
        if self.excel_nl:
            self.stream.write("\ufeff")  # the BOM tells Excel the file is UTF-8
        self._csv.writerow(self.layout.header(self.count_columns))

    def _text(self, value: object) -> str:
        """A value as CSV text: numbers plainly (``,`` decimals for Dutch Excel)."""
        if value is None:
            return ""
        if isinstance(value, str):
            return csv_safe(value)
        if isinstance(value, Decimal) and self.excel_nl:
            return str(value).replace(".", ",")
        return str(value)

    def _write_values(self, values: Values) -> None:
        cells = self.layout.cells(values, self.count_columns)
        self._csv.writerow([self._text(cell) for cell in cells])

    def write(self, report: RegionReport) -> None:
        self.widest = max(self.widest, len(report.columns))
        for values in self.layout.rows(report):
            self._write_values(values)

    def close(self) -> None:
        if self.widest <= self.count_columns:
            return
        if self.stream.seekable() and self.stream.readable():
            self._widen()
        else:
            self.ragged = True

    def _widen(self) -> None:
        """Rewrite what was written with as many columns per repeated field as the widest
        table had."""
        stream = self.stream
        stream.seek(0)
        text = io.StringIO(stream.read().lstrip("\ufeff"), newline="")
        written = list(csv.reader(text, delimiter=self._delimiter))[1:]
        stream.seek(0)
        stream.truncate()
        self.count_columns = self.widest
        self._start()
        for cells in written:
            values = self.layout.read_back(cells)
            # the cells are written text already: padding only
            self._csv.writerow(["" if cell is None else cell
                                for cell in self.layout.cells(values, self.count_columns)])


class CsvRowWriter(CsvWriter):
    """One CSV row per municipality (:data:`MUNICIPALITIES`); the same columns for every
    file of a batch."""

    layout = MUNICIPALITIES


class CountCsvWriter(CsvWriter):
    """The long shape (:data:`COUNTS`): one CSV row per municipality and count column."""

    layout = COUNTS


class RegionCsvWriter(CsvWriter):
    """One CSV row per region table (:data:`REGIONS`)."""

    layout = REGIONS


class ProblemCsvWriter(CsvWriter):
    """The problems list as CSV: a row per failed file and per table issue
    (:data:`~transparantie_parser.problems.PROBLEM_FIELDS`)."""

    layout = PROBLEMS

    def write(self, report: RegionReport) -> None:
        """Tables come with their problems (:meth:`write_problem`); nothing else to write."""

    def write_problem(self, problem: Problem) -> None:
        self._write_values(problem.values())


def _json(report: RegionReport, indent: int | None = None) -> str:
    data: dict[str, Any] = report.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=indent)


class JsonLinesWriter(ReportWriter):
    """One JSON object per line: exactly :meth:`RegionReport.to_dict`."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, report: RegionReport) -> None:
        self.stream.write(_json(report) + "\n")


class JsonListWriter(ReportWriter):
    """A JSON array of :meth:`RegionReport.to_dict` objects."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._first = True
        stream.write("[")

    def write(self, report: RegionReport) -> None:
        self.stream.write("\n" if self._first else ",\n")
        self._first = False
        self.stream.write(_json(report))

    def close(self) -> None:
        self.stream.write("]\n" if self._first else "\n]\n")
