"""Scans with a text layer made by a scanner's OCR ("searchable PDF", ``fixtures/sandwich/``):
read from that layer like any text, exactly where the layer is right and with a clear error
where its OCR misread or dropped figures; ``ocr="always"`` reads the scan itself instead."""

from __future__ import annotations

import pytest

import transparantie_parser as tp

from .conftest import FIXTURES
from .fixture_files import comparable, expected
from .test_ocr import needs_tesseract

SANDWICH = FIXTURES / "sandwich"


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_an_ocr_text_layer_that_is_right_reads_exactly_as_text(engine: tp.Engine) -> None:
    pdf = SANDWICH / "seed-200dpi.pdf"
    reports = tp.parse_pdf(pdf, engine=engine, ocr="never")
    assert [comparable(r.to_dict(), reading="text") for r in reports] == expected(pdf)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_an_ocr_text_layer_that_dropped_a_figure_is_an_error_not_wrong_records(
        engine: tp.Engine) -> None:
    # the layer reads Beemster's 191 as 141 and sets its total 816 a line lower: a row one
    # figure short of the TOTAAL AMR line, which the grammar says rather than guess
    with pytest.raises(tp.MalformedTableError) as caught:
        tp.parse_pdf(SANDWICH / "tight-columns-200dpi.pdf", engine=engine, ocr="never")
    assert caught.value.code == "malformed_table"
    assert "'Beemster 44 155 426 141'" in str(caught.value)
    assert "tight-columns-200dpi.pdf" in str(caught.value)


@needs_tesseract
def test_ocr_always_reads_the_scan_under_a_wrong_text_layer_exactly() -> None:
    pdf = SANDWICH / "tight-columns-200dpi.pdf"
    (report,) = tp.parse_pdf(pdf, ocr="always")
    assert [comparable(report.to_dict(), reading="ocr")] == expected(pdf)
