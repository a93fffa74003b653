"""The grammar of a page: lines -> region tables, with every printed figure kept as text.

A region table is a heading (``Vierde kwartaal 2020  West-Brabant``), an optional header row,
municipality rows (a name and figures), a ``TOTAAL AMR`` line and, below it, the footnote with
the register total. Everything else on the page (titles, explanatory paragraphs with numbers
in them, page numbers, dates, logos) is never a row. A table may run over several pages, and
several tables may follow one another.

The grammar knows lines of positioned words, never files or PDFs. Positions are used where
they decide: which column a header label stands over, and which row a wrapped name's second
line belongs to.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

import attrs
import regex

from ._layout import Line, Page, Word
from ._names import join_wrapped, normalize_text
from ._numbers import is_figure_like
from .errors import MalformedTableError

__all__ = ["RawFootnote", "RawRow", "RegionTable", "read_tables"]

_QUARTER_WORDS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}
_QUARTER_ORDINAL = regex.compile(r"([1-4])\s*(?:e|ste|de)", regex.IGNORECASE)
_YEAR = regex.compile(r"(?:19|20)\d\d")
_TITLE_WORDS = ("transparantie", "van", "klantprofielen")
_HEADER_FIRST = {"gemeente", "gemeenten", "gemeentenaam"}
_FURNITURE = regex.compile(r"(?:pagina|page|blz\.?)\s*\d+(?:\s*(?:van|/|of)\s*\d+)?|\d+",
                           regex.IGNORECASE)
_FOOTNOTE = regex.compile(
    r"arbeidsmarktregio\s+(?P<region>\S.{0,60}?),?\s+bevat\s+het\s+doelgroep-?\s*register"
    r".{0,80}?\s(?P<register>\d[\d.,]*)\s+personen\b"
    r".{0,80}?(?P<pct>\d[\d,.]*)\s*%\s*(?:\S+\s+){0,3}?bekend",
    regex.IGNORECASE | regex.DOTALL,
)

# A wrapped name's other line belongs to a row when its centre is within this many line
# heights of the row's figures; rows further apart are separate rows.
_ATTACH_DISTANCE = 1.6
# Lines of a header row wrapped over several lines are at most this many line heights apart.
_HEADER_GAP = 2.5
# Words of one header label are never further apart than this many line heights.
_LABEL_GAP = 1.5
# Words of a heading further apart than this many heights are separate things (a logo).
_HEADING_GAP = 3.0


@attrs.frozen
class RawRow:
    """A municipality row as printed: the name's parts (a wrapped name has several) and the
    figures as text, count cells first and the row total last."""

    name_parts: tuple[str, ...]
    cells: tuple[str, ...]
    page: int
    line_text: str


@attrs.frozen
class RawFootnote:
    region: str
    register: str
    pct: str
    text: str


@attrs.frozen
class RegionTable:
    """One region table as printed: names and figures still text, positions resolved."""

    region: str
    year: int
    quarter: int
    columns: tuple[str | None, ...] | None
    rows: tuple[RawRow, ...]
    total_label: str
    total_cells: tuple[str, ...]
    total_line_text: str
    footnote: RawFootnote | None
    pages: tuple[int, ...]


@attrs.frozen
class _Heading:
    line: Line
    region: str
    year: int
    quarter: int

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.region.casefold(), self.year, self.quarter)


@attrs.frozen
class _Total:
    line: Line
    label: str
    cells: tuple[str, ...]


def _figure_tail(words: Sequence[Word]) -> int:
    """How many words at the end of a line look like figures."""
    n = 0
    for word in reversed(words):
        if not is_figure_like(word.text):
            break
        n += 1
    return n


def _heading(line: Line) -> _Heading | None:
    words = line.words
    texts = [w.text.casefold() for w in words]
    for i, text in enumerate(texts):
        if text != "kwartaal" or i == 0 or i + 2 > len(words) - 1:
            continue
        if not _YEAR.fullmatch(words[i + 1].text):
            continue
        start = i - 1
        quarter = _QUARTER_WORDS.get(texts[start])
        if quarter is None:
            ordinal = _QUARTER_ORDINAL.fullmatch(words[start].text)
            if ordinal is None and start >= 1:  # "3 e kwartaal"
                ordinal = _QUARTER_ORDINAL.fullmatch(words[start - 1].text + texts[start])
                start -= 1
            if ordinal is None:
                continue
            quarter = int(ordinal[1])
        # only the publication's title may stand before the quarter on the heading line
        if tuple(texts[:start]) not in ((), _TITLE_WORDS):
            return None
        region_words = [words[i + 2]]
        for word in words[i + 3:]:
            if word.x0 - region_words[-1].x1 > _HEADING_GAP * word.size:
                break
            region_words.append(word)
        region = normalize_text(" ".join(w.text for w in region_words))
        if region.endswith(".") or len(region_words) > 8 or any(c.isdigit() for c in region):
            return None
        return _Heading(line, region, int(words[i + 1].text), quarter)
    return None


def _total(line: Line) -> _Total | None:
    words = line.words
    if not words or words[0].text.casefold() != "totaal":
        return None
    n = _figure_tail(words)
    label = words[: len(words) - n]
    if n < 2 or len(label) > 3:
        return None
    return _Total(
        line, normalize_text(" ".join(w.text for w in label)), tuple(w.text for w in words[-n:])
    )


def _is_header_anchor(line: Line) -> bool:
    texts = [w.text.casefold() for w in line.words]
    return (texts[0] in _HEADER_FIRST or texts[-1] == "totaal") and _figure_tail(line.words) == 0


@attrs.frozen
class _Span:
    heading: _Heading
    body: tuple[Line, ...]
    total: _Total
    trailing: tuple[Line, ...]


def _has_rows(body: Sequence[Line]) -> bool:
    return any(_figure_tail(line.words) >= 3 for line in body)


def _spans(pages: Sequence[Page]) -> list[_Span]:
    """Cut the lines into tables: from a heading to its ``TOTAAL AMR`` line, plus the lines
    after it (where the footnote is) up to the next heading."""
    closed: list[tuple[_Heading, list[Line], _Total, list[Line]]] = []
    heading: _Heading | None = None
    body: list[Line] = []
    for line in (line for page in pages for line in page.lines):
        found = _heading(line)
        if found is not None:
            if heading is not None and found.key == heading.key:
                continue  # the heading repeated over a table that continues
            if heading is not None and _has_rows(body):
                raise MalformedTableError(
                    "malformed_table",
                    f"the table of {heading.region} has rows but no TOTAAL AMR line "
                    f"before {line.text!r}",
                )
            heading, body = found, []
            continue
        # a "Totaal" line outside a region table is some other table's (an annual report's)
        total = _total(line) if heading is not None else None
        if heading is not None and total is not None:
            closed.append((heading, body, total, []))
            heading, body = None, []
        elif heading is not None:
            body.append(line)
        elif closed:
            closed[-1][3].append(line)
    if heading is not None and _has_rows(body):
        raise MalformedTableError(
            "malformed_table", f"the table of {heading.region} has rows but no TOTAAL AMR line"
        )
    return [_Span(h, tuple(b), t, tuple(tr)) for h, b, t, tr in closed]


@attrs.frozen
class _Columns:
    """Where the columns are printed; ``aligned`` when the figure columns do not overlap,
    which is when positions say something (PDF pages, layout-preserving text extractions).

    ``left``/``right`` are the extents of each figure column (counts, then the row total);
    ``bounds`` splits the page into the name column, the count columns and the total column.
    """

    names_left: float
    left: tuple[float, ...]
    right: tuple[float, ...]
    bounds: tuple[float, ...]
    aligned: bool

    def slot(self, x: float) -> int:
        """-1 for the name column, 0..k-1 for the count columns, k for the total column."""
        for j, bound in enumerate(self.bounds):
            if x < bound:
                return j - 1
        return len(self.bounds) - 1


def _alignment(cells: Sequence[Word], h: float) -> str:
    """'right', 'left' or '' (centred, or cannot tell): how a column's figures are set."""
    spread_left = max(w.x0 for w in cells) - min(w.x0 for w in cells)
    spread_right = max(w.x1 for w in cells) - min(w.x1 for w in cells)
    if spread_right <= 0.25 * h < spread_left:
        return "right"
    if spread_left <= 0.25 * h < spread_right:
        return "left"
    return ""


def _columns(row_lines: Sequence[Line], width: int, h: float) -> _Columns:
    cells = [[line.words[len(line.words) - width + j] for line in row_lines] for j in range(width)]
    left = [min(w.x0 for w in column) for column in cells]
    right = [max(w.x1 for w in column) for column in cells]
    named = [line for line in row_lines if len(line.words) > width]
    names_left = min((line.words[0].x0 for line in named), default=left[0])
    names_right = max((line.words[len(line.words) - width - 1].x1 for line in named),
                      default=left[0])
    aligned = names_right < left[0] and all(right[j] < left[j + 1] for j in range(width - 1))
    # A label stands over its figures' cell: right-aligned figures fill their cell from the
    # right, so the cell reaches left to the previous column's figures (and vice versa).
    align = [_alignment(column, h) for column in cells]
    bounds = [(names_right + left[0]) / 2]
    for j in range(width - 1):
        if align[j] == align[j + 1] == "right":
            bounds.append(right[j])
        elif align[j] == align[j + 1] == "left":
            bounds.append(left[j + 1])
        else:
            bounds.append((right[j] + left[j + 1]) / 2)
    return _Columns(names_left, tuple(left), tuple(right), tuple(bounds), aligned)


def _segments(words: Sequence[Word], cols: _Columns, h: float) -> list[list[Word]]:
    """Split one header line (words left to right) into one run of words per column: the
    name column, each count column, the total column; a run may be empty.

    A label is set flush left, flush right or centred over its column, so of all ways to
    cut the line, the one whose runs line up best with the columns wins. This holds where
    labels are wider than their figures and reach over the neighbouring column.
    """
    slots = len(cols.left) + 1
    empty = 2.0 * h  # the price of a column without a label on this line
    n = len(words)
    inf = float("inf")
    # a label's words follow one another at word spacing; a wider gap separates labels
    apart = [words[i + 1].x0 - words[i].x1 > _LABEL_GAP * h for i in range(n - 1)]

    def cost(first: int, last: int, slot: int) -> float:
        if any(apart[first: last - 1]):
            return inf
        x0, x1 = words[first].x0, words[last - 1].x1
        if slot == 0:
            return abs(x0 - cols.names_left)
        j = slot - 1
        # the cell a column's figures stand in: from the boundary with the column before
        # to the boundary with the next (the figures' own right edge for the last column)
        cell_left = cols.bounds[j]
        cell_right = cols.bounds[j + 1] if j + 1 < len(cols.bounds) else cols.right[j]
        return min(abs(x1 - cols.right[j]), abs(x0 - cell_left),
                   abs((x0 + x1 - cell_left - cell_right) / 2))

    best = [[inf] * (slots + 1) for _ in range(n + 1)]
    cut: dict[tuple[int, int], int] = {}
    best[0][0] = 0.0
    for slot in range(slots):
        for i in range(n + 1):
            if best[i][slot] == inf:
                continue
            for j in range(i, n + 1):
                total = best[i][slot] + (empty if j == i else cost(i, j, slot))
                if total < best[j][slot + 1]:
                    best[j][slot + 1] = total
                    cut[(j, slot + 1)] = i
    runs: list[list[Word]] = []
    end = n
    for slot in range(slots, 0, -1):
        start = cut[(end, slot)]
        runs.insert(0, list(words[start:end]))
        end = start
    return runs


def _header_zone(body: Sequence[Line], first_row: int, cols: _Columns, h: float,
                 width: int) -> list[Line]:
    """The header row above the first municipality row: lines naming ``Gemeente``/``Totaal``
    and, on a PDF page, the lines of wrapped labels that stand over the figure columns."""
    zone: list[Line] = []
    first = body[first_row]
    below = first
    for line in reversed(body[:first_row]):
        if line.page != below.page or below.top - line.bottom > _HEADER_GAP * h:
            break
        if _figure_tail(line.words) >= 3:
            break
        if (not zone and len(first.words) == width and _is_name_fragment(line, cols)
                and first.centre_y - line.centre_y <= _ATTACH_DISTANCE * h):
            below = line  # the first line of a name whose figures stand below it
            continue
        over_figures = cols.aligned and not _segments(line.words, cols, h)[0]
        if not (_is_header_anchor(line) or over_figures):
            break
        zone.insert(0, line)
        below = line
    if not any(_is_header_anchor(line) for line in zone):
        return []
    return zone


def _labels_by_gap(zone: Sequence[Line], k: int) -> tuple[str | None, ...] | None:
    """Header labels of a text extraction whose columns are not aligned: labels are
    separated by runs of two or more spaces (or are single words)."""
    if len(zone) != 1:
        return None
    words = list(zone[0].words)
    if words and words[0].text.casefold() in _HEADER_FIRST:
        words = words[1:]
    if words and words[-1].text.casefold() == "totaal":
        words = words[:-1]
    groups: list[list[str]] = []
    previous: Word | None = None
    for word in words:
        if previous is None or word.x0 - previous.x1 >= word.size:  # two spaces or more
            groups.append([])
        groups[-1].append(word.text)
        previous = word
    if len(groups) == k:
        return tuple(join_wrapped(group) for group in groups)
    if len(words) == k:
        return tuple(normalize_text(w.text) for w in words)
    return None


def _labels(
    zone: Sequence[Line], rotated: Sequence[Line], cols: _Columns, k: int, h: float
) -> tuple[str | None, ...] | None:
    if not cols.aligned:
        return _labels_by_gap(zone, k) if zone else None
    parts: list[list[str]] = [[] for _ in range(k)]
    for line in rotated:
        slot = cols.slot((line.x0 + line.x1) / 2)
        if 0 <= slot < k:
            parts[slot].append(line.text)
    for line in zone:
        for slot, run in enumerate(_segments(line.words, cols, h)[1: k + 1]):
            if run:
                parts[slot].append(" ".join(w.text for w in run))
    if not any(parts):
        return None
    return tuple(join_wrapped(p) if p else None for p in parts)


def _rotated_header(
    rotated: Sequence[Line], zone: Sequence[Line], first: Line, heading: _Heading, h: float
) -> list[Line]:
    """Column labels turned by 90° that stand just above the header row or first row, below
    the heading."""
    ceiling = heading.line.bottom if heading.line.page == first.page else float("-inf")
    reach = (zone[0].top if zone else first.top) - _HEADER_GAP * h
    return [
        line for line in rotated
        if line.page == first.page and line.top >= ceiling
        and reach <= line.bottom <= first.top + 0.5 * h
    ]


def _is_name_fragment(line: Line, cols: _Columns) -> bool:
    if _is_header_anchor(line) or _FURNITURE.fullmatch(line.text):
        return False
    if any(c.isdigit() for c in line.text):
        return False  # names have no digits; dates and page numbers do
    # a name's other line starts in the name column and stays clear of the figures
    return not cols.aligned or (line.x0 < cols.bounds[0] and line.x1 < cols.left[0])


def _rows(body: Sequence[Line], row_idx: Sequence[int], width: int, cols: _Columns,
          h: float, header: set[int]) -> list[RawRow]:
    """Municipality rows, with the other lines of wrapped names attached.

    A line of a wrapped name goes to the nearest row on its page within reach: to a row
    above it (the figures printed on the name's first line), or to a row of figures without
    a name below it (figures centred between the name's lines). On a tie, a row without a
    name of its own wins over one with a name, then the row above over the row below.
    """
    before: dict[int, list[str]] = {i: [] for i in row_idx}
    after: dict[int, list[str]] = {i: [] for i in row_idx}
    rows_set = set(row_idx)
    for i, line in enumerate(body):
        if i in rows_set or i in header or not _is_name_fragment(line, cols):
            continue
        best: tuple[float, bool, int] | None = None  # distance, has a name, row index
        for r in row_idx:
            row = body[r]
            named = len(row.words) > width
            if row.page != line.page or (r > i and named):
                continue
            distance = abs(row.centre_y - line.centre_y)
            if distance <= _ATTACH_DISTANCE * h and (best is None or (distance, named, r) < best):
                best = (distance, named, r)
        if best is not None:
            (after if best[2] < i else before)[best[2]].append(line.text)
    rows = []
    for r in row_idx:
        line = body[r]
        own = " ".join(w.text for w in line.words[: len(line.words) - width])
        parts = [*before[r], own, *after[r]] if own else [*before[r], *after[r]]
        text = " / ".join([*before[r], line.text, *after[r]])
        if not any(p.strip() for p in parts):
            raise MalformedTableError(
                "malformed_table", f"a row of figures without a municipality name: {text!r}"
            )
        rows.append(RawRow(tuple(parts), tuple(w.text for w in line.words[-width:]),
                           line.page, text))
    return rows


def _footnote(trailing: Sequence[Line]) -> RawFootnote | None:
    text = " ".join(line.text for line in trailing)
    match = _FOOTNOTE.search(text)
    if match is None:
        return None
    return RawFootnote(normalize_text(match["region"]), match["register"], match["pct"],
                       normalize_text(match[0]))


def _table(span: _Span, rotated: Sequence[Line]) -> RegionTable:
    width = len(span.total.cells)
    body = span.body
    row_idx: list[int] = []
    for i, line in enumerate(body):
        n = _figure_tail(line.words)
        if n == width:
            row_idx.append(i)
        elif n >= 3:
            raise MalformedTableError(
                "malformed_table",
                f"a row with {n} figures where {span.total.line.text!r} has {width}: "
                f"{line.text!r}",
            )
    row_lines = [body[i] for i in row_idx]
    if not row_lines:
        raise MalformedTableError(
            "malformed_table",
            f"the table of {span.heading.region} has no municipality rows above "
            f"{span.total.line.text!r}",
        )
    h = statistics.median(line.height for line in row_lines)
    cols = _columns([*row_lines, span.total.line], width, h)
    zone = _header_zone(body, row_idx[0], cols, h, width)
    rotated = _rotated_header(rotated, zone, body[row_idx[0]], span.heading, h)
    columns = _labels(zone, rotated, cols, width - 1, h) if zone or rotated else None
    zone_ids = {id(line) for line in zone}
    header = {i for i, line in enumerate(body) if id(line) in zone_ids}
    rows = _rows(body, row_idx, width, cols, h, header)
    pages = sorted({span.heading.line.page, span.total.line.page, *(r.page for r in rows),
                    *(line.page for line in zone)})
    return RegionTable(
        region=span.heading.region,
        year=span.heading.year,
        quarter=span.heading.quarter,
        columns=columns,
        rows=tuple(rows),
        total_label=span.total.label,
        total_cells=span.total.cells,
        total_line_text=span.total.line.text,
        footnote=_footnote(span.trailing),
        pages=tuple(pages),
    )


def read_tables(pages: Sequence[Page]) -> list[RegionTable]:
    """Every region table on these pages, in the order they are printed."""
    rotated = [line for page in pages for line in page.rotated_lines]
    return [_table(span, rotated) for span in _spans(pages)]
