"""The outcome of a file does not depend on the engine asked: where the first engine's
reading is doubtful (no table on a page that prints a region table's words, or issues about
its reading), the other engine reads the file too and the better reading counts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import transparantie_parser as tp
from transparantie_parser import api
from transparantie_parser._layout.page import page_from_glyphs
from transparantie_parser._pdf.engine import page_reader
from transparantie_parser._pdf.glyphs import Glyph, GlyphPage

from .conftest import FIXTURES
from .fixture_files import comparable, expected

SEED = FIXTURES / "pdf" / "a-seed-like.pdf"
Reader = Callable[[bytes, int, str | None], Iterator[GlyphPage]]


def _pdfium_reading(change: Callable[[list[Glyph]], list[Glyph]], calls: list[str]
                    ) -> Callable[[tp.Engine], Reader]:
    """``page_reader`` whose PDFium pages are changed by ``change`` (an engine that maps a
    font wrongly, or loses a line); every engine asked is noted in ``calls``."""
    def reader_of(engine: tp.Engine) -> Reader:
        real = page_reader(engine)

        def read(data: bytes, max_pages: int, password: str | None) -> Iterator[GlyphPage]:
            calls.append(engine)
            for page in real(data, max_pages, password):
                yield page if engine == "pdfplumber" else GlyphPage(
                    page.number, change(list(page.glyphs)))
        return read
    return reader_of


def _without_lines_below_the_total(glyphs: list[Glyph]) -> list[Glyph]:
    lines = page_from_glyphs(1, glyphs).lines
    below = next(line.bottom for line in lines if line.text.startswith("TOTAAL"))
    return [g for g in glyphs if g.top < below]


def _digits_unmapped(glyphs: list[Glyph]) -> list[Glyph]:
    # a font whose figures the engine maps to no text: the words are there, the figures not
    return [g._replace(text="".join("\ufffd" if c.isdigit() else c for c in g.text))
            for g in glyphs]


def test_a_footnote_one_engine_loses_is_read_by_the_other(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(api, "page_reader", _pdfium_reading(_without_lines_below_the_total,
                                                            calls))
    reports = tp.parse_pdf(SEED, engine="pdfium")
    assert [comparable(r.to_dict()) for r in reports] == expected(SEED)  # no footnote_missing
    assert calls == ["pdfium", "pdfplumber"]


def test_no_table_on_a_page_with_the_publications_words_asks_the_other_engine(
        monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(api, "page_reader", _pdfium_reading(_digits_unmapped, calls))
    reports = tp.parse_pdf(SEED, engine="pdfium")
    assert [comparable(r.to_dict()) for r in reports] == expected(SEED)
    assert calls == ["pdfium", "pdfplumber"]


def test_of_two_doubtful_readings_the_first_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    # both engines lose the footnote: the first engine's reading, with its issue, counts
    calls: list[str] = []

    def reader_of(engine: tp.Engine) -> Reader:
        real = page_reader(engine)

        def read(data: bytes, max_pages: int, password: str | None) -> Iterator[GlyphPage]:
            calls.append(engine)
            for page in real(data, max_pages, password):
                yield GlyphPage(page.number, _without_lines_below_the_total(list(page.glyphs)))
        return read

    monkeypatch.setattr(api, "page_reader", reader_of)
    (report,) = tp.parse_pdf(SEED, engine="pdfium")
    assert [issue.code for issue in report.issues] == ["footnote_missing"]
    assert calls == ["pdfium", "pdfplumber"]


@pytest.mark.parametrize("pdf", [FIXTURES / "broken" / "annual-report.pdf",
                                 FIXTURES / "pdf" / "g-bundle-2020q4.pdf"],
                         ids=lambda p: Path(p).stem)
def test_a_clear_reading_is_not_read_again(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # no table and no words of one, or tables read without a reading issue: one engine
    calls: list[str] = []
    monkeypatch.setattr(api, "page_reader", _pdfium_reading(lambda glyphs: glyphs, calls))
    try:
        tp.parse_pdf(pdf, engine="pdfium")
    except tp.TransparantieError as err:
        assert err.code == "no_table"
    assert calls == ["pdfium"]
