"""Hand-made PDF files for hostile-input tests: exact control over every object."""

from __future__ import annotations

import zlib
from collections.abc import Sequence


def pdf_file(objects: Sequence[bytes], *, root: int = 1, crlf: bool = False) -> bytes:
    """A PDF whose object N (1-based) has the body ``objects[N - 1]``, with a correct
    cross-reference table; ``crlf``: its own lines end in CR LF (the objects' are theirs)."""
    eol = b"\r\n" if crlf else b"\n"
    entry_end = b"\r\n" if crlf else b" \n"  # an xref entry is 20 bytes either way
    out = bytearray(b"%PDF-1.7" + eol + b"%\xe2\xe3\xcf\xd3" + eol)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj" % number + eol + body + eol + b"endobj" + eol
    xref = len(out)
    out += b"xref" + eol + b"0 %d" % (len(objects) + 1) + eol + b"0000000000 65535 f" + entry_end
    for offset in offsets:
        out += b"%010d 00000 n" % offset + entry_end
    out += (b"trailer" + eol + b"<< /Size %d /Root %d 0 R >>" % (len(objects) + 1, root) + eol
            + b"startxref" + eol + b"%d" % xref + eol + b"%%EOF" + eol)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"", *, compressed: bytes | None = None) -> bytes:
    """A stream object body; ``compressed`` is Flate data to store as is."""
    if compressed is None:
        return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"
    return (b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(compressed), extra)
            + compressed + b"\nendstream")


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def text_page_pdf(lines: Sequence[str], *, pages: int = 1) -> bytes:
    """``pages`` pages that share one content stream printing ``lines`` top to bottom."""
    ops = bytearray(b"BT /F1 9 Tf 12 TL 42 550 Td\n")
    for line in lines:
        escaped = line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(")
        ops += b"(" + escaped.replace(b")", b"\\)") + b") Tj T*\n"
    ops += b"ET"
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        FONT,
        stream(bytes(ops)),
    ]
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
    return pdf_file(objects)


def zero_bomb(gibibytes: float) -> bytes:
    """Zlib data that inflates to ``gibibytes`` GiB of zero bytes, at about 1/1000 the size:
    one fully flushed compressed MiB of zeros, repeated, with the right checksum."""
    mib = bytes(1 << 20)
    compressor = zlib.compressobj(9)
    head = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    # a fully flushed block does not refer back to earlier data, so it can repeat
    repeat = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = int(gibibytes * 1024)
    checksum = 1
    for _ in range(count):
        checksum = zlib.adler32(mib, checksum)
    tail = compressor.flush(zlib.Z_FINISH)
    # the compressor's own trailer holds the checksum of what it saw (2 MiB): replace it
    body = head + repeat * (count - 1) + tail[:-4]
    return body + checksum.to_bytes(4, "big")


def page_objects(contents: bytes) -> list[bytes]:
    """Objects of a one-page PDF whose content stream object is ``contents``."""
    return [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            FONT, contents,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"]
