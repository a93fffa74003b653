"""The two ways in: a PDF (path, bytes or file object) or a text extraction of one."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ._assemble import build_report
from ._grammar import LeftOutTable, RegionTable, UnreadTable, read_tables
from ._layout.page import Page, layout_page, pages_from_text
from ._names import normalize_text
from ._ocr.pages import DEFAULT_OCR, Ocr, OcrPages
from ._pdf.engine import DEFAULT_ENGINE, ENGINES, Engine, PageUnreadable, page_reader
from ._pdf.source import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PAGES,
    PdfSource,
    check_pdf_bytes,
    read_source,
    source_name,
)
from ._witness import witness
from .errors import (
    MalformedTableError,
    NoTableError,
    PagesNotReadWarning,
    PartlyReadError,
    TableFailure,
    TableLeftOutWarning,
    TransparantieError,
    UnreadablePdfError,
    ValidationFailedError,
)
from .records import RegionReport
from .validation import validate

if TYPE_CHECKING:
    from ._pdf.tagged import TaggedTable

__all__ = ["Engine", "Ocr", "parse_pdf", "parse_text"]

# Words of the publication: a page that prints both holds, or looks as if it held, a region
# table (the quarter's heading and the TOTAAL AMR line).
_PUBLICATION_WORDS = ("kwartaal", "totaal")


def _prints_publication_words(page: Page) -> bool:
    words = {word.text.casefold() for line in page.lines for word in line.words}
    return all(word in words for word in _PUBLICATION_WORDS)


class _PagesRead:
    """Pages handed on one at a time, counted on the way (a document is never held whole);
    ``failure`` keeps what stopped the reading, if anything did, and ``publication_words``
    whether a page printed the words of a region table."""

    def __init__(self, pages: Iterable[Page]) -> None:
        self._pages = pages
        self.count = 0
        self.glyphs = 0
        self.failure: UnreadablePdfError | None = None
        self.publication_words = False

    def __iter__(self) -> Iterator[Page]:
        try:
            for page in self._pages:
                self.count += 1
                self.glyphs += page.glyph_count
                if not self.publication_words:
                    self.publication_words = _prints_publication_words(page)
                yield page
        except UnreadablePdfError as err:
            self.failure = err
            raise


class _Structure:
    """A PDF's structure tree, read for the tables of the pages a table of the file asks
    about (``_pdf.tagged``), when it asks: a file without a table never pays for it, an
    untagged one only for a look at its catalog. Pages are read ``PAGES_AHEAD`` at a time
    (PDFium parses the tree's root again each time the file is opened: 28 ms for a
    300-page file), and tables come in page order, so pages before the ones asked about
    are let go (a long file is read in flat memory)."""

    #: pages read at once: what the engine reads between two openings of a file
    PAGES_AHEAD = 50

    def __init__(self, data: bytes, max_pages: int, password: str | None) -> None:
        self._file = (data, max_pages, password)
        self._tagged: bool | None = None
        self._pages: dict[int, tuple[TaggedTable, ...]] = {}

    def tables(self, pages: Iterable[int]) -> tuple[TaggedTable, ...] | None:
        """The tree's tables on ``pages``; None when the file is not tagged."""
        wanted = sorted(set(pages))
        if self._tagged is False or not wanted:
            return None
        self._forget_before(wanted[0])
        if any(n not in self._pages for n in wanted) and not self._read(wanted):
            return None
        return tuple(t for number in wanted for t in self._pages[number])

    def _forget_before(self, first: int) -> None:
        """Let go of the pages before ``first``: tables come in page order."""
        for old in [n for n in self._pages if n < first]:
            del self._pages[old]

    def _read(self, wanted: Sequence[int]) -> bool:
        """Read the tree's tables of the ``wanted`` pages (in order) and of those ahead of
        them; False when the file is not tagged."""
        from ._pdf.tagged import tagged_tables  # PDFium: only when a PDF's table asks

        ahead = frozenset(range(wanted[0], max(wanted[-1] + 1, wanted[0] + self.PAGES_AHEAD)))
        found = tagged_tables(*self._file, pages=ahead)
        self._tagged = found is not None
        if found is None:
            return False
        for number in ahead:
            self._pages[number] = tuple(t for t in found if t.page == number)
        return True


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class _Tables(NamedTuple):
    """What the tables of a document came to: the reports read, each table that cannot be
    read (with its error) and what was left out as no region table."""

    reports: list[RegionReport]
    failures: list[tuple[TableFailure, MalformedTableError]]
    left_out: tuple[str, ...] = ()

    def error(self) -> MalformedTableError | None:
        """What a file with tables that cannot be read raises: the one table's error when
        it is the file's only table, else every failure with the reports read."""
        if not self.failures:
            return None
        if len(self.failures) == 1 and not self.reports:
            return self.failures[0][1]
        return PartlyReadError(self.reports, [failure for failure, _ in self.failures])


def _failure(page: int | None, region: str | None, year: int, quarter: int,
             err: MalformedTableError) -> tuple[TableFailure, MalformedTableError]:
    """A table that cannot be read, at the page where reading failed: the error's own, else
    ``page``, where the table starts (None for text input: no page at all)."""
    where = None if page is None else err.page or page
    return (TableFailure(where, err.code, err.detail, region, f"{year}Q{quarter}"),
            err.placed(where))


def _left_out(table: LeftOutTable, with_pages: bool) -> str:
    if not with_pages:
        return f"{table.what}; left out"
    pages = ", ".join(map(str, table.pages))
    return f"page{'s' if len(table.pages) > 1 else ''} {pages}: {table.what}; left out"


def _reports(
    pages: Iterable[Page], *, source: str | None, with_pages: bool, strict: bool,
    ocr: OcrPages | None = None, structure: _Structure | None = None,
) -> _Tables:
    """The reports of the tables on ``pages``, and the tables that cannot be read; ``ocr``
    (PDFs) says which pages it read by OCR, repairs the tables on them and explains a
    document without text; ``structure`` (PDFs) is the file's structure tree, a second
    witness of each table read from text."""
    read = pages if isinstance(pages, _PagesRead) else _PagesRead(pages)
    tables = _read_each(read, source, with_pages, ocr, structure)
    if tables.failures:
        return tables
    if not tables.reports:
        raise _no_table(read, with_pages, ocr)
    if strict:
        issues = [issue for report in tables.reports for issue in report.issues]
        if issues:
            raise ValidationFailedError(issues)
    return tables


def _read_each(read: _PagesRead, source: str | None, with_pages: bool,
               ocr: OcrPages | None, structure: _Structure | None) -> _Tables:
    """Every table of the document: a report, a failure of that table alone, or a table
    left out as no region table. An error of the document itself (a page that cannot be
    read) is raised once the pages are read."""
    reports: list[RegionReport] = []
    unread: list[tuple[TableFailure, MalformedTableError]] = []
    left_out: list[str] = []
    failed: TransparantieError | None = None
    # each table made a report as soon as it is read: a table holds its lines and words, a
    # report only its figures (a 1,000-page file would hold every page's words otherwise)
    for table in read_tables(read):
        if failed is not None:
            continue  # read on: a page that cannot be read counts before a table's error
        if isinstance(table, LeftOutTable):
            left_out.append(_left_out(table, with_pages))
        elif isinstance(table, UnreadTable):
            unread.append(_failure(table.page if with_pages else None, table.region,
                                   table.year, table.quarter, table.error))
        else:
            try:
                reports.append(_report(table, source, with_pages, ocr, structure))
            except MalformedTableError as err:  # this table alone: the others are read on
                unread.append(_failure(table.pages[0] if with_pages else None, table.region,
                                       table.year, table.quarter, err))
            except TransparantieError as err:
                failed = err
    if failed is not None:
        raise failed
    return _Tables(reports, unread, tuple(left_out))


def _no_table(read: _PagesRead, with_pages: bool, ocr: OcrPages | None) -> TransparantieError:
    """Why a document gave no table: no pages, no text (a scan OCR did not read), or no
    region table in its text."""
    if with_pages and not read.count:
        return NoTableError("has no pages (an empty document), so no region table")
    if ocr is not None and not read.glyphs:
        return ocr.no_text_layer(read.count)
    return NoTableError(
        "holds no region table of 'Transparantie van klantprofielen' (no 'TOTAAL AMR' "
        "line under a heading such as 'Vierde kwartaal 2020 West-Brabant')"
        + (ocr.unread_note() if ocr is not None else ""))


def _report(table: RegionTable, source: str | None, with_pages: bool,
            ocr: OcrPages | None, structure: _Structure | None = None) -> RegionReport:
    """One table's report, validated (and repaired, where OCR read its pages; heard
    against the structure tree of a tagged PDF, where read from text)."""
    report, reading = build_report(table, source=source, with_pages=with_pages)
    report = attrs.evolve(report, issues=(*reading, *validate(report)))
    report = ocr.finish(table, report) if ocr is not None else report
    if structure is None or report.reading != "text":
        return report
    return witness(table, report, structure.tables(report.pages), reading)


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
        tables = _reports(pages_from_text(text), source=source, with_pages=False,
                          strict=strict)
    except TransparantieError as err:
        raise err.with_source(source or "<text>") from None
    for note in tables.left_out:
        warnings.warn(TableLeftOutWarning(source or "<text>", note), stacklevel=2)
    error = tables.error()
    if error is not None:
        raise error.with_source(source or "<text>") from None
    return tables.reports


# How far an engine got with a file, from nothing to its text: of two engines' attempts, the
# one that got further counts (on a tie, the first of ENGINES), so that the outcome never
# depends on which engine was asked. An engine that cannot decode a page's contents knows more
# than one that found no text on it (PDFium skips what it cannot decode, silently).
_NO_PAGES, _DAMAGED, _ENCRYPTED, _NO_TEXT, _PAGE_UNREADABLE, _READ_TEXT = range(6)


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class _Attempt(NamedTuple):
    """What one engine made of a file: reports, or the error it ended in, and how far it
    got."""

    engine: Engine
    reports: list[RegionReport] | None
    error: TransparantieError | None
    progress: int
    unread: str = ""  # pages without a text layer OCR did not read (OcrPages.unread_pages)
    publication_words: bool = False  # did a page print a region table's words?
    left_out: tuple[str, ...] = ()  # tables that are no region table (_Tables.left_out)

    def result(self) -> list[RegionReport]:
        if self.error is not None:
            raise self.error
        assert self.reports is not None
        return self.reports

    @property
    def unread_tables(self) -> int:
        """How many tables this attempt could not read (one for a file whose only table
        it could not read; none when it read every table)."""
        if isinstance(self.error, PartlyReadError):
            return len(self.error.failures)
        return int(self.error is not None)


def _progress(read: _PagesRead) -> int:
    failure = read.failure
    if failure is None:
        return _READ_TEXT if read.glyphs else _NO_TEXT if read.count else _NO_PAGES
    if isinstance(failure, PageUnreadable):
        return _PAGE_UNREADABLE
    return _ENCRYPTED if failure.code == "encrypted" else _DAMAGED


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class _Reading(NamedTuple):
    """One file to read, with the reading's settings."""

    data: bytes
    source: str | None
    strict: bool
    max_pages: int
    password: str | None
    ocr: Ocr
    ocr_layers: frozenset[int] = frozenset()  # pages of an OCR's text layer, read by OCR

    def attempt(self, engine: Engine) -> _Attempt:
        """The file read through ``engine``: its reports, or how far it got. A password
        given for a batch that does not open a file may be one it does not need (a file with
        only an owner password opens without one)."""
        attempt = self._attempt(engine, self.password)
        if self.password is not None and attempt.progress == _ENCRYPTED:
            without = self._attempt(engine, None)
            if without.progress > _ENCRYPTED:
                return without
        return attempt

    def _attempt(self, engine: Engine, password: str | None) -> _Attempt:
        glyph_pages = page_reader(engine)(self.data, self.max_pages, password)
        scans = OcrPages(self.data, self.ocr, password, self.ocr_layers)  # read by OCR
        read = _PagesRead(layout_page(page) for page in scans.pages(glyph_pages))
        try:
            tables = _reports(read, source=self.source, with_pages=True, strict=self.strict,
                              ocr=scans, structure=_Structure(self.data, self.max_pages,
                                                              password))
        except TransparantieError as err:
            if read.failure is not None and read.failure.code == "too_large":
                raise  # the limits hold whichever engine reads
            return _Attempt(engine, None, err, _progress(read),
                            publication_words=read.publication_words)
        return _Attempt(engine, tables.reports, tables.error(), _READ_TEXT,
                        scans.unread_pages(), read.publication_words, tables.left_out)


def _best_attempt(reading: _Reading, engine: Engine) -> _Attempt:
    """The file read from its text by the best engine (:func:`_engines_attempt`); where
    that text is a layer an OCR laid over a scan and holds a table that cannot be read, the
    scan read by OCR instead (:func:`_ocr_layer_attempt`)."""
    best = _engines_attempt(reading, engine)
    if isinstance(best.error, MalformedTableError) and reading.ocr != "always":
        best = _ocr_layer_attempt(reading, engine, best)
    if isinstance(best.error, PartlyReadError) and best.reports:
        return _structure_for_unread(reading, best, best.error)
    if isinstance(best.error, MalformedTableError):
        return _structure_attempt(reading, best)
    return best


# Issues that say how a page was read rather than what its figures say: another engine's
# glyphs may place those words, label that column or find that footnote.
_READING_ISSUES = frozenset({"unplaced_text", "name_line_unplaced", "label_missing",
                             "footnote_missing"})


def _structure_attempt(reading: _Reading, failed: _Attempt) -> _Attempt:
    """A tagged file whose text ``failed`` to give readable tables: its tables read from
    its structure tree alone (``structure="only"``), set as text for the text grammar,
    where every one of them adds up and has nothing else to report; otherwise the failure.
    A tree that lies cannot make a table from figures that do not add up."""
    from ._pdf.tagged import structure_text

    text = structure_text(reading.data, reading.max_pages, reading.password)
    if text is None:
        return failed
    error = failed.error
    assert isinstance(error, MalformedTableError)
    said, reports = _tree_alone(reading, text)
    if said:
        return failed._replace(error=error.with_detail(f"{error.detail} ({said})"))
    note = f"read from the structure tree alone: the text gave {error.code} ({error.detail})"
    return failed._replace(error=None, progress=_READ_TEXT, reports=[
        attrs.evolve(report, structure="only", structure_notes=(note,))
        for report in reports])


def _tree_alone(reading: _Reading, text: str) -> tuple[str, list[RegionReport]]:
    """The tables of a structure tree set as ``text``, when every one of them adds up and
    has nothing else to report (and nothing to say); otherwise what the tree gives instead
    (and no tables)."""
    try:
        tables = _reports(pages_from_text(text), source=reading.source, with_pages=True,
                          strict=False)
    except TransparantieError as err:
        return f"its structure tree read alone gives {err.code}: {err.detail}", []
    unread = tables.error()
    if unread is not None:
        return f"its structure tree read alone gives {unread.code}: {unread.detail}", []
    codes = ", ".join(dict.fromkeys(
        issue.code for report in tables.reports for issue in report.issues))
    if codes:
        return f"its structure tree read alone gives tables with issues: {codes}", []
    return "", tables.reports


def _structure_tables(reading: _Reading) -> _Tables | None:
    """A tagged file's tables as its structure tree alone reads them (set as text for the
    text grammar); None for an untagged file, or a tree that gives none."""
    from ._pdf.tagged import structure_text

    text = structure_text(reading.data, reading.max_pages, reading.password)
    if text is None:
        return None
    try:
        return _reports(pages_from_text(text), source=reading.source, with_pages=True,
                        strict=False)
    except TransparantieError:
        return None


def _table_key(region: str | None, period: str | None) -> tuple[str, str | None]:
    return normalize_text(region or "").casefold(), period


def _by_tree(failures: Sequence[TableFailure], tree: _Tables, read: Sequence[RegionReport]
             ) -> tuple[list[RegionReport], list[TableFailure]]:
    """The text's ``failures`` read from the structure ``tree`` alone where its table of the
    same region and quarter adds up and has nothing else to report, and the text did not
    read one of that name; and the failures left."""
    clean = {_table_key(r.region, r.period): r for r in tree.reports if not r.issues}
    read_by_text = {_table_key(r.region, r.period) for r in read}
    found: list[RegionReport] = []
    left: list[TableFailure] = []
    for failure in failures:
        key = _table_key(failure.region, failure.period)
        table = clean.get(key) if failure.region and key not in read_by_text else None
        if table is None:
            left.append(failure)
        else:
            found.append(_read_from_tree(table, failure))
    return found, left


def _read_from_tree(table: RegionReport, failure: TableFailure) -> RegionReport:
    """The structure tree's ``table`` in place of the text's ``failure``, saying so."""
    note = (f"read from the structure tree alone: the text gave {failure.code} "
            f"({failure.message})")
    return attrs.evolve(table, structure="only", structure_notes=(note,))


def _structure_for_unread(reading: _Reading, partial: _Attempt, error: PartlyReadError
                          ) -> _Attempt:
    """A tagged file whose text reads some tables but not others (``error.failures``):
    each table the text cannot read is read from the structure tree alone
    (``structure="only"``, with a note quoting the text's error) where the tree's table of
    the same region and quarter adds up and has nothing else to report; the rest stay
    failures. The tables the text read are kept as read (and witnessed)."""
    tree = _structure_tables(reading)
    if tree is None:
        return partial
    read = list(partial.reports or ())
    found, left = _by_tree(error.failures, tree, read)
    if not found:
        return partial
    reports = sorted([*read, *found], key=lambda r: r.pages)
    still = PartlyReadError(reports, left, source=error.source) if left else None
    return partial._replace(reports=reports, error=still)


def _reading_issues(attempt: _Attempt) -> int:
    """How many of ``attempt``'s issues are about its reading (strict: those it failed on)."""
    if isinstance(attempt.error, ValidationFailedError):
        issues = attempt.error.issues
    else:
        issues = tuple(i for report in attempt.reports or () for i in report.issues)
    return sum(issue.code in _READING_ISSUES for issue in issues)


def _is_doubtful(attempt: _Attempt) -> bool:
    """Might the other engine read this file better? When the reading found no table on a
    page that prints a region table's words, or carries issues about its reading."""
    if isinstance(attempt.error, NoTableError):
        return attempt.publication_words
    return _reading_issues(attempt) > 0


def _engines_attempt(reading: _Reading, engine: Engine) -> _Attempt:
    """``engine``'s attempt, or the other engine's where that one gets further or reads
    better: the outcome of a file must not depend on which engine was asked.

    The other engine is asked when the first read no text; read a table it could not make
    sense of (``malformed_*``: the engines' glyph boxes differ a little, and a table at the
    edge of what can be read may fall on either side); found no table on a page that prints
    the publication's words (``kwartaal``, ``TOTAAL``: the fonts of a page may be mapped to
    text by one engine only); or read tables with issues about their reading
    (``unplaced_text``, ``name_line_unplaced``, ``label_missing``, ``footnote_missing``). Of
    readings that give reports, the one with the fewest such issues counts, the first on a
    tie. An engine that read text and found no table and no words of one (most files of an
    archive) is not second-guessed.
    """
    first = reading.attempt(engine)
    if first.progress == _READ_TEXT and not isinstance(first.error, MalformedTableError) \
            and not _is_doubtful(first):
        return first
    attempts = [first, *(reading.attempt(other) for other in ENGINES if other != engine)]
    if first.progress == _READ_TEXT:
        return _best_reading(first, attempts)
    return max(attempts, key=lambda a: (a.progress, -ENGINES.index(a.engine)))


def _best_reading(first: _Attempt, attempts: Sequence[_Attempt]) -> _Attempt:
    """Of the engines' ``attempts``, where the ``first`` read text: the reading with the
    fewest issues about its reading; where none gives reports, the one that leaves fewer
    tables unread."""
    read = [a for a in attempts if a.error is None]
    if read:
        return min(read, key=_reading_issues)  # the first of the fewest
    if all(isinstance(a.error, MalformedTableError) for a in attempts):
        # table by table: the engine that leaves fewer tables unread, then reads more
        return min(attempts, key=lambda a: (a.unread_tables, -len(a.reports or ()),
                                            ENGINES.index(a.engine)))
    if isinstance(first.error, MalformedTableError):
        return min(attempts, key=lambda a: ENGINES.index(a.engine))
    return first


def _ocr_layer_attempt(reading: _Reading, engine: Engine, failed: _Attempt) -> _Attempt:
    """A file whose text layer is what an OCR read from a scan (a scanner's "searchable
    PDF"), in which that layer ``failed`` to give a readable table (the OCR misread or
    dropped figures): its scans read by this tool's OCR instead, which checks every figure
    against the sums (``ocr="auto"``, with tesseract). Otherwise the failure, saying what
    the text is and how to read the scan."""
    from ._pdf.pdfium import ocr_layer_pages

    assert isinstance(failed.error, MalformedTableError)
    layers = ocr_layer_pages(reading.data, reading.max_pages, reading.password)
    if not layers:
        return failed
    from ._ocr.tesseract import install_hint, tesseract_problem  # with Pillow: only for a scan

    said = (f"the text of page(s) {', '.join(map(str, sorted(layers)))} is a layer an OCR "
            "laid over a scan")
    problem = tesseract_problem() if reading.ocr == "auto" else None
    if reading.ocr == "never":
        note = f"{said}; --ocr auto (ocr='auto') reads the scan itself"
    elif problem is not None:
        note = f"{said}, which OCR could read, but {problem}: {install_hint()}"
    else:
        by_ocr = reading._replace(ocr_layers=layers).attempt(engine)
        if by_ocr.error is None or (isinstance(by_ocr.error, MalformedTableError)
                                    and by_ocr.unread_tables < failed.unread_tables):
            return by_ocr
        note = f"{said}; read by OCR, the scan gave: {by_ocr.error.detail}"
    error = failed.error
    return failed._replace(error=error.with_detail(f"{error.detail} ({note})"))


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
    ``engine`` picks the PDF library that reads the glyphs: ``"pdfium"`` (the default,
    several times faster) or ``"pdfplumber"`` (pdfminer.six); the records are the same.
    When the engine asked reads no text (it cannot open the file, a page fails, or it finds
    no text), the other is asked too, and the one that got further counts; where its reading
    is doubtful (a table it cannot make sense of, no table on a page that prints
    ``kwartaal`` and ``TOTAAL``, or issues about its reading), the better reading counts:
    the outcome of a file does not depend on the engine asked.

    ``password`` opens a file that needs a user password (one with only an owner password
    opens without). A file of more than ``max_pages`` pages, or more than ``max_bytes``
    bytes (read, or inflated from its compressed streams), is refused with ``too_large``.

    ``ocr`` says which pages are read by OCR (tesseract with Dutch data, installed from the
    system's packages): ``"auto"`` those without a text layer (scans), and those whose text
    layer an OCR laid over a scan when that layer gives a table that cannot be read, when
    tesseract is installed; ``"always"`` every page; ``"never"`` none. A table read by OCR has
    ``reading="ocr"``; its figures are checked against its sums and repaired only where an
    OCR reading makes both the row and the column add up, and what stays doubtful is an
    ``ocr_uncertain`` issue naming the figure or name.

    Raises :class:`~transparantie_parser.errors.TransparantieError` with code ``not_found``
    (a path that names nothing), ``not_pdf``, ``encrypted``, ``damaged``, ``no_text_layer``,
    ``ocr_unavailable`` (``ocr="always"`` without tesseract), ``no_table``, ``too_large``,
    ``malformed_number``, ``malformed_table`` or (strict) ``invalid``. A file with a table
    that cannot be read besides tables that can raises
    :class:`~transparantie_parser.errors.PartlyReadError` (a ``MalformedTableError``) whose
    ``reports`` hold every table read and ``failures`` each table that was not, with its
    page: one bad table never costs the others. A national report's summary of regions
    (``TOTAAL NEDERLAND``) is no region table: it is left out with a
    :class:`~transparantie_parser.errors.TableLeftOutWarning`.
    """
    name = source_name(source)
    recorded = name if not name.startswith("<") else None
    try:
        data = read_source(source, max_bytes)
        check_pdf_bytes(data, max_bytes)
        reading = _Reading(data, recorded, strict, max_pages, password, ocr)
        attempt = _best_attempt(reading, engine)
    except TransparantieError as err:
        raise err.with_source(name) from None
    if attempt.unread and attempt.reports:
        # the tables found are as printed, but tables on those pages are missing: never in
        # silence
        warnings.warn(PagesNotReadWarning(
            name, f"{attempt.unread}: tables printed on them are missing"), stacklevel=2)
    for note in attempt.left_out:
        warnings.warn(TableLeftOutWarning(name, note), stacklevel=2)
    try:
        return attempt.result()
    except TransparantieError as err:
        raise err.with_source(name) from None
