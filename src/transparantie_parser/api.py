"""The two ways in: a PDF (path, bytes or file object) or a text extraction of one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from ._assemble import build_report
from ._engine import DEFAULT_ENGINE, Engine, page_reader
from ._glyphs import GlyphPage
from ._grammar import read_tables
from ._layout import Page, layout_page, pages_from_text
from ._ocr_pages import DEFAULT_OCR, Ocr, OcrPages
from ._source import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PAGES,
    PdfSource,
    check_pdf_bytes,
    read_source,
    source_name,
)
from .errors import NoTableError, TransparantieError, ValidationFailedError
from .records import RegionReport
from .validation import validate

__all__ = ["Engine", "Ocr", "parse_pdf", "parse_text"]

class _PagesRead:
    """Pages handed on one at a time, counted on the way (a document is never held whole)."""

    def __init__(self, pages: Iterable[Page]) -> None:
        self._pages = pages
        self.count = 0
        self.glyphs = 0

    def __iter__(self) -> Iterator[Page]:
        for page in self._pages:
            self.count += 1
            self.glyphs += page.glyph_count
            yield page


def _reports(
    pages: Iterable[Page], *, source: str | None, with_pages: bool, strict: bool,
    ocr: OcrPages | None = None,
) -> list[RegionReport]:
    """The reports of the tables on ``pages``; ``ocr`` (PDFs) says which pages it read by
    OCR, repairs the tables on them and explains a document without text."""
    read = _PagesRead(pages)
    tables = list(read_tables(read))
    if not tables:
        if ocr is not None and not read.glyphs:
            raise ocr.no_text_layer(read.count)
        raise NoTableError(
            "holds no region table of 'Transparantie van klantprofielen' (no 'TOTAAL AMR' "
            "line under a heading such as 'Vierde kwartaal 2020 West-Brabant')"
            + (ocr.unread_note() if ocr is not None else "")
        )
    reports = []
    for table in tables:
        report, reading = build_report(table, source=source, with_pages=with_pages)
        report = attrs.evolve(report, issues=(*reading, *validate(report)))
        reports.append(ocr.finish(table, report) if ocr is not None else report)
    if strict:
        issues = [issue for report in reports for issue in report.issues]
        if issues:
            raise ValidationFailedError(issues)
    return reports


def parse_text(
    text: str, *, source: str | None = None, strict: bool = False
) -> list[RegionReport]:
    """Region reports from a text extraction of the publication, one per table, in order.

    Pages may be separated by form feeds. ``source`` is recorded in the reports and named
    in errors. With ``strict=True`` a table whose figures do not add up raises
    :class:`~transparantie_parser.errors.ValidationFailedError` (code ``invalid``).

    >>> [r.region for r in parse_text(open("fixtures/text/seed-west-brabant-2020q4.txt").read())]
    ['West-Brabant']
    """
    try:
        return _reports(pages_from_text(text), source=source, with_pages=False, strict=strict)
    except TransparantieError as err:
        raise err.with_source(source or "<text>") from None


def parse_pdf(
    source: PdfSource,
    *,
    strict: bool = False,
    engine: Engine = DEFAULT_ENGINE,
    max_pages: int = DEFAULT_MAX_PAGES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    password: str | None = None,
    ocr: Ocr = DEFAULT_OCR,
) -> list[RegionReport]:
    """Region reports from a PDF of the publication, one per table, in page order.

    ``source`` is a path, the file's bytes, or a binary file object. Lines and columns are
    rebuilt from where the text is printed, whatever order the file stores it in.
    ``engine="pdfium"`` reads the same glyphs with PDFium, several times faster; the records
    are the same.

    ``password`` opens a file that needs a user password (one with only an owner password
    opens without). A file of more than ``max_pages`` pages, or more than ``max_bytes``
    bytes (read, or inflated from its compressed streams), is refused with ``too_large``.

    ``ocr`` says which pages are read by OCR (tesseract with Dutch data, installed from the
    system's packages): ``"auto"`` those without a text layer (scans), when tesseract is
    installed; ``"always"`` every page; ``"never"`` none. A table read by OCR has
    ``reading="ocr"``; its figures are checked against its sums and repaired only where an
    OCR reading makes both the row and the column add up, and what stays doubtful is an
    ``ocr_uncertain`` issue naming the figure or name.

    Raises :class:`~transparantie_parser.errors.TransparantieError` with code ``not_found``
    (a path that names nothing), ``not_pdf``, ``encrypted``, ``damaged``, ``no_text_layer``,
    ``ocr_unavailable`` (``ocr="always"`` without tesseract), ``no_table``, ``too_large``,
    ``malformed_number``, ``malformed_table`` or (strict) ``invalid``.
    """
    name = source_name(source)
    recorded = name if not name.startswith("<") else None
    try:
        data = read_source(source, max_bytes)
        check_pdf_bytes(data, max_bytes)
        glyph_pages = page_reader(engine)(data, max_pages, password)
        return _pdf_reports(data, glyph_pages, ocr=ocr, password=password, source=recorded,
                            strict=strict)
    except TransparantieError as err:
        raise err.with_source(name) from None


def _pdf_reports(data: bytes, glyph_pages: Iterable[GlyphPage], *, ocr: Ocr,
                 password: str | None, source: str | None, strict: bool
                 ) -> list[RegionReport]:
    """The reports of a PDF's pages of glyphs, the pages that need it read by OCR."""
    scans = OcrPages(data, ocr, password)
    pages = (layout_page(page) for page in scans.pages(glyph_pages))
    return _reports(pages, source=source, with_pages=True, strict=strict, ocr=scans)
