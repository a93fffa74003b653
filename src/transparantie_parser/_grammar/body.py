"""A table's body: the lines between heading and total line, with its rows of figures found
and its column grid read from them."""

from __future__ import annotations

import statistics

import attrs

from .._geometry import MIN_ROW_FIGURES
from .._layout import Line
from ..errors import MalformedTableError
from .grid import ColumnGrid
from .lines import figure_tail
from .spans import TableSpan

__all__ = ["TableBody"]


@attrs.frozen
class TableBody:
    """The lines between a table's heading and its total line, as a grid.

    ``row_indices`` are the lines that are municipality rows (ending in ``n_cells`` figures:
    the counts and the row total); ``line_height`` is their median height, the unit of the
    grammar's distances.
    """

    lines: tuple[Line, ...]
    row_indices: tuple[int, ...]
    n_cells: int
    line_height: float
    grid: ColumnGrid

    @property
    def n_counts(self) -> int:
        """Count columns: the figures of a row less its row total."""
        return self.n_cells - 1

    @property
    def first_row(self) -> Line:
        return self.lines[self.row_indices[0]]

    def has_name(self, row: Line) -> bool:
        """Does a row line print (part of) its name before its figures?"""
        return len(row.words) > self.n_cells

    @classmethod
    def from_span(cls, span: TableSpan) -> TableBody:
        """The body of ``span``; every line ending in ``MIN_ROW_FIGURES`` or more figures must
        have as many as the total line, and there must be at least one such row."""
        n_cells = len(span.total.cells)
        row_indices = []
        for i, line in enumerate(span.body):
            n = figure_tail(line.words)
            if n == n_cells:
                row_indices.append(i)
            elif n >= MIN_ROW_FIGURES:
                raise MalformedTableError(
                    "malformed_table",
                    f"a row with {n} figures where {span.total.line.text!r} has {n_cells}: "
                    f"{line.text!r}",
                )
        if not row_indices:
            raise MalformedTableError(
                "malformed_table",
                f"the table of {span.heading.region} has no municipality rows above "
                f"{span.total.line.text!r}",
            )
        row_lines = [span.body[i] for i in row_indices]
        line_height = statistics.median(line.height for line in row_lines)
        grid = ColumnGrid.from_rows([*row_lines, span.total.line], n_cells, line_height)
        return cls(span.body, tuple(row_indices), n_cells, line_height, grid)
