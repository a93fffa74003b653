"""What came of one input of a batch: a record of its own, so that what takes outcomes in
(the archive, the problems list) need not load the worker pool that makes them."""

from __future__ import annotations

import attrs

from .errors import ErrorCode, TableFailure
from .records import RegionReport

__all__ = ["FileOutcome"]


@attrs.frozen
class FileOutcome:
    """What came of one input: its reports, or an error code and message (never both), and
    the page where reading failed when the error is about one (``error_page``).

    ``rejected`` holds the tables that strict mode left out (their figures do not add up).
    ``copy_of`` names the earlier input with the same bytes when this one was not read
    again: its outcome is that input's, with this path as the reports' ``source``.
    ``notes`` says what was read only in part (pages without a text layer that OCR did not
    read: :class:`~transparantie_parser.errors.PagesNotReadWarning`), each without the path.
    ``table_failures`` holds each table that cannot be read in a file whose other tables
    were read (:class:`~transparantie_parser.errors.TableFailure`: page, code, message); the
    reports hold those others: one bad table never costs them. ``left_out`` says which
    tables were left out as no region table (a national summary), each without the path:
    a note, not a problem.
    """

    path: str
    reports: tuple[RegionReport, ...] = ()
    error_code: ErrorCode | None = None
    error_message: str | None = None
    error_page: int | None = None
    rejected: tuple[RegionReport, ...] = ()
    copy_of: str | None = None
    notes: tuple[str, ...] = ()
    table_failures: tuple[TableFailure, ...] = ()
    left_out: tuple[str, ...] = ()

    @property
    def failed(self) -> bool:
        return self.error_code is not None
