"""The repair's arithmetic on its own (``_ocr.sums``): no image and no tesseract, only the
table's figures and the counts each cell's readings give it."""

from __future__ import annotations

from transparantie_parser._ocr.sums import CellRef, Grid, Repair, fix
from transparantie_parser.records import TOTAL_ROW


def _grid(rows: list[list[int]]) -> Grid:
    """Municipality rows, then the TOTAAL line; each row's counts then its total."""
    keys = [*range(len(rows) - 1), TOTAL_ROW]
    values = {CellRef(i, j): v for i, row in zip(keys, rows, strict=True)
              for j, v in enumerate(row)}
    return Grid(values, tuple(keys), len(rows[0]))


# 1 + 2 = 3 and 4 + 5 = 9, columns 5, 7, 12: the first count misread as 7, the last row's
# second as 6 (and no reading of it gives 5)
MISREAD = _grid([[7, 2, 3], [4, 6, 9], [5, 7, 12]])


def test_a_figure_that_one_reading_puts_right_alone_is_repaired_and_the_other_left() -> None:
    options = {CellRef(0, 0): [7, 1], CellRef(1, 1): [6, 8]}
    assert fix(MISREAD, MISREAD.values, options) == [Repair(CellRef(0, 0), 7, 1)]


def test_the_arithmetic_leaves_its_callers_figures_as_they_were() -> None:
    values = dict(MISREAD.values)
    fix(MISREAD, values, {CellRef(0, 0): [7, 1], CellRef(1, 1): [6, 8]})
    assert values == MISREAD.values
    assert values[CellRef(0, 0)] == 7


def test_two_misread_figures_of_a_row_are_repaired_together() -> None:
    grid = _grid([[7, 8, 3], [4, 5, 9], [5, 7, 12]])
    options = {CellRef(0, 0): [7, 1], CellRef(0, 1): [8, 2]}
    assert fix(grid, grid.values, options) == [Repair(CellRef(0, 0), 7, 1),
                                               Repair(CellRef(0, 1), 8, 2)]

