"""What a file is, when it is not a PDF: the message names the kind a user recognises
(an Office document, an image, an HTML page, plain text) instead of quoting raw bytes."""

from __future__ import annotations

import io
import zipfile

import pytest

import transparantie_parser as tp


def zipped(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


CASES = {
    "docx": (zipped("word/document.xml"), "is a Word document (.docx), not a PDF"),
    "xlsx": (zipped("xl/workbook.xml"), "is an Excel workbook (.xlsx), not a PDF"),
    "pptx": (zipped("ppt/presentation.xml"),
             "is a PowerPoint presentation (.pptx), not a PDF"),
    "odt": (zipped("content.xml"), "is a ZIP archive (an OpenDocument or other zipped "
                                   "file), not a PDF"),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "is an older Office document (.doc, .xls or .ppt), not a PDF"),
    "png": (b"\x89PNG\r\n\x1a\n" + bytes(100), "is a PNG image, not a PDF"),
    "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100), "is a JPEG image, not a PDF"),
    "tiff-le": (b"II*\x00" + bytes(100), "is a TIFF image, not a PDF"),
    "tiff-be": (b"MM\x00*" + bytes(100), "is a TIFF image, not a PDF"),
    "gif": (b"GIF89a" + bytes(100), "is a GIF image, not a PDF"),
    "html": (b"\n<!DOCTYPE html>\n<html lang='nl'><title>404</title></html>",
             "is an HTML page, not a PDF: it starts with \"<!DOCTYPE html> <html lang='nl'>"
             "<title>404</title></html>\""),
    "text": (b"Vierde kwartaal 2020 West-Brabant\nBreda 41 579 767 248 1.635\n",
             "is plain text, not a PDF: it starts with 'Vierde kwartaal 2020 West-Brabant "
             "Breda 41 579 767 248 1.635' (a text extraction can be read when its name ends "
             "in .txt)"),
    "binary": (b"\x00\x01\x02garbage\xff" * 10,
               "is not a PDF: it does not start with '%PDF-' but with bytes 00 01 02 67 61 "
               "72 62 61 67 65 ff 00 01 02 67 61"),
}


@pytest.mark.parametrize("kind", CASES)
def test_a_non_pdf_is_named_by_its_kind(kind: str) -> None:
    data, message = CASES[kind]
    with pytest.raises(tp.UnreadablePdfError) as caught:
        tp.parse_pdf(data)
    assert caught.value.code == "not_pdf"
    assert caught.value.detail == message
