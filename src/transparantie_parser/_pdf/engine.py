"""The PDF engines: their names and how to get one.

An engine (``pdfplumber``, ``pdfium``) turns a PDF's bytes into pages of glyphs
(:class:`~.glyphs.GlyphPage`) and nothing more; the layout is the caller's. The engines
share one error boundary (``boundary``), which they import; this registry imports them
only when one is asked for, so no import goes round in a circle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Literal, get_args

from .boundary import PageUnreadable
from .glyphs import GlyphPage

__all__ = [
    "DEFAULT_ENGINE",
    "ENGINES",
    "Engine",
    "PageReader",
    "PageUnreadable",
    "page_reader",
]

Engine = Literal["pdfplumber", "pdfium"]
ENGINES: tuple[Engine, ...] = get_args(Engine)
DEFAULT_ENGINE: Engine = "pdfium"

#: ``read_pages(data, max_pages, password)``: the pages of a PDF, one at a time, as glyphs;
#: ``password`` (None for none) opens a file that needs a user password.
PageReader = Callable[[bytes, int, str | None], Iterator[GlyphPage]]


def page_reader(engine: Engine) -> PageReader:
    """The ``read_pages`` of ``engine``; its PDF library is imported on first use."""
    if engine == "pdfplumber":
        from .pdfplumber import read_pages

        return read_pages
    if engine == "pdfium":
        from .pdfium import read_pages as read_with_pdfium

        return read_with_pdfium
    raise ValueError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
