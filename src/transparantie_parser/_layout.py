"""Positioned glyphs -> words -> lines, as they are printed on the page.

Pure functions over plain coordinates (x to the right, y downwards, in points), so the same
code serves every PDF engine and hand-made inputs in tests. Text input enters here too:
:func:`pages_from_text` turns a text extraction into the same :class:`Page` objects, with a
character column as x and the line number as y.
"""

from __future__ import annotations

import itertools
import statistics
import unicodedata
from collections.abc import Iterable, Sequence

import attrs

__all__ = ["Glyph", "Line", "Page", "Word", "page_from_glyphs", "pages_from_text"]

# Reading directions, degrees counter-clockwise from left-to-right.
UPRIGHT = 0


@attrs.frozen(slots=True)
class Glyph:
    """One printed character: its box on the page and its reading direction (0, 90, 180 or
    270 degrees counter-clockwise; 90 reads bottom to top)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    direction: int = UPRIGHT


@attrs.frozen(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def size(self) -> float:
        return self.bottom - self.top

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2


@attrs.frozen(slots=True)
class Line:
    """Words printed on one baseline, left to right (or, for rotated text, in reading order)."""

    page: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(word.text for word in self.words)

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def x0(self) -> float:
        return min(word.x0 for word in self.words)

    @property
    def x1(self) -> float:
        return max(word.x1 for word in self.words)

    @property
    def centre_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        return statistics.median(word.size for word in self.words)


@attrs.frozen
class Page:
    """A page as printed: upright lines top to bottom, and lines of text turned by 90 or 270
    degrees (such as rotated column labels) with their boxes in the page's frame."""

    number: int
    lines: tuple[Line, ...]
    rotated_lines: tuple[Line, ...] = ()
    glyph_count: int = 0


# --- geometry -----------------------------------------------------------------------------

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def _turn_clockwise(box: Box, quarter_turns: int) -> Box:
    """The box after turning the page clockwise (as seen) by ``quarter_turns`` quarter turns."""
    x0, top, x1, bottom = box
    for _ in range(quarter_turns % 4):
        # (x, y) -> (-y, x) in a y-down frame turns clockwise as seen
        x0, top, x1, bottom = -bottom, x0, -top, x1
    return x0, top, x1, bottom


def _turned(glyph: Glyph, quarter_turns: int) -> Glyph:
    if quarter_turns % 4 == 0:
        return glyph
    x0, top, x1, bottom = _turn_clockwise(
        (glyph.x0, glyph.top, glyph.x1, glyph.bottom), quarter_turns
    )
    return Glyph(glyph.text, x0, x1, top, bottom, (glyph.direction - 90 * quarter_turns) % 360)


# --- glyphs -> lines ----------------------------------------------------------------------

# Two glyphs share a line when their vertical centres are closer than this share of the glyph
# height: numbers printed a point or two off the name's baseline stay on the name's line, while
# figures centred between two lines of a wrapped name (half a line away) do not.
_SAME_LINE = 0.35
# A gap wider than this share of the glyph height (on top of the page's letter spacing) ends a
# word; a normal word space is about 0.25-0.3 em.
_WORD_GAP = 0.2
_MAX_LETTER_SPACING = 0.3


def _cluster_rows(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    rows: list[list[Glyph]] = []
    centre = size = 0.0
    for glyph in sorted(glyphs, key=lambda g: (g.top + g.bottom) / 2):
        c = (glyph.top + glyph.bottom) / 2
        h = glyph.bottom - glyph.top
        if rows and abs(c - centre) <= _SAME_LINE * max(h, size):
            row = rows[-1]
            row.append(glyph)
            centre += (c - centre) / len(row)
            size = max(size, h)
        else:
            rows.append([glyph])
            centre, size = c, h
    return rows


def _attach_marks(row: list[Glyph]) -> list[Glyph]:
    """Put combining accents (stored as glyphs of their own) onto the letter they sit on."""
    is_mark = [bool(g.text) and all(unicodedata.combining(c) for c in g.text) for g in row]
    if not any(is_mark):
        return row
    marks = [g for g, mark in zip(row, is_mark, strict=True) if mark]
    bases = [g for g, mark in zip(row, is_mark, strict=True) if not mark]
    texts = {id(g): g.text for g in bases}
    for mark in marks:
        if not bases:
            break
        centre = (mark.x0 + mark.x1) / 2
        base = min(bases, key=lambda g: abs((g.x0 + g.x1) / 2 - centre))
        texts[id(base)] += mark.text
    return [attrs.evolve(g, text=texts[id(g)]) if texts[id(g)] != g.text else g for g in bases]


def _deduplicate(row: list[Glyph]) -> list[Glyph]:
    """Drop glyphs printed twice on the same spot (fake bold, re-distilled overprints)."""
    kept: list[Glyph] = []
    for glyph in row:
        tolerance = 0.1 * (glyph.bottom - glyph.top)
        if kept and any(
            k.text == glyph.text and abs(k.x0 - glyph.x0) <= tolerance
            and abs(k.top - glyph.top) <= tolerance for k in kept[-3:]
        ):
            continue
        kept.append(glyph)
    return kept


def _letter_spacing(rows: Iterable[list[Glyph]]) -> float:
    """The page's usual gap between letters of a word (0 unless the text is letter-spaced)."""
    gaps = [
        b.x0 - a.x1
        for row in rows
        for a, b in itertools.pairwise(row)
        if not a.text.isspace() and not b.text.isspace()
    ]
    if len(gaps) < 8:
        return 0.0
    return max(0.0, statistics.quantiles(gaps, n=4)[0])


def _words(row: list[Glyph], letter_spacing: float) -> tuple[Word, ...]:
    words: list[Word] = []
    current: list[Glyph] = []

    def flush() -> None:
        if current:
            words.append(Word(
                unicodedata.normalize("NFC", "".join(g.text for g in current)),
                min(g.x0 for g in current), max(g.x1 for g in current),
                min(g.top for g in current), max(g.bottom for g in current),
            ))
            current.clear()

    for glyph in row:
        if glyph.text.isspace() or not glyph.text:
            flush()
            continue
        if current:
            size = glyph.bottom - glyph.top
            spacing = min(letter_spacing, _MAX_LETTER_SPACING * size)
            if glyph.x0 - current[-1].x1 > _WORD_GAP * size + spacing:
                flush()
        current.append(glyph)
    flush()
    return tuple(words)


def _lines(number: int, glyphs: Sequence[Glyph]) -> list[Line]:
    rows = [
        _deduplicate(_attach_marks(sorted(row, key=lambda g: (g.x0, g.x1))))
        for row in _cluster_rows(glyphs)
    ]
    spacing = _letter_spacing(rows)
    lines = []
    for row in rows:
        words = _words(row, spacing)
        if words:
            lines.append(Line(number, words))
    return lines


def _turned_back(line: Line, quarter_turns: int) -> Line:
    words = []
    for w in line.words:
        x0, top, x1, bottom = _turn_clockwise((w.x0, w.top, w.x1, w.bottom), -quarter_turns)
        words.append(Word(w.text, x0, x1, top, bottom))
    return Line(line.page, tuple(words))


def page_from_glyphs(number: int, glyphs: Sequence[Glyph]) -> Page:
    """Group a page's glyphs into words and lines.

    The page is first turned so that most of its text reads left to right (a page whose
    content is drawn sideways reads like any other); text in other directions, such as
    column labels turned by 90°, is grouped in its own direction and kept apart.
    """
    printed = [g for g in glyphs if g.text and not g.text.isspace()]
    if not printed:
        return Page(number, (), (), 0)
    by_direction: dict[int, int] = {}
    for glyph in printed:
        by_direction[glyph.direction] = by_direction.get(glyph.direction, 0) + 1
    dominant = max(by_direction, key=lambda d: (by_direction[d], d == UPRIGHT))
    turns = dominant // 90
    upright: list[Glyph] = []
    others: dict[int, list[Glyph]] = {}
    for glyph in glyphs:
        turned = _turned(glyph, turns)
        if turned.direction == UPRIGHT:
            upright.append(turned)
        else:
            others.setdefault(turned.direction, []).append(turned)
    rotated: list[Line] = []
    for direction, group in sorted(others.items()):
        q = direction // 90
        rotated.extend(
            _turned_back(line, q) for line in _lines(number, [_turned(g, q) for g in group])
        )
    return Page(number, tuple(_lines(number, upright)), tuple(rotated), len(printed))


def pages_from_text(text: str) -> list[Page]:
    """Text extraction -> pages (split at form feeds) of lines of words.

    A word's x is its character column and its y the line's number on the page, so layout
    kept by the extraction (``pdftotext -layout``) is used like positions on a PDF page.
    """
    pages = []
    for number, chunk in enumerate(text.split("\f"), start=1):
        lines = []
        row = 0
        for raw in chunk.splitlines():
            raw = raw.expandtabs(8)
            words = []
            column = 0
            for token in raw.split():
                start = raw.index(token, column)
                column = start + len(token)
                words.append(Word(unicodedata.normalize("NFC", token), float(start),
                                  float(column), float(row), float(row + 1)))
            if words:
                lines.append(Line(number, tuple(words)))
                row += 1
        pages.append(Page(number, tuple(lines), (), sum(len(w) for w in chunk.split())))
    return pages
