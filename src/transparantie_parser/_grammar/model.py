"""What the grammar hands on: region tables as printed, names and figures still text."""

from __future__ import annotations

from typing import NamedTuple

import attrs

from .._layout.page import Line, Word
from ..errors import MalformedTableError

__all__ = ["LeftOutTable", "RawFootnote", "RawRow", "RegionTable", "UncertainName",
           "UnplacedText", "UnreadTable"]


@attrs.frozen
class RawRow:
    """A municipality row as printed: the name's parts (a wrapped name has several), the
    figures as text (count cells first, the row total last; None for a blank cell), and the
    printed lines it was read from, top to bottom (quoted in errors).

    ``name_words`` and ``cell_words`` say where each word stands on the page (for a reader
    that must look again, such as OCR)."""

    name_parts: tuple[str, ...]
    cells: tuple[str | None, ...]
    page: int
    lines: tuple[str, ...]
    name_words: tuple[Word, ...] = attrs.field(default=(), kw_only=True, eq=False)
    cell_words: tuple[Word | None, ...] = attrs.field(default=(), kw_only=True, eq=False)

    @property
    def text(self) -> str:
        """The row's printed lines as one text, ``/`` between lines."""
        return " / ".join(self.lines)


@attrs.frozen
class RawFootnote:
    """The register footnote: the region it names, the register total and the percentage
    as printed, the text they were found in and the lines it is printed on."""

    region: str
    register: str
    pct: str
    text: str
    lines: tuple[Line, ...] = attrs.field(default=(), kw_only=True, eq=False)


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class UnplacedText(NamedTuple):
    """Words printed in a table's area that are no part of it as the grammar reads it: never
    dropped in silence, they become an issue of the table."""

    text: str
    page: int
    why: str
    #: For a line that could be a wrapped name's and that no row took: the positions in the
    #: table's rows of the rows right above and below it on its page (None where there is
    #: none), whose name may then be incomplete; None for other text.
    rows_around: tuple[int | None, int | None] | None = None


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class UncertainName(NamedTuple):
    """Lines of a wrapped name standing between two rows with names of their own, where the
    page does not tell which row they belong to: given to the row above, and reported."""

    text: str
    page: int
    above: str  # the name printed on the row above, and below
    below: str
    row: int  # the index of the row above among the table's rows


@attrs.frozen
class RegionTable:
    """One region table as printed: names and figures still text, positions resolved.

    ``columns`` holds the printed label of each count column (None for a column whose label
    was not found), or is None when the table prints no header row.
    """

    region: str
    year: int
    quarter: int
    columns: tuple[str | None, ...] | None
    rows: tuple[RawRow, ...]
    total_label: str
    total_cells: tuple[str, ...]
    total_line_text: str
    footnote: RawFootnote | None
    pages: tuple[int, ...]
    unplaced: tuple[UnplacedText, ...] = ()
    total_line: Line | None = attrs.field(default=None, kw_only=True, eq=False)
    uncertain_names: tuple[UncertainName, ...] = attrs.field(default=(), kw_only=True)


@attrs.frozen
class UnreadTable:
    """A table that cannot be read without guessing: the page its heading stands on, what
    the heading names (``region`` None when it names none), and why (``error``). The tables
    around it are read on."""

    page: int
    region: str | None
    year: int
    quarter: int
    error: MalformedTableError = attrs.field(eq=False)


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class LeftOutTable(NamedTuple):
    """A table printed in the document that is no region table and is left out: a national
    report's summary, whose rows are regions and whose last line is ``TOTAAL NEDERLAND``.
    ``pages`` it is printed on (as far as read), ``what`` says what it is."""

    pages: tuple[int, ...]
    what: str
