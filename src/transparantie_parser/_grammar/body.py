"""A table's body: the lines between heading and total line, with its rows of figures found
and its column grid read from them."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import NamedTuple

from .._layout.page import Line, Word
from ..errors import MalformedTableError
from .grid import ColumnGrid
from .lines import figure_tail, parse_total
from .spans import TableSpan
from .tolerances import CELL_SLACK, MIN_ROW_FIGURES

__all__ = ["BodyRow", "TableBody", "is_repeated_total"]


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class BodyRow(NamedTuple):
    """A municipality row: its line, the words of its name printed on that line (a wrapped
    name has more on lines of its own), and one figure per cell, None where a cell is blank."""

    # shadows tuple.index, which nothing asks of a row
    index: int  # type: ignore[assignment]
    line: Line
    name_words: tuple[Word, ...]
    cells: tuple[Word | None, ...]

    @property
    def has_name(self) -> bool:
        return bool(self.name_words)


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class TableBody(NamedTuple):
    """The lines between a table's heading and its total line, as a grid.

    ``rows`` are the municipality rows (each ending in ``n_cells`` figures: the counts and
    the row total, some perhaps blank); ``line_height`` is the median height of the rows, the
    unit of the grammar's distances.
    """

    lines: tuple[Line, ...]
    rows: tuple[BodyRow, ...]
    n_cells: int
    line_height: float
    grid: ColumnGrid

    @property
    def n_counts(self) -> int:
        """Count columns: the figures of a row less its row total."""
        return self.n_cells - 1

    @property
    def row_indices(self) -> tuple[int, ...]:
        return tuple(row.index for row in self.rows)

    @property
    def first_row(self) -> Line:
        return self.rows[0].line

    @classmethod
    def from_span(cls, span: TableSpan) -> TableBody:
        """The body of ``span``: its rows, which must end in as many figures as the total
        line (on a page with aligned columns, a row may leave cells blank), at least one."""
        n_cells = len(span.total.cells)
        row_lines = _full_rows(span, n_cells)
        line_height = statistics.median(line.height for line in row_lines)
        grid = ColumnGrid.from_rows([*row_lines, span.total.line], n_cells, line_height)
        rows = [_row(i, line, n_cells, grid, line_height, span) for i, line in enumerate(span.body)
                if not is_repeated_total(line, span)]
        return cls(span.body, tuple(row for row in rows if row is not None), n_cells,
                   line_height, grid)


def _full_rows(span: TableSpan, n_cells: int) -> list[Line]:
    """The lines of ``span`` that end in all ``n_cells`` figures of a row (a repeated total
    line aside): at least one."""
    full = [line for line in span.body
            if figure_tail(line.words) == n_cells and not is_repeated_total(line, span)]
    if not full:
        raise MalformedTableError(
            f"the table of {span.heading.region or span.heading.line.text} has no "
            f"municipality rows above {span.total.line.text!r}", page=span.total.line.page)
    return full


def is_repeated_total(line: Line, span: TableSpan) -> bool:
    """The table's total line printed once more inside it (a foot repeated on each page)."""
    total = parse_total(line)
    return total is not None and (total.label, total.cells) == (span.total.label,
                                                                 span.total.cells)


def _full_row(index: int, line: Line, n_cells: int) -> BodyRow:
    split = len(line.words) - n_cells
    return BodyRow(index, line, line.words[:split], line.words[split:])


def _cells_by_position(figures: Sequence[Word], grid: ColumnGrid, line_height: float
                       ) -> tuple[Word | None, ...] | None:
    """The figures of a row with blank cells put in the columns they stand in, or None when
    one stands in no column, two in one, or the row total is blank."""
    slack = CELL_SLACK * line_height
    cells: list[Word | None] = [None] * grid.n_cells
    for word in figures:
        columns = [j for j in range(grid.n_cells)
                   if word.x0 < grid.right[j] + slack and word.x1 > grid.left[j] - slack]
        if len(columns) != 1 or cells[columns[0]] is not None:
            return None
        cells[columns[0]] = word
    return tuple(cells) if cells[-1] is not None else None


def _row(index: int, line: Line, n_cells: int, grid: ColumnGrid, line_height: float,
         span: TableSpan) -> BodyRow | None:
    """Line ``index`` as a row, or None when it is none: a row has ``n_cells`` figures at
    its end, or, where columns are aligned, fewer that stand in their columns with the row
    total printed, after a name without digits set in the name column."""
    n = figure_tail(line.words)
    if n == n_cells:
        return _full_row(index, line, n_cells)
    if n == 0 or n > n_cells:
        if n >= MIN_ROW_FIGURES:
            raise _wrong_width(line, n, span)
        return None
    name, figures = line.words[: len(line.words) - n], line.words[len(line.words) - n:]
    cells = (_cells_by_position(figures, grid, line_height)
             if grid.aligned and name and _is_name(name, grid) else None)
    if cells is None:
        if n >= MIN_ROW_FIGURES:
            raise _wrong_width(line, n, span)
        return None
    return BodyRow(index, line, tuple(name), cells)


def _is_name(words: Sequence[Word], grid: ColumnGrid) -> bool:
    return (not any(c.isdigit() for w in words for c in w.text)
            and words[0].x0 < grid.bounds[0] and words[-1].x1 < grid.left[0])


def _wrong_width(line: Line, n: int, span: TableSpan) -> MalformedTableError:
    return MalformedTableError(
        f"a row with {n} figures where {span.total.line.text!r} has "
        f"{len(span.total.cells)}: {line.text!r}", page=line.page)
