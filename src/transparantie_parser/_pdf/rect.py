"""The one box type of the engines, the layout and OCR, and the few pure functions on it.

A :class:`Rect` is a plain named tuple (pages have thousands of boxes, and code that unpacks
four numbers keeps working); the functions beside it take and return rectangles and know
nothing else, like ``pdfplumber.utils``' bounding-box helpers. Coordinates are in points,
y downwards from the top of the page, unless a caller says otherwise: every function here
reads the same in a y-upwards frame, with ``top`` the lower edge.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol

__all__ = ["Boxed", "Rect", "as_rect", "bounding", "centre", "centre_inside", "contains", "grown",
           "height", "intersection", "overlap", "width"]


class Boxed(Protocol):
    """Anything with a box: a glyph, a word, a line."""

    @property
    def x0(self) -> float: ...
    @property
    def top(self) -> float: ...
    @property
    def x1(self) -> float: ...
    @property
    def bottom(self) -> float: ...


class Rect(NamedTuple):
    """A rectangle on the page: left, top, right, bottom (``x0 <= x1``, ``top <= bottom``;
    a rectangle with ``x0 > x1`` or ``top > bottom`` is empty)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @classmethod
    def of(cls, thing: Boxed) -> Rect:
        """The box of a glyph, word or line."""
        return cls(thing.x0, thing.top, thing.x1, thing.bottom)


def as_rect(box: Iterable[float]) -> Rect:
    """Any four numbers (x0, top, x1, bottom) as a :class:`Rect`: a converter for records
    that hold a box."""
    return box if isinstance(box, Rect) else Rect(*box)


def width(rect: Rect) -> float:
    return rect.x1 - rect.x0


def height(rect: Rect) -> float:
    return rect.bottom - rect.top


def centre(rect: Rect) -> tuple[float, float]:
    """The middle of the rectangle (x, y)."""
    return (rect.x0 + rect.x1) / 2, (rect.top + rect.bottom) / 2


def contains(rect: Rect, x: float, y: float) -> bool:
    """Does the point lie in the rectangle (its edges included)?"""
    return rect.x0 <= x <= rect.x1 and rect.top <= y <= rect.bottom


def centre_inside(inner: Rect, outer: Rect) -> bool:
    """Does ``inner``'s centre lie in ``outer``: is a glyph part of a word, or a word in a
    cell, however far its ink reaches past the edge?"""
    return contains(outer, *centre(inner))


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """How far the spans ``a0..a1`` and ``b0..b1`` (along one axis) overlap: negative where
    they lie apart (by that much), zero where they touch."""
    return min(a1, b1) - max(a0, b0)


def intersection(a: Rect, b: Rect) -> Rect:
    """Where the two rectangles overlap; empty (``x0 > x1`` or ``top > bottom``) where they
    do not."""
    return Rect(max(a.x0, b.x0), max(a.top, b.top), min(a.x1, b.x1), min(a.bottom, b.bottom))


def bounding(rects: Iterable[Rect]) -> Rect:
    """The smallest rectangle holding all of ``rects`` (at least one)."""
    x0s, tops, x1s, bottoms = zip(*rects, strict=True)
    return Rect(min(x0s), min(tops), max(x1s), max(bottoms))


def grown(rect: Rect, dx: float, dy: float = 0.0) -> Rect:
    """The rectangle with a margin of ``dx`` added left and right and ``dy`` above and below
    (a negative margin shrinks it)."""
    return Rect(rect.x0 - dx, rect.top - dy, rect.x1 + dx, rect.bottom + dy)
