"""What must add up: reported as issues, figures kept as printed."""

from __future__ import annotations

import attrs
import pytest
import regex

import transparantie_parser as tp

from .pages import Table, render

TABLE = Table.consistent("Zeeland", 2021, 2, [
    ("Goes", [12, 340, 1200, 88]),
    ("Vlissingen", [7, 210, 1650, 91]),
    ("Terneuzen", [3, 199, 987, 1002]),
], 8000)


def parse(text: str) -> tp.RegionReport:
    (report,) = tp.parse_text(text)
    return report


def codes(report: tp.RegionReport) -> list[tuple[str, str | None, str | None]]:
    return [(i.code, i.municipality, i.column) for i in report.issues]


def test_consistent_table_has_no_issues() -> None:
    assert parse(render(TABLE)).issues == ()


def test_row_total_off_gives_row_and_total_column_mismatch_naming_both_numbers() -> None:
    report = parse(render(TABLE, figures={(1, -1): "1.968"}))
    assert codes(report) == [("row_sum_mismatch", "Vlissingen", None),
                             ("column_sum_mismatch", None, "total")]
    assert report.rows[1].total == 1968  # kept as printed
    row_issue, column_issue = report.issues
    assert "Vlissingen" in row_issue.message
    assert "1.958" in row_issue.message and "1.968" in row_issue.message
    assert "5.799" in column_issue.message and "5.789" in column_issue.message


def test_count_off_gives_row_and_column_mismatch() -> None:
    report = parse(render(TABLE, figures={(0, 1): "341"}))
    assert codes(report) == [("row_sum_mismatch", "Goes", None),
                             ("column_sum_mismatch", None, "column_2")]
    assert "'column_2'" in report.issues[1].message
    assert "750" in report.issues[1].message and "749" in report.issues[1].message


def test_total_line_count_off_gives_column_mismatch_and_total_line_mismatch() -> None:
    report = parse(render(TABLE, figures={(-1, 0): "23"}))
    assert codes(report) == [("column_sum_mismatch", "TOTAAL AMR", "total"),
                             ("column_sum_mismatch", None, "column_1")]


def test_coverage_is_checked_with_round_half_up_and_a_tolerance_of_one() -> None:
    total = TABLE.total  # 5789 of 8000 = 72.36 %
    assert TABLE.known_pct == 72
    for printed, flagged in [(71, False), (73, False), (70, True), (74, True)]:
        text = regex.sub(r"Hiervan is \d+%", f"Hiervan is {printed}%", render(TABLE))
        report = parse(text)
        assert (codes(report) == [("coverage_mismatch", None, None)]) is flagged, printed
    assert total == 5789


def test_coverage_message_names_both_numbers() -> None:
    report = parse(regex.sub(r"Hiervan is \d+%", "Hiervan is 80%", render(TABLE)))
    (issue,) = report.issues
    assert issue.message == (
        "the footnote says 80% of the register of 8.000 is known in Sonar, but the grand total "
        "5.789 is 72,36% of it (rounds to 72%)")


def test_missing_footnote_is_reported() -> None:
    report = parse(render(attrs.evolve(TABLE, register_total=None, known_pct=None)))
    assert codes(report) == [("footnote_missing", None, None)]
    assert report.register_total is None and report.known_pct is None
    assert report.to_dict()["register_total"] is None


def test_footnote_naming_another_region_is_reported() -> None:
    report = parse(render(attrs.evolve(TABLE, footnote_region="Drenthe")))
    assert codes(report) == [("region_mismatch", None, None)]
    assert "'Drenthe'" in report.issues[0].message
    assert "'Zeeland'" in report.issues[0].message


def test_issue_dicts_follow_the_schema() -> None:
    report = parse(render(TABLE, figures={(1, -1): "1.968"}))
    assert report.to_dict()["issues"][0] == {
        "code": "row_sum_mismatch", "message": report.issues[0].message,
        "municipality": "Vlissingen", "column": None, "severity": "error"}


def test_strict_raises_invalid_listing_the_issues() -> None:
    text = render(TABLE, figures={(1, -1): "1.968"})
    with pytest.raises(tp.ValidationFailedError) as caught:
        tp.parse_text(text, source="zeeland.txt", strict=True)
    err = caught.value
    assert err.code == "invalid"
    assert [i.code for i in err.issues] == ["row_sum_mismatch", "column_sum_mismatch"]
    assert str(err).startswith("zeeland.txt: 2 validation issue(s): row_sum_mismatch: ")


def test_strict_passes_a_consistent_table() -> None:
    assert len(tp.parse_text(render(TABLE), strict=True)) == 1


def test_validate_is_public_and_pure() -> None:
    report = parse(render(TABLE, figures={(0, 1): "341"}))
    assert tp.validate(report) == report.issues
