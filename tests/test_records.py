"""The records: immutable, typed, with the to_dict schema other scripts rely on."""

from __future__ import annotations

import pickle
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest

import transparantie_parser as tp


def test_quarter_prints_as_its_period_and_parses_back() -> None:
    quarter = tp.Quarter(2020, 4)
    assert str(quarter) == quarter.period == "2020Q4"
    assert f"{quarter}" == "2020Q4"
    assert tp.Quarter.parse("2020Q4") == tp.Quarter.parse("2020-Q4") == quarter
    assert repr(quarter) == "Quarter(year=2020, number=4)"
    assert eval(repr(quarter), {"Quarter": tp.Quarter}) == quarter


def test_a_report_says_its_quarter_and_period_the_same_way() -> None:
    report = tp.RegionReport(
        region="Zeeland", quarter=tp.Quarter(2020, 2), columns=["a"],
        rows=[tp.MunicipalityRow("Goes", [1], 1)], total=tp.TotalRow("TOTAAL AMR", [1], 1))
    assert str(report.quarter) == report.period == "2020Q2"


def test_computed_pct_prints_as_a_person_reads_it_and_as_the_outputs_write_it() -> None:
    report = tp.RegionReport(
        region="Zeeland", quarter=tp.Quarter(2020, 2), columns=["a"],
        rows=[tp.MunicipalityRow("Goes", [128], 128)], total=tp.TotalRow("TOTAAL AMR", [128], 128),
        footnote=tp.RegisterFootnote("Zeeland", 171, Decimal("75")))
    assert str(report.computed_pct) == "74.85"
    assert report.computed_pct == Decimal("74.85")
    assert report.computed_pct_exact == Fraction(12800, 171)
    assert report.to_dict()["computed_pct"] == 74.85


def test_quarters_order_by_time() -> None:
    assert sorted([tp.Quarter(2021, 1), tp.Quarter(2020, 4), tp.Quarter(2020, 1)]) == [
        tp.Quarter(2020, 1), tp.Quarter(2020, 4), tp.Quarter(2021, 1)]


@pytest.mark.parametrize("number", [0, 5])
def test_quarter_number_is_one_to_four(number: int) -> None:
    with pytest.raises(ValueError):
        tp.Quarter(2020, number)


def test_quarter_parse_rejects_other_text() -> None:
    for text in ("2020Q5", "2020 Q4", "Q4 2020", "20Q4"):
        with pytest.raises(ValueError, match="2020Q4"):
            tp.Quarter.parse(text)


def test_records_are_frozen_and_hashable() -> None:
    row = tp.MunicipalityRow("Breda", [41, 579, 767, 248], 1635)
    assert row.counts == (41, 579, 767, 248)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        row.total = 1  # type: ignore[misc]
    assert hash(row) == hash(tp.MunicipalityRow("Breda", (41, 579, 767, 248), 1635))


def test_negative_counts_are_rejected() -> None:
    with pytest.raises(ValueError):
        tp.MunicipalityRow("Breda", [-1, 0, 0, 0], 0)


def test_to_dict_has_exactly_the_documented_keys() -> None:
    report = tp.RegionReport(
        region="West-Brabant", quarter=tp.Quarter(2020, 4), columns=["a", "b"],
        rows=[tp.MunicipalityRow("Breda", [1, 2], 3, page=1)],
        total=tp.TotalRow("TOTAAL AMR", [1, 2], 3),
        footnote=tp.RegisterFootnote("West-Brabant", 4, Decimal("75")),
        pages=[1], source="a.pdf",
    )
    assert report.to_dict() == {
        "table_id": "2020Q4-west-brabant-4f6ece89", "source": "a.pdf", "pages": [1],
        "region": "West-Brabant", "period": "2020Q4", "year": 2020, "quarter": 4,
        "columns": ["a", "b"],
        "rows": [{"municipality": "Breda", "page": 1, "counts": [1, 2], "total": 3,
                  "table_issues": [], "row_issues": [], "severity": None}],
        "total": {"label": "TOTAAL AMR", "counts": [1, 2], "total": 3},
        "register_total": 4, "known_pct": 75, "computed_pct": 75, "issues": [],
        "reading": "text", "repaired": 0, "severity": None,
        "structure": "none", "structure_notes": []}


def test_errors_survive_pickling_with_code_source_and_issues() -> None:
    issue = tp.ValidationIssue("row_sum_mismatch", "m", municipality="Breda")
    err = tp.ValidationFailedError([issue], source="a.pdf")
    copy = pickle.loads(pickle.dumps(err))
    assert (type(copy), copy.code, copy.source, copy.issues, str(copy)) == (
        tp.ValidationFailedError, "invalid", "a.pdf", (issue,), str(err))


def test_public_names_are_listed() -> None:
    assert set(tp.__all__) >= {"parse_text", "parse_pdf", "RegionReport", "MunicipalityRow",
                               "Quarter", "TotalRow", "ValidationIssue", "TransparantieError"}
    for name in tp.__all__:
        assert hasattr(tp, name)


def test_every_issue_code_has_a_severity_and_the_notes_are_read_right() -> None:
    from transparantie_parser.records import ISSUE_CODES, ISSUE_SEVERITY

    assert set(ISSUE_SEVERITY) == set(ISSUE_CODES)
    assert {code for code, severity in ISSUE_SEVERITY.items() if severity == "note"} == {
        "blank_as_zero", "label_missing", "unplaced_text", "ocr_name_matched"}
    assert tp.ValidationIssue("blank_as_zero", "m").severity == "note"
    assert tp.ValidationIssue("ocr_uncertain", "m").severity == "error"


def _table(rows: list[tuple[str, list[int], int]], total: tuple[list[int], int],
           footnote_region: str = "Zeeland") -> tp.RegionReport:
    report = tp.RegionReport(
        region="Zeeland", quarter=tp.Quarter(2020, 4), columns=["a", "b"],
        rows=[tp.MunicipalityRow(name, counts, row_total) for name, counts, row_total in rows],
        total=tp.TotalRow("TOTAAL AMR", *total),
        footnote=tp.RegisterFootnote(footnote_region, 100, Decimal("30")))
    return attrs.evolve(report, issues=tp.validate(report))


def test_a_row_that_does_not_add_up_is_the_only_row_its_issues_concern() -> None:
    # Goes's total is off by one; the row totals' column fails with it, but every count
    # column adds up, so Vlissingen's figures are confirmed by both their sums
    report = _table([("Goes", [1, 2], 4), ("Vlissingen", [10, 17], 27)], ([11, 19], 30))
    assert report.issue_codes == ("row_sum_mismatch", "column_sum_mismatch")
    assert [report.row_issue_codes(i) for i in range(2)] == [("row_sum_mismatch",), ()]
    assert [(r["row_issues"], r["severity"]) for r in report.to_dict()["rows"]] == [
        (["row_sum_mismatch"], "error"), ([], None)]
    assert report.severity == "error"


def test_a_count_column_that_does_not_add_up_puts_every_row_in_doubt() -> None:
    # any figure of column b may be the wrong one
    report = _table([("Goes", [1, 2], 3), ("Vlissingen", [10, 17], 27)], ([11, 20], 31))
    assert [i.column for i in report.issues] == ["b", "total"]
    assert [report.row_issue_codes(i) for i in range(2)] == [("column_sum_mismatch",)] * 2


def test_a_footnote_naming_another_region_puts_every_row_in_doubt_a_coverage_none() -> None:
    other = _table([("Goes", [1, 2], 3), ("Vlissingen", [10, 17], 27)], ([11, 19], 30),
                   footnote_region="Drenthe")
    assert [other.row_issue_codes(i) for i in range(2)] == [("region_mismatch",)] * 2
    coverage = attrs.evolve(other, footnote=tp.RegisterFootnote("Zeeland", 100, Decimal("80")))
    coverage = attrs.evolve(coverage, issues=tp.validate(coverage))
    assert coverage.issue_codes == ("coverage_mismatch",)
    assert [coverage.row_issue_codes(i) for i in range(2)] == [(), ()]


def test_a_row_with_only_notes_has_severity_note() -> None:
    report = _table([("Goes", [0, 3], 3), ("Vlissingen", [10, 17], 27)], ([10, 20], 30))
    report = attrs.evolve(report, issues=[
        tp.ValidationIssue("blank_as_zero", "Goes: blank", municipality="Goes", column="a",
                           row=0, column_index=0),
        tp.ValidationIssue("unplaced_text", "page 1: 'x'")])
    rows = report.to_dict()["rows"]
    assert [(r["table_issues"], r["row_issues"], r["severity"]) for r in rows] == [
        (["blank_as_zero", "unplaced_text"], ["blank_as_zero"], "note"),
        (["blank_as_zero", "unplaced_text"], [], None)]
    assert report.severity == "note"
