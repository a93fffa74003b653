"""Self-check and repair of a region table read by OCR: the table's own arithmetic says which
figures were misread, and only the OCR's own readings may put them right.

Every figure is in two checks: its row (the four counts sum to the row total) and its column
(the municipalities sum to the ``TOTAAL AMR`` count); the ``TOTAAL AMR`` figures are checked
against each other and the row totals' column. One misread figure makes exactly its row and
its column fail, so it is where a failing row and a failing column cross. For such a cell the
other readings of the OCR (the page read and the digits-only looks of ``_ocr_cells``, more
looks if it has few) are tried, and one is accepted only if it makes both its row and its
column hold: the row sum alone would determine the figure, the column sum confirms it
independently, and the figure must still be one the OCR saw. Never is a figure computed from
the sums. A figure that no reading confirms stays as read, and the report carries an
``ocr_uncertain`` issue naming it besides the sum mismatch.

Prototype: the grammar does not yet say where each figure is printed, so the figures' boxes
are found again by matching each row's printed line on the page (see ``_row_words``).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence

import attrs
import regex

from ._grammar import RegionTable
from ._layout import Page, Word
from ._names import normalize_text
from ._numbers import format_count
from ._ocr import NAME_LOOKS, SECOND_LOOKS, OcrWord, reread_cells
from ._ocr_cells import CheckedPage, FigureCell
from .records import TOTAL_ROW, RegionReport, TotalRow, ValidationIssue
from .validation import TOTAL_COLUMN, validate

__all__ = ["OCR_UNCERTAIN", "CellRef", "Repair", "RepairOutcome", "repair_report"]

#: ``ValidationIssue.code`` of a figure or name the OCR is not sure of.
OCR_UNCERTAIN = "ocr_uncertain"
# Cells of one row tried together when single fixes do not make the sums hold (two misread
# figures in one row or column); a row with more crossing cells than this is not searched.
_MAX_JOINT_CELLS = 5
# Combinations of alternatives tried jointly at most (the product of their numbers).
_MAX_COMBINATIONS = 20_000
# A name word read with a confidence (tesseract's 0-100) below this gets two more looks
# (NAME_LOOKS); the name is flagged unless both read the word as the page did. Measured on
# the scans: misread names had 55-90, but so had a fifth of the names read right; names are
# the one thing the sums cannot check.
_NAME_SURE = 92.0
# A wrapped name's other line is at most this many line heights from its figures.
_NAME_REACH = 2.0
# Room left and right of a name word when it is cut out again (points).
_NAME_MARGIN = 1.0
_SMALL_START = regex.compile(r"(?!'s-)\P{L}*\p{Ll}")


@attrs.frozen(order=True)
class CellRef:
    """A figure of the table, by position as :class:`~.records.ValidationIssue` names it:
    ``row`` indexes ``report.rows`` (:data:`~.records.TOTAL_ROW` for the TOTAAL line),
    ``column`` the count columns (0..k-1) or the total column (k)."""

    row: int
    column: int


@attrs.frozen
class Repair:
    cell: CellRef
    was: int
    now: int


@attrs.frozen
class RepairOutcome:
    """The report with repaired figures and re-validated issues (``ocr_uncertain`` ones
    included), the cells repaired, and the cells still uncertain."""

    report: RegionReport
    repaired: tuple[Repair, ...]
    uncertain: tuple[CellRef, ...]


# --- where the figures are (until the grammar says so) --------------------------------------

def _row_words(pages: Sequence[Page], page: int, cells: Sequence[str | None]
               ) -> list[list[tuple[int, Word]]]:
    """Every line on ``page`` that ends in exactly these figure texts (a blank cell, None,
    has no word): its figure words, each with its column."""
    present = [(j, text) for j, text in enumerate(cells) if text is not None]
    found = []
    for candidate in pages:
        if candidate.number != page or not present:
            continue
        for line in candidate.lines:
            words = line.words[-len(present):]
            if len(line.words) >= len(present) and all(
                    w.text == text for w, (_j, text) in zip(words, present, strict=True)):
                found.append([(j, w) for w, (j, _t) in zip(words, present, strict=True)])
    return found


def _figure_cells(table: RegionTable, pages: Sequence[Page],
                  checked: Sequence[CheckedPage]) -> dict[CellRef, tuple[FigureCell, int]]:
    """The OCR cell (and its page number) of each figure of the table, where it is found."""
    by_number = {page.number: page for page in checked}
    out: dict[CellRef, tuple[FigureCell, int]] = {}
    used: set[int] = set()

    def place(ref_row: int, page_numbers: Sequence[int], cells: Sequence[str | None]) -> None:
        for number in page_numbers:
            for words in _row_words(pages, number, cells):
                if id(words[0][1]) in used:
                    continue
                used.add(id(words[0][1]))
                page = by_number.get(number)
                if page is None:
                    return
                for j, word in words:
                    cell = page.cell_at((word.x0 + word.x1) / 2, (word.top + word.bottom) / 2)
                    if cell is not None:
                        out[CellRef(ref_row, j)] = (cell, number)
                return

    for i, raw in enumerate(table.rows):
        place(i, [raw.page], raw.cells)
    place(TOTAL_ROW, table.pages, table.total_cells)
    return out


# --- the arithmetic -------------------------------------------------------------------------

@attrs.frozen
class _Grid:
    """The table's figures as a matrix: municipality rows, then the TOTAAL line; count
    columns, then the total column."""

    values: dict[CellRef, int]
    rows: tuple[int, ...]
    width: int

    @classmethod
    def of(cls, report: RegionReport) -> _Grid:
        values: dict[CellRef, int] = {}
        lines: list[tuple[int, tuple[int, ...], int]] = [
            (i, row.counts, row.total) for i, row in enumerate(report.rows)]
        lines.append((TOTAL_ROW, report.total.counts, report.total.total))
        for i, counts, total in lines:
            for j, value in enumerate((*counts, total)):
                values[CellRef(i, j)] = value
        return cls(values, tuple(i for i, _c, _t in lines), len(report.total.counts) + 1)

    def row_holds(self, row: int, values: dict[CellRef, int]) -> bool:
        k = self.width - 1
        return sum(values[CellRef(row, j)] for j in range(k)) == values[CellRef(row, k)]

    def column_holds(self, column: int, values: dict[CellRef, int]) -> bool:
        counted = sum(values[CellRef(i, column)] for i in self.rows if i != TOTAL_ROW)
        return counted == values[CellRef(TOTAL_ROW, column)]

    def failing(self, values: dict[CellRef, int]) -> tuple[list[int], list[int]]:
        rows = [i for i in self.rows if not self.row_holds(i, values)]
        columns = [j for j in range(self.width) if not self.column_holds(j, values)]
        return rows, columns


def _alternatives(cell: FigureCell | None, current: int) -> list[int]:
    if cell is None:
        return []
    return [v for v in cell.alternatives() if v != current]


def _more_looks(cells: dict[CellRef, tuple[FigureCell, int]], refs: Sequence[CellRef],
                checked: Sequence[CheckedPage]) -> dict[CellRef, tuple[FigureCell, int]]:
    """Give the cells that were read only once or twice the second looks as well."""
    by_number = {page.number: page for page in checked}
    out = dict(cells)
    wanted = [r for r in refs if r in cells
              and len({x.config for x in cells[r][0].readings}) < len(SECOND_LOOKS)]
    for number in sorted({cells[r][1] for r in wanted}):
        group = [r for r in wanted if cells[r][1] == number]
        looks = reread_cells(by_number[number].ocr, [cells[r][0].box for r in group],
                             SECOND_LOOKS)
        for ref, found in zip(group, looks, strict=True):
            cell, page = cells[ref]
            out[ref] = (attrs.evolve(cell, readings=(*cell.readings, *found)), page)
    return out


def _single_fixes(grid: _Grid, values: dict[CellRef, int],
                  cells: dict[CellRef, tuple[FigureCell, int]]) -> list[Repair]:
    """Fix cells one at a time: a reading that makes both the cell's row and its column
    hold, when exactly one reading of the cell does."""
    repairs: list[Repair] = []
    changed = True
    while changed:
        changed = False
        rows, columns = grid.failing(values)
        for row, column in itertools.product(rows, columns):
            ref = CellRef(row, column)
            found = cells.get(ref)
            fits = []
            for value in _alternatives(found[0] if found else None, values[ref]):
                trial = {**values, ref: value}
                if grid.row_holds(row, trial) and grid.column_holds(column, trial):
                    fits.append(value)
            if len(fits) == 1:
                repairs.append(Repair(ref, values[ref], fits[0]))
                values[ref] = fits[0]
                changed = True
                break
    return repairs


def _joint_fix(grid: _Grid, values: dict[CellRef, int],
               cells: dict[CellRef, tuple[FigureCell, int]]) -> list[Repair]:
    """Fix several crossing cells at once (two misread figures in one row or column): the
    one combination of readings, changing the fewest figures, that makes every sum hold.

    Searched row by row: each failing row's ways to hold (readings of its crossing cells
    that make its sum right), then the combinations of those that make the columns hold.
    """
    rows, columns = grid.failing(values)
    if not rows or not columns:
        return []
    per_row: list[list[dict[CellRef, int]]] = []
    for row in rows:
        refs = [CellRef(row, c) for c in columns if CellRef(row, c) in cells]
        if len(refs) > _MAX_JOINT_CELLS:
            return []
        options = [[values[r], *_alternatives(cells[r][0], values[r])] for r in refs]
        ways = []
        for combination in itertools.product(*options):
            change = {r: v for r, v in zip(refs, combination, strict=True) if v != values[r]}
            if change and grid.row_holds(row, {**values, **change}):
                ways.append(change)
        if not ways:
            return []  # this row cannot be made to hold by any reading
        per_row.append(ways)
    count = 1
    for ways in per_row:
        count *= len(ways)
    if count > _MAX_COMBINATIONS:
        return []
    solutions: list[dict[CellRef, int]] = []
    for choice in itertools.product(*per_row):
        trial = dict(values)
        for change in choice:
            trial.update(change)
        if grid.failing(trial) == ([], []):
            solutions.append({r: v for change in choice for r, v in change.items()})
    if not solutions:
        return []
    fewest = min(len(s) for s in solutions)
    best = [s for s in solutions if len(s) == fewest]
    if len(best) != 1:
        return []  # two ways to make the sums hold: the readings do not decide
    return [Repair(ref, values[ref], value) for ref, value in sorted(best[0].items())]


# --- the report -----------------------------------------------------------------------------

def _with_values(report: RegionReport, values: dict[CellRef, int], width: int) -> RegionReport:
    k = width - 1
    rows = [attrs.evolve(row, counts=tuple(values[CellRef(i, j)] for j in range(k)),
                         total=values[CellRef(i, k)])
            for i, row in enumerate(report.rows)]
    total = TotalRow(report.total.label, tuple(values[CellRef(TOTAL_ROW, j)] for j in range(k)),
                     values[CellRef(TOTAL_ROW, k)])
    return attrs.evolve(report, rows=rows, total=total)


def _cell_issue(report: RegionReport, ref: CellRef, value: int, why: str) -> ValidationIssue:
    k = len(report.columns)
    column = report.columns[ref.column] if ref.column < k else TOTAL_COLUMN
    name = report.total.label if ref.row == TOTAL_ROW else report.rows[ref.row].municipality
    return ValidationIssue(
        OCR_UNCERTAIN,  # type: ignore[arg-type]  # until records.IssueCode lists it
        f"{name}, column {column!r}: the figure read by OCR as {format_count(value)} "
        f"is uncertain ({why})",
        municipality=name, column=column, row=ref.row, column_index=ref.column,
    )


def _name_words(table: RegionTable, pages: Sequence[Page], page: CheckedPage,
                row: int) -> list[OcrWord]:
    """The OCR words of row ``row``'s name: words of its name left of its figures, within
    two line heights of them (a wrapped name's other line included)."""
    raw = table.rows[row]
    anchor = _row_words(pages, raw.page, raw.cells)
    if not anchor:
        return []
    first = anchor[0][0][1]
    tokens = set(" ".join(raw.name_parts).split())
    reach = _NAME_REACH * (first.bottom - first.top)
    centre = (first.top + first.bottom) / 2
    return [w for w in page.ocr.words
            if w.glyph.text in tokens and w.glyph.x1 <= first.x0
            and abs((w.glyph.top + w.glyph.bottom) / 2 - centre) <= reach]


def _spelling(text: str) -> str:
    """A name word as the records would spell it (ligatures such as the Dutch ``ĳ`` undone)."""
    return normalize_text(unicodedata.normalize("NFKC", text))


def _uncertain_names(report: RegionReport, table: RegionTable, pages: Sequence[Page],
                     checked: Sequence[CheckedPage]) -> list[ValidationIssue]:
    """Names one of whose words the page read was not sure of, and two larger looks at the
    word did not read the same."""
    by_number = {page.number: page for page in checked}
    doubtful: dict[int, list[tuple[int, OcrWord]]] = {}
    for index, raw in enumerate(table.rows):
        page = by_number.get(raw.page)
        if page is None:
            continue
        for word in _name_words(table, pages, page, index):
            if word.confidence < _NAME_SURE:
                doubtful.setdefault(raw.page, []).append((index, word))
    unsure: dict[int, list[str]] = {}
    for number, found in sorted(doubtful.items()):
        boxes = [(w.glyph.x0 - _NAME_MARGIN, w.glyph.top, w.glyph.x1 + _NAME_MARGIN,
                  w.glyph.bottom) for _i, w in found]
        looks = reread_cells(by_number[number].ocr, boxes, NAME_LOOKS, digits=False)
        for (index, word), readings in zip(found, looks, strict=True):
            seen = _spelling(word.glyph.text)
            texts = {_spelling(r.text) for r in readings}
            if texts != {seen} or len(readings) < len(NAME_LOOKS):
                unsure.setdefault(index, []).extend(sorted(texts - {seen}))
    # Municipality names start with a capital, or with 's- ('s-Hertogenbosch): a name read
    # with a small first letter lost its capital (IJsselstein read as ijsselstein)
    for index, row in enumerate(report.rows):
        if _SMALL_START.match(row.municipality):
            unsure.setdefault(index, [])
    issues = []
    for index, others in sorted(unsure.items()):
        name = report.rows[index].municipality
        also = f" (also read as {', '.join(repr(t) for t in others)})" if others else ""
        issues.append(ValidationIssue(
            OCR_UNCERTAIN,  # type: ignore[arg-type]  # until records.IssueCode lists it
            f"{name}: the name read by OCR is uncertain{also}",
            municipality=name, row=index,
        ))
    return issues


def repair_report(report: RegionReport, table: RegionTable, pages: Sequence[Page],
                  checked: Sequence[CheckedPage]) -> RepairOutcome:
    """Repair the misread figures of a report read by OCR where the OCR's readings and both
    sums agree; flag the rest. ``table`` is the grammar's table the report was built from,
    ``pages`` the layout's pages and ``checked`` the OCR pages it was read from."""
    grid = _Grid.of(report)
    values = dict(grid.values)
    cells = _figure_cells(table, pages, checked)
    rows, columns = grid.failing(values)
    repairs: list[Repair] = []
    if rows or columns:
        crossing = [CellRef(r, c) for r, c in itertools.product(rows, columns)]
        cells = _more_looks(cells, crossing, checked)
        repairs = _single_fixes(grid, values, cells)
        joint = _joint_fix(grid, values, cells)
        for repair in joint:
            values[repair.cell] = repair.now
        repairs += joint
    repaired = _with_values(report, values, grid.width)
    rows, columns = grid.failing(values)
    uncertain = sorted(CellRef(r, c) for r, c in itertools.product(rows, columns))
    issues = [_cell_issue(repaired, ref, values[ref], "its row and its column do not add up")
              for ref in uncertain]
    # a failing row or column without a failing partner: its doubtful readings are suspects
    for ref, (cell, _page) in sorted(cells.items()):
        if ref in uncertain or cell.certain:
            continue
        if ref.row in rows or ref.column in columns:
            uncertain.append(ref)
            issues.append(_cell_issue(repaired, ref, values[ref],
                                      "its readings disagree and a sum does not hold"))
    issues += _uncertain_names(repaired, table, pages, checked)
    # what reading the table found (issues validation did not make) stays; sums are redone
    checks = set(validate(report))
    reading = [issue for issue in report.issues if issue not in checks]
    final = attrs.evolve(repaired, issues=(*reading, *validate(repaired), *issues))
    return RepairOutcome(final, tuple(repairs), tuple(uncertain))

