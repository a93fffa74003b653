"""One region table from its span of lines: body, header labels, rows, footnote, and an
account of every word in its area."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from .._layout.page import Line
from ..errors import MalformedTableError
from .area import (
    TableArea,
    introduction,
    name_lines_atop_pages,
    unplaced_in_body,
    unplaced_in_header,
    unplaced_rotated,
    unplaced_rows_after,
    unplaced_slanted,
)
from .body import TableBody, is_repeated_total
from .footnote import find_footnote
from .header import header_lines, labels, repeated_header_lines, rotated_labels
from .model import RawFootnote, RawRow, RegionTable, UnplacedText
from .names import read_rows
from .spans import TableSpan

__all__ = ["read_table"]


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class _Footnote(NamedTuple):
    """The footnote, and the body lines it is printed on (when printed above the table)."""

    note: RawFootnote | None
    body_lines: frozenset[int] = frozenset()
    trailing_start: int | None = None  # the trailing line it starts on


def _footnote(span: TableSpan, body: TableBody, header: Sequence[int]) -> _Footnote:
    """footnote := below the total line, or else between the heading and the header."""
    below = find_footnote(span.trailing)
    if below is not None:
        return _Footnote(below[0], trailing_start=below[1].start)
    first = header[0] if header else body.rows[0].index
    above = find_footnote(body.lines[:first])
    if above is not None:
        return _Footnote(above[0], frozenset(above[1]))
    return _Footnote(None)


def _region(span: TableSpan, footnote: RawFootnote | None) -> str:
    """The heading's region; for a heading that names only the quarter, the footnote's."""
    if span.heading.region is not None:
        return span.heading.region
    if footnote is not None:
        return footnote.region
    raise MalformedTableError(
        f"the heading {span.heading.line.text!r} names no region, and no footnote below the "
        "table names one", page=span.heading.line.page)


def _repeated_totals(span: TableSpan, body: TableBody) -> set[int]:
    """The body's lines (by index) that repeat the table's total line."""
    return {i for i, line in enumerate(body.lines) if is_repeated_total(line, span)}


def _unlabelled(header: Sequence[Line]) -> UnplacedText:
    """A header row is printed, but no label can be put over a column: never silently
    "no header"."""
    printed = " / ".join(line.text for line in header)
    return UnplacedText(printed, header[0].page, "a header row whose labels cannot be told apart")


def _pages(span: TableSpan, rows: Sequence[RawRow], zone: Sequence[Line]) -> tuple[int, ...]:
    """The pages the table is printed on: its heading's, its rows', its header's and its
    total line's."""
    return tuple(sorted({span.heading.line.page, span.total.line.page,
                         *(r.page for r in rows), *(line.page for line in zone)}))


def read_table(span: TableSpan, rotated: Sequence[Line], slanted: Sequence[Line] = ()
               ) -> RegionTable:
    """table := heading [header] (row | name line | other line)* total [footnote]

    ``rotated`` holds the document's lines of rotated text; those standing over the table's
    columns are its labels. ``slanted`` holds its lines of slanted text (a stamp), never part
    of a table. Every word in the table's area is placed or reported.
    """
    body = TableBody.from_span(span)
    header = header_lines(body)
    zone = list(header.lines)
    turned = rotated_labels(rotated, zone, body, span.heading)
    read = read_rows(body, set(header.indices))
    footnote = _footnote(span, body, header.indices)
    placed = {*header.indices, *repeated_header_lines(body), *body.row_indices, *read.name_lines,
              *footnote.body_lines, *_repeated_totals(span, body)}
    area = TableArea.of(span, body, [*(body.lines[i] for i in placed),
                                     *name_lines_atop_pages(body)])
    unplaced: list[UnplacedText] = [
        *unplaced_in_body(body, placed | introduction(body, header.indices), area,
                          header.indices),
        *unplaced_in_header(header, area),
        *unplaced_rotated([line for line in rotated if line.page in area.extents], turned,
                          area),
        *unplaced_rows_after(span, footnote.trailing_start),
        *unplaced_slanted(slanted, area),
    ]
    columns = labels(header, turned, body)
    if columns is None and (zone or turned):
        unplaced.append(_unlabelled([*zone, *turned]))
    pages = _pages(span, read.rows, zone)
    return RegionTable(
        region=_region(span, footnote.note),
        year=span.heading.year,
        quarter=span.heading.quarter,
        columns=columns,
        rows=read.rows,
        total_label=span.total.label,
        total_cells=span.total.cells,
        total_line_text=span.total.line.text,
        footnote=footnote.note,
        pages=pages,
        unplaced=tuple(unplaced),
        total_line=span.total.line,
        uncertain_names=read.uncertain,
    )
