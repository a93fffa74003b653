"""Tesseract's words -> glyphs in points on their baselines, as a text engine would hand
them on, and the page read that holds them (:class:`OcrPage`).

Tesseract's word boxes reach from the highest to the lowest ink of a word; the layout's
tolerances assume boxes of the font size on the baseline, as text engines give. Words
tesseract runs together (``TOTAALAMR``) are split again, and specks read as marks dropped.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator, Sequence

import attrs
import regex
from PIL import Image

from .._pdf.glyphs import Glyph, GlyphPage
from .._pdf.rect import Rect
from .image import POINTS_PER_INCH
from .tsv import TsvWord

__all__ = ["OcrPage", "OcrWord", "figure_band", "tidied", "words_on_baselines"]

# Tesseract's word boxes reach from the highest to the lowest ink of the word, specks of dust
# included, so words on one baseline get boxes of different heights and centres (a name with
# descenders sits lower than the figures beside it, a speck pulls a box up by half a line).
# Text engines give every glyph a box of its font size on its baseline; the layout's
# tolerances assume that. So each word's baseline is found from its ink: the bottom of its
# longest run of inked pixel rows (a speck is a run of its own), less the depth of the
# descenders when the word has letters that descend. It gets a box of the page's body size
# on that baseline.
# A pixel row is inked when it holds at least this share of the word's darkest row's ink
# (the thin diagonal of a 7 holds about a fifth of its top bar).
_CORE_INK = 0.08
# Blank pixel rows (at 200 dpi; scaled) that may interrupt a run without ending it.
_CORE_GAP = 1
_DESCENDERS = frozenset("gjpqy,;()")
# Cap height (height of digits), ascent above and descent below the baseline, and the depth
# of descenders, as shares of the font size (Helvetica, Times and Liberation all within 0.05).
_CAP_HEIGHT = 0.70
_ASCENT = 0.80
_DESCENT = 0.20
_DESCENDER_DEPTH = 0.21
# A tesseract line whose words' runs of ink are taller than this many body cap heights
# (median; descenders allowed for) is set in a larger font (a title) and gets boxes of its
# own size.
_LARGER_FONT = 1.3
# Fewer figure words than this on a page: the body size is taken from all words.
_MIN_SIZE_SAMPLES = 3


# Words of the table's own vocabulary that tesseract runs together when the space between
# them is narrow (bold type): ``TOTAALAMR``. Split again, each part's width in proportion to
# its letters, so the grammar finds its ``TOTAAL`` line; the first part gives up this share of
# the word's height (about 0.35 em, more than the layout's word gap) as the space between.
_RUN_TOGETHER = regex.compile(r"(?i)(totaal)(amr)")
# What tesseract makes of specks, rules and the edges of boxes: underscores and bars at the
# ends of words ('_Klantprofiel', 'Haarlemmermeer _') are taken off, and a word of nothing but
# such marks is dropped. Dashes stay: a '-' in a figure cell is a zero.
_EDGE_JUNK = "_|¦"
_SPLIT_GAP = 0.5


@attrs.frozen
class OcrWord:
    """A recognised word: its box (a :class:`Glyph`, in points) and tesseract's confidence
    in it, 0-100."""

    glyph: Glyph
    confidence: float


@attrs.frozen(eq=False)
class OcrPage:
    """One page as read by OCR.

    ``image`` is the straightened grey page the words were read from, kept for re-reading
    cells; ``dpi`` its resolution, so a box in points is ``dpi / 72`` times as many pixels.
    ``skew`` is the angle (degrees, counter-clockwise) the rendered page was turned by to
    straighten it.
    """

    number: int
    words: tuple[OcrWord, ...]
    image: Image.Image
    dpi: int
    skew: float

    @property
    def glyphs(self) -> list[Glyph]:
        return [word.glyph for word in self.words]

    def glyph_page(self) -> GlyphPage:
        """The page as an engine hands it on, for the layout."""
        return GlyphPage(self.number, self.glyphs)

    def pixel_box(self, box: Rect) -> tuple[int, int, int, int]:
        """A box in points -> the box in this page's image pixels (left, upper, right, lower)."""
        x0, top, x1, bottom = box
        scale = self.dpi / POINTS_PER_INCH
        return (max(0, int(x0 * scale)), max(0, int(top * scale)),
                min(self.image.width, int(x1 * scale + 0.999)),
                min(self.image.height, int(bottom * scale + 0.999)))



def figure_band(glyph: Glyph) -> tuple[float, float]:
    """Where the digits of an OCR word stand: the top of its capitals and its baseline
    (points), from the box :func:`~.tesseract.ocr_image` gave it."""
    size = glyph.bottom - glyph.top
    baseline = glyph.bottom - _DESCENT * size
    return baseline - _CAP_HEIGHT * size, baseline


def _ink_run(image: Image.Image, left: int, top: int, width: int, height: int,
             gap: int) -> tuple[int, int]:
    """The top and bottom (pixel rows, bottom exclusive) of a word's longest run of inked
    rows, allowing ``gap`` blank rows inside it."""
    crop = image.crop((left, top, left + max(1, width), top + max(1, height)))
    profile = [255 - v for v in crop.resize((1, crop.height), Image.Resampling.BOX).tobytes()]
    peak = max(profile, default=0)
    if peak <= 0:
        return top, top + height
    best = (0, len(profile))
    longest = 0
    start: int | None = None
    end = blank = 0
    for i, value in enumerate([*profile, 0]):
        if value >= _CORE_INK * peak:
            if start is None:
                start = i
            end, blank = i + 1, 0
            if end - start > longest:
                best, longest = (start, end), end - start
        elif start is not None:
            blank += 1
            if blank > gap:
                start, blank = None, 0
    return top + best[0], top + best[1]


def _without_junk(words: Iterable[TsvWord]) -> Iterator[TsvWord]:
    for word in words:
        text = word.text.strip(_EDGE_JUNK)
        if text:
            yield word if text == word.text else attrs.evolve(word, text=text)


def _split_run_together(words: Iterable[TsvWord]) -> Iterator[TsvWord]:
    for word in words:
        match = _RUN_TOGETHER.fullmatch(word.text)
        if match is None:
            yield word
            continue
        left = word.left
        gap = round(_SPLIT_GAP * word.height)
        for i, part in enumerate(match.groups()):
            width = round(word.width * len(part) / len(word.text))
            last = i == len(match.groups()) - 1
            yield attrs.evolve(word, left=left, width=width if last else width - gap, text=part)
            left += width


def tidied(words: Iterable[TsvWord]) -> list[TsvWord]:
    """Tesseract's words with specks and edge marks taken off, and words of the table's own
    vocabulary that it ran together split again."""
    return list(_split_run_together(_without_junk(words)))


_Run = tuple[int, int]  # a word's longest run of inked pixel rows: top, bottom (exclusive)


def _descends(word: TsvWord) -> bool:
    return any(c in _DESCENDERS for c in word.text)


def _body_size(words: Sequence[TsvWord], runs: Sequence[_Run]) -> float:
    """The page's body size (pixels), from the height of its figures' ink (of all words'
    when it has too few figures); 0 for a page without words."""
    digit_caps = [b - t for w, (t, b) in zip(words, runs, strict=True)
                  if w.text.replace(".", "").isdigit()]
    if len(digit_caps) < _MIN_SIZE_SAMPLES:
        digit_caps = [b - t for t, b in runs]
    return statistics.median(digit_caps) / _CAP_HEIGHT if digit_caps else 0.0


def _line_sizes(words: Sequence[TsvWord], runs: Sequence[_Run]
                ) -> dict[tuple[int, int, int, int], float]:
    """The font size (pixels) each tesseract line's ink suggests: one size for all words of
    a line (a heading's words must not get boxes of different sizes)."""
    suggested: dict[tuple[int, int, int, int], list[float]] = {}
    for word, (run_top, run_bottom) in zip(words, runs, strict=True):
        extent = _CAP_HEIGHT + (_DESCENDER_DEPTH if _descends(word) else 0.0)
        suggested.setdefault(word.line_key, []).append((run_bottom - run_top) / extent)
    return {key: statistics.median(sizes) for key, sizes in suggested.items()}


def _on_baseline(word: TsvWord, run_bottom: int, size: float, scale: float) -> OcrWord:
    """``word`` with a box of ``size`` (pixels) on the baseline its ink ends on, in points
    (``scale`` points per pixel)."""
    baseline = run_bottom - (_DESCENDER_DEPTH * size if _descends(word) else 0.0)
    glyph = Glyph(word.text, word.left * scale, (word.left + word.width) * scale,
                  (baseline - _ASCENT * size) * scale, (baseline + _DESCENT * size) * scale)
    return OcrWord(glyph, word.confidence)


def words_on_baselines(image: Image.Image, words: Sequence[TsvWord], dpi: int
                       ) -> list[OcrWord]:
    """Tesseract's words with boxes of their font size on their baselines, in points: the
    body size, or their line's when that is set larger (a title)."""
    gap = max(1, round(_CORE_GAP * dpi / 200))
    runs = [_ink_run(image, w.left, w.top, w.width, w.height, gap) for w in words]
    body = _body_size(words, runs)
    line_size = _line_sizes(words, runs)
    out = []
    for word, (_run_top, run_bottom) in zip(words, runs, strict=True):
        size = line_size[word.line_key]
        if size <= _LARGER_FONT * body:
            size = body
        if size <= 0:
            size = float(word.height)
        out.append(_on_baseline(word, run_bottom, size, POINTS_PER_INCH / dpi))
    return out
