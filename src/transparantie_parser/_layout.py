"""Positioned glyphs -> words -> lines, as they are printed on the page.

Pure functions over plain coordinates (x to the right, y downwards, in points), so the same
code serves every PDF engine and hand-made inputs in tests. Text input enters here too:
:func:`pages_from_text` turns a text extraction into the same :class:`Page` objects, with a
character column as x and :data:`~._geometry.TEXT_LINE_HEIGHT` units per line as y.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

import attrs
import regex

from ._geometry import (
    MAX_LETTER_SPACING_EM,
    MIN_SPACING_SAMPLES,
    OVERPRINT_EM,
    SAME_LINE_EM,
    TEXT_LINE_HEIGHT,
    TOUCHING_EM,
    WORD_GAP_EM,
)
from ._glyphs import UPRIGHT, Glyph, GlyphPage

__all__ = ["Line", "Page", "Word", "layout_page", "page_from_glyphs", "pages_from_text"]

_MARK = regex.compile(r"\p{Mn}")  # combining accents, printed as glyphs of their own


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

def _cluster_rows(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    rows: list[list[Glyph]] = []
    row: list[Glyph] = []
    centre = size = 0.0
    for c, h, glyph in sorted(
        ((g.top + g.bottom) / 2, g.bottom - g.top, g) for g in glyphs
    ):
        if row and abs(c - centre) <= SAME_LINE_EM * (h if h > size else size):
            row.append(glyph)
            centre += (c - centre) / len(row)
            if h > size:
                size = h
        else:
            row = [glyph]
            rows.append(row)
            centre, size = c, h
    return rows


def _is_mark(text: str) -> bool:
    return bool(text) and all(unicodedata.combining(c) for c in text)


def _attach_marks(row: list[Glyph]) -> list[Glyph]:
    """Put combining accents (stored as glyphs of their own) onto the letter they sit on."""
    marks = [g for g in row if _is_mark(g.text)]
    if not marks:
        return row
    bases = [g for g in row if not _is_mark(g.text)]
    texts = [g.text for g in bases]
    for mark in marks:
        if not bases:
            break
        centre = mark.x0 + mark.x1
        nearest = min(range(len(bases)), key=lambda i: abs(bases[i].x0 + bases[i].x1 - centre))
        texts[nearest] += mark.text
    return [g._replace(text=t) for g, t in zip(bases, texts, strict=True)]


def _letter_spacing(rows: Iterable[list[Glyph]]) -> float:
    """The page's usual gap between letters of a word (0 unless the text is letter-spaced):
    the lower quartile of the gaps between neighbouring glyphs, never below 0.

    Gaps within a hair (``TOUCHING_EM``) of zero count as zero, and so do the gaps inside a
    glyph that holds a run of touching letters; so a page reads the same whether an engine
    hands over single characters or such runs.
    """
    zeros = 0
    negative = 0
    positive: list[float] = []
    for row in rows:
        previous: Glyph | None = None
        for glyph in row:
            if glyph.text.isspace():
                previous = None
                continue
            zeros += len(glyph.text) - 1
            if previous is not None:
                gap = glyph.x0 - previous.x1
                if abs(gap) <= TOUCHING_EM * (glyph.bottom - glyph.top):
                    zeros += 1
                elif gap < 0:
                    negative += 1
                else:
                    positive.append(gap)
            previous = glyph
    count = zeros + negative + len(positive)
    if count < MIN_SPACING_SAMPLES:
        return 0.0
    quartile = count // 4  # index of the lower quartile among all gaps, sorted
    if quartile < zeros + negative:
        return 0.0
    return sorted(positive)[quartile - zeros - negative]


def _word(run: Sequence[Glyph]) -> Word:
    """One word from the glyphs that make it up, left to right."""
    return Word(unicodedata.normalize("NFC", "".join(g.text for g in run)),
                run[0].x0, max(g.x1 for g in run),
                min(g.top for g in run), max(g.bottom for g in run))


def _is_overprint(glyph: Glyph, last: Glyph) -> bool:
    """The same glyph printed again on the same spot (fake bold, overprints)."""
    size = glyph.bottom - glyph.top
    return (glyph.text == last.text and abs(glyph.x0 - last.x0) <= OVERPRINT_EM * size
            and abs(glyph.top - last.top) <= OVERPRINT_EM * size)


def _words(row: list[Glyph], letter_spacing: float) -> tuple[Word, ...]:
    """Split a line's glyphs (sorted left to right) into words at spaces and at gaps wider
    than a word space; a glyph printed twice on the same spot counts once."""
    words: list[Word] = []
    run: list[Glyph] = []
    right = 0.0  # right edge of the word so far
    for glyph in row:
        if not glyph.text or glyph.text.isspace():
            if run:
                words.append(_word(run))
                run = []
            continue
        if run:
            if _is_overprint(glyph, run[-1]):
                continue
            size = glyph.bottom - glyph.top
            spacing = min(letter_spacing, MAX_LETTER_SPACING_EM * size)
            if glyph.x0 - right > WORD_GAP_EM * size + spacing:
                words.append(_word(run))
                run = []
        right = max(right, glyph.x1) if run else glyph.x1
        run.append(glyph)
    if run:
        words.append(_word(run))
    return tuple(words)


def _lines(number: int, glyphs: Sequence[Glyph], marks: bool) -> list[Line]:
    """``marks``: whether any glyph is a combining accent (rare; checked once per page)."""
    rows = []
    for row in _cluster_rows(glyphs):
        row.sort(key=lambda g: (g.x0, g.x1))
        rows.append(_attach_marks(row) if marks else row)
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


def layout_page(page: GlyphPage) -> Page:
    """An engine's page of glyphs as words and lines (see :func:`page_from_glyphs`)."""
    return page_from_glyphs(page.number, page.glyphs)


def page_from_glyphs(number: int, glyphs: Sequence[Glyph]) -> Page:
    """Group a page's glyphs into words and lines.

    The page is first turned so that most of its text reads left to right (a page whose
    content is drawn sideways reads like any other); text in other directions, such as
    column labels turned by 90°, is grouped in its own direction and kept apart.
    """
    printed = [g for g in glyphs if g.text and not g.text.isspace()]
    if not printed:
        return Page(number, (), (), 0)
    by_direction = Counter(g.direction for g in printed)
    turns = max(by_direction, key=lambda d: (by_direction[d], d == UPRIGHT)) // 90
    marks = _MARK.search("".join(g.text for g in printed)) is not None
    if len(by_direction) == 1 and turns == 0:
        return Page(number, tuple(_lines(number, glyphs, marks)), (), len(printed))
    by_turned_direction: dict[int, list[Glyph]] = {}
    for glyph in glyphs:
        turned = _turned(glyph, turns)
        by_turned_direction.setdefault(turned.direction, []).append(turned)
    upright = by_turned_direction.pop(UPRIGHT, [])
    rotated = [line for direction, group in sorted(by_turned_direction.items())
               for line in _rotated_lines(number, direction, group, marks)]
    return Page(number, tuple(_lines(number, upright, marks)), tuple(rotated), len(printed))


def _rotated_lines(number: int, direction: int, glyphs: Sequence[Glyph], marks: bool
                   ) -> list[Line]:
    """Lines of text that reads in ``direction``: grouped upright, then turned back into
    the page's frame."""
    turns = direction // 90
    lines = _lines(number, [_turned(g, turns) for g in glyphs], marks)
    return [_turned_back(line, turns) for line in lines]


def pages_from_text(text: str) -> list[Page]:
    """Text extraction -> pages (split at form feeds) of lines of words.

    A word's x is its character column and its y the line's number on the page, so layout
    kept by the extraction (``pdftotext -layout``) is used like positions on a PDF page. A
    line is ``TEXT_LINE_HEIGHT`` units high, as a character is about half as wide as it is
    high: distances measured in line heights mean on text what they mean on a page.
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
                top = TEXT_LINE_HEIGHT * row
                words.append(Word(unicodedata.normalize("NFC", token), float(start),
                                  float(column), top, top + TEXT_LINE_HEIGHT))
            if words:
                lines.append(Line(number, tuple(words)))
                row += 1
        pages.append(Page(number, tuple(lines), (), sum(len(w) for w in chunk.split())))
    return pages
