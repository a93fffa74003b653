"""Scanned pages read by OCR, as a user meets them: every row read exactly, or its table
names the doubtful cell (never silently wrong); records that say they were read by OCR; and
a clear error, never a traceback, when tesseract is missing.

Tests that read scans need tesseract with its Dutch data and skip, saying so, without it.
Three scans are read in ``make test`` (a page takes seconds): a clean one and the bad one
here, one whose misread figure is repaired by the command line; every scan under
``pytest -m slow`` (``make fuzz``).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from reportlab.pdfgen.canvas import Canvas

import transparantie_parser as tp
from transparantie_parser._ocr import program, tesseract
from transparantie_parser.batch import ParseOptions, parse_file
from transparantie_parser.records import TOTAL_ROW
from transparantie_parser.writers import RegionCsvWriter

from .conftest import FIXTURES
from .fixture_files import comparable, expected

SCANS = FIXTURES / "scans"
PACKAGES = "apt-get install tesseract-ocr tesseract-ocr-nld"
needs_tesseract = pytest.mark.skipif(
    not tesseract.tesseract_available(),
    reason=f"tesseract with Dutch language data is not installed ({PACKAGES})")
SCRIPT = str(Path(sys.executable).with_name("transparantie-parser"))

# read in make test: a clean scan and the bad one (groff-portrait-200dpi by the command line)
FAST = ["seed-200dpi", "bad-friesland-150dpi"]
SLOW = sorted({p.stem for p in SCANS.glob("*.pdf")} - set(FAST))


@functools.cache
def read(stem: str) -> list[tp.RegionReport]:
    """The reports of a scanned fixture (read once per test run: a page takes seconds)."""
    return tp.parse_pdf(SCANS / f"{stem}.pdf")


def _named(report: tp.RegionReport, row: int, column: int) -> bool:
    """Is figure (``row``, ``column``) named by an issue: ``ocr_uncertain`` on the cell, or
    both its row's and its column's sum failing?"""
    issues = report.issues
    if any(i.code == "ocr_uncertain" and (i.row, i.column_index) == (row, column)
           for i in issues):
        return True
    row_fails = any(i.row == row and i.code in ("row_sum_mismatch", "column_sum_mismatch")
                    and (row != TOTAL_ROW or i.column_index == len(report.columns))
                    for i in issues)
    column_fails = any(i.code == "column_sum_mismatch" and i.row is None
                       and i.column_index == column for i in issues)
    return row_fails and column_fails


def unexplained(report: tp.RegionReport, want: dict[str, Any]) -> list[str]:
    """What ``report`` reads otherwise than ``want`` (the expected record) and no issue of
    its table names: each figure, name and footnote figure read wrong. Must be empty."""
    codes = {i.code for i in report.issues}
    found = []
    if (report.region, report.quarter.year, report.quarter.number) != (
            want["region"], want["year"], want["quarter"]):
        found.append(f"heading: {report.region} {report.quarter}")
    if len(report.columns) != len(want["columns"]):
        found.append(f"labels: {report.columns}")
    found += [f"label {label!r} for {right!r}" for j, (label, right)
              in enumerate(zip(report.columns, want["columns"], strict=False))
              if label != right and not any(
                  x.code in ("ocr_uncertain", "label_missing") and x.column_index == j
                  and x.row is None for x in report.issues)]
    if len(report.rows) != len(want["rows"]):
        return [*found, f"{len(report.rows)} rows for {len(want['rows'])}"]
    lines = [(i, [*r.counts, r.total], r.municipality) for i, r in enumerate(report.rows)]
    lines.append((TOTAL_ROW, [*report.total.counts, report.total.total], report.total.label))
    wanted = [([*r["counts"], r["total"]], r["municipality"]) for r in want["rows"]]
    wanted.append(([*want["total"]["counts"], want["total"]["total"]], want["total"]["label"]))
    for (i, got, name), (right, right_name) in zip(lines, wanted, strict=True):
        found += [f"{right_name} column {j}: {g} for {r}"
                  for j, (g, r) in enumerate(zip(got, right, strict=True))
                  if g != r and not _named(report, i, j)]
        if name != right_name and not any(x.code == "ocr_uncertain" and x.row == i
                                          and x.column is None for x in report.issues):
            found.append(f"name {name!r} for {right_name!r}")
    for field, value in (("register_total", report.register_total),
                         ("known_pct", report.known_pct)):
        right = want[field]
        if value != right and not (codes & {"coverage_mismatch", "footnote_missing"} or any(
                x.code == "ocr_uncertain" and x.column == field for x in report.issues)):
            found.append(f"{field}: {value} for {right}")
    return found


def _exact_or_named(stem: str) -> None:
    reports = read(stem)
    want = expected(SCANS / f"{stem}.pdf")
    assert len(reports) == len(want)
    assert [r.reading for r in reports] == ["ocr"] * len(want)
    assert [unexplained(r, w) for r, w in zip(reports, want, strict=True)] == [[]] * len(want)


@needs_tesseract
@pytest.mark.parametrize("stem", FAST)
def test_scan_reads_every_row_exactly_or_names_the_doubtful_cell(stem: str) -> None:
    _exact_or_named(stem)


@needs_tesseract
@pytest.mark.slow
@pytest.mark.parametrize("stem", SLOW)
def test_every_scan_reads_every_row_exactly_or_names_the_doubtful_cell(stem: str) -> None:
    _exact_or_named(stem)


@needs_tesseract
@pytest.mark.slow
def test_rows_read_exactly_over_the_scans_are_at_least_97_percent() -> None:
    exact = rows = 0
    for stem in sorted({*FAST, *SLOW} - {"bad-friesland-150dpi"}):
        for report, want in zip(read(stem), expected(SCANS / f"{stem}.pdf"), strict=True):
            got = [(r.municipality, list(r.counts), r.total) for r in report.rows]
            right = [(r["municipality"], r["counts"], r["total"]) for r in want["rows"]]
            rows += len(right)
            exact += sum(g == r for g, r in zip(got, right, strict=False))
    assert rows == 295
    assert exact / rows >= 0.97, f"{exact} of {rows}"


@needs_tesseract
def test_clean_scan_reads_to_exactly_its_expected_records() -> None:
    (report,) = read("seed-200dpi")
    assert [comparable(report.to_dict(), reading="ocr")] == expected(SCANS / "seed-200dpi.pdf")
    assert (report.reading, report.repaired, report.to_dict()["reading"]) == ("ocr", 0, "ocr")


@needs_tesseract
def test_command_line_repairs_a_misread_figure_and_marks_the_table(tmp_path: Path) -> None:
    # groff-portrait-200dpi: one figure misread, put right by a reading both sums confirm
    pdf = SCANS / "groff-portrait-200dpi.pdf"
    out, regions = tmp_path / "uit.jsonl", tmp_path / "regio.csv"
    result = subprocess.run([SCRIPT, "convert", str(pdf), "-o", str(out), "--regions",
                             str(regions), "-j", "1", "-q"],
                            capture_output=True, text=True, timeout=300)
    (record,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (want,) = expected(pdf)
    assert [[*r["counts"], r["total"]] for r in record["rows"]] == [
        [*r["counts"], r["total"]] for r in want["rows"]]
    assert (record["reading"], record["repaired"]) == ("ocr", 1)
    assert {i["code"] for i in record["issues"]} == {"ocr_uncertain"}  # names to look at
    misread = {r["municipality"] for r, w in zip(record["rows"], want["rows"], strict=True)
               if r["municipality"] != w["municipality"]}
    assert misread <= {i["municipality"] for i in record["issues"] if i["column"] is None}
    assert result.returncode == 1  # issues: exit 1, each on its own line
    header, row = csv.reader(regions.read_text(encoding="utf-8").splitlines())
    assert (header[-5:-2], row[-6:-2]) == (["reading", "repaired", "severity"],
                                       ["ocr_uncertain", "ocr", "1", "error"])


@needs_tesseract
def test_badly_degraded_scan_names_each_misread_figure_and_name() -> None:
    (report,) = read("bad-friesland-150dpi")
    (want,) = expected(SCANS / "bad-friesland-150dpi.pdf")
    wrong = {(i, j) for i, (r, w) in enumerate(zip(report.rows, want["rows"], strict=True))
             for j, (g, x) in enumerate(zip([*r.counts, r.total], [*w["counts"], w["total"]],
                                            strict=True)) if g != x}
    named = {(i.row, i.column_index) for i in report.issues if i.code == "ocr_uncertain"}
    assert wrong == {(0, 0), (0, 4), (4, 0), (8, 4)}  # 139, 1.195, 91 and 894 misread
    assert wrong <= named
    wrong_names = {i for i, (r, w) in enumerate(zip(report.rows, want["rows"], strict=True))
                   if r.municipality != w["municipality"]}
    assert wrong_names <= {i.row for i in report.issues
                           if i.code == "ocr_uncertain" and i.column is None}


@needs_tesseract
def test_region_csv_says_a_table_was_read_by_ocr() -> None:
    stream = io.StringIO(newline="")
    writer = RegionCsvWriter(stream)
    writer.write(read("seed-200dpi")[0])
    writer.close()
    header, row = csv.reader(stream.getvalue().splitlines())
    assert (header[-6:-2], row[-6:-2]) == (["issues", "reading", "repaired", "severity"],
                                       ["", "ocr", "0", ""])


@needs_tesseract
def test_blank_page_without_text_says_ocr_found_nothing(tmp_path: Path) -> None:
    blank = tmp_path / "blank.pdf"
    canvas = Canvas(str(blank), invariant=1)
    canvas.showPage()
    canvas.save()
    with pytest.raises(tp.UnreadablePdfError) as caught:
        tp.parse_pdf(blank)
    assert caught.value.code == "no_text_layer"
    assert caught.value.detail == ("has no text layer on any of its 1 page(s), and OCR found "
                                   "no text on them either (blank pages, or images without "
                                   "print)")


@needs_tesseract
@pytest.mark.slow
def test_always_reads_a_page_with_text_by_ocr_too() -> None:
    pdf = FIXTURES / "pdf" / "a-seed-like.pdf"
    (report,) = tp.parse_pdf(pdf, ocr="always")
    assert [comparable(report.to_dict(), reading="ocr")] == expected(pdf)


def test_never_reads_no_page_by_ocr() -> None:
    with pytest.raises(tp.UnreadablePdfError) as caught:
        tp.parse_pdf(SCANS / "seed-200dpi.pdf", ocr="never")
    assert caught.value.code == "no_text_layer"


def test_unknown_ocr_mode_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown ocr mode 'sometimes'"):
        tp.parse_pdf(SCANS / "seed-200dpi.pdf", ocr="sometimes")  # type: ignore[arg-type]


def test_a_record_is_read_from_text_or_by_ocr() -> None:
    (report,) = tp.parse_pdf(FIXTURES / "pdf" / "a-seed-like.pdf")
    assert (report.reading, report.repaired) == ("text", 0)
    with pytest.raises(ValueError, match="'reading' must be in"):
        tp.RegionReport(region="Zeeland", quarter=tp.Quarter(2020, 4), columns=[], rows=[],
                        total=tp.TotalRow("TOTAAL AMR", [], 0), reading="scan")  # type: ignore[arg-type]


# --- without tesseract --------------------------------------------------------------------

@pytest.fixture
def without_tesseract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A PATH on which no tesseract is found (the answer is cached per process)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    program._languages.cache_clear()
    yield empty
    program._languages.cache_clear()


def test_auto_without_tesseract_says_how_to_install_it(without_tesseract: Path) -> None:
    with pytest.raises(tp.UnreadablePdfError) as caught:
        tp.parse_pdf(SCANS / "seed-200dpi.pdf")
    assert caught.value.code == "no_text_layer"
    assert caught.value.detail == (
        "has no text layer on any of its 1 page(s): probably a scan; OCR could read it, but "
        "the program tesseract is not installed (not found on PATH): to read scans, install "
        f"the Debian packages tesseract-ocr tesseract-ocr-nld ({PACKAGES}), or tesseract "
        "with its Dutch data from your system's package manager")


def test_always_without_tesseract_is_ocr_unavailable_naming_the_packages(
        without_tesseract: Path) -> None:
    with pytest.raises(tp.UnreadablePdfError) as caught:
        tp.parse_pdf(FIXTURES / "pdf" / "a-seed-like.pdf", ocr="always")
    assert caught.value.code == "ocr_unavailable"
    assert str(caught.value) == (
        f"{FIXTURES / 'pdf' / 'a-seed-like.pdf'}: is to be read by OCR (ocr='always'), but the "
        "program tesseract is not installed (not found on PATH): install the Debian packages "
        f"tesseract-ocr tesseract-ocr-nld ({PACKAGES}), or tesseract with its Dutch data from "
        "your system's package manager")


def test_batch_outcome_without_tesseract_is_ocr_unavailable(without_tesseract: Path) -> None:
    outcome = parse_file(FIXTURES / "pdf" / "a-seed-like.pdf", ParseOptions(ocr="always"))
    assert outcome.error_code == "ocr_unavailable"


def test_tesseract_without_dutch_data_is_named(without_tesseract: Path) -> None:
    fake = without_tesseract / "tesseract"
    fake.write_text("#!/bin/sh\nprintf 'List of available languages in \"/x\" (2):\\n"
                    "eng\\nosd\\n'\n", encoding="utf-8")
    fake.chmod(0o755)
    with pytest.raises(tp.UnreadablePdfError, match=r"but tesseract has no language data "
                                                    r"for nld: install the Debian packages"):
        tp.parse_pdf(SCANS / "seed-200dpi.pdf", ocr="always")


def test_command_line_ocr_always_without_tesseract_stops_before_reading(tmp_path: Path
                                                                        ) -> None:
    out = tmp_path / "uit.csv"
    empty = tmp_path / "bin"
    empty.mkdir()
    result = subprocess.run(
        [SCRIPT, "convert", str(SCANS / "seed-200dpi.pdf"), "-o", str(out), "--ocr", "always"],
        capture_output=True, text=True, timeout=60, env={**os.environ, "PATH": str(empty)})
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "transparantie-parser: error: --ocr always: ocr_unavailable: the program tesseract is "
        "not installed (not found on PATH): install the Debian packages tesseract-ocr "
        f"tesseract-ocr-nld ({PACKAGES}), or tesseract with its Dutch data from your system's "
        "package manager; nothing was read, no output was written or changed")
    assert not out.exists()
    assert "Traceback" not in result.stderr


def test_command_line_auto_without_tesseract_is_one_line_naming_the_packages(tmp_path: Path
                                                                             ) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    result = subprocess.run(
        [SCRIPT, "validate", str(SCANS / "seed-200dpi.pdf"), "-q"],
        capture_output=True, text=True, timeout=60, env={**os.environ, "PATH": str(empty)})
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{SCANS / 'seed-200dpi.pdf'}: no_text_layer: has no text layer")
    assert line.endswith(f"({PACKAGES}), or tesseract with its Dutch data from your system's "
                         "package manager")


@needs_tesseract
def test_scanned_table_is_repaired_however_many_pages_follow_it(tmp_path: Path) -> None:
    # the repair needs the OCR page a table stands on; a file's pages are not all kept, so
    # the table must be finished while its page is (it was not: after five more pages, the
    # table came out unrepaired and not marked as read by OCR)
    import pypdfium2 as pdfium

    scan = pdfium.PdfDocument(SCANS / "groff-portrait-200dpi.pdf")
    width, height = scan[0].get_size()
    for _ in range(8):
        scan.new_page(width, height)  # blank: read by OCR too, and nothing found
    longer = tmp_path / "scan-and-eight-blank-pages.pdf"
    scan.save(longer)
    scan.close()
    (report,) = tp.parse_pdf(longer)
    (want,) = expected(SCANS / "groff-portrait-200dpi.pdf")
    assert [[*r.counts, r.total] for r in report.rows] == [
        [*r["counts"], r["total"]] for r in want["rows"]]
    assert (report.reading, report.repaired) == ("ocr", 1)


@needs_tesseract
def test_names_misread_by_ocr_are_put_right_by_a_text_layer_of_the_same_archive() -> None:
    from transparantie_parser.archive import deduplicate

    (scanned,) = read("bad-friesland-150dpi")
    (want,) = expected(SCANS / "bad-friesland-150dpi.pdf")
    bundle = [attrs.evolve(r, source="bundel.pdf")
              for r in tp.parse_pdf(FIXTURES / "pdf" / "g-bundle-2020q4.pdf")]
    misread = [(row.municipality, w["municipality"])
               for row, w in zip(scanned.rows, want["rows"], strict=True)
               if row.municipality != w["municipality"]]
    assert misread == [("Noardeast-Frysiâr", "Noardeast-Fryslân"),
                       ("Smatlingettand", "Smallingerland"), ("Terscheliing", "Terschelling"),
                       ("Vlietland", "Vlieland")]
    result = deduplicate([scanned, *bundle])
    (matched,) = [r for r in result.reports if r.reading == "ocr"]
    assert [row.municipality for row in matched.rows] == [r["municipality"] for r in want["rows"]]
    assert [(i.municipality, i.message) for i in matched.issues
            if i.code == "ocr_name_matched"] == [
        (right, f"{right}: read by OCR as {wrong!r}, taken for the name printed in the text "
                "layer of bundel.pdf") for wrong, right in misread]
    # the figures stay as read, with their issues; the names still in doubt stay in doubt
    # (Ooststellingwerf: a look whose box keeps the descenders reads 'Ooststellingwert')
    assert [r.counts for r in matched.rows] == [r.counts for r in scanned.rows]
    assert [i.municipality for i in matched.issues
            if i.code == "ocr_uncertain" and i.column is None] == [
        "Ooststellingwerf", "Súdwest-Fryslân"]


@needs_tesseract
def test_command_line_says_which_names_a_text_layer_put_right(tmp_path: Path) -> None:
    scan = SCANS / "bad-friesland-150dpi.pdf"
    bundle = FIXTURES / "pdf" / "g-bundle-2020q4.pdf"
    out = tmp_path / "uit.csv"
    # not -q: a name put right is a note, and -q shows failures and errors only
    result = subprocess.run([SCRIPT, "convert", str(scan), str(bundle), "-o", str(out), "-j",
                             "2"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 1  # the scan's sums do not all hold
    said = [line for line in result.stderr.splitlines() if ": ocr_name_matched: " in line]
    assert said[0] == (f"{scan}: ocr_name_matched: Friesland 2020Q4: Noardeast-Fryslân: read "
                       f"by OCR as 'Noardeast-Frysiâr', taken for the name printed in the text "
                       f"layer of {bundle}")
    assert len(said) == 4
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    assert "Vlieland" in [r["municipality"] for r in rows if r["source"] == str(scan)]


def _text_and_scanned_pages(tmp_path: Path) -> Path:
    """A file of two pages: a region table with a text layer, then a scanned one."""
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument(FIXTURES / "pdf" / "a-seed-like.pdf")
    scan = pdfium.PdfDocument(SCANS / "groff-portrait-200dpi.pdf")
    mixed.import_pages(scan)
    path = tmp_path / "text-and-scan.pdf"
    mixed.save(path)
    return path


def test_pages_left_unread_without_tesseract_are_never_missing_in_silence(
        without_tesseract: Path) -> None:
    mixed = _text_and_scanned_pages(without_tesseract)
    with pytest.warns(tp.PagesNotReadWarning) as caught:
        reports = tp.parse_pdf(mixed)
    assert [r.region for r in reports] == ["West-Brabant"]  # the text page's table, exact
    (warning,) = caught
    assert str(warning.message) == (
        f"{mixed}: 1 page(s) without a text layer were not read (OCR is not available: the "
        "program tesseract is not installed (not found on PATH)): tables printed on them are "
        "missing")
    with pytest.warns(tp.PagesNotReadWarning, match=r"\(OCR is turned off\)"):
        tp.parse_pdf(mixed, ocr="never")


def test_a_file_read_in_part_is_a_row_of_the_problems_list(tmp_path: Path) -> None:
    from transparantie_parser.batch import FileOutcome
    from transparantie_parser.problems import outcome_problems

    mixed = _text_and_scanned_pages(tmp_path)
    problems = tmp_path / "problemen.csv"
    result = subprocess.run([SCRIPT, "convert", str(mixed), "-o", str(tmp_path / "uit.csv"),
                             "--problems", str(problems), "--ocr", "never"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    note = ("1 page(s) without a text layer were not read (OCR is turned off): tables "
            "printed on them are missing")
    assert list(csv.DictReader(problems.read_text(encoding="utf-8").splitlines())) == [
        {"source": str(mixed), "page": "", "table_id": "", "region": "", "period": "",
         "code": "pages_not_read", "message": note, "municipality": "", "column": "",
         "severity": "error"}]
    # the same row for the data frames and scripts (outcome_problems)
    (problem,) = outcome_problems(FileOutcome(str(mixed), (), notes=(note,)))
    assert (problem.source, problem.code, problem.message) == (
        str(mixed), "pages_not_read", note)


def test_command_line_notes_a_file_read_in_part_and_exits_1(tmp_path: Path) -> None:
    mixed = _text_and_scanned_pages(tmp_path)
    out = tmp_path / "uit.csv"
    result = subprocess.run([SCRIPT, "convert", str(mixed), "-o", str(out), "--ocr", "never"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{mixed}: note: 1 page(s) without a text layer were not read (OCR is turned off): "
        "tables printed on them are missing",
        "converted 1 file(s): 1 table(s), 14 row(s); 0 failed; 0 validation issue(s) in 0 "
        "table(s); 1 file(s) read in part (pages without text not read)",
        f"wrote {out}"]


@needs_tesseract
def test_a_footnote_figure_the_page_read_misread_is_read_again() -> None:
    # calc-footnote-200dpi: the page read makes 'B6%' of the footnote's 86% (before: the
    # footnote was taken to say 6%, a false coverage_mismatch)
    (report,) = read("calc-footnote-200dpi")
    assert (report.register_total, report.known_pct) == (34884, 86)
    assert not {"coverage_mismatch", "footnote_missing"} & {i.code for i in report.issues}


@needs_tesseract
def test_names_read_right_on_a_clean_render_are_not_hedged() -> None:
    # writer-outlines-300dpi: the looks at names with descenders cut off their tails and
    # read 's-Gravenhaae and Piinacker-Nootdorp (before: both flagged ocr_uncertain)
    (report,) = read("writer-outlines-300dpi")
    assert [comparable(report.to_dict(), reading="ocr")] == expected(
        SCANS / "writer-outlines-300dpi.pdf")
