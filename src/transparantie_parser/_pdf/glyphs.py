"""What a PDF engine hands on: each page's printed glyphs, positioned as a viewer shows them.

The contract between the engines (``pdfplumber``, ``pdfium``) and the layout: coordinates
in points, x to the right and y downwards from the top left of the page as displayed (after
``/Rotate``). Nothing here knows a PDF library.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import attrs

from . import rect

__all__ = ["SLANT_DEGREES", "SPACING_ACCENTS", "UPRIGHT", "Glyph", "GlyphPage",
           "direction_of", "is_slanted", "shown_area"]

#: Reading direction of upright text; the others are 90, 180 and 270 degrees
#: counter-clockwise (90 reads bottom to top).
UPRIGHT = 0

#: A glyph turned further than this many degrees from the nearest quarter turn is slanted
#: (a stamp such as ``CONCEPT`` printed across the page at 45 degrees): its direction is its
#: own angle, never rounded to a quarter turn, where its letters would join the lines it
#: crosses. Text set a few degrees off (a skewed scan's OCR layer) stays in its quarter turn.
SLANT_DEGREES = 10.0


def direction_of(degrees: float) -> int:
    """A glyph's reading direction from its angle (degrees counter-clockwise): the nearest
    quarter turn (0, 90, 180, 270), or for slanted text its angle in whole degrees."""
    quarter = round(degrees / 90) * 90
    if abs(degrees - quarter) <= SLANT_DEGREES:
        return quarter % 360
    return round(degrees) % 360


def is_slanted(direction: int) -> bool:
    """Is this the direction of slanted text (no quarter turn)?"""
    return direction % 90 != 0


#: Spacing accents that TeX's OT1 encoding (and old PostScript fonts) print over a letter as a
#: glyph of their own, each with the combining mark it stands for. Engines hand them over as
#: glyphs of their own, never inside a run of letters, so the layout can put them on theirs.
SPACING_ACCENTS = {
    "\u00b4": "\u0301", "\u02ca": "\u0301", "`": "\u0300", "\u02cb": "\u0300",
    "\u02c6": "\u0302", "^": "\u0302", "\u02dc": "\u0303", "~": "\u0303",
    "\u00a8": "\u0308", "\u02c7": "\u030c", "\u02d8": "\u0306", "\u00b8": "\u0327",
    "\u02da": "\u030a", "\u00af": "\u0304", "\u02c9": "\u0304", "\u02d9": "\u0307",
    "\u02dd": "\u030b", "\u02db": "\u0328",
}


class Glyph(NamedTuple):
    """One printed glyph: its text, its box on the page and its reading direction (0, 90,
    180 or 270 degrees counter-clockwise, or another angle for slanted text:
    :func:`direction_of`). A tuple: pages have thousands.

    ``text`` is one character, or several where one glyph prints several (a ligature,
    ``ffi``), or a **run**: an engine may hand on letters as one glyph where

    - they touch, each within :data:`~transparantie_parser._layout.tolerances.TOUCHING_EM`
      of the end of the ones before it in their reading direction, on one line of one
      quarter turn (:data:`UPRIGHT`, 90, 180 or 270 degrees; slanted text is never a run)
      and with one box across it (top and bottom; left and right where the line runs
      down the page), in reading order;
    - none of them is whitespace, a spacing accent (:data:`SPACING_ACCENTS`) or a
      combining mark: those are glyphs of their own;
    - the box is the box around them all.

    The PDFium engine does: the fixture pages have 0.3 times as many glyphs so, and their
    glyphs and layout cost 0.6 times as much (measured). The layout reads a run as the
    letters it holds, one by one (``tests/test_pdfium_runs.py``: every fixture page but
    those that print letters over letters); a turned run turned upright is an upright run."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    direction: int = UPRIGHT


def shown_area(media_box: tuple[float, float, float, float],
               crop_box: tuple[float, float, float, float]) -> rect.Rect:
    """What a viewer shows of a page: its CropBox, clipped to its MediaBox (PDF 32000-1,
    14.11.2). Print furniture outside it (crop marks, colour bars, slug lines with job
    numbers) and the other half of a sheet split by CropBox are not on the page.

    Both boxes in one frame, ``(x0, y0, x1, y1)`` with ``x0 <= x1`` and ``y0 <= y1``."""
    return rect.intersection(rect.Rect(*media_box), rect.Rect(*crop_box))


def _glyph_tuple(glyphs: Iterable[Glyph]) -> tuple[Glyph, ...]:
    return tuple(glyphs)


@attrs.frozen
class GlyphPage:
    """One page as an engine reads it: its 1-based number and its glyphs, in any order."""

    number: int
    glyphs: tuple[Glyph, ...] = attrs.field(converter=_glyph_tuple)
