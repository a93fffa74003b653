"""Real-world PDFs from public test suites (fixtures/realworld, see PROVENANCE.md there),
each once a bug or a disagreement between the engines: none holds a region table, and every
one now ends the same way whichever engine is asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import transparantie_parser as tp

from .conftest import FIXTURES

REALWORLD = FIXTURES / "realworld"
EXPECTED: dict[str, str] = json.loads((REALWORLD / "expected.json").read_text("utf-8"))
ENGINES: list[tp.Engine] = ["pdfplumber", "pdfium"]


def outcome(path: Path | bytes, engine: tp.Engine) -> tuple[str, str]:
    try:
        reports = tp.parse_pdf(path, engine=engine)
    except tp.TransparantieError as err:
        return err.code, err.detail
    return "reports", f"{len(reports)} report(s)"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_engine_ends_a_real_world_file_alike(name: str) -> None:
    plumber, pdfium = (outcome(REALWORLD / name, engine) for engine in ENGINES)
    assert plumber == pdfium  # code and message: neither claims what the other disproves
    assert plumber[0] == EXPECTED[name]


def test_every_committed_real_world_file_has_an_expected_outcome() -> None:
    assert sorted(p.name for p in REALWORLD.glob("*.pdf")) == sorted(EXPECTED)


def test_itext_xref_entries_that_point_at_no_object_are_readable() -> None:
    # camelot's ICDAR-2013 EU tables: iText writes "0000000000 65536 n"
    assert outcome(REALWORLD / "camelot--eu-001.pdf", "pdfplumber")[0] == "no_table"


def test_an_empty_document_says_so_whatever_was_read_before() -> None:
    # PDFium's last error outlives the call that set it: an encrypted file read first must
    # not make the next file "encrypted"
    empty = (REALWORLD / "qpdf--empty.pdf").read_bytes()
    alone = outcome(empty, "pdfium")
    outcome(REALWORLD / "qpdf--encrypted-40-bit-R3.pdf", "pdfium")
    assert outcome(empty, "pdfium") == alone == ("no_table", alone[1])
    assert "no pages" in alone[1]


def test_python_internals_never_reach_a_message() -> None:
    code, message = outcome(REALWORLD / "qpdf--issue-120.pdf", "pdfplumber")
    assert code == "damaged"
    assert "recursion" not in message


def test_a_batch_password_does_not_lock_out_a_file_with_only_an_owner_password() -> None:
    pdf = FIXTURES / "pdf" / "j-encrypted-aes256.pdf"
    for engine in ENGINES:
        assert len(tp.parse_pdf(pdf, engine=engine, password="not-this-one")) == 2
    with pytest.raises(tp.UnreadablePdfError, match="password given does not open it"):
        tp.parse_pdf(FIXTURES / "broken" / "user-password.pdf", password="not-this-one")


def _characters(name: str, engine: tp.Engine) -> int:
    from transparantie_parser._pdf.engine import page_reader

    data = (REALWORLD / name).read_bytes()
    return sum(len(g.text.strip()) for page in page_reader(engine)(data, 10, None)
               for g in page.glyphs)


@pytest.mark.parametrize(("name", "characters"), [
    ("pdf.js--issue3521.pdf", 7),  # an A4 MediaBox inherited from /Pages
    ("pdf.js--issue4665.pdf", 41),  # glyph boxes reaching below a 50 pt page
])
def test_both_engines_keep_the_same_characters_on_small_and_inherited_pages(
        name: str, characters: int) -> None:
    assert [_characters(name, engine) for engine in ENGINES] == [characters, characters]


def test_a_page_in_a_font_pdfminer_cannot_map_goes_to_pdfium() -> None:
    # bug1019475_1: pdfminer reads "Introduction 0" of a paragraph, silently
    name = "pdf.js--bug1019475_1.pdf"
    with pytest.raises(tp.UnreadablePdfError, match="cannot map to text"):
        _characters(name, "pdfplumber")
    assert outcome(REALWORLD / name, "pdfplumber") == outcome(REALWORLD / name, "pdfium")
