"""Hostile and broken input: every case gives reports or a TransparantieError, within
bounded time and memory; resource bombs are refused with ``too_large``."""

from __future__ import annotations

import csv
import resource
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import transparantie_parser as tp

from . import fuzzing
from .conftest import FIXTURES
from .pdfbuild import FONT, page_objects, pdf_file, stream, text_page_pdf, zero_bomb

ENGINES: tuple[tp.Engine, ...] = ("pdfplumber", "pdfium")
SCRIPT = str(Path(sys.executable).with_name("transparantie-parser"))


def test_mutation_fuzzer_over_the_fixtures() -> None:
    tally = fuzzing.run(seed=20261129, count=240, engines=ENGINES)
    assert sum(tally.values()) == 480
    assert tally.get("damaged", 0) > 0 and any(k.endswith("report(s)") for k in tally)


TOKENS = ["Vierde", "kwartaal", "2020", "3e", "West-Brabant", "TOTAAL", "AMR", "Totaal",
          "Gemeente", "Breda", "'s-Hertogenbosch", "1.635", "1.63", "1,635", "-", "0", "12",
          "123.456", "arbeidsmarktregio", "bevat", "het", "doelgroepregister", "banenafspraak",
          "in", "totaal", "7.124", "personen.", "Hiervan", "is", "71%", "bekend", "binnen",
          "Sonar.", "Pagina", "\u2019", "\u0301", "Transparantie", "van", "klantprofielen"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)),
                         max_size=9), max_size=30),
       st.sampled_from([" ", "  ", "\t"]), st.sampled_from(["\n", "\n\n", "\f", "\r\n"]))
def test_arbitrary_text_gives_reports_or_a_transparantie_error(
    lines: list[list[str]], space: str, newline: str
) -> None:
    text = newline.join(space.join(tokens) for tokens in lines)
    try:
        reports = tp.parse_text(text)
    except tp.TransparantieError as err:
        assert str(err).startswith("<text>: ")
    else:
        assert reports


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_unicode_text_gives_reports_or_a_transparantie_error(text: str) -> None:
    with pytest.raises(tp.TransparantieError):
        tp.parse_text(text)


# --- resource bombs ---------------------------------------------------------------------------

def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("engine", ENGINES)
def test_ten_thousand_pages_are_refused_quickly(engine: tp.Engine) -> None:
    data = text_page_pdf(["Pagina"], pages=10_000)
    started = time.monotonic()
    with pytest.raises(tp.UnreadablePdfError, match=r"10\.000 pages") as caught:
        tp.parse_pdf(data, engine=engine)
    assert caught.value.code == "too_large"
    assert time.monotonic() - started < 30
    with pytest.raises(tp.NoTableError):  # within a raised limit it is read
        tp.parse_pdf(text_page_pdf(["Pagina"], pages=50), engine=engine, max_pages=50)


@pytest.mark.parametrize("engine", ENGINES)
def test_decompression_bomb_is_refused_before_it_is_inflated(engine: tp.Engine) -> None:
    bomb = zero_bomb(2)  # 2 MiB that inflate to 2 GiB
    assert len(bomb) < 3 * 1024 * 1024
    data = pdf_file(page_objects(stream(b"", compressed=bomb)))
    before = peak_rss_mib()
    started = time.monotonic()
    with pytest.raises(tp.UnreadablePdfError, match="inflate to") as caught:
        tp.parse_pdf(data, engine=engine)
    assert caught.value.code == "too_large"
    assert time.monotonic() - started < 10
    assert peak_rss_mib() - before < 300


def test_zlib_never_inflates_more_than_1032_times_what_it_reads() -> None:
    # the bound that lets a file under max_bytes / 1032 skip counting its streams
    from transparantie_parser._pdf.source import _MAX_DEFLATE_RATIO

    densest = zero_bomb(0.25)  # zeros at level 9: the most zlib can pack
    assert len(zlib.decompress(densest)) <= _MAX_DEFLATE_RATIO * len(densest)
    assert len(zlib.decompress(densest)) > 1000 * len(densest)  # and the bound is near


@pytest.mark.parametrize("engine", ENGINES)
def test_a_bomb_just_big_enough_to_pass_the_limit_is_still_counted(engine: tp.Engine) -> None:
    bomb = zero_bomb(1 / 64)  # 16 KiB that inflate to 16 MiB
    data = pdf_file(page_objects(stream(b"", compressed=bomb)))
    limit = 8 * 1024 * 1024  # under what it inflates to; at 1032:1 the file could exceed it
    assert len(data) * 1032 > limit
    with pytest.raises(tp.UnreadablePdfError, match="inflate to") as caught:
        tp.parse_pdf(data, engine=engine, max_bytes=limit)
    assert caught.value.code == "too_large"


def test_a_worker_that_runs_out_of_memory_reports_too_large(tmp_path: Path) -> None:
    from transparantie_parser.batch import ParseOptions, parse_files

    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_file(page_objects(stream(b"", compressed=zero_bomb(1)))))
    # limits raised so far that only the worker's memory cap stands in the way
    options = ParseOptions(max_bytes=2**31, max_memory=600 * 2**20)
    (outcome,) = parse_files([str(bomb)], options, jobs=1)
    assert (outcome.path, outcome.error_code) == (str(bomb), "too_large")
    assert outcome.error_message == "needs more memory to read than may be used"


def test_huge_content_stream_is_refused_by_max_bytes() -> None:
    ops = b"BT /F1 9 Tf 42 500 Td (Pagina 1) Tj ET\n" * 500_000  # 20 MB of drawing
    data = pdf_file(page_objects(stream(b"", compressed=zlib.compress(ops, 9))))
    assert len(data) < 200_000
    with pytest.raises(tp.UnreadablePdfError) as caught:
        tp.parse_pdf(data, max_bytes=8 * 1024 * 1024)
    assert caught.value.code == "too_large"


def test_input_larger_than_max_bytes_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "big.pdf"
    shutil.copy(FIXTURES / "pdf" / "a-seed-like.pdf", big)
    with pytest.raises(tp.UnreadablePdfError, match=r"3\.859 bytes") as caught:
        tp.parse_pdf(big, max_bytes=1000)
    assert caught.value.code == "too_large"


CIRCULAR = {
    "contents refers to itself": [b"4 0 R"],
    "two objects refer to each other": [b"6 0 R", b"4 0 R"],
}


@pytest.mark.parametrize("objects", list(CIRCULAR.values()), ids=list(CIRCULAR))
def test_circular_references_end_in_an_error(objects: list[bytes]) -> None:
    catalog = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
               FONT, objects[0],
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] "
               b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>", *objects[1:]]
    data = pdf_file(catalog)
    for engine in ENGINES:
        started = time.monotonic()
        with pytest.raises(tp.TransparantieError) as caught:
            tp.parse_pdf(data, engine=engine)
        assert time.monotonic() - started < 10
        assert caught.value.code in ("too_large", "no_text_layer")
    with pytest.raises(tp.UnreadablePdfError, match="circle of references"):
        tp.parse_pdf(data)


def test_page_tree_that_contains_itself_ends() -> None:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [2 0 R 5 0 R] /Count 1 >>", FONT,
               stream(b"BT /F1 9 Tf 42 500 Td (Pagina 1) Tj ET"),
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] "
               b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"]
    for engine in ENGINES:
        with pytest.raises(tp.NoTableError):
            tp.parse_pdf(pdf_file(objects), engine=engine)


@pytest.mark.parametrize("deep", [b"[" * 100_000 + b"]" * 100_000,
                                  b"<< /A " * 50_000 + b">>" * 50_000],
                         ids=["arrays", "dictionaries"])
def test_deeply_nested_objects_end_in_an_error(deep: bytes) -> None:
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
               FONT, stream(b"BT /F1 9 Tf 42 500 Td (Pagina 1) Tj ET"),
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] "
               b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R /Deep " + deep + b" >>"]
    for engine in ENGINES:
        started = time.monotonic()
        with pytest.raises(tp.TransparantieError):
            tp.parse_pdf(pdf_file(objects), engine=engine)
        assert time.monotonic() - started < 20


# --- the command line -------------------------------------------------------------------------

def test_cli_bounds_the_time_per_file_and_goes_on(tmp_path: Path) -> None:
    slow = tmp_path / "a-slow.pdf"
    # a page of 400,000 tiny drawing operations: readable, but slow for pdfminer
    ops = b"q 1 0 0 1 0 0 cm Q\n" * 400_000 + b"BT /F1 9 Tf 42 500 Td (Pagina 1) Tj ET"
    slow.write_bytes(pdf_file(page_objects(stream(b"", compressed=zlib.compress(ops)))))
    shutil.copy(FIXTURES / "pdf" / "a-seed-like.pdf", tmp_path / "b-good.pdf")
    out = tmp_path / "out.csv"
    # pdfplumber: the default engine, PDFium, reads this page in well under a second
    result = subprocess.run([SCRIPT, "convert", str(tmp_path), "-o", str(out), "--timeout",
                             "1", "-j", "1", "--engine", "pdfplumber"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"{slow}: timeout: reading took longer than 1 s (use --timeout to allow more)" \
        in result.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.reader(handle))) == 15  # the good file's rows are all there


def test_cli_max_pages_and_max_bytes_are_options(tmp_path: Path) -> None:
    pdf = FIXTURES / "pdf" / "g-bundle-2020q4.pdf"
    result = subprocess.run([SCRIPT, "validate", str(pdf), "--max-pages", "3"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert f"{pdf}: too_large: is too large: 16 pages, more than the limit of 3" in result.stderr
    result = subprocess.run([SCRIPT, "validate", str(pdf), "--max-bytes", "1000"],
                            capture_output=True, text=True, timeout=120)
    assert f"{pdf}: too_large: is too large: 46.906 bytes" in result.stderr


def test_cli_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    pdf = tmp_path / "west.pdf"
    shutil.copy(FIXTURES / "pdf" / "a-seed-like.pdf", pdf)
    before = pdf.read_bytes()
    for args in (["convert", str(pdf), "-o", str(pdf), "--format", "csv"],
                 ["convert", str(tmp_path), "-o", str(pdf), "--format", "csv"]):
        result = subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=120)
        assert result.returncode == 2
        assert "is also an input; it would be overwritten" in result.stderr
    assert pdf.read_bytes() == before


def test_cli_shows_no_library_chatter_for_damaged_files(tmp_path: Path) -> None:
    for name, data in fuzzing.cases(seed=7, count=12):
        (tmp_path / (name.split(":")[0].replace(" ", "-") + ".pdf")).write_bytes(data)
    result = subprocess.run([SCRIPT, "validate", str(tmp_path), "-q"], capture_output=True,
                            text=True, timeout=300)
    for line in result.stderr.splitlines():
        path, code, _ = line.split(": ", 2)
        assert path.startswith(str(tmp_path)) and code.isidentifier(), line
    assert "Traceback" not in result.stderr


# --- CSV injection ----------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CRAFTED = ['=HYPERLINK("http://example.invalid","klik")', "+ADD Amsterdam", "-2+3 Oss",
           "@SUM(A1) Ede"]


def spreadsheet_runs_it(cell: str) -> bool:
    """How Excel and LibreOffice judge a CSV cell: text starting with one of these is taken
    as a formula (or a signed number) and evaluated; a leading apostrophe makes it text."""
    return cell.startswith(FORMULA_START)


def test_crafted_names_and_labels_are_written_as_text_and_kept_exact_in_json(
    tmp_path: Path,
) -> None:
    import dataclasses
    import io
    import json

    from fixtures.regions import make_region
    from fixtures.render import PageSpec, render_pdf

    data = make_region("=Regio", 2021, 1, CRAFTED, seed=3)
    data = dataclasses.replace(data, columns=("=1+1", "@label", "-min", "+plus"))
    buffer = io.BytesIO()
    render_pdf(buffer, [PageSpec(data)])
    pdf = tmp_path / "crafted.pdf"
    pdf.write_bytes(buffer.getvalue())
    out, regions, jsonl = tmp_path / "o.csv", tmp_path / "r.csv", tmp_path / "o.jsonl"
    for target, extra in ((out, ["--regions", str(regions)]), (jsonl, [])):
        result = subprocess.run([SCRIPT, "convert", str(pdf), "-o", str(target), *extra],
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    for path in (out, regions):
        with path.open(encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert not [cell for cell in cells if spreadsheet_runs_it(cell)]
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["municipality"] for row in rows] == ["'" + name for name in CRAFTED]
    assert {row["region"] for row in rows} == {"'=Regio"}
    with regions.open(encoding="utf-8", newline="") as handle:
        (region,) = csv.DictReader(handle)
    assert [region[f"label_{j}"] for j in range(1, 5)] == ["'=1+1", "'@label", "'-min", "'+plus"]
    (record,) = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert [row["municipality"] for row in record["rows"]] == CRAFTED
    assert record["region"] == "=Regio"
    assert record["columns"] == ["=1+1", "@label", "-min", "+plus"]


@pytest.mark.parametrize("start", FORMULA_START)
def test_every_formula_start_is_neutralised(start: str) -> None:
    from transparantie_parser.writers import csv_safe

    assert csv_safe(start + "x") == "'" + start + "x"
    assert not spreadsheet_runs_it(csv_safe(start + "x"))
    assert csv_safe("Breda") == "Breda"


BROKEN_TOOL = """
import sys
import transparantie_parser.cli as cli

def convert(args):
    raise ZeroDivisionError("a bug")

cli._convert = convert
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.parametrize("debug", [False, True])
def test_a_bug_shows_a_traceback_only_with_debug(debug: bool, tmp_path: Path) -> None:
    args = ["convert", str(FIXTURES / "text" / "seed-west-brabant-2020q4.txt"), "-o",
            str(tmp_path / "x.csv"), *(["--debug"] if debug else [])]
    result = subprocess.run([sys.executable, "-c", BROKEN_TOOL, *args], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert ("Traceback" in result.stderr) is debug
    if not debug:
        assert result.stderr.strip() == ("transparantie-parser: internal error: "
                                         "ZeroDivisionError: a bug (run with --debug for details)")


def test_a_file_that_crashes_a_worker_with_one_engine_is_read_with_the_other(
        tmp_path: Path) -> None:
    from transparantie_parser.batch import ParseOptions, parse_files

    # PDFium aborts its process when memory runs out; pdfminer raises MemoryError
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(pdf_file(page_objects(stream(b"", compressed=zero_bomb(1)))))
    options = ParseOptions(engine="pdfium", max_bytes=2**31, max_memory=600 * 2**20)
    (outcome,) = parse_files([str(bomb)], options, jobs=1)
    assert outcome.error_code == "too_large"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_file_whose_line_ends_were_changed_in_transfer_is_damaged_not_a_scan(
        engine: tp.Engine) -> None:
    # an FTP transfer in text mode makes every LF a CR LF: offsets and Flate data break
    data = text_page_pdf(["Vierde kwartaal 2020  West-Brabant", "TOTAAL AMR 1 2 3 4 10"])
    with pytest.raises(tp.UnreadablePdfError) as caught:
        tp.parse_pdf(data.replace(b"\n", b"\r\n"), engine=engine, ocr="never")
    assert caught.value.code == "damaged"
    assert "changed in transfer" in str(caught.value)
    assert "download it again" in str(caught.value)


@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12))
@settings(max_examples=40, deadline=None)
def test_a_pdf_written_with_crlf_line_ends_reads_and_the_same_changed_in_transfer_is_damaged(
        words: list[str]) -> None:
    line = " ".join(words).encode("latin-1", "replace").replace(b")", b"").replace(b"\\", b"")
    contents = b"BT\r\n/F1 9 Tf 42 550 Td (" + line + b") Tj\r\nET"
    objects = [body.replace(b"\n", b"\r\n") for body in page_objects(stream(contents))]
    written = pdf_file(objects, crlf=True)  # CR LF from the start: the offsets fit
    with pytest.raises(tp.TransparantieError) as caught:
        tp.parse_pdf(written, ocr="never")
    assert caught.value.code == "no_table"
    with pytest.raises(tp.TransparantieError) as caught:
        tp.parse_pdf(pdf_file(objects).replace(b"\n", b"\r\n"), ocr="never")
    assert caught.value.code == "damaged"


@pytest.mark.parametrize("name", [
    "pdf/a-seed-like.pdf", "producers/qpdf-linearized.pdf", "producers/rc4-40-owner.pdf",
    "producers/chromium-report.pdf", "producers/latex-booktabs.pdf",
    "word-processors/typst-table.pdf"])
def test_a_fixture_whose_line_ends_were_changed_in_transfer_is_damaged(name: str) -> None:
    # a cross-reference table or stream, linearised, encrypted: each producer's file
    changed = (FIXTURES / name).read_bytes().replace(b"\n", b"\r\n")
    with pytest.raises(tp.UnreadablePdfError, match="changed in transfer") as caught:
        tp.parse_pdf(changed, ocr="never")
    assert caught.value.code == "damaged"
