"""PDF bytes -> pages of positioned glyphs, read with pdfplumber (pdfminer.six).

The only module that knows pdfplumber. Whatever pdfminer raises stays in here: callers see a
:class:`~transparantie_parser.errors.TransparantieError`.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterator
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from ._layout import Glyph, Page, page_from_glyphs
from .errors import UnreadablePdfError


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


def _unreadable(err: Exception) -> UnreadablePdfError:
    if _is_password_error(err):
        return UnreadablePdfError(
            "encrypted", "is encrypted and needs a password to open (a user password is set)"
        )
    return UnreadablePdfError("damaged", f"is damaged and cannot be read ({err})")


def read_pages(data: bytes) -> Iterator[Page]:
    """The pages of a PDF, one at a time, as positioned words and lines."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as err:  # pdfminer raises many types; all mean "cannot open"
        raise _unreadable(err) from None
    with pdf:
        try:
            pages = pdf.pages
        except Exception as err:
            raise _unreadable(err) from None
        for page in pages:
            try:
                chars = page.chars
            except Exception as err:
                raise UnreadablePdfError(
                    "damaged", f"page {page.page_number} is damaged and cannot be read ({err})"
                ) from None
            yield page_from_glyphs(page.page_number, _glyphs(chars))
            page.close()  # frees the page's parsed objects: memory stays flat on long files
