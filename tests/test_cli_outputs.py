"""The analyst's outputs from the command line: an Excel workbook, the long shape, a problems
list, and inspect within the terminal's width."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from .conftest import FIXTURES, SEED
from .pages import table_id
from .test_seed import SEED_ROWS

SCRIPT = str(Path(sys.executable).with_name("transparantie-parser"))


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None
        ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})}, cwd=cwd)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean file, a table that does not add up and a broken file."""
    root = tmp_path_factory.mktemp("archive")
    shutil.copy(FIXTURES / "pdf" / "a-seed-like.pdf", root / "a-west-brabant.pdf")
    shutil.copy(FIXTURES / "issues" / "row-total-and-coverage.pdf", root / "b-utrecht.pdf")
    shutil.copy(FIXTURES / "broken" / "empty.pdf", root / "c-empty.pdf")
    return root


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_xlsx_output_is_one_workbook_with_every_sheet(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "archief.xlsx"
    result = run("convert", str(archive), "-o", str(out), "-j", "2")
    assert result.returncode == 1  # a failed file and a table with issues
    assert result.stderr.splitlines()[-1] == f"wrote {out}"
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["municipalities", "regions", "problems"]
    rows = [[c.value for c in row] for row in book["municipalities"].iter_rows()]
    west = table_id(str(archive / "a-west-brabant.pdf"), [1], "West-Brabant", "2020Q4")
    utrecht = table_id(str(archive / "b-utrecht.pdf"), [1], "Midden-Utrecht", "2020Q4")
    assert rows[3] == [west, str(archive / "a-west-brabant.pdf"), 1, "West-Brabant", "2020Q4",
                       2020, 4, "Breda", 41, 579, 767, 248, 1635, None, None, None]
    assert [row[0] for row in rows[1:]] == [west] * 14 + [utrecht] * 14
    assert {row[13] for row in rows[15:]} == {
        "row_sum_mismatch column_sum_mismatch coverage_mismatch"}
    # only Houten's row does not add up; the others are confirmed by both their sums
    assert [(row[7], row[14], row[15]) for row in rows[15:] if row[15] is not None] == [
        ("Houten", "row_sum_mismatch", "error")]
    problems = [[c.value for c in row] for row in book["problems"].iter_rows()]
    assert [(p[0], p[1], p[2], p[5]) for p in problems[1:]] == [
        (str(archive / "b-utrecht.pdf"), 1, utrecht, "row_sum_mismatch"),
        (str(archive / "b-utrecht.pdf"), 1, utrecht, "column_sum_mismatch"),
        (str(archive / "b-utrecht.pdf"), 1, utrecht, "coverage_mismatch"),
        (str(archive / "c-empty.pdf"), None, None, "not_pdf")]
    regions = [[c.value for c in row] for row in book["regions"].iter_rows()]
    assert [(r[3], r[18], r[19]) for r in regions[1:]] == [
        ("West-Brabant", 0.71, 0.7055), ("Midden-Utrecht", 0.78, 0.73)]


def test_xlsx_with_long_shape_has_a_counts_sheet(tmp_path: Path) -> None:
    out = tmp_path / "lang.xlsx"
    assert run("convert", str(SEED), "-o", str(out), "--shape", "long").returncode == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["counts", "regions", "problems"]
    assert book["counts"].max_row == 1 + 14 * 4


def test_xlsx_without_xlsxwriter_names_the_extra_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    code = ("import sys; sys.modules['xlsxwriter'] = None; "
            "from transparantie_parser.cli import main; "
            f"sys.exit(main(['convert', {str(SEED)!r}, '-o', {str(out)!r}]))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2
    assert result.stderr == (
        "transparantie-parser: error: writing an Excel workbook (.xlsx) needs XlsxWriter, "
        "which is not installed: add the 'excel' extra (pip install -e '.[excel]' in the "
        f"project folder) or install it alone ({sys.executable} -m pip install XlsxWriter)\n")
    assert not out.exists()


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "-", "--format", "xlsx"], "an Excel workbook cannot go to standard output"),
    (["-o", "x.jsonl", "--shape", "long"], "--shape long applies to CSV and Excel output"),
    (["-o", "x.xlsx", "--excel-nl"], "--excel-nl applies to CSV output only"),
    (["-o", "x.csv", "--problems", "x.csv"], "--problems must name another file than -o"),
])
def test_output_options_that_do_not_go_together_are_usage_errors(
    args: list[str], message: str, tmp_path: Path
) -> None:
    result = run("convert", str(SEED), *args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_long_csv_of_the_seed_from_the_command_line(tmp_path: Path) -> None:
    result = run("convert", str(SEED), "-o", "-", "--shape", "long", "-q")
    assert result.returncode == 0, result.stderr
    key = table_id(str(SEED), [], "West-Brabant", "2020Q4")
    assert list(csv.reader(result.stdout.splitlines())) == [
        ["table_id", "source", "page", "region", "period", "year", "quarter", "municipality",
         "column_number", "column", "count", "table_issues", "row_issues", "severity"],
        *([key, str(SEED), "", "West-Brabant", "2020Q4", "2020", "4", name, str(j + 1),
           f"column_{j + 1}", str(count), "", "", ""]
          for name, counts, _ in SEED_ROWS for j, count in enumerate(counts))]


def test_problems_file_lists_every_failed_file_and_table_issue(
    archive: Path, tmp_path: Path
) -> None:
    out, problems = tmp_path / "out.csv", tmp_path / "problems.csv"
    result = run("convert", str(archive), "-o", str(out), "--problems", str(problems))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == f"wrote {out} and {problems}"
    utrecht_pdf = str(archive / "b-utrecht.pdf")
    utrecht = table_id(utrecht_pdf, [1], "Midden-Utrecht", "2020Q4")
    assert read_csv(problems) == [
        ["source", "page", "table_id", "region", "period", "code", "message", "municipality",
         "column", "severity"],
        [utrecht_pdf, "1", utrecht, "Midden-Utrecht", "2020Q4", "row_sum_mismatch",
         "Houten: the counts 346 + 727 + 1.196 + 561 sum to 2.830, but the row total is 2.840",
         "Houten", "", "error"],
        [utrecht_pdf, "1", utrecht, "Midden-Utrecht", "2020Q4", "column_sum_mismatch",
         "column 'total': the row totals sum to 60.011, but TOTAAL AMR has 60.001", "",
         "total", "error"],
        [utrecht_pdf, "1", utrecht, "Midden-Utrecht", "2020Q4", "coverage_mismatch",
         "the footnote says 78% of the register of 82.193 is known in Sonar, but the grand "
         "total 60.001 is 73,00% of it (rounds to 73%)", "", "", "error"],
        [str(archive / "c-empty.pdf"), "", "", "", "", "not_pdf",
         "is empty (0 bytes of content), not a PDF", "", "", "error"],
    ]


def test_problems_file_of_a_clean_run_is_its_header(tmp_path: Path) -> None:
    problems = tmp_path / "p.csv"
    result = run("convert", str(SEED), "-o", str(tmp_path / "o.csv"), "--problems",
                 str(problems), "--excel-nl")
    assert result.returncode == 0, result.stderr
    assert problems.read_bytes() == (
        b"\xef\xbb\xbfsource;page;table_id;region;period;code;message;municipality;column;"
        b"severity\r\n")


def test_inspect_fits_the_terminal_width_it_is_given() -> None:
    pdf = str(FIXTURES / "pdf" / "b-header-wrapped.pdf")
    narrow = run("inspect", pdf, env={"COLUMNS": "60"})
    assert max(len(line) for line in narrow.stdout.splitlines()) <= 60
    piped = run("inspect", pdf, env={"COLUMNS": ""})
    lines = piped.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "  [1] Zonder klantprofiel  [2] Klantprofiel, niet zichtbaar" in lines
