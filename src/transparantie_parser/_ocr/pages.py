"""Which pages of a PDF are read by OCR, and the repair of the tables printed on them.

``ocr="auto"`` (the default) reads by OCR each page without a text layer, when tesseract and
its Dutch language data are installed (and, asked by ``api``, the pages of a text layer an
OCR laid over a scan that gave no readable table); ``"always"`` reads every page by OCR (a
text layer that is garbage); ``"never"`` none. A page read by OCR enters the layout as
glyphs like a page of text (one grammar for both); a table with such a page is then checked
against its own sums and repaired where the OCR's readings allow (``repair``), and says
it was read by OCR (``RegionReport.reading``).

The OCR modules (Pillow, PDFium's renderer, the tesseract program) are loaded only when a
page needs them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Literal, get_args

import attrs

from .._grammar.spans import MAX_TABLE_PAGES, TRAILING_PAGES
from .._pdf.glyphs import GlyphPage
from ..errors import UnreadablePdfError

if TYPE_CHECKING:
    from .._grammar import RegionTable
    from ..records import RegionReport
    from .cells import CheckedPage

__all__ = ["DEFAULT_OCR", "OCR_MODES", "Ocr", "OcrPages"]

#: When pages are read by OCR: ``auto`` those without a text layer, and an OCR's text layer
#: that gives no readable table (when tesseract is installed), ``always`` every page,
#: ``never`` none.
Ocr = Literal["auto", "never", "always"]
OCR_MODES: tuple[Ocr, ...] = get_args(Ocr)
DEFAULT_OCR: Ocr = "auto"

# OCR pages are kept (with their images, about 4 MB each at 200 dpi) for the repair of the
# tables on them until the grammar can no longer hand on a table printed on them: a table
# is handed on at the latest on the first page after its trailing pages, and its heading is
# at most MAX_TABLE_PAGES before its total line.
_KEPT_PAGES = MAX_TABLE_PAGES + TRAILING_PAGES + 1


class OcrPages:
    """The OCR of one document: :meth:`pages` hands on its pages for the layout, each from
    its text layer or read by OCR; :meth:`finish` repairs a table read from OCR pages.

    ``mode="always"`` without tesseract raises ``ocr_unavailable`` at once; ``"auto"``
    then reads only text layers and :meth:`no_text_layer` says how to install OCR.
    ``layers`` are pages whose text layer an OCR laid over a scan, to be read by OCR here
    instead (asked for when that layer gave no table that could be read).
    """

    def __init__(self, data: bytes, mode: Ocr, password: str | None,
                 layers: frozenset[int] = frozenset()) -> None:
        if mode not in OCR_MODES:
            raise ValueError(f"unknown ocr mode {mode!r}: use one of {', '.join(OCR_MODES)}")
        self._data = data
        self._mode = mode
        self._password = password
        self._layers = layers
        self._checked: dict[int, CheckedPage] = {}
        self._ocr_numbers: set[int] = set()  # every page read by OCR, kept or not
        self._unavailable: str | None = None
        self._unrendered: str | None = None
        self.without_text = 0  # pages without a text layer
        self.read_by_ocr = 0
        if mode == "always":
            from .tesseract import install_hint, tesseract_problem

            problem = tesseract_problem()
            if problem is not None:
                raise UnreadablePdfError(
                    "ocr_unavailable",
                    f"is to be read by OCR (ocr='always'), but {problem}: {install_hint()}")

    def _wants_ocr(self, page: GlyphPage) -> bool:
        printed = any(g.text.strip() for g in page.glyphs)
        self.without_text += not printed
        if self._mode == "always" or page.number in self._layers:
            return True
        if self._mode == "never" or printed:
            return False
        if self._unavailable is None:
            from .tesseract import tesseract_problem

            self._unavailable = tesseract_problem() or ""
        return not self._unavailable

    def pages(self, glyph_pages: Iterable[GlyphPage]) -> Iterator[GlyphPage]:
        """The document's pages, those that need it read by OCR (figures checked cell by
        cell); the OCR pages a table may still need are kept for :meth:`finish`."""
        for page in glyph_pages:
            for number in [n for n in self._checked if n <= page.number - _KEPT_PAGES]:
                del self._checked[number]
            if not self._wants_ocr(page):
                yield page
                continue
            from .cells import check_figures
            from .footnote import check_footnote
            from .rows import on_figure_rows
            from .tesseract import ocr_glyphs

            try:
                scanned = on_figure_rows(
                    ocr_glyphs(self._data, page.number - 1, password=self._password))
            except UnreadablePdfError as err:
                if err.code not in ("encrypted", "damaged"):
                    raise
                # PDFium cannot draw the page the text engine read: no text, as read
                self._unrendered = f"PDFium, which draws pages for OCR, says it {err.detail}"
                yield page
                continue
            checked = check_footnote(check_figures(scanned))
            self._checked[page.number] = checked
            self._ocr_numbers.add(page.number)
            self.read_by_ocr += 1
            yield checked.glyph_page()

    def finish(self, table: RegionTable, report: RegionReport) -> RegionReport:
        """``report`` of ``table``, repaired and marked as read by OCR when a page of it
        was; otherwise as it is."""
        if not any(n in self._ocr_numbers for n in table.pages):
            return report
        checked = {n: self._checked[n] for n in table.pages if n in self._checked}
        if len(checked) < sum(n in self._ocr_numbers for n in table.pages):
            # a table printed over more pages than are kept: read by OCR all the same, its
            # figures checked by its sums, but not repaired
            return attrs.evolve(report, reading="ocr", repaired=0)
        from .labels import uncertain_labels
        from .repair import repair_report

        outcome = repair_report(report, table, checked)
        repaired = outcome.report
        labels = uncertain_labels(repaired, table, checked)
        return attrs.evolve(repaired, issues=(*repaired.issues, *labels), reading="ocr",
                            repaired=len(outcome.repaired))

    def no_text_layer(self, count: int) -> UnreadablePdfError:
        """The error for a document in which no page had text: why OCR did not read it,
        or that it found nothing either."""
        said = f"has no text layer on any of its {count} page(s)"
        if self.read_by_ocr:
            return UnreadablePdfError(
                "no_text_layer", f"{said}, and OCR found no text on them either (blank "
                                 "pages, or images without print)")
        if self._mode == "never":
            return UnreadablePdfError(
                "no_text_layer", f"{said}: probably a scan; it can be read by OCR, which is "
                                 "turned off (ocr='never', --ocr never)")
        if self._unrendered is not None:
            return UnreadablePdfError("no_text_layer", f"{said}, and {self._unrendered}")
        from .tesseract import install_hint

        return UnreadablePdfError(
            "no_text_layer", f"{said}: probably a scan; OCR could read it, but "
                             f"{self._unavailable or 'OCR is not available'}: to read scans, "
                             f"{install_hint()}")

    def unread_note(self) -> str:
        """For a document in which no table was found: the pages without a text layer that
        OCR did not read, and why ('' when there are none)."""
        unread = self.unread_pages()
        return f"; {unread}" if unread else ""

    def unread_pages(self) -> str:
        """The pages without a text layer that OCR did not read, and why ('' when none):
        ``2 page(s) without a text layer were not read (OCR is turned off)``."""
        unread = self.without_text - self.read_by_ocr
        if unread <= 0 or self._mode == "always":
            return ""
        if self._mode == "never":
            why = "OCR is turned off"
        elif self._unavailable:
            why = f"OCR is not available: {self._unavailable}"
        else:  # tesseract is there, but the page could not be drawn for it
            why = self._unrendered or "OCR could not read them"
        return f"{unread} page(s) without a text layer were not read ({why})"
