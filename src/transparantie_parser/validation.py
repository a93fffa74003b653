"""What must add up on a page, checked and reported; figures are never changed."""

from __future__ import annotations

from fractions import Fraction

from ._names import same_region
from ._numbers import format_count
from .records import RegionReport, ValidationIssue

__all__ = ["TOTAL_COLUMN", "validate"]

#: ``ValidationIssue.column`` for the column of row totals.
TOTAL_COLUMN = "total"


def _round_half_up(value: Fraction) -> int:
    return int((value + Fraction(1, 2)).__floor__())


def _rows(report: RegionReport) -> list[ValidationIssue]:
    issues = []
    lines = [(row.municipality, row.counts, row.total, False) for row in report.rows]
    lines.append((report.total.label, report.total.counts, report.total.total, True))
    for name, counts, total, is_total_line in lines:
        counted = sum(counts)
        if counted == total:
            continue
        terms = " + ".join(format_count(c) for c in counts)
        if is_total_line:
            issues.append(ValidationIssue(
                "column_sum_mismatch",
                f"{name}: the counts {terms} sum to {format_count(counted)}, but its total is "
                f"{format_count(total)}",
                municipality=name, column=TOTAL_COLUMN,
            ))
        else:
            issues.append(ValidationIssue(
                "row_sum_mismatch",
                f"{name}: the counts {terms} sum to {format_count(counted)}, but the row total is "
                f"{format_count(total)}",
                municipality=name,
            ))
    return issues


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
                column=column,
            ))
    counted = sum(row.total for row in report.rows)
    if counted != report.total.total:
        issues.append(ValidationIssue(
            "column_sum_mismatch",
            f"column {TOTAL_COLUMN!r}: the row totals sum to {format_count(counted)}, "
            f"but {label} has {format_count(report.total.total)}",
            column=TOTAL_COLUMN,
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
    share = report.computed_pct
    if share is None:
        if report.total.total or note.known_pct:
            issues.append(ValidationIssue(
                "coverage_mismatch",
                f"the footnote gives a register of 0 persons but {note.known_pct}% known and "
                f"a grand total of {format_count(report.total.total)}",
            ))
    elif abs(_round_half_up(share) - note.known_pct) > 1:
        issues.append(ValidationIssue(
            "coverage_mismatch",
            f"the footnote says {note.known_pct}% of the register of "
            f"{format_count(note.register_total)} is known in Sonar, but the grand total "
            f"{format_count(report.total.total)} is {float(share):.2f}% of it "
            f"(rounds to {_round_half_up(share)}%)",
        ))
    return issues


def validate(report: RegionReport) -> tuple[ValidationIssue, ...]:
    """Every check of the publication on one report, in a fixed order: rows, columns, footnote.

    Each issue's message names the municipality or column and both numbers.
    """
    return (*_rows(report), *_columns(report), *_footnote(report))
