"""The grammar of a page: lines -> region tables, with every printed figure kept as text.

A region table is a heading (``Vierde kwartaal 2020  West-Brabant``), an optional header row,
municipality rows (a name and figures), a ``TOTAAL AMR`` line and, below it, the footnote with
the register total. Everything else on the page (titles, explanatory paragraphs with numbers
in them, page numbers, dates, logos) is never a row. A table may run over several pages, and
several tables may follow one another.

The grammar knows lines of positioned words, never files or PDFs. Positions are used where
they decide: which column a header label stands over, and which row a wrapped name's other
line belongs to. One module per part, read top to bottom:

- ``lines``: recognisers of single lines (heading, total line, rows of figures);
- ``blocks``: text printed side by side (two tables, a sidebar) read one block at a time;
- ``spans``: the document cut into tables, heading to total line;
- ``grid`` and ``body``: a table's rows of figures and the columns they stand in;
- ``header``: the header row and which label belongs to which column;
- ``names``: municipality rows, wrapped names attached;
- ``footnote``: the register footnote;
- ``table``: one table from the parts.

A table that cannot be read without guessing is handed on as an :class:`UnreadTable` and
the document is read on: one bad table never costs the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .._layout.page import Line, Page
from ..errors import MalformedTableError
from .blocks import reading_order
from .model import LeftOutTable, RawFootnote, RawRow, RegionTable, UnplacedText, UnreadTable
from .spans import Cut, SpanCutter, TableSpan
from .table import read_table

__all__ = ["LeftOutTable", "RawFootnote", "RawRow", "RegionTable", "UnplacedText",
           "UnreadTable", "read_tables"]


def _read(span: TableSpan, rotated: list[Line], slanted: list[Line]
          ) -> RegionTable | UnreadTable:
    try:
        return read_table(span, rotated, slanted)
    except MalformedTableError as err:
        heading = span.heading
        return UnreadTable(heading.line.page, heading.region, heading.year, heading.quarter,
                           err)


def read_tables(pages: Iterable[Page]) -> Iterator[RegionTable | UnreadTable | LeftOutTable]:
    """Every table on these pages, in the order they are printed, each as soon as it is
    complete: only the pages a table may still need are kept. A region table is read, or
    handed on as unreadable; a table that is no region table is handed on as left out."""
    cutter = SpanCutter()
    rotated: dict[int, tuple[Line, ...]] = {}
    slanted: dict[int, tuple[Line, ...]] = {}

    def read(cuts: list[Cut]) -> Iterator[RegionTable | UnreadTable | LeftOutTable]:
        for cut in cuts:
            if not isinstance(cut, TableSpan):
                yield cut
                continue
            yield _read(cut, [line for lines in rotated.values() for line in lines],
                        [line for lines in slanted.values() for line in lines])

    for page in pages:
        yield from read(cutter.start_page(page.number))
        rotated[page.number] = page.rotated_lines
        slanted[page.number] = page.slanted_lines
        for old in [n for n in rotated if n < cutter.first_page_kept(page.number)]:
            del rotated[old], slanted[old]  # no table still to be handed on stands on it
        for line in reading_order(page.lines):
            yield from read(cutter.feed(line))
    yield from read(cutter.finish())
