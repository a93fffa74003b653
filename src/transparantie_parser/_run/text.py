"""Text input (a ``.txt`` extraction of a publication): read within a size limit and decoded
as UTF-8 (a byte-order mark allowed) or, failing that, as Windows tools save text."""

from __future__ import annotations

from .._numbers import format_count
from ..errors import TransparantieError

__all__ = ["decode", "read_text"]


def read_text(path: str, max_bytes: int) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise TransparantieError("not_found", "no such file or folder") from None
    except OSError as err:
        raise TransparantieError("not_text", f"cannot be read: {err.strerror}") from None
    if len(data) > max_bytes:
        raise TransparantieError("too_large",
                                 f"is more than {format_count(max_bytes)} bytes of text")
    return decode(data)


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # text saved by Windows tools
