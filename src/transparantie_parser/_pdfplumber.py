"""PDF bytes -> pages of positioned glyphs, read with pdfplumber (pdfminer.six).

The only module that knows pdfplumber. Whatever pdfminer raises stays in here: callers see a
:class:`~transparantie_parser.errors.TransparantieError`.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pdfplumber
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import PDFObjRef

from ._layout import Glyph, Page, page_from_glyphs
from ._source import check_page_count
from .errors import UnreadablePdfError

T = TypeVar("T")


def _direction(matrix: tuple[float, ...]) -> int:
    """Reading direction of a glyph from its text matrix, to the nearest quarter turn."""
    a, b = matrix[0], matrix[1]
    return round(math.degrees(math.atan2(b, a)) / 90) % 4 * 90


def _glyphs(chars: list[dict[str, Any]]) -> list[Glyph]:
    return [
        Glyph(c["text"], c["x0"], c["x1"], c["top"], c["bottom"], _direction(c["matrix"]))
        for c in chars
    ]


def _is_password_error(err: BaseException) -> bool:
    seen: BaseException | None = err
    while seen is not None:
        if isinstance(seen, (PDFPasswordIncorrect, PDFEncryptionError)):
            return True
        seen = seen.__cause__ or seen.__context__ or (
            seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        )
    return False


def _said(err: BaseException) -> str:
    """What pdfminer said, on one line and not too long: it can quote binary junk."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(err))
    return text if len(text) <= 120 else text[:117] + "..."


def _unreadable(err: Exception) -> UnreadablePdfError:
    if _is_password_error(err):
        return UnreadablePdfError(
            "encrypted", "is encrypted and needs a password to open (a user password is set)"
        )
    return UnreadablePdfError("damaged", f"is damaged and cannot be read ({_said(err)})")


def _out_of_memory() -> UnreadablePdfError:
    return UnreadablePdfError("too_large", "needs more memory to read than may be used")


def _nested() -> UnreadablePdfError:
    return UnreadablePdfError(
        "too_large", "nests its objects too deeply to be read (or they refer to each other "
                     "in a circle)")


def _check_reference_loops(document: PDFDocument) -> None:
    """pdfminer follows an object that is only a reference to another object until it
    finds something else, so objects that refer to each other in a circle would keep it
    busy for ever. Follow each such chain once, here, and refuse a circle."""
    for xref in document.xrefs:
        for objid in xref.get_objids():
            seen = {objid}
            target = document.getobj(objid)
            while isinstance(target, PDFObjRef):
                if target.objid in seen:
                    raise UnreadablePdfError(
                        "too_large", f"cannot be read: object {objid} refers to itself "
                                     "through a circle of references, without end")
                seen.add(target.objid)
                target = document.getobj(target.objid)


def _guarded(step: Callable[[], T], page: int | None = None) -> T:
    """Run one step of pdfminer's work, turning whatever it raises into our errors."""
    try:
        return step()
    except UnreadablePdfError:
        raise
    except RecursionError:
        raise _nested() from None
    except MemoryError:
        raise _out_of_memory() from None
    except Exception as err:  # pdfminer raises many types; all mean "cannot read"
        if "allocate" in str(err):  # zlib's way of saying it ran out of memory
            raise _out_of_memory() from None
        if page is not None:
            raise UnreadablePdfError(
                "damaged", f"page {page} is damaged and cannot be read ({_said(err)})") from None
        raise _unreadable(err) from None


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


def read_pages(data: bytes, max_pages: int) -> Iterator[Page]:
    """The pages of a PDF, one at a time, as positioned words and lines."""
    watch = _DataLoss()
    logger = logging.getLogger("pdfminer")
    logger.addHandler(watch)
    try:
        yield from _read_pages(data, max_pages, watch)
    finally:
        logger.removeHandler(watch)


def _read_pages(data: bytes, max_pages: int, watch: _DataLoss) -> Iterator[Page]:
    pdf = _guarded(lambda: pdfplumber.open(io.BytesIO(data)))
    _guarded(lambda: _check_reference_loops(pdf.doc))
    pages = _guarded(lambda: pdf.pages)
    try:
        check_page_count(len(pages), max_pages)
        for page in pages:
            chars = _guarded(lambda: page.chars, page.page_number)  # noqa: B023 - used at once
            if watch.seen:
                raise UnreadablePdfError(
                    "damaged", f"page {page.page_number} is damaged: a compressed stream "
                               f"cannot be inflated whole ({watch.seen})")
            yield page_from_glyphs(page.page_number, _glyphs(chars))
            page.close()  # frees the page's parsed objects: memory stays flat on long files
    finally:
        # only once the pages are read: pdfplumber's close() reads them (again)
        with contextlib.suppress(Exception):
            pdf.close()
