"""The records: immutable, typed, with the to_dict schema other scripts rely on."""

from __future__ import annotations

import pickle
from decimal import Decimal

import attrs
import pytest

import transparantie_parser as tp


def test_quarter_prints_canonically_and_parses_back() -> None:
    quarter = tp.Quarter(2020, 4)
    assert str(quarter) == "2020-Q4"
    assert tp.Quarter.parse("2020-Q4") == quarter
    assert repr(quarter) == "Quarter(year=2020, number=4)"


def test_quarters_order_by_time() -> None:
    assert sorted([tp.Quarter(2021, 1), tp.Quarter(2020, 4), tp.Quarter(2020, 1)]) == [
        tp.Quarter(2020, 1), tp.Quarter(2020, 4), tp.Quarter(2021, 1)]


@pytest.mark.parametrize("number", [0, 5])
def test_quarter_number_is_one_to_four(number: int) -> None:
    with pytest.raises(ValueError):
        tp.Quarter(2020, number)


def test_quarter_parse_rejects_other_text() -> None:
    with pytest.raises(ValueError, match="2020Q4"):
        tp.Quarter.parse("2020Q4")


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
                  "table_issues": []}],
        "total": {"label": "TOTAAL AMR", "counts": [1, 2], "total": 3},
        "register_total": 4, "known_pct": 75, "computed_pct": 75, "issues": [],
        "reading": "text", "repaired": 0, "structure": "none", "structure_notes": []}


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
