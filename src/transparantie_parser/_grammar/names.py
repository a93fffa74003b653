"""Municipality rows, with the other lines of wrapped names attached to them.

A wrapped name's figures stand on its first line, between its lines (centred), or on its
last line (cells aligned to the bottom). Lines of a name between two rows that each print a
name of their own belong to the row above (figures on the first line) or the row below
(figures on the last): the page tells which by a name part that cannot end a name
(``Nuenen, Gerwen en``, ``Goeree-``), by the steps above and below where a cell's lines
stand further apart than two rows (from a cell's last line to the next cell's first is the
table's row pitch), by the gaps above and below (a cell's lines are set closer than two
rows), or by the other wrapped names of the table (a producer sets all cells alike). Lines
that both rows want are cut between them. Where it cannot tell, the name is given to the
row above and the table says so (``name_row_uncertain``): never a guess in silence.

A table's last name (figures on its first line) and its first right under the header
(figures on its last) have one row to go with: their lines join it within
``ATTACH_DISTANCE`` line heights of each other, within ``TOLD_NAME_REACH`` where the text
ties two lines (one cannot end a name, or the next cannot start one), or, below the last
row, at the step between a name's lines that the table's other names set. A line that
could be a name's and that no row takes names the rows beside it (:func:`name_line_rows`:
an error on each, ``name_line_unplaced``).
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Collection, Mapping, MutableMapping, Sequence
from typing import NamedTuple

import regex

from .._layout.page import Line
from ..errors import MalformedTableError
from .body import BodyRow, TableBody
from .grid import ColumnGrid
from .lines import is_header_anchor, is_page_number
from .model import RawRow, UncertainName
from .tolerances import (
    ATTACH_DISTANCE,
    CELL_LEADING,
    ENGINE_NOISE,
    NAME_GAP_MARGIN,
    TOLD_NAME_REACH,
)

__all__ = ["ReadRows", "is_name_fragment", "name_line_reach", "name_line_rows", "read_rows"]

# A name part that cannot end a name: it ends in a hyphen or a comma, in a word in lower
# case (``en``, ``aan den``, ``op``), or in an article, which in a name is capitalised only
# where it starts a word the name goes on with (``Reusel-De``, ``De``, ``Het``, ``Ten``):
# official names end in a capitalised word of their own or ``(L.)``.
_OPEN_END = regex.compile(
    r"(?:[-\u2010,]|(?<![\p{L}'\u2019])(?:\p{Ll}+|De|Den|Der|Het|Ten|Ter))$")
# A name part that cannot start a name: it starts with a word in lower case (``aan den
# IJssel``, ``en Nederwetten``); ``'s-Hertogenbosch`` starts with an apostrophe.
_OPEN_START = regex.compile(r"^\p{Ll}+(?![\p{L}'\u2019-])")

# A note in parentheses (``(vervolg)``, a table continued): a name's own parentheses hold a
# capitalised abbreviation (``Bergen (L.)``).
_NOTE = regex.compile(r"^\(\p{Ll}")
# The end of a sentence (``dienstverlening van UWV.``): no official name ends so (``Bergen
# (L.)`` ends in its parenthesis), so a line ending so is prose, not a name's line.
_SENTENCE_END = regex.compile(r"[.!?:;]$")

_ABOVE, _BELOW = "above", "below"
_BOTH = "both"  # the run holds the end of the name above and the start of the one below


def is_name_fragment(line: Line, grid: ColumnGrid) -> bool:
    """Could this line be part of a wrapped municipality name: no digits (dates and page
    numbers have them), not a header line, a note in parentheses nor the end of a sentence,
    and, where positions
    mean something, starting in the name column and staying clear of the figures?"""
    if (is_header_anchor(line) or is_page_number(line) or _NOTE.match(line.text)
            or _SENTENCE_END.search(line.text)):
        return False
    if any(c.isdigit() for c in line.text):
        return False
    return not grid.aligned or (line.x0 < grid.bounds[0] and line.x1 < grid.left[0])


def name_line_rows(body: TableBody, i: int, header: Collection[int]
                   ) -> tuple[int | None, int | None] | None:
    """For a line no part of the table took: the positions in ``body.rows`` of the rows
    right above and below it on its page (None where there is none), when it could be a
    line of one of their names: a name's line (:func:`is_name_fragment`) below the header,
    beside a row on its page. None for other text (a note, a figure, a line above the
    header, a line with no row on its page)."""
    line = body.lines[i]
    if not is_name_fragment(line, body.grid) or i < max(header, default=-1):
        return None
    above = next((k for k in range(len(body.rows) - 1, -1, -1) if body.rows[k].index < i), None)
    below = next((k for k, row in enumerate(body.rows) if row.index > i), None)
    around = tuple(None if k is None or body.rows[k].line.page != line.page else k
                   for k in (above, below))
    return None if around == (None, None) else (around[0], around[1])


def _owner(body: TableBody, i: int) -> BodyRow | None:
    """The row that the name line ``body.lines[i]`` belongs to, if any.

    The nearest row on its page within ``ATTACH_DISTANCE``: a row above it (the figures
    printed on the name's first line) or a row of figures without a name below it (figures
    centred between the name's lines). On a tie, a row without a name of its own wins over
    one with a name, then the row above over the row below.
    """
    line = body.lines[i]
    reach = ATTACH_DISTANCE * body.line_height
    best: tuple[float, bool, int] | None = None  # distance, has a name, row index
    owner: BodyRow | None = None
    for row in body.rows:
        if row.line.page != line.page or (row.index > i and row.has_name):
            continue
        distance = abs(row.line.centre_y - line.centre_y)
        key = (distance, row.has_name, row.index)
        if distance <= reach and (best is None or key < best):
            best, owner = key, row
    return owner


def _continuing(body: TableBody, i: int, continued: Mapping[int, BodyRow],
                step: float | None) -> BodyRow | None:
    """The row the name line ``body.lines[i]`` continues when no row is within reach of
    it: the row of the line right before it (that row itself, or a name line given to a row
    above it, ``continued``), where the two lines join (:func:`_joins`): a further line of
    a name whose figures stand on its first, in the last row (no row below to decide it
    with)."""
    before, line = body.lines[i - 1], body.lines[i]
    row = _row_at(body, i - 1)
    owner = continued.get(i - 1) or (row if row is not None and row.has_name else None)
    if owner is None or before.page != line.page:
        return None
    upper = _name_of(owner) if owner is row else before.text
    return owner if _joins(body, upper, line, line.centre_y - before.centre_y, step) else None


def _opening(body: TableBody, i: int, attached: Collection[int], pitch: float
             ) -> BodyRow | None:
    """The row with a name right below the name line ``body.lines[i]`` (and the name lines
    after it, each tied to the next by the text) whose name the line opens, where no run
    between two named rows decided it (the row above prints only figures, centred between
    its name's lines): the text ties the last of those lines to that row's name, or the step
    up to the line before is the row pitch (between two cells) while the steps down to the
    row are shorter by more than ``NAME_GAP_MARGIN`` on either side of it. None where the
    line before ties to this one by the text, or is neither a row nor a name's line (a
    paragraph's line may stand at the row pitch)."""
    lines = body.lines
    last = i
    while (last + 1 < len(lines) and _row_at(body, last + 1) is None
           and last + 1 not in attached and _tied(lines[last].text, lines[last + 1].text)):
        last += 1  # a name's lines the text ties to one another go to one row
    row = _row_at(body, last + 1)
    if (row is None or not row.has_name or row.line.page != lines[i].page or i == 0
            or (_row_at(body, i - 1) is None and i - 1 not in attached)):
        return None  # only after a row or a name's line: never a paragraph's line
    before = lines[i - 1]
    if before.page == lines[i].page and _tied(_text_of(body, i - 1), lines[i].text):
        return None
    h = body.line_height
    if (_tied(lines[last].text, _name_of(row))
            and _name_y(row) - lines[last].centre_y <= TOLD_NAME_REACH * h):
        return row
    margin = _gap_margin(body)
    centres = [*(line.centre_y for line in lines[i: last + 1]), _name_y(row)]
    steps = [b - a for a, b in itertools.pairwise(centres)]
    above = lines[i].centre_y - before.centre_y
    return row if (pitch and before.page == lines[i].page and abs(above - pitch) <= margin
                   and max(steps) < min(pitch, above) - 2 * margin) else None


def _text_of(body: TableBody, i: int) -> str:
    """The name text of line ``i``: a row's name, or the whole line."""
    row = _row_at(body, i)
    return body.lines[i].text if row is None else _name_of(row)


def _row_at(body: TableBody, i: int) -> BodyRow | None:
    return next((row for row in body.rows if row.index == i), None)


def _joins(body: TableBody, upper: str, line: Line, distance: float, step: float | None
           ) -> bool:
    """Is ``line``, ``distance`` below a name's line that reads ``upper``, that name's next
    line: within ``ATTACH_DISTANCE`` line heights or as many row pitches (the reach of a
    name's lines under a row between two rows, :func:`_between_named_rows`), within
    ``TOLD_NAME_REACH`` line heights where the text ties the two (:func:`_tied`), or the
    table's step between a name's lines (``step``, :func:`_name_step`: a producer sets all
    cells alike)?"""
    h = body.line_height
    if distance <= ATTACH_DISTANCE * max(h, _row_pitch(body)) or (
            _tied(upper, line.text) and distance <= TOLD_NAME_REACH * h):
        return True
    return step is not None and abs(distance - step) <= _gap_margin(body)


def name_line_reach(body: TableBody, upper: Line, lower: Line) -> float:
    """How far (centre to centre, in points) a name's line ``upper`` may stand above
    ``lower``, the next line of its cell (the name's next line, or its row):
    ``ATTACH_DISTANCE`` line heights or as many row pitches (as under a row between two,
    :func:`_between_named_rows`), ``TOLD_NAME_REACH`` line heights where the text ties the
    two."""
    reach = ATTACH_DISTANCE * max(body.line_height, _row_pitch(body))
    told = TOLD_NAME_REACH * body.line_height if _tied(upper.text, lower.text) else 0.0
    return max(reach, told)


def _raw_row(row: BodyRow, before: list[Line], after: list[Line]) -> RawRow:
    """``row`` with the name lines printed above (``before``) and below (``after``) it."""
    own = " ".join(w.text for w in row.name_words)
    parts = [*(ln.text for ln in before), *([own] if own else []), *(ln.text for ln in after)]
    printed = (*(line.text for line in before), row.line.text, *(line.text for line in after))
    if not any(p.strip() for p in parts):
        raise MalformedTableError(
            f"a row of figures without a municipality name: {' / '.join(printed)!r}",
            page=row.line.page)
    cells = tuple(None if w is None else w.text for w in row.cells)
    name_words = (*(w for line in before for w in line.words), *row.name_words,
                  *(w for line in after for w in line.words))
    return RawRow(tuple(parts), cells, row.line.page, printed, name_words=name_words,
                  cell_words=row.cells)


class ReadRows(NamedTuple):
    """The rows of a table, the indices of the name lines that went into them, and the
    name lines whose row the page does not tell."""

    rows: tuple[RawRow, ...]
    name_lines: frozenset[int]
    uncertain: tuple[UncertainName, ...] = ()


class _Between(NamedTuple):
    """Consecutive name lines ``first..last`` above a row with a name of its own
    (``below``), after another such row (``above``; None where the line before the run is
    no row: the header, or the top of the page). ``near_above`` and ``near_below`` say
    which of the two is within reach of the run (:func:`_between_named_rows`)."""

    first: int
    last: int
    above: BodyRow | None
    below: BodyRow
    near_above: bool
    near_below: bool
    after_header: bool = False  # the line before the run is the header's


def _is_open(text: str) -> bool:
    return _OPEN_END.search(text.rstrip()) is not None


def _continues(text: str) -> bool:
    return _OPEN_START.search(text.lstrip()) is not None


def _tied(upper: str, lower: str) -> bool:
    """Does the text tie two lines into one name: ``upper`` cannot end a name, or ``lower``
    cannot start one?"""
    return _is_open(upper) or _continues(lower)


def _name_of(row: BodyRow) -> str:
    return " ".join(w.text for w in row.name_words)


def _gap_margin(body: TableBody) -> float:
    """``NAME_GAP_MARGIN`` in points, widened by ``ENGINE_NOISE``: distances of a name's
    lines that differ by no more than this are alike for both engines."""
    return NAME_GAP_MARGIN * body.line_height + ENGINE_NOISE


def _name_y(row: BodyRow) -> float:
    """Where a row stands, for the steps between a name's lines and rows: the middle of its
    name's words (figures may be printed off the name's baseline: centred in a taller
    cell, a point or two of jitter), or of its line where it prints only figures."""
    if not row.name_words:
        return row.line.centre_y
    top, bottom = _name_box(row)
    return (top + bottom) / 2


def _name_box(row: BodyRow) -> tuple[float, float]:
    return min(w.top for w in row.name_words), max(w.bottom for w in row.name_words)


def _side_by_pitch(body: TableBody, run: _Between, pitch: float) -> str | None:
    """Which row the name lines of ``run`` belong to, as the rows' spacing tells: the step
    from a cell's last line to the next cell's first is the same everywhere in the table
    (``pitch``, as between two rows of one line), while the lines of one cell stand as far
    apart as the text's leading sets them, closer or further (Typst with a wide leading).
    Of the steps above and below the run, the one that is the row pitch (within
    ``NAME_GAP_MARGIN``) is between two cells: the run belongs to the other side, where
    that step is the longer one (a cell's lines set further apart than two rows, which the
    gaps would misread). None where both or neither are the row pitch (a text extraction
    spaces every line alike), where the two steps differ by no more than the margin on
    either side of the pitch (a cell's leading just under the pitch, and figures a point off
    their baselines), or the other step is the shorter: the gaps tell those cases, and the
    rule is not asked twice at the same margin."""
    if not pitch or run.above is None:
        return None
    lines = body.lines
    steps = (lines[run.first].centre_y - _name_y(run.above),
             _name_y(run.below) - lines[run.last].centre_y)
    margin = _gap_margin(body)
    if abs(steps[0] - steps[1]) <= 2 * margin:
        return None  # a cell's leading near the pitch, a point of jitter: the gaps tell
    above_between, below_between = (abs(step - pitch) <= margin for step in steps)
    if above_between == below_between or steps[1 if above_between else 0] < pitch:
        return None
    return _BELOW if above_between else _ABOVE


def _side_by_page(body: TableBody, run: _Between, pitch: float) -> str | None:
    """Which row the name lines of ``run`` belong to, as the page tells: by a name part
    that cannot end or start a name, then by the steps between cells (``pitch``, the row
    pitch: :func:`_side_by_pitch`), then by the gaps above and below them (a row out of
    reach is too far); None where none tells, or where no row stands above the run."""
    lines = body.lines
    told_above = run.above is not None and _tied(_name_of(run.above), lines[run.first].text)
    told_below = _tied(lines[run.last].text, _name_of(run.below))
    to_above, to_below = told_above and run.near_above, told_below and run.near_below
    if to_above != to_below:
        return _ABOVE if to_above else _BELOW
    if to_above:
        return _BOTH  # both rows want it: the run is cut between them (:func:`_cut`)
    if run.above is None:
        return _BELOW if _in_first_cell(body, run, pitch) else None
    by_pitch = _side_by_pitch(body, run, pitch) if run.near_above and run.near_below else None
    if by_pitch is not None:
        return by_pitch
    if run.near_above != run.near_below:
        # the only row within reach, unless the text ties the run to the other, or no row
        # pitch tells a cell's lines set wider than its rows from rows set wide
        if (told_below if run.near_above else told_above) or (
                not pitch and _far_row_in_told_reach(body, run)):
            return None
        return _ABOVE if run.near_above else _BELOW
    gap_above = body.lines[run.first].top - _name_box(run.above)[1]
    gap_below = _name_box(run.below)[0] - body.lines[run.last].bottom
    if abs(gap_above - gap_below) <= _gap_margin(body):
        return None
    return _ABOVE if gap_above < gap_below else _BELOW


def _far_row_in_told_reach(body: TableBody, run: _Between) -> bool:
    """Could the row of ``run`` that is not within reach of its lines be theirs: within
    ``TOLD_NAME_REACH`` line heights of them, the near row further than a cell's leading
    (``CELL_LEADING``)? A producer may set a cell's lines that far apart (a wide leading),
    further than its rows; where no two rows one under the other show the row pitch
    (:func:`_side_by_pitch`), the near row is then no better than a guess: the run is
    uncertain (given to the row above, and reported)."""
    assert run.above is not None  # only a run between two rows has a row out of reach
    lines = body.lines
    above = lines[run.first].centre_y - _name_y(run.above)
    below = _name_y(run.below) - lines[run.last].centre_y
    near, far = (above, below) if run.near_above else (below, above)
    h = body.line_height
    return near > CELL_LEADING * h and far <= TOLD_NAME_REACH * h


def _in_first_cell(body: TableBody, run: _Between, pitch: float) -> bool:
    """Do the name lines of ``run``, with no row above them (a table without a header, or
    text that is no row above the run), stand in one cell with the row below: each line
    closer to the next (and the last to the row) than two rows stand (``pitch``, by more
    than ``NAME_GAP_MARGIN``: a cell's lines are set closer than its rows), and the text
    above the run, if any on its page, further from the run than the cell's lines from one
    another (the last line of a paragraph stands at its leading from the line above it)?
    Where the lines stand as far apart as the rows, or further (a wide leading), the page
    does not tell them from prose."""
    margin = _gap_margin(body)
    lines = [*body.lines[run.first: run.last + 1], run.below.line]
    if not pitch or any(b.centre_y - a.centre_y >= pitch - margin
                        for a, b in itertools.pairwise(lines)):
        return False
    tops = [*(line.top for line in lines[1:-1]), _name_box(run.below)[0]]
    inner = max(top - line.bottom for line, top in zip(lines[:-1], tops, strict=True))
    above = body.lines[run.first - 1] if run.first else None
    return (above is None or above.page != lines[0].page
            or lines[0].top - above.bottom > inner + margin)


def _row_pitch(body: TableBody) -> float:
    """The median distance between two rows printed one under the other, their names'
    middles (:func:`_name_y`; 0 for none)."""
    steps = [_name_y(b) - _name_y(a) for a, b in itertools.pairwise(body.rows)
             if b.index == a.index + 1 and a.line.page == b.line.page]
    return statistics.median(steps) if steps else 0.0


def _between_named_rows(body: TableBody, fragments: Sequence[int], header: Collection[int]
                        ) -> list[_Between]:
    """Runs of consecutive name lines above a row with a name, on its page and within reach
    of it or of a row with a name above them: the runs whose row must be decided (runs
    beside a row without a name, figures centred between a name's lines, are left to
    :func:`_owner`). Within reach is within ``ATTACH_DISTANCE`` line heights or as many row
    pitches (where the glyphs' boxes are low for their leading, an engine's ink boxes, a
    name's lines are more line heights apart; where the leading is wide, a cell's lines
    stand further apart than two rows), or where the text ties them (:func:`_near`). Above
    the first row, a paragraph's last line is no name's line (it ends a sentence:
    :func:`is_name_fragment`), nor one that starts in lower case."""
    by_index = {row.index: row for row in body.rows}
    reach = ATTACH_DISTANCE * max(body.line_height, _row_pitch(body))
    lines = body.lines
    runs: list[_Between] = []
    k = 0
    while k < len(fragments):
        first = last = fragments[k]
        while k + 1 < len(fragments) and fragments[k + 1] == last + 1:
            k += 1
            last = fragments[k]
        k += 1
        above, below = by_index.get(first - 1), by_index.get(last + 1)
        if below is None or not below.has_name or (above is not None and not above.has_name):
            continue
        while above is None and first < last and _OPEN_START.match(lines[first].text):
            first += 1  # nothing above, and a name does not start in lower case: prose
        near_above = above is not None and _near(body, _name_of(above), above.line,
                                                 lines[first], reach)
        near_below = _near(body, lines[last].text, lines[last], below.line, reach)
        if near_above or near_below:
            runs.append(_Between(first, last, above, below, near_above, near_below,
                                 first - 1 in header))
    return runs


def _near(body: TableBody, upper: str, upper_line: Line, lower: Line, reach: float) -> bool:
    """Is ``lower`` near enough under ``upper_line`` (whose name reads ``upper``) to be the
    next line of one cell: on its page, within ``reach``, or within ``TOLD_NAME_REACH`` line
    heights where the text ties the two (:func:`_tied`: a producer may set a cell's lines
    further apart than its rows, where too few rows stand one under the other to measure
    their pitch)?"""
    if upper_line.page != lower.page:
        return False
    distance = lower.centre_y - upper_line.centre_y
    told = _tied(upper, lower.text) and distance <= TOLD_NAME_REACH * body.line_height
    return distance <= reach or told


def _cut(body: TableBody, run: _Between, pitch: float) -> int | None:
    """Where a run that both rows want is cut (the index of the first line of the row
    below's part): between its two lines, or at the one step inside it that is the row
    pitch (between two cells, :func:`_side_by_pitch`); None where the page does not say."""
    if run.last == run.first + 1:
        return run.last
    margin = _gap_margin(body)
    lines = body.lines
    cuts = [i for i in range(run.first + 1, run.last + 1)
            if pitch and abs(lines[i].centre_y - lines[i - 1].centre_y - pitch) <= margin]
    return cuts[0] if len(cuts) == 1 else None


def _decide(body: TableBody, runs: Sequence[_Between]
            ) -> tuple[dict[int, str], dict[int, int], list[_Between]]:
    """The side of each run it goes to (keyed by its first line), where a run both rows
    want is cut (:func:`_cut`), and the runs the page does not tell. A run the page itself
    does not tell follows the other runs of the table when they all went one way (never one
    both rows want: it cannot go one way); one with no row above it goes with the row below
    only then, or when it stands right under the header (else it is left to
    :func:`_owner`, and reported when no row takes it)."""
    pitch = _row_pitch(body)
    told = {run.first: _side_by_page(body, run, pitch) for run in runs}
    ways = {side for side in told.values() if side in (_ABOVE, _BELOW)}
    convention = ways.pop() if len(ways) == 1 else None
    if _name_both_sides(runs, told):
        convention = None  # figures between a name's lines: runs go both ways
    sides: dict[int, str] = {}
    cuts: dict[int, int] = {}
    unsure: list[_Between] = []
    for run in runs:
        if told[run.first] == _BOTH:
            cut = _cut(body, run, pitch)
            if cut is not None:
                cuts[run.first] = cut
                continue
            told[run.first] = None
            side = None
        else:
            side = told[run.first] or convention
        if run.above is None or not (run.near_above or (
                side is None and not pitch and _far_row_in_told_reach(body, run))):
            # under the header, a name's lines can only be the first row's
            if (side == _BELOW or run.after_header) and run.near_below:
                sides[run.first] = _BELOW
            continue
        if side is None:
            unsure.append(run)
        sides[run.first] = side or _ABOVE
    return sides, cuts, unsure


def _name_both_sides(runs: Sequence[_Between], told: Mapping[int, str | None]) -> bool:
    """Does some row take name lines from above and from below (its figures stand
    between a name's lines)?"""
    before = {run.below.index for run in runs if told[run.first] == _BELOW}
    after = {run.above.index for run in runs if told[run.first] == _ABOVE and run.above}
    return bool(before & after)


def _uncertain(body: TableBody, run: _Between) -> UncertainName:
    assert run.above is not None  # only a run between two rows is uncertain
    names = [_name_of(row) for row in (run.above, run.below)]
    text = " / ".join(line.text for line in body.lines[run.first: run.last + 1])
    return UncertainName(text, body.lines[run.first].page, names[0], names[1],
                         body.rows.index(run.above))


def read_rows(body: TableBody, header: Collection[int]) -> ReadRows:
    """The municipality rows of ``body``; ``header`` holds the indices of header lines."""
    before: dict[int, list[Line]] = {row.index: [] for row in body.rows}
    after: dict[int, list[Line]] = {row.index: [] for row in body.rows}
    rows = set(body.row_indices)
    fragments = [i for i, line in enumerate(body.lines)
                 if i not in rows and i not in header and is_name_fragment(line, body.grid)]
    runs = _between_named_rows(body, fragments, header)
    sides, cuts, unsure = _decide(body, runs)
    attached: set[int] = set()
    for run in runs:
        attached.update(_attach_run(body, run, sides.get(run.first), cuts.get(run.first),
                                    before, after))
    _attach_rest(body, fragments, attached, before, after)
    return ReadRows(tuple(_raw_row(row, before[row.index], after[row.index])
                          for row in body.rows), frozenset(attached),
                    tuple(_uncertain(body, run) for run in unsure))


def _attach_run(body: TableBody, run: _Between, side: str | None, cut: int | None,
                before: MutableMapping[int, list[Line]], after: MutableMapping[int, list[Line]]
                ) -> range:
    """Give the lines of ``run`` to the row its ``side`` or ``cut`` says (:func:`_decide`);
    the indices of the lines given (none where it is left to :func:`_owner`)."""
    lines = list(body.lines[run.first: run.last + 1])
    if cut is not None and run.above is not None:
        after[run.above.index].extend(lines[: cut - run.first])
        before[run.below.index].extend(lines[cut - run.first:])
    elif side == _ABOVE and run.above is not None:
        after[run.above.index].extend(lines)
    elif side == _BELOW:
        before[run.below.index].extend(lines)
    else:
        return range(0)
    return range(run.first, run.last + 1)


def _attach_rest(body: TableBody, fragments: Sequence[int], attached: set[int],
                 before: MutableMapping[int, list[Line]], after: MutableMapping[int, list[Line]]
                 ) -> None:
    """Give each name line no run took to the row whose name it opens (:func:`_opening`),
    to the row near it (:func:`_owner`) or to the row whose name the line before it continues
    (:func:`_continuing`). A line between a line given to a row below and that row is that
    row's too: a name's lines are consecutive."""
    step = _name_step(body, after)
    continued: dict[int, BodyRow] = {}  # name lines given to a row above them
    opened: dict[int, BodyRow] = {}  # ...and to a row below them
    pitch = _row_pitch(body)
    for i in fragments:
        if i in attached:
            continue
        owner = _still_opening(opened, i) or _opening(body, i, attached, pitch) or _owner(
            body, i) or _continuing(body, i, continued, step)
        if owner is None:
            continue
        (after if owner.index < i else before)[owner.index].append(body.lines[i])
        attached.add(i)
        (continued if owner.index < i else opened)[i] = owner


def _still_opening(opened: Mapping[int, BodyRow], i: int) -> BodyRow | None:
    """The row below line ``i`` that the line right before it was given to, if any."""
    row = opened.get(i - 1)
    return row if row is not None and row.index > i else None


def _name_step(body: TableBody, after: Mapping[int, Sequence[Line]]) -> float | None:
    """The step between a name's lines in this table, where the page tells it: the names
    set below their rows (figures on a name's first line) that runs between two rows were
    given, their lines all the same step apart (within ``NAME_GAP_MARGIN`` line heights);
    None where none are, or their steps differ."""
    steps = [b.centre_y - a.centre_y for row in body.rows
             for a, b in itertools.pairwise((row.line, *after[row.index]))]
    if not steps:
        return None
    margin = _gap_margin(body)
    return statistics.median(steps) if max(steps) - min(steps) <= margin else None
