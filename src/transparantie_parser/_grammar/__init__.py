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
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .._layout import Line, Page
from .blocks import reading_order
from .model import RawFootnote, RawRow, RegionTable, UnplacedText
from .spans import SpanCutter, TableSpan
from .table import read_table

__all__ = ["RawFootnote", "RawRow", "RegionTable", "UnplacedText", "read_tables"]


def read_tables(pages: Iterable[Page]) -> Iterator[RegionTable]:
    """Every region table on these pages, in the order they are printed, each as soon as
    it is complete: only the pages a table may still need are kept."""
    cutter = SpanCutter()
    rotated: dict[int, tuple[Line, ...]] = {}
    slanted: dict[int, tuple[Line, ...]] = {}

    def read(spans: list[TableSpan]) -> Iterator[RegionTable]:
        for span in spans:
            yield read_table(span, [line for lines in rotated.values() for line in lines],
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
