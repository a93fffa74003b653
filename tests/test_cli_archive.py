"""The command line over an archive with copies in it: every copy left out is in the
problems list, and ``-q`` says only what failed or is wrong."""

from __future__ import annotations

import csv
import shutil
import subprocess
from pathlib import Path

from .conftest import FIXTURES, ROOT
from .pages import Table, render
from .test_cli_batch import run

FRIESLAND = Table.consistent("Friesland", 2021, 3, [("Leeuwarden", [10, 1635, 30, 40]),
                                                     ("Sneek", [1, 2, 3, 4])], 4000)
CORRECTED = Table.consistent("Friesland", 2021, 3, [("Leeuwarden", [10, 1636, 30, 40]),
                                                     ("Sneek", [1, 2, 3, 4])], 4000)
BLANK_ZEROS = FIXTURES / "producers" / "calc-blank-zeros.pdf"  # a note: blank_as_zero


def copies(tmp_path: Path) -> list[Path]:
    """A table, the same figures in another file, a byte copy, and a corrected table."""
    first, again = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(render(FRIESLAND), encoding="utf-8")
    again.write_text(render(FRIESLAND, blank_lines=False), encoding="utf-8")
    shutil.copy(first, tmp_path / "c.txt")
    (tmp_path / "d.txt").write_text(render(CORRECTED), encoding="utf-8")
    return [first, again, tmp_path / "c.txt", tmp_path / "d.txt"]


def test_every_copy_left_out_is_a_row_of_the_problems_list(tmp_path: Path) -> None:
    first, again, copy, corrected = copies(tmp_path)
    out, problems = tmp_path / "uit.csv", tmp_path / "problemen.csv"
    result = run("convert", str(first), str(again), str(copy), str(corrected), "-o", str(out),
                 "--problems", str(problems))
    assert result.returncode == 1, result.stderr  # the conflict
    with problems.open(encoding="utf-8", newline="") as handle:
        rows = [(r["source"], r["code"], r["message"]) for r in csv.DictReader(handle)]
    with out.open(encoding="utf-8", newline="") as handle:
        kept_id = next(csv.DictReader(handle))["table_id"]
    # in input order: by file
    assert [row[:2] for row in rows] == [
        (str(first), "conflict"), (str(again), "duplicate"), (str(copy), "duplicate"),
        (str(corrected), "conflict")]
    assert [row[2] for row in rows[1:3]] == [
        f"Friesland 2021Q3 also in {first}, identical; the copy kept is table {kept_id}",
        f"the same file as {first} (identical bytes); not read again"]


def test_quiet_leaves_out_copies_and_notes_and_keeps_errors(tmp_path: Path) -> None:
    first, again, copy, corrected = copies(tmp_path)
    names = [str(first), str(again), str(copy), str(corrected), str(BLANK_ZEROS)]
    loud = run("validate", *names)
    assert [line.split(": ")[1] for line in loud.stderr.splitlines()[:-1]] == [
        "duplicate", "duplicate", "conflict", *["blank_as_zero"] * 5]
    quiet = run("validate", *names, "-q")
    assert quiet.returncode == 1
    assert quiet.stderr.splitlines() == [
        f"{corrected}: conflict: Friesland 2021Q3 also in {first} with other figures: "
        "Leeuwarden count_2 is 1.636 here, 1.635 there"]


def test_make_demo_says_what_it_wrote_once_and_lists_no_copies(tmp_path: Path) -> None:
    made = subprocess.run(["make", "-s", "--dry-run", "demo"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=True)
    (convert,) = [line.split() for line in made.stdout.splitlines() if " convert " in line]
    assert convert[-1] == "-q"  # the Makefile's own line says what was written, once
    # the shipped fixtures hold 17 copies of tables: -q lists none of them
    inputs = convert[2:convert.index("-o")]
    result = run("convert", *inputs, "-o", str(tmp_path / "demo.csv"), "-q", cwd=ROOT)
    assert (result.returncode, result.stderr) == (0, "")


def test_quiet_leaves_out_the_note_of_a_national_summary_left_out() -> None:
    pdf = str(FIXTURES / "reports" / "national-reportlab.pdf")
    said = run("validate", pdf)
    assert said.returncode == 0
    assert f"{pdf}: note: page 7: a national summary" in said.stderr
    quiet = run("validate", pdf, "-q")
    assert (quiet.returncode, quiet.stderr) == (0, "")
