"""Scans with a text layer made by a scanner's OCR ("searchable PDF", ``fixtures/sandwich/``):
read from that layer like any text, exactly where the layer is right; where the layer gives a
table that cannot be read (its OCR misread or dropped figures), the scan is read by this
tool's OCR instead, or the error says what the text is and how to read the scan."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

import transparantie_parser as tp
from transparantie_parser._ocr import tesseract
from transparantie_parser._pdf.pdfium import ocr_layer_pages

from .conftest import FIXTURES
from .fixture_files import comparable, expected
from .test_ocr import needs_tesseract

SANDWICH = FIXTURES / "sandwich"
WRONG_LAYER = SANDWICH / "tight-columns-200dpi.pdf"
INVISIBLE, FILLED = 3, 0  # text render modes


def _page(*, text_mode: int | None, image: bool) -> bytes:
    """One page: a grey image over all of it and/or a line of text in ``text_mode``."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(200, 100))
    if image:
        canvas.drawImage(ImageReader(Image.new("L", (20, 10), 200)), 0, 0, width=200,
                         height=100)
    if text_mode is not None:
        text = canvas.beginText(10, 50)
        text.setTextRenderMode(text_mode)
        text.textLine("Breda 41 579 767 248 1.635")
        canvas.drawText(text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize(("text_mode", "image", "layer"), [
    (INVISIBLE, True, True),  # a scanner's searchable PDF
    (FILLED, True, False),  # printed text on a background image
    (INVISIBLE, False, False),  # hidden text, no scan under it
    (None, True, False),  # a scan without a text layer
])
def test_a_page_of_invisible_text_over_an_image_is_an_ocr_layer(
        text_mode: int | None, image: bool, layer: bool) -> None:
    pages = ocr_layer_pages(_page(text_mode=text_mode, image=image), max_pages=10)
    assert pages == (frozenset({1}) if layer else frozenset())


def test_the_fixture_sandwiches_have_an_ocr_layer_and_a_born_digital_page_none() -> None:
    for pdf in (SANDWICH / "seed-200dpi.pdf", WRONG_LAYER):  # the layer is a Form XObject
        assert ocr_layer_pages(pdf.read_bytes(), max_pages=10) == frozenset({1})
    seed_like = FIXTURES / "pdf" / "a-seed-like.pdf"
    assert ocr_layer_pages(seed_like.read_bytes(), max_pages=10) == frozenset()


@pytest.mark.parametrize(("name", "pages"), [
    ("pdf.js--scan-bad.pdf", {1}),  # a Canon scanner
    ("pypdf--indirect-rotation.pdf", {1, 2, 3, 4, 5}),  # EPSON Scan
])
def test_the_ocr_layers_of_real_scanners_are_found(name: str, pages: set[int]) -> None:
    data = (FIXTURES / "realworld" / name).read_bytes()
    assert ocr_layer_pages(data, max_pages=10) == pages


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_an_ocr_text_layer_that_is_right_reads_exactly_as_text(engine: tp.Engine) -> None:
    pdf = SANDWICH / "seed-200dpi.pdf"
    reports = tp.parse_pdf(pdf, engine=engine)  # a table read from the layer: no OCR asked
    assert [comparable(r.to_dict(), reading="text") for r in reports] == expected(pdf)


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_wrong_ocr_layer_without_ocr_is_an_error_that_says_how_to_read_the_scan(
        engine: tp.Engine) -> None:
    # the layer reads Beemster's 191 as 141 and sets its total 816 a line lower: a row one
    # figure short of the TOTAAL AMR line, which the grammar says rather than guess
    with pytest.raises(tp.MalformedTableError) as caught:
        tp.parse_pdf(WRONG_LAYER, engine=engine, ocr="never")
    assert caught.value.code == "malformed_table"
    assert str(caught.value) == (
        f"{WRONG_LAYER}: a row with 4 figures where 'TOTAAL AMR 13.209 33.893 48.456 36.441 "
        "131.999' has 5: 'Beemster 44 155 426 141' (the text of page(s) 1 is a layer an OCR "
        "laid over a scan; --ocr auto (ocr='auto') reads the scan itself)")


def test_a_wrong_ocr_layer_on_a_machine_without_tesseract_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tesseract, "tesseract_problem", lambda: "tesseract is not installed")
    with pytest.raises(tp.MalformedTableError) as caught:
        tp.parse_pdf(WRONG_LAYER)
    assert str(caught.value).endswith(
        "(the text of page(s) 1 is a layer an OCR laid over a scan, which OCR could read, "
        f"but tesseract is not installed: {tesseract.install_hint()})")


@needs_tesseract
def test_a_wrong_ocr_layer_is_read_by_ocr_instead_exactly() -> None:
    (report,) = tp.parse_pdf(WRONG_LAYER)  # ocr="auto", the default
    assert [comparable(report.to_dict(), reading="ocr")] == expected(WRONG_LAYER)


def test_a_born_digital_table_that_cannot_be_read_is_not_sent_to_ocr() -> None:
    pdf = FIXTURES / "producers" / "calc-blank-not-adding.pdf"
    with pytest.raises(tp.MalformedTableError) as caught:
        tp.parse_pdf(pdf)
    assert "OCR" not in str(caught.value)
