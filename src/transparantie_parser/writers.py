"""Records -> CSV, JSON Lines and JSON, written as they arrive (a batch is never held whole).

CSV is UTF-8 with RFC 4180 quoting (names contain commas); ``excel_nl`` switches to the
dialect Dutch Excel opens by double-click: ``;`` between fields, ``,`` in decimals and a BOM.
Text that a spreadsheet would run as a formula is written with a leading ``'``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, TextIO

from .records import RegionReport

__all__ = [
    "ROW_FIELDS",
    "CsvRowWriter",
    "JsonLinesWriter",
    "JsonListWriter",
    "RegionCsvWriter",
    "ReportWriter",
    "csv_safe",
]

#: Columns of the municipality CSV before the counts; ``count_1``…``count_k`` and ``total``
#: follow.
ROW_FIELDS = ("source", "page", "region", "year", "quarter", "municipality")
DEFAULT_COUNT_COLUMNS = 4
# OWASP: cells starting with these are run as formulas by spreadsheets.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(text: str) -> str:
    """Text as a spreadsheet shows it, never runs it: a formula-like start gets a ``'``."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _cell(value: object) -> object:
    return csv_safe(value) if isinstance(value, str) else ("" if value is None else value)


class ReportWriter:
    """Writes reports to a text stream, one at a time; ``close`` finishes the document."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, report: RegionReport) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the document (the stream stays open)."""


class _CsvWriter(ReportWriter):
    def __init__(self, stream: TextIO, *, excel_nl: bool = False) -> None:
        super().__init__(stream)
        self.excel_nl = excel_nl
        if excel_nl:
            stream.write("\ufeff")
        self._csv = csv.writer(stream, delimiter=";" if excel_nl else ",",
                               lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)

    def _row(self, values: Sequence[object]) -> None:
        self._csv.writerow([_cell(v) for v in values])

    def _decimal(self, value: float | None) -> str:
        if value is None:
            return ""
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if self.excel_nl else text


class CsvRowWriter(_CsvWriter):
    """One CSV row per municipality: ``source, page, region, year, quarter, municipality,
    count_1 … count_k, total``; the same columns for every file of a batch.

    ``count_columns`` is how many count columns the header names; a table with more widens
    the file (see :attr:`widest`), which the caller fixes with :func:`widen_csv`.
    """

    def __init__(self, stream: TextIO, *, excel_nl: bool = False,
                 count_columns: int = DEFAULT_COUNT_COLUMNS) -> None:
        super().__init__(stream, excel_nl=excel_nl)
        self.count_columns = count_columns
        self.widest = count_columns
        self._row(header(count_columns))

    def write(self, report: RegionReport) -> None:
        k = len(report.columns)
        self.widest = max(self.widest, k)
        for row in report.rows:
            counts: list[object] = list(row.counts)
            counts += [""] * (self.count_columns - k)
            self._row([report.source, row.page, report.region, report.quarter.year,
                       report.quarter.number, row.municipality, *counts, row.total])


def header(count_columns: int) -> list[str]:
    return [*ROW_FIELDS, *(f"count_{j + 1}" for j in range(count_columns)), "total"]


class RegionCsvWriter(_CsvWriter):
    """One CSV row per region table: where it came from, its printed column labels, the
    TOTAAL AMR line, the footnote, the share computed from them and the issue codes."""

    def __init__(self, stream: TextIO, *, excel_nl: bool = False,
                 count_columns: int = DEFAULT_COUNT_COLUMNS) -> None:
        super().__init__(stream, excel_nl=excel_nl)
        self.count_columns = count_columns
        k = range(1, count_columns + 1)
        self._row(["source", "pages", "region", "year", "quarter",
                   *(f"label_{j}" for j in k), "total_label", *(f"total_count_{j}" for j in k),
                   "total", "register_total", "known_pct", "computed_pct", "issues"])

    def write(self, report: RegionReport) -> None:
        pad = [""] * (self.count_columns - len(report.columns))
        share: Fraction | None = report.computed_pct
        self._row([
            report.source, " ".join(str(p) for p in report.pages), report.region,
            report.quarter.year, report.quarter.number, *report.columns, *pad,
            report.total.label, *report.total.counts, *pad, report.total.total,
            report.register_total,
            self._decimal(None if report.known_pct is None else float(report.known_pct)),
            self._decimal(None if share is None else float(share)),
            " ".join(issue.code for issue in report.issues),
        ])


def _json(report: RegionReport, indent: int | None = None) -> str:
    data: dict[str, Any] = report.to_dict()
    return json.dumps(data, ensure_ascii=False, indent=indent)


class JsonLinesWriter(ReportWriter):
    """One JSON object per line: exactly :meth:`RegionReport.to_dict`."""

    def write(self, report: RegionReport) -> None:
        self.stream.write(_json(report) + "\n")


class JsonListWriter(ReportWriter):
    """A JSON array of :meth:`RegionReport.to_dict` objects."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__(stream)
        self._first = True
        stream.write("[")

    def write(self, report: RegionReport) -> None:
        self.stream.write("\n" if self._first else ",\n")
        self._first = False
        self.stream.write(_json(report))

    def close(self) -> None:
        self.stream.write("]\n" if self._first else "\n]\n")
