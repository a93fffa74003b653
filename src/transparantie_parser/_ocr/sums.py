"""The arithmetic of a region table's repair: which figures its sums say are wrong, and
which of each figure's other readings make every sum hold.

Every figure is in two checks: its row (the counts sum to the row total) and its column
(the municipalities sum to the ``TOTAAL AMR`` count). One misread figure makes exactly its
row and its column fail, so it is where a failing row and a failing column cross. A
combination of other readings is accepted only if it makes every failing row and column hold
and no other combination does; a figure is never computed from the sums.

Pure: nothing here reads an image or runs tesseract. A cell's readings come in as the counts
they give it (``Options``), most supported first; the OCR side (``repair``) gathers them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence

import attrs

from ..records import TOTAL_ROW, RegionReport

__all__ = ["CellRef", "Grid", "Options", "Repair", "Values", "fix"]

# Cells of one failing row tried together (two misread figures in a row); a row that crosses
# more failing columns than this is not searched: its figures stay as read and are flagged.
_MAX_JOINT_CELLS = 5
# Combinations of readings tried at most, in one row and over the failing rows together
# (the product of each row's ways to hold): enough for two or three misread figures per
# table, and a bound on the work for a page read badly throughout.
_MAX_COMBINATIONS = 20_000


@attrs.frozen(order=True)
class CellRef:
    """A figure of the table, by position as :class:`~.records.ValidationIssue` names it:
    ``row`` indexes ``report.rows`` (:data:`~.records.TOTAL_ROW` for the TOTAAL line),
    ``column`` the count columns (0..k-1) or the total column (k)."""

    row: int
    column: int


@attrs.frozen
class Repair:
    """A figure put right: read as ``was``, one of its other readings ``now`` makes its row
    and its column hold."""

    cell: CellRef
    was: int
    now: int


#: The table's figures by cell.
Values = Mapping[CellRef, int]
#: Each cell's counts as its readings give them (the figure read among them), most
#: supported first; a cell without readings of its own is missing.
Options = Mapping[CellRef, Sequence[int]]


@attrs.frozen
class Grid:
    """The table's figures as a matrix: municipality rows, then the TOTAAL line; count
    columns, then the total column."""

    values: dict[CellRef, int]
    rows: tuple[int, ...]
    width: int

    @classmethod
    def of(cls, report: RegionReport) -> Grid:
        values: dict[CellRef, int] = {}
        lines: list[tuple[int, tuple[int, ...], int]] = [
            (i, row.counts, row.total) for i, row in enumerate(report.rows)]
        lines.append((TOTAL_ROW, report.total.counts, report.total.total))
        for i, counts, total in lines:
            for j, value in enumerate((*counts, total)):
                values[CellRef(i, j)] = value
        return cls(values, tuple(i for i, _c, _t in lines), len(report.total.counts) + 1)

    def row_holds(self, row: int, values: Values) -> bool:
        k = self.width - 1
        return sum(values[CellRef(row, j)] for j in range(k)) == values[CellRef(row, k)]

    def column_holds(self, column: int, values: Values) -> bool:
        counted = sum(values[CellRef(i, column)] for i in self.rows if i != TOTAL_ROW)
        return counted == values[CellRef(TOTAL_ROW, column)]

    def failing(self, values: Values) -> tuple[list[int], list[int]]:
        rows = [i for i in self.rows if not self.row_holds(i, values)]
        columns = [j for j in range(self.width) if not self.column_holds(j, values)]
        return rows, columns

    def crossing(self, values: Values) -> list[CellRef]:
        """The cells where a failing row and a failing column cross."""
        rows, columns = self.failing(values)
        return [CellRef(r, c) for r, c in itertools.product(rows, columns)]

    def cell_holds(self, ref: CellRef, values: Values) -> bool:
        """Do the figure's row and its column both hold?"""
        return self.row_holds(ref.row, values) and self.column_holds(ref.column, values)


def _alternatives(options: Options, ref: CellRef, current: int) -> list[int]:
    return [v for v in options.get(ref, ()) if v != current]


def _row_ways(grid: Grid, values: Values, options: Options, row: int,
              columns: Sequence[int]) -> list[dict[CellRef, int]] | None:
    """Every change of readings of ``row``'s cells in ``columns`` that makes the row hold;
    None when it has more such cells, or combinations of their readings, than are searched."""
    refs = [CellRef(row, c) for c in columns if CellRef(row, c) in options]
    if len(refs) > _MAX_JOINT_CELLS:
        return None
    choices = [[values[r], *_alternatives(options, r, values[r])] for r in refs]
    if math.prod(len(choice) for choice in choices) > _MAX_COMBINATIONS:
        return None
    changes = (_change(values, refs, combination) for combination in itertools.product(*choices))
    return [change for change in changes if change and grid.row_holds(row, {**values, **change})]


def _change(values: Values, refs: Sequence[CellRef], combination: Sequence[int]
            ) -> dict[CellRef, int]:
    """The cells whose figure a combination of readings (one per ref) changes."""
    return {r: v for r, v in zip(refs, combination, strict=True) if v != values[r]}


def _ways_per_row(grid: Grid, values: Values, options: Options
                  ) -> list[list[dict[CellRef, int]]] | None:
    """Each failing row's ways to hold; None when one has too many to search, and no rows
    when one cannot be made to hold by any reading (or no column fails)."""
    rows, columns = grid.failing(values)
    if not rows or not columns:
        return []
    per_row = []
    for row in rows:
        ways = _row_ways(grid, values, options, row, columns)
        if ways is None:
            return None
        if not ways:
            return []
        per_row.append(ways)
    return per_row


def _joint_fix(grid: Grid, values: Values, options: Options
               ) -> list[dict[CellRef, int]] | None:
    """Every combination of readings of the crossing cells that makes every row and column
    hold; None when there are too many to search.

    Searched row by row: each failing row's ways to hold, then the combinations of those
    that make the columns hold too.
    """
    per_row = _ways_per_row(grid, values, options)
    if per_row is None or math.prod(len(ways) for ways in per_row) > _MAX_COMBINATIONS:
        return None
    if not per_row:
        return []
    solutions = []
    for choice in itertools.product(*per_row):
        change = {ref: value for way in choice for ref, value in way.items()}
        if grid.failing({**values, **change}) == ([], []):
            solutions.append(change)
    return solutions


def _fits(grid: Grid, values: Values, options: Options) -> dict[CellRef, list[int]]:
    """The crossing cells with readings that make both their row and their column hold,
    with those readings."""
    fits: dict[CellRef, list[int]] = {}
    for ref in grid.crossing(values):
        found = [v for v in _alternatives(options, ref, values[ref])
                 if grid.cell_holds(ref, {**values, ref: v})]
        if found:
            fits[ref] = found
    return fits


def _lone_fix(grid: Grid, values: Values, options: Options) -> Repair | None:
    """A crossing cell with exactly one reading that makes both its row and its column hold,
    and no other crossing cell of that row or column with one (which would be another
    explanation of the same failing sums); None when there is none."""
    fits = _fits(grid, values, options)
    for ref, found in fits.items():
        rivals = [other for other in fits
                  if other != ref and (other.row == ref.row or other.column == ref.column)]
        if len(found) == 1 and not rivals:
            return Repair(ref, values[ref], found[0])
    return None


def _single_fixes(grid: Grid, values: Values, options: Options) -> list[Repair]:
    """Where no combination makes every sum hold (a figure that no reading gives right),
    fix what can be fixed alone, one cell after another (:func:`_lone_fix`)."""
    repairs: list[Repair] = []
    current = dict(values)
    while (repair := _lone_fix(grid, current, options)) is not None:
        repairs.append(repair)
        current[repair.cell] = repair.now
    return repairs


def fix(grid: Grid, values: Values, options: Options) -> list[Repair]:
    """The repairs the readings and the sums agree on, in cell order for a joint fix; none
    when there are too many combinations to search or several ways to make the sums hold."""
    solutions = _joint_fix(grid, values, options)
    if solutions is None or len(solutions) > 1:
        return []
    if not solutions:
        return _single_fixes(grid, values, options)
    return [Repair(ref, values[ref], value) for ref, value in sorted(solutions[0].items())]
