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
from typing import Any, ClassVar, TextIO, cast

import attrs

from .records import RegionReport

__all__ = [
    "ROW_FIELDS",
    "CsvRowWriter",
    "CsvWriter",
    "JsonLinesWriter",
    "JsonListWriter",
    "RegionCsvWriter",
    "Repeated",
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


@attrs.frozen
class Repeated:
    """Columns repeated once per count column: ``count_1`` ... ``count_k``."""

    prefix: str


#: A CSV column, or a group of columns repeated per count column.
Field = str | Repeated

# One CSV row before it is laid out: a value per field, a sequence for a Repeated field.
_Values = Sequence[object]


def _header(fields: Sequence[Field], k: int) -> list[str]:
    names: list[str] = []
    for field in fields:
        if isinstance(field, Repeated):
            names.extend(f"{field.prefix}{j + 1}" for j in range(k))
        else:
            names.append(field)
    return names


def _laid_out(fields: Sequence[Field], values: _Values, k: int) -> list[object]:
    """A row's values in CSV columns, each repeated field padded to ``k`` columns."""
    cells: list[object] = []
    for field, value in zip(fields, values, strict=True):
        if isinstance(field, Repeated):
            items = list(cast(Sequence[object], value))
            cells.extend([*items, *[""] * (k - len(items))])
        else:
            cells.append(value)
    return cells


def _read_back(fields: Sequence[Field], cells: Sequence[str]) -> list[object]:
    """The values of a row as written (the inverse of :func:`_laid_out`, blanks of padding
    included): its repeated fields share what the other fields leave of its width, as a
    table wider than the file's header writes a longer row."""
    repeated = sum(isinstance(field, Repeated) for field in fields)
    k = (len(cells) - (len(fields) - repeated)) // repeated if repeated else 0
    values: list[object] = []
    position = 0
    for field in fields:
        width = k if isinstance(field, Repeated) else 1
        part = cells[position: position + width]
        values.append(list(part) if isinstance(field, Repeated) else part[0])
        position += width
    return values


class CsvWriter(ReportWriter):
    """CSV with ``count_columns`` columns per repeated field (:class:`Repeated`).

    A table with more counts than that (rare: the publication prints four) widens the file:
    :meth:`close` rewrites what was written, when the stream can be read back, so that every
    row has the same columns; otherwise it leaves the rows longer than the header and sets
    :attr:`ragged`.
    """

    fields: ClassVar[tuple[Field, ...]] = ()

    def __init__(self, stream: TextIO, *, excel_nl: bool = False,
                 count_columns: int = DEFAULT_COUNT_COLUMNS) -> None:
        super().__init__(stream)
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
        self._csv.writerow(_header(self.fields, self.count_columns))

    def _values(self, report: RegionReport) -> list[_Values]:
        """One list of values per CSV row of ``report``, in the order of :attr:`fields`."""
        raise NotImplementedError

    def write(self, report: RegionReport) -> None:
        self.widest = max(self.widest, len(report.columns))
        for values in self._values(report):
            row = _laid_out(self.fields, values, self.count_columns)
            self._csv.writerow([_cell(v) for v in row])

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
            values = _read_back(self.fields, cells)
            self._csv.writerow(_laid_out(self.fields, values, self.count_columns))

    def _decimal(self, value: float | None) -> str:
        if value is None:
            return ""
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if self.excel_nl else text


class CsvRowWriter(CsvWriter):
    """One CSV row per municipality: ``source, page, region, year, quarter, municipality,
    count_1 … count_k, total``; the same columns for every file of a batch."""

    fields = (*ROW_FIELDS, Repeated("count_"), "total")

    def _values(self, report: RegionReport) -> list[_Values]:
        return [[report.source, row.page, report.region, report.quarter.year,
                 report.quarter.number, row.municipality, row.counts, row.total]
                for row in report.rows]


class RegionCsvWriter(CsvWriter):
    """One CSV row per region table: where it came from, its printed column labels, the
    TOTAAL AMR line, the footnote, the share computed from them and the issue codes."""

    fields = ("source", "pages", "region", "year", "quarter", Repeated("label_"),
              "total_label", Repeated("total_count_"), "total", "register_total",
              "known_pct", "computed_pct", "issues")

    def _values(self, report: RegionReport) -> list[_Values]:
        share: Fraction | None = report.computed_pct
        return [[
            report.source, " ".join(str(p) for p in report.pages), report.region,
            report.quarter.year, report.quarter.number, report.columns,
            report.total.label, report.total.counts, report.total.total,
            report.register_total,
            self._decimal(None if report.known_pct is None else float(report.known_pct)),
            self._decimal(None if share is None else float(share)),
            " ".join(issue.code for issue in report.issues),
        ]]


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
