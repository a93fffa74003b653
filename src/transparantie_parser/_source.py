"""Where input comes from: a path, bytes or a binary file object, read whole and checked for
the marks every PDF carries before any PDF library sees it."""

from __future__ import annotations

import os
from typing import BinaryIO

from .errors import UnreadablePdfError

PdfSource = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO

# A PDF's end-of-file marker must appear within its last 1024 bytes (PDF 32000-1, 7.5.5);
# a file without one was cut short, and whatever it still holds may be incomplete.
_EOF_WINDOW = 1024


def source_name(source: PdfSource) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "<bytes>"
    return str(getattr(source, "name", "<stream>"))


def read_source(source: PdfSource) -> bytes:
    """All bytes of the input."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, (str, os.PathLike)):
        try:
            with open(source, "rb") as handle:
                return handle.read()
        except IsADirectoryError:
            raise UnreadablePdfError("not_pdf", "is a folder, not a PDF file") from None
        except OSError as err:
            raise UnreadablePdfError("not_pdf", f"cannot be read: {err.strerror}") from None
    data = source.read()
    if not isinstance(data, bytes):
        raise TypeError("parse_pdf needs a binary file object (open the file with 'rb')")
    return data


def check_pdf_bytes(data: bytes) -> None:
    """Reject what is plainly not a (whole) PDF: empty files, HTML error pages saved as .pdf,
    downloads cut short."""
    if not data.strip():
        raise UnreadablePdfError("not_pdf", "is empty (0 bytes of content), not a PDF")
    head = data[:1024]
    if b"%PDF-" not in head:
        start = data[:40].decode("latin-1").strip()
        kind = "an HTML page" if b"<html" in data[:2048].lower() else "not a PDF"
        raise UnreadablePdfError(
            "not_pdf", f"is {kind}: it does not start with '%PDF-' but with {start!r}"
        )
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise UnreadablePdfError(
            "damaged",
            f"is damaged: no end-of-file marker (%%EOF) in its last {_EOF_WINDOW} bytes; "
            "the file was probably cut short (an interrupted download or copy)",
        )
