"""Cutting a document's lines into tables: from a heading to its ``TOTAAL AMR`` line, plus
the lines after it (where the footnote is printed) up to the next heading."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from .._layout import Line
from ..errors import MalformedTableError
from .lines import Heading, TotalLine, is_row_line, parse_heading, parse_total

__all__ = ["TableSpan", "cut_spans"]


@attrs.frozen
class TableSpan:
    """The lines of one table: its heading, the lines between heading and total line (header
    and rows, with whatever else is printed there), the total line, and the lines after it."""

    heading: Heading
    body: tuple[Line, ...]
    total: TotalLine
    trailing: tuple[Line, ...]


def _no_total(heading: Heading, before: Line | None) -> MalformedTableError:
    where = f" before {before.text!r}" if before is not None else ""
    return MalformedTableError(
        "malformed_table", f"the table of {heading.region} has rows but no TOTAAL AMR line{where}")


@attrs.define
class _Open:
    """A table whose heading has been read and whose total line has not (yet)."""

    heading: Heading
    body: list[Line] = attrs.Factory(list)

    def close_unfinished(self, before: Line | None) -> None:
        """A table that ends without a total line: fine for a heading over prose (an
        introduction), an error for one with rows of figures."""
        if any(is_row_line(line) for line in self.body):
            raise _no_total(self.heading, before)


def _repeats(total: TotalLine, earlier: TotalLine) -> bool:
    return (total.label, total.cells) == (earlier.label, earlier.cells)


def cut_spans(lines: Sequence[Line]) -> list[TableSpan]:
    """document := (heading body total trailing | other line)*

    A heading repeated over a table that continues on the next page is skipped. A total
    line printed again, with the same figures, after more rows of the same table (a
    browser repeats a table's foot on every page) does not end the table there: the table
    runs on to the last one. A line starting with ``Totaal`` outside a table belongs to some
    other table (an annual report's) and is not a total line.
    """
    closed: list[tuple[_Open, TotalLine, list[Line]]] = []
    table: _Open | None = None
    for line in lines:
        heading = parse_heading(line)
        if heading is not None:
            if table is not None and heading.key == table.heading.key:
                continue  # the heading repeated over a table that continues
            if table is not None:
                table.close_unfinished(line)
            table = _Open(heading)
            continue
        total = parse_total(line) if table is not None or closed else None
        if table is not None and total is not None:
            closed.append((table, total, []))
            table = None
        elif table is not None:
            table.body.append(line)
        elif closed and total is not None and _continues(closed[-1], total):
            before, first_total, between = closed.pop()
            before.body.extend([first_total.line, *between])
            closed.append((before, total, []))
        elif closed:
            closed[-1][2].append(line)
    if table is not None:
        table.close_unfinished(None)
    return [TableSpan(t.heading, tuple(t.body), total, tuple(trailing))
            for t, total, trailing in closed]


def _continues(closed: tuple[_Open, TotalLine, list[Line]], total: TotalLine) -> bool:
    """Is ``total`` the same total line printed again after more rows of the table?"""
    _table, first_total, between = closed
    return _repeats(total, first_total) and any(is_row_line(line) for line in between)
