"""Dutch notation of figures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

import transparantie_parser as tp
from transparantie_parser._numbers import is_figure_like, parse_count, parse_percentage

from .pages import Table, dutch, render


def test_thousand_separator_is_not_a_decimal_point() -> None:
    assert parse_count("1.635", context="x") == 1635


@pytest.mark.parametrize(("printed", "value"), [
    ("0", 0), ("7", 7), ("999", 999), ("1.000", 1000), ("12.345", 12345),
    ("123.456", 123456), ("1.234.567", 1234567), ("1635", 1635),
])
def test_counts_in_dutch_notation(printed: str, value: int) -> None:
    assert parse_count(printed, context="x") == value


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2212"])
def test_a_lone_dash_is_zero(dash: str) -> None:
    assert parse_count(dash, context="x") == 0


@pytest.mark.parametrize("printed", ["1.63", "1,635", "1.6350", "12.34.567", "1..635", "1.635,"])
def test_malformed_count_is_an_error_naming_the_text(printed: str) -> None:
    with pytest.raises(tp.MalformedTableError) as caught:
        parse_count(printed, context="Breda 41 579 767 248 " + printed)
    assert caught.value.code == "malformed_number"
    assert repr(printed) in str(caught.value)
    assert "Breda" in str(caught.value)


def test_percentage_keeps_its_decimals_exactly() -> None:
    assert parse_percentage("70,6", context="x") == Decimal("70.6")
    assert parse_percentage("71", context="x") == Decimal(71)


@given(st.integers(min_value=0, max_value=10**9))
def test_every_count_printed_in_dutch_reads_back(n: int) -> None:
    assert is_figure_like(dutch(n))
    assert parse_count(dutch(n), context="x") == n


def test_malformed_number_in_a_row_fails_the_parse_naming_source_and_text() -> None:
    table = Table.consistent("West-Brabant", 2020, 4, [("Breda", [41, 579, 767, 248]),
                                                       ("Zundert", [4, 22, 46, 27])], 7000)
    text = render(table, figures={(0, -1): "1.63"})
    with pytest.raises(tp.TransparantieError) as caught:
        tp.parse_text(text, source="breda.txt")
    assert caught.value.code == "malformed_number"
    assert str(caught.value).startswith("breda.txt: ")
    assert "'1.63'" in str(caught.value)
    assert "Breda 41 579 767 248 1.63" in str(caught.value)


def test_comma_grouped_count_is_not_guessed() -> None:
    table = Table.consistent("West-Brabant", 2020, 4, [("Breda", [41, 579, 767, 1248]),
                                                       ("Zundert", [4, 22, 46, 27])], 7000)
    with pytest.raises(tp.TransparantieError, match="'1,248'") as caught:
        tp.parse_text(render(table, figures={(0, 3): "1,248"}))
    assert caught.value.code == "malformed_number"


def test_dash_in_a_count_cell_reads_as_zero() -> None:
    table = Table.consistent("Zeeland", 2021, 1, [("Vlissingen", [0, 5, 6, 7]),
                                                  ("Goes", [1, 2, 3, 4])], 100)
    (report,) = tp.parse_text(render(table, figures={(0, 0): "-"}))
    assert report.rows[0].counts == (0, 5, 6, 7)
    assert report.issues == ()
