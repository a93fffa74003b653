"""One region and quarter in several files of an archive: kept once, or flagged.

Archives hold some tables more than once: a whole-quarter bundle beside a single-region
file, a re-download, a corrected re-publication. Summed by region and quarter, such a table
would count twice. :func:`deduplicate` keeps a table whose figures an earlier table already
holds once (the first in input order) and lists the copies it left out; tables of one region
and quarter with *different* figures are all kept, and each carries a ``conflict`` issue that
names the other file and the first figure that differs. :class:`ArchiveIndex` does the same
one table at a time, for a batch too large to hold. Both also put a name misread by OCR right
where a text layer of the batch prints the region's names (``ocr_name_matched``, see
``_name_book``).

>>> import transparantie_parser as tp
>>> from transparantie_parser.archive import deduplicate
>>> seed = open("fixtures/text/seed-west-brabant-2020q4.txt").read()
>>> result = deduplicate(tp.parse_text(seed, source="a.txt") + tp.parse_text(seed, source="b.txt"))
>>> [r.source for r in result.reports], [str(d) for d in result.duplicates]
(['a.txt'], ['West-Brabant 2020Q4 also in a.txt, identical'])
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from ._name_book import NameBook
from ._names import normalize_text
from ._numbers import format_count, format_percentage
from .batch import FileOutcome
from .records import TOTAL_ROW, Quarter, RegionReport, ValidationIssue

__all__ = ["ArchiveIndex", "Conflict", "Deduplicated", "Difference", "Duplicate", "deduplicate"]

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


@attrs.define
class _Version:
    """One set of figures of a region and quarter, and the first table that printed it."""

    figures: _Figures
    first: RegionReport


class ArchiveIndex:
    """The tables of a batch read so far, by region and quarter.

    :meth:`add` tells each new table apart: the first of its region and quarter, a
    :class:`Duplicate` of an earlier one, or a :class:`Conflict` with one; :meth:`settle`,
    once every table has been added, gives a table of a region and quarter printed with
    different figures its ``conflict`` issue. It keeps the first table of each distinct set
    of figures, not every table.
    """

    def __init__(self) -> None:
        self._versions: dict[tuple[str, Quarter], list[_Version]] = {}
        self._names = NameBook()

    def add(self, report: RegionReport) -> Duplicate | Conflict | None:
        """Take ``report`` in; what it is to the tables added before it."""
        self._names.learn(report)
        versions = self._versions.setdefault(_key(report), [])
        figures = _figures(report)
        for version in versions:
            if version.figures == figures:
                return Duplicate(report, version.first)
        versions.append(_Version(figures, report))
        if len(versions) == 1:
            return None
        there = versions[0].first
        difference = first_difference(report, there)
        assert difference is not None  # the figures differ
        return Conflict(report, there, difference)

    def settle(self, report: RegionReport) -> RegionReport:
        """``report`` with a ``conflict`` issue when a table of its region and quarter was
        added with other figures, and (read by OCR) with the names a text layer of the
        batch prints in place of close misreadings (``ocr_name_matched``, see
        :class:`~transparantie_parser._name_book.NameBook`); ``report`` itself otherwise."""
        figures = _figures(report)
        others = [v.first for v in self._versions.get(_key(report), [])
                  if v.figures != figures]
        if others:
            report = attrs.evolve(report,
                                  issues=(*report.issues, _conflict_issue(report, others)))
        return self._names.match(report)


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
    """Each region and quarter once: a table whose figures an earlier table (in input order)
    already holds is left out, unless ``keep_duplicates``; tables of one region and quarter
    with different figures are all kept, each with a ``conflict`` issue.

    ``batch`` holds reports, or the outcomes of
    :func:`~transparantie_parser.batch.parse_files` (their reports are used)."""
    index = ArchiveIndex()
    kept: list[RegionReport] = []
    duplicates: list[Duplicate] = []
    conflicts: list[Conflict] = []
    for report in _reports(batch):
        found = index.add(report)
        if isinstance(found, Duplicate):
            duplicates.append(found)
            if not keep_duplicates:
                continue
        elif isinstance(found, Conflict):
            conflicts.append(found)
        kept.append(report)
    return Deduplicated(tuple(index.settle(r) for r in kept), tuple(duplicates),
                        tuple(conflicts))


def _reports(batch: Iterable[RegionReport | FileOutcome]) -> Iterable[RegionReport]:
    for item in batch:
        if isinstance(item, FileOutcome):
            yield from item.reports
        else:
            yield item
