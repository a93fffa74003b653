"""Page designs of other producers, drawn with the fixtures' renderer: a stamp across the
table, and where a problem with words that could not be placed is said to be."""

from __future__ import annotations

import io

from fixtures.regions import expected_report, quarterly
from fixtures.render import PageSpec, render_pdf

import transparantie_parser as tp
from transparantie_parser.problems import table_problems

from .fixture_files import comparable

STAMP_WHY = "slanted text across the table (a stamp), read as no part of it"


def _pdf(spec: PageSpec) -> tuple[bytes, list[int]]:
    buf = io.BytesIO()
    (pages,) = render_pdf(buf, [spec])
    return buf.getvalue(), pages


def test_a_stamp_across_a_table_is_set_aside_and_the_table_read_exactly() -> None:
    data = quarterly("Zuidoost-Brabant", 2022, 3)
    pdf, pages = _pdf(PageSpec(data, stamp="NIET DEFINITIEF", rules="rows"))
    for engine in ("pdfium", "pdfplumber"):
        (report,) = tp.parse_pdf(pdf, engine=engine)
        want = expected_report(data, pages, [("unplaced_text", None, None)])
        assert comparable(report.to_dict()) == want
        assert [i.message for i in report.issues] == [f"page 1: 'NIET DEFINITIEF': {STAMP_WHY}"]


def test_a_problem_with_unplaced_words_names_the_page_they_are_printed_on() -> None:
    # a table over two pages, the stamp on the first: before, the problem said page 2 (the
    # table's last page) while its message said page 1
    data = quarterly("Zuidoost-Brabant", 2022, 3)
    pdf, pages = _pdf(PageSpec(data, stamp="CONCEPT", rows_per_page=12))
    (report,) = tp.parse_pdf(pdf)
    assert pages == [1, 2]
    (problem,) = table_problems(report)
    assert (problem.code, problem.page) == ("unplaced_text", 1)
    assert problem.message.startswith("page 1: 'CONCEPT'")
