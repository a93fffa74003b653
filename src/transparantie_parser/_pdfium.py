"""PDF bytes -> pages of positioned glyphs, read with PDFium (pypdfium2, which pdfplumber
already brings along). Same glyphs as the pdfplumber engine, several times faster: PDFium
parses in C, and this module asks it for as little per character as it can.

The only module that knows pypdfium2; whatever it raises stays in here.
"""

from __future__ import annotations

import ctypes
import math
import unicodedata
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ._layout import TOUCHING, Glyph, Page, page_from_glyphs
from ._source import check_page_count
from .errors import UnreadablePdfError

# What PDFium reports in place of a '-' at the end of a line (its hyphenation marker).
_HYPHEN_MARKS = frozenset("\ufffe\x02")


def _unreadable(err: pdfium.PdfiumError) -> UnreadablePdfError:
    if getattr(err, "err_code", None) == raw.FPDF_ERR_PASSWORD:
        return UnreadablePdfError(
            "encrypted", "is encrypted and needs a password to open (a user password is set)"
        )
    return UnreadablePdfError("damaged", f"is damaged and cannot be read ({err})")


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


def _glyphs(textpage: object) -> list[Glyph]:
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return []
    text = _page_text(textpage, count)
    if text is None:
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    # bound once: this loop runs for every character of every page
    box = raw.FS_RECTF()
    box_ref = ctypes.byref(box)
    get_box = raw.FPDFText_GetLooseCharBox
    get_angle = raw.FPDFText_GetCharAngle
    is_generated = raw.FPDFText_IsGenerated
    glyphs: list[Glyph] = []
    # Letters that touch on one upright baseline are handed on as one run (a Glyph with
    # several characters): the layout reads them the same, with far fewer objects.
    run: list[str] = []
    x0 = x1 = top = bottom = 0.0
    direction = 0
    for i, char in enumerate(text):
        if char.isspace():
            # PDFium adds spaces and line breaks of its own; only printed spaces split words
            if char == " " and not is_generated(textpage, i):
                if run:
                    glyphs.append(Glyph("".join(run), x0, x1, top, bottom, direction))
                    run = []
                get_box(textpage, i, box_ref)
                glyphs.append(Glyph(" ", box.left, box.right, -box.top, -box.bottom, direction))
            continue
        if char in _HYPHEN_MARKS:
            char = "-"  # PDFium marks a hyphen that ends a line; it is printed as "-"
        get_box(textpage, i, box_ref)
        if run and -box.top == top and -box.bottom == bottom and direction == 0 \
                and abs(box.left - x1) <= TOUCHING * (bottom - top) \
                and not (char >= "\u0300" and unicodedata.combining(char)):
            run.append(char)
            if box.right > x1:
                x1 = box.right
            continue
        if run:
            glyphs.append(Glyph("".join(run), x0, x1, top, bottom, direction))
        # Glyphs that continue a line share its exact top and bottom; only where that
        # changes can the reading direction change, so only there is it asked for.
        if -box.top != top or -box.bottom != bottom:
            direction = _direction(get_angle(textpage, i))
        run = [char]
        x0, x1, top, bottom = box.left, box.right, -box.top, -box.bottom
    if run:
        glyphs.append(Glyph("".join(run), x0, x1, top, bottom, direction))
    return glyphs


def read_pages(data: bytes, max_pages: int) -> Iterator[Page]:
    """The pages of a PDF, one at a time, as positioned words and lines."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise _unreadable(err) from None
    try:
        check_page_count(len(document), max_pages)
        for index in range(len(document)):
            try:
                page = document[index]
            except pdfium.PdfiumError as err:
                raise UnreadablePdfError(
                    "damaged", f"page {index + 1} is damaged and cannot be read ({err})"
                ) from None
            textpage = raw.FPDFText_LoadPage(page)
            try:
                glyphs = _glyphs(textpage) if textpage else []
            finally:
                if textpage:
                    raw.FPDFText_ClosePage(textpage)
                page.close()
            yield page_from_glyphs(index + 1, glyphs)
    finally:
        document.close()
