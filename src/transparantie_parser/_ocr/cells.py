"""Figure cells of a page read by OCR: find the table's figure columns, look at every figure
cell again on its own with a digits-only configuration, and put the figure that the readings
agree on in place of what the page read made of it.

The page read (tesseract's whole-page pass with its Dutch language model) misreads figures in
ways a grammar cannot undo: letters in figure cells (``96`` as ``9%``, ``41`` as ``4t``),
commas for the thousands dot (``2,402``), two neighbouring figures run into one word, a small
``-`` (zero) dropped. A cell read on its own, with only ``0-9 . -`` allowed, has none of
those errors; where it and the page read disagree, more looks (other magnifications,
thresholds and segmentation modes) vote. Each cell keeps every reading, so the arithmetic
repair (``repair``) can try the alternatives of a figure that does not add up.

Nothing here knows the grammar: columns are found from where figure-like words stand, rows
are lines with figures in those columns and no prose there. Names are left as read.
"""

from __future__ import annotations

import statistics
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

import attrs

from .._layout.page import Line, Word, page_from_glyphs
from .._numbers import is_figure_like, parse_count
from .._pdf.glyphs import Glyph, GlyphPage
from .._pdf.rect import Rect, as_rect, contains, overlap
from ..errors import MalformedTableError
from .looks import FIRST_LOOK, SECOND_LOOKS, CellConfig, CellReading, reread_cells
from .words import OcrPage, figure_band

__all__ = ["AGREEMENT", "CheckedPage", "FigureCell", "agreed", "check_figures", "count_value",
           "tally"]

V = TypeVar("V", bound=Hashable)  # what readings vote on: a count, a percentage as printed

# Figure columns are found on a grid of this many points: finer than any gap between columns
# (3.5 pt in the tightest fixture) and than a digit (about 5 pt wide at 9 pt).
_GRID = 0.5
# An x position is inside a figure column when at least this share of the page's rows of
# figures (the most figure words over any one position) have a figure there, and at least
# _MIN_ROWS of them: a footnote's or a paragraph's number is not a column.
_COLUMN_SHARE = 0.25
_MIN_ROWS = 2
# A line is a row of the table when it has at least this many figure-like words in the
# columns and no prose there (a word of this many letters or more and no digit).
_ROW_FIGURES = 3
_PROSE_LETTERS = 4
# Room left round a cell's figures when it is cut out (points), as far as the neighbouring
# column allows: a margin of paper, but no sliver of the neighbour's digits. Above and below,
# the digits of the rows before and after are some 3 pt away (rows 10-14 pt apart).
_CELL_MARGIN = 1.5
_CELL_MARGIN_Y = 1.0
# Of the neighbouring column's ink, stay at least this far away (points).
_NEIGHBOUR_CLEARANCE = 0.5
# A page read of a figure below this confidence (tesseract's 0-100) is doubtful: with
# ``reread_all=False`` only doubtful cells get a first look, and a doubtful cell whose page read
# and first look agree is still settled. (Wrong page reads seen in the bench that looked like
# whole numbers had 40-90; right ones mostly 93-97.)
_SURE = 90.0
#: A cell's figure is certain when the readings that agree on it hold at least this share of
#: the summed confidence of all valid readings of the cell.
AGREEMENT = 0.75


def count_value(text: str) -> int | None:
    """The count a cell's text stands for (``1.635`` -> 1635, ``-`` -> 0), None when it is
    not a whole number in Dutch notation."""
    try:
        return parse_count(text, context=text)
    except MalformedTableError:
        return None


@attrs.frozen
class FigureCell:
    """One figure cell of a row of figures, as the page read and the second looks saw it.

    ``text`` is the figure put on the page (None when no reading is a whole number: the
    page read is left as it was); ``certain`` says the readings agree on it.
    """

    page: int
    box: Rect = attrs.field(converter=as_rect)
    column: int
    page_text: str | None
    page_confidence: float | None
    readings: tuple[CellReading, ...]
    text: str | None
    certain: bool

    @property
    def value(self) -> int | None:
        return None if self.text is None else count_value(self.text)

    def alternatives(self) -> list[int]:
        """Every count some reading (page read included) gives this cell, most supported
        first; the chosen figure is first."""
        return [value for value, _score in _scores(self)]

    def contains(self, x: float, y: float) -> bool:
        return contains(self.box, x, y)


@attrs.frozen(eq=False)
class CheckedPage:
    """An OCR page with its figure cells looked at again: ``glyphs`` for the layout, with
    each re-read cell's figure in place of the page read's words there."""

    ocr: OcrPage
    glyphs: tuple[Glyph, ...]
    cells: tuple[FigureCell, ...]

    @property
    def number(self) -> int:
        return self.ocr.number

    def glyph_page(self) -> GlyphPage:
        """The page as an engine hands it on, for the layout."""
        return GlyphPage(self.number, self.glyphs)

    def cell_at(self, x: float, y: float) -> FigureCell | None:
        for cell in self.cells:
            if cell.contains(x, y):
                return cell
        return None


def tally(votes: Iterable[tuple[V | None, float | None]]) -> list[tuple[V, float]]:
    """Each value readings give, with the readings' summed confidence (0-1 each), best
    first; a reading without a value or a confidence does not vote."""
    scores: dict[V, float] = {}
    for value, confidence in votes:
        if value is not None and confidence is not None:
            scores[value] = scores.get(value, 0.0) + max(confidence, 0.0) / 100
    return sorted(scores.items(), key=lambda item: -item[1])


def agreed(page: tuple[V | None, float | None], looks: Sequence[tuple[V | None, float]]
           ) -> V | None:
    """The value the page read and the looks at it agree on: the one with the most summed
    confidence, when it holds at least :data:`AGREEMENT` of all of it and at least one look
    (not only the page read) gave it; None when they do not agree."""
    scores = tally([page, *looks])
    if not scores:
        return None
    best, score = scores[0]
    if score < AGREEMENT * sum(s for _v, s in scores):
        return None
    return best if any(value == best for value, _c in looks) else None


def _scores(cell: FigureCell) -> list[tuple[int, float]]:
    """Each count the readings give the cell, with their summed confidence, best first."""
    return tally([(None if t is None else count_value(t), c)
                  for t, c in [(cell.page_text, cell.page_confidence),
                               *((r.text, r.confidence) for r in cell.readings)]])


def _column_cores(figures: Sequence[Word]) -> list[tuple[float, float]]:
    """Stretches of the page (``_GRID`` points wide steps) that many figure words cover."""
    coverage: dict[int, int] = {}
    for word in figures:
        for i in range(int(word.x0 / _GRID), int(word.x1 / _GRID) + 1):
            coverage[i] = coverage.get(i, 0) + 1
    needed = max(_MIN_ROWS, _COLUMN_SHARE * max(coverage.values()))
    cores: list[list[int]] = []
    for i in sorted(i for i, n in coverage.items() if n >= needed):
        if cores and i == cores[-1][1] + 1:
            cores[-1][1] = i
        else:
            cores.append([i, i])
    return [(a * _GRID, (b + 1) * _GRID) for a, b in cores]


def _column_of(core: tuple[float, float], spans: Sequence[tuple[float, float]],
               like: Sequence[Word]) -> tuple[float, float] | None:
    """A column reaches as far as the figure words that stand in its core and in no other
    (a word that runs two figures into one is in two); None with too few of them."""
    x0, x1 = core
    members = [w for w in like if overlap(w.x0, w.x1, x0, x1) > 0
               and sum(overlap(w.x0, w.x1, c0, c1) > 0 for c0, c1 in spans) == 1]
    if len(members) < _MIN_ROWS:
        return None
    return min(x0, *(w.x0 for w in members)), max(x1, *(w.x1 for w in members))


def _figure_columns(lines: Sequence[Line]) -> list[tuple[float, float]]:
    """The x extents of the figure columns: where figure words of many lines stand."""
    figures = [w for line in lines for w in line.words if count_value(w.text) is not None]
    if not figures:
        return []
    spans = _column_cores(figures)
    # figure-like words count here, malformed ones too: '14,258' is as wide as '14.258'
    like = [w for line in lines for w in line.words if is_figure_like(w.text)]
    found = (_column_of(core, spans, like) for core in spans)
    return _joined([column for column in found if column is not None])


def _joined(columns: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """Columns (left to right) with those that overlap the one before joined to it."""
    out: list[tuple[float, float]] = []
    for column in columns:
        if out and column[0] <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], column[1]))
        else:
            out.append(column)
    return out


def _is_prose(text: str) -> bool:
    return sum(c.isalpha() for c in text) >= _PROSE_LETTERS and not any(
        c.isdigit() for c in text)


@attrs.frozen
class _Cell:
    line: Line
    column: int
    box: Rect
    words: tuple[int, ...]  # indexes of the page's OCR words that reach into the cell
    own: int | None  # the one word, if the cell holds one that stays in this column
    doubtful: bool  # no such word, or not a whole number, or read with low confidence


def _figure_row(line: Line, columns: Sequence[tuple[float, float]]) -> list[Word] | None:
    """The words of ``line`` standing in the figure columns, when the line is a row of
    figures (not prose); None otherwise."""
    in_columns = [w for w in line.words
                  if any(overlap(w.x0, w.x1, a, b) > 0 for a, b in columns)]
    if any(_is_prose(w.text) for w in in_columns):
        return None
    if sum(is_figure_like(w.text) or len(w.text) <= 3 for w in in_columns) < _ROW_FIGURES:
        return None
    return in_columns


def _row_band(words: Sequence[Word]) -> tuple[float, float]:
    """Top and bottom of a row's figures (the median of their figure bands)."""
    figure_words = [w for w in words if count_value(w.text) is not None] or list(words)
    bands = [figure_band(Glyph(w.text, w.x0, w.x1, w.top, w.bottom)) for w in figure_words]
    return (statistics.median(t for t, _b in bands), statistics.median(b for _t, b in bands))


def _cell_box(columns: Sequence[tuple[float, float]], j: int, top: float, bottom: float
              ) -> Rect:
    """Column ``j``'s cell on a row: the column, a margin, never into a neighbour."""
    a, b = columns[j]
    left_room = _CELL_MARGIN if j == 0 else min(
        _CELL_MARGIN, max(0.0, a - columns[j - 1][1] - _NEIGHBOUR_CLEARANCE))
    right_room = _CELL_MARGIN if j + 1 == len(columns) else min(
        _CELL_MARGIN, max(0.0, columns[j + 1][0] - b - _NEIGHBOUR_CLEARANCE))
    return Rect(a - left_room, top - _CELL_MARGIN_Y, b + right_room, bottom + _CELL_MARGIN_Y)


def _cell(page: OcrPage, line: Line, columns: Sequence[tuple[float, float]], j: int,
          band: tuple[float, float]) -> _Cell:
    glyphs = page.glyphs
    a, b = columns[j]
    box = _cell_box(columns, j, *band)
    members = tuple(i for i, g in enumerate(glyphs) if overlap(g.x0, g.x1, a, b) > 0
                    and box.top <= (g.top + g.bottom) / 2 <= box.bottom)
    own = None
    if len(members) == 1:
        g = glyphs[members[0]]
        if sum(overlap(g.x0, g.x1, c0, c1) > 0 for c0, c1 in columns) == 1:
            own = members[0]
    doubtful = (own is None or count_value(glyphs[own].text) is None
                or page.words[own].confidence < _SURE)
    return _Cell(line, j, box, members, own, doubtful)


def _cells(page: OcrPage, lines: Sequence[Line],
           columns: Sequence[tuple[float, float]]) -> list[_Cell]:
    cells: list[_Cell] = []
    for line in lines:
        words = _figure_row(line, columns)
        if words is None:
            continue
        band = _row_band(words)
        cells.extend(_cell(page, line, columns, j, band) for j in range(len(columns)))
    return cells


def _undecided(page: OcrPage, cell: _Cell, readings: Sequence[CellReading]) -> FigureCell:
    """The cell with what the page read and the looks made of it, no figure chosen yet."""
    own = None if cell.own is None else page.words[cell.own]
    return FigureCell(cell.line.page, cell.box, cell.column,
                      None if own is None else own.glyph.text,
                      None if own is None else own.confidence, tuple(readings), None, False)


def _decide(page: OcrPage, cell: _Cell, readings: Sequence[CellReading]) -> FigureCell:
    """The cell with the figure its readings give most support, as one of them prints it,
    and whether they agree on it."""
    figure = _undecided(page, cell, readings)
    scores = _scores(figure)
    if not scores:
        return figure
    best = scores[0][0]
    text = next(t for t in [figure.page_text, *(r.text for r in readings)]
                if t is not None and count_value(t) == best)
    read = (None if figure.page_text is None else count_value(figure.page_text),
            figure.page_confidence)
    sure = agreed(read, [(count_value(r.text), r.confidence) for r in readings]) == best
    return attrs.evolve(figure, text=text, certain=sure)


def _first_looks(page: OcrPage, cells: Sequence[_Cell], reread_all: bool
                 ) -> list[list[CellReading]]:
    readings: list[list[CellReading]] = [[] for _ in cells]
    first = [i for i, c in enumerate(cells) if reread_all or c.doubtful]
    for i, found in zip(first, reread_cells(page, [cells[i].box for i in first], FIRST_LOOK),
                        strict=True):
        readings[i].extend(found)
    return readings


def _settled(page: OcrPage, cell: _Cell, readings: Sequence[CellReading]) -> bool:
    """Do the page read and the first look agree (or does nobody doubt the page)?"""
    own = None if cell.own is None else count_value(page.glyphs[cell.own].text)
    looks = [count_value(r.text) for r in readings]
    return own is not None and all(v == own for v in looks) and (bool(looks)
                                                                  or not cell.doubtful)


def _with_figures(page: OcrPage, cells: Sequence[_Cell], figures: Sequence[FigureCell]
                  ) -> tuple[Glyph, ...]:
    """The page's glyphs, with each re-read cell's words replaced by its figure."""
    glyphs = page.glyphs
    replaced: set[int] = set()
    added: list[Glyph] = []
    for cell, figure in zip(cells, figures, strict=True):
        if figure.text is None or (cell.own is not None and glyphs[cell.own].text == figure.text):
            continue
        replaced.update(cell.words)
        x0, _top, x1, _bottom = next(
            (r.box for r in figure.readings if r.text == figure.text), cell.box)
        added.append(Glyph(figure.text, x0, x1, cell.line.top, cell.line.bottom))
    return (*(g for i, g in enumerate(glyphs) if i not in replaced), *added)


def check_figures(page: OcrPage, *, reread_all: bool = True,
                  second_looks: Sequence[CellConfig] = SECOND_LOOKS) -> CheckedPage:
    """Look again at the figure cells of an OCR page; the page with the figures put right.

    Every figure cell (only the doubtful ones unless ``reread_all``: no word of its own,
    not a whole number, or read with low confidence) gets a first digits-only look; a cell
    whose first look and page read do not agree on a whole number gets ``second_looks``,
    and all its readings vote.
    """
    layout = page_from_glyphs(page.number, page.glyphs)
    columns = _figure_columns(layout.lines)
    if not columns:
        return CheckedPage(page, tuple(page.glyphs), ())
    cells = _cells(page, layout.lines, columns)
    readings = _first_looks(page, cells, reread_all)
    again = [i for i, cell in enumerate(cells) if not _settled(page, cell, readings[i])]
    for i, found in zip(again, reread_cells(page, [cells[i].box for i in again], second_looks),
                        strict=True):
        readings[i].extend(found)
    figures = [_decide(page, cell, found) for cell, found in zip(cells, readings, strict=True)]
    return CheckedPage(page, _with_figures(page, cells, figures), tuple(figures))
