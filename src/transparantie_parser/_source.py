"""Where input comes from: a path, bytes or a binary file object, read whole and checked
before any PDF library sees it: is it a whole PDF, and is it within the size limits?"""

from __future__ import annotations

import os
import zlib
from typing import BinaryIO

import regex

from .errors import UnreadablePdfError

PdfSource = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO

#: Default limits: far above any edition of the publication (a page is ~100 KB, a whole
#: quarter ~40 pages), far below what would exhaust a machine.
DEFAULT_MAX_BYTES = 128 * 1024 * 1024
DEFAULT_MAX_PAGES = 1000

# A PDF's end-of-file marker must appear within its last 1024 bytes (PDF 32000-1, 7.5.5);
# a file without one was cut short, and whatever it still holds may be incomplete.
_EOF_WINDOW = 1024
_STREAM_START = regex.compile(rb"stream\r?\n")
_CHUNK = 1 << 16


def source_name(source: PdfSource) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "<bytes>"
    return str(getattr(source, "name", "<stream>"))


def _too_large(size: str, max_bytes: int) -> UnreadablePdfError:
    return UnreadablePdfError(
        "too_large", f"is too large: {size}, more than the limit of {max_bytes:,} bytes "
                     "(max_bytes / --max-bytes)")


def _read_at_most(handle: BinaryIO, max_bytes: int) -> bytes:
    """Up to ``max_bytes`` + 1 bytes, in pieces (``read(n)`` would set aside n bytes at once)."""
    pieces = []
    size = 0
    while size <= max_bytes:
        piece = handle.read(min(1 << 20, max_bytes + 1 - size))
        if not isinstance(piece, bytes):
            raise TypeError("parse_pdf needs a binary file object (open the file with 'rb')")
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    return b"".join(pieces)


def read_source(source: PdfSource, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """All bytes of the input, refusing more than ``max_bytes``."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
    elif isinstance(source, (str, os.PathLike)):
        try:
            with open(source, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                if size > max_bytes:
                    raise _too_large(f"{size:,} bytes", max_bytes)
                data = _read_at_most(handle, max_bytes)
        except IsADirectoryError:
            raise UnreadablePdfError("not_pdf", "is a folder, not a PDF file") from None
        except OSError as err:
            raise UnreadablePdfError("not_pdf", f"cannot be read: {err.strerror}") from None
    else:
        data = _read_at_most(source, max_bytes)
    if len(data) > max_bytes:
        raise _too_large(f"over {max_bytes:,} bytes", max_bytes)
    return data


def _inflated_size(data: bytes, budget: int) -> int:
    """How many bytes the file's Flate streams inflate to, counting no further than
    ``budget`` + 1: a small file can hold a stream that inflates to gigabytes, and a PDF
    library would inflate it whole, in memory, before anything could stop it.

    Streams that are not Flate-compressed, or are encrypted, are not counted.
    """
    total = 0
    for start in _STREAM_START.finditer(data):
        inflater = zlib.decompressobj()
        position = start.end()
        try:
            while not inflater.eof and total <= budget:
                pending = inflater.unconsumed_tail
                if not pending:
                    if position >= len(data):
                        break
                    pending = data[position: position + _CHUNK]
                    position += _CHUNK
                # a bounded piece at a time: counting must not itself need the memory
                total += len(inflater.decompress(pending, min(_CHUNK, budget + 1 - total)))
        except zlib.error:
            continue  # not Flate data (another filter, or encrypted)
        if total > budget:
            break
    return total


def check_pdf_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Reject what is plainly not a (whole) PDF, or one too large to read safely: empty
    files, HTML error pages saved as .pdf, downloads cut short, decompression bombs."""
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
    if _inflated_size(data, max_bytes) > max_bytes:
        raise _too_large("its compressed streams inflate to", max_bytes)


def check_page_count(count: int, max_pages: int) -> None:
    if count > max_pages:
        raise UnreadablePdfError(
            "too_large", f"is too large: {count:,} pages, more than the limit of {max_pages:,} "
                         "(max_pages / --max-pages)")
