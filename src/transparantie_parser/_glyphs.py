"""What a PDF engine hands on: each page's printed glyphs, positioned as a viewer shows them.

The contract between the engines (``_pdfplumber``, ``_pdfium``) and the layout: coordinates
in points, x to the right and y downwards from the top left of the page as displayed (after
``/Rotate``). Nothing here knows a PDF library.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import attrs

__all__ = ["UPRIGHT", "Glyph", "GlyphPage"]

#: Reading direction of upright text; the others are 90, 180 and 270 degrees
#: counter-clockwise (90 reads bottom to top).
UPRIGHT = 0


class Glyph(NamedTuple):
    """One printed character: its box on the page and its reading direction (0, 90, 180 or
    270 degrees counter-clockwise). A tuple: pages have thousands.

    An engine may hand over a run of letters that touch on one upright baseline (closer than
    :data:`~transparantie_parser._geometry.TOUCHING_EM`) as one glyph with several
    characters; the words and lines come out the same."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    direction: int = UPRIGHT


def _glyph_tuple(glyphs: Iterable[Glyph]) -> tuple[Glyph, ...]:
    return tuple(glyphs)


@attrs.frozen
class GlyphPage:
    """One page as an engine reads it: its 1-based number and its glyphs, in any order."""

    number: int
    glyphs: tuple[Glyph, ...] = attrs.field(converter=_glyph_tuple)
