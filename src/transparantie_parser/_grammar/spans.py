"""Cutting a document's lines into tables: from a heading to its ``TOTAAL AMR`` line, plus
the lines after it (where the footnote is printed) up to the next heading."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from .._layout.page import Line
from ..errors import MalformedTableError
from .lines import (
    Heading,
    TotalLine,
    is_row_line,
    is_total_like,
    parse_heading,
    parse_total,
)
from .model import LeftOutTable, UnreadTable

__all__ = ["MAX_TABLE_PAGES", "TRAILING_PAGES", "Cut", "SpanCutter", "TableSpan", "cut_spans"]

#: How many pages after its total line a table's trailing lines (its footnote, a table foot
#: repeated with more rows) may reach: a table continues on the next page at most.
TRAILING_PAGES = 1
#: How many pages a table may run on without a row of figures before its total line: a
#: heading over a long report without a table is let go then (its lines are not kept).
MAX_TABLE_PAGES = 3


class TableSpan(NamedTuple):
    """The lines of one table: its heading, the lines between heading and total line (header
    and rows, with whatever else is printed there), the total line, and the lines after it."""

    heading: Heading
    body: tuple[Line, ...]
    total: TotalLine
    trailing: tuple[Line, ...]


#: What cutting hands on: a table's span, a table that cannot be read (the others are read
#: on), or a table that is no region table (left out, with a note).
Cut = TableSpan | UnreadTable | LeftOutTable


def _no_total(heading: Heading, before: Line | None) -> MalformedTableError:
    where = f" before {before.text!r}" if before is not None else ""
    return MalformedTableError(
        f"the table of {heading.region} has rows but no TOTAAL AMR line{where}",
        page=None if before is None else before.page)


class _Open:
    """A table whose heading has been read and whose total line has not (yet)."""

    __slots__ = ("body", "heading", "last_row_page", "unread_total")

    def __init__(self, heading: Heading, last_row_page: int = 0) -> None:
        self.heading = heading
        self.body: list[Line] = []
        self.last_row_page = last_row_page  # the page of its heading, or of the last row read
        self.unread_total: Line | None = None  # a line like a total line not read as one

    def add(self, line: Line) -> None:
        self.body.append(line)
        if is_row_line(line):
            self.last_row_page = line.page
        elif is_total_like(line):
            self.unread_total = line

    def unread(self, error: MalformedTableError) -> UnreadTable:
        """This table as one that cannot be read, for ``error``."""
        heading = self.heading
        return UnreadTable(heading.line.page, heading.region, heading.year, heading.quarter,
                           error)

    def close_unfinished(self, before: Line | None) -> None:
        """A table that ends without a total line: fine for a heading over prose (an
        introduction), an error for one with rows of figures or a ``TOTAAL`` line that did
        not read as a total line (never a table left out in silence)."""
        if self.unread_total is not None:
            raise MalformedTableError(
                f"the table of {self.heading.region}: its TOTAAL line does not read as a "
                "total line (too few figures, or figures set so close that they run "
                f"together): {self.unread_total.text!r}", page=self.unread_total.page)
        if any(is_row_line(line) for line in self.body):
            raise _no_total(self.heading, before)


def _repeats(total: TotalLine, earlier: TotalLine) -> bool:
    return (total.label, total.cells) == (earlier.label, earlier.cells)


class _Closed:
    """A table whose total line has been read, and the lines after it so far."""

    __slots__ = ("table", "total", "trailing")

    def __init__(self, table: _Open, total: TotalLine) -> None:
        self.table = table
        self.total = total
        self.trailing: list[Line] = []

    def span(self) -> TableSpan:
        return TableSpan(self.table.heading, tuple(self.table.body), self.total,
                         tuple(self.trailing))

    def continues_with(self, total: TotalLine) -> bool:
        """Is ``total`` the same total line printed again after more rows of the table?"""
        return _repeats(total, self.total) and any(is_row_line(line) for line in self.trailing)

    def reopened(self, total: TotalLine) -> _Closed:
        """The table run on to ``total``: its first total line and what followed are body."""
        self.table.body.extend([self.total.line, *self.trailing])
        return _Closed(self.table, total)


class SpanCutter:
    """document := (heading body total trailing | other line)*, one line at a time.

    A heading repeated over a table that continues on the next page is skipped. A total
    line printed again, with the same figures, after more rows of the same table (a browser
    repeats a table's foot on every page) does not end the table there: the table runs on to
    the last one. A line starting with ``Totaal`` outside a table belongs to some other table
    (an annual report's) and is not a total line.

    Memory stays bounded on long documents: a table is handed on (:meth:`feed` returns it)
    once the next heading comes or its trailing lines reach ``TRAILING_PAGES`` pages past
    its total line, and lines outside every table are not kept.

    A table that ends without a total line it can read is handed on as an
    :class:`UnreadTable` (its rows cannot be read without guessing), and the tables after it
    are cut on. A ``TOTAAL NEDERLAND`` line ends a national summary (rows of regions), which
    is handed on as a :class:`LeftOutTable`: the rows of an open table with that total, or,
    after a table's total line, the summary printed without a heading of its own.
    """

    def __init__(self) -> None:
        self._open: _Open | None = None
        self._closed: _Closed | None = None

    def feed(self, line: Line) -> list[Cut]:
        """Read one more line (in reading order); the tables this completes."""
        done = self._expire(line.page)
        heading = parse_heading(line)
        if heading is not None:
            done.extend(self._heading(heading, line))
            return done
        total = parse_total(line)  # None at once for a line that does not start with TOTAAL
        if total is not None and total.is_national:
            done.extend(self._national(total))
            return done
        if self._open is not None:
            self._in_open(line, total)
        elif self._closed is not None:
            self._after_closed(line, total)
        # outside a table, a line (a TOTAAL line too: some other table's) belongs to none
        return done

    def _in_open(self, line: Line, total: TotalLine | None) -> None:
        """A line of the open table: a row or other line, or its total line, which closes it."""
        assert self._open is not None
        if total is None:
            self._open.add(line)
        else:
            self._closed, self._open = _Closed(self._open, total), None

    def _after_closed(self, line: Line, total: TotalLine | None) -> None:
        """A line after a closed table: a later total line that continues it (the table
        goes on), or a line trailing it (its footnote, what follows)."""
        assert self._closed is not None
        if total is not None and self._closed.continues_with(total):
            self._closed = self._closed.reopened(total)
        else:
            self._closed.trailing.append(line)

    def start_page(self, page: int) -> list[Cut]:
        """A new page begins (before its first line, if it has any): the tables that can
        no longer continue on it. A page without lines (blank, or a picture) still counts."""
        return self._expire(page)

    def first_page_kept(self, page: int) -> int:
        """The first page a table still to be handed on is printed on (``page`` if none)."""
        pages = [page]
        if self._open is not None:
            pages.append(self._open.heading.line.page)
        if self._closed is not None:
            pages.append(self._closed.table.heading.line.page)
        return min(pages)

    def finish(self) -> list[Cut]:
        """The end of the document: the tables still waiting."""
        unread = self._close_open(None)
        return [*self._release(), *unread]

    def _heading(self, heading: Heading, line: Line) -> list[Cut]:
        if self._open is not None and heading.key == self._open.heading.key:
            return []  # the heading repeated over a table that continues
        unread = self._close_open(line)
        done = [*self._release(), *unread]
        self._open = _Open(heading, last_row_page=heading.line.page)
        return done

    def _close_open(self, before: Line | None) -> list[Cut]:
        """Let go of the open table, which has no total line (before ``before``): nothing
        for a heading over prose, an :class:`UnreadTable` for one with rows."""
        table, self._open = self._open, None
        if table is None:
            return []
        try:
            table.close_unfinished(before)
        except MalformedTableError as err:
            return [table.unread(err)]
        return []

    def _national(self, total: TotalLine) -> list[Cut]:
        """``TOTAAL NEDERLAND``: the end of a national summary, left out. With a heading of
        its own it is the open table; without, its rows followed a table's total line (they
        are no rows of that table: its footnote came first)."""
        table, self._open = self._open, None
        first = table.heading.line.page if table is not None else total.line.page
        pages = tuple(range(first, total.line.page + 1))
        named = f"{table.heading.line.text!r}, " if table is not None else ""
        return [LeftOutTable(pages, f"a national summary ({named}rows of regions, "
                                    f"{total.line.text!r}): no region table")]

    def _expire(self, page: int) -> list[Cut]:
        """Hand on the closed table once lines come from far enough past its total; let go
        of a heading over text without a table (unreadable if rows of figures follow it)."""
        unread = []
        if self._open is not None and page > self._open.last_row_page + MAX_TABLE_PAGES:
            unread = self._close_open(None)
        if self._closed is not None and page > self._closed.total.line.page + TRAILING_PAGES:
            return [*self._release(), *unread]
        return unread

    def _release(self) -> list[Cut]:
        closed, self._closed = self._closed, None
        return [closed.span()] if closed is not None else []


def cut_spans(lines: Iterable[Line]) -> list[Cut]:
    """Every table in ``lines`` (see :class:`SpanCutter`)."""
    cutter = SpanCutter()
    spans = [span for line in lines for span in cutter.feed(line)]
    return [*spans, *cutter.finish()]
