"""PDF bytes -> pages of positioned glyphs, read with PDFium (pypdfium2, which pdfplumber
already brings along). Same glyphs as the pdfplumber engine, several times faster: PDFium
parses in C, and this module asks it for as little per character as it can.

The only module that knows pypdfium2; whatever it raises stays in here.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import unicodedata
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ._engine import boundary
from ._geometry import TOUCHING_EM
from ._glyphs import SPACING_ACCENTS, Glyph, GlyphPage, Rect, shown_area
from ._source import check_page_count

# What PDFium reports in place of a '-' at the end of a line (its hyphenation marker).
_HYPHEN_MARKS = frozenset("\ufffe\x02")
# Characters handed on as glyphs of their own, never in a run: accents printed as glyphs.
_ALONE = frozenset(SPACING_ACCENTS)


def _is_password_error(err: BaseException) -> bool:
    return bool(getattr(err, "err_code", None) == raw.FPDF_ERR_PASSWORD)


def _direction(angle: float) -> int:
    # PDFium gives the glyph's rotation in radians, clockwise as seen on the page
    return round(-math.degrees(angle) / 90) % 4 * 90


def _page_text(textpage: object, count: int) -> str | None:
    """All characters of the page in one call; None when they do not map one to one."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    if written != count + 1:
        return None
    text = bytes(buffer)[: 2 * count].decode("utf-16-le", errors="surrogatepass")
    return text if len(text) == count else None


# One printed character: its index on the text page, itself, and its loose box (y downwards).
_Char = tuple[int, str, float, float, float, float]


def _printed_chars(textpage: object, text: str, area: Rect) -> Iterator[_Char]:
    """The characters printed on the page whose centre lies in ``area``, in PDFium's order;
    the spaces and line breaks PDFium adds of its own are left out (only printed spaces split
    words)."""
    x0, top, x1, bottom = area
    box = raw.FS_RECTF()
    box_ref = ctypes.byref(box)
    get_box = raw.FPDFText_GetLooseCharBox
    is_generated = raw.FPDFText_IsGenerated
    for i, char in enumerate(text):
        if char.isspace():
            if char != " " or is_generated(textpage, i):
                continue
        elif char in _HYPHEN_MARKS:
            char = "-"  # PDFium marks a hyphen that ends a line; it is printed as "-"
        get_box(textpage, i, box_ref)
        if x0 <= (box.left + box.right) / 2 <= x1 and top <= -(box.top + box.bottom) / 2 <= bottom:
            yield i, char, box.left, box.right, -box.top, -box.bottom


def _glyphs(textpage: object, area: Rect) -> list[Glyph]:
    """The page's glyphs; letters that touch on one upright baseline are handed on as one
    run (a Glyph with several characters): the layout reads them the same, with far fewer
    objects."""
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = _page_text(textpage, count)
    if text is None:
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    get_angle = raw.FPDFText_GetCharAngle
    glyphs: list[Glyph] = []
    run: list[str] = []
    x0 = x1 = top = bottom = 0.0
    direction = 0
    for i, char, left, right, char_top, char_bottom in _printed_chars(textpage, text, area):
        if char == " ":
            if run:
                glyphs.append(Glyph("".join(run), x0, x1, top, bottom, direction))
                run = []
            glyphs.append(Glyph(" ", left, right, char_top, char_bottom, direction))
            continue
        if run and char_top == top and char_bottom == bottom and direction == 0 \
                and abs(left - x1) <= TOUCHING_EM * (bottom - top) \
                and not (char >= "\u0300" and unicodedata.combining(char)) \
                and char not in _ALONE and run[-1] not in _ALONE:
            run.append(char)
            if right > x1:
                x1 = right
            continue
        if run:
            glyphs.append(Glyph("".join(run), x0, x1, top, bottom, direction))
        # Glyphs that continue a line share its exact top and bottom; only where that
        # changes can the reading direction change, so only there is it asked for.
        if char_top != top or char_bottom != bottom:
            direction = _direction(get_angle(textpage, i))
        run = [char]
        x0, x1, top, bottom = left, right, char_top, char_bottom
    if run:
        glyphs.append(Glyph("".join(run), x0, x1, top, bottom, direction))
    return glyphs


def _reading(page: int | None = None) -> contextlib.AbstractContextManager[None]:
    return boundary(_is_password_error, page=page)


def _y_down(box: tuple[float, float, float, float]) -> Rect:
    """A PDF box (left, bottom, right, top; y upwards) in the glyphs' frame (y downwards)."""
    left, bottom, right, top = box
    return (left, -top, right, -bottom)


def _shown_area(page: pdfium.PdfPage) -> Rect:
    return shown_area(_y_down(page.get_mediabox()), _y_down(page.get_cropbox()))


def _page_glyphs(document: pdfium.PdfDocument, index: int) -> list[Glyph]:
    with _reading(index + 1):
        page = document[index]
        try:
            textpage = raw.FPDFText_LoadPage(page)
            try:
                return _glyphs(textpage, _shown_area(page)) if textpage else []
            finally:
                if textpage:
                    raw.FPDFText_ClosePage(textpage)
        finally:
            page.close()


# PDFium keeps every object it has parsed until the document is closed: reopened after this
# many pages, a long file is read in flat memory (25 vs 41 MiB for 1,000 pages, measured).
_PAGES_PER_OPENING = 50


def _open(data: bytes, password: str | None) -> pdfium.PdfDocument:
    with boundary(_is_password_error, password_given=password is not None):
        return pdfium.PdfDocument(data, password=password)


def read_pages(data: bytes, max_pages: int, password: str | None = None
               ) -> Iterator[GlyphPage]:
    """The pages of a PDF, one at a time, as positioned glyphs."""
    document = _open(data, password)
    try:
        count = len(document)
        check_page_count(count, max_pages)
        for index in range(count):
            if index and index % _PAGES_PER_OPENING == 0:
                document.close()
                document = _open(data, password)
            yield GlyphPage(index + 1, _page_glyphs(document, index))
    finally:
        document.close()
