"""The two ways in: a PDF (path, bytes or file object) or a text extraction of one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from ._assemble import build_report
from ._engine import DEFAULT_ENGINE, Engine, page_reader
from ._grammar import read_tables
from ._layout import Page, layout_page, pages_from_text
from ._source import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PAGES,
    PdfSource,
    check_pdf_bytes,
    read_source,
    source_name,
)
from .errors import NoTableError, TransparantieError, UnreadablePdfError, ValidationFailedError
from .records import RegionReport
from .validation import validate

__all__ = ["Engine", "parse_pdf", "parse_text"]

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
    pages: Iterable[Page], *, source: str | None, with_pages: bool, strict: bool
) -> list[RegionReport]:
    read = _PagesRead(pages)
    tables = list(read_tables(read))
    if not tables:
        if with_pages and not read.glyphs:
            raise UnreadablePdfError(
                "no_text_layer",
                f"has no text layer on any of its {read.count} page(s): probably a scan; "
                "OCR is out of scope: use the PDF as published (with text)",
            )
        raise NoTableError(
            "holds no region table of 'Transparantie van klantprofielen' (no 'TOTAAL AMR' "
            "line under a heading such as 'Vierde kwartaal 2020 West-Brabant')"
        )
    reports = []
    for table in tables:
        report, reading = build_report(table, source=source, with_pages=with_pages)
        reports.append(attrs.evolve(report, issues=(*reading, *validate(report))))
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
) -> list[RegionReport]:
    """Region reports from a PDF of the publication, one per table, in page order.

    ``source`` is a path, the file's bytes, or a binary file object. Lines and columns are
    rebuilt from where the text is printed, whatever order the file stores it in.
    ``engine="pdfium"`` reads the same glyphs with PDFium, several times faster; the records
    are the same.

    ``password`` opens a file that needs a user password (one with only an owner password
    opens without). A file of more than ``max_pages`` pages, or more than ``max_bytes``
    bytes (read, or inflated from its compressed streams), is refused with ``too_large``.

    Raises :class:`~transparantie_parser.errors.TransparantieError` with code ``not_found``
    (a path that names nothing), ``not_pdf``, ``encrypted``, ``damaged``, ``no_text_layer``,
    ``no_table``, ``too_large``, ``malformed_number``, ``malformed_table`` or (strict)
    ``invalid``.
    """
    name = source_name(source)
    recorded = name if not name.startswith("<") else None
    try:
        data = read_source(source, max_bytes)
        check_pdf_bytes(data, max_bytes)
        glyph_pages = page_reader(engine)(data, max_pages, password)
        pages = (layout_page(page) for page in glyph_pages)
        return _reports(pages, source=recorded, with_pages=True, strict=strict)
    except TransparantieError as err:
        raise err.with_source(name) from None
