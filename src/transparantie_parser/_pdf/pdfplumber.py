"""PDF bytes -> pages of positioned glyphs, read with pdfplumber (pdfminer.six).

The only module that knows pdfplumber. Whatever pdfminer raises stays in here: callers see a
:class:`~transparantie_parser.errors.TransparantieError` (see :func:`.boundary.boundary`).
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import pdfplumber
from pdfminer.cmapdb import CMap
from pdfminer.layout import LTChar, LTContainer
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdffont import PDFCIDFont, PDFFont
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import PDFObjRef
from pdfplumber.page import Page
from pdfplumber.pdf import PDF
from pdfplumber.utils.exceptions import PdfminerException

from ..errors import UnreadablePdfError
from .boundary import PageUnreadable, boundary
from .glyphs import Glyph, GlyphPage, direction_of, shown_area
from .rect import Rect
from .source import check_page_count


def _direction(matrix: tuple[float, ...]) -> int:
    """Reading direction of a glyph from its text matrix (:func:`direction_of`)."""
    a, b = matrix[0], matrix[1]
    return direction_of(math.degrees(math.atan2(b, a)))


def _box(values: Any) -> Rect:
    """A PDF rectangle as (left, bottom, right, top), whichever corners it names."""
    x0, y0, x1, y1 = (float(v) for v in values)
    return Rect(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _turn(rotate: int, media: Rect, x: float, y: float) -> tuple[float, float]:
    """A point of the page's own space in the frame pdfminer places characters in: turned
    by ``/Rotate`` and moved to the MediaBox's corner (``PDFPageInterpreter.process_page``)."""
    x0, y0, x1, y1 = media
    if rotate == 90:
        return y - y0, x1 - x
    if rotate == 180:
        return x1 - x, y1 - y
    if rotate == 270:
        return y1 - y, x - x0
    return x - x0, y - y0


def _shown_area(page: Any) -> Rect:
    """The part of the page a viewer shows, in pdfminer's frame (left, bottom, right, top)."""
    document_page = page.page_obj
    media = _box(document_page.mediabox)
    crop = _box(document_page.cropbox or document_page.mediabox)
    left, bottom, right, top = shown_area(media, crop)  # y upwards here: the same rule
    corners = [_turn(document_page.rotate, media, x, y) for x, y in ((left, bottom), (right, top))]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    return Rect(min(xs), min(ys), max(xs), max(ys))


def _characters(items: Iterable[Any]) -> Iterator[LTChar]:
    """pdfminer's characters of a page, those inside Form XObjects (figures) included."""
    for item in items:
        if isinstance(item, LTChar):
            yield item
        elif isinstance(item, LTContainer):
            yield from _characters(item)


def _glyphs(page: Any, area: Rect) -> list[Glyph]:
    """The characters of ``page`` set inside ``area`` (pdfminer's frame), as glyphs placed
    from the area's top left (y downwards): the page as a viewer shows it, whatever part
    of a larger sheet its CropBox cuts out.

    A character counts when its origin (the start of its baseline) lies in the area: its box
    is the font's, and a font with a deep descent or a tall FontBBox puts the centre of the
    box of a printed character outside a small page. pdfminer's own character objects are
    read directly: pdfplumber's ``page.chars`` first turns every object of the page (lines,
    rectangles, curves too) into a dictionary, which costs as much as all the rest."""
    left, bottom, right, top = area
    directions: dict[tuple[float, float], int] = {}  # a page has few text matrices' turns
    glyphs = []
    for c in _characters(page.layout):
        a, b, _, _, x, y = c.matrix
        if not (left <= x <= right and bottom <= y <= top):
            continue
        direction = directions.get((a, b))
        if direction is None:
            direction = directions[a, b] = _direction(c.matrix)
        glyphs.append(Glyph(c.get_text(), c.x0 - left, c.x1 - left, top - c.y1, top - c.y0,
                            direction))
    return glyphs


def _is_password_error(err: BaseException) -> bool:
    """pdfminer says a password is needed. (Its PDFEncryptionError is not that: it means an
    encryption dictionary it cannot use (a crypt filter or algorithm it lacks, an /Encrypt
    entry that leads to no dictionary), which PDFium may well open.)"""
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, PDFPasswordIncorrect):
            return True
        seen = seen.__cause__ or seen.__context__ or (
            seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        )
    return False


def _object(document: PDFDocument, objid: int) -> object:
    """Object ``objid``, or None when pdfminer cannot find or parse it.

    An xref table may list objects that are not there (iText writes entries such as
    ``0000000000 65536 n``) or cannot be parsed. pdfminer reads a reference to such an
    object as null when a page needs it, and never reads an object no page needs: the
    check below must not be stricter than that. A page that does need a broken object fails
    when it is read, with its own error.
    """
    try:
        return document.getobj(objid)
    except MemoryError:
        raise
    except Exception:  # PDFObjectNotFound, PSSyntaxError, RecursionError, ...
        return None


def _check_reference_loops(document: PDFDocument) -> None:
    """pdfminer follows an object that is only a reference to another object until it
    finds something else, so objects that refer to each other in a circle would keep it
    busy for ever. Follow each such chain once, here, and refuse a circle."""
    for xref in document.xrefs:
        for objid in xref.get_objids():
            seen = {objid}
            target = _object(document, objid)
            while isinstance(target, PDFObjRef):
                if target.objid in seen:
                    raise UnreadablePdfError(
                        "too_large", f"cannot be read: object {objid} refers to itself "
                                     "through a circle of references, without end")
                seen.add(target.objid)
                target = _object(document, target.objid)


def _reading(page: int | None = None) -> contextlib.AbstractContextManager[None]:
    return boundary(_is_password_error, page=page)


class _DataLoss(logging.Handler):
    """Notices pdfminer saying it inflated a corrupt stream only in part (it goes on with
    what it got): a page read from such a stream could silently miss rows."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.seen: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and "Data-loss" in record.getMessage():
            self.seen = record.getMessage()


class _FontWatch(PDFResourceManager):
    """Notices fonts whose character codes pdfminer cannot map to characters: a composite
    font whose CMap is embedded under a name pdfminer does not know gets an empty CMap, and
    all text set in it is dropped without a word (PDFium reads it)."""

    def __init__(self) -> None:
        super().__init__(caching=True)
        self.unmapped: set[str] = set()

    def get_font(self, objid: object, spec: Any) -> PDFFont:
        font = super().get_font(objid, spec)
        if isinstance(font, PDFCIDFont) and type(font.cmap) is CMap and not font.cmap.code2cid:
            self.unmapped.add(str(font.basefont))
        return font


def read_pages(data: bytes, max_pages: int, password: str | None = None
               ) -> Iterator[GlyphPage]:
    """The pages of a PDF, one at a time, as positioned glyphs."""
    watch = _DataLoss()
    logger = logging.getLogger("pdfminer")
    logger.addHandler(watch)
    try:
        yield from _read_pages(data, max_pages, password, watch)
    finally:
        logger.removeHandler(watch)


def _page_objects(document: PDFDocument) -> Iterator[PDFPage]:
    """pdfminer's pages, its errors wrapped as pdfplumber wraps them: a RecursionError in
    the page tree is then this engine's limit (``damaged``, the other engine may read the
    file), not the file's (``too_large``)."""
    pages = PDFPage.create_pages(document)
    while True:
        try:
            yield next(pages)
        except StopIteration:
            return
        except Exception as err:
            raise PdfminerException(err) from err


def _document_pages(pdf: PDF) -> Iterator[Page]:
    """The pages one at a time. Not ``pdf.pages``: that list holds every page of the file
    (a 1,000-page file of prose grew 10 MiB past a 100-page one, half of it this list)."""
    for number, document_page in enumerate(_page_objects(pdf.doc), start=1):
        yield Page(pdf, document_page, page_number=number, initial_doctop=0)


def _read_pages(data: bytes, max_pages: int, password: str | None, watch: _DataLoss
                ) -> Iterator[GlyphPage]:
    with boundary(_is_password_error, password_given=password is not None):
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
        _check_reference_loops(pdf.doc)
        count = sum(1 for _ in _page_objects(pdf.doc))  # counted, not kept
    check_page_count(count, max_pages)
    fonts = pdf.rsrcmgr = _FontWatch()
    pages = _document_pages(pdf)
    for number in range(1, count + 1):
        fonts.unmapped.clear()
        with _reading(number):
            page = next(pages)
            glyphs = _glyphs(page, _shown_area(page))
        if fonts.unmapped:
            raise PageUnreadable(
                "damaged", f"page {number} has a font whose character codes pdfminer cannot "
                           "map to text (its embedded CMap is unknown): "
                           f"{', '.join(sorted(fonts.unmapped))}")
        if watch.seen:
            raise PageUnreadable(
                "damaged", f"page {number} is damaged: a compressed stream cannot be "
                           f"inflated whole ({watch.seen})")
        page.close()  # frees the page's parsed objects: memory stays flat on long files
        yield GlyphPage(number, glyphs)
    # pdfplumber's own close() is not called: it would make every page (again) to close it;
    # the pages are closed one by one above, and the stream is ours
