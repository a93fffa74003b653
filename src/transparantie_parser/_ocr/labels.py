"""Column labels of a table read by OCR: a label word the page read was far from sure of
is looked at again, and a label whose looks both read it otherwise is flagged.

The sums check the figures, and names get second looks (``repair``); the labels had none,
and a shaded header of wrapped labels on a black-and-white scan came back as
``\\gantprofiel``, ``nietzichtmear`` and ``zondere ey`` with no issue (tesseract's
confidence in those words: 0, 0 and 7 of 100). A label is never changed here: where the
looks disagree with the page read, the table carries an ``ocr_uncertain`` issue naming the
column.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections.abc import Mapping, Sequence

from .._grammar import RegionTable
from .._names import normalize_text
from .._pdf.rect import Rect
from ..records import RegionReport, ValidationIssue
from .cells import CheckedPage
from .looks import NAME_LOOKS, reread_cells
from .words import OcrWord

__all__ = ["uncertain_labels"]

# A label word read with less confidence than this (tesseract's 0-100) is looked at again.
# Measured on the scans: right label words were read with 41-97 (and a look at a wrapped
# header's ``klantprofiel``, read with 66, reads ``kiantprofiel`` in both sizes), the wrong
# ones of the shaded ODT header with 0-7.
_LABEL_DOUBT = 30.0
# The header stands above the first row, at most this many of the first row's heights
# (labels wrapped over three lines, with the header's own spacing).
_HEADER_DEPTH = 6.0
# Room round a label word when it is cut out again (points), and below it for descenders
# (a share of its box's height), as for a name word.
_MARGIN = 1.0
_DESCENDER_ROOM = 0.15
# Punctuation at a word's ends that a look may keep or lose without reading another word
# (``Klantprofiel,``).
_END_PUNCTUATION = ",.:;"


def _spelling(text: str) -> str:
    """A label word as compared: as the records spell it, without punctuation at its ends,
    in lower case (a look at ``cv`` on its own reads ``CV``; the page read, which sees the
    line, is taken for the case)."""
    return normalize_text(unicodedata.normalize("NFKC", text)).strip(_END_PUNCTUATION).casefold()


def _header_words(table: RegionTable, page: CheckedPage) -> list[OcrWord]:
    """The page read's words above the table's first row, as deep as a header may be."""
    first = table.rows[0].name_words
    if not first:
        return []
    top = min(w.top for w in first)
    height = max(w.bottom for w in first) - top
    return [w for w in page.ocr.words
            if top - _HEADER_DEPTH * height <= w.glyph.top and w.glyph.bottom <= top]


def _column_centres(table: RegionTable) -> list[float | None]:
    """Where each count column's figures stand on the first row's page (the median centre
    of its cells), None for a column without one there."""
    page = table.rows[0].page
    centres: list[list[float]] = []
    for row in table.rows:
        if row.page != page:
            continue
        for j, word in enumerate(row.cell_words):
            while len(centres) <= j:
                centres.append([])
            if word is not None:
                centres[j].append((word.x0 + word.x1) / 2)
    return [statistics.median(c) if c else None for c in centres]


def _owner(word: OcrWord, owners: list[int], centres: Sequence[float | None]) -> list[int]:
    """Of the columns whose label has the word, the one it stands over (nearest to its
    column's figures): ``klantprofiel`` is a word of two labels."""
    placed = [j for j in owners if j < len(centres) and centres[j] is not None]
    if len(owners) < 2 or len(placed) < len(owners):
        return owners
    middle = (word.glyph.x0 + word.glyph.x1) / 2
    return [min(placed, key=lambda j: abs((centres[j] or 0.0) - middle))]


def _doubtful(words: Sequence[OcrWord], columns: Sequence[str | None],
              centres: Sequence[float | None]) -> list[tuple[OcrWord, list[int]]]:
    """The header words the page read was not sure of that are words of labels, each with
    the column whose label it is part of."""
    found = []
    for word in words:
        if word.confidence >= _LABEL_DOUBT:
            continue
        seen = _spelling(word.glyph.text)
        owners = [j for j, label in enumerate(columns)
                  if label is not None and seen in {_spelling(t) for t in label.split()}]
        if owners:
            found.append((word, _owner(word, owners, centres)))
    return found


def uncertain_labels(report: RegionReport, table: RegionTable,
                     checked: Mapping[int, CheckedPage]) -> list[ValidationIssue]:
    """An ``ocr_uncertain`` issue for each column whose label has a word the page read was
    far from sure of and that neither of two larger looks read as the page did."""
    if table.columns is None or not table.rows or table.rows[0].page not in checked:
        return []
    page = checked[table.rows[0].page]
    found = _doubtful(_header_words(table, page), table.columns, _column_centres(table))
    if not found:
        return []
    return [_uncertain_label(report.columns[j], j, also)
            for j, also in sorted(_looked_again(page, found).items())]


def _looked_again(page: CheckedPage, found: Sequence[tuple[OcrWord, list[int]]]
                  ) -> dict[int, set[str]]:
    """The columns (index) whose doubtful label word no larger look read as the page did,
    each with the other spellings those looks gave."""
    boxes = [_label_box(word) for word, _owners in found]
    others: dict[int, set[str]] = {}
    for (word, owners), readings in zip(
            found, reread_cells(page.ocr, boxes, NAME_LOOKS, digits=False), strict=True):
        seen = _spelling(word.glyph.text)
        texts = {_spelling(r.text) for r in readings}
        if seen not in texts:
            for j in owners:
                others.setdefault(j, set()).update(t for t in texts if t != seen)
    return others


def _label_box(word: OcrWord) -> Rect:
    """Where a label word is looked at again: its box, with room beside it and below."""
    glyph = word.glyph
    return Rect(glyph.x0 - _MARGIN, glyph.top, glyph.x1 + _MARGIN,
                glyph.bottom + _DESCENDER_ROOM * (glyph.bottom - glyph.top))


def _uncertain_label(label: str, j: int, also: set[str]) -> ValidationIssue:
    listed = f" (also read as {', '.join(repr(t) for t in sorted(also))})" if also else ""
    return ValidationIssue(
        "ocr_uncertain", f"the column label read by OCR as {label!r} is uncertain{listed}",
        column=label, column_index=j)
