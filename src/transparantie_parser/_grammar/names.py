"""Municipality rows, with the other lines of wrapped names attached to them.

A wrapped name's figures stand on its first line, between its lines (centred), or on its
last line (cells aligned to the bottom). Lines of a name between two rows that each print a
name of their own belong to the row above (figures on the first line) or the row below
(figures on the last): the page tells which by a name part that cannot end a name
(``Nuenen, Gerwen en``, ``Goeree-``), by the gaps above and below (a cell's lines are set
closer than two rows), or by the other wrapped names of the table (a producer sets all
cells alike). Where it cannot tell, the name is given to the row above and the table says
so (``name_row_uncertain``): never a guess in silence.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import attrs
import regex

from .._geometry import ATTACH_DISTANCE, NAME_GAP_MARGIN
from .._layout import Line
from ..errors import MalformedTableError
from .body import BodyRow, TableBody
from .grid import ColumnGrid
from .lines import is_header_anchor, is_page_number
from .model import RawRow, UncertainName

__all__ = ["ReadRows", "is_name_fragment", "read_rows"]

# A name part that cannot end a name: it ends in a hyphen or a comma, or in a word in lower
# case (``en``, ``aan den``, ``op``): official names end in a capitalised word or ``(L.)``.
_OPEN_END = regex.compile(r"(?:[-\u2010,]|(?<![\p{L}'\u2019])\p{Ll}+)$")

_ABOVE, _BELOW = "above", "below"


def is_name_fragment(line: Line, grid: ColumnGrid) -> bool:
    """Could this line be part of a wrapped municipality name: no digits (dates and page
    numbers have them), not a header line, and, where positions mean something, starting in
    the name column and staying clear of the figures?"""
    if is_header_anchor(line) or is_page_number(line):
        return False
    if any(c.isdigit() for c in line.text):
        return False
    return not grid.aligned or (line.x0 < grid.bounds[0] and line.x1 < grid.left[0])


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


def _raw_row(row: BodyRow, before: list[Line], after: list[Line]) -> RawRow:
    """``row`` with the name lines printed above (``before``) and below (``after``) it."""
    own = " ".join(w.text for w in row.name_words)
    parts = [*(ln.text for ln in before), *([own] if own else []), *(ln.text for ln in after)]
    printed = (*(line.text for line in before), row.line.text, *(line.text for line in after))
    if not any(p.strip() for p in parts):
        raise MalformedTableError(
            "malformed_table",
            f"a row of figures without a municipality name: {' / '.join(printed)!r}")
    cells = tuple(None if w is None else w.text for w in row.cells)
    name_words = (*(w for line in before for w in line.words), *row.name_words,
                  *(w for line in after for w in line.words))
    return RawRow(tuple(parts), cells, row.line.page, printed, name_words=name_words,
                  cell_words=row.cells)


@attrs.frozen
class ReadRows:
    """The rows of a table, the indices of the name lines that went into them, and the
    name lines whose row the page does not tell."""

    rows: tuple[RawRow, ...]
    name_lines: frozenset[int]
    uncertain: tuple[UncertainName, ...] = ()


@attrs.frozen
class _Between:
    """Consecutive name lines ``first..last`` between two rows that each have a name."""

    first: int
    last: int
    above: BodyRow
    below: BodyRow


def _is_open(text: str) -> bool:
    return _OPEN_END.search(text.rstrip()) is not None


def _name_box(row: BodyRow) -> tuple[float, float]:
    return min(w.top for w in row.name_words), max(w.bottom for w in row.name_words)


def _side_by_page(body: TableBody, block: _Between) -> str | None:
    """Which row the name lines of ``block`` belong to, as the page tells: by a name part
    that cannot end a name, then by the gaps above and below them; None where neither
    tells."""
    above_open = _is_open(" ".join(w.text for w in block.above.name_words))
    block_open = _is_open(body.lines[block.last].text)
    if above_open != block_open:
        return _ABOVE if above_open else _BELOW
    if above_open:
        return None  # both sides want it
    gap_above = body.lines[block.first].top - _name_box(block.above)[1]
    gap_below = _name_box(block.below)[0] - body.lines[block.last].bottom
    if abs(gap_above - gap_below) <= NAME_GAP_MARGIN * body.line_height:
        return None
    return _ABOVE if gap_above < gap_below else _BELOW


def _between_named_rows(body: TableBody, fragments: Sequence[int]) -> list[_Between]:
    """Runs of consecutive name lines standing between two rows on one page that each have
    a name, both within reach (``ATTACH_DISTANCE``): the runs whose row must be decided."""
    by_index = {row.index: row for row in body.rows}
    reach = ATTACH_DISTANCE * body.line_height
    runs: list[_Between] = []
    k = 0
    while k < len(fragments):
        first = last = fragments[k]
        while k + 1 < len(fragments) and fragments[k + 1] == last + 1:
            k += 1
            last = fragments[k]
        k += 1
        above, below = by_index.get(first - 1), by_index.get(last + 1)
        if above is None or below is None or not (above.has_name and below.has_name):
            continue
        lines = body.lines
        if len({above.line.page, below.line.page, lines[first].page}) == 1 \
                and lines[first].centre_y - above.line.centre_y <= reach \
                and below.line.centre_y - lines[last].centre_y <= reach:
            runs.append(_Between(first, last, above, below))
    return runs


def _decide(body: TableBody, runs: Sequence[_Between]
            ) -> tuple[dict[int, str], list[_Between]]:
    """The side of each run (keyed by its first line), and the runs the page does not
    tell. A run the page itself does not tell follows the other runs of the table when
    they all went one way."""
    told = {run.first: _side_by_page(body, run) for run in runs}
    ways = {side for side in told.values() if side is not None}
    convention = ways.pop() if len(ways) == 1 else None
    sides: dict[int, str] = {}
    unsure: list[_Between] = []
    for run in runs:
        side = told[run.first] or convention
        if side is None:
            unsure.append(run)
        sides[run.first] = side or _ABOVE
    return sides, unsure


def _uncertain(body: TableBody, run: _Between) -> UncertainName:
    names = [" ".join(w.text for w in row.name_words) for row in (run.above, run.below)]
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
    runs = _between_named_rows(body, fragments)
    sides, unsure = _decide(body, runs)
    attached: set[int] = set()
    for run in runs:
        lines = list(body.lines[run.first: run.last + 1])
        if sides[run.first] == _ABOVE:
            after[run.above.index].extend(lines)
        else:
            before[run.below.index].extend(lines)
        attached.update(range(run.first, run.last + 1))
    for i in fragments:
        owner = None if i in attached else _owner(body, i)
        if owner is not None:
            (after if owner.index < i else before)[owner.index].append(body.lines[i])
            attached.add(i)
    return ReadRows(tuple(_raw_row(row, before[row.index], after[row.index])
                          for row in body.rows), frozenset(attached),
                    tuple(_uncertain(body, run) for run in unsure))
