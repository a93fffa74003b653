"""Property-based tests: random region pages printed as text are read back exactly, and any
single changed figure yields exactly the validation issues it should."""

from __future__ import annotations

from fractions import Fraction

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import transparantie_parser as tp

from .pages import Table, render

NAME_POOL = [
    "'s-Hertogenbosch", "'s-Gravenhage", "Nuenen, Gerwen en Nederwetten", "Bergen (L.)",
    "Bergen (NH.)", "Súdwest-Fryslân", "Capelle aan den IJssel", "Reusel-De Mierden",
    "Breda", "Altena", "Bergen op Zoom", "Etten-Leur", "Goeree-Overflakkee", "Ede", "Oss",
    "Sint-Michielsgestel", "Alphen aan den Rijn", "Noardeast-Fryslân", "Dantumadiel",
    "Gemert-Bakel", "Midden-Groningen", "Tytsjerksteradiel", "Nijmegen", "Lelystad",
    "Heerhugowaard", "Oude IJsselstreek", "Ouder-Amstel", "Landsmeer", "Eijsden-Margraten",
]
REGION_POOL = ["West-Brabant", "Zuidoost-Brabant", "Groot Amsterdam", "Friesland",
               "Noord-Holland Noord", "Rijnmond", "Midden-Utrecht", "Zuid-Limburg", "Zeeland"]

counts = st.integers(min_value=0, max_value=999_999)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    names = draw(st.lists(st.sampled_from(NAME_POOL), min_size=1, max_size=12, unique=True))
    rows = [(name, draw(st.lists(counts, min_size=4, max_size=4))) for name in names]
    table = Table.consistent(draw(st.sampled_from(REGION_POOL)),
                             draw(st.integers(min_value=2015, max_value=2035)),
                             draw(st.integers(min_value=1, max_value=4)),
                             rows, register_total=1)
    register = draw(st.integers(min_value=max(1, table.total), max_value=10 * table.total + 10))
    return Table.consistent(table.region, table.year, table.quarter, rows, register)


@settings(max_examples=150)
@given(st.lists(tables(), min_size=1, max_size=3), st.booleans(), st.sampled_from(["\f", "\n"]))
def test_random_pages_read_back_exactly(
    generated: list[Table], blank_lines: bool, separator: str
) -> None:
    text = separator.join(render(t, blank_lines=blank_lines) for t in generated)
    assert [r.to_dict() for r in tp.parse_text(text)] == [t.expected() for t in generated]


def _round_half_up(value: Fraction) -> int:
    return int(value + Fraction(1, 2))


def expected_issues(t: Table) -> list[tuple[str, str | None, str | None]]:
    """An independent oracle of the publication's rules."""
    out: list[tuple[str, str | None, str | None]] = []
    for name, row_counts, total in t.rows:
        if sum(row_counts) != total:
            out.append(("row_sum_mismatch", name, None))
    if sum(t.total_counts) != t.total:
        out.append(("column_sum_mismatch", "TOTAAL AMR", "total"))
    for j, printed in enumerate(t.total_counts):
        if sum(r[1][j] for r in t.rows) != printed:
            out.append(("column_sum_mismatch", None, f"column_{j + 1}"))
    if sum(r[2] for r in t.rows) != t.total:
        out.append(("column_sum_mismatch", None, "total"))
    assert t.register_total and t.known_pct is not None
    if abs(_round_half_up(Fraction(100 * t.total, t.register_total)) - t.known_pct) > 1:
        out.append(("coverage_mismatch", None, None))
    return out


@st.composite
def one_changed_figure(draw: st.DrawFn) -> tuple[Table, Table]:
    """A consistent table and the same table with one printed figure changed."""
    t = draw(tables())
    where = draw(st.sampled_from(["count", "row_total", "total_count", "grand_total",
                                  "register", "pct"]))
    delta = draw(st.integers(min_value=1, max_value=5000))

    def bump(n: int) -> int:
        return n + delta if n < delta or draw(st.booleans()) else n - delta

    if where in ("count", "row_total"):
        r = draw(st.integers(min_value=0, max_value=len(t.rows) - 1))
        name, row_counts, total = t.rows[r]
        if where == "count":
            j = draw(st.integers(min_value=0, max_value=3))
            row_counts = tuple(bump(c) if i == j else c for i, c in enumerate(row_counts))
        else:
            total = bump(total)
        rows = list(t.rows)
        rows[r] = (name, row_counts, total)
        return t, attrs.evolve(t, rows=tuple(rows))
    if where == "total_count":
        j = draw(st.integers(min_value=0, max_value=3))
        return t, attrs.evolve(t, total_counts=tuple(
            bump(c) if i == j else c for i, c in enumerate(t.total_counts)))
    if where == "grand_total":
        return t, attrs.evolve(t, total=bump(t.total))
    if where == "register":
        return t, attrs.evolve(t, register_total=max(1, bump(t.register_total or 0)))
    assert t.known_pct is not None
    delta = delta % 100 + 1  # a printed percentage has at most three digits
    return t, attrs.evolve(t, known_pct=bump(t.known_pct))


@settings(max_examples=300)
@given(one_changed_figure())
def test_one_changed_figure_yields_exactly_the_issues_it_should(pair: tuple[Table, Table]) -> None:
    original, changed = pair
    (report,) = tp.parse_text(render(changed))
    found = [(i.code, i.municipality, i.column) for i in report.issues]
    assert found == expected_issues(changed)
    # every changed row or column figure is caught; the figures are kept as printed
    if changed.rows != original.rows or changed.total_counts != original.total_counts \
            or changed.total != original.total:
        assert any(code in ("row_sum_mismatch", "column_sum_mismatch") for code, _, _ in found)
    assert [[*r.counts, r.total] for r in report.rows] == [
        [*c, t] for _, c, t in changed.rows]


@settings(max_examples=100)
@given(st.lists(st.tuples(tables(), st.booleans()), min_size=1, max_size=4),
       st.sampled_from(["\f", "\n"]))
def test_a_table_that_cannot_be_read_costs_none_of_the_others(
    generated: list[tuple[Table, bool]], separator: str
) -> None:
    """Each table marked broken prints a figure that is no whole number (``1,5``): it alone
    fails, with its region and period; every other table is read back exactly."""
    text = separator.join(render(t, figures={(0, 0): "1,5"} if broken else None)
                          for t, broken in generated)
    good = [t.expected() for t, broken in generated if not broken]
    bad = [(t.region, f"{t.year}Q{t.quarter}") for t, broken in generated if broken]
    try:
        reports, failures = tp.parse_text(text), []
    except tp.PartlyReadError as err:
        assert len(bad) > 1 or good
        reports, failures = list(err.reports), list(err.failures)
    except tp.MalformedTableError as err:
        assert (len(bad), good, err.code) == (1, [], "malformed_number")
        return
    assert [r.to_dict() for r in reports] == good
    assert [(f.region, f.period, f.code, f.page) for f in failures] == [
        (region, period, "malformed_number", None) for region, period in bad]
