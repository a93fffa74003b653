"""One region and quarter in several files: an identical copy is kept once, different figures
are a conflict that both tables carry."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import transparantie_parser as tp
from transparantie_parser.archive import Archive, Conflict, Duplicate, deduplicate
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


# --- one policy, four users (issue 20) -----------------------------------------------------------

def test_convert_validate_read_archive_deduplicate_and_panel_go_through_the_one_archive(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from transparantie_parser import archive, cli

    callers: list[str] = []
    user = [""]  # who is calling now
    take, settled = archive.Archive.take, archive.Archive.settled

    def spy_take(self: archive.Archive, item: object) -> object:
        callers.append(user[0])
        return take(self, item)  # type: ignore[arg-type]

    def spy_settled(self: archive.Archive) -> object:
        callers.append(f"{user[0]} settled")
        return settled(self)

    monkeypatch.setattr(archive.Archive, "take", spy_take)
    monkeypatch.setattr(archive.Archive, "settled", spy_settled)
    text = tmp_path / "friesland.txt"
    text.write_text(render(FRIESLAND), encoding="utf-8")
    user[0] = "convert"
    cli.main(["convert", str(text), "-o", str(tmp_path / "o.csv"), "-q", "-j", "1"])
    user[0] = "validate"
    cli.main(["validate", str(text), "-q", "-j", "1"])
    user[0] = "read_archive"
    tp.read_archive([text], jobs=1)
    user[0] = "deduplicate"
    deduplicate([report(FRIESLAND, "a.pdf")])
    user[0] = "panel"
    cli.main(["panel", str(text), "-o", str(tmp_path / "p.csv"), "-q", "-j", "1"])
    user[0] = "tp.panel"
    tp.panel([report(FRIESLAND, "a.pdf")])
    users = ["convert", "validate", "read_archive", "deduplicate", "panel", "tp.panel"]
    assert set(callers) == {*users, *(f"{u} settled" for u in users)}


def test_the_archive_module_does_not_load_the_worker_pool() -> None:
    from .test_startup import loaded_after

    loaded = loaded_after("import transparantie_parser.archive")
    assert {"transparantie_parser.batch", "multiprocessing"} & loaded == set()


# --- what the problems list holds of the copies (issue 23) -----------------------------------

def test_a_table_left_out_is_a_duplicate_problem_naming_the_copy_kept() -> None:
    first, copy = report(FRIESLAND, "bundel.pdf"), report(FRIESLAND, "friesland.pdf")
    archive = Archive()
    for item in (first, copy):
        archive.take(item)
    (kept,) = archive.settled()
    assert [p.values() for p in archive.problems] == [(
        "friesland.pdf", None, first.table_id, "Friesland", "2021Q2", "duplicate",
        f"Friesland 2021Q2 also in bundel.pdf, identical; the copy kept is table "
        f"{first.table_id}", None, None, "note")]
    assert kept == first


def test_a_file_with_the_bytes_of_another_is_one_duplicate_problem() -> None:
    a = report(FRIESLAND, "a.pdf")
    archive = Archive()
    archive.take(FileOutcome("a.pdf", (a,)))
    events = archive.take(FileOutcome("kopie.pdf", (attrs.evolve(a, source="kopie.pdf"),),
                                      copy_of="a.pdf"))
    assert [type(e).__name__ for e in events] == ["FileCopy", "Duplicate"]
    assert list(archive.settled()) == [a]
    assert [(p.source, p.code, p.message) for p in archive.problems] == [
        ("kopie.pdf", "duplicate", "the same file as a.pdf (identical bytes); not read again")]


def test_of_identical_copies_the_text_reading_is_kept_over_the_ocr_reading() -> None:
    scanned = attrs.evolve(report(FRIESLAND, "scan.pdf"), reading="ocr")
    zeeland, printed = report(ZEELAND, "z.pdf"), report(FRIESLAND, "tekst.pdf")
    result = deduplicate([scanned, zeeland, printed])
    assert result.reports == (zeeland, printed)
    assert result.duplicates == (Duplicate(scanned, printed),)
    archive = Archive()
    events = [e for item in (scanned, zeeland, printed) for e in archive.take(item)]
    assert [str(e) for e in events if isinstance(e, Duplicate)] == [
        "Friesland 2021Q2 also in tekst.pdf, identical"]
    assert list(archive.settled()) == [zeeland, printed]
    (problem,) = archive.problems
    assert (problem.source, problem.table_id, problem.message) == (
        "scan.pdf", printed.table_id,
        "Friesland 2021Q2 also in tekst.pdf, identical (read from its text layer, this copy "
        f"by OCR); the copy kept is table {printed.table_id}")
    # the other way round, the first stays
    assert deduplicate([printed, scanned]).reports == (printed,)


def test_pages_left_unread_are_in_the_archives_problems_as_frames_and_panel_get_them() -> None:
    note = ("1 page(s) without a text layer were not read (OCR is turned off): tables printed "
            "on them are missing")
    archive = Archive()
    archive.take(FileOutcome("deels.pdf", (report(ZEELAND, "deels.pdf"),), notes=(note,)))
    list(archive.settled())
    assert [(p.source, p.code, p.message) for p in archive.problems] == [
        ("deels.pdf", "pages_not_read", note)]
