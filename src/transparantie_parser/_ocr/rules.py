"""Table rules taken off a scanned page before it is read.

A word processor's table ("Table Grid" in Word, bordered cells in Writer) prints a rule
round every cell. On a scan those rules are long runs of ink that touch or nearly touch the
letters: tesseract takes the grid with the words it encloses for one picture and reads
nothing of many cells (of a scanned DOCX table at 200 dpi it read 19 of its 78 figures),
and a word that a rule touches gets the rule's ink in its box (its baseline put too low).

Ink that runs on, straight and thin, much longer than any letter, is no letter: each pixel
row (and column) is searched for such runs, and they are painted over with paper, with the
rule's lighter fringe beside them. A letter a rule crosses loses the rule's width of its
stroke, as it would with any eraser; a shaded cell is dark all through, and stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from PIL import Image, ImageChops, ImageDraw, ImageFilter

__all__ = ["without_rules"]

# A run of ink at least this long (inches; 36 pt) is a rule: over three times the widest
# letter of 10 pt type (the letters of a word are apart). A row's rule runs under a whole
# row; a column's rule is found where it runs through at least two or three rows.
_MIN_RULE = 0.5
# A pixel darker than this grey level (0 black, 255 white) is a letter's ink, as for a
# blank page.
_INK = 128
# A rule's pixels are those darker than halfway between ink and the page's paper (its
# median grey): on a grey scan a thin rule, printed dark grey and blurred, is paler than a
# letter's ink (grey levels 90-150 on paper of 232), and grey noise (a standard deviation
# of 10-18 levels) makes paper that dark in one pixel of a few thousand.
# A run is a rule only where it is thin: the pixel rows this far (points) above and below
# it are mostly not dark there (a rule is at most 1.5 pt thick; a shaded cell, dark all
# through, is no rule).
_MAX_THICKNESS = 2.0
_THIN = 0.5
# How far on either side of the pixel rows in which a rule's long runs were found the rule
# still reaches (pixels at 200 dpi; scaled with the resolution): a rule 0.5-1 pt thick is
# 2-3 pixel rows, its edge rows broken by blur and noise into short runs, and its pale
# fringe (anti-aliasing) beside them.
_RULE_REACH = 2.0
# Blank pixels (at 200 dpi; scaled) a run of a rule may have in it: noise and a threshold
# break a thin rule; a run must still be this share ink.
_RULE_GAP = 2.0
_RULE_DENSITY = 0.9
_PAPER = 255


def _paper(image: Image.Image) -> int:
    """The page's paper: its median grey level."""
    histogram = image.histogram()
    half, seen = image.width * image.height / 2, 0
    for level, count in enumerate(histogram[:256]):
        seen += count
        if seen >= half:
            return level
    return _PAPER


def _share_dark(data: bytes, start: int, end: int, dark: int) -> float:
    return sum(v < dark for v in data[start:end]) / max(1, end - start)


def _is_thin(data: bytes, start: int, end: int, offset: int, dark: int) -> bool:
    """Are the pixels ``offset`` bytes before and after ``data[start:end]`` (rows above and
    below it) mostly not dark?"""
    return all(a >= 0 and b <= len(data) and _share_dark(data, a, b, dark) < _THIN
               for a, b in ((start - offset, end - offset), (start + offset, end + offset)))


def _runs(image: Image.Image, length: int, gap: int, thickness: int
          ) -> Iterator[tuple[int, int, int]]:
    """Each thin run of a rule's dark pixels at least ``length`` pixels long in a pixel
    row, with gaps of at most ``gap`` pixels in it: (row, start, end)."""
    dark = (_paper(image) + _INK) // 2
    ink = re.compile(b"[\\x00-\\x%02x]+(?:[\\x%02x-\\xff]{1,%d}[\\x00-\\x%02x]+)*"
                     % (dark - 1, dark, gap, dark - 1))
    data = image.tobytes()
    width = image.width
    for y in range(image.height):
        for match in ink.finditer(data, y * width, (y + 1) * width):
            start, end = match.span()
            if (end - start >= length and _share_dark(data, start, end, dark) >= _RULE_DENSITY
                    and _is_thin(data, start, end, thickness * width, dark)):
                yield y, start - y * width, end - y * width


def _bands(size: tuple[int, int], runs: Iterable[tuple[int, int, int]], reach: int
           ) -> Image.Image:
    """A mask of the pixels within ``reach`` rows of the horizontal ``runs``."""
    band = Image.new("L", size, 0)
    draw = ImageDraw.Draw(band)
    for y, start, end in runs:
        draw.rectangle([(start, max(0, y - reach)), (end - 1, y + reach)], fill=_PAPER)
    return band


def without_rules(image: Image.Image, dpi: int) -> Image.Image:
    """A grey page image (straightened) with its table rules, horizontal and vertical,
    painted over with paper; the image itself when it has none.

    All that is within reach of a rule's runs goes, except the ink of a letter's stroke
    that crosses or touches the rule (ink next to ink outside every rule). Both directions
    are found before anything is painted over: a column's rule is cut into short pieces
    where the rows' rules cross it, and where two rules cross, neither keeps a stub of the
    other as if it were a letter.
    """
    length = max(1, round(_MIN_RULE * dpi))
    reach = max(1, round(_RULE_REACH * dpi / 200))
    gap = max(1, round(_RULE_GAP * dpi / 200))
    thickness = max(1, round(_MAX_THICKNESS * dpi / 72))
    turned = image.transpose(Image.Transpose.ROTATE_90)
    rows = list(_runs(image, length, gap, thickness))
    columns = list(_runs(turned, length, gap, thickness))
    if not rows and not columns:
        return image
    rules = ImageChops.lighter(
        _bands(image.size, rows, reach),
        _bands(turned.size, columns, reach).transpose(Image.Transpose.ROTATE_270))
    ink = image.point(lambda v: _PAPER if v < _INK else 0)
    strokes = ImageChops.subtract(ink, rules).filter(ImageFilter.MaxFilter(2 * reach + 1))
    kept = ImageChops.multiply(ink, strokes)
    out = image.copy()
    out.paste(_PAPER, (0, 0, *image.size), ImageChops.subtract(rules, kept))
    return out
