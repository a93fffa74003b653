"""Rows of a page read by OCR assembled by their figures' bands.

A text layer puts every glyph of a row on one baseline. OCR does not: each word's baseline
is found from its own ink (``tesseract``), and a word whose ink misleads (a mark below it,
a descender the text does not show, a name set off its figures' baseline by the word
processor) gets a baseline of its own. More than ``SAME_LINE_EM`` off its figures, the
layout makes a line of it, and the row falls apart into a name without figures and
figures without a name (``malformed_table``).

A row of figures is where its figures stand: a line of the page that is no such row, whose
words stand beside the row's (never over or under them) and whose letters overlap the
band of the row's figures (cap height down to the baseline) and no other row's, is part of
that row: its words get the row's box. A line that overlaps two rows' bands, or touches
a row's words, or holds no word of letters or figures, is left where it is.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import attrs

from .._layout.page import Line, page_from_glyphs
from .._numbers import is_figure_like
from .._pdf.glyphs import Glyph
from .._pdf.rect import overlap
from .cells import count_value
from .words import OcrPage, OcrWord, figure_band

__all__ = ["on_figure_rows"]

# A line is a row of figures when it has at least this many whole numbers (as ``cells``).
_ROW_FIGURES = 3
# A line belongs to a row when its band (cap height to baseline) overlaps the row's by at
# least this share of the row's cap height: a name whose baseline is up to 0.45 em off its
# figures' (the layout joins up to 0.35 em), never one a row's pitch (1.1 em or more) away.
_MIN_OVERLAP = 0.35
# A word of a line that moves has at least this many letters or is a figure: marks and
# specks (``„``, ``.``) stay where they are.
_MIN_LETTERS = 2


@attrs.frozen
class _Row:
    line: Line
    band: tuple[float, float]  # cap top and baseline of its figures (points)
    box: tuple[float, float]  # top and bottom of its figures' boxes


def _band(line: Line) -> tuple[float, float]:
    bands = [figure_band(Glyph(w.text, w.x0, w.x1, w.top, w.bottom)) for w in line.words]
    return statistics.median(t for t, _b in bands), statistics.median(b for _t, b in bands)


def _figure_rows(lines: Sequence[Line]) -> list[_Row]:
    rows = []
    for line in lines:
        figures = [w for w in line.words if count_value(w.text) is not None]
        if len(figures) >= _ROW_FIGURES:
            figure_line = Line(line.page, tuple(figures))
            rows.append(_Row(line, _band(figure_line),
                             (statistics.median(w.top for w in figures),
                              statistics.median(w.bottom for w in figures))))
    return rows


def _movable(line: Line) -> bool:
    return any(is_figure_like(w.text) or sum(c.isalpha() for c in w.text) >= _MIN_LETTERS
               for w in line.words)


def _row_of(line: Line, rows: Sequence[_Row]) -> _Row | None:
    """The one row of figures ``line`` is part of, None when it is none's or two's."""
    band = _band(line)
    near = [row for row in rows
            if overlap(*band, *row.band) >= _MIN_OVERLAP * (row.band[1] - row.band[0])]
    if len(near) != 1:
        return None
    row = near[0]
    if any(overlap(w.x0, w.x1, r.x0, r.x1) > 0 for w in line.words for r in row.line.words):
        return None
    return row


def on_figure_rows(page: OcrPage) -> OcrPage:
    """``page`` with each line that is part of a row of figures put on that row."""
    layout = page_from_glyphs(page.number, page.glyphs)
    rows = _figure_rows(layout.lines)
    if not rows:
        return page
    row_ids = {id(row.line) for row in rows}
    moved: dict[tuple[float, float, float, float, str], tuple[float, float]] = {}
    for line in layout.lines:
        if id(line) in row_ids or not _movable(line):
            continue
        row = _row_of(line, rows)
        if row is not None:
            for w in line.words:
                moved[(w.x0, w.x1, w.top, w.bottom, w.text)] = row.box
    if not moved:
        return page
    return attrs.evolve(page, words=tuple(_moved(word, moved) for word in page.words))


def _moved(word: OcrWord, moved: dict[tuple[float, float, float, float, str],
                                      tuple[float, float]]) -> OcrWord:
    """The word with the box of the row it was put on (the layout's words are the OCR
    words of one line joined; each OCR word lies inside one of them)."""
    g = word.glyph
    for (x0, x1, top, bottom, _text), (row_top, row_bottom) in moved.items():
        if x0 <= (g.x0 + g.x1) / 2 <= x1 and top <= (g.top + g.bottom) / 2 <= bottom:
            return attrs.evolve(word, glyph=g._replace(top=row_top, bottom=row_bottom))
    return word
