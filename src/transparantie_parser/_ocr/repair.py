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

The grammar says where each figure and name word is printed (``RawRow.cell_words``,
``RawRow.name_words``, ``RegionTable.total_line``); the OCR cell of a figure is the one its
word stands in.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import attrs
import regex

from .._grammar import RegionTable
from .._layout.page import Word
from .._names import normalize_text
from .._numbers import format_count
from ..records import TOTAL_ROW, RegionReport, RegisterFootnote, TotalRow, ValidationIssue
from ..validation import TOTAL_COLUMN, validate
from .cells import CheckedPage, FigureCell, agreed, count_value
from .footnote import digit_box, percentage_of
from .tesseract import FIRST_LOOK, NAME_LOOKS, SECOND_LOOKS, OcrWord, reread_cells

__all__ = ["CellRef", "Repair", "RepairOutcome", "repair_report"]

# Cells of one failing row tried together (two misread figures in a row); a row that crosses
# more failing columns than this is not searched: its figures stay as read and are flagged.
_MAX_JOINT_CELLS = 5
# Combinations of readings tried at most, in one row and over the failing rows together
# (the product of each row's ways to hold): enough for two or three misread figures per
# table, and a bound on the work for a page read badly throughout.
_MAX_COMBINATIONS = 20_000
# A name word read with a confidence (tesseract's 0-100) below this gets two more looks
# (NAME_LOOKS); the name is flagged unless both read the word as the page did. Measured on
# the scans: misread names had 55-90, but so had a fifth of the names read right; names are
# the one thing the sums cannot check.
_NAME_SURE = 92.0
# Room left and right of a name word when it is cut out again (points).
_NAME_MARGIN = 1.0
# Room below a name word's box when it is cut out again, as a share of its height (the body
# size): the box reaches 0.20 em below the baseline and descenders 0.21 em, so a baseline
# found a little high cut off their tails, and a look read 'g' as 'a', 'j' as 'i', 'y' as
# 'v' in names the page read right (on clean 300 dpi renders, 2 names of 9; 10 of the 230
# rows of the scans were flagged so, most with a descender). A row's next line is 0.4 em or
# more below.
_NAME_DESCENDER_ROOM = 0.15
# Municipality names start with a capital, or with 's- ('s-Hertogenbosch): a name read with
# a small first letter lost its capital (IJsselstein read as ijsselstein).
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
    """A figure put right: read as ``was``, one of its other readings ``now`` makes its row
    and its column hold."""

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


def _ocr_words(page: CheckedPage, word: Word) -> list[OcrWord]:
    """The words of the page read that make up the grammar's ``word`` (each OCR word's
    centre lies in it; the layout may have joined two)."""
    return [w for w in page.ocr.words
            if word.x0 <= (w.glyph.x0 + w.glyph.x1) / 2 <= word.x1
            and word.top <= (w.glyph.top + w.glyph.bottom) / 2 <= word.bottom]


# --- the arithmetic -------------------------------------------------------------------------

Values = dict[CellRef, int]
_Placed = tuple[int, Word]  # a word and the number of the page it is printed on


@attrs.frozen
class _Grid:
    """The table's figures as a matrix: municipality rows, then the TOTAAL line; count
    columns, then the total column."""

    values: Values
    rows: tuple[int, ...]
    width: int

    @classmethod
    def of(cls, report: RegionReport) -> _Grid:
        values: Values = {}
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


def _alternatives(cell: FigureCell | None, current: int) -> list[int]:
    if cell is None:
        return []
    return [v for v in cell.alternatives() if v != current]


def _more_looks(cells: dict[CellRef, FigureCell], refs: Sequence[CellRef],
                checked: Mapping[int, CheckedPage]) -> dict[CellRef, FigureCell]:
    """Give the cells that were read only once or twice the second looks as well."""
    out = dict(cells)
    wanted = [r for r in refs if r in cells
              and len({x.config for x in cells[r].readings}) < len(SECOND_LOOKS)]
    for number in sorted({cells[r].page for r in wanted}):
        group = [r for r in wanted if cells[r].page == number]
        looks = reread_cells(checked[number].ocr, [cells[r].box for r in group], SECOND_LOOKS)
        for ref, found in zip(group, looks, strict=True):
            out[ref] = attrs.evolve(cells[ref], readings=(*cells[ref].readings, *found))
    return out


def _row_ways(grid: _Grid, values: Values, cells: Mapping[CellRef, FigureCell], row: int,
              columns: Sequence[int]) -> list[Values] | None:
    """Every change of readings of ``row``'s cells in ``columns`` that makes the row hold;
    None when it has more such cells, or combinations of their readings, than are searched."""
    refs = [CellRef(row, c) for c in columns if CellRef(row, c) in cells]
    if len(refs) > _MAX_JOINT_CELLS:
        return None
    options = [[values[r], *_alternatives(cells[r], values[r])] for r in refs]
    if math.prod(len(option) for option in options) > _MAX_COMBINATIONS:
        return None
    ways = []
    for combination in itertools.product(*options):
        change = {r: v for r, v in zip(refs, combination, strict=True) if v != values[r]}
        if change and grid.row_holds(row, {**values, **change}):
            ways.append(change)
    return ways


def _joint_fix(grid: _Grid, values: Values, cells: Mapping[CellRef, FigureCell]
               ) -> list[Values] | None:
    """Every combination of readings of the crossing cells that makes every row and column
    hold; None when there are too many to search.

    Searched row by row: each failing row's ways to hold, then the combinations of those
    that make the columns hold too.
    """
    rows, columns = grid.failing(values)
    if not rows or not columns:
        return []
    per_row = []
    for row in rows:
        ways = _row_ways(grid, values, cells, row, columns)
        if ways is None:
            return None
        if not ways:
            return []  # this row cannot be made to hold by any reading
        per_row.append(ways)
    if math.prod(len(ways) for ways in per_row) > _MAX_COMBINATIONS:
        return None
    solutions = []
    for choice in itertools.product(*per_row):
        change = {ref: value for way in choice for ref, value in way.items()}
        if grid.failing({**values, **change}) == ([], []):
            solutions.append(change)
    return solutions


def _single_fixes(grid: _Grid, values: Values, cells: Mapping[CellRef, FigureCell]
                  ) -> list[Repair]:
    """Where no combination makes every sum hold (a figure that no reading gives right),
    fix what can be fixed alone: a crossing cell with exactly one reading that makes both
    its row and its column hold, and no other crossing cell of that row or column with
    one (which would be another explanation of the same failing sums)."""
    repairs: list[Repair] = []
    while True:
        fits: dict[CellRef, list[int]] = {}
        for ref in grid.crossing(values):
            found = [v for v in _alternatives(cells.get(ref), values[ref])
                     if grid.row_holds(ref.row, {**values, ref: v})
                     and grid.column_holds(ref.column, {**values, ref: v})]
            if found:
                fits[ref] = found
        alone = [ref for ref, found in fits.items() if len(found) == 1 and not any(
            other != ref and (other.row == ref.row or other.column == ref.column)
            for other in fits)]
        if not alone:
            return repairs
        ref = alone[0]
        repairs.append(Repair(ref, values[ref], fits[ref][0]))
        values[ref] = fits[ref][0]


def _fix(grid: _Grid, values: Values, cells: Mapping[CellRef, FigureCell]) -> list[Repair]:
    """The repairs the readings and the sums agree on; ``values`` is updated."""
    solutions = _joint_fix(grid, values, cells)
    if solutions is None or len(solutions) > 1:
        return []  # too many to search, or several ways to make the sums hold
    if not solutions:
        return _single_fixes(grid, values, cells)
    repairs = [Repair(ref, values[ref], value) for ref, value in sorted(solutions[0].items())]
    values.update(solutions[0])
    return repairs


# --- the report -----------------------------------------------------------------------------

def _with_values(report: RegionReport, values: Values, width: int) -> RegionReport:
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
        "ocr_uncertain",
        f"{name}, column {column!r}: the figure read by OCR as {format_count(value)} "
        f"is uncertain ({why})",
        municipality=name, column=column, row=ref.row, column_index=ref.column,
    )


def _uncertain_cells(report: RegionReport, grid: _Grid, values: Values,
                     cells: Mapping[CellRef, FigureCell]) -> list[ValidationIssue]:
    """``ocr_uncertain`` for every figure that may be the wrong one: where a failing row
    and a failing column cross; any figure whose readings disagree in a row or column that
    fails; and every figure of a failing row that neither says which of its figures is
    wrong (two misread figures of a column can hide each other from the column's sum)."""
    flagged = {ref: "its row and its column do not add up" for ref in grid.crossing(values)}
    rows, columns = grid.failing(values)
    for ref, cell in sorted(cells.items()):
        if ref not in flagged and not cell.certain and (ref.row in rows
                                                        or ref.column in columns):
            flagged[ref] = "its readings disagree and a sum does not hold"
    for row in rows:
        if not any(ref.row == row for ref in flagged):
            for column in range(grid.width):
                flagged[CellRef(row, column)] = "its row does not add up"
    ordered = sorted(flagged, key=lambda ref: (ref.row == TOTAL_ROW, ref.row, ref.column))
    return [_cell_issue(report, ref, values[ref], flagged[ref]) for ref in ordered]


def _spelling(text: str) -> str:
    """A name word as the records would spell it (ligatures such as the Dutch ``ĳ`` undone)."""
    return normalize_text(unicodedata.normalize("NFKC", text))


def _doubtful_name_words(table: RegionTable, checked: Mapping[int, CheckedPage]
                         ) -> dict[int, list[tuple[int, OcrWord]]]:
    """Per page, the name words (with their row) the page read was not sure of."""
    doubtful: dict[int, list[tuple[int, OcrWord]]] = {}
    for index, raw in enumerate(table.rows):
        page = checked.get(raw.page)
        if page is None:
            continue
        for word in raw.name_words:
            for read in _ocr_words(page, word):
                if read.confidence < _NAME_SURE:
                    doubtful.setdefault(raw.page, []).append((index, read))
    return doubtful


def _uncertain_names(report: RegionReport, table: RegionTable,
                     checked: Mapping[int, CheckedPage]) -> list[ValidationIssue]:
    """Names one of whose words the page read was not sure of, and two larger looks at the
    word did not read the same; and names that lost their capital."""
    unsure: dict[int, list[str]] = {}
    for number, found in sorted(_doubtful_name_words(table, checked).items()):
        boxes = [(w.glyph.x0 - _NAME_MARGIN, w.glyph.top, w.glyph.x1 + _NAME_MARGIN,
                  w.glyph.bottom + _NAME_DESCENDER_ROOM * (w.glyph.bottom - w.glyph.top))
                 for _i, w in found]
        looks = reread_cells(checked[number].ocr, boxes, NAME_LOOKS, digits=False)
        for (index, word), readings in zip(found, looks, strict=True):
            seen = _spelling(word.glyph.text)
            texts = {_spelling(r.text) for r in readings}
            if texts != {seen} or len(readings) < len(NAME_LOOKS):
                unsure.setdefault(index, []).extend(sorted(texts - {seen}))
    for index, row in enumerate(report.rows):
        if table.rows[index].page in checked and _SMALL_START.match(row.municipality):
            unsure.setdefault(index, [])
    issues = []
    for index, others in sorted(unsure.items()):
        name = report.rows[index].municipality
        also = f" (also read as {', '.join(repr(t) for t in others)})" if others else ""
        issues.append(ValidationIssue(
            "ocr_uncertain", f"{name}: the name read by OCR is uncertain{also}",
            municipality=name, row=index,
        ))
    return issues


def _footnote_words(table: RegionTable) -> tuple[_Placed | None, _Placed | None]:
    """The words of the footnote's register total and percentage, with their pages: the
    first word of its lines that is the register as read, and the first after it that is
    the percentage as read (with its ``%`` or without)."""
    note = table.footnote
    if note is None:
        return None, None
    words = [(line.page, word) for line in note.lines for word in line.words]
    at = next((i for i, (_p, w) in enumerate(words) if w.text == note.register), None)
    if at is None:
        return None, None
    pct = next((placed for placed in words[at + 1:]
                if percentage_of(placed[1].text) == note.pct), None)
    return words[at], pct


def _count_text(text: str) -> str:
    """A look at a count as the messages print it: ``80.601``, or the text quoted."""
    value = count_value(text)
    return repr(text) if value is None else format_count(value)


def _footnote_issue(field: str, what: str, shown: str, others: Iterable[str]
                    ) -> ValidationIssue:
    listed = sorted(set(others) - {shown})
    also = f" (also read as {', '.join(listed)})" if listed else ""
    return ValidationIssue(
        "ocr_uncertain", f"the {what} read by OCR as {shown} is uncertain{also}", column=field)


def _confidence(page: CheckedPage, word: Word) -> float | None:
    """The page read's confidence in a word of the grammar (its least sure OCR word)."""
    found = [w.confidence for w in _ocr_words(page, word)]
    return min(found) if found else None


def _uncertain_register(note: RegisterFootnote, page: CheckedPage, word: Word
                        ) -> ValidationIssue | None:
    """The register total, looked at again digits only in every configuration a figure
    cell gets: flagged unless the looks agree with the page read."""
    looks = reread_cells(page.ocr, [digit_box(word)], (*FIRST_LOOK, *SECOND_LOOKS))[0]
    votes = [(count_value(r.text), r.confidence) for r in looks]
    if agreed((count_value(word.text), _confidence(page, word)), votes) == note.register_total:
        return None
    return _footnote_issue("register_total", "register total",
                           format_count(note.register_total),
                           (_count_text(r.text) for r in looks))


def _uncertain_pct(printed: str, page: CheckedPage, word: Word) -> ValidationIssue | None:
    """The percentage, looked at again with its ``%`` sign (as words are read: a
    digits-only look would read the sign as digits): flagged unless the looks agree."""
    box = (word.x0 - _NAME_MARGIN, word.top, word.x1 + _NAME_MARGIN, word.bottom)
    looks = reread_cells(page.ocr, [box], (*NAME_LOOKS, *SECOND_LOOKS), digits=False)[0]
    votes = [(percentage_of(r.text), r.confidence) for r in looks]
    if agreed((percentage_of(word.text), _confidence(page, word)), votes) == printed:
        return None
    return _footnote_issue("known_pct", "share known in Sonar", f"{printed}%",
                           (f"{v}%" if v is not None else repr(r.text)
                            for r, (v, _c) in zip(looks, votes, strict=True)))


def _uncertain_footnote(report: RegionReport, table: RegionTable,
                        checked: Mapping[int, CheckedPage]) -> list[ValidationIssue]:
    """The footnote's figures are checked only loosely (the coverage check allows a point
    either way), so each read by OCR is looked at again on its own; what the looks do not
    confirm is flagged, never changed."""
    note, raw = report.footnote, table.footnote
    if note is None or raw is None:
        return []
    register, pct = _footnote_words(table)
    issues = []
    if register is not None and register[0] in checked:
        issues.append(_uncertain_register(note, checked[register[0]], register[1]))
    if pct is not None and pct[0] in checked:
        issues.append(_uncertain_pct(raw.pct, checked[pct[0]], pct[1]))
    return [issue for issue in issues if issue is not None]


def repair_report(report: RegionReport, table: RegionTable,
                  checked: Mapping[int, CheckedPage]) -> RepairOutcome:
    """Repair the misread figures of a report read by OCR where the OCR's readings and both
    sums agree; flag the rest. ``table`` is the grammar's table the report was built from,
    ``checked`` the OCR pages it was read from, by page number (a page of the table not in
    it was read from its text layer)."""
    grid = _Grid.of(report)
    values = dict(grid.values)
    cells = _figure_cells(table, checked)
    repairs: list[Repair] = []
    crossing = grid.crossing(values)
    if crossing:
        cells = _more_looks(cells, crossing, checked)
        repairs = _fix(grid, values, cells)
    repaired = _with_values(report, values, grid.width)
    issues = [*_uncertain_cells(repaired, grid, values, cells),
              *_uncertain_names(repaired, table, checked),
              *_uncertain_footnote(repaired, table, checked)]
    # what reading the table found (issues validation did not make) stays; sums are redone
    checks = set(validate(report))
    reading = [issue for issue in report.issues if issue not in checks]
    final = attrs.evolve(repaired, issues=(*reading, *validate(repaired), *issues))
    uncertain = tuple(CellRef(i.row, i.column_index) for i in issues
                      if i.row is not None and i.column_index is not None)
    return RepairOutcome(final, tuple(repairs), uncertain)
