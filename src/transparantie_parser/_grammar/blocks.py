"""Text printed side by side: two region tables on one sheet (2-up prints, landscape pages with
two regions), or a table with a column of explanation beside it. Lines that run across both
are cut at the gutter between them, and each side is read on its own, left before right.

A gutter is a vertical strip that no word of a stretch of lines crosses. Tables have such
strips too, between their columns; what tells a gutter between blocks apart is what stands to
its right on the rows of a table: a column of figures inside a table, but a municipality's
name (another table) or prose (a sidebar) beside one.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from .._layout.page import Line, regroup
from .._numbers import is_figure_like
from .lines import is_row_line, parse_heading
from .tolerances import MIN_GUTTER_EM, MIN_GUTTER_VOTES, MIN_ROW_FIGURES

__all__ = ["reading_order"]

_TEXT = operator.attrgetter("text")  # of a Word; every line of every page is looked at


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class _Gutter(NamedTuple):
    """A strip from ``x0`` to ``x1`` that no word of ``lines[first:last + 1]`` crosses."""

    first: int
    last: int
    x0: float
    x1: float

    @property
    def middle(self) -> float:
        return (self.x0 + self.x1) / 2


def _free_strip(line: Line, x0: float, x1: float) -> tuple[float, float]:
    """The widest part of the strip from ``x0`` to ``x1`` that no word of ``line`` crosses
    (empty, ``x0 >= x1``, when one crosses it whole)."""
    edges = [float("-inf"), *(e for w in line.words for e in (w.x0, w.x1)), float("inf")]
    best = (x0, x0)
    for left, right in zip(edges[::2], edges[1::2], strict=True):
        low, high = max(x0, left), min(x1, right)
        if high - low > best[1] - best[0]:
            best = (low, high)
    return best


def _grow(lines: Sequence[Line], i: int, x0: float, x1: float, least: float) -> _Gutter:
    """The gutter through line ``i``'s gap from ``x0`` to ``x1``, followed up and down the
    page for as long as a strip at least ``least`` wide stays free."""
    first = last = i
    low, high = x0, x1
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and lines[j].page == lines[i].page:
            narrowed = _free_strip(lines[j], low, high)
            if narrowed[1] - narrowed[0] < least:
                break
            low, high = narrowed
            first, last = min(first, j), max(last, j)
            j += step
    return _Gutter(first, last, low, high)


def _is_between_blocks(lines: Sequence[Line], gutter: _Gutter) -> bool:
    """Do the rows of figures that the gutter cuts have text, not figures, right of it? Or
    does it cut a line into two headings (two tables, side by side)?"""
    votes = []
    headings = False
    for line in lines[gutter.first: gutter.last + 1]:
        left = _side(line, gutter.middle, left=True)
        right = _side(line, gutter.middle, left=False)
        if left is None or right is None:
            continue  # only lines with words on both sides vote
        if _starts_block_heading(left, right, gutter):
            headings = True
        elif is_row_line(left) or is_row_line(right):
            votes.append(not is_figure_like(right.words[0].text))
    return headings or (len(votes) >= MIN_GUTTER_VOTES and sum(votes) * 2 > len(votes))


def _starts_block_heading(left: Line, right: Line, gutter: _Gutter) -> bool:
    """Does the gutter cut a line into two headings, the right one starting where the
    gutter ends (a table stands under its heading, from its left edge)?"""
    first = right.words[0]
    return (first.x0 - gutter.x1 <= MIN_GUTTER_EM * first.size
            and parse_heading(left) is not None and parse_heading(right) is not None)


def _candidates(line: Line) -> list[tuple[float, float]]:
    """Gaps of a row of figures wide enough for a gutter, with text right of them."""
    least = MIN_GUTTER_EM * line.height
    return [(a.x1, b.x0) for a, b in zip(line.words, line.words[1:], strict=False)
            if b.x0 - a.x1 >= least and not is_figure_like(b.text)]


def _texts(line: Line) -> Iterator[str]:
    return map(_TEXT, line.words)


def _has_figures(line: Line) -> bool:
    return sum(map(is_figure_like, _texts(line))) >= MIN_ROW_FIGURES


def _two_headings(line: Line) -> bool:
    return list(map(str.casefold, _texts(line))).count("kwartaal") >= 2


def _find_gutter(lines: Sequence[Line]) -> _Gutter | None:
    for i, line in enumerate(lines):
        if not (_has_figures(line) or _two_headings(line)):
            continue
        for x0, x1 in _candidates(line):
            gutter = _grow(lines, i, x0, x1, MIN_GUTTER_EM * line.height)
            if _is_between_blocks(lines, gutter):
                return gutter
    return None


def _side(line: Line, x: float, *, left: bool) -> Line | None:
    words = tuple(w for w in line.words if ((w.x1 + w.x0) / 2 < x) == left)
    return Line(line.page, words) if words else None


def reading_order(lines: Sequence[Line]) -> list[Line]:
    """A page's lines (top to bottom) with blocks printed side by side one after the other:
    the lines above them, the left block's, the right block's, the lines below them."""
    gutter = _find_gutter(lines)
    if gutter is None:
        return list(lines)
    spanned = lines[gutter.first: gutter.last + 1]
    # each block's words make lines of their own: rows of the other block, on nearby
    # baselines, must not have pulled them apart or together
    left = regroup([part for line in spanned if (part := _side(line, gutter.middle, left=True))])
    right = regroup([part for line in spanned
                     if (part := _side(line, gutter.middle, left=False))])
    return [*lines[: gutter.first], *reading_order(left), *reading_order(right),
            *lines[gutter.last + 1:]]
