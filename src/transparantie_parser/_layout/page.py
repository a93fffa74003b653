"""Positioned glyphs -> words -> lines, as they are printed on the page.

Pure functions over plain coordinates (x to the right, y downwards, in points), so the same
code serves every PDF engine and hand-made inputs in tests. Text input enters here too:
:func:`pages_from_text` turns a text extraction into the same :class:`Page` objects, with a
character column as x and :data:`~.tolerances.TEXT_LINE_HEIGHT` units per line as y.
"""

from __future__ import annotations

import bisect
import itertools
import math
import operator
import statistics
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple, TypeVar

import attrs
import regex

from .._pdf.glyphs import SPACING_ACCENTS, UPRIGHT, Glyph, GlyphPage, is_slanted
from .._pdf.rect import Rect
from .tolerances import (
    MAX_LETTER_SPACING_EM,
    MIN_DIRECTION_DIGITS,
    MIN_SPACING_SAMPLES,
    OVERPRINT_EM,
    RISE_EM,
    SAME_LINE_EM,
    SLANTED_WORD_GAP_EM,
    SMALLER_TYPE,
    TEXT_LINE_HEIGHT,
    TOUCHING_EM,
    WORD_GAP_EM,
    WORD_GAP_LETTER_GAPS,
)

__all__ = ["Line", "Page", "Word", "layout_page", "page_from_glyphs", "pages_from_text",
           "regroup"]

# Accents printed as glyphs of their own: combining marks and spacing accents.
_MARK = regex.compile(r"[\p{Mn}" + "".join(regex.escape(c) for c in SPACING_ACCENTS) + "]")
# Dot leaders (``Breda ........ 41``): runs of these lead the eye from a name to its figures.
_LEADER = regex.compile(r"[.\u00b7\u2024\u2026_]{3,}")


# Sets a field of an immutable Line (in its constructor, and its values made on first use).
_set = object.__setattr__


class Word(NamedTuple):
    """Glyphs of one word, with their box. A tuple: a page has hundreds, made afresh for
    every page read."""

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


class Line:
    """Words printed on one baseline, left to right (or, for rotated text, in reading order).

    Its text, box and height are made once, when first asked for: the grammar asks them of
    every line several times. A plain class, immutable as a frozen attrs class is (equal
    by page and words): a page has dozens, and attrs' cached properties on a slotted class
    go through a generated ``__getattr__`` on every first look, which cost the grammar 2.3
    times what these do (measured over the fixture pages' lines)."""

    __slots__ = ("_box", "_height", "_text", "page", "words")

    page: int
    words: tuple[Word, ...]
    _text: str | None  # made on first use
    _box: tuple[float, float, float, float] | None  # top, bottom, x0, x1
    _height: float | None

    def __init__(self, page: int, words: tuple[Word, ...]) -> None:
        _set(self, "page", page)
        _set(self, "words", words)
        _set(self, "_text", None)
        _set(self, "_box", None)
        _set(self, "_height", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Line)
        return self.page == other.page and self.words == other.words

    def __hash__(self) -> int:
        return hash((Line, self.page, self.words))

    def __repr__(self) -> str:
        return f"Line(page={self.page!r}, words={self.words!r})"

    @property
    def text(self) -> str:
        text = self._text
        if text is None:
            text = " ".join(map(_TEXT, self.words))
            _set(self, "_text", text)
        return text

    def _made_box(self) -> tuple[float, float, float, float]:
        """Top, bottom, x0 and x1, made together on the first look at any of them (the
        grammar asks most lines for two or more)."""
        box = self._box
        if box is None:
            words = self.words
            box = (min(map(_TOP, words)), max(map(_BOTTOM, words)),
                   min(map(_X0, words)), max(map(_X1, words)))
            _set(self, "_box", box)
        return box

    @property
    def top(self) -> float:
        return self._made_box()[0]

    @property
    def bottom(self) -> float:
        return self._made_box()[1]

    @property
    def x0(self) -> float:
        return self._made_box()[2]

    @property
    def x1(self) -> float:
        return self._made_box()[3]

    @property
    def centre_y(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def height(self) -> float:
        height = self._height
        if height is None:
            height = statistics.median(word.size for word in self.words)
            _set(self, "_height", height)
        return height


class Page(NamedTuple):
    """A page as printed: upright lines top to bottom, lines of text turned by 90 or 270
    degrees (such as rotated column labels) with their boxes in the page's frame, and lines
    of slanted text (a stamp printed at 45 degrees across the page), each word's box the
    box around its glyphs."""

    number: int
    lines: tuple[Line, ...]
    rotated_lines: tuple[Line, ...] = ()
    #: the characters printed (spaces not counted), whether an engine handed them on one by
    #: one or in runs of touching letters
    glyph_count: int = 0
    slanted_lines: tuple[Line, ...] = ()


# --- geometry -----------------------------------------------------------------------------

# Fields of a Glyph or a Word, read in bulk (map) where a page's glyphs or a line's words
# are all looked at.
_TEXT = operator.itemgetter(0)
_X0 = operator.itemgetter(1)
_X1 = operator.itemgetter(2)
_TOP = operator.itemgetter(3)
_BOTTOM = operator.itemgetter(4)
_DIRECTION = operator.itemgetter(5)
_LEFT_TO_RIGHT = operator.itemgetter(1, 2)  # x0, x1


def _turn_clockwise(box: Rect, quarter_turns: int) -> Rect:
    """The box after turning the page clockwise (as seen) by ``quarter_turns`` quarter turns."""
    x0, top, x1, bottom = box
    for _ in range(quarter_turns % 4):
        # (x, y) -> (-y, x) in a y-down frame turns clockwise as seen
        x0, top, x1, bottom = -bottom, x0, -top, x1
    return Rect(x0, top, x1, bottom)


def _turned(glyph: Glyph, quarter_turns: int) -> Glyph:
    if quarter_turns % 4 == 0:
        return glyph
    x0, top, x1, bottom = _turn_clockwise(Rect.of(glyph), quarter_turns)
    return Glyph(glyph.text, x0, x1, top, bottom, (glyph.direction - 90 * quarter_turns) % 360)


# --- glyphs -> lines ----------------------------------------------------------------------

# A glyph or a word: both tuples with the box in the same places (text, x0, x1, top, bottom).
_Printed = TypeVar("_Printed", Glyph, Word)


def _cluster_rows(glyphs: Sequence[_Printed], same_line_em: float) -> list[list[_Printed]]:
    """Glyphs (or words) in rows by their vertical centres, top to bottom: one joins the row
    when its centre is within ``same_line_em`` of the row's centre, in em of the taller of it
    and the row's tallest; the same rule for the glyphs of a page and for the words of a part
    of one read anew (:func:`regroup`), whatever order they come in.

    The row's centre is the mean of its letters' centres, moved as if they were added one
    by one: a run of touching letters (or a word) counts as its letters, so that the rows are
    the same whether an engine hands on letters or runs (the pdfplumber engine hands on
    letters, the PDFium engine runs; counted as one, a run pulled the centre less than its
    letters do, and rows of two side-by-side tables set a little apart were one line read
    letter by letter but two from the runs).

    Runs for every glyph of every page: the sort keys (twice the centre, the height) are
    made in bulk and the glyphs sorted by them, stably."""
    tops = list(map(_TOP, glyphs))
    bottoms = list(map(_BOTTOM, glyphs))
    doubled = list(map(operator.add, tops, bottoms))
    heights = list(map(operator.sub, bottoms, tops))
    keys = list(zip(doubled, heights, strict=True))
    rows: list[list[_Printed]] = []
    row: list[_Printed] = []
    centre = size = 0.0
    letters = 0  # in the row: its centre is its letters' mean, however they are grouped
    # glyphs with the same key (a line's letters, mostly) go where the first of them goes,
    # and move the row's centre as if added letter by letter: a run of touching letters
    # (PDFium's engine) weighs as its letters read one by one do, and so lands in the same row
    for (twice_c, h), same in itertools.groupby(sorted(range(len(glyphs)), key=keys.__getitem__),
                                                key=keys.__getitem__):
        c = twice_c / 2
        members = [glyphs[k] for k in same]
        added = sum(map(len, map(_TEXT, members)))
        if row and abs(c - centre) <= same_line_em * (h if h > size else size):
            row.extend(members)
            if centre != c:
                for count in range(letters + 1, letters + added + 1):
                    centre += (c - centre) / count
            letters += added
            if h > size:
                size = h
        else:
            row = members
            rows.append(row)
            centre, size, letters = c, h, added
    return rows


def _is_mark(text: str) -> bool:
    return bool(text) and all(unicodedata.combining(c) for c in text)


def _char_under(base: Glyph, x: float) -> int:
    """Which character of ``base`` (one glyph, or a run of touching letters) stands under
    ``x``: the run's width shared out evenly (runs end where an accent is printed)."""
    if len(base.text) == 1 or base.x1 <= base.x0:
        return len(base.text) - 1
    share = (x - base.x0) / (base.x1 - base.x0)
    return min(len(base.text) - 1, max(0, int(share * len(base.text))))


def _accent_of(glyph: Glyph, bases: Sequence[Glyph]) -> tuple[str, int] | None:
    """The combining mark ``glyph`` prints and the index of the base glyph it sits on, or
    None when it is no accent: a combining mark sits on the nearest letter; a spacing accent
    only on a letter it stands over (beside one, an acute accent is an apostrophe)."""
    centre = (glyph.x0 + glyph.x1) / 2
    if _is_mark(glyph.text):
        if not bases:
            return None
        # nearest by its span, not its centre: a base may be a run of several letters
        nearest = min(range(len(bases)),
                      key=lambda i: max(bases[i].x0 - centre, centre - bases[i].x1, 0.0))
        return glyph.text, nearest
    mark = SPACING_ACCENTS.get(glyph.text)
    if mark is None:
        return None
    over = [i for i, b in enumerate(bases) if b.x0 <= centre <= b.x1]
    return (mark, over[0]) if over else None


def _attach_marks(row: list[Glyph]) -> list[Glyph]:
    """Put accents printed as glyphs of their own onto the letter they sit on (NFC follows
    when words are made)."""
    candidates = [g for g in row if g.text in SPACING_ACCENTS or _is_mark(g.text)]
    if not candidates:
        return row
    bases = [g for g in row if not any(g is c for c in candidates)]
    placed: dict[int, list[tuple[int, str]]] = {}
    for glyph in candidates:
        accent = _accent_of(glyph, bases)
        if accent is None:
            bases.append(glyph)  # printed as a character in its own right
            continue
        mark, index = accent
        at = _char_under(bases[index], (glyph.x0 + glyph.x1) / 2)
        placed.setdefault(index, []).append((at, mark))
    out = []
    for i, base in enumerate(bases):
        text = base.text
        for at, mark in sorted(placed.get(i, []), reverse=True):
            text = text[: at + 1] + mark + text[at + 1:]
        out.append(base._replace(text=text))
    return sorted(out, key=lambda g: (g.x0, g.x1))


class _Gaps(NamedTuple):
    """The gaps between neighbouring glyphs of a line, in em: between glyphs as measured,
    and how many inside glyphs that hold a run of touching letters (zero each)."""

    measured: list[float]
    inside_runs: int
    letters: int  # every character of the line, spaces too


def _letter_spacing(lines: Sequence[_Gaps]) -> float:
    """The usual gap between letters of a word over these lines, in em (0 unless the text
    is letter-spaced): the lower quartile of the gaps between neighbouring glyphs, each over
    its glyph's height, never below 0. In em, so that type of another size on the page
    (a table scaled down in a Form XObject beside full-size prose) keeps its own measure.

    Gaps within a hair (``TOUCHING_EM``) of zero count as zero, and so do those inside a
    run of touching letters: a line reads the same whether an engine hands over single
    characters or such runs."""
    measured = sorted(itertools.chain.from_iterable(g.measured for g in lines))
    positive_from = bisect.bisect_right(measured, TOUCHING_EM)  # negative or about 0 before
    not_positive = sum(g.inside_runs for g in lines) + positive_from
    count = not_positive + len(measured) - positive_from
    if count < MIN_SPACING_SAMPLES:
        return 0.0
    quartile = count // 4  # index of the lower quartile among all gaps, sorted
    if quartile < not_positive:
        return 0.0
    return measured[positive_from + quartile - not_positive]


# Latin ligatures (U+FB00-FB06: ff fi fl ffi ffl long-s t, st) as the letters they join: one
# engine hands on the ligature's code point where the other gives its letters (pdfminer
# ``klantpro\ufb01el``, PDFium ``klantprofiel``, from one groff page), and names and labels
# are the same from both.
_LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def _nfc(text: str) -> str:
    """A word's text as records spell it: composed (NFC), ligatures as their letters."""
    return text if text.isascii() else unicodedata.normalize("NFC", text.translate(_LIGATURES))


def _is_overprint(glyph: Glyph, last: Glyph) -> bool:
    """``glyph`` (of the same text as ``last``) printed again on the same spot (fake bold,
    overprints): within ``OVERPRINT_EM`` of it."""
    size = glyph.bottom - glyph.top
    return (abs(glyph.x0 - last.x0) <= OVERPRINT_EM * size
            and abs(glyph.top - last.top) <= OVERPRINT_EM * size)


def _is_raised_or_lowered(glyph: Glyph, last: Glyph) -> bool:
    """A superscript or subscript after the glyphs of a word (a footnote marker after a
    region's name): smaller type, and its bottom off the word's by ``RISE_EM``."""
    size, last_size = glyph.bottom - glyph.top, last.bottom - last.top
    if min(size, last_size) >= SMALLER_TYPE * max(size, last_size):
        return False
    return abs(glyph.bottom - last.bottom) > RISE_EM * max(size, last_size)


def _word_gap(letter_spacing: float) -> float:
    """The gap (em) wider than which glyphs of a line are in different words, on a line
    whose letters are ``letter_spacing`` apart (em)."""
    spacing = min(letter_spacing, MAX_LETTER_SPACING_EM)
    return min(WORD_GAP_EM + spacing, max(WORD_GAP_EM, WORD_GAP_LETTER_GAPS * spacing))


def _word(glyphs: list[Glyph], x1: float) -> Word:
    """The word of ``glyphs`` (left to right), ending at ``x1``; tuple.__new__: a Word
    without NamedTuple's Python-level __new__ (as engines make glyphs)."""
    if len(glyphs) == 1:  # most words where an engine hands on runs of letters
        text, x0, _, top, bottom, _ = glyphs[0]
        return tuple.__new__(Word, (_nfc(text), x0, x1, top, bottom))
    return tuple.__new__(Word, (_nfc("".join(map(_TEXT, glyphs))), glyphs[0].x0, x1,
                                min(map(_TOP, glyphs)), max(map(_BOTTOM, glyphs))))


def _read_line(row: list[Glyph], letter_spacing: float) -> list[Word]:
    """A line's words, in one pass over its glyphs (sorted left to right): split at spaces,
    at gaps wider than a word space (on top of ``letter_spacing``, in em, or
    ``WORD_GAP_LETTER_GAPS`` times it) after the word's right edge, and where a superscript
    starts or ends; the same glyph printed again on the same spot (``OVERPRINT_EM``: fake
    bold, overprints) counts once.

    Runs for every glyph of every page: a word's glyphs are gathered, its box made once."""
    word_gap = _word_gap(letter_spacing)
    words: list[Word] = []
    word: list[Glyph] = []
    x1 = 0.0
    for glyph in row:
        text = glyph[0]
        if not text or text.isspace():  # nothing printed, or a space: the word ends
            if word:
                words.append(_word(word, x1))
                word = []
            continue
        if word:
            last = word[-1]
            if text == last[0] and _is_overprint(glyph, last):
                continue
            size = glyph[4] - glyph[3]
            # a gap wider than a word space, or a superscript or subscript starting or ending
            if glyph[1] - x1 > word_gap * size or (
                    size != last[4] - last[3] and _is_raised_or_lowered(glyph, last)):
                words.append(_word(word, x1))
                word = []
        if not word or glyph[2] > x1:
            x1 = glyph[2]
        word.append(glyph)
    if word:
        words.append(_word(word, x1))
    return words


def _line_gaps(row: list[Glyph]) -> _Gaps:
    """The gaps between neighbouring glyphs of a line (sorted left to right), in em, as
    :func:`_letter_spacing` counts them: between the glyphs of each stretch of printed
    glyphs (spaces end one), each over the height of the glyph after it."""
    measured: list[float] = []
    inside_runs = letters = 0
    previous_x1: float | None = None
    for text, x0, x1, top, bottom, _ in row:
        letters += len(text)
        if not text or text.isspace():
            previous_x1 = None
            continue
        inside_runs += len(text) - 1
        if previous_x1 is not None:
            size = bottom - top
            measured.append((x0 - previous_x1) / size if size > 0 else 0.0)
        previous_x1 = x1
    return _Gaps(measured, inside_runs, letters)


def _printed_width(text: str) -> float:
    """A rough width of ``text`` in ems: leader dots are narrow."""
    return sum(0.3 if _LEADER.fullmatch(c * 3) else 0.6 for c in text)


def _without_leaders(word: Word) -> list[Word]:
    """The parts of a word that dot leaders run through (``Altena.......6`` is ``Altena``
    and ``6``); the leaders themselves are furniture. Where a part starts and ends is shared
    out by rough character widths: engines do not always say where each letter is."""
    if _LEADER.search(word.text) is None:
        return [word]
    scale = (word.x1 - word.x0) / _printed_width(word.text)
    parts = []
    start = 0
    for match in [*_LEADER.finditer(word.text), None]:
        end = match.start() if match is not None else len(word.text)
        if end > start:
            x0 = word.x0 + scale * _printed_width(word.text[:start])
            x1 = word.x0 + scale * _printed_width(word.text[:end])
            parts.append(Word(word.text[start:end], x0, x1, word.top, word.bottom))
        if match is not None:
            start = match.end()
    return parts


def _lines(number: int, glyphs: Sequence[Glyph], marks: bool) -> list[Line]:
    """``marks``: whether any glyph is a combining accent (rare; checked once per page)."""
    rows = []
    for row in _cluster_rows(glyphs, SAME_LINE_EM):
        row.sort(key=_LEFT_TO_RIGHT)
        rows.append(_attach_marks(row) if marks else row)
    gaps = [_line_gaps(row) for row in rows]
    page_spacing = _letter_spacing(gaps)
    lines = []
    for row, line_gaps in zip(rows, gaps, strict=True):
        # a line long enough to tell has its own letter spacing: type of another size or
        # spacing on the page (a table scaled in a Form XObject) keeps its own measure
        spacing = _letter_spacing([line_gaps]) \
            if line_gaps.letters - 1 >= MIN_SPACING_SAMPLES else page_spacing
        words = _read_line(row, spacing)
        if not words:
            continue
        # dot leaders are rare: looked for in the line's text before in its words
        if _LEADER.search(" ".join(map(_TEXT, words))) is not None:
            words = [part for word in words for part in _without_leaders(word)]
        lines.append(Line(number, tuple(words)))
    return lines


def regroup(lines: Sequence[Line]) -> list[Line]:
    """The words of ``lines`` (one page) grouped into lines anew, top to bottom, by the rule
    glyphs are (:func:`_cluster_rows`, ``SAME_LINE_EM``): for a part of a page read on its
    own (one of two blocks printed side by side), whose rows the other part's rows must not
    pull apart."""
    if not lines:
        return []
    words = [word for line in lines for word in line.words]
    page = lines[0].page
    return [Line(page, tuple(sorted(row, key=_LEFT_TO_RIGHT)))
            for row in _cluster_rows(words, SAME_LINE_EM)]


def _turned_back(line: Line, quarter_turns: int) -> Line:
    words = []
    for w in line.words:
        x0, top, x1, bottom = _turn_clockwise(Rect.of(w), -quarter_turns)
        words.append(Word(w.text, x0, x1, top, bottom))
    return Line(line.page, tuple(words))


def layout_page(page: GlyphPage) -> Page:
    """An engine's page of glyphs as words and lines (see :func:`page_from_glyphs`)."""
    return page_from_glyphs(page.number, page.glyphs)


def _reading_directions(printed: Sequence[Glyph]) -> list[int]:
    """The directions text on the page reads in, the one the page is read in first: the
    direction of its figures, where it prints enough of them to tell
    (``MIN_DIRECTION_DIGITS``), else of most of its characters; upright on a tie.

    Figures first: labels turned by 90° over a page that holds a few rows of a continued
    table outweigh those rows in letters, never in digits; a table printed sideways turns
    with its figures. Counted in characters: an engine may hand on upright text as runs of
    letters. Upright where nothing is printed."""
    if not printed:
        return [UPRIGHT]
    texts: dict[int, list[str]] = {}
    for glyph in printed:
        texts.setdefault(glyph.direction, []).append(glyph.text)
    joined = {direction: "".join(parts) for direction, parts in texts.items()}
    characters = {direction: len(text) for direction, text in joined.items()}
    digits = {direction: sum(map(text.count, "0123456789")) for direction, text in joined.items()}
    if max(digits.values()) >= MIN_DIRECTION_DIGITS:
        return sorted(characters, reverse=True,
                      key=lambda d: (digits[d], characters[d], d == UPRIGHT))
    return sorted(characters, reverse=True, key=lambda d: (characters[d], d == UPRIGHT))


def _printed_count(texts: Sequence[str], joined: str) -> int:
    """How many characters glyphs of these texts (``joined``: all of them) print: the
    characters of those that are not spaces."""
    return len(joined) - sum(map(len, filter(str.isspace, texts)))


def page_from_glyphs(number: int, glyphs: Sequence[Glyph]) -> Page:
    """Group a page's glyphs into words and lines.

    The page is first turned so that its figures, or most of its text, read left to right
    (a page whose content is drawn sideways reads like any other); text in other directions, such as
    column labels turned by 90°, is grouped in its own direction and kept apart.
    """
    texts = list(map(_TEXT, glyphs))
    joined = "".join(texts)
    count = _printed_count(texts, joined)
    if not count:
        return Page(number, (), (), 0)
    marks = _MARK.search(joined) is not None
    if set(map(_DIRECTION, glyphs)) == {UPRIGHT}:  # most pages: no turned text at all
        return Page(number, tuple(_lines(number, glyphs, marks)), (), count)
    return _turned_page(number, glyphs, marks, count)


def _turned_page(number: int, glyphs: Sequence[Glyph], marks: bool, count: int) -> Page:
    """A page with text in more directions than upright (``count`` glyphs printed)."""
    aside = [g for g in glyphs if is_slanted(g.direction)]
    if aside:  # set aside: it would cross every line it meets
        glyphs = [g for g in glyphs if not is_slanted(g.direction)]
    reading = _reading_directions([g for g in glyphs if g.text and not g.text.isspace()])
    turns = reading[0] // 90
    # in the frame the page is read in, as the other lines
    slanted = tuple(_slanted_lines(number, [_turned(g, turns) for g in aside]))
    if len(reading) == 1 and turns == 0:
        return Page(number, tuple(_lines(number, glyphs, marks)), (), count, slanted)
    by_turned_direction = _by_direction([_turned(g, turns) for g in glyphs])
    upright = by_turned_direction.pop(UPRIGHT, [])
    rotated = [line for direction, group in sorted(by_turned_direction.items())
               for line in _rotated_lines(number, direction, group, marks)]
    return Page(number, tuple(_lines(number, upright, marks)), tuple(rotated), count, slanted)


def _by_direction(glyphs: Sequence[Glyph]) -> dict[int, list[Glyph]]:
    """The glyphs of each reading direction, in their order."""
    grouped: dict[int, list[Glyph]] = {}
    for glyph in glyphs:
        grouped.setdefault(glyph.direction, []).append(glyph)
    return grouped


def _slanted_lines(number: int, glyphs: Sequence[Glyph]) -> list[Line]:
    """Lines of slanted text: glyphs of one angle whose centres lie on one baseline (within
    ``SAME_LINE_EM`` of a glyph's size across it), in reading order, cut into words at
    printed spaces and at gaps wider than ``SLANTED_WORD_GAP_EM``. A word's box is the box
    around its glyphs: it says where the stamp lies, not its letters' shapes."""
    lines: list[Line] = []
    by_angle: dict[int, list[Glyph]] = {}
    for glyph in glyphs:
        by_angle.setdefault(glyph.direction, []).append(glyph)
    for angle, group in sorted(by_angle.items()):
        along = (math.cos(math.radians(angle)), -math.sin(math.radians(angle)))  # y down
        across = (-along[1], along[0])

        def at(glyph: Glyph, axis: tuple[float, float]) -> float:
            return ((glyph.x0 + glyph.x1) / 2 * axis[0]
                    + (glyph.top + glyph.bottom) / 2 * axis[1])

        # a turned glyph's box is about its size wide and high
        size = statistics.median(max(g.x1 - g.x0, g.bottom - g.top) for g in group)
        rows: list[list[Glyph]] = []
        for glyph in sorted(group, key=lambda g: at(g, across)):
            if rows and at(glyph, across) - at(rows[-1][-1], across) <= SAME_LINE_EM * size:
                rows[-1].append(glyph)
            else:
                rows.append([glyph])
        for row in rows:
            row.sort(key=lambda g: at(g, along))
            line = _slanted_line(number, row, [at(g, along) for g in row], size)
            if line.words:  # not printed spaces alone
                lines.append(line)
    return lines


def _slanted_line(number: int, row: Sequence[Glyph], positions: Sequence[float], size: float
                  ) -> Line:
    """One line of slanted glyphs in reading order (``positions``: along the line)."""
    words: list[list[Glyph]] = [[]]
    for i, glyph in enumerate(row):
        if glyph.text.isspace() or not glyph.text:
            words.append([])
            continue
        if words[-1] and positions[i] - positions[i - 1] > SLANTED_WORD_GAP_EM * size:
            words.append([])
        words[-1].append(glyph)
    return Line(number, tuple(
        Word(_nfc("".join(g.text for g in word)), min(g.x0 for g in word),
             max(g.x1 for g in word), min(g.top for g in word), max(g.bottom for g in word))
        for word in words if word))


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
                words.append(Word(_nfc(token), float(start),
                                  float(column), top, top + TEXT_LINE_HEIGHT))
            if words:
                lines.append(Line(number, tuple(words)))
                row += 1
        pages.append(Page(number, tuple(lines), (), sum(len(w) for w in chunk.split())))
    return pages
