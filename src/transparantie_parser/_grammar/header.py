"""The header row: which lines above the first municipality row hold column labels, and
which label belongs to which column (by position, by the gaps of a text extraction, or turned
by 90 degrees).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Sequence
from typing import NamedTuple

from .._layout.page import Line, Word
from .._names import join_wrapped, normalize_text
from .body import BodyRow, TableBody
from .grid import ColumnGrid
from .lines import Heading, is_header_anchor, is_header_first_word, is_row_line
from .names import is_name_fragment, name_line_reach
from .tolerances import (
    EMPTY_LABEL_COST,
    HEADER_GAP,
    LABEL_CELL_SLACK,
    LABEL_GAP,
    LABEL_SEPARATOR_EM,
    MIXED_ALIGNMENT_COST,
    ROTATED_LABEL_OVERLAP,
)

__all__ = [
    "Header",
    "HeaderCut",
    "Labels",
    "Way",
    "cut_header_line",
    "header_lines",
    "labels",
    "repeated_header_lines",
    "rotated_labels",
    "segment_header_line",
]

#: The printed label of each count column, None where a column has none.
Labels = tuple[str | None, ...]

_INFINITE = float("inf")


class Way(enum.IntEnum):
    """The ways a label stands over its figure column, in the order of the costs of
    :func:`_ways`."""

    FLUSH_RIGHT = 0  # flush right with the figures
    FLUSH_LEFT = 1  # flush left in the cell
    CENTRED = 2  # centred on the cell


def _ways(x0: float, x1: float, grid: ColumnGrid, j: int, line_height: float
          ) -> tuple[float, float, float]:
    """How far a run of label words from ``x0`` to ``x1`` is from standing over figure column
    ``j`` each way: set flush right with the figures, flush left in the cell, centred on the
    cell.

    Each way counts only when the edge (or centre) it aligns lies in the column's cell: a
    label is printed in its own cell, never wholly beside it.
    """
    cell_left, cell_right = grid.cell(j)
    slack = LABEL_CELL_SLACK * line_height
    low, high = cell_left - slack, cell_right + slack
    centre = (x0 + x1) / 2
    return (abs(x1 - grid.right[j]) if low <= x1 <= high else _INFINITE,
            abs(x0 - cell_left) if low <= x0 <= high else _INFINITE,
            abs(centre - (cell_left + cell_right) / 2) if low <= centre <= high else _INFINITE)


# A cut's runs: (first word, end) per slot; a word between two runs is in none.
Runs = list[tuple[int, int]]


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class HeaderCut(NamedTuple):
    """One header line cut over the columns (:func:`cut_header_line`): a run of words per
    slot (the name column, each count column, the total column; a run may be empty), and
    the words in no run, left out."""

    runs: tuple[tuple[Word, ...], ...]
    left_out: tuple[Word, ...]

    @property
    def over_figures_only(self) -> bool:
        """Does the line leave the name column empty (labels over the figure columns)?"""
        return not self.runs[0]


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class Header(NamedTuple):
    """The header row above a row (:func:`header_lines`): its lines' indices and its lines,
    top to bottom, and on a page with aligned columns each line's cut, made once for all that
    ask (finding the header, its labels, the words it leaves out); none otherwise."""

    indices: tuple[int, ...] = ()
    lines: tuple[Line, ...] = ()
    cuts: tuple[HeaderCut, ...] = ()

# The cost of a word that no column can take (it is left out of every run, and reported): more
# than any cut's misalignment in points, so that a word is left out only where it cannot be
# placed at all (a stray word between the names and the first column, say).
_LEFT_OUT = 1e6


def segment_header_line(words: Sequence[Word], grid: ColumnGrid, line_height: float
                        ) -> list[list[Word]]:
    """The runs of :func:`cut_header_line` as lists."""
    return [list(run) for run in cut_header_line(words, grid, line_height).runs]


def cut_header_line(words: Sequence[Word], grid: ColumnGrid, line_height: float) -> HeaderCut:
    """Split one header line (words left to right) into one run of words per column: the
    name column, each count column, the total column; a run may be empty. A word that no
    column can take is in none: left out (a note printed beside the header row, a stray
    word between the columns).

    A label is set flush left, flush right or centred over its column, so of all ways to
    cut the line, the one whose runs line up best with the columns wins (a small dynamic
    programme over cut points). This holds where labels are wider than their figures and
    reach over the neighbouring column. Of cuts that line up about as well, the one whose
    labels all stand the same way wins (``MIXED_ALIGNMENT_COST``): a producer sets the cells
    of a header row alike.
    """
    runs = _header_runs(words, grid, line_height)
    placed = {i for first, end in runs for i in range(first, end)}
    return HeaderCut(tuple(tuple(words[first:end]) for first, end in runs),
                     tuple(word for i, word in enumerate(words) if i not in placed))


def _header_runs(words: Sequence[Word], grid: ColumnGrid, line_height: float) -> Runs:
    # a word that starts right of every column's cell (slack included) stands over none
    edge = grid.cell(grid.n_cells - 1)[1] + LABEL_CELL_SLACK * line_height
    n = len(words)
    while n and words[n - 1].x0 > edge:
        n -= 1
    # a label's words follow one another at word spacing; a wider gap separates labels
    apart = [words[i + 1].x0 - words[i].x1 > LABEL_GAP * line_height for i in range(n - 1)]

    @functools.cache
    def ways(first: int, last: int, slot: int) -> tuple[float, float, float]:
        x0, x1 = words[first].x0, words[last - 1].x1
        if slot == 0:
            return (abs(x0 - grid.names_left),) * 3  # the names' label: flush left
        return _ways(x0, x1, grid, slot - 1, line_height)

    slots = grid.n_cells + 1
    cost, runs = _cut(n, slots, apart, ways, None, line_height, left_out=False)
    left_out = cost == _INFINITE  # some word no column can take: cut again, leaving it out
    if left_out:
        cost, runs = _cut(n, slots, apart, ways, None, line_height, left_out=True)
    if not _stand_alike(runs, ways):
        # only then can a cut whose labels stand alike be better: the first way on a tie
        cuts = [_cut(n, slots, apart, ways, way, line_height, left_out=left_out)
                for way in Way]
        runs = min(cuts, key=lambda c: c[0])[1]
    return runs


def _stand_alike(runs: Runs, ways: Callable[[int, int, int], tuple[float, float, float]]
                 ) -> bool:
    """Do the labels of a cut (the count and total columns' runs) all line up best one same
    way? Then no cut does better with ``MIXED_ALIGNMENT_COST`` counted."""
    alike = set(Way)
    for slot, (first, end) in enumerate(runs):
        if slot and first < end:
            each = ways(first, end, slot)
            alike &= {way for way in Way if each[way] == min(each)}
    return bool(alike)


def _cut(n: int, slots: int, apart: Sequence[bool],
         ways: Callable[[int, int, int], tuple[float, float, float]], way: Way | None,
         line_height: float, *, left_out: bool) -> tuple[float, Runs]:
    """The best cut of a line of ``n`` words into ``slots`` runs when labels stand ``way``
    (another way costs ``MIXED_ALIGNMENT_COST`` more; None: any way alike), a word in no
    run costing ``_LEFT_OUT`` (where ``left_out``; otherwise every word is in a run): its
    cost (infinite where there is no such cut), and its runs."""
    mixed = MIXED_ALIGNMENT_COST * line_height

    def cost(first: int, last: int, slot: int) -> float:
        if first == last:
            return EMPTY_LABEL_COST * line_height
        each = ways(first, last, slot)
        if way is None or slot == 0:
            return min(each)
        return min(c if w == way else c + mixed for w, c in enumerate(each))

    # best[i][slot]: the least cost of placing the first i words in the first slot runs;
    # came[(i, slot)] the state it came from (the same slot: word i - 1 left out)
    best = [[_INFINITE] * (slots + 1) for _ in range(n + 1)]
    came: dict[tuple[int, int], tuple[int, int]] = {}
    best[0][0] = 0.0
    for slot in range(slots + 1):
        for i in range(n + 1):
            here = best[i][slot]
            if here == _INFINITE:
                continue
            if left_out and i < n and here + _LEFT_OUT < best[i + 1][slot]:
                best[i + 1][slot] = here + _LEFT_OUT
                came[(i + 1, slot)] = (i, slot)
            for j in range(i, n + 1) if slot < slots else ():
                if j > i + 1 and apart[j - 2]:
                    break  # the run would hold two labels, and so would every longer one
                total = here + cost(i, j, slot)
                if total < best[j][slot + 1]:
                    best[j][slot + 1] = total
                    came[(j, slot + 1)] = (i, slot)
    if best[n][slots] == _INFINITE:
        return _INFINITE, []
    return best[n][slots], _runs_back(came, (n, slots))


def _runs_back(came: dict[tuple[int, int], tuple[int, int]], end: tuple[int, int]) -> Runs:
    """The runs of the best cut, followed back from its ``end`` state (words, slots) to the
    start through the states each ``came`` from (a word left out stays in its slot)."""
    runs: Runs = []
    state = end
    while state != (0, 0):
        before = came[state]
        if before[1] != state[1]:
            runs.insert(0, (before[0], state[0]))
        state = before
    return runs


def _aligned_cut(line: Line, body: TableBody) -> HeaderCut | None:
    """The line cut over the columns, on a page with aligned columns (None elsewhere: labels
    are told apart by their gaps there)."""
    return cut_header_line(line.words, body.grid, body.line_height) if body.grid.aligned else None


def _stands_over_figures(cut: HeaderCut | None) -> bool:
    """On a page with aligned columns: does the line leave the name column empty (labels
    over the figure columns only)?"""
    return cut is not None and cut.over_figures_only


def header_lines(body: TableBody, first: BodyRow | None = None) -> Header:
    """header := line+ directly above the first row, one of them an anchor (``Gemeente`` ...
    or ... ``Totaal``), the others anchors too or, on a page with aligned columns, labels
    standing over the figure columns; each at most ``HEADER_GAP`` line heights from the next.

    The lines of a wrapped name whose figures stand below them (centred, or on the name's
    last line) may sit between the header and the first row. ``first`` is the row to look
    above (default: the table's first; a later page's first row finds the header repeated
    there). On a page with aligned columns each line is cut over the columns once, here.
    """
    h = body.line_height
    first = first or body.rows[0]
    below = first.line
    zone: list[int] = []
    cuts: list[HeaderCut | None] = []
    for i in range(first.index - 1, -1, -1):
        line = body.lines[i]
        if line.page != below.page or below.top - line.bottom > HEADER_GAP * h:
            break
        if is_row_line(line):
            break
        if (not zone and is_name_fragment(line, body.grid)
                and below.centre_y - line.centre_y <= name_line_reach(body, line, below)):
            below = line  # a line of a name whose figures stand below it
            continue
        cut = _aligned_cut(line, body)
        if not (is_header_anchor(line) or _stands_over_figures(cut)):
            break
        zone.insert(0, i)
        cuts.insert(0, cut)
        below = line
    return _header(body, zone, cuts)


def _header(body: TableBody, zone: Sequence[int], cuts: Sequence[HeaderCut | None]) -> Header:
    """The header of the lines ``zone`` with their cuts: none without an anchor among them."""
    if not any(is_header_anchor(body.lines[i]) for i in zone):
        return Header()
    return Header(tuple(zone), tuple(body.lines[i] for i in zone),
                  tuple(cut for cut in cuts if cut is not None))


def repeated_header_lines(body: TableBody) -> set[int]:
    """The header repeated above the first row of each later page of a continued table."""
    repeated: set[int] = set()
    page = body.rows[0].line.page
    for row in body.rows:
        if row.line.page != page:
            page = row.line.page
            repeated.update(header_lines(body, row).indices)
    return repeated


def _labels_by_gap(zone: Sequence[Line], n_counts: int) -> Labels | None:
    """Labels of a one-line header in a text extraction whose columns are not aligned:
    labels are separated by gaps of ``LABEL_SEPARATOR_EM`` (two spaces), or are single words.
    """
    if len(zone) != 1:
        return None
    words = list(zone[0].words)
    if words and is_header_first_word(words[0]):
        words = words[1:]
    if words and words[-1].text.casefold() == "totaal":
        words = words[:-1]
    groups: list[list[str]] = []
    previous: Word | None = None
    for word in words:
        if previous is None or word.x0 - previous.x1 >= LABEL_SEPARATOR_EM * word.size:
            groups.append([])
        groups[-1].append(word.text)
        previous = word
    if len(groups) == n_counts:
        return tuple(join_wrapped(group) for group in groups)
    if len(words) == n_counts:
        return tuple(normalize_text(w.text) for w in words)
    return None


def _labels_by_position(cuts: Sequence[HeaderCut], rotated: Sequence[Line], body: TableBody
                        ) -> Labels | None:
    """Labels of a page with aligned columns: the runs of each header line's cut over the
    columns, each rotated label put in the column it stands in; a label's parts from several
    lines are joined top to bottom."""
    n_counts = body.n_counts
    parts: list[list[str]] = [[] for _ in range(n_counts)]
    for line in rotated:
        slot = body.grid.slot((line.x0 + line.x1) / 2)
        if 0 <= slot < n_counts:
            parts[slot].append(line.text)
    for cut in cuts:
        for slot, run in enumerate(cut.runs[1: n_counts + 1]):
            if run:
                parts[slot].append(" ".join(w.text for w in run))
    if not any(parts):
        return None
    return tuple(join_wrapped(p) if p else None for p in parts)


def labels(header: Header, rotated: Sequence[Line], body: TableBody) -> Labels | None:
    """The count columns' labels from the header's lines and the rotated labels."""
    zone = header.lines
    if not zone and not rotated:
        return None
    if not body.grid.aligned and not rotated:
        return _labels_by_gap(zone, body.n_counts) if zone else None
    # rotated labels stand in their column whether or not the figure columns overlap
    return _labels_by_position(header.cuts, rotated, body)


def rotated_labels(rotated: Sequence[Line], zone: Sequence[Line], body: TableBody,
                   heading: Heading) -> list[Line]:
    """Column labels turned by 90 degrees: on the first row's page, standing on the first
    row (or the header) below the heading: ending between ``HEADER_GAP`` line heights above
    the header (or first row) and just inside the first row. A long label may reach up
    beside the heading."""
    first = body.first_row
    h = body.line_height
    floor = heading.line.bottom if heading.line.page == first.page else float("-inf")
    reach = max((zone[0].top if zone else first.top) - HEADER_GAP * h, floor)
    return [
        line for line in rotated
        if line.page == first.page and reach <= line.bottom <= first.top + ROTATED_LABEL_OVERLAP * h
    ]
