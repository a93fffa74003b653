"""Self-check and repair of a region table read by OCR: the table's own arithmetic says which
figures were misread, and only the OCR's own readings may put them right.

Every figure is in two checks: its row (the counts sum to the row total) and its column
(the municipalities sum to the ``TOTAAL AMR`` count); the ``TOTAAL AMR`` figures are checked
against each other and the row totals' column. One misread figure makes exactly its row and
its column fail, so it is where a failing row and a failing column cross. For those cells
the other readings of the OCR (the page read and the digits-only looks of ``cells``,
more looks if a cell had few) are tried together, and a combination is accepted only if it
makes every failing row and column hold and no other combination does: the row sum alone
would determine a figure, the column sum confirms it independently, and the figure must be
one the OCR saw. Never is a figure computed from the sums. A figure that no reading
confirms stays as read, and the report carries an ``ocr_uncertain`` issue naming it besides
the sum mismatch.

Names are the one thing the sums cannot check: a name word the page read was not sure of is
read twice more, and a name whose looks disagree is flagged ``ocr_uncertain``.

The arithmetic is in ``sums`` (pure: no image, no tesseract), the flags in ``doubt``; this
module gathers each figure's readings and puts the two together.

The grammar says where each figure and name word is printed (``RawRow.cell_words``,
``RawRow.name_words``, ``RegionTable.total_line``); the OCR cell of a figure is the one its
word stands in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .._grammar import RegionTable
from .._layout.page import Word
from ..records import TOTAL_ROW, RegionReport, TotalRow
from ..validation import validate
from .cells import CheckedPage, FigureCell
from .doubt import uncertain_cells, uncertain_footnote, uncertain_names
from .looks import SECOND_LOOKS, reread_cells
from .sums import CellRef, Grid, Repair, Values, fix

__all__ = ["CellRef", "Repair", "RepairOutcome", "repair_report"]


@attrs.frozen
class RepairOutcome:
    """The report with repaired figures and re-validated issues (``ocr_uncertain`` ones
    included), the cells repaired, and the cells still uncertain."""

    report: RegionReport
    repaired: tuple[Repair, ...]
    uncertain: tuple[CellRef, ...]


# --- where the figures and names are ------------------------------------------------------

def _cell_at(checked: Mapping[int, CheckedPage], page: int, word: Word | None
             ) -> FigureCell | None:
    """The OCR figure cell the grammar's ``word`` was read from, if its page was OCR'd."""
    found = checked.get(page)
    if found is None or word is None:
        return None
    return found.cell_at(word.centre_x, (word.top + word.bottom) / 2)


def _figure_cells(table: RegionTable, checked: Mapping[int, CheckedPage]
                  ) -> dict[CellRef, FigureCell]:
    """The OCR cell of each figure of the table, where the grammar's word stands in one."""
    located: list[tuple[CellRef, int, Word | None]] = [
        (CellRef(i, j), raw.page, word)
        for i, raw in enumerate(table.rows) for j, word in enumerate(raw.cell_words)]
    line = table.total_line
    if line is not None:
        figures = line.words[len(line.words) - len(table.total_cells):]
        located += [(CellRef(TOTAL_ROW, j), line.page, word) for j, word in enumerate(figures)]
    out: dict[CellRef, FigureCell] = {}
    for ref, page, word in located:
        cell = _cell_at(checked, page, word)
        if cell is not None:
            out[ref] = cell
    return out


def _more_looks(cells: dict[CellRef, FigureCell], refs: Sequence[CellRef],
                checked: Mapping[int, CheckedPage]) -> dict[CellRef, FigureCell]:
    """Give the cells that were read only once or twice the second looks as well."""
    out = dict(cells)
    wanted = [r for r in refs if r in cells and _few_looks(cells[r])]
    for number in sorted({cells[r].page for r in wanted}):
        group = [r for r in wanted if cells[r].page == number]
        looks = reread_cells(checked[number].ocr, [cells[r].box for r in group], SECOND_LOOKS)
        out.update({ref: attrs.evolve(cells[ref], readings=(*cells[ref].readings, *found))
                    for ref, found in zip(group, looks, strict=True)})
    return out


def _few_looks(cell: FigureCell) -> bool:
    """Was the cell read in fewer configurations than the second looks have?"""
    return len({x.config for x in cell.readings}) < len(SECOND_LOOKS)


def _with_values(report: RegionReport, values: Values, width: int) -> RegionReport:
    k = width - 1
    rows = [attrs.evolve(row, counts=tuple(values[CellRef(i, j)] for j in range(k)),
                         total=values[CellRef(i, k)])
            for i, row in enumerate(report.rows)]
    total = TotalRow(report.total.label, tuple(values[CellRef(TOTAL_ROW, j)] for j in range(k)),
                     values[CellRef(TOTAL_ROW, k)])
    return attrs.evolve(report, rows=rows, total=total)


def _repaired(grid: Grid, cells: Mapping[CellRef, FigureCell],
              checked: Mapping[int, CheckedPage]
              ) -> tuple[list[Repair], dict[CellRef, FigureCell], dict[CellRef, int]]:
    """The repairs of the figures where a failing row and a failing column cross, the cells
    with the looks taken for them, and the table's figures after the repairs."""
    crossing = grid.crossing(grid.values)
    if not crossing:
        return [], dict(cells), dict(grid.values)
    looked = _more_looks(dict(cells), crossing, checked)
    options = {ref: cell.alternatives() for ref, cell in looked.items()}
    repairs = fix(grid, grid.values, options)
    return repairs, looked, {**grid.values, **{r.cell: r.now for r in repairs}}


def repair_report(report: RegionReport, table: RegionTable,
                  checked: Mapping[int, CheckedPage]) -> RepairOutcome:
    """Repair the misread figures of a report read by OCR where the OCR's readings and both
    sums agree; flag the rest. ``table`` is the grammar's table the report was built from,
    ``checked`` the OCR pages it was read from, by page number (a page of the table not in
    it was read from its text layer)."""
    grid = Grid.of(report)
    repairs, cells, values = _repaired(grid, _figure_cells(table, checked), checked)
    repaired = _with_values(report, values, grid.width)
    issues = [*uncertain_cells(repaired, grid, values, cells),
              *uncertain_names(repaired, table, checked),
              *uncertain_footnote(repaired, table, checked)]
    # what reading the table found (issues validation did not make) stays; sums are redone
    checks = set(validate(report))
    reading = [issue for issue in report.issues if issue not in checks]
    final = attrs.evolve(repaired, issues=(*reading, *validate(repaired), *issues))
    uncertain = tuple(CellRef(i.row, i.column_index) for i in issues
                      if i.row is not None and i.column_index is not None)
    return RepairOutcome(final, tuple(repairs), uncertain)
