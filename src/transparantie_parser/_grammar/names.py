"""Municipality rows, with the other lines of wrapped names attached to them."""

from __future__ import annotations

from collections.abc import Collection

import attrs

from .._geometry import ATTACH_DISTANCE
from .._layout import Line
from ..errors import MalformedTableError
from .body import BodyRow, TableBody
from .grid import ColumnGrid
from .lines import is_header_anchor, is_page_number
from .model import RawRow

__all__ = ["ReadRows", "is_name_fragment", "read_rows"]


def is_name_fragment(line: Line, grid: ColumnGrid) -> bool:
    """Could this line be part of a wrapped municipality name: no digits (dates and page
    numbers have them), not a header line, and, where positions mean something, starting in
    the name column and staying clear of the figures?"""
    if is_header_anchor(line) or is_page_number(line):
        return False
    if any(c.isdigit() for c in line.text):
        return False
    return not grid.aligned or (line.x0 < grid.bounds[0] and line.x1 < grid.left[0])


def _owner(body: TableBody, i: int) -> BodyRow | None:
    """The row that the name line ``body.lines[i]`` belongs to, if any.

    The nearest row on its page within ``ATTACH_DISTANCE``: a row above it (the figures
    printed on the name's first line) or a row of figures without a name below it (figures
    centred between the name's lines). On a tie, a row without a name of its own wins over
    one with a name, then the row above over the row below.
    """
    line = body.lines[i]
    reach = ATTACH_DISTANCE * body.line_height
    best: tuple[float, bool, int] | None = None  # distance, has a name, row index
    owner: BodyRow | None = None
    for row in body.rows:
        if row.line.page != line.page or (row.index > i and row.has_name):
            continue
        distance = abs(row.line.centre_y - line.centre_y)
        key = (distance, row.has_name, row.index)
        if distance <= reach and (best is None or key < best):
            best, owner = key, row
    return owner


def _raw_row(row: BodyRow, before: list[Line], after: list[Line]) -> RawRow:
    """``row`` with the name lines printed above (``before``) and below (``after``) it."""
    own = " ".join(w.text for w in row.name_words)
    parts = [*(ln.text for ln in before), *([own] if own else []), *(ln.text for ln in after)]
    printed = (*(line.text for line in before), row.line.text, *(line.text for line in after))
    if not any(p.strip() for p in parts):
        raise MalformedTableError(
            "malformed_table",
            f"a row of figures without a municipality name: {' / '.join(printed)!r}")
    cells = tuple(None if w is None else w.text for w in row.cells)
    name_words = (*(w for line in before for w in line.words), *row.name_words,
                  *(w for line in after for w in line.words))
    return RawRow(tuple(parts), cells, row.line.page, printed, name_words=name_words,
                  cell_words=row.cells)


@attrs.frozen
class ReadRows:
    """The rows of a table, and the indices of the name lines that went into them."""

    rows: tuple[RawRow, ...]
    name_lines: frozenset[int]


def read_rows(body: TableBody, header: Collection[int]) -> ReadRows:
    """The municipality rows of ``body``; ``header`` holds the indices of header lines."""
    before: dict[int, list[Line]] = {row.index: [] for row in body.rows}
    after: dict[int, list[Line]] = {row.index: [] for row in body.rows}
    rows = set(body.row_indices)
    attached = set()
    for i, line in enumerate(body.lines):
        if i in rows or i in header or not is_name_fragment(line, body.grid):
            continue
        owner = _owner(body, i)
        if owner is not None:
            (after if owner.index < i else before)[owner.index].append(line)
            attached.add(i)
    return ReadRows(tuple(_raw_row(row, before[row.index], after[row.index])
                          for row in body.rows), frozenset(attached))
