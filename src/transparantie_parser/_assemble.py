"""Region tables (printed text) -> typed records: figures read as Dutch numbers, names in
their official spelling. Nothing is corrected here; a figure that cannot be read is an error.

What the reading itself has to say about a table (a blank cell read as 0, words it could not
place, a column without a label) becomes the table's first issues; validation adds the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ._grammar import RawRow, RegionTable, UnplacedText
from ._names import join_wrapped
from ._numbers import format_count, parse_count, parse_percentage
from .errors import MalformedTableError
from .records import (
    MunicipalityRow,
    Quarter,
    RegionReport,
    RegisterFootnote,
    TotalRow,
    ValidationIssue,
)

__all__ = ["build_report", "default_column", "unplaced_issues", "unplaced_message"]


def default_column(index: int) -> str:
    """The name of count column ``index`` (0-based) on a page that prints no header."""
    return f"column_{index + 1}"


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class _Row(NamedTuple):
    record: MunicipalityRow
    blank: tuple[int, ...]  # count columns printed empty and read as 0


def _figures(raw: RawRow) -> list[int | None]:
    """The row's figures as printed, None for a blank cell; a figure that is no whole
    number is an error on the row's page."""
    try:
        return [None if cell is None else parse_count(cell, context=raw.text)
                for cell in raw.cells]
    except MalformedTableError as err:
        raise err.placed(raw.page) from None


def _blank_not_adding(name: str, counts: Sequence[int | None], total: int | None,
                      raw: RawRow) -> MalformedTableError:
    shown = " + ".join("_" if c is None else format_count(c) for c in counts)
    against = "_" if total is None else format_count(total)
    return MalformedTableError(
        f"{name}: a count cell is blank and the row does not add up with it as 0 "
        f"({shown} printed against a total of {against}): {raw.text!r}", page=raw.page)


def _row(raw: RawRow, with_pages: bool) -> _Row:
    """A municipality row; a blank count cell is 0 only when the row then adds up (a
    spreadsheet that prints zeros as nothing), otherwise what it means cannot be told."""
    name = join_wrapped(raw.name_parts)
    *counts, total = _figures(raw)
    blank = tuple(j for j, count in enumerate(counts) if count is None)
    printed = [count or 0 for count in counts]
    if blank and (total is None or sum(printed) != total):
        raise _blank_not_adding(name, counts, total, raw)
    assert total is not None  # a row's total is never blank (the grammar's rule)
    record = MunicipalityRow(name, printed, total, page=raw.page if with_pages else None)
    return _Row(record, blank)


def unplaced_message(text: UnplacedText) -> str:
    """What an ``unplaced_text`` issue says of words no part of the table took."""
    return f"page {text.page}: {text.text!r}: {text.why}"


def unplaced_issues(text: UnplacedText, names: Sequence[str], page: int | None
                    ) -> list[ValidationIssue]:
    """The issues of words no part of the table took (``names``: the table's municipality
    names, row by row; ``page``: the issues' page, None for text input). A line of a
    wrapped name no row took is an error on each row beside it whose name it may complete
    (``name_line_unplaced``); other words are a note (``unplaced_text``)."""
    if text.rows_around is None:
        return [ValidationIssue("unplaced_text", unplaced_message(text), page=page)]
    message = _name_line_message(text, text.rows_around, names)
    return [ValidationIssue("name_line_unplaced", message, municipality=names[k], row=k,
                            page=page)
            for k in text.rows_around if k is not None]


def _name_line_message(text: UnplacedText, around: tuple[int | None, int | None],
                       names: Sequence[str]) -> str:
    above, below = (None if k is None else names[k] for k in around)
    if above is not None and below is not None:
        where, whose = (f"between the rows of {above!r} and {below!r}",
                        f"the name of {above!r} or of {below!r}")
    elif above is not None:
        where, whose = f"below the row of {above!r}", f"the name of {above!r}"
    else:
        where, whose = f"above the row of {below!r}", f"the name of {below!r}"
    return (f"page {text.page}: {text.text!r} stands {where} as a line of a wrapped name, "
            f"and no row took it: {whose} may be incomplete")


def _reading_issues(table: RegionTable, rows: Sequence[_Row], columns: Sequence[str],
                    with_pages: bool) -> list[ValidationIssue]:
    issues = [
        ValidationIssue(
            "blank_as_zero",
            f"{row.record.municipality}: the cell of column {columns[j]!r} is blank; read as 0 "
            "because the row adds up with it",
            municipality=row.record.municipality, column=columns[j], row=i, column_index=j)
        for i, row in enumerate(rows) for j in row.blank
    ]
    if table.columns is not None:
        issues.extend(
            ValidationIssue(
                "label_missing",
                f"the header row prints no label over count column {j + 1}; called "
                f"{columns[j]!r}", column=columns[j], column_index=j)
            for j, label in enumerate(table.columns) if label is None)
    names = [row.record.municipality for row in rows]
    issues.extend(issue for text in table.unplaced
                  for issue in unplaced_issues(text, names, text.page if with_pages else None))
    # on both rows: the one below may lack the line as much as the one above may hold it
    issues.extend(
        ValidationIssue(
            "name_row_uncertain",
            f"page {name.page}: {name.text!r} stands between the rows of {name.above!r} and "
            f"{name.below!r}, and the page does not tell which name it is part of: read as "
            f"part of the row above, {rows[name.row].record.municipality!r}",
            municipality=rows[k].record.municipality, row=k,
            page=name.page if with_pages else None)
        for name in table.uncertain_names for k in (name.row, name.row + 1))
    return issues


def build_report(table: RegionTable, *, source: str | None, with_pages: bool
                 ) -> tuple[RegionReport, list[ValidationIssue]]:
    """The record of one table, and what reading it found to report (the table's first
    issues); ``with_pages`` is False for text input, which has none."""
    k = len(table.total_cells) - 1
    labels = table.columns or (None,) * k
    columns = [label or default_column(j) for j, label in enumerate(labels)]
    rows = [_row(raw, with_pages) for raw in table.rows]
    totals = [parse_count(cell, context=table.total_line_text) for cell in table.total_cells]
    footnote = None
    if table.footnote is not None:
        note = table.footnote
        footnote = RegisterFootnote(
            note.region,
            parse_count(note.register, context=note.text),
            parse_percentage(note.pct, context=note.text),
        )
    report = RegionReport(
        region=table.region,
        quarter=Quarter(table.year, table.quarter),
        columns=columns,
        rows=[row.record for row in rows],
        total=TotalRow(table.total_label, totals[:-1], totals[-1]),
        footnote=footnote,
        pages=table.pages if with_pages else (),
        source=source,
    )
    return report, _reading_issues(table, rows, columns, with_pages)
