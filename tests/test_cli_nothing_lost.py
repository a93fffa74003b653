"""The command line as an analyst with an archive meets it: a typo loses no output, a table
in two files is counted once (or flagged when its figures differ), a terminal shows no stray
output, and the smaller promises of the options."""

from __future__ import annotations

import csv
import json
import os
import pty
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import FIXTURES, SEED
from .pages import Table, render
from .test_cli_batch import SCRIPT, run

FRIESLAND = Table.consistent("Friesland", 2021, 2, [("Leeuwarden", [10, 1635, 30, 40]),
                                                     ("Sneek", [1, 2, 3, 4])], 4000)
CORRECTED = Table.consistent("Friesland", 2021, 2, [("Leeuwarden", [10, 1636, 30, 40]),
                                                     ("Sneek", [1, 2, 3, 4])], 4000)
PREVIOUS = b"source,page,region\r\n" + b"archief/x.pdf,1,Friesland\r\n" * 498
PREVIOUS_REGIONS = b"source,pages,region\r\n" + b"archief/x.pdf,1,Friesland\r\n" * 20
NOTHING_WRITTEN = ("transparantie-parser: error: 1 input names nothing to read; no output "
                   "was written or changed")


def text_file(path: Path, table: Table, *, blank_lines: bool = True) -> Path:
    path.write_text(render(table, blank_lines=blank_lines), encoding="utf-8")
    return path


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def csv_column(path: Path, name: str) -> list[str]:
    """One column of a written CSV, by its name."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [row[name] for row in csv.DictReader(handle)]


# --- 1. a mistyped input ------------------------------------------------------------------------

@pytest.mark.parametrize("typo", ["missing", "empty-folder"])
def test_a_mistyped_input_leaves_the_previous_outputs_byte_for_byte(
    typo: str, tmp_path: Path
) -> None:
    out, regions = tmp_path / "keep.csv", tmp_path / "keep-regions.csv"
    out.write_bytes(PREVIOUS)
    regions.write_bytes(PREVIOUS_REGIONS)
    wrong = tmp_path / "archeif"
    code, said = "not_found", "no such file or folder"
    if typo == "empty-folder":
        wrong.mkdir()
        (wrong / "notes.txt").write_text("no PDF here\n", encoding="utf-8")
        code, said = "no_input", "the folder holds no PDF files"
    before = listing(tmp_path)
    result = run("convert", str(SEED), str(wrong), "-o", str(out), "--regions", str(regions))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"{wrong}: {code}: {said}", NOTHING_WRITTEN]
    assert out.read_bytes() == PREVIOUS
    assert regions.read_bytes() == PREVIOUS_REGIONS
    assert listing(tmp_path) == before


def test_a_mistyped_input_creates_no_output_file(tmp_path: Path) -> None:
    result = run("convert", str(tmp_path / "archeif"), "-o", str(tmp_path / "new.csv"))
    assert result.returncode == 2
    assert listing(tmp_path) == []


def test_validate_of_a_missing_file_validates_nothing(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope.pdf"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'nope.pdf'}: not_found: no such file or folder",
        "transparantie-parser: error: 1 input names nothing to read; nothing was validated"]


def test_inspect_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run("inspect", str(tmp_path / "nope.pdf"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'nope.pdf'}: not_found: no such file or folder",
        "transparantie-parser: error: 1 input names nothing to read"]


# --- 3. one table in several files --------------------------------------------------------------

def test_identical_figures_in_a_second_file_are_written_once(tmp_path: Path) -> None:
    first = text_file(tmp_path / "a.txt", FRIESLAND)
    again = text_file(tmp_path / "b.txt", FRIESLAND, blank_lines=False)  # other bytes
    out = tmp_path / "out.csv"
    result = run("convert", str(first), str(again), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{again}: duplicate: Friesland 2021Q2 also in {first}, identical; not written again",
        "converted 2 file(s): 1 table(s), 2 row(s); 0 failed; 0 validation issue(s) in "
        "0 table(s); 1 duplicate table(s) not written again",
        f"wrote {out}"]
    assert csv_column(out, "source") == [str(first), str(first)]


def test_a_region_file_beside_its_quarter_bundle_is_written_once(tmp_path: Path) -> None:
    bundle, single = FIXTURES / "pdf" / "g-bundle-2020q4.pdf", FIXTURES / "pdf" / "a-seed-like.pdf"
    out = tmp_path / "out.csv"
    result = run("convert", str(bundle), str(single), "-o", str(out), "--engine", "pdfium")
    assert result.returncode == 0, result.stderr
    assert (f"{single}: duplicate: West-Brabant 2020Q4 also in {bundle}, identical; "
            "not written again") in result.stderr.splitlines()
    assert set(csv_column(out, "source")) == {str(bundle)}


def test_different_figures_are_both_written_and_flagged_as_a_conflict(tmp_path: Path) -> None:
    first = text_file(tmp_path / "2021-Q2.txt", FRIESLAND)
    corrected = text_file(tmp_path / "herzien.txt", CORRECTED)
    out = tmp_path / "out.jsonl"
    result = run("convert", str(first), str(corrected), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        f"{corrected}: conflict: Friesland 2021Q2 also in {first} with other figures: "
        "Leeuwarden count_2 is 1.636 here, 1.635 there; both written")
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["source"], [i["code"] for i in r["issues"]]) for r in records] == [
        (str(first), ["conflict"]), (str(corrected), ["conflict"])]
    assert records[0]["issues"][0]["message"] == (
        f"Friesland 2021Q2 is also in {corrected} with other figures: Leeuwarden count_2 is "
        "1.635 here, 1.636 there")
    assert result.stderr.splitlines()[1] == (
        "converted 2 file(s): 2 table(s), 4 row(s); 0 failed; 2 validation issue(s) in "
        "2 table(s)")


def test_validate_reports_a_conflict_and_exits_1(tmp_path: Path) -> None:
    first = text_file(tmp_path / "a.txt", FRIESLAND)
    corrected = text_file(tmp_path / "b.txt", CORRECTED)
    result = run("validate", str(first), str(corrected))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{corrected}: conflict: Friesland 2021Q2 also in {first} with other figures: "
        "Leeuwarden count_2 is 1.636 here, 1.635 there",
        "validated 2 file(s): 2 table(s), 4 row(s); 0 failed; 2 validation issue(s) in "
        "2 table(s)"]


def test_keep_duplicates_writes_every_copy(tmp_path: Path) -> None:
    first = text_file(tmp_path / "a.txt", FRIESLAND)
    again = text_file(tmp_path / "b.txt", FRIESLAND, blank_lines=False)
    copy = tmp_path / "c.txt"
    shutil.copy(first, copy)
    out = tmp_path / "out.csv"
    result = run("convert", str(first), str(again), str(copy), "-o", str(out),
                 "--keep-duplicates")
    assert result.returncode == 0, result.stderr
    assert csv_column(out, "source") == [
        str(first), str(first), str(again), str(again), str(copy), str(copy)]
    assert ": duplicate: " not in result.stderr


def test_a_byte_identical_copy_is_read_once(tmp_path: Path) -> None:
    first = text_file(tmp_path / "a.txt", FRIESLAND)
    copy = tmp_path / "kopie.txt"
    shutil.copy(first, copy)
    out = tmp_path / "out.csv"
    result = run("convert", str(first), str(copy), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{copy}: duplicate: the same file as {first} (identical bytes); not read or "
        "written again")
    assert csv_column(out, "source") == [str(first), str(first)]


def test_the_same_folder_named_twice_is_read_once(tmp_path: Path) -> None:
    folder = tmp_path / "archief"
    folder.mkdir()
    shutil.copy(FIXTURES / "pdf" / "a-seed-like.pdf", folder / "west-brabant.pdf")
    out = tmp_path / "out.csv"
    result = run("convert", str(folder), str(folder), "-o", str(out), "--engine", "pdfium")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0].startswith("converted 1 file(s): 1 table(s), 14 row(s)")
    assert len(csv_column(out, "source")) == 14


# --- 4. stray output ----------------------------------------------------------------------------

def on_a_terminal(*args: str) -> str:
    """What a terminal shows when stdout and stderr both go to it."""
    main, secondary = pty.openpty()
    process = subprocess.Popen([SCRIPT, *args], stdout=secondary, stderr=secondary,
                               stdin=subprocess.DEVNULL)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert process.wait(timeout=120) in (0, 1)
    os.close(main)
    return b"".join(chunks).decode()


def test_no_progress_bar_when_the_data_goes_to_the_same_terminal(tmp_path: Path) -> None:
    other = text_file(tmp_path / "z.txt", Table.consistent("Zeeland", 2021, 1,
                                                           [("Goes", [1, 2, 3, 4])], 20))
    shown = on_a_terminal("convert", str(SEED), str(other), "-o", "-")
    assert "1/2" not in shown and "[#" not in shown
    header = run("convert", str(SEED), "-o", "-", "-q").stdout.splitlines()[0]
    assert shown.splitlines()[0] == header


def test_regions_and_output_both_on_standard_output_is_a_usage_error() -> None:
    result = run("convert", str(SEED), "-o", "-", "--regions", "-")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "transparantie-parser: error: -o and --regions cannot both be standard output; "
        "name a file for --regions")


def test_regions_file_named_for_another_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run("convert", str(SEED), "-o", str(tmp_path / "r.json"), "--regions",
                 str(tmp_path / "r.jsonl"))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"transparantie-parser: error: --regions writes CSV, but {str(tmp_path / 'r.jsonl')!r} "
        "names a jsonl file; give it a .csv name")
    assert listing(tmp_path) == []


def test_output_named_for_another_format_than_format_is_a_usage_error(tmp_path: Path) -> None:
    result = run("convert", str(SEED), "-o", str(tmp_path / "x.json"), "--format", "csv")
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        f"transparantie-parser: error: --format csv, but {str(tmp_path / 'x.json')!r} names a "
        "json file; change one of them")
    assert listing(tmp_path) == []


# --- smaller ------------------------------------------------------------------------------------

def inconsistent(path: Path) -> Path:
    table = Table.consistent("Zeeland", 2021, 1, [("Goes", [1, 2, 3, 4])], 20)
    path.write_text(render(table, figures={(0, -1): "11"}), encoding="utf-8")
    return path


def test_strict_summary_counts_a_left_out_table_as_failed_and_not_written(
    tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    result = run("convert", str(inconsistent(tmp_path / "z.txt")), str(SEED), "-o", str(out),
                 "--strict")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2] == (
        "converted 2 file(s): 1 table(s), 14 row(s); 1 failed (1 table(s) with issues left "
        "out by --strict, not written); 2 validation issue(s) in 1 table(s)")
    assert len(csv_column(out, "source")) == 14


def test_validate_strict_counts_an_inconsistent_table_as_failed(tmp_path: Path) -> None:
    result = run("validate", str(inconsistent(tmp_path / "z.txt")), "--strict")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "validated 1 file(s): 0 table(s), 0 row(s); 1 failed (1 table(s) with issues left "
        "out by --strict); 2 validation issue(s) in 1 table(s)")


def test_max_bytes_takes_binary_suffixes() -> None:
    bundle = FIXTURES / "pdf" / "g-bundle-2020q4.pdf"
    small = run("validate", str(bundle), "--max-bytes", "1K")
    assert (f"{bundle}: too_large: is too large: 46.906 bytes, more than the limit of 1.024 "
            "bytes") in small.stderr
    assert run("validate", str(SEED), "--max-bytes", "128M").returncode == 0
    assert run("validate", str(SEED), "--max-bytes", "1G").returncode == 0
    wrong = run("validate", str(SEED), "--max-bytes", "128MB")
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines()[-1] == (
        "transparantie-parser validate: error: argument --max-bytes: not a size like 128M "
        "(K, M, G: 1024-based): '128MB'")
    assert "K, M or G" in run("validate", "--help").stdout


def test_timeout_zero_means_no_limit(tmp_path: Path) -> None:
    result = run("convert", str(SEED), "-o", str(tmp_path / "x.csv"), "--timeout", "0")
    assert result.returncode == 0, result.stderr


def test_an_unknown_option_of_convert_shows_the_usage_of_convert() -> None:
    result = run("convert", str(SEED), "-o", "x.csv", "--bogus")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith("usage: transparantie-parser convert ")
    assert lines[-1] == "transparantie-parser convert: error: unrecognized arguments: --bogus"


def test_password_opens_a_file_that_needs_one(tmp_path: Path) -> None:
    locked = FIXTURES / "broken" / "user-password.pdf"
    out = tmp_path / "x.csv"
    result = run("convert", str(locked), "-o", str(out), "--password", "geheim")
    assert result.returncode == 0, result.stderr
    assert csv_column(out, "municipality")[2] == "Breda"
    assert csv_column(out, "count_2")[2] == "579"
    refused = run("validate", str(locked))
    assert refused.stderr.splitlines()[0] == (
        f"{locked}: encrypted: is encrypted and needs a password to open (a user password "
        "is set; give it with password= or --password)")


@pytest.mark.parametrize("source", [FIXTURES / "pdf" / "a-seed-like.pdf", SEED])
def test_standard_input_is_read_as_a_pdf_or_as_text(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    with source.open("rb") as stdin:
        result = subprocess.run([SCRIPT, "convert", "-", "-o", str(out)], stdin=stdin,
                                capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert csv_column(out, "source") == ["<stdin>"] * 14
    assert csv_column(out, "municipality")[2] == "Breda"


def test_a_table_that_cannot_be_read_costs_none_of_the_other_tables(tmp_path: Path) -> None:
    pdf = FIXTURES / "reports" / "chromium-one-malformed.pdf"
    out, problems = tmp_path / "out.csv", tmp_path / "problems.csv"
    result = run("convert", str(pdf), "-o", str(out), "--problems", str(problems), "-j", "1")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (f"{pdf}: malformed_table: page 2: a row with 4 figures where 'TOTAAL "
                        "AMR 2.738 8.312 14.094 7.858 33.002' has 5: 'Geldrop-Mierlo 171 482 "
                        "603 1.986'")
    assert lines[-2] == ("converted 1 file(s): 2 table(s), 32 row(s); 1 failed (1 table(s) "
                         "that cannot be read, in files whose other tables were read); 0 "
                         "validation issue(s) in 0 table(s)")
    assert sorted(set(csv_column(out, "region"))) == ["Noordoost-Brabant", "Zuid-Limburg"]
    assert list(zip(csv_column(problems, "page"), csv_column(problems, "region"),
                    csv_column(problems, "period"), csv_column(problems, "code"),
                    strict=True)) == [("2", "Zuidoost-Brabant", "2021Q4", "malformed_table")]


def test_a_national_summary_is_noted_and_left_out_without_failing(tmp_path: Path) -> None:
    pdf = FIXTURES / "reports" / "national-reportlab-shares.pdf"
    out = tmp_path / "out.csv"
    result = run("convert", str(pdf), "-o", str(out), "-j", "1")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        f"{pdf}: note: page 7: a national summary ('Tweede kwartaal 2021 Nederland', rows of "
        "regions, 'TOTAAL NEDERLAND 10.140 33.158 47.752 25.947 116.997 164.399 71,2'): no "
        "region table; left out")
    assert sorted(set(csv_column(out, "region"))) == ["Drenthe", "Friesland", "Groningen",
                                                      "Twente"]


def test_a_workbook_holds_the_good_tables_and_names_the_one_that_cannot_be_read(
        tmp_path: Path) -> None:
    import openpyxl

    pdf = FIXTURES / "reports" / "chromium-one-malformed.pdf"
    out = tmp_path / "uit.xlsx"
    result = run("convert", str(pdf), "-o", str(out), "-j", "1")
    assert result.returncode == 1
    book = openpyxl.load_workbook(out)
    regions = [row[3] for row in book["regions"].iter_rows(min_row=2, values_only=True)]
    assert regions == ["Noordoost-Brabant", "Zuid-Limburg"]
    problems = list(book["problems"].iter_rows(min_row=2, values_only=True))
    assert [(p[0], p[1], p[3], p[4], p[5]) for p in problems] == [
        (str(pdf), 2, "Zuidoost-Brabant", "2021Q4", "malformed_table")]


def test_inspect_shows_the_good_tables_and_names_the_one_that_cannot_be_read() -> None:
    pdf = FIXTURES / "reports" / "chromium-one-malformed.pdf"
    result = run("inspect", str(pdf))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{pdf}: malformed_table: page 2: a row with 4 figures")
    assert "Noordoost-Brabant 2021Q4" in result.stdout
    assert "Zuid-Limburg 2021Q4" in result.stdout
