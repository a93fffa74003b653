"""The one exception family of the library.

Every failure a caller can meet is a :class:`TransparantieError` with a stable ``code``; the
message names the source (a path, or ``<text>``) and, where there is one, the offending text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, get_args

import attrs

if TYPE_CHECKING:
    from .records import RegionReport, ValidationIssue

__all__ = [
    "ERROR_CODES",
    "ErrorCode",
    "MalformedTableError",
    "NoTableError",
    "PagesNotReadWarning",
    "PartlyReadError",
    "TableFailure",
    "TableLeftOutWarning",
    "TransparantieError",
    "UnreadablePdfError",
    "ValidationFailedError",
]


#: Every code a failure can carry, in the library or on the command line (README, "Errors").
ErrorCode = Literal[
    # the input cannot be read as a PDF with text
    "not_pdf", "encrypted", "damaged", "no_text_layer", "too_large",
    # a scan that needs OCR, on a machine without tesseract and its Dutch language data
    "ocr_unavailable",
    # readable, but no table in it, or one that cannot be read without guessing
    "no_table", "malformed_number", "malformed_table",
    # strict mode: the figures do not add up
    "invalid",
    # batch runs: a path that names nothing, a text file that cannot be read, a worker that
    # ran out of time or died, and a bug (an exception that is not a TransparantieError)
    "not_found", "no_input", "not_text", "timeout", "crashed", "internal_error",
]
ERROR_CODES: tuple[ErrorCode, ...] = get_args(ErrorCode)


class TransparantieError(Exception):
    """Base of every error this library raises; ``code`` is one of :data:`ERROR_CODES`.
    ``page`` is the page (1-based) where reading failed, where the error is about one;
    None for a whole file, and for text input."""

    def __init__(self, code: ErrorCode, detail: str, *, source: str | None = None,
                 page: int | None = None) -> None:
        self.code = code
        self.detail = detail
        self.source = source
        self.page = page
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.source}: {self.detail}" if self.source else self.detail

    def __reduce__(self) -> tuple[object, ...]:
        # keyword-only arguments need help to cross process boundaries (``--jobs``)
        return (_rebuild, (type(self), self.code, self.detail, self.source, self._extra(),
                           self.page))

    def _extra(self) -> dict[str, object]:
        return {}

    def _copy(self, *, detail: str | None = None, source: str | None = None
              ) -> TransparantieError:
        return _rebuild(type(self), self.code, self.detail if detail is None else detail,
                        self.source if source is None else source, self._extra(), self.page)

    def with_source(self, source: str) -> TransparantieError:
        """A copy of this error that names ``source``; unchanged when it names one already."""
        if self.source is not None:
            return self
        copy = self._copy(source=source)
        copy.__cause__ = self.__cause__
        return copy

    def with_detail(self, detail: str) -> TransparantieError:
        """A copy of this error saying ``detail`` instead (what it carries kept)."""
        return self._copy(detail=detail)


def _rebuild(
    cls: type[TransparantieError],
    code: ErrorCode,
    detail: str,
    source: str | None,
    extra: dict[str, object],
    page: int | None = None,
) -> TransparantieError:
    err = cls.__new__(cls)
    TransparantieError.__init__(err, code, detail, source=source, page=page)
    for key, value in extra.items():
        setattr(err, key, value)
    return err


class UnreadablePdfError(TransparantieError):
    """The file cannot be read as a PDF with text (codes ``not_pdf``, ``encrypted``,
    ``damaged``, ``no_text_layer``, ``ocr_unavailable``, ``too_large``, ``timeout``)."""


class NoTableError(TransparantieError):
    """The input is readable but holds no region table (code ``no_table``)."""

    def __init__(self, detail: str, *, source: str | None = None) -> None:
        super().__init__("no_table", detail, source=source)


class MalformedTableError(TransparantieError):
    """A region table is printed in a way that cannot be read without guessing
    (codes ``malformed_table``, the default, and ``malformed_number``); ``page`` is where
    the line that cannot be read is printed, where known.

    >>> MalformedTableError("a row of figures without a name", page=2).code
    'malformed_table'
    """

    def __init__(self, detail: str, /, *, code: ErrorCode = "malformed_table",
                 page: int | None = None, source: str | None = None) -> None:
        super().__init__(code, detail, source=source, page=page)

    def placed(self, page: int | None) -> MalformedTableError:
        """This error with ``page`` as the page where reading failed (None: no page, as
        for text input)."""
        copy = _rebuild(type(self), self.code, self.detail, self.source, self._extra(), page)
        assert isinstance(copy, MalformedTableError)
        return copy


@attrs.frozen
class TableFailure:
    """One table of a file that cannot be read without guessing, while the file's other
    tables can: ``page`` where reading failed (the line that cannot be read, else the
    table's heading; None for text input),
    ``code`` (``malformed_table`` or ``malformed_number``) and ``message`` (without the
    file's name), and the ``region`` and ``period`` (``2021Q2``) its heading names, where it
    names them."""

    page: int | None
    code: ErrorCode
    message: str
    region: str | None = None
    period: str | None = None

    def __str__(self) -> str:
        return f"page {self.page}: {self.message}" if self.page is not None else self.message


class PartlyReadError(MalformedTableError):
    """A file with tables that cannot be read (``failures``, each a :class:`TableFailure`)
    besides the tables read (``reports``, in page order): raised so that no table is lost in
    silence, and carrying every table that was read, so that none is lost at all. ``code``
    is the first failure's. A file whose only table cannot be read raises that table's
    :class:`MalformedTableError` instead.

    >>> try:  # doctest: +SKIP
    ...     reports = tp.parse_pdf("landelijk.pdf")
    ... except tp.PartlyReadError as err:
    ...     reports, failures = err.reports, err.failures
    """

    reports: tuple[RegionReport, ...]
    failures: tuple[TableFailure, ...]

    def __init__(self, reports: Sequence[RegionReport], failures: Sequence[TableFailure], *,
                 source: str | None = None) -> None:
        self.reports = tuple(reports)
        self.failures = tuple(failures)
        listing = "; ".join(str(failure) for failure in self.failures)
        super().__init__(
            f"{len(self.failures)} table(s) cannot be read ({listing}); "
            f"{len(self.reports)} other table(s) were read (the error's reports)",
            code=self.failures[0].code, source=source)

    def _extra(self) -> dict[str, object]:
        return {"reports": self.reports, "failures": self.failures}


class ValidationFailedError(TransparantieError):
    """Strict parsing found validation issues (code ``invalid``); ``issues`` lists them."""

    issues: tuple[ValidationIssue, ...]

    def __init__(
        self, issues: Sequence[ValidationIssue], *, source: str | None = None
    ) -> None:
        self.issues = tuple(issues)
        listing = "; ".join(f"{issue.code}: {issue.message}" for issue in self.issues)
        super().__init__("invalid", f"{len(self.issues)} validation issue(s): {listing}",
                         source=source)

    def _extra(self) -> dict[str, object]:
        return {"issues": self.issues}


class PagesNotReadWarning(UserWarning):
    """A PDF's tables were read, but some of its pages were not: pages without a text layer
    (scans) that OCR did not read (tesseract is not installed, or OCR is turned off). Tables
    printed on those pages are missing from the reports; the warning says so, naming the
    file, because nothing else would (``detail``: the same without the file's name)."""

    def __init__(self, source: str, detail: str) -> None:
        super().__init__(f"{source}: {detail}")
        self.source = source
        self.detail = detail


class TableLeftOutWarning(UserWarning):
    """A table of a PDF that is no region table was left out: a national report's closing
    summary, whose rows are regions and whose last line is ``TOTAAL NEDERLAND``. Not a
    problem (its figures are the regions' own totals), said so that nothing printed as a
    table goes unmentioned (``detail``: the same without the file's name)."""

    def __init__(self, source: str, detail: str) -> None:
        super().__init__(f"{source}: {detail}")
        self.source = source
        self.detail = detail
