"""The console script over a folder of fixture PDFs, broken ones included: what a user sees
and what the output files hold, exactly."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import FIXTURES, SEED
from .fixture_files import comparable, expected, row_codes, worst
from .pages import table_id

SCRIPT = str(Path(sys.executable).with_name("transparantie-parser"))
HEADER = ["table_id", "source", "page", "region", "period", "year", "quarter", "municipality",
          "count_1", "count_2", "count_3", "count_4", "total", "table_issues", "row_issues",
          "severity"]


def run(*args: str, cwd: Path | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=timeout)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder like an analyst's: good files in sub-folders, an upper-case extension,
    broken files, a table that does not add up, a text file and a symbolic-link loop."""
    root = tmp_path_factory.mktemp("archive")
    (root / "2020" / "q4").mkdir(parents=True)
    (root / "2021").mkdir()
    shutil.copy(FIXTURES / "pdf" / "a-seed-like.pdf", root / "2020" / "q4" / "west-brabant.pdf")
    shutil.copy(FIXTURES / "pdf" / "g-bundle-mixed-header.pdf", root / "2020" / "BUNDLE.PDF")
    shutil.copy(FIXTURES / "pdf" / "d-truetype-font.pdf", root / "2021" / "truetype.pdf")
    shutil.copy(FIXTURES / "issues" / "row-total-and-coverage.pdf", root / "2021" / "issues.pdf")
    shutil.copy(FIXTURES / "broken" / "empty.pdf", root / "2021" / "empty.pdf")
    shutil.copy(FIXTURES / "broken" / "truncated.pdf", root / "2020" / "truncated.pdf")
    shutil.copy(FIXTURES / "broken" / "html-error-page.pdf", root / "html.pdf")
    (root / "notes.txt").write_text("not read: folders give only PDFs\n", encoding="utf-8")
    os.symlink(root, root / "2021" / "loop")
    return root


# sorted walk order, with the expected fixture behind each file
ORDER = [
    ("2020/BUNDLE.PDF", FIXTURES / "pdf" / "g-bundle-mixed-header.pdf"),
    ("2020/q4/west-brabant.pdf", FIXTURES / "pdf" / "a-seed-like.pdf"),
    ("2020/truncated.pdf", FIXTURES / "broken" / "truncated.pdf"),
    ("2021/empty.pdf", FIXTURES / "broken" / "empty.pdf"),
    ("2021/issues.pdf", FIXTURES / "issues" / "row-total-and-coverage.pdf"),
    ("2021/truetype.pdf", FIXTURES / "pdf" / "d-truetype-font.pdf"),
    ("html.pdf", FIXTURES / "broken" / "html-error-page.pdf"),
]


def expected_rows(root: Path, skip_issues: bool = False) -> list[list[str]]:
    rows = []
    for name, fixture in ORDER:
        records = expected(fixture)
        if isinstance(records, dict):
            continue  # a broken file: no rows
        for record in records:
            if skip_issues and record["issues"]:
                continue
            assert len(record["pages"]) == 1  # these fixtures print each table on one page
            period = f"{record['year']}Q{record['quarter']}"
            key = table_id(str(root / name), record["pages"], record["region"], period)
            codes = " ".join(dict.fromkeys(i["code"] for i in record["issues"]))
            for row in record["rows"]:
                rows.append([key, str(root / name), str(record["pages"][0]), record["region"],
                             period, str(record["year"]), str(record["quarter"]),
                             row["municipality"], *map(str, row["counts"]), str(row["total"]),
                             codes, " ".join(own := row_codes(record["issues"],
                                                              row["municipality"])),
                             worst(own) or ""])
    return rows


def read_csv(path: Path, **kwargs: Any) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, **kwargs))


def test_convert_folder_writes_every_good_row_and_reports_each_failure(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    result = run("convert", str(archive), "-o", str(out), "--jobs", "2")
    assert result.returncode == 1  # failures and issues
    rows = read_csv(out)
    assert rows[0] == HEADER
    assert rows[1:] == expected_rows(archive)
    errors = [line for line in result.stderr.splitlines() if ": " in line]
    assert f"{archive / '2020/truncated.pdf'}: damaged: " in result.stderr
    assert f"{archive / '2021/empty.pdf'}: not_pdf: is empty" in result.stderr
    assert f"{archive / 'html.pdf'}: not_pdf: is an HTML page" in result.stderr
    issue_lines = [line for line in errors if line.startswith(f"{archive / '2021/issues.pdf'}: ")]
    assert [line.split(": ")[1] for line in issue_lines] == [
        "row_sum_mismatch", "column_sum_mismatch", "coverage_mismatch"]
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-2] == (
        "converted 7 file(s): 6 table(s), 76 row(s); 3 failed; 3 validation issue(s) in "
        "1 table(s)")
    assert result.stderr.splitlines()[-1] == f"wrote {out}"


def test_jobs_two_gives_the_same_output_as_jobs_one(archive: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("convert", str(archive), "-o", str(one), "-j", "1").returncode == 1
    assert run("convert", str(archive), "-o", str(two), "-j", "2").returncode == 1
    assert one.read_bytes() == two.read_bytes()


def test_jsonl_holds_exactly_the_report_dicts(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run("convert", str(archive), "-o", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    want = []
    for name, fixture in ORDER:
        if isinstance(expected(fixture), list):
            want += [{**r, "source": str(archive / name)} for r in expected(fixture)]
    assert [comparable(r) | {"source": r["source"]} for r in records] == want
    assert all(set(i) == {"code", "message", "municipality", "column", "severity"}
               for r in records for i in r["issues"])


def test_json_format_is_one_array(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run("convert", str(FIXTURES / "pdf" / "a-seed-like.pdf"),
                 str(FIXTURES / "text" / "b-header-wrapped.layout.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["region"] for r in records] == ["West-Brabant", "Midden-Utrecht", "Zeeland"]
    assert [r["pages"] for r in records] == [[1], [], []]


def test_strict_leaves_out_tables_with_issues(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "strict.csv"
    result = run("convert", str(archive), "-o", str(out), "--strict")
    assert result.returncode == 1
    assert read_csv(out)[1:] == expected_rows(archive, skip_issues=True)


def test_excel_nl_dialect_semicolons_bom_and_decimal_commas(tmp_path: Path) -> None:
    out, regions = tmp_path / "nl.csv", tmp_path / "regio.csv"
    pdf = FIXTURES / "pdf" / "a-seed-like.pdf"
    result = run("convert", str(pdf), "-o", str(out), "--regions", str(regions), "--excel-nl")
    assert result.returncode == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(
        b"\xef\xbb\xbftable_id;source;page;region;period;year;quarter;municipality;")
    assert "\r\n" in raw.decode("utf-8-sig")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    key = table_id(str(pdf), [1], "West-Brabant", "2020Q4")
    assert rows[3] == [key, str(pdf), "1", "West-Brabant", "2020Q4", "2020", "4", "Breda", "41",
                       "579", "767", "248", "1635", "", "", ""]
    region_rows = list(csv.reader(regions.read_bytes().decode("utf-8-sig").splitlines(),
                                  delimiter=";"))
    assert region_rows[1][-8:] == ["71", "70,55", "", "text", "0", "", "none", ""]


def test_regions_file_has_one_row_per_table(archive: Path, tmp_path: Path) -> None:
    out, regions = tmp_path / "out.csv", tmp_path / "regions.csv"
    run("convert", str(archive), "-o", str(out), "--regions", str(regions))
    rows = read_csv(regions)
    assert rows[0] == ["table_id", "source", "pages", "region", "period", "year", "quarter",
                       "label_1", "label_2", "label_3", "label_4", "total_label",
                       "total_count_1", "total_count_2", "total_count_3", "total_count_4",
                       "grand_total", "register_total", "known_pct", "computed_pct", "issues",
                       "reading", "repaired", "severity", "structure",
                       "structure_notes"]
    want = [r for _, fixture in ORDER if isinstance(expected(fixture), list)
            for r in expected(fixture)]
    assert [r[3] for r in rows[1:]] == [r["region"] for r in want]
    assert [r[-6] for r in rows[1:]] == [" ".join(i["code"] for i in r["issues"]) for r in want]
    seed = rows[4]
    source = str(archive / "2020/q4/west-brabant.pdf")
    assert seed == [table_id(source, [1], "West-Brabant", "2020Q4"), source, "1",
                    "West-Brabant", "2020Q4", "2020", "4", "column_1", "column_2", "column_3",
                    "column_4", "TOTAAL AMR", "197", "1491", "2319", "1019", "5026", "7124",
                    "71", "70.55", "", "text", "0", "", "none", ""]
    assert rows[5][-6:-2] == ["row_sum_mismatch column_sum_mismatch coverage_mismatch", "text",
                            "0", "error"]
    assert rows[2][7:11] == ["Zonder klantprofiel", "Klantprofiel, niet zichtbaar",
                            "Zichtbaar voor werkgevers", "Zichtbaar en actueel"]


def test_output_to_stdout(tmp_path: Path) -> None:
    result = run("convert", str(SEED), "-o", "-", "-q")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0] == ",".join(HEADER)
    assert len(result.stdout.splitlines()) == 15
    assert result.stderr == ""


def test_exit_zero_when_every_input_is_clean(tmp_path: Path) -> None:
    result = run("convert", str(FIXTURES / "pdf" / "a-seed-like.pdf"), "-o",
                 str(tmp_path / "x.csv"))
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("args", [
    ["convert", "-o", "x.csv"],                         # no inputs
    ["convert", "x.pdf", "-o", "x.csv", "--bogus"],     # unknown option
    ["convert", "x.pdf"],                               # no output
    ["convert", "x.pdf", "-o", "/nonexistent/dir/x.csv"],
    ["convert", "x.pdf", "-o", "out.xyz"],              # format unknown
    ["convert", "x.pdf", "-o", "x.csv", "--jobs", "0"],
    [],
])
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "error" in result.stderr


def test_unwritable_output_is_a_usage_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        result = run("convert", str(SEED), "-o", str(locked / "x.csv"))
        assert result.returncode == 2
        assert "cannot be written" in result.stderr
    finally:
        locked.chmod(0o700)


def test_output_on_a_read_only_file_system_is_a_usage_error() -> None:
    result = run("convert", str(SEED), "-o", "/sys/transparantie.csv")
    assert result.returncode == 2
    assert "cannot write '/sys/transparantie.csv'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_input_stops_the_run_before_anything_is_written(tmp_path: Path) -> None:
    # a typo must not replace the previous output with the other inputs' rows alone
    out = tmp_path / "x.csv"
    result = run("convert", str(tmp_path / "nope.pdf"), str(SEED), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path / 'nope.pdf'}: not_found: no such file or folder")
    assert not out.exists()


def test_validate_lists_problems_and_writes_nothing(archive: Path, tmp_path: Path) -> None:
    before = sorted(p.name for p in tmp_path.iterdir())
    result = run("validate", str(archive), cwd=tmp_path)
    assert result.returncode == 1
    assert "damaged" in result.stderr and "row_sum_mismatch" in result.stderr
    assert "validated 7 file(s): 6 table(s)" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_validate_clean_file_exits_0() -> None:
    result = run("validate", str(FIXTURES / "pdf" / "b-header-rotated.pdf"))
    assert result.returncode == 0, result.stderr


def test_inspect_shows_the_table_with_issues_marked() -> None:
    result = run("inspect", str(FIXTURES / "issues" / "row-total-and-coverage.pdf"))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Midden-Utrecht 2020Q4  (pages 1;")
    flagged = [line for line in lines if line.startswith("! ")]
    assert len(flagged) == 1 and "Houten" in flagged[0]
    assert "3 issue(s):" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when not a terminal


def test_inspect_clean_file() -> None:
    result = run("inspect", str(FIXTURES / "pdf" / "a-seed-like.pdf"))
    assert result.returncode == 0
    assert "  Breda" in result.stdout and "1.635" in result.stdout
    assert "all figures add up" in result.stdout


def test_inspect_broken_file_is_one_line() -> None:
    result = run("inspect", str(FIXTURES / "broken" / "scan.pdf"), "--ocr", "never")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"{FIXTURES / 'broken' / 'scan.pdf'}: no_text_layer: has no text layer on any of its "
        "1 page(s): probably a scan; it can be read by OCR, which is turned off (ocr='never', "
        "--ocr never)"]


@pytest.mark.parametrize("command", ["convert", "validate", "inspect"])
def test_help_shows_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "examples:" in result.stdout
    assert f"transparantie-parser {command} " in result.stdout


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "transparantie-parser 0.1.0"


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    import pty

    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [SCRIPT, "convert", str(FIXTURES / "pdf" / "a-seed-like.pdf"), str(SEED),
         "-o", str(tmp_path / "x.csv")],
        stdout=subprocess.DEVNULL, stderr=secondary, stdin=subprocess.DEVNULL)
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
    assert process.wait(timeout=120) == 0
    os.close(main)
    shown = b"".join(chunks).decode()
    assert "[############............] 1/2 " in shown
    assert "2/2" in shown
    assert "converted 2 file(s)" in shown
    # and nothing of the kind when stderr is not a terminal, or with -q
    plain = run("convert", str(SEED), "-o", str(tmp_path / "y.csv"))
    assert "[" not in plain.stderr
    quiet = run("convert", str(SEED), "-o", str(tmp_path / "z.csv"), "-q")
    assert quiet.stderr == ""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_run_leaves_the_previous_output_intact(
    sig: signal.Signals, tmp_path: Path
) -> None:
    many = tmp_path / "many"
    many.mkdir()
    for i in range(4):
        shutil.copy(FIXTURES / "pdf" / "g-bundle-2020q4.pdf", many / f"bundle-{i:02}.pdf")
    # a named pipe nobody writes to: its worker waits on it, so the run is still going when
    # the signal comes, however fast the machine (a sleep alone raced a fast CI machine)
    waiting = tmp_path / "waiting.pdf"
    os.mkfifo(waiting)
    out = tmp_path / "out.csv"
    out.write_text("previous output\n", encoding="utf-8")
    process = subprocess.Popen([SCRIPT, "convert", str(many), str(waiting), "-o", str(out),
                                "-j", "2", "--keep-duplicates"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(2)
    assert process.poll() is None, "finished before it could be interrupted"
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == (130 if sig == signal.SIGINT else 143)
    assert "interrupted; no output was written" in stderr
    assert "Traceback" not in stderr
    assert out.read_text(encoding="utf-8") == "previous output\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many", "out.csv", "waiting.pdf"]


def test_a_wider_table_widens_the_whole_csv(tmp_path: Path) -> None:
    from .pages import Table, render

    four = Table.consistent("Zeeland", 2021, 1, [("Goes", [1, 2, 3, 4])], 20)
    five = Table.consistent("Drenthe", 2021, 1, [("Assen", [1, 2, 3, 4, 5])], 30)
    (tmp_path / "a.txt").write_text(render(four), encoding="utf-8")
    (tmp_path / "b.txt").write_text(render(five), encoding="utf-8")
    out, regions = tmp_path / "out.csv", tmp_path / "regions.csv"
    result = run("convert", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out),
                 "--regions", str(regions))
    assert result.returncode == 0, result.stderr
    region_rows = read_csv(regions)
    assert region_rows[0][7:13] == ["label_1", "label_2", "label_3", "label_4", "label_5",
                                    "total_label"]
    assert [row[7:20] for row in region_rows[1:]] == [
        ["column_1", "column_2", "column_3", "column_4", "", "TOTAAL AMR",
         "1", "2", "3", "4", "", "10", "20"],
        ["column_1", "column_2", "column_3", "column_4", "column_5", "TOTAAL AMR",
         "1", "2", "3", "4", "5", "15", "30"]]
    a, b = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    assert read_csv(out) == [
        [*HEADER[:-4], "count_5", "total", "table_issues", "row_issues", "severity"],
        [table_id(a, [], "Zeeland", "2021Q1"), a, "", "Zeeland", "2021Q1", "2021", "1", "Goes",
         "1", "2", "3", "4", "", "10", "", "", ""],
        [table_id(b, [], "Drenthe", "2021Q1"), b, "", "Drenthe", "2021Q1", "2021", "1", "Assen",
         "1", "2", "3", "4", "5", "15", "", "", ""],
    ]
