"""Stray words added to the layouts of the fixture PDFs (a note beside the header row, a
mark between two columns, a figure on a line of its own above a row): the grammar reads every
such document to reports or a TransparantieError, never another exception.

Inserting words at the layout (not drawing new PDFs) reaches places no producer template
of the random-layout test prints text: it found a header word that no column could take,
which left the header's cut without a solution (a KeyError, an internal error for a user).
"""

from __future__ import annotations

import contextlib
import functools
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import transparantie_parser as tp
from transparantie_parser._layout.page import Line, Page, Word, layout_page
from transparantie_parser._pdf import pdfium
from transparantie_parser.api import _reports

from .fixture_files import pdfs

TEXTS = ["x", "(personen)", "123", "1.234", "12,5", "-", "*", "%", "Totaal", "TOTAAL",
         "Gemeente", "kwartaal", "2020", "Bron: UWV"]
PAGE_WIDTH = 842.0  # points: an A4 page on its side, the widest the fixtures print


@functools.cache
def _layouts() -> tuple[tuple[Page, ...], ...]:
    """The laid-out pages of every fixture PDF with a table (PDFium's glyphs)."""
    documents = []
    for pdf in [*pdfs("pdf"), *pdfs("producers"), *pdfs("layouts"), *pdfs("issues")]:
        with contextlib.suppress(tp.TransparantieError):
            pages = pdfium.read_pages(pdf.read_bytes(), max_pages=50)
            documents.append(tuple(layout_page(page) for page in pages))
    return tuple(documents)


@st.composite
def strayed(draw: st.DrawFn) -> list[Page]:
    """A fixture's pages with one to three words added to one page: on a line, or on a line
    of its own just above or below one."""
    pages = list(draw(st.sampled_from(_layouts())))
    index = draw(st.integers(0, len(pages) - 1))
    page = pages[index]
    lines = list(page.lines)
    for _ in range(draw(st.integers(1, 3)) if lines else 0):
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        text = draw(st.sampled_from(TEXTS))
        edges = [x for word in line.words for x in (word.x0, word.x1)]
        x0 = draw(st.floats(0, PAGE_WIDTH) | st.sampled_from(edges).flatmap(
            lambda edge: st.floats(edge - 20, edge + 40)))
        height = line.bottom - line.top
        shift = draw(st.sampled_from([0.0, -2.0, -1.0, -0.6, 0.6, 1.0, 2.0])) * height
        word = Word(text, x0, x0 + 0.5 * height * len(text), line.top + shift,
                    line.bottom + shift)
        if shift == 0:
            lines[at] = Line(line.page, tuple(sorted([*line.words, word], key=lambda w: w.x0)))
        else:
            lines.insert(at + (shift > 0), Line(line.page, (word,)))
    pages[index] = Page(page.number, tuple(lines), page.rotated_lines, page.glyph_count)
    return pages


def _read(pages: list[Page]) -> None:
    with contextlib.suppress(tp.TransparantieError):
        _reports(iter(pages), source=None, with_pages=True, strict=False)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strayed())
def test_stray_words_in_a_layout_give_reports_or_a_clear_error(pages: list[Page]) -> None:
    _read(pages)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("STRAY_EXAMPLES", "3000")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(strayed())
def test_many_stray_words_give_reports_or_a_clear_error(pages: list[Page]) -> None:
    _read(pages)
