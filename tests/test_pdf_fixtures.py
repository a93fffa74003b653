"""Every committed fixture PDF parses to exactly its expected records, with both engines."""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

import pytest

import transparantie_parser as tp

from .conftest import FIXTURES, ROOT
from .fixture_files import comparable, expected, pdfs

ENGINES = ["pdfplumber", "pdfium"]
GOOD = pdfs("pdf") + pdfs("issues") + pdfs("layouts") + pdfs("page-designs")
# pages made by the tools archives come from (make_producers.py, make_word_processors.py)
PRODUCED = pdfs("producers") + pdfs("word-processors")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", GOOD, ids=lambda p: p.stem)
def test_fixture_parses_to_exactly_its_expected_records(pdf: Path, engine: tp.Engine) -> None:
    reports = tp.parse_pdf(pdf, engine=engine)
    assert [comparable(r.to_dict()) for r in reports] == expected(pdf)
    assert {r.source for r in reports} == {str(pdf)}


@pytest.mark.parametrize("pdf", GOOD, ids=lambda p: p.stem)
def test_both_engines_give_identical_records(pdf: Path) -> None:
    plumber = tp.parse_pdf(pdf, engine="pdfplumber")
    pdfium = tp.parse_pdf(pdf, engine="pdfium")
    assert plumber == pdfium  # records include each row's page


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", PRODUCED, ids=lambda p: p.stem)
def test_producer_fixture_reads_exactly_or_fails_with_its_code(pdf: Path, engine: tp.Engine
                                                               ) -> None:
    want = expected(pdf)
    if isinstance(want, dict):
        with pytest.raises(tp.TransparantieError) as caught:
            tp.parse_pdf(pdf, engine=engine)
        assert caught.value.code == want["error"]
    else:
        assert [comparable(r.to_dict()) for r in tp.parse_pdf(pdf, engine=engine)] == want


@pytest.mark.parametrize("pdf", PRODUCED, ids=lambda p: p.stem)
def test_both_engines_agree_on_producer_fixtures(pdf: Path) -> None:
    outcomes = []
    for engine in ENGINES:
        try:
            outcomes.append(tp.parse_pdf(pdf, engine=engine))
        except tp.TransparantieError as err:
            outcomes.append(err.code)
    assert outcomes[0] == outcomes[1]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", pdfs("broken"), ids=lambda p: p.stem)
def test_broken_fixture_raises_its_error_code_naming_the_file(pdf: Path, engine: tp.Engine) -> None:
    # without OCR: scan.pdf is a scan (what OCR makes of it: test_ocr)
    with pytest.raises(tp.TransparantieError) as caught:
        tp.parse_pdf(pdf, engine=engine, ocr="never")
    assert caught.value.code == expected(pdf)["error"]
    assert str(caught.value).startswith(f"{pdf}: ")


def test_scan_without_ocr_says_ocr_is_turned_off() -> None:
    with pytest.raises(tp.UnreadablePdfError, match=r"it can be read by OCR, which is turned "
                                                    r"off \(ocr='never', --ocr never\)$"):
        tp.parse_pdf(FIXTURES / "broken" / "scan.pdf", ocr="never")


def test_html_page_saved_as_pdf_is_named_as_such() -> None:
    with pytest.raises(tp.TransparantieError, match="is an HTML page") as caught:
        tp.parse_pdf(FIXTURES / "broken" / "html-error-page.pdf")
    assert caught.value.code == "not_pdf"


def test_bytes_and_file_objects_parse_like_paths() -> None:
    pdf = FIXTURES / "pdf" / "a-seed-like.pdf"
    from_path = [comparable(r.to_dict()) for r in tp.parse_pdf(pdf)]
    from_bytes = tp.parse_pdf(pdf.read_bytes())
    with pdf.open("rb") as handle:
        from_file = tp.parse_pdf(handle)
    assert [comparable(r.to_dict()) for r in from_bytes] == from_path
    assert from_bytes[0].source is None
    assert [comparable(r.to_dict()) for r in from_file] == from_path
    assert from_file[0].source == str(pdf)
    assert tp.parse_pdf(io.BytesIO(pdf.read_bytes()))[0].total.total == 5026


def test_error_from_bytes_names_bytes() -> None:
    with pytest.raises(tp.TransparantieError, match=r"^<bytes>: ") as caught:
        tp.parse_pdf(b"")
    assert caught.value.code == "not_pdf"


def test_missing_file_is_an_error_not_an_oserror(tmp_path: Path) -> None:
    with pytest.raises(tp.TransparantieError) as caught:
        tp.parse_pdf(tmp_path / "nope.pdf")
    assert "cannot be read" in str(caught.value)


def test_rows_carry_the_page_they_are_printed_on() -> None:
    (report,) = tp.parse_pdf(FIXTURES / "pdf" / "f-continued-table.pdf")
    assert report.pages == (1, 2)
    pages = [row.page for row in report.rows]
    assert pages == [1] * 20 + [2] * (len(report.rows) - 20)


def test_seed_like_pdf_gives_the_seed_records(seed_text: str) -> None:
    (from_pdf,) = tp.parse_pdf(FIXTURES / "pdf" / "a-seed-like.pdf")
    (from_text,) = tp.parse_text(seed_text)
    assert comparable(from_pdf.to_dict()) | {"pages": []} == comparable(from_text.to_dict())


def test_strict_pdf_raises_invalid_for_a_table_that_does_not_add_up() -> None:
    pdf = FIXTURES / "issues" / "row-total-and-coverage.pdf"
    with pytest.raises(tp.ValidationFailedError) as caught:
        tp.parse_pdf(pdf, strict=True)
    assert caught.value.code == "invalid"
    assert [i.code for i in caught.value.issues] == [
        i["code"] for r in expected(pdf) for i in r["issues"]]


@pytest.mark.parametrize("fraction", [i / 20 for i in range(1, 20)] + [0.999])
def test_truncated_file_parses_exactly_or_says_damaged(fraction: float) -> None:
    pdf = FIXTURES / "pdf" / "g-bundle-mixed-header.pdf"
    data = pdf.read_bytes()
    cut = data[: int(len(data) * fraction)]
    try:
        reports = tp.parse_pdf(cut)
    except tp.TransparantieError as err:
        assert err.code == "damaged"
    else:
        assert [comparable(r.to_dict()) for r in reports] == expected(pdf)


def test_trailing_whitespace_after_end_of_file_marker_is_fine() -> None:
    data = (FIXTURES / "pdf" / "a-seed-like.pdf").read_bytes()
    assert tp.parse_pdf(data + b"\r\n\n   ")[0].total.total == 5026


def test_fixture_generator_is_committed_beside_the_fixtures() -> None:
    assert (FIXTURES / "make_fixtures.py").is_file()
    assert (ROOT / "fixtures" / "README.md").is_file()


@pytest.mark.parametrize("text", sorted((FIXTURES / "text").glob("*.layout.txt")),
                         ids=lambda p: p.name)
def test_layout_text_extraction_reads_like_its_pdf(text: Path) -> None:
    """``pdftotext -layout`` keeps columns aligned: text input then uses positions too."""
    pdf = FIXTURES / "pdf" / text.name.replace(".layout.txt", ".pdf")
    reports = tp.parse_text(text.read_text(encoding="utf-8"), source=str(text))
    want = [dict(record, pages=[]) for record in expected(pdf)]
    assert [comparable(r.to_dict()) for r in reports] == want
    assert all(row.page is None for r in reports for row in r.rows)


# --- reports/: a file's good tables survive a bad one; a national summary is left out -------

REPORTS = pdfs("reports")


def _read_keeping_all(pdf: Path, engine: tp.Engine
                      ) -> tuple[list[tp.RegionReport], list[tp.TableFailure], list[str]]:
    """The tables read, those that cannot be read, and the notes of tables left out."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            reports, failures = tp.parse_pdf(pdf, engine=engine), []
        except tp.PartlyReadError as err:
            reports, failures = list(err.reports), list(err.failures)
    notes = [w.message.detail for w in caught if isinstance(w.message, tp.TableLeftOutWarning)]
    return reports, failures, notes


def _note_pages(note: str) -> list[int]:
    found = re.match(r"pages? ([\d, ]+):", note)
    assert found is not None, note
    return [int(page) for page in found[1].split(", ")]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", REPORTS, ids=lambda p: p.stem)
def test_a_file_keeps_every_table_read_names_each_it_cannot_read_and_notes_a_summary(
        pdf: Path, engine: tp.Engine) -> None:
    want = expected(pdf)
    reports, failures, notes = _read_keeping_all(pdf, engine)
    assert [comparable(r.to_dict()) for r in reports] == want["records"]
    assert [{"page": f.page, "code": f.code} for f in failures] == want["failures"]
    assert [page for note in notes for page in _note_pages(note)] == want["left_out"]
    assert all("national summary" in note and "TOTAAL NEDERLAND" in note for note in notes)


@pytest.mark.parametrize("pdf", REPORTS, ids=lambda p: p.stem)
def test_both_engines_read_and_fail_the_same_tables_of_a_report(pdf: Path) -> None:
    assert _read_keeping_all(pdf, "pdfplumber") == _read_keeping_all(pdf, "pdfium")


def test_a_table_that_cannot_be_read_is_named_with_its_page_region_and_period() -> None:
    pdf = FIXTURES / "reports" / "chromium-one-malformed.pdf"
    with pytest.raises(tp.PartlyReadError) as caught:
        tp.parse_pdf(pdf)
    err = caught.value
    assert err.code == "malformed_table"
    assert isinstance(err, tp.MalformedTableError)  # callers that catch it still do
    (failure,) = err.failures
    assert (failure.page, failure.region, failure.period) == (2, "Zuidoost-Brabant", "2021Q4")
    assert failure.message == ("a row with 4 figures where 'TOTAAL AMR 2.738 8.312 14.094 "
                               "7.858 33.002' has 5: 'Geldrop-Mierlo 171 482 603 1.986'")
    assert str(err) == (f"{pdf}: 1 table(s) cannot be read (page 2: {failure.message}); "
                        "2 other table(s) were read (the error's reports)")
    assert [r.source for r in err.reports] == [str(pdf), str(pdf)]


def test_text_with_a_table_that_cannot_be_read_keeps_the_other(seed_text: str) -> None:
    broken = seed_text.replace("Vierde kwartaal", "Derde kwartaal").replace(
        "Breda 41 579 767 248 1.635", "Breda 41 579 248 1.635")
    with pytest.raises(tp.PartlyReadError) as caught:
        tp.parse_text(seed_text + "\f" + broken, source="twee.txt")
    assert [(r.region, str(r.quarter)) for r in caught.value.reports] == [
        ("West-Brabant", "2020Q4")]
    assert [(f.page, f.region, f.period) for f in caught.value.failures] == [
        (None, "West-Brabant", "2020Q3")]
    assert str(caught.value).startswith("twee.txt: 1 table(s) cannot be read (a row with 4 ")


def test_a_text_extraction_of_a_national_summary_notes_it_as_left_out(seed_text: str) -> None:
    summary = ("Tweede kwartaal 2021  Nederland\nWest-Brabant 197 1.491 2.319 1.019 5.026\n"
               "Zeeland 100 200 300 400 1.000\nTOTAAL NEDERLAND 297 1.691 2.619 1.419 6.026\n")
    with pytest.warns(tp.TableLeftOutWarning) as caught:
        reports = tp.parse_text(seed_text + "\f" + summary, source="landelijk.txt")
    assert [r.region for r in reports] == ["West-Brabant"]
    (warning,) = caught
    assert str(warning.message) == (
        "landelijk.txt: a national summary ('Tweede kwartaal 2021 Nederland', rows of regions, "
        "'TOTAAL NEDERLAND 297 1.691 2.619 1.419 6.026'): no region table; left out")
