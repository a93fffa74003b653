"""One region and quarter in several files of an archive: kept once, or flagged.

Archives hold some tables more than once: a whole-quarter bundle beside a single-region
file, a re-download, a corrected re-publication. Summed by region and quarter, such a table
would count twice. The policy, written once here in :class:`Archive` and used by the command
line (``convert``, ``validate``, ``panel``), :func:`~transparantie_parser.read_archive` and
:func:`deduplicate`:

- a file with the bytes of an earlier input is not read again (:class:`FileCopy`);
- a table whose figures an earlier table already holds is kept once (:class:`Duplicate`):
  the first in input order, unless that one was read by OCR and the later one from a text
  layer, which is then kept instead;
- tables of one region and quarter with *different* figures are all kept (:class:`Conflict`),
  and once every table is in, each carries a ``conflict`` issue that names the other file
  and the first figure that differs;
- once every table is in, a name misread by OCR is put right where a text layer of the
  batch prints the region's names (``ocr_name_matched``, see ``_name_book``);
- each copy left out is a ``duplicate`` row of the problems list, naming the copy kept.

>>> import transparantie_parser as tp
>>> from transparantie_parser.archive import deduplicate
>>> seed = open("fixtures/text/seed-west-brabant-2020q4.txt").read()
>>> result = deduplicate(tp.parse_text(seed, source="a.txt") + tp.parse_text(seed, source="b.txt"))
>>> [r.source for r in result.reports], [str(d) for d in result.duplicates]
(['a.txt'], ['West-Brabant 2020Q4 also in a.txt, identical'])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Protocol

import attrs

from ._name_book import NameBook
from ._names import normalize_text
from ._numbers import format_count, format_percentage
from ._outcome import FileOutcome
from .problems import Problem, ProblemList
from .records import TOTAL_ROW, Quarter, RegionReport, ValidationIssue

__all__ = ["DUPLICATE", "Archive", "Conflict", "Deduplicated", "Difference", "Duplicate",
           "Event", "FileCopy", "Kept", "deduplicate"]

#: The problems list's code for a copy left out: a table another file holds with the same
#: figures, or a file with the bytes of an earlier input.
DUPLICATE = "duplicate"

# Everything a table states in figures, in reading order: what "identical" compares.
_Figures = tuple[tuple[tuple[str, tuple[int, ...], int], ...], tuple[int, ...], int,
                 int | None, Decimal | None]


def _figures(report: RegionReport) -> _Figures:
    """The figures as printed; column labels, pages and the source are not figures."""
    rows = tuple((row.municipality, row.counts, row.total) for row in report.rows)
    return rows, report.total.counts, report.total.total, report.register_total, \
        report.known_pct


def _key(report: RegionReport) -> tuple[str, Quarter]:
    return normalize_text(report.region).casefold(), report.quarter


def _label(report: RegionReport) -> str:
    return f"{report.region} {report.quarter}"


def _source(report: RegionReport) -> str:
    return report.source or "<unnamed>"


@attrs.frozen
class Difference:
    """The first figure, in reading order, in which a table (*here*) differs from another of
    its region and quarter (*there*): ``figure`` names it as the outputs do (``Breda
    count_2``, ``TOTAAL AMR total``, ``register_total``), ``here`` and ``there`` are the two
    values as printed. ``municipality``, ``column``, ``row`` and ``column_index`` place it
    in the *here* table as :class:`~transparantie_parser.ValidationIssue` does."""

    figure: str
    here: str
    there: str
    municipality: str | None = None
    column: str | None = None
    row: int | None = None
    column_index: int | None = None

    def __str__(self) -> str:
        return f"{self.figure} is {self.here} here, {self.there} there"


@attrs.frozen
class Duplicate:
    """``report`` holds the region, quarter and every figure of ``original``, an earlier
    table: it adds nothing."""

    report: RegionReport
    original: RegionReport

    def __str__(self) -> str:
        return f"{_label(self.report)} also in {_source(self.original)}, identical"


@attrs.frozen
class Conflict:
    """``report`` has the region and quarter of ``other``, an earlier table, but other
    figures; ``difference`` is the first of them (``report`` is *here*)."""

    report: RegionReport
    other: RegionReport
    difference: Difference

    def __str__(self) -> str:
        return (f"{_label(self.report)} also in {_source(self.other)} with other figures: "
                f"{self.difference}")


def _count(value: int | None) -> str:
    return "none (no footnote)" if value is None else format_count(value)


def _pct(value: Decimal | None) -> str:
    return "none (no footnote)" if value is None else f"{format_percentage(value)}%"


def _line_difference(here: RegionReport, row: int, figures: tuple[int, ...],
                     others: tuple[int, ...]) -> Difference | None:
    """The first cell of one line (a municipality, or ``TOTAAL AMR``) that differs."""
    name = here.total.label if row == TOTAL_ROW else here.rows[row].municipality
    for j, (mine, theirs) in enumerate(zip(figures, others, strict=True)):
        if mine != theirs:
            last = j == len(here.columns)
            return Difference(
                f"{name} {'total' if last else f'count_{j + 1}'}", format_count(mine),
                format_count(theirs), municipality=name,
                column="total" if last else here.columns[j], row=row, column_index=j)
    return None


def first_difference(here: RegionReport, there: RegionReport) -> Difference | None:
    """Where the figures of ``here`` first differ from those of ``there``, reading the table
    as printed: its rows, the ``TOTAAL AMR`` line, the footnote; None when they are the same.
    """
    if len(here.total.counts) != len(there.total.counts):
        return Difference("number of count columns", str(len(here.total.counts)),
                          str(len(there.total.counts)))
    for i, (mine, theirs) in enumerate(zip(here.rows, there.rows, strict=False)):
        if mine.municipality != theirs.municipality:
            return Difference(f"municipality of row {i + 1}", mine.municipality,
                              theirs.municipality, municipality=mine.municipality, row=i)
        found = _line_difference(here, i, (*mine.counts, mine.total),
                                 (*theirs.counts, theirs.total))
        if found:
            return found
    if len(here.rows) != len(there.rows):
        return Difference("number of municipality rows", str(len(here.rows)),
                          str(len(there.rows)))
    found = _line_difference(here, TOTAL_ROW, (*here.total.counts, here.total.total),
                             (*there.total.counts, there.total.total))
    if found:
        return found
    if here.register_total != there.register_total:
        return Difference("register_total", _count(here.register_total),
                          _count(there.register_total))
    if here.known_pct != there.known_pct:
        return Difference("known_pct", _pct(here.known_pct), _pct(there.known_pct))
    return None


@attrs.frozen
class Kept:
    """``report`` goes to the outputs (settled by :meth:`Archive.settled`)."""

    report: RegionReport


@attrs.frozen
class FileCopy:
    """The input at ``path`` has the bytes of the earlier input ``original``; it was not
    read again, and its ``tables`` tables are the original's."""

    path: str
    original: str
    tables: int

    def __str__(self) -> str:
        return f"the same file as {self.original} (identical bytes)"


#: What :meth:`Archive.take` says of what it was given.
Event = Kept | Duplicate | Conflict | FileCopy


class Store(Protocol):
    """Where the kept tables wait until every table is in: a list, or a
    :class:`~transparantie_parser._run.spool.ReportSpool` for a batch too large to hold."""

    def append(self, report: RegionReport, /) -> None: ...

    def __iter__(self) -> Iterator[RegionReport]: ...


# Not an attrs class: one costs every start its building (docs/performance.md, a cold
# start).
class _Version:
    """One set of figures of a region and quarter, the table kept for it and where that
    table is in the store."""

    __slots__ = ("figures", "first", "position")

    def __init__(self, figures: _Figures, first: RegionReport, position: int) -> None:
        self.figures = figures
        self.first = first
        self.position = position


def _preferred(new: RegionReport, kept: RegionReport) -> bool:
    """Is ``new`` the better copy of the same figures? A text layer's reading is printed,
    an OCR reading is the program's: the names of the text layer are the ones to keep."""
    return new.reading == "text" and kept.reading == "ocr"


class Archive:
    """The tables of a batch, taken one file (or table) at a time, and settled at the end.

    :meth:`take` says what each is: :class:`Kept`, a :class:`Duplicate` left out (kept too
    with ``keep_duplicates``), a :class:`Conflict` (kept, with its :class:`Kept`) or a
    :class:`FileCopy`. :meth:`settled`, once everything is taken, hands out the kept tables
    in input order with their ``conflict`` issues and names put right; :attr:`problems`
    then holds every file's problems, the tables' issues and the copies left out.

    >>> import transparantie_parser as tp
    >>> seed = open("fixtures/text/seed-west-brabant-2020q4.txt").read()
    >>> archive = Archive()
    >>> [type(e).__name__ for e in archive.take(tp.parse_text(seed, source="a.txt")[0])]
    ['Kept']
    >>> [str(e) for e in archive.take(tp.parse_text(seed, source="b.txt")[0])]
    ['West-Brabant 2020Q4 also in a.txt, identical']
    >>> [r.source for r in archive.settled()], [p.code for p in archive.problems]
    (['a.txt'], ['duplicate'])
    """

    def __init__(self, *, keep_duplicates: bool = False, store: Store | None = None) -> None:
        self.keep_duplicates = keep_duplicates
        self.problems = ProblemList()
        self._store: Store = [] if store is None else store
        self._stored = 0
        self._dropped: set[int] = set()  # positions of tables a better copy replaced
        self._versions: dict[tuple[str, Quarter], list[_Version]] = {}
        self._names = NameBook()

    def take(self, item: FileOutcome | RegionReport) -> list[Event]:
        """Take in one file's outcome (its problems, its tables) or one table."""
        if isinstance(item, RegionReport):
            return self._take_table(item)
        if item.copy_of is not None:
            # its tables are the original's, and so are its problems
            copy = FileCopy(item.path, item.copy_of, len(item.reports))
            self.problems.add_file(item.path, [_file_copy_problem(copy)])
            return [copy, *(e for r in item.reports for e in self._take_table(r, said=True))]
        self.problems.add_outcome(item)
        return [event for report in item.reports for event in self._take_table(report)]

    def _keep(self, report: RegionReport) -> int:
        self._store.append(report)
        self._stored += 1
        return self._stored - 1

    def _take_table(self, report: RegionReport, *, said: bool = False) -> list[Event]:
        """``said``: the copy is in the problems list already (a file copy)."""
        self._names.learn(report)
        versions = self._versions.setdefault(_key(report), [])
        figures = _figures(report)
        same = next((v for v in versions if v.figures == figures), None)
        if same is not None:
            return self._copy(same, report, said)
        versions.append(_Version(figures, report, self._keep(report)))
        if len(versions) == 1:
            return [Kept(report)]
        there = versions[0].first
        difference = first_difference(report, there)
        assert difference is not None  # the figures differ
        return [Conflict(report, there, difference), Kept(report)]

    def _copy(self, version: _Version, report: RegionReport, said: bool) -> list[Event]:
        if self.keep_duplicates:
            self._keep(report)
            return [Duplicate(report, version.first), Kept(report)]
        if not _preferred(report, version.first):
            if not said:
                self._add_duplicate(Duplicate(report, version.first))
            return [Duplicate(report, version.first)]
        left_out = Duplicate(version.first, report)
        self._dropped.add(version.position)
        version.first, version.position = report, self._keep(report)
        self._add_duplicate(left_out)
        return [left_out, Kept(report)]

    def _add_duplicate(self, duplicate: Duplicate) -> None:
        left_out = duplicate.report
        self.problems.add_file(left_out.source or "", [_duplicate_problem(duplicate)],
                               pages=left_out.pages)

    def settled(self) -> Iterator[RegionReport]:
        """The kept tables in input order, once every table is taken: each with a
        ``conflict`` issue when its region and quarter was taken with other figures, and
        (read by OCR) with the names a text layer of the batch prints in place of close
        misreadings (``ocr_name_matched``, see
        :class:`~transparantie_parser._name_book.NameBook`). Their issues go to
        :attr:`problems` as they are handed out."""
        for position, report in enumerate(self._store):
            if position in self._dropped:
                continue
            settled = self._settle(report)
            self.problems.add_table(settled)
            yield settled

    def _settle(self, report: RegionReport) -> RegionReport:
        figures = _figures(report)
        others = [v.first for v in self._versions.get(_key(report), [])
                  if v.figures != figures]
        if others and "conflict" not in report.issue_codes:  # settled before: once is enough
            report = attrs.evolve(report,
                                  issues=(*report.issues, _conflict_issue(report, others)))
        return self._names.match(report)


def _duplicate_problem(duplicate: Duplicate) -> Problem:
    """A table left out: where the copy is (its file and last page), and the table kept in
    its place (``table_id``, the key every output row of it carries)."""
    left_out, kept = duplicate.report, duplicate.original
    reading = " (read from its text layer, this copy by OCR)" if _preferred(
        kept, left_out) else ""
    return Problem(left_out.source, left_out.pages[-1] if left_out.pages else None,
                   kept.table_id, left_out.region, left_out.period, DUPLICATE,
                   f"{duplicate}{reading}; the copy kept is table {kept.table_id}")


def _file_copy_problem(copy: FileCopy) -> Problem:
    return Problem(copy.path, None, None, None, None, DUPLICATE, f"{copy}; not read again")


def _conflict_issue(report: RegionReport, others: list[RegionReport]) -> ValidationIssue:
    there = others[0]
    difference = first_difference(report, there)
    assert difference is not None  # the figures differ
    more = (f" (and {len(others) - 1} more file(s) with other figures again)"
            if len(others) > 1 else "")
    return ValidationIssue(
        "conflict", f"{_label(report)} is also in {_source(there)} with other figures: "
                    f"{difference}{more}",
        municipality=difference.municipality, column=difference.column,
        row=difference.row, column_index=difference.column_index)


@attrs.frozen
class Deduplicated:
    """What :func:`deduplicate` made of a batch: the ``reports`` to keep, in input order
    (those in a conflict carry a ``conflict`` issue), the ``duplicates`` left out (or kept,
    with ``keep_duplicates``) and the ``conflicts`` found, each once, at its later table."""

    reports: tuple[RegionReport, ...]
    duplicates: tuple[Duplicate, ...]
    conflicts: tuple[Conflict, ...]


def deduplicate(batch: Iterable[RegionReport | FileOutcome], *,
                keep_duplicates: bool = False) -> Deduplicated:
    """Each region and quarter once, as :class:`Archive` keeps it: a table whose figures an
    earlier table (in input order) already holds is left out, unless ``keep_duplicates``
    (of an OCR reading and a text layer's, the text layer's is kept); tables of one region
    and quarter with different figures are all kept, each with a ``conflict`` issue.

    ``batch`` holds reports, or the outcomes of
    :func:`~transparantie_parser.batch.parse_files` (their reports are used).
    """
    archive = Archive(keep_duplicates=keep_duplicates)
    events = [event for item in batch for event in archive.take(item)]
    return Deduplicated(tuple(archive.settled()),
                        tuple(e for e in events if isinstance(e, Duplicate)),
                        tuple(e for e in events if isinstance(e, Conflict)))
