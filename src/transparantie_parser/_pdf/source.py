"""Where input comes from: a path, bytes or a binary file object, read whole and checked
before any PDF library sees it: is it a whole PDF, and is it within the size limits?"""

from __future__ import annotations

import io
import os
import zlib
from typing import BinaryIO

import regex

from .._numbers import format_count
from ..errors import UnreadablePdfError

PdfSource = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO

#: Default limits: far above any edition of the publication (a page is ~100 KB, a whole
#: quarter ~40 pages), far below what would exhaust a machine.
DEFAULT_MAX_BYTES = 128 * 1024 * 1024
DEFAULT_MAX_PAGES = 1000

# A PDF's end-of-file marker must appear within its last 1024 bytes (PDF 32000-1, 7.5.5);
# a file without one was cut short, and whatever it still holds may be incomplete.
_EOF_WINDOW = 1024
# Readers accept the header anywhere in the first 1024 bytes (PDF 32000-1, Annex H.3, note 1).
_HEADER_WINDOW = 1024
_STREAM_START = regex.compile(rb"stream\r?\n")
_CHUNK = 1 << 16
# Deflate inflates at most 1032 bytes from each byte (a 258-byte match in 2 bits; zlib's
# technical notes): a file this many times smaller than the limit cannot hold a bomb.
_MAX_DEFLATE_RATIO = 1032


def source_name(source: PdfSource) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return "<bytes>"
    return str(getattr(source, "name", "<stream>"))


def _too_large(size: str, max_bytes: int) -> UnreadablePdfError:
    return UnreadablePdfError(
        "too_large", f"is too large: {size}, more than the limit of "
                     f"{format_count(max_bytes)} bytes (max_bytes / --max-bytes)")


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
                    raise _too_large(f"{format_count(size)} bytes", max_bytes)
                data = _read_at_most(handle, max_bytes)
        except IsADirectoryError:
            raise UnreadablePdfError("not_pdf", "is a folder, not a PDF file") from None
        except FileNotFoundError:
            raise UnreadablePdfError("not_found", "cannot be read: no such file or folder"
                                     ) from None
        except OSError as err:
            raise UnreadablePdfError("not_pdf", f"cannot be read: {err.strerror}") from None
    else:
        data = _read_at_most(source, max_bytes)
    if len(data) > max_bytes:
        raise _too_large(f"over {format_count(max_bytes)} bytes", max_bytes)
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


# What files that are not PDFs start with, as users know them: Office documents are ZIP
# archives (OOXML) or OLE2 compound files, and scans come as images.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an older Office document (.doc, .xls or .ppt)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
)
# The folder an OOXML package keeps its main part in says which Office program made it.
_OOXML_PARTS = (("word/", "a Word document (.docx)"), ("xl/", "an Excel workbook (.xlsx)"),
                ("ppt/", "a PowerPoint presentation (.pptx)"))
_QUOTED_START = 60  # characters of an HTML page or text quoted in the message


def _zip_kind(data: bytes) -> str:
    import zipfile  # only for a file that is not a PDF: kept out of every start-up

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        names = []  # cut short: the central directory is at the end
    for prefix, kind in _OOXML_PARTS:
        if any(name.startswith(prefix) for name in names):
            return kind
    return "a ZIP archive (an OpenDocument or other zipped file)"


def _is_html(data: bytes) -> bool:
    return b"<html" in data[:2048].lower()


def looks_like_text(data: bytes) -> bool:
    """Is this plain text (UTF-8, or a Windows code page) rather than a binary file, a PDF
    or an HTML page?"""
    head = data[:_HEADER_WINDOW]
    if b"\x00" in head or b"%PDF-" in head or _is_html(data):
        return False
    return not any(head.startswith(signature) for signature, _ in _SIGNATURES)


def _quoted_start(data: bytes) -> str:
    text = data[:_HEADER_WINDOW].decode("utf-8", errors="replace")
    start = " ".join(text.split())
    return repr(start if len(start) <= _QUOTED_START else start[:_QUOTED_START] + "...")


def _not_a_pdf(data: bytes) -> str:
    """What the file is instead, in the words of someone who saved it."""
    if data.startswith(b"PK\x03\x04"):
        return f"is {_zip_kind(data)}, not a PDF"
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return f"is {kind}, not a PDF"
    if _is_html(data):
        return f"is an HTML page, not a PDF: it starts with {_quoted_start(data)}"
    if looks_like_text(data):
        return (f"is plain text, not a PDF: it starts with {_quoted_start(data)} (a text "
                "extraction can be read when its name ends in .txt)")
    shown = " ".join(f"{byte:02x}" for byte in data[:16])
    return f"is not a PDF: it does not start with '%PDF-' but with bytes {shown}"


# Words that start or end a revision of a PDF: bytes after the last %%EOF that hold one of
# them (or start with an object number) may be an update that was cut short.
_REVISION_WORDS = (b"obj", b"stream", b"xref", b"trailer", b"startxref")


def _junk_after_end(data: bytes) -> bool:
    """A whole PDF followed by bytes that start no further revision: padding (NUL bytes,
    spaces) or garbage that a server or download tool appended. Both engines read such a
    file as the PDF it is; it was not cut short."""
    end = data.rfind(b"%%EOF")
    if end < 0:
        return False
    tail = data[end + 5:]
    return not tail.lstrip()[:1].isdigit() and not any(w in tail for w in _REVISION_WORDS)


# The last cross-reference offset of a file, and what must stand there: a table (``xref``)
# or a cross-reference stream (an object).
_STARTXREF = regex.compile(rb"startxref\s+(\d+)")
_XREF_SECTION = regex.compile(rb"xref|\d+\s+\d+\s+obj")
_AFTER_SPACE = regex.compile(rb"\s*")


def _xref_at(data: bytes, offset: int, *, exactly: bool = True) -> bool:
    """Does a cross-reference section start at ``offset``: exactly there, or (not
    ``exactly``: some writers are off by the line ends before it) after white space?"""
    if not exactly:
        found = _AFTER_SPACE.match(data, offset)
        offset = found.end() if found else offset
    return _XREF_SECTION.match(data, offset) is not None


def _lf_made_crlf(data: bytes) -> bool:
    """Was every LF of the file made CR LF on its way (an FTP transfer in ASCII mode, a
    mail or version-control system that "fixed" line ends)? Then the offsets in the file
    are off by the number of line ends before them, and the binary (compressed) data of its
    streams is changed: its last cross-reference offset points at neither a table nor a
    stream, and would point at one if each CR LF were an LF again. A PDF written with CR LF
    line ends (some producers do) has offsets that fit its bytes, and is not taken for it."""
    found = list(_STARTXREF.finditer(data, max(0, len(data) - _EOF_WINDOW)))
    if not found or b"\r\n" not in data:
        return False
    offset = int(found[-1][1])
    if _xref_at(data, offset):
        return False
    undone = data.replace(b"\r\n", b"\n")
    # exactly there once undone; or, for a writer whose offsets are off by white space,
    # after white space once undone and not even so as it is (a few line ends before the
    # section, and padding, can let the offset still reach it over white space)
    return _xref_at(undone, offset) or (
        not _xref_at(data, offset, exactly=False) and _xref_at(undone, offset, exactly=False))


def check_pdf_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Reject what is plainly not a (whole) PDF, or one too large to read safely: empty
    files, HTML error pages saved as .pdf, downloads cut short, decompression bombs."""
    if not data.strip():
        raise UnreadablePdfError("not_pdf", "is empty (0 bytes of content), not a PDF")
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise UnreadablePdfError("not_pdf", _not_a_pdf(data))
    if b"%%EOF" not in data[-_EOF_WINDOW:] and not _junk_after_end(data):
        raise UnreadablePdfError(
            "damaged",
            f"is damaged: no end-of-file marker (%%EOF) in its last {_EOF_WINDOW} bytes; "
            "the file was probably cut short (an interrupted download or copy)",
        )
    if _lf_made_crlf(data):
        raise UnreadablePdfError(
            "damaged",
            "is damaged: it was probably changed in transfer (every line end LF made CR LF, "
            "as an FTP transfer in text mode does), so its offsets and compressed data no "
            "longer fit; download it again (in binary mode)",
        )
    if len(data) * _MAX_DEFLATE_RATIO > max_bytes and _inflated_size(data, max_bytes) > max_bytes:
        raise _too_large("its compressed streams inflate to", max_bytes)


def check_page_count(count: int, max_pages: int) -> None:
    if count > max_pages:
        raise UnreadablePdfError(
            "too_large", f"is too large: {format_count(count)} pages, more than the limit of "
                         f"{format_count(max_pages)} "
                         "(max_pages / --max-pages)")
