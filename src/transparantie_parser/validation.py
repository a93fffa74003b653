"""What must add up on a page, checked and reported; figures are never changed."""

from __future__ import annotations

from fractions import Fraction

from ._names import same_region
from ._numbers import format_count, format_percentage
from .records import TOTAL_ROW, RegionReport, ValidationIssue

__all__ = ["TOTAL_COLUMN", "validate"]

#: ``ValidationIssue.column`` for the column of row totals.
TOTAL_COLUMN = "total"


def _round_half_up(value: Fraction) -> int:
    return int((value + Fraction(1, 2)).__floor__())


def _sum_issue(report: RegionReport, index: int, counts: tuple[int, ...], total: int
               ) -> ValidationIssue | None:
    """Row ``index`` (``TOTAL_ROW`` for the total line) when its counts do not sum to its
    total."""
    counted = sum(counts)
    if counted == total:
        return None
    terms = " + ".join(format_count(c) for c in counts)
    said = f"the counts {terms} sum to {format_count(counted)}"
    if index == TOTAL_ROW:
        label = report.total.label
        return ValidationIssue(
            "column_sum_mismatch", f"{label}: {said}, but its total is {format_count(total)}",
            municipality=label, column=TOTAL_COLUMN, row=TOTAL_ROW,
            column_index=len(report.columns))
    name = report.rows[index].municipality
    return ValidationIssue(
        "row_sum_mismatch", f"{name}: {said}, but the row total is {format_count(total)}",
        municipality=name, row=index)


def _rows(report: RegionReport) -> list[ValidationIssue]:
    lines = [(i, row.counts, row.total) for i, row in enumerate(report.rows)]
    lines.append((TOTAL_ROW, report.total.counts, report.total.total))
    found = (_sum_issue(report, i, counts, total) for i, counts, total in lines)
    return [issue for issue in found if issue is not None]


def _columns(report: RegionReport) -> list[ValidationIssue]:
    issues = []
    label = report.total.label
    for j, column in enumerate(report.columns):
        counted = sum(row.counts[j] for row in report.rows)
        printed = report.total.counts[j]
        if counted != printed:
            issues.append(ValidationIssue(
                "column_sum_mismatch",
                f"column {column!r}: the municipalities sum to {format_count(counted)}, "
                f"but {label} has {format_count(printed)}",
                column=column, column_index=j,
            ))
    counted = sum(row.total for row in report.rows)
    if counted != report.total.total:
        issues.append(ValidationIssue(
            "column_sum_mismatch",
            f"column {TOTAL_COLUMN!r}: the row totals sum to {format_count(counted)}, "
            f"but {label} has {format_count(report.total.total)}",
            column=TOTAL_COLUMN, column_index=len(report.columns),
        ))
    return issues


def _footnote(report: RegionReport) -> list[ValidationIssue]:
    note = report.footnote
    if note is None:
        return [ValidationIssue(
            "footnote_missing",
            f"no footnote with the register total of {report.region} ('... bevat het "
            "doelgroepregister banenafspraak in totaal N personen. Hiervan is P% bekend "
            "binnen Sonar.') below the table",
        )]
    issues = []
    if not same_region(note.region, report.region):
        issues.append(ValidationIssue(
            "region_mismatch",
            f"the footnote names region {note.region!r}, the heading {report.region!r}",
        ))
    share = report.computed_pct_exact
    if share is None:
        if report.total.total or note.known_pct:
            issues.append(ValidationIssue(
                "coverage_mismatch",
                f"the footnote gives a register of 0 persons but "
                f"{format_percentage(note.known_pct)}% known and "
                f"a grand total of {format_count(report.total.total)}",
            ))
    elif abs(_round_half_up(share) - note.known_pct) > 1:
        issues.append(ValidationIssue(
            "coverage_mismatch",
            f"the footnote says {format_percentage(note.known_pct)}% of the register of "
            f"{format_count(note.register_total)} is known in Sonar, but the grand total "
            f"{format_count(report.total.total)} is {format_percentage(share, places=2)}% of it "
            f"(rounds to {_round_half_up(share)}%)",
        ))
    return issues


def validate(report: RegionReport) -> tuple[ValidationIssue, ...]:
    """Every check of the publication on one report, in a fixed order: rows, columns, footnote.

    Each issue's message names the municipality or column and both numbers.
    """
    return (*_rows(report), *_columns(report), *_footnote(report))
