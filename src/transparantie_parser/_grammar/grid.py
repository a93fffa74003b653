"""Where a table's columns are printed, read from its rows of figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from .._layout.page import Line, Word
from .tolerances import ALIGNED_EDGES

__all__ = ["NAME_SLOT", "ColumnGrid"]

#: :meth:`ColumnGrid.slot` of the name column.
NAME_SLOT = -1

Alignment = Literal["right", "left", ""]


def _alignment(cells: Sequence[Word], line_height: float) -> Alignment:
    """How a column's figures are set: flush ``right``, flush ``left``, or ``""`` (centred,
    or a column too uniform to tell)."""
    spread_left = max(w.x0 for w in cells) - min(w.x0 for w in cells)
    spread_right = max(w.x1 for w in cells) - min(w.x1 for w in cells)
    tolerance = ALIGNED_EDGES * line_height
    if spread_right <= tolerance < spread_left:
        return "right"
    if spread_left <= tolerance < spread_right:
        return "left"
    return ""


def _cell_boundary(right: float, next_left: float, this: Alignment, following: Alignment
                   ) -> float:
    """Where one column's cell ends and the next one's begins. A label stands over its
    figures' cell: right-set figures fill their cell from the right, so the cell reaches left
    to the previous column's figures (and left-set figures the other way round)."""
    if this == following == "right":
        return right
    if this == following == "left":
        return next_left
    return (right + next_left) / 2


def _names_extent(row_lines: Sequence[Line], n_cells: int, figures_left: float
                  ) -> tuple[float, float]:
    """Where the names of the rows start and end (before their ``n_cells`` figures); at
    ``figures_left`` when no row has a name."""
    named = [line for line in row_lines if len(line.words) > n_cells]
    names_left = min((line.words[0].x0 for line in named), default=figures_left)
    names_right = max((line.words[len(line.words) - n_cells - 1].x1 for line in named),
                      default=figures_left)
    return names_left, names_right


def _stand_apart(names_right: float, left: Sequence[float], right: Sequence[float]) -> bool:
    """Do the names and each figure column end before the next column begins?"""
    return names_right < left[0] and all(r < next_left
                                         for r, next_left in zip(right, left[1:], strict=False))


class ColumnGrid(NamedTuple):
    """The columns of a table as printed.

    ``left``/``right`` are the extents of each figure column (the counts, then the row
    total); ``bounds`` cut the page into the name column, the count columns and the total
    column (``len(bounds) == n_cells``). ``aligned`` says whether the figure columns stand
    apart, which is when positions mean something (PDF pages, text extractions that keep
    the layout); ``names_left`` is where municipality names start.
    """

    names_left: float
    left: tuple[float, ...]
    right: tuple[float, ...]
    bounds: tuple[float, ...]
    aligned: bool

    @property
    def n_cells(self) -> int:
        return len(self.left)

    @classmethod
    def from_rows(cls, row_lines: Sequence[Line], n_cells: int, line_height: float
                  ) -> ColumnGrid:
        """The grid of rows that each end in ``n_cells`` figures (the total line included)."""
        cells = [[line.words[len(line.words) - n_cells + j] for line in row_lines]
                 for j in range(n_cells)]
        left = [min(w.x0 for w in column) for column in cells]
        right = [max(w.x1 for w in column) for column in cells]
        names_left, names_right = _names_extent(row_lines, n_cells, left[0])
        align = [_alignment(column, line_height) for column in cells]
        bounds = [(names_right + left[0]) / 2]
        bounds.extend(_cell_boundary(right[j], left[j + 1], align[j], align[j + 1])
                      for j in range(n_cells - 1))
        return cls(names_left, tuple(left), tuple(right), tuple(bounds),
                   _stand_apart(names_right, left, right))

    def slot(self, x: float) -> int:
        """The column at ``x``: ``NAME_SLOT`` for the names, 0..n-2 for the count columns,
        n-1 for the total column."""
        for j, bound in enumerate(self.bounds):
            if x < bound:
                return j - 1
        return len(self.bounds) - 1

    def cell(self, j: int) -> tuple[float, float]:
        """The extent of figure column ``j``'s cell: from its boundary with the column before
        to the one with the next (the figures' own right edge for the last column)."""
        right = self.bounds[j + 1] if j + 1 < len(self.bounds) else self.right[j]
        return self.bounds[j], right
