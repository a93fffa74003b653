"""Every word printed in a table's area ends up in exactly one place, or is reported.

The area of a table is, on each page it is printed on, the stretch from its first line there
(the heading, a repeated header, a row) to its last (a row, the total line), as wide as the
table from the left edge of its names to the right edge of its totals. Each line in it is the
heading, header, a row, part of a wrapped name, the footnote, or it is reported as unplaced
text. Lines above and below that stretch are page furniture (running headers and footers,
page numbers, a logo, "vervolg" notes); lines beside it belong to another block.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import attrs

from .._geometry import AREA_SLACK
from .._layout import Line
from .body import TableBody
from .header import header_words_left_out
from .lines import is_row_line
from .model import UnplacedText
from .spans import TableSpan

__all__ = ["BODY_LINE_LEFT_OUT", "TableArea", "unplaced_in_body", "unplaced_in_header",
           "unplaced_rotated", "unplaced_rows_after"]


@attrs.frozen
class TableArea:
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

    def holds(self, line: Line) -> tuple[str, ...]:
        """The words of ``line`` inside the area (none when the line is outside it)."""
        extent = self.extents.get(line.page)
        if extent is None or not extent[0] <= line.centre_y <= extent[1]:
            return ()
        return tuple(w.text for w in line.words if self.left <= w.centre_x <= self.right)


#: Why a line between the heading and the total line is unplaced (``_witness`` tells such a
#: line, which may be a wrapped name's, from other unplaced text by it).
BODY_LINE_LEFT_OUT = "printed inside the table but read as no part of it"


def unplaced_in_body(body: TableBody, placed: Collection[int], area: TableArea
                     ) -> list[UnplacedText]:
    """Lines between heading and total line, inside the area, that no part of the table
    took."""
    found = []
    for i, line in enumerate(body.lines):
        words = () if i in placed else area.holds(line)
        if words:
            found.append(UnplacedText(" ".join(words), line.page, BODY_LINE_LEFT_OUT))
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


def unplaced_in_header(zone: Sequence[Line], body: TableBody, area: TableArea
                       ) -> list[UnplacedText]:
    """Words of the header lines inside the area that no column's label took (on a page with
    aligned columns, where labels are placed by position): a note beside the header row,
    a stray word between the columns."""
    found = []
    for line in zone if body.grid.aligned else ():
        left_out = header_words_left_out(line.words, body.grid, body.line_height)
        words = area.holds(Line(line.page, tuple(left_out))) if left_out else ()
        if words:
            found.append(UnplacedText(" ".join(words), line.page,
                                      "printed on the header row where no column's label "
                                      "stands"))
    return found
