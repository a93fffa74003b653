"""Records -> CSV, JSON Lines and JSON, written as they arrive (a batch is never held whole).

CSV is UTF-8 with RFC 4180 quoting (names contain commas); ``excel_nl`` switches to the
dialect Dutch Excel opens by double-click: ``;`` between fields, ``,`` in decimals and a BOM.
Text that a spreadsheet would run as a formula is written with a leading ``'``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, TextIO

from .records import RegionReport

__all__ = [
    "ROW_FIELDS",
    "CsvRowWriter",
    "CsvWriter",
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


def _pad(values: Sequence[object], width: int) -> list[object]:
    return [*values, *[""] * (width - len(values))]


class CsvWriter(ReportWriter):
    """CSV with ``count_columns`` columns per group of counts. A table with more counts
    than that widens its own rows (see :attr:`widest`); :meth:`widen` mends the file at the
    end so every row has the same columns. Rare: the publication prints four counts."""

    def __init__(self, stream: TextIO, *, excel_nl: bool = False,
                 count_columns: int = DEFAULT_COUNT_COLUMNS) -> None:
        super().__init__(stream)
        self.excel_nl = excel_nl
        self.count_columns = count_columns
        self.widest = count_columns
        if excel_nl:
            stream.write("\ufeff")
        self._csv = csv.writer(stream, delimiter=";" if excel_nl else ",",
                               lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        self._csv.writerow(self._header(count_columns))

    def _header(self, k: int) -> list[str]:
        raise NotImplementedError

    def _rows(self, report: RegionReport, k: int) -> list[list[object]]:
        raise NotImplementedError

    def _repad(self, row: list[str], k: int) -> list[str]:
        """A row as written, with its counts padded to ``k`` columns."""
        raise NotImplementedError

    def write(self, report: RegionReport) -> None:
        self.widest = max(self.widest, len(report.columns))
        for row in self._rows(report, self.count_columns):
            self._csv.writerow([_cell(v) for v in row])

    def widen(self) -> None:
        """Rewrite what was written (the stream must be readable and seekable) with as many
        count columns as the widest table had."""
        stream = self.stream
        stream.seek(0)
        text = io.StringIO(stream.read().lstrip("\ufeff"), newline="")
        rows = list(csv.reader(text, delimiter=";" if self.excel_nl else ","))[1:]
        stream.seek(0)
        stream.truncate()
        if self.excel_nl:
            stream.write("\ufeff")
        self.count_columns = self.widest
        self._csv.writerow(self._header(self.widest))
        for row in rows:
            self._csv.writerow(self._repad(row, self.widest))

    def _decimal(self, value: float | None) -> str:
        if value is None:
            return ""
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if self.excel_nl else text


class CsvRowWriter(CsvWriter):
    """One CSV row per municipality: ``source, page, region, year, quarter, municipality,
    count_1 … count_k, total``; the same columns for every file of a batch."""

    def _header(self, k: int) -> list[str]:
        return [*ROW_FIELDS, *(f"count_{j + 1}" for j in range(k)), "total"]

    def _rows(self, report: RegionReport, k: int) -> list[list[object]]:
        return [[report.source, row.page, report.region, report.quarter.year,
                 report.quarter.number, row.municipality, *_pad(row.counts, k), row.total]
                for row in report.rows]

    def _repad(self, row: list[str], k: int) -> list[str]:
        return [*row[:6], *map(str, _pad(row[6:-1], k)), row[-1]]


class RegionCsvWriter(CsvWriter):
    """One CSV row per region table: where it came from, its printed column labels, the
    TOTAAL AMR line, the footnote, the share computed from them and the issue codes."""

    def _header(self, k: int) -> list[str]:
        numbers = range(1, k + 1)
        return ["source", "pages", "region", "year", "quarter",
                *(f"label_{j}" for j in numbers), "total_label",
                *(f"total_count_{j}" for j in numbers),
                "total", "register_total", "known_pct", "computed_pct", "issues"]

    def _rows(self, report: RegionReport, k: int) -> list[list[object]]:
        share: Fraction | None = report.computed_pct
        return [[
            report.source, " ".join(str(p) for p in report.pages), report.region,
            report.quarter.year, report.quarter.number, *_pad(report.columns, k),
            report.total.label, *_pad(report.total.counts, k), report.total.total,
            report.register_total,
            self._decimal(None if report.known_pct is None else float(report.known_pct)),
            self._decimal(None if share is None else float(share)),
            " ".join(issue.code for issue in report.issues),
        ]]

    def _repad(self, row: list[str], k: int) -> list[str]:
        n = (len(row) - 11) // 2  # 5 fields, n labels, a label, n counts, 5 fields
        pad = [""] * (k - n)
        return [*row[: 5 + n], *pad, row[5 + n], *row[6 + n: 6 + 2 * n], *pad, *row[6 + 2 * n:]]


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
