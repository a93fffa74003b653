"""What a repaired OCR table may still have wrong, flagged ``ocr_uncertain``: figures where
a failing row and a failing column cross, or whose readings disagree where a sum fails;
names the page read was not sure of and two larger looks did not read the same (the one
thing the sums cannot check); and the footnote's figures, which the coverage check allows a
point either way, unless looks at them on their own agree.

Flags, never changes: what the looks do not confirm is said, and the figure stays as read.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence

import regex

from .._grammar import RegionTable
from .._layout.page import Word
from .._names import normalize_text
from .._numbers import format_count
from .._pdf.rect import Rect, centre_inside, grown, height
from ..records import TOTAL_ROW, RegionReport, RegisterFootnote, ValidationIssue
from ..validation import TOTAL_COLUMN
from .cells import CheckedPage, FigureCell, agreed, count_value
from .footnote import percentage_of, register_looks, share_looks
from .looks import NAME_LOOKS, reread_cells
from .sums import CellRef, Grid, Values
from .words import OcrWord

__all__ = ["uncertain_cells", "uncertain_footnote", "uncertain_names"]

# A name word read with a confidence (tesseract's 0-100) below this gets two more looks
# (NAME_LOOKS); the name is flagged unless both read the word as the page did. Measured on
# the scans: misread names had 55-90, but so had a fifth of the names read right; names are
# the one thing the sums cannot check.
_NAME_SURE = 92.0
# Room left and right of a name word when it is cut out again (points).
_NAME_MARGIN = 1.0
# Room below a name word's box when it is cut out again, as a share of its height (the body
# size): the box reaches 0.20 em below the baseline and descenders 0.21 em, so a baseline
# found a little high cut off their tails, and a look read 'g' as 'a', 'j' as 'i', 'y' as
# 'v' in names the page read right (on clean 300 dpi renders, 2 names of 9; 10 of the 230
# rows of the scans were flagged so, most with a descender). A row's next line is 0.4 em or
# more below.
_NAME_DESCENDER_ROOM = 0.15
# Municipality names start with a capital, or with 's- ('s-Hertogenbosch): a name read with
# a small first letter lost its capital (IJsselstein read as ijsselstein).
_SMALL_START = regex.compile(r"(?!'s-)\P{L}*\p{Ll}")

_Placed = tuple[int, Word]  # a word and the number of the page it is printed on


def _ocr_words(page: CheckedPage, word: Word) -> list[OcrWord]:
    """The words of the page read that make up the grammar's ``word`` (each OCR word's
    centre lies in it; the layout may have joined two)."""
    return [w for w in page.ocr.words if centre_inside(Rect.of(w.glyph), Rect.of(word))]



def _cell_issue(report: RegionReport, ref: CellRef, value: int, why: str) -> ValidationIssue:
    k = len(report.columns)
    column = report.columns[ref.column] if ref.column < k else TOTAL_COLUMN
    name = report.total.label if ref.row == TOTAL_ROW else report.rows[ref.row].municipality
    return ValidationIssue(
        "ocr_uncertain",
        f"{name}, column {column!r}: the figure read by OCR as {format_count(value)} "
        f"is uncertain ({why})",
        municipality=name, column=column, row=ref.row, column_index=ref.column,
    )


def uncertain_cells(report: RegionReport, grid: Grid, values: Values,
                    cells: Mapping[CellRef, FigureCell]) -> list[ValidationIssue]:
    """``ocr_uncertain`` for every figure that may be the wrong one: where a failing row
    and a failing column cross; any figure whose readings disagree in a row or column that
    fails; and every figure of a failing row that neither says which of its figures is
    wrong (two misread figures of a column can hide each other from the column's sum)."""
    flagged = {ref: "its row and its column do not add up" for ref in grid.crossing(values)}
    rows, columns = grid.failing(values)
    flagged.update(_disagreeing(cells, flagged, rows, columns))
    flagged.update(_rows_unexplained(flagged, rows, grid.width))
    ordered = sorted(flagged, key=lambda ref: (ref.row == TOTAL_ROW, ref.row, ref.column))
    return [_cell_issue(report, ref, values[ref], flagged[ref]) for ref in ordered]


def _disagreeing(cells: Mapping[CellRef, FigureCell], flagged: Mapping[CellRef, str],
                 rows: Sequence[int], columns: Sequence[int]) -> dict[CellRef, str]:
    """The figures not yet flagged whose readings disagree, in a row or column that fails."""
    return {ref: "its readings disagree and a sum does not hold"
            for ref, cell in sorted(cells.items())
            if ref not in flagged and not cell.certain
            and (ref.row in rows or ref.column in columns)}


def _rows_unexplained(flagged: Mapping[CellRef, str], rows: Sequence[int], width: int
                      ) -> dict[CellRef, str]:
    """Every figure of each failing row of which no figure is flagged."""
    unexplained = [row for row in rows if not any(ref.row == row for ref in flagged)]
    return {CellRef(row, column): "its row does not add up"
            for row in unexplained for column in range(width)}


def _spelling(text: str) -> str:
    """A name word as the records would spell it (ligatures such as the Dutch ``ĳ`` undone)."""
    return normalize_text(unicodedata.normalize("NFKC", text))


def _name_box(word: Rect) -> Rect:
    """Where a name word is cut out again: a margin left and right, room below for the
    tails of its descenders."""
    return grown(word, _NAME_MARGIN)._replace(
        bottom=word.bottom + _NAME_DESCENDER_ROOM * height(word))


def _doubtful_name_words(table: RegionTable, checked: Mapping[int, CheckedPage]
                         ) -> dict[int, list[tuple[int, OcrWord]]]:
    """Per page, the name words (with their row) the page read was not sure of."""
    doubtful: dict[int, list[tuple[int, OcrWord]]] = {}
    for index, raw in enumerate(table.rows):
        page = checked.get(raw.page)
        if page is None:
            continue
        for word in raw.name_words:
            for read in _ocr_words(page, word):
                if read.confidence < _NAME_SURE:
                    doubtful.setdefault(raw.page, []).append((index, read))
    return doubtful


def uncertain_names(report: RegionReport, table: RegionTable,
                    checked: Mapping[int, CheckedPage]) -> list[ValidationIssue]:
    """Names one of whose words the page read was not sure of, and two larger looks at the
    word did not read the same; and names that lost their capital."""
    unsure = _names_looked_at(table, checked)
    for index, row in enumerate(report.rows):
        if table.rows[index].page in checked and _SMALL_START.match(row.municipality):
            unsure.setdefault(index, [])
    return [_name_issue(report.rows[index].municipality, index, others)
            for index, others in sorted(unsure.items())]


def _names_looked_at(table: RegionTable, checked: Mapping[int, CheckedPage]
                     ) -> dict[int, list[str]]:
    """The rows (by index) with a name word the page read was not sure of and two larger
    looks did not read the same, with what else the looks read."""
    unsure: dict[int, list[str]] = {}
    for number, found in sorted(_doubtful_name_words(table, checked).items()):
        boxes = [_name_box(Rect.of(w.glyph)) for _i, w in found]
        looks = reread_cells(checked[number].ocr, boxes, NAME_LOOKS, digits=False)
        for (index, word), readings in zip(found, looks, strict=True):
            seen = _spelling(word.glyph.text)
            texts = {_spelling(r.text) for r in readings}
            if texts != {seen} or len(readings) < len(NAME_LOOKS):
                unsure.setdefault(index, []).extend(sorted(texts - {seen}))
    return unsure


def _name_issue(name: str, index: int, others: Sequence[str]) -> ValidationIssue:
    also = f" (also read as {', '.join(repr(t) for t in others)})" if others else ""
    return ValidationIssue("ocr_uncertain", f"{name}: the name read by OCR is uncertain{also}",
                           municipality=name, row=index)


def _footnote_words(table: RegionTable) -> tuple[_Placed | None, _Placed | None]:
    """The words of the footnote's register total and percentage, with their pages: the
    first word of its lines that is the register as read, and the first after it that is
    the percentage as read (with its ``%`` or without)."""
    note = table.footnote
    if note is None:
        return None, None
    words = [(line.page, word) for line in note.lines for word in line.words]
    at = next((i for i, (_p, w) in enumerate(words) if w.text == note.register), None)
    if at is None:
        return None, None
    pct = next((placed for placed in words[at + 1:]
                if percentage_of(placed[1].text) == note.pct), None)
    return words[at], pct


def _count_text(text: str) -> str:
    """A look at a count as the messages print it: ``80.601``, or the text quoted."""
    value = count_value(text)
    return repr(text) if value is None else format_count(value)


def _footnote_issue(field: str, what: str, shown: str, others: Iterable[str]
                    ) -> ValidationIssue:
    listed = sorted(set(others) - {shown})
    also = f" (also read as {', '.join(listed)})" if listed else ""
    return ValidationIssue(
        "ocr_uncertain", f"the {what} read by OCR as {shown} is uncertain{also}", column=field)


def _confidence(page: CheckedPage, word: Word) -> float | None:
    """The page read's confidence in a word of the grammar (its least sure OCR word)."""
    found = [w.confidence for w in _ocr_words(page, word)]
    return min(found) if found else None


def _uncertain_register(note: RegisterFootnote, page: CheckedPage, word: Word
                        ) -> ValidationIssue | None:
    """The register total, looked at again digits only in every configuration a figure
    cell gets: flagged unless the looks agree with the page read."""
    looks = register_looks(page, word)
    votes = [(count_value(r.text), r.confidence) for r in looks]
    if agreed((count_value(word.text), _confidence(page, word)), votes) == note.register_total:
        return None
    return _footnote_issue("register_total", "register total",
                           format_count(note.register_total),
                           (_count_text(r.text) for r in looks))


def _uncertain_pct(printed: str, page: CheckedPage, word: Word) -> ValidationIssue | None:
    """The percentage, looked at again with its ``%`` sign (as words are read: a
    digits-only look would read the sign as digits): flagged unless the looks agree."""
    looks = share_looks(page, word)
    votes = [(percentage_of(r.text), r.confidence) for r in looks]
    if agreed((percentage_of(word.text), _confidence(page, word)), votes) == printed:
        return None
    return _footnote_issue("known_pct", "share known in Sonar", f"{printed}%",
                           (f"{v}%" if v is not None else repr(r.text)
                            for r, (v, _c) in zip(looks, votes, strict=True)))


def uncertain_footnote(report: RegionReport, table: RegionTable,
                       checked: Mapping[int, CheckedPage]) -> list[ValidationIssue]:
    """The footnote's figures are checked only loosely (the coverage check allows a point
    either way), so each read by OCR is looked at again on its own; what the looks do not
    confirm is flagged, never changed."""
    note, raw = report.footnote, table.footnote
    if note is None or raw is None:
        return []
    register, pct = _footnote_words(table)
    issues = []
    if register is not None and register[0] in checked:
        issues.append(_uncertain_register(note, checked[register[0]], register[1]))
    if pct is not None and pct[0] in checked:
        issues.append(_uncertain_pct(raw.pct, checked[pct[0]], pct[1]))
    return [issue for issue in issues if issue is not None]

