"""Municipality rows, with the other lines of wrapped names attached to them."""

from __future__ import annotations

from collections.abc import Collection

from .._geometry import ATTACH_DISTANCE
from .._layout import Line
from ..errors import MalformedTableError
from .body import TableBody
from .grid import ColumnGrid
from .lines import is_header_anchor, is_page_number
from .model import RawRow

__all__ = ["is_name_fragment", "read_rows"]


def is_name_fragment(line: Line, grid: ColumnGrid) -> bool:
    """Could this line be part of a wrapped municipality name: no digits (dates and page
    numbers have them), not a header line, and, where positions mean something, starting in
    the name column and staying clear of the figures?"""
    if is_header_anchor(line) or is_page_number(line):
        return False
    if any(c.isdigit() for c in line.text):
        return False
    return not grid.aligned or (line.x0 < grid.bounds[0] and line.x1 < grid.left[0])


def _owner(body: TableBody, i: int) -> int | None:
    """The row that the name line ``body.lines[i]`` belongs to, if any.

    The nearest row on its page within ``ATTACH_DISTANCE``: a row above it (the figures
    printed on the name's first line) or a row of figures without a name below it (figures
    centred between the name's lines). On a tie, a row without a name of its own wins over
    one with a name, then the row above over the row below.
    """
    line = body.lines[i]
    reach = ATTACH_DISTANCE * body.line_height
    best: tuple[float, bool, int] | None = None  # distance, has a name, row index
    for r in body.row_indices:
        row = body.lines[r]
        named = body.has_name(row)
        if row.page != line.page or (r > i and named):
            continue
        distance = abs(row.centre_y - line.centre_y)
        if distance <= reach and (best is None or (distance, named, r) < best):
            best = (distance, named, r)
    return None if best is None else best[2]


def _raw_row(body: TableBody, r: int, before: list[str], after: list[str]) -> RawRow:
    """Row ``r`` with the name lines printed above (``before``) and below (``after``) it."""
    line = body.lines[r]
    own = " ".join(w.text for w in line.words[: len(line.words) - body.n_cells])
    parts = [*before, own, *after] if own else [*before, *after]
    printed = (*before, line.text, *after)
    if not any(p.strip() for p in parts):
        raise MalformedTableError(
            "malformed_table",
            f"a row of figures without a municipality name: {' / '.join(printed)!r}")
    cells = tuple(w.text for w in line.words[-body.n_cells:])
    return RawRow(tuple(parts), cells, line.page, printed)


def read_rows(body: TableBody, header: Collection[int]) -> list[RawRow]:
    """The municipality rows of ``body``; ``header`` holds the indices of header lines."""
    before: dict[int, list[str]] = {r: [] for r in body.row_indices}
    after: dict[int, list[str]] = {r: [] for r in body.row_indices}
    rows = set(body.row_indices)
    for i, line in enumerate(body.lines):
        if i in rows or i in header or not is_name_fragment(line, body.grid):
            continue
        owner = _owner(body, i)
        if owner is not None:
            (after if owner < i else before)[owner].append(line.text)
    return [_raw_row(body, r, before[r], after[r]) for r in body.row_indices]
