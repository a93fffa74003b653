"""Every word printed in a table's area ends up in exactly one place, or is reported.

The area of a table is, on each page it is printed on, the stretch from its first line there
(the heading, a repeated header, a row) to its last (a row, the total line), as wide as the
table from the left edge of its names to the right edge of its totals. Each line in it is the
heading, header, a row, part of a wrapped name, the footnote, or it is reported as unplaced
text. Lines above and below that stretch are page furniture (running headers and footers,
page numbers, a logo, "vervolg" notes), but for a name's lines right above the first row of
a page the table goes on to (:func:`name_lines_atop_pages`); lines beside it belong to
another block.

Prose is no table: running text printed between the heading and the header (an
introduction, paragraphs under headings of their own) belongs to neither, and is not
reported. A line there that stands in columns, or over the figures, is still reported.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import NamedTuple

from .._layout.page import Line, Word
from .body import TableBody
from .header import Header
from .lines import is_row_line
from .model import UnplacedText
from .names import is_name_fragment, name_line_reach, name_line_rows
from .spans import TableSpan
from .tolerances import AREA_SLACK, PROSE_WORD_GAP

__all__ = ["BODY_LINE_LEFT_OUT", "TableArea", "introduction", "is_prose", "name_lines_atop_pages",
           "unplaced_in_body", "unplaced_in_header", "unplaced_rotated", "unplaced_rows_after",
           "unplaced_slanted"]


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class TableArea(NamedTuple):
    """Where a table is printed: its extent on each page (top, bottom) and its left and
    right edges."""

    extents: dict[int, tuple[float, float]]
    left: float
    right: float

    @classmethod
    def of(cls, span: TableSpan, body: TableBody, placed: Iterable[Line]) -> TableArea:
        """The area of the table whose lines ``placed`` are placed (with the heading and the
        total line)."""
        extents: dict[int, tuple[float, float]] = {}
        for line in (span.heading.line, *placed, span.total.line):
            top, bottom = extents.get(line.page, (line.top, line.bottom))
            extents[line.page] = (min(top, line.top), max(bottom, line.bottom))
        slack = AREA_SLACK * body.line_height
        left = min(body.grid.names_left, span.total.line.x0) - slack
        return cls(extents, left, body.grid.right[-1] + slack)

    def overlaps(self, page: int, word: Word) -> bool:
        """Does the box of ``word`` on ``page`` overlap the area?"""
        extent = self.extents.get(page)
        return (extent is not None and word.top < extent[1] and word.bottom > extent[0]
                and word.x0 < self.right and word.x1 > self.left)

    def holds(self, line: Line) -> tuple[str, ...]:
        """The words of ``line`` inside the area (none when the line is outside it)."""
        extent = self.extents.get(line.page)
        if extent is None or not extent[0] <= line.centre_y <= extent[1]:
            return ()
        return tuple(w.text for w in line.words if self.left <= w.centre_x <= self.right)


#: Why a line between the heading and the total line is unplaced (``_witness`` tells such a
#: line, which may be a wrapped name's, from other unplaced text by it).
BODY_LINE_LEFT_OUT = "printed inside the table but read as no part of it"


def is_prose(line: Line, body: TableBody) -> bool:
    """Does this line read as running text: no row of figures, its words at word spacing
    (``PROSE_WORD_GAP``) and, where columns are aligned, starting in the name column?"""
    if is_row_line(line):
        return False
    gap = PROSE_WORD_GAP * body.line_height
    if any(b.x0 - a.x1 > gap for a, b in zip(line.words, line.words[1:], strict=False)):
        return False
    return not body.grid.aligned or line.x0 < body.grid.bounds[0]


def introduction(body: TableBody, header: Sequence[int]) -> set[int]:
    """The lines of running prose between the heading and the table's header (or first
    row): an introduction, no part of the table. Without a header, the lines of a name
    right above the first row (its figures on the name's last line) are the table's:
    attached to it, or reported."""
    first = header[0] if header else _name_lines_above(body, body.rows[0].index)
    page = body.lines[first].page
    return {i for i in range(first) if body.lines[i].page == page
            and is_prose(body.lines[i], body)}


def name_lines_atop_pages(body: TableBody) -> list[Line]:
    """The lines that could be a name's right above the first row of each page the table
    continues on (:func:`_name_lines_above`), where no header is repeated: a bottom-aligned
    name's first lines, printed at the top of the page. They are in the table's area, read
    into the name or reported (:func:`unplaced_in_body`), never passed over as the page's
    running header."""
    found: list[Line] = []
    pages_seen = {body.lines[0].page} if body.lines else set()
    for row in body.rows:
        if row.line.page in pages_seen:
            continue
        pages_seen.add(row.line.page)
        first = _name_lines_above(body, row.index)
        found.extend(body.lines[first: row.index])
    return found


def _name_lines_above(body: TableBody, first: int) -> int:
    """The first of the lines that could be a name's, each within reach of the next
    (:func:`name_line_reach`: ``ATTACH_DISTANCE``, further where the text ties them), right
    above line ``first`` (``first`` itself when there are none)."""
    lines = body.lines
    while (first > 0 and is_name_fragment(lines[first - 1], body.grid)
           and lines[first - 1].page == lines[first].page
           and lines[first].centre_y - lines[first - 1].centre_y
           <= name_line_reach(body, lines[first - 1], lines[first])):
        first -= 1
    return first


def unplaced_in_body(body: TableBody, placed: Collection[int], area: TableArea,
                     header: Collection[int] = ()) -> list[UnplacedText]:
    """Lines between heading and total line, inside the area, that no part of the table
    took (``placed`` holds those taken, and the introduction; ``header`` the header's
    lines); those that could be a name's name the rows around them (:func:`name_line_rows`)."""
    found = []
    for i, line in enumerate(body.lines):
        words = () if i in placed else area.holds(line)
        if words:
            found.append(UnplacedText(" ".join(words), line.page, BODY_LINE_LEFT_OUT,
                                      name_line_rows(body, i, header)))
    return found


def unplaced_rows_after(span: TableSpan, footnote_start: int | None) -> list[UnplacedText]:
    """Rows of figures printed after the total line, before the footnote (which starts at
    trailing line ``footnote_start``), on its page or the next: a table's rows never follow
    its total."""
    until = len(span.trailing) if footnote_start is None else footnote_start
    pages = (span.total.line.page, span.total.line.page + 1)
    return [UnplacedText(line.text, line.page, "a row of figures after the TOTAAL AMR line")
            for line in span.trailing[:until] if line.page in pages and is_row_line(line)]


def unplaced_rotated(rotated: Sequence[Line], used: Collection[Line], area: TableArea
                     ) -> list[UnplacedText]:
    """Text turned by 90 degrees inside the area that is no column label."""
    return [UnplacedText(line.text, line.page, "turned text inside the table, no column label")
            for line in rotated if line not in used and area.holds(line)]


def unplaced_slanted(slanted: Sequence[Line], area: TableArea) -> list[UnplacedText]:
    """Slanted text (a stamp such as ``CONCEPT`` printed across the page) that crosses the
    table: set aside from its lines, and reported. It crosses the table when a word's box
    overlaps the area."""
    return [UnplacedText(line.text, line.page, "slanted text across the table (a stamp), "
                                               "read as no part of it")
            for line in slanted if any(area.overlaps(line.page, word) for word in line.words)]


def unplaced_in_header(header: Header, area: TableArea) -> list[UnplacedText]:
    """Words of the header lines inside the area that no column's label took (on a page with
    aligned columns, where labels are placed by position, the words its cut left out): a
    note beside the header row, a stray word between the columns."""
    found = []
    for line, cut in zip(header.lines, header.cuts, strict=False):
        left_out = cut.left_out
        words = area.holds(Line(line.page, left_out)) if left_out else ()
        if words:
            found.append(UnplacedText(" ".join(words), line.page,
                                      "printed on the header row where no column's label "
                                      "stands"))
    return found
