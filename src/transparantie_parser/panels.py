"""The archive as a panel: every region's figures quarter by quarter side by side, and what
changed between quarters found and named.

:func:`panel` takes any iterable of reports (or batch outcomes), settles them by the one
archive policy (:class:`~transparantie_parser.archive.Archive`: copies kept once, a region
and quarter printed with other figures a conflict) and returns a :class:`Panel`: its
``periods`` (``2020Q4``, sorted), a :class:`PanelRow` per region, municipality and measure
with a value per period (None where the archive holds no figure, or where the region's table
of that quarter is in conflict) and the :class:`Finding` s between quarters:

- ``membership_change``: a municipality printed in a region's table of one period and not
  in the region's next available period, or the reverse (a merger, a boundary change or a
  misread name), given in the period where it appears or disappears;
- ``label_change``: a region's column labels differ from its previous period's. Columns are
  never merged across labels: each label is its own measure, and the finding names the
  columns whose labels changed, so that an analyst who knows them to be the same category
  merges them by position knowingly;
- ``gap``: a period inside a region's first..last period with no table of it;
- ``jump``: a municipality's total changing from one period to the region's next available
  period by more than :data:`JUMP_MIN_CHANGE` persons *and* more than :data:`JUMP_MIN_RATIO`
  of the earlier total.

Findings are facts about the archive, not failures: they do not change an exit code.

>>> import transparantie_parser as tp
>>> seed = open("fixtures/text/seed-west-brabant-2020q4.txt").read()
>>> result = tp.panel(tp.parse_text(seed))
>>> result.periods, result.rows[0].region, result.rows[0].municipality, result.findings
(('2020Q4',), 'West-Brabant', 'Altena', ())
>>> [(row.measure, row.values) for row in result.rows[:2]]
[('column_1', (6,)), ('column_2', (87,))]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Literal, TextIO, get_args

import attrs

from ._names import normalize_text
from ._numbers import format_count
from ._outcome import FileOutcome
from .problems import Problem
from .records import Quarter, RegionReport

__all__ = [
    "FINDING_CODES",
    "JUMP_MIN_CHANGE",
    "JUMP_MIN_RATIO",
    "PANEL_FIELDS",
    "TOTALS_ROW",
    "TOTAL_MEASURE",
    "Finding",
    "FindingCode",
    "Panel",
    "PanelRow",
    "is_jump",
    "panel",
    "write_panel_csv",
]

#: What a finding between quarters can say (README, "Panel").
FindingCode = Literal["gap", "membership_change", "label_change", "jump"]
FINDING_CODES: tuple[FindingCode, ...] = get_args(FindingCode)

#: A municipality's total moving by at most this many persons from one quarter to the next
#: is ordinary, however small the count (±2 on a municipality of 10 is 20 %).
JUMP_MIN_CHANGE = 25
#: ...and by at most this share of the earlier total: ordinary quarters move a municipality
#: by a few percent (the publication's 2019-2021 quarters: under 10 %); a row printed with
#: another municipality's figures moves by far more, unless the two are about as large.
JUMP_MIN_RATIO = Fraction(1, 4)

#: ``municipality`` of the rows of a region's ``TOTAAL AMR`` line.
TOTALS_ROW = "TOTAAL AMR"
#: ``measure`` of a row total (of a municipality, or of the ``TOTAAL AMR`` line).
TOTAL_MEASURE = "total"
# The region's own rows: the footnote's figures, with an empty municipality.
_REGION_MEASURES = ("register_total", "known_pct")

#: A panel cell: a count, a printed percentage (``known_pct``), or None (no figure).
Value = int | Decimal | None


@attrs.frozen
class PanelRow:
    """One region, municipality and measure over every period of the panel.

    ``municipality`` is a name as printed, :data:`TOTALS_ROW` for the region's totals line,
    or ``""`` for the region's own figures (``measure`` ``register_total`` or
    ``known_pct``). ``measure`` is a count column's label as printed, or
    :data:`TOTAL_MEASURE`. ``values`` holds one value per period of :attr:`Panel.periods`.
    """

    region: str
    municipality: str
    measure: str
    values: tuple[Value, ...]


@attrs.frozen
class Finding:
    """A change between a region's quarters: ``code`` (one of :data:`FINDING_CODES`), the
    ``region`` and ``period`` where it shows, the ``municipality`` where one is named, and
    the ``source`` and ``table_id`` of the table of that period (None for a ``gap``)."""

    code: FindingCode
    region: str
    period: str
    message: str
    municipality: str | None = None
    source: str | None = None
    table_id: str | None = None

    def problem(self) -> Problem:
        """The finding as a row of the problems list."""
        return Problem(self.source, None, self.table_id, self.region, self.period, self.code,
                       self.message, self.municipality)

    def __str__(self) -> str:
        return f"{self.region} {self.period}: {self.code}: {self.message}"


@attrs.frozen
class Panel:
    """The archive side by side: ``periods`` sorted, ``rows`` sorted by region, municipality
    (as printed; the totals line and the region's own rows last) and measure (in printed
    column order), ``findings`` by region and period, and the region-quarters left empty
    because their tables are in ``conflicts`` (``(region, period)``)."""

    periods: tuple[str, ...]
    rows: tuple[PanelRow, ...]
    findings: tuple[Finding, ...]
    conflicts: tuple[tuple[str, str], ...] = ()

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row.region for row in self.rows))


def _key(name: str) -> str:
    return normalize_text(name).casefold()


def _index(quarter: Quarter) -> int:
    return quarter.year * 4 + quarter.number - 1


def _quarter(index: int) -> Quarter:
    return Quarter(index // 4, index % 4 + 1)


@attrs.frozen
class _Period:
    """A region's one table of a quarter, or its conflict (``table`` None)."""

    quarter: Quarter
    table: RegionReport | None


def _region_periods(reports: Sequence[RegionReport]) -> list[_Period]:
    """A region's quarters in order, each with its table; a quarter of tables in conflict
    has none (its figures are left out, never one copy picked)."""
    by_quarter: dict[Quarter, list[RegionReport]] = {}
    for report in reports:
        by_quarter.setdefault(report.quarter, []).append(report)
    periods = []
    for quarter in sorted(by_quarter):
        tables = by_quarter[quarter]
        conflict = any("conflict" in t.issue_codes for t in tables)
        periods.append(_Period(quarter, None if conflict else tables[0]))
    return periods


@attrs.define
class _Series:
    """One row of the panel being filled: its sort key and its values by period index."""

    order: tuple[object, ...]
    municipality: str
    measure: str
    values: dict[int, Value] = attrs.Factory(dict)


def _measures(table: RegionReport) -> list[str]:
    """A table's count measures: its labels, a label printed over two columns told apart by
    its column's number (two columns are never one measure)."""
    labels = table.columns
    return [f"{label} (column {j + 1})" if labels.count(label) > 1 else label
            for j, label in enumerate(labels)]


def _measure_order(periods: list[_Period]) -> dict[str, tuple[int, int]]:
    """Each count label of a region, ordered by its column's position, then by when it was
    first printed (a relabelled column's labels stand side by side)."""
    order: dict[str, tuple[int, int]] = {}
    for when, period in enumerate(periods):
        if period.table is not None:
            for position, label in enumerate(_measures(period.table)):
                order.setdefault(label, (position, when))
    return order


class _RegionPanel:
    """The rows and findings of one region."""

    def __init__(self, name: str, periods: list[_Period], column: dict[str, int]) -> None:
        self.name = name
        self.periods = periods
        self.column = column  # period -> column of the panel
        self.measures = _measure_order(periods)
        self.series: dict[tuple[str, str], _Series] = {}
        self.names: dict[str, str] = {}  # municipality key -> name as last printed

    def _cell(self, group: tuple[int, str], municipality: str, measure: str,
              when: Quarter, value: Value) -> None:
        key = (municipality if group[0] != 0 else _key(municipality), measure)
        rank = (*group, len(self.measures) + 1) if measure == TOTAL_MEASURE else (
            *group, *self.measures.get(measure, (0, 0)))
        series = self.series.setdefault(key, _Series(rank, municipality, measure))
        series.municipality = municipality
        series.values[self.column[when.period]] = value

    def fill(self) -> None:
        for period in self.periods:
            if period.table is not None:
                self._table(period.quarter, period.table)

    def _table(self, when: Quarter, table: RegionReport) -> None:
        for row in table.rows:
            group = (0, _key(row.municipality))
            self.names[group[1]] = row.municipality
            for label, count in zip(_measures(table), row.counts, strict=True):
                self._cell(group, row.municipality, label, when, count)
            self._cell(group, row.municipality, TOTAL_MEASURE, when, row.total)
        totals = (1, "")
        for label, count in zip(_measures(table), table.total.counts, strict=True):
            self._cell(totals, TOTALS_ROW, label, when, count)
        self._cell(totals, TOTALS_ROW, TOTAL_MEASURE, when, table.total.total)
        for position, measure in enumerate(_REGION_MEASURES):
            value = table.register_total if position == 0 else table.known_pct
            key = ("", measure)
            series = self.series.setdefault(key, _Series((2, "", position), "", measure))
            series.values[self.column[when.period]] = value

    def rows(self, width: int) -> list[PanelRow]:
        ordered = sorted(self.series.values(), key=lambda s: s.order)
        return [PanelRow(self.name, self.names.get(_key(s.municipality), s.municipality)
                         if s.order[0] == 0 else s.municipality, s.measure,
                         tuple(s.values.get(i) for i in range(width))) for s in ordered]

    def findings(self) -> list[Finding]:
        found = self._gaps()
        tables = [p for p in self.periods if p.table is not None]
        for before, after in itertools.pairwise(tables):
            assert before.table is not None and after.table is not None
            found.extend(_between(self.name, before.table, after.table))
        return found

    def _gaps(self) -> list[Finding]:
        held = {_index(p.quarter) for p in self.periods}
        first, last = min(held), max(held)
        return [Finding("gap", self.name, _quarter(i).period,
                        f"no table of {self.name} for {_quarter(i).period} in the archive, "
                        f"between its first period {_quarter(first).period} and its last "
                        f"{_quarter(last).period}")
                for i in range(first, last + 1) if i not in held]


def _between(region: str, before: RegionReport, after: RegionReport) -> list[Finding]:
    """What changed from a region's table to its next: names, labels, totals."""
    found = _membership(region, before, after)
    if before.columns != after.columns:
        found.append(_label_change(region, before, after))
    found.extend(_jumps(region, before, after))
    return found


def _finding(code: FindingCode, region: str, table: RegionReport, message: str,
             municipality: str | None = None) -> Finding:
    return Finding(code, region, table.period, message, municipality, table.source,
                   table.table_id)


def _membership(region: str, before: RegionReport, after: RegionReport) -> list[Finding]:
    had = {_key(r.municipality): r.municipality for r in before.rows}
    has = {_key(r.municipality): r.municipality for r in after.rows}
    found = [_finding("membership_change", region, after,
                      f"{name} is printed in {region}'s table of {after.period}, not in that "
                      f"of {before.period} (a merger, a boundary change or a misread name)",
                      name) for key, name in has.items() if key not in had]
    found.extend(_finding("membership_change", region, after,
                          f"{name} is printed in {region}'s table of {before.period}, not in "
                          f"that of {after.period} (a merger, a boundary change or a misread "
                          "name)", name) for key, name in had.items() if key not in has)
    return found


def _label_change(region: str, before: RegionReport, after: RegionReport) -> Finding:
    changed = [f"column {j + 1} {old!r} is now {new!r}" for j, (old, new)
               in enumerate(zip(before.columns, after.columns, strict=False)) if old != new]
    if len(before.columns) != len(after.columns):
        changed.append(f"{len(before.columns)} count columns are now {len(after.columns)}")
    return _finding("label_change", region, after,
                    f"{region}'s column labels differ from {before.period}: "
                    f"{'; '.join(changed)}; each label is its own measure (not merged)")


def is_jump(before: int, after: int) -> bool:
    """Is a total moving from ``before`` to ``after`` more than an ordinary quarter's
    movement (:data:`JUMP_MIN_CHANGE` and :data:`JUMP_MIN_RATIO`)?"""
    change = abs(after - before)
    return change > JUMP_MIN_CHANGE and change > JUMP_MIN_RATIO * before


def _jumps(region: str, before: RegionReport, after: RegionReport) -> Iterator[Finding]:
    totals = {_key(r.municipality): r.total for r in before.rows}
    for row in after.rows:
        earlier = totals.get(_key(row.municipality))
        if earlier is not None and is_jump(earlier, row.total):
            yield _finding(
                "jump", region, after,
                f"{row.municipality}'s total is {format_count(row.total)} in {after.period}, "
                f"{format_count(earlier)} in {before.period}: more than {JUMP_MIN_CHANGE} "
                f"persons and {int(JUMP_MIN_RATIO * 100)}% apart (figures printed against "
                "another name?)", row.municipality)


def _settled(batch: Iterable[RegionReport | FileOutcome]) -> list[RegionReport]:
    from .archive import Archive

    archive = Archive()
    for item in batch:
        archive.take(item)
    return list(archive.settled())


_CODE_ORDER = {code: i for i, code in enumerate(("gap", "membership_change", "label_change",
                                                 "jump"))}


def panel(reports: Iterable[RegionReport | FileOutcome]) -> Panel:
    """The panel of ``reports`` (any iterable of reports, or of batch outcomes), settled by
    the archive policy first: a copy counts once, a region and quarter printed with other
    figures is left empty and listed in :attr:`Panel.conflicts`."""
    tables = _settled(reports)
    by_region: dict[str, list[RegionReport]] = {}
    for table in tables:
        by_region.setdefault(_key(table.region), []).append(table)
    periods = sorted({t.quarter for t in tables})
    column = {q.period: i for i, q in enumerate(periods)}
    rows: list[PanelRow] = []
    findings: list[Finding] = []
    conflicts: list[tuple[str, str]] = []
    for group in sorted(by_region.values(), key=lambda g: _key(g[-1].region)):
        name = max(group, key=lambda t: t.quarter).region  # as its latest table prints it
        region = _RegionPanel(name, _region_periods(group), column)
        region.fill()
        rows.extend(region.rows(len(periods)))
        findings.extend(sorted(region.findings(), key=lambda f: (
            f.period, _CODE_ORDER[f.code], _key(f.municipality or ""))))
        conflicts.extend((name, p.quarter.period) for p in region.periods if p.table is None)
    return Panel(tuple(q.period for q in periods), tuple(rows), tuple(findings),
                 tuple(conflicts))


# --- the panel as CSV -------------------------------------------------------------------------

#: The columns before the periods (one column per period follows, ``2020Q4``).
PANEL_FIELDS = ("region", "municipality", "measure")


def _csv_text(value: object, excel_nl: bool) -> str:
    from .writers import csv_safe

    if value is None:
        return ""
    if isinstance(value, str):
        return csv_safe(value)
    if isinstance(value, Decimal) and excel_nl:
        return str(value).replace(".", ",")
    return str(value)


def write_panel_csv(stream: TextIO, result: Panel, *, excel_nl: bool = False) -> None:
    """``result`` as CSV: :data:`PANEL_FIELDS`, then a column per period; UTF-8 with RFC 4180
    quoting, or with ``excel_nl`` the dialect Dutch Excel opens (``;``, ``,`` decimals and a
    BOM), as the other CSV outputs."""
    import csv

    if excel_nl:
        stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=";" if excel_nl else ",", lineterminator="\r\n")
    writer.writerow([*PANEL_FIELDS, *result.periods])
    for row in result.rows:
        writer.writerow([_csv_text(v, excel_nl) for v in
                         (row.region, row.municipality, row.measure, *row.values)])
