"""The problems list: every file that gave no tables or was read only in part, every table
that cannot be read (in a file whose other tables were read), and every validation issue of
a table, one :class:`Problem` each, in the columns every output writes
them in (``--problems``, the workbook's ``problems`` sheet, the ``problems`` data frame).

>>> import transparantie_parser as tp
>>> from transparantie_parser.problems import table_problems
>>> (report,) = tp.parse_text(open("fixtures/text/seed-west-brabant-2020q4.txt").read())
>>> table_problems(report)
[]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, cast

import attrs

from .records import ISSUE_SEVERITY, TOTAL_ROW, IssueCode, RegionReport, Severity, ValidationIssue

if TYPE_CHECKING:
    from ._outcome import FileOutcome
    from .errors import TableFailure

__all__ = ["PAGES_NOT_READ", "PROBLEM_FIELDS", "Problem", "ProblemList", "failure_problem",
           "file_problem", "note_problem", "outcome_problems", "problem_severity",
           "table_problems"]

#: The code of a file read only in part: its tables were read, but pages without a text
#: layer that OCR did not read may hold more (``FileOutcome.notes``).
PAGES_NOT_READ = "pages_not_read"

#: The columns of the problems list, in order (the attributes of :class:`Problem`).
PROBLEM_FIELDS = ("source", "page", "table_id", "region", "period", "code", "message",
                  "municipality", "column", "severity")


#: Problems that are no validation issue but say something right about the archive: a copy
#: left out (the table is kept once, from the copy named), and the findings between quarters
#: that name a change rather than a doubtful figure (a merger, new labels, a quarter the
#: archive lacks). A ``jump`` is doubtful figures (printed against another name?): an error.
_ARCHIVE_NOTES = frozenset({"duplicate", "membership_change", "label_change", "gap"})


def problem_severity(code: str) -> Severity:
    """The severity of a problem's code: a validation issue's (:data:`ISSUE_SEVERITY`); a
    copy left out or a change between quarters is a ``note``; a file that gave no tables,
    or was read only in part, is an ``error`` (figures are missing), as is a ``jump``."""
    if code in _ARCHIVE_NOTES:
        return "note"
    return ISSUE_SEVERITY.get(cast(IssueCode, code), "error")


@attrs.frozen
class Problem:
    """One line of the problems list.

    ``code`` is an error code (the file gave no tables; only ``source``, ``code`` and
    ``message`` are set; or one table cannot be read: ``page`` is where it starts, and
    ``region`` and ``period`` are set where its heading names them), :data:`PAGES_NOT_READ`
    (the file was read in part; set as for an error) or a validation issue code (the table
    is named by ``table_id``, ``region`` and ``period``). ``page`` is where to look: where
    words that could not be placed are printed, the municipality's row, else the table's
    last page, which holds its ``TOTAAL AMR`` line and footnote; None for text input and
    failed files. ``municipality`` and ``column`` are as in :class:`ValidationIssue`;
    ``severity`` is ``error`` or ``note`` (:func:`problem_severity` of the code).
    """

    source: str | None
    page: int | None
    table_id: str | None
    region: str | None
    period: str | None
    code: str
    message: str
    municipality: str | None = None
    column: str | None = None
    severity: Severity = attrs.field(
        default=attrs.Factory(lambda self: problem_severity(self.code), takes_self=True))

    def values(self) -> tuple[str | int | None, ...]:
        """The values in the order of :data:`PROBLEM_FIELDS`."""
        return (self.source, self.page, self.table_id, self.region, self.period, self.code,
                self.message, self.municipality, self.column, self.severity)


def file_problem(source: str, code: str, message: str, page: int | None = None) -> Problem:
    """A file that gave no tables (an error code and its message, and the page where
    reading failed when the error is about one)."""
    return Problem(source, page, None, None, None, code, message)


def note_problem(source: str, note: str) -> Problem:
    """A file read only in part (a note of its :class:`~.batch.FileOutcome`)."""
    return Problem(source, None, None, None, None, PAGES_NOT_READ, note)


def failure_problem(source: str, failure: TableFailure) -> Problem:
    """A table that cannot be read, in a file whose other tables were read."""
    return Problem(source, failure.page, None, failure.region, failure.period, failure.code,
                   failure.message)


def _file_problems(outcome: FileOutcome) -> list[Problem]:
    """What the file as a whole says: its error, or the pages it left unread."""
    failed = [] if outcome.error_code is None else [
        file_problem(outcome.path, outcome.error_code, outcome.error_message or "",
                     outcome.error_page)]
    return [*failed, *(note_problem(outcome.path, note) for note in outcome.notes)]


def _page(report: RegionReport, issue: ValidationIssue) -> int | None:
    if issue.page is not None:  # words that could not be placed: where they are printed
        return issue.page
    if issue.row is not None and issue.row != TOTAL_ROW:
        return report.rows[issue.row].page
    return report.pages[-1] if report.pages else None


def table_problems(report: RegionReport) -> list[Problem]:
    """One problem per validation issue of ``report``, in the order of its issues."""
    return [Problem(report.source, _page(report, issue), report.table_id, report.region,
                    report.period, issue.code, issue.message, issue.municipality, issue.column)
            for issue in report.issues]


def outcome_problems(outcome: FileOutcome) -> list[Problem]:
    """The problems of one file of a batch: its error, or the tables it could not read and
    the issues of its tables, in page order (those strict mode left out included)."""
    found = _file_problems(outcome)
    by_page = [(report.pages, table_problems(report))
               for report in (*outcome.reports, *outcome.rejected)]
    by_page.extend(((failure.page or 0,), [failure_problem(outcome.path, failure)])
                   for failure in outcome.table_failures)
    for _, problems in sorted(by_page, key=lambda item: item[0]):
        found.extend(problems)
    return found


class ProblemList:
    """The problems of a batch, taken as files fail and tables are settled (which, for a
    conflict found late, is after every file is read), handed out in input order: by file,
    then by page."""

    def __init__(self) -> None:
        self._files: dict[str, int] = {}
        self._found: list[tuple[int, tuple[int, ...], int, Problem]] = []

    def _add(self, path: str, pages: tuple[int, ...], problems: list[Problem]) -> None:
        file = self._files.setdefault(path, len(self._files))
        self._found.extend((file, pages, len(self._found), p) for p in problems)

    def add_outcome(self, outcome: FileOutcome) -> None:
        """A file as read: its error or the pages it left unread, and the issues of the
        tables strict mode left out (the tables kept come through :meth:`add_table`)."""
        self._files.setdefault(outcome.path, len(self._files))
        self._add(outcome.path, (), _file_problems(outcome))
        for failure in outcome.table_failures:
            self._add(outcome.path, (failure.page or 0,),
                      [failure_problem(outcome.path, failure)])
        for report in outcome.rejected:
            self._add(outcome.path, report.pages, table_problems(report))

    def add_file(self, path: str, problems: list[Problem], pages: tuple[int, ...] = ()
                 ) -> None:
        """Problems the batch found in the file at ``path`` (a copy left out), in the file's
        place and, within it, at ``pages``."""
        self._add(path, pages, problems)

    def add_table(self, report: RegionReport) -> None:
        """A table kept, with its issues as settled."""
        self._add(report.source or "", report.pages, table_problems(report))

    def __iter__(self) -> Iterator[Problem]:
        return (problem for *_, problem in sorted(self._found, key=lambda f: f[:3]))
