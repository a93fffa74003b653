"""How each file of a batch is read: :class:`ParseOptions`, public as
``transparantie_parser.batch.ParseOptions``."""

from __future__ import annotations

import attrs

from .._ocr.pages import DEFAULT_OCR, Ocr
from .._pdf.engine import DEFAULT_ENGINE, Engine
from .._pdf.source import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES

__all__ = ["DEFAULT_MAX_MEMORY", "DEFAULT_TIMEOUT", "ParseOptions"]

#: Address space one worker may use: a file that needs more fails alone with ``too_large``.
DEFAULT_MAX_MEMORY = 4 * 1024**3
#: Seconds one file may take: a page takes well under a second; a file that takes a minute
#: is stuck in something other than the publication.
DEFAULT_TIMEOUT = 60.0


def _limit(value: float | None) -> float | None:
    return value or None  # 0 means no limit, as None does


@attrs.frozen
class ParseOptions:
    """How each file is read.

    ``timeout`` (seconds; None or 0 for no limit) bounds one file; ``max_pages`` and
    ``max_bytes`` are :func:`~transparantie_parser.parse_pdf`'s limits; ``max_memory`` (bytes,
    None for none) caps each worker process; ``password`` opens PDFs that need a user
    password (never shown in ``repr``). With ``strict``, a table whose figures do not add up
    is left out of :attr:`FileOutcome.reports` and kept in :attr:`FileOutcome.rejected`.
    ``debug`` puts the traceback of an unexpected error (a bug) in its message. ``ocr`` says
    which pages are read by OCR, as in :func:`~transparantie_parser.parse_pdf` (a scanned
    page takes a few seconds: raise ``timeout`` for long scanned files).

    >>> ParseOptions(engine="pdfium", timeout=0).timeout is None
    True
    """

    engine: Engine = DEFAULT_ENGINE
    timeout: float | None = attrs.field(default=DEFAULT_TIMEOUT, converter=_limit)
    max_pages: int = DEFAULT_MAX_PAGES
    max_bytes: int = DEFAULT_MAX_BYTES
    max_memory: int | None = DEFAULT_MAX_MEMORY
    strict: bool = False
    debug: bool = False
    password: str | None = attrs.field(default=None, repr=False)
    ocr: Ocr = DEFAULT_OCR
