"""Errors default their code and carry the page where reading failed: a table that cannot be
read is placed at the line that cannot be read (not at its heading, pages earlier), in the
error, the table's failure and the ``--problems`` list, whose page column then agrees with
the line its message quotes."""

from __future__ import annotations

import csv
import pickle
from collections.abc import Sequence
from pathlib import Path

import pytest

import transparantie_parser as tp
from transparantie_parser.batch import parse_file
from transparantie_parser.problems import outcome_problems

from .pdfbuild import FONT, pdf_file, stream
from .test_cli_batch import run

SIZE = 9
RIGHT_EDGES = (300, 360, 420, 480, 540)  # where each figure column's figures end (points)
Item = tuple[float, float, str, bool]  # x, y (PDF space), text, set flush right at x


def _width(text: str) -> float:
    """Helvetica's width of a figure: 556 units of 1,000 per digit, 278 for the dot."""
    return sum(278 if c == "." else 556 for c in text) * SIZE / 1000


def _content(items: Sequence[Item]) -> bytes:
    ops = bytearray()
    for x, y, text, right in items:
        escaped = text.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)")
        left = x - _width(text) if right else x
        ops += b"BT /F1 %d Tf %.2f %.2f Td (%s) Tj ET\n" % (SIZE, left, y, escaped)
    return bytes(ops)


def _pdf(pages: Sequence[Sequence[Item]]) -> bytes:
    """A landscape PDF with one content stream per page."""
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)), FONT]
    for items in pages:
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources "
                       b"<< /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (len(objects) + 2))
        objects.append(stream(_content(items)))
    return pdf_file(objects)


def _lines(top: float, lines: Sequence[str], heading: str | None = None) -> list[Item]:
    """A heading, then lines 14 pt apart below it: a name and its figures, the figures set
    flush right in the last columns."""
    items: list[Item] = [] if heading is None else [(42, top + 30, heading, False)]
    for i, line in enumerate(lines):
        y = top - 14 * i
        words = line.split()
        figures = [w for w in words if w[0].isdigit()]
        name = " ".join(w for w in words if not w[0].isdigit())
        items.append((42, y, name, False))
        edges = RIGHT_EDGES[len(RIGHT_EDGES) - len(figures):]
        items.extend((x, y, figure, True) for x, figure in zip(edges, figures, strict=True))
    return items


HEADING = "Vierde kwartaal 2020 West-Brabant"
FIRST_PAGE = ["Altena 6 87 133 76 302", "Bergen op Zoom 36 133 250 115 534",
              "Breda 41 579 767 248 1.635"]
BAD_ROW = "Etten-Leur 8 83 289"  # two blank counts, and the row does not add up without
SECOND_PAGE = ["Drimmelen 2 34 56 36 128", BAD_ROW, "Zundert 4 22 46 27 99",
               "TOTAAL AMR 99 855 1.252 502 2.707"]
# the table's heading on page 1, its row that cannot be read on page 2
ONE_TABLE = _pdf([_lines(520, FIRST_PAGE, HEADING), _lines(550, SECOND_PAGE)])
GOOD_TABLE = [*FIRST_PAGE, "TOTAAL AMR 83 799 1.150 439 2.471"]
# a table read on page 1, then the table above over pages 2 and 3
TWO_TABLES = _pdf([_lines(520, GOOD_TABLE, "Derde kwartaal 2020 West-Brabant"),
                   _lines(520, FIRST_PAGE, HEADING), _lines(550, SECOND_PAGE)])
MESSAGE = ("Etten-Leur: a count cell is blank and the row does not add up with it as 0 "
           f"(_ + _ + 8 + 83 printed against a total of 289): {BAD_ROW!r}")


def test_an_error_has_its_classs_code_unless_told_another() -> None:
    assert tp.MalformedTableError("x").code == "malformed_table"
    assert tp.MalformedTableError("x", code="malformed_number").code == "malformed_number"
    assert tp.MalformedTableError("x", page=3).page == 3
    assert tp.MalformedTableError("x").page is None


def test_the_page_crosses_process_boundaries_and_survives_a_source() -> None:
    err = tp.MalformedTableError("x", code="malformed_number", page=3)
    copy = pickle.loads(pickle.dumps(err.with_source("a.pdf")))
    assert (type(copy), copy.code, copy.page, str(copy)) == (
        tp.MalformedTableError, "malformed_number", 3, "a.pdf: x")


def test_a_file_whose_only_table_fails_on_its_second_page_says_page_2() -> None:
    with pytest.raises(tp.MalformedTableError) as caught:
        tp.parse_pdf(ONE_TABLE)
    assert (caught.value.code, caught.value.page, caught.value.detail) == (
        "malformed_table", 2, MESSAGE)


def test_a_table_that_fails_on_a_later_page_than_its_heading_is_placed_there() -> None:
    with pytest.raises(tp.PartlyReadError) as caught:
        tp.parse_pdf(TWO_TABLES)
    assert [r.pages for r in caught.value.reports] == [(1,)]
    assert [(f.page, f.code, f.message) for f in caught.value.failures] == [
        (3, "malformed_table", MESSAGE)]


def test_problems_give_the_page_the_message_quotes(tmp_path: Path) -> None:
    one, two = tmp_path / "one.pdf", tmp_path / "two.pdf"
    one.write_bytes(ONE_TABLE)
    two.write_bytes(TWO_TABLES)
    assert [(p.page, p.code, p.message) for p in outcome_problems(parse_file(one))] == [
        (2, "malformed_table", MESSAGE)]
    problems = tmp_path / "problems.csv"
    result = run("convert", str(one), str(two), "-o", str(tmp_path / "out.csv"),
                 "--problems", str(problems), "-j", "1")
    assert result.returncode == 1, result.stderr
    with problems.open(encoding="utf-8", newline="") as handle:
        rows = [(r["source"], r["page"], r["code"], r["message"])
                for r in csv.DictReader(handle) if r["code"] == "malformed_table"]
    assert rows == [(str(one), "2", "malformed_table", MESSAGE),
                    (str(two), "3", "malformed_table", MESSAGE)]


def test_text_input_has_no_pages_to_give() -> None:
    text = "\n".join([HEADING, *FIRST_PAGE, *SECOND_PAGE])
    with pytest.raises(tp.MalformedTableError) as caught:
        tp.parse_text(text)
    assert (caught.value.page, caught.value.detail) == (
        None, f"a row with 3 figures where {SECOND_PAGE[-1]!r} has 5: {BAD_ROW!r}")
