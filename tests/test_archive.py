"""One region and quarter in several files: an identical copy is kept once, different figures
are a conflict that both tables carry."""

from __future__ import annotations

import attrs

import transparantie_parser as tp
from transparantie_parser.archive import Conflict, Duplicate, deduplicate
from transparantie_parser.batch import FileOutcome

from .pages import Table, render

FRIESLAND = Table.consistent("Friesland", 2021, 2, [("Leeuwarden", [10, 1635, 30, 40]),
                                                     ("Sneek", [1, 2, 3, 4])], 4000)
CORRECTED = Table.consistent("Friesland", 2021, 2, [("Leeuwarden", [10, 1636, 30, 40]),
                                                     ("Sneek", [1, 2, 3, 4])], 4000)
ZEELAND = Table.consistent("Zeeland", 2021, 2, [("Goes", [5, 6, 7, 8])], 100)


def report(table: Table, source: str) -> tp.RegionReport:
    (parsed,) = tp.parse_text(render(table), source=source)
    return parsed


def test_identical_figures_are_kept_once_the_first_in_order() -> None:
    first, zeeland, copy = (report(FRIESLAND, "bundel.pdf"), report(ZEELAND, "z.pdf"),
                            report(FRIESLAND, "friesland.pdf"))
    result = deduplicate([first, zeeland, copy])
    assert result.reports == (first, zeeland)
    assert result.duplicates == (Duplicate(copy, first),)
    assert result.conflicts == ()
    assert str(result.duplicates[0]) == (
        "Friesland 2021Q2 also in bundel.pdf, identical")


def test_another_quarter_or_region_is_no_duplicate() -> None:
    reports = [report(FRIESLAND, "a.pdf"), report(attrs.evolve(FRIESLAND, quarter=3), "b.pdf"),
               report(attrs.evolve(FRIESLAND, region="Drenthe"), "c.pdf")]
    result = deduplicate(reports)
    assert result.reports == tuple(reports)
    assert (result.duplicates, result.conflicts) == ((), ())


def test_different_figures_are_a_conflict_both_tables_carry() -> None:
    first, corrected = report(FRIESLAND, "2021-Q2.pdf"), report(CORRECTED, "herzien.pdf")
    result = deduplicate([first, corrected])
    (conflict,) = result.conflicts
    assert (conflict.report, conflict.other) == (corrected, first)
    assert str(conflict) == ("Friesland 2021Q2 also in 2021-Q2.pdf with other figures: "
                             "Leeuwarden count_2 is 1.636 here, 1.635 there")
    kept_first, kept_corrected = result.reports
    assert kept_first.issues == (tp.ValidationIssue(
        "conflict", "Friesland 2021Q2 is also in herzien.pdf with other figures: "
                    "Leeuwarden count_2 is 1.635 here, 1.636 there",
        municipality="Leeuwarden", column="column_2", row=0, column_index=1),)
    assert kept_corrected.issues == (tp.ValidationIssue(
        "conflict", "Friesland 2021Q2 is also in 2021-Q2.pdf with other figures: "
                    "Leeuwarden count_2 is 1.636 here, 1.635 there",
        municipality="Leeuwarden", column="column_2", row=0, column_index=1),)
    assert attrs.evolve(kept_first, issues=()) == first


def test_a_copy_of_either_side_of_a_conflict_is_a_duplicate_of_that_side() -> None:
    a, b, b_again = (report(FRIESLAND, "a.pdf"), report(CORRECTED, "b.pdf"),
                     report(CORRECTED, "c.pdf"))
    result = deduplicate([a, b, b_again])
    assert [r.source for r in result.reports] == ["a.pdf", "b.pdf"]
    assert result.duplicates == (Duplicate(b_again, b),)
    assert [c.report.source for c in result.conflicts] == ["b.pdf"]


def test_keep_duplicates_keeps_every_copy_and_still_marks_conflicts() -> None:
    a, a_again, b = (report(FRIESLAND, "a.pdf"), report(FRIESLAND, "a2.pdf"),
                     report(CORRECTED, "b.pdf"))
    result = deduplicate([a, a_again, b], keep_duplicates=True)
    assert [r.source for r in result.reports] == ["a.pdf", "a2.pdf", "b.pdf"]
    assert [[i.code for i in r.issues] for r in result.reports] == [
        ["conflict"], ["conflict"], ["conflict"]]
    assert result.duplicates == (Duplicate(a_again, a),)


def test_the_first_difference_is_named_in_reading_order() -> None:
    fewer = Table.consistent("Friesland", 2021, 2, [("Leeuwarden", [10, 1635, 30, 40])], 4000)
    other_register = attrs.evolve(FRIESLAND, register_total=4001)
    base = report(FRIESLAND, "a.pdf")
    said = {
        "fewer rows": str(deduplicate([base, report(fewer, "b.pdf")]).conflicts[0]),
        "register": str(deduplicate([base, report(other_register, "c.pdf")]).conflicts[0]),
    }
    assert said == {
        "fewer rows": "Friesland 2021Q2 also in a.pdf with other figures: number of "
                      "municipality rows is 1 here, 2 there",
        "register": "Friesland 2021Q2 also in a.pdf with other figures: register_total is "
                    "4.001 here, 4.000 there",
    }


def test_deduplicate_takes_file_outcomes_as_parse_files_yields_them() -> None:
    a, b = report(FRIESLAND, "a.pdf"), report(FRIESLAND, "b.pdf")
    outcomes = [FileOutcome("a.pdf", (a,)), FileOutcome("x.pdf", error_code="damaged",
                                                        error_message="is damaged"),
                FileOutcome("b.pdf", (b,))]
    result = deduplicate(outcomes)
    assert result.reports == (a,)
    assert result.duplicates == (Duplicate(b, a),)


def test_conflict_is_a_documented_issue_code() -> None:
    from transparantie_parser.records import ISSUE_CODES

    assert "conflict" in ISSUE_CODES
    assert isinstance(Conflict, type)
