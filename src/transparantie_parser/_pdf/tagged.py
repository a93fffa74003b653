"""A tagged PDF's own tables: the ``Table`` elements of its structure tree, read with PDFium.

A tagged PDF (``/MarkInfo /Marked true`` and a ``/StructTreeRoot``: what accessible documents
are) says itself which text is a table cell: a ``Table`` holds rows (``TR``, perhaps inside
``THead``/``TBody``/``TFoot``) of header and data cells (``TH``/``TD``), and each cell's text
is tied to what the page draws by marked-content ids (MCIDs). This module hands those tables
on as text, cell by cell, and nothing more: what the cells mean is ``_witness``'s.

A cell's text is what the page draws under its MCIDs, in the tree's order, line breaks
between lines; an element's ``/ActualText`` replaces what its content draws (a ligature, a
hyphenated word), and ``/Alt`` stands for an element that draws no text. PDFium builds a
page's tree from the page's entries in the ``/ParentTree``, so each page sees only the
elements with content on it; a table over two pages comes as one table per page.

Trees lie (auto-tagged files, stale trees in incrementally updated files): nothing here
trusts one; ``_witness`` checks every cell against the text it read from the page.
Like ``pdfium``, the only other module that knows pypdfium2; whatever it raises stays in
here (a tree that cannot be read is no tree).
"""

from __future__ import annotations

import contextlib
import ctypes
import math
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import pypdfium2.raw as raw

from .._names import join_wrapped
from ..errors import TransparantieError
from .pdfium import PAGES_PER_OPENING, open_document, own_library, printed_chars

__all__ = ["TaggedCell", "TaggedTable", "is_tagged", "structure_text", "tagged_tables"]

# Elements a table's rows may sit in (PDF 32000-1, 14.8.4.3.4); a row's cells are TH or TD.
_ROW_GROUPS = frozenset({"THead", "TBody", "TFoot"})
_CELLS = frozenset({"TH", "TD"})
# Elements that only group others (PDF 32000-1, 14.8.4.2): their children are the blocks.
_GROUPS = frozenset({"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "NonStruct",
                     "Private", "L", "LI", "LBody", "TOC", "TOCI", "Index"})
# Spaces between two columns of a table set as text (the text grammar's label gap is two).
_COLUMN_GAP = 3
# A cell spans at most this many rows or columns (a region table has six columns; a span of
# a billion in a broken file would otherwise be laid out cell by cell).
_MAX_SPAN = 64
# A tree nests no deeper than this in any real document; a deeper one (or one in a circle)
# is not walked further: its cells are not read.
_MAX_DEPTH = 64


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class TaggedCell(NamedTuple):
    """One cell as the structure tree has it: its text (the parts of a cell that holds
    several lines or paragraphs, joined as a wrapped name is), whether it is a header cell,
    and how many rows and columns it spans."""

    text: str
    header: bool = False
    row_span: int = 1
    col_span: int = 1


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class TaggedTable(NamedTuple):
    """The rows of one ``Table`` element with content on ``page`` (1-based), top to bottom
    as the tree orders them."""

    page: int
    rows: tuple[tuple[TaggedCell, ...], ...]


def _utf16(getter: Callable[..., int], element: Any) -> str:
    """A string PDFium writes as UTF-16LE with a terminating NUL (its length in bytes first
    asked with an empty buffer)."""
    size = getter(element, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    getter(element, buffer, size)
    return buffer.raw[: size - 2].decode("utf-16-le", errors="replace")


def _spans(element: Any) -> tuple[int, int]:
    """``/RowSpan`` and ``/ColSpan`` of a cell from its attributes; 1 where missing. Most
    cells have none (or only ``/Scope``, ``/Headers``): each attribute is asked once."""
    spans = {b"RowSpan": 1, b"ColSpan": 1}
    number = ctypes.c_float()
    for index in range(raw.FPDF_StructElement_GetAttributeCount(element)):
        attribute = raw.FPDF_StructElement_GetAttributeAtIndex(element, index)
        if not attribute:
            continue
        for name in spans:
            value = raw.FPDF_StructElement_Attr_GetValue(attribute, name)
            if value and raw.FPDF_StructElement_Attr_GetNumberValue(
                    value, ctypes.byref(number)) and math.isfinite(number.value):
                spans[name] = min(_MAX_SPAN, max(1, int(number.value)))
    return spans[b"RowSpan"], spans[b"ColSpan"]


class _Calls:
    """The two PDFium functions called once per character of a page with a table, through a
    ctypes handle of their own that returns plain addresses (pypdfium2's typed pointers cost
    a ``ctypes.cast`` a character to compare)."""

    def __init__(self) -> None:
        library = own_library()
        self.text_object = library.FPDFText_GetTextObject
        self.text_object.restype = ctypes.c_void_p
        self.marked_content_id = library.FPDFPageObj_GetMarkedContentID
        self.marked_content_id.restype = ctypes.c_int
        self.marked_content_id.argtypes = [ctypes.c_void_p]


_CALLS = _Calls()


def _mcid_lines(textpage: Any) -> dict[int, list[str]]:
    """The page's text by marked-content id: the lines each MCID's characters make, in the
    order PDFium reads them. A character PDFium adds (a space, a line break) has no text
    object and goes with the character before it."""
    text = printed_chars(textpage)
    handle = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
    objects: dict[int, int] = {}
    chars: dict[int, list[str]] = {}
    current = -1
    text_object, marked_content_id = _CALLS.text_object, _CALLS.marked_content_id
    for index, char in enumerate(text):
        item = text_object(handle, index)
        if item:
            mcid = objects.get(item)
            if mcid is None:
                mcid = objects[item] = marked_content_id(item)
            current = mcid
        if current >= 0:
            chars.setdefault(current, []).append(char)
    lines: dict[int, list[str]] = {}
    for mcid, parts in chars.items():
        joined = "".join(parts).replace("\r\n", "\n").replace("\r", "\n")
        lines[mcid] = joined.split("\n")
    return lines


class _PageTree:
    """One page's structure tree, read for its tables."""

    def __init__(self, page: Any, number: int) -> None:
        self._page = page
        self._number = number
        self._lines: dict[int, list[str]] | None = None
        self.found_tables: tuple[TaggedTable, ...] = ()
        self.found_lines: tuple[str, ...] = ()

    def read(self, *, as_text: bool) -> _PageTree:
        """The page's tables, or its text as the tree reads it, while the page is open."""
        if as_text:
            self.found_lines = tuple(self.text_lines())
        else:
            self.found_tables = tuple(self.tables())
        return self

    def _mcid_text(self, mcid: int) -> list[str]:
        if self._lines is None:  # only a page whose tree holds a table pays for its text
            textpage = raw.FPDFText_LoadPage(self._page)
            try:
                self._lines = _mcid_lines(textpage) if textpage else {}
            finally:
                if textpage:
                    raw.FPDFText_ClosePage(textpage)
        return self._lines.get(mcid, [])

    def _top_elements(self) -> Iterator[Any]:
        """The structure elements at the top of the page's tree (none when it has none);
        the tree is closed when the caller is done with them."""
        tree = raw.FPDF_StructTree_GetForPage(self._page)
        if not tree:
            return
        try:
            for index in range(raw.FPDF_StructTree_CountChildren(tree)):
                child = raw.FPDF_StructTree_GetChildAtIndex(tree, index)
                if child:
                    yield child
        finally:
            raw.FPDF_StructTree_Close(tree)

    def tables(self) -> Iterator[TaggedTable]:
        for element in self._top_elements():
            yield from self._find_tables(element, 0)

    def text_lines(self) -> Iterator[str]:
        """The page as the tree reads it, one line per block (a heading, a paragraph) and
        per table row, cells set in columns: what ``structure_text`` hands on."""
        for element in self._top_elements():
            yield from self._blocks(element, 0)

    def _blocks(self, element: Any, depth: int) -> Iterator[str]:
        if depth > _MAX_DEPTH:
            return
        kind = _utf16(raw.FPDF_StructElement_GetType, element)
        if kind == "Table":
            rows = tuple(row for row in self._rows(element, depth) if row)
            yield from _set_in_columns(rows)
            return
        if kind not in _GROUPS:  # a block of text: one line, however it wraps
            line = join_wrapped(self._parts(element, depth))
            if line:
                yield line
            return
        for child in _children(element):
            yield from self._blocks(child, depth + 1)

    def _find_tables(self, element: Any, depth: int) -> Iterator[TaggedTable]:
        if depth > _MAX_DEPTH:
            return
        if _utf16(raw.FPDF_StructElement_GetType, element) == "Table":
            rows = tuple(row for row in self._rows(element, depth) if row)
            if rows:
                yield TaggedTable(self._number, rows)
            return
        for child in _children(element):
            yield from self._find_tables(child, depth + 1)

    def _rows(self, element: Any, depth: int) -> Iterator[tuple[TaggedCell, ...]]:
        for child in _children(element):
            kind = _utf16(raw.FPDF_StructElement_GetType, child)
            if kind == "TR":
                yield tuple(self._cell(cell, kind_of, depth + 2)
                            for cell, kind_of in _typed_children(child)
                            if kind_of in _CELLS)
            elif kind in _ROW_GROUPS and depth < _MAX_DEPTH:
                yield from self._rows(child, depth + 1)

    def _cell(self, element: Any, kind: str, depth: int) -> TaggedCell:
        parts = self._parts(element, depth)
        row_span, col_span = _spans(element)
        return TaggedCell(join_wrapped(parts), header=kind == "TH", row_span=row_span,
                          col_span=col_span)

    def _parts(self, element: Any, depth: int) -> list[str]:
        """The lines of text an element stands for: its ``/ActualText`` where it has one,
        else what its marked content and its children draw, in the tree's order, else its
        ``/Alt``."""
        actual = _utf16(raw.FPDF_StructElement_GetActualText, element)
        if actual:
            return [actual]
        parts: list[str] = []
        if depth <= _MAX_DEPTH:
            for index in range(raw.FPDF_StructElement_CountChildren(element)):
                child = raw.FPDF_StructElement_GetChildAtIndex(element, index)
                if child:
                    parts.extend(self._parts(child, depth + 1))
                    continue
                mcid = raw.FPDF_StructElement_GetChildMarkedContentID(element, index)
                if mcid >= 0:  # -1: content on another page, or an object reference
                    parts.extend(self._mcid_text(mcid))
        if not any(part.strip() for part in parts):
            alt = _utf16(raw.FPDF_StructElement_GetAltText, element)
            return [alt] if alt else []
        return parts


def _children(element: Any) -> Iterator[Any]:
    for index in range(raw.FPDF_StructElement_CountChildren(element)):
        child = raw.FPDF_StructElement_GetChildAtIndex(element, index)
        if child:
            yield child


def _typed_children(element: Any) -> Iterator[tuple[Any, str]]:
    for child in _children(element):
        yield child, _utf16(raw.FPDF_StructElement_GetType, child)


def _set_in_columns(rows: tuple[tuple[TaggedCell, ...], ...]) -> Iterator[str]:
    """A table's rows as lines of text, each column as wide as its widest cell: the first
    flush left (names), the others flush right (figures), as ``pdftotext -layout`` sets a
    table, which the text grammar reads by position."""
    width = max(len(row) for row in rows)
    cells = [[cell.text for cell in row] + [""] * (width - len(row)) for row in rows]
    widths = [max(len(row[j]) for row in cells) for j in range(width)]
    gap = " " * _COLUMN_GAP
    for row in cells:
        first, *rest = row
        yield (first.ljust(widths[0]) + gap
               + gap.join(text.rjust(w) for text, w in zip(rest, widths[1:], strict=True)))


def is_tagged(document: Any) -> bool:
    """Does the catalog say the file is tagged (``/MarkInfo /Marked true``, with a
    structure tree)? A look at the catalog alone: no page is read."""
    return bool(raw.FPDFCatalog_IsTagged(document))


def _page_trees(data: bytes, max_pages: int, password: str | None,
                pages: frozenset[int] | None, *, as_text: bool = False
                ) -> list[_PageTree | None] | None:
    """Each page's tree (only ``pages``, 1-based, when given; None for a page PDFium cannot
    load), read by ``_PageTree.read`` for its tables or ``as_text``; None for a file that
    is not tagged, or that PDFium cannot open. The document is opened again every
    ``PAGES_PER_OPENING`` pages, as the engine does: PDFium keeps what it parsed until it
    closes."""
    trees: list[_PageTree | None] = []
    with contextlib.suppress(TransparantieError):
        document = open_document(data, password)
        try:
            if not is_tagged(document.raw):
                return None
            for index in range(min(len(document), max_pages)):
                if index and index % PAGES_PER_OPENING == 0:
                    document.close()
                    document = open_document(data, password)
                if pages is not None and index + 1 not in pages:
                    continue
                page = raw.FPDF_LoadPage(document.raw, index)
                if not page:
                    trees.append(None)
                    continue
                try:
                    trees.append(_PageTree(page, index + 1).read(as_text=as_text))
                finally:
                    raw.FPDF_ClosePage(page)
            return trees
        finally:
            document.close()
    return None


def tagged_tables(data: bytes, max_pages: int, password: str | None = None,
                  pages: frozenset[int] | None = None) -> tuple[TaggedTable, ...] | None:
    """The tables of a tagged PDF's structure tree, page by page (only ``pages``, 1-based,
    when given); None for a file that is not tagged, or whose tree PDFium cannot read."""
    trees = _page_trees(data, max_pages, password, pages)
    if trees is None:
        return None
    return tuple(table for tree in trees if tree is not None for table in tree.found_tables)


def structure_text(data: bytes, max_pages: int, password: str | None = None) -> str | None:
    """A tagged PDF as its structure tree reads it, as text for the text grammar: a line per
    heading or paragraph, tables set in columns, pages apart by form feeds. None for a file
    that is not tagged, or whose tree PDFium cannot read."""
    trees = _page_trees(data, max_pages, password, None, as_text=True)
    if trees is None:
        return None
    return "\f".join("\n".join(tree.found_lines) if tree is not None else ""
                     for tree in trees)
