"""Tagged PDFs: the structure tree read as a second witness of every table read from text.

The fixtures in fixtures/tagged/ (fixtures/make_tagged.py) come from three producers that tag
(Chromium, LibreOffice Writer, Typst) and four copies of one whose tree lies; each has its
exact expected records, with what the tree said (``structure``, ``structure_notes``).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import transparantie_parser as tp
from transparantie_parser._grammar import RawRow, RegionTable
from transparantie_parser._pdf.tagged import TaggedCell, TaggedTable, tagged_tables
from transparantie_parser._witness import witness
from transparantie_parser.validation import validate

from .conftest import FIXTURES
from .fixture_files import comparable, expected, pdfs

ENGINES: list[tp.Engine] = ["pdfplumber", "pdfium"]
TAGGED = pdfs("tagged")
UNTAGGED = pdfs("pdf") + pdfs("issues") + pdfs("layouts")


def _with_structure(record: dict[str, Any]) -> dict[str, Any]:
    return comparable(record) | {"structure": record["structure"],
                                 "structure_notes": record["structure_notes"]}


READ = [pdf for pdf in TAGGED if isinstance(expected(pdf), list)]
FAILING = [pdf for pdf in TAGGED if pdf not in READ]


@pytest.mark.parametrize("pdf", READ, ids=lambda p: p.stem)
def test_tagged_fixture_reads_exactly_with_what_its_tree_said(pdf: Path) -> None:
    reports = tp.parse_pdf(pdf, engine="pdfium")
    assert [_with_structure(r.to_dict()) for r in reports] == expected(pdf)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", FAILING, ids=lambda p: p.stem)
def test_a_tree_that_does_not_add_up_never_reads_a_table_the_text_cannot(
        pdf: Path, engine: tp.Engine) -> None:
    with pytest.raises(tp.TransparantieError) as caught:
        tp.parse_pdf(pdf, engine=engine)
    assert caught.value.code == expected(pdf)["error"]
    assert "(its structure tree read alone gives tables with issues: " \
           "column_sum_mismatch)" in str(caught.value)


def test_a_table_whose_figures_run_together_is_read_from_the_tree_alone() -> None:
    for engine in ENGINES:
        report, = tp.parse_pdf(FIXTURES / "tagged" / "typst-figures-run-together.pdf",
                               engine=engine)
        assert (report.structure, report.issues, report.total.total) == ("only", (), 22999)
        assert report.rows[0] == tp.MunicipalityRow("Dongen", [160, 375, 643, 344], 1522,
                                                    page=1)


@pytest.mark.parametrize("pdf", READ, ids=lambda p: p.stem)
def test_tagged_fixture_gives_the_same_records_with_the_pdfplumber_engine(pdf: Path) -> None:
    # the notes quote the text's reading, which the engines' glyphs may make a little
    # differently; the records (names, figures, issues, the verdict) are the same
    plumber = tp.parse_pdf(pdf, engine="pdfplumber")
    assert plumber == tp.parse_pdf(pdf, engine="pdfium")
    want = expected(pdf)
    assert [comparable(r.to_dict()) | {"structure": r.structure} for r in plumber] == [
        {k: v for k, v in record.items() if k != "structure_notes"} for record in want]
    assert [[note.split(":")[0] for note in r.structure_notes] for r in plumber] == [
        [note.split(":")[0] for note in record["structure_notes"]] for record in want]


def test_a_wrapped_name_in_a_bottom_aligned_cell_is_read_whole_from_the_tree() -> None:
    # Before the grammar placed such lines, the text alone glued 'Nuenen, Gerwen' to Laarbeek
    # (PDFium: Chromium's file) or left it unplaced (PDFium: Writer's file); now the text
    # reads them whole too (the tree agrees), Typst's too, whose cell lines stand further
    # apart than two rows (told by the row pitch; before, the tree's reading counted)
    said = {"chromium-wrapped-bottom": "agreed", "writer-wrapped-bottom": "agreed",
            "typst-two-pages": "agreed"}
    for name, structure in said.items():
        for engine in ENGINES:
            report, = tp.parse_pdf(FIXTURES / "tagged" / f"{name}.pdf", engine=engine)
            names = [row.municipality for row in report.rows]
            assert "Nuenen, Gerwen en Nederwetten" in names, (name, engine)
            assert "Laarbeek" in names and "Reusel-De Mierden" in names, (name, engine)
            assert (report.structure, report.issues) == (structure, ()), (name, engine)


@pytest.mark.parametrize("pdf", UNTAGGED[::4], ids=lambda p: p.stem)
def test_an_untagged_file_says_no_structure_and_no_note(pdf: Path) -> None:
    assert tagged_tables(pdf.read_bytes(), 1000) is None
    for report in tp.parse_pdf(pdf):
        assert (report.structure, report.structure_notes) == ("none", ())


def test_tables_of_the_tree_come_with_header_cells_and_the_text_of_their_marked_content(
) -> None:
    tables = tagged_tables((FIXTURES / "producers" / "chromium-tfoot-repeated.pdf")
                           .read_bytes(), 1000)
    assert tables is not None
    assert [(t.page, len(t.rows)) for t in tables] == [(1, 24), (2, 4)]
    head, first = tables[0].rows[:2]
    assert [(c.text, c.header) for c in head][:2] == [("Gemeente", True),
                                                     ("Zonder klantprofiel", True)]
    assert [c.text for c in first] == ["Achtkarspelen", "75", "388", "505", "195", "1.163"]
    assert not any(c.header for c in first)


def test_text_input_has_no_structure() -> None:
    text = (FIXTURES / "text" / "seed-west-brabant-2020q4.txt").read_text(encoding="utf-8")
    report, = tp.parse_text(text)
    assert (report.structure, report.to_dict()["structure"]) == ("none", "none")


# --- the decision, on hand-made readings -------------------------------------------------

def _region(rows: list[tuple[str, list[str]]], total: list[str]) -> RegionTable:
    return RegionTable(
        region="West-Brabant", year=2020, quarter=4, columns=None,
        rows=tuple(RawRow((name,), tuple(cells), 1, (name,)) for name, cells in rows),
        total_label="TOTAAL AMR", total_cells=tuple(total), total_line_text="TOTAAL AMR",
        footnote=None, pages=(1,))


def _report(region: RegionTable) -> tp.RegionReport:
    def count(cell: str) -> int:
        return int(cell.replace(".", ""))

    report = tp.RegionReport(
        region="West-Brabant", quarter=tp.Quarter(2020, 4), columns=["a", "b"],
        rows=[tp.MunicipalityRow(row.name_parts[0], [count(c or "0") for c in row.cells[:-1]],
                                 count(row.cells[-1] or "0"), page=1) for row in region.rows],
        total=tp.TotalRow("TOTAAL AMR", [count(c) for c in region.total_cells[:-1]],
                          count(region.total_cells[-1])),
        footnote=tp.RegisterFootnote("West-Brabant", 7, Decimal(100)), pages=[1])
    return attrs.evolve(report, issues=validate(report))


def _tree(rows: list[list[str]]) -> list[TaggedTable]:
    head = (TaggedCell("Gemeente", True), TaggedCell("a", True), TaggedCell("b", True),
            TaggedCell("Totaal", True))
    return [TaggedTable(1, (head, *(tuple(TaggedCell(t) for t in row) for row in rows)))]


RIGHT = [("Breda", ["1", "2", "3"]), ("Zundert", ["3", "1", "4"])]


def test_the_trees_figures_count_where_they_add_up_and_the_texts_do_not() -> None:
    misread = _region([("Breda", ["1", "2", "3"]), ("Zundert", ["8", "1", "4"])],
                      ["4", "3", "7"])
    tree = _tree([["Breda", "1", "2", "3"], ["Zundert", "3", "1", "4"],
                  ["TOTAAL AMR", "4", "3", "7"]])
    heard = witness(misread, _report(misread), tree, ())
    assert [row.counts for row in heard.rows] == [(1, 2), (3, 1)]
    assert (heard.structure, heard.issues) == ("differed", ())
    assert heard.structure_notes == (
        "the structure's reading counts (its figures add up, the text's do not): "
        "Zundert, a: '8' in the text, '3' in the structure",)


def test_a_tree_whose_figures_do_not_add_up_never_changes_a_right_reading() -> None:
    right = _region(RIGHT, ["4", "3", "7"])
    tree = _tree([["Breda", "2", "1", "3"], ["Zundert", "3", "1", "4"],
                  ["TOTAAL AMR", "4", "3", "7"]])
    report = _report(right)
    heard = witness(right, report, tree, ())
    assert (heard.rows, heard.issues, heard.structure) == (report.rows, (), "differed")
    assert heard.structure_notes[0].startswith(
        "the text's reading counts (its figures add up, the structure's do not)")


def test_the_same_cells_in_the_tree_agree() -> None:
    right = _region(RIGHT, ["4", "3", "7"])
    tree = _tree([["Breda", "1", "2", "3"], ["Zundert", "3", "1", "4"],
                  ["TOTAAL AMR", "4", "3", "7"]])
    heard = witness(right, _report(right), tree, ())
    assert (heard.structure, heard.structure_notes) == ("agreed", ())


def test_a_tree_row_that_is_no_row_of_a_table_is_noted_and_changes_nothing() -> None:
    right = _region(RIGHT, ["4", "3", "7"])
    tree = _tree([["Breda", "1", "2", "3"], ["Zundert", "3", "1", "4 Pagina 1"],
                  ["TOTAAL AMR", "4", "3", "7"]])
    report = _report(right)
    heard = witness(right, report, tree, ())
    assert (heard.rows, heard.structure) == (report.rows, "differed")
    assert "a row the structure holds is no row of a table: page 1: " \
           "'Zundert | 3 | 1 | 4 Pagina 1'" in heard.structure_notes[0]


def test_inspect_says_what_the_tree_said_and_nothing_for_an_untagged_file() -> None:
    from transparantie_parser._run.terminal import render_report

    _, tagged = tp.parse_pdf(FIXTURES / "tagged" / "lie-cells-swapped.pdf")
    shown = render_report(tagged, width=100)
    assert "  structure tree: differed\n  the text's reading counts (its figures add up" in shown
    assert "'160' in the text, '375' in the structure" in shown
    untagged, = tp.parse_pdf(FIXTURES / "pdf" / "a-seed-like.pdf")
    # the file's path is left out: a clone in a folder named 'structure' must pass too
    assert "structure" not in render_report(untagged, width=100).replace(untagged.source, "")


def test_actual_text_and_alt_stand_for_what_a_cell_draws() -> None:
    # Gilze en Rijen's cell points at the next row's marked content but says /ActualText;
    # Dongen's first count cell has no marked content, only /Alt (fixtures/make_tagged.py)
    tables = tagged_tables((FIXTURES / "tagged" / "actual-and-alt-text.pdf").read_bytes(), 10)
    assert tables is not None
    midden = tables[1]
    assert [c.text for c in midden.rows[1]][:2] == ["Dongen", "160"]
    assert midden.rows[2][0].text == "Gilze en Rijen"
    assert midden.rows[3][0].text == "Goirle"  # what it points at draws this


# --- a lying tree never changes a right reading (property) ----------------------------------

RIGHT_ROWS = [("Altena", ["6", "87", "93"]), ("Bergen op Zoom", ["36", "133", "169"]),
              ("Breda", ["41", "579", "620"]), ("Drimmelen", ["2", "34", "36"])]
RIGHT_TOTAL = ["85", "833", "918"]


def _lie(rows: list[list[str]], kind: int, at: int, other: int) -> list[list[str]]:
    """One of the ways trees lie, applied to the right tree's rows."""
    rows = [list(row) for row in rows]
    i, j = at % len(rows), other % len(rows)
    if kind == 0:  # two cells of a row in the wrong order
        a, b = 1 + at % 3, 1 + other % 3
        rows[i][a], rows[i][b] = rows[i][b], rows[i][a]
    elif kind == 1:  # two rows in the wrong order (a stale tree)
        rows[i], rows[j] = rows[j], rows[i]
    elif kind == 2:  # a row left out
        del rows[i]
    elif kind == 3:  # an artifact tagged into a cell
        rows[i][at % 4] += " Pagina 1"
    elif kind == 4:  # every cell shifted by one (marked-content ids off by one)
        flat = [cell for row in rows for cell in row]
        flat = flat[1:] + flat[:1]
        rows = [flat[k:k + 4] for k in range(0, len(flat), 4)]
    elif kind == 5:  # a figure of an earlier version
        rows[i][1 + at % 3] += str(other % 10)
    else:  # a municipality row given twice (a total given again is a table foot repeated)
        k = at % max(1, len(rows) - 1)
        rows.insert(k, rows[k])
    return rows


@given(lies=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 20), st.integers(0, 20)),
                     min_size=1, max_size=3))
@settings(max_examples=200, deadline=None)
def test_a_lying_tree_never_changes_a_right_reading(lies: list[tuple[int, int, int]]
                                                    ) -> None:
    right = _region(RIGHT_ROWS, RIGHT_TOTAL)
    report = _report(right)
    rows = [[name, *cells] for name, cells in RIGHT_ROWS] + [["TOTAAL AMR", *RIGHT_TOTAL]]
    for kind, at, other in lies:
        rows = _lie(rows, kind, at, other)
    heard = witness(right, report, _tree(rows), ())
    assert (heard.rows, heard.total, heard.columns, heard.issues) == (
        report.rows, report.total, report.columns, report.issues)
    assert heard.structure in ("agreed", "differed", "none")
    if heard.structure == "agreed":  # the same rows; the total line may stand anywhere
        assert [row for row in rows if row[0] != "TOTAAL AMR"] == [
            [name, *cells] for name, cells in RIGHT_ROWS]
        assert {tuple(row) for row in rows if row[0] == "TOTAAL AMR"} == {
            ("TOTAAL AMR", *RIGHT_TOTAL)}
    else:
        assert len(heard.structure_notes) == 1


def test_the_command_line_says_where_the_tree_differed_and_exits_0(tmp_path: Path) -> None:
    from .test_cli_batch import run

    pdf = FIXTURES / "tagged" / "lie-cells-swapped.pdf"
    result = run("convert", str(pdf), "-o", str(tmp_path / "out.csv"))
    assert result.returncode == 0
    assert f"{pdf}: note: Midden-Brabant 2021Q3: structure differed: the text's reading " \
           "counts (its figures add up, the structure's do not): Dongen, Zonder " \
           "klantprofiel: '160' in the text, '375' in the structure; Dongen, Klantprofiel, " \
           "niet zichtbaar voor werkgevers: '375' in the text, '160' in the structure\n" \
           in result.stderr
    assert ",Midden-Brabant,2021Q3,2021,3,Dongen,160,375,643,344,1522," \
        in (tmp_path / "out.csv").read_text(encoding="utf-8")


def test_a_header_over_two_rows_with_a_group_cell_is_one_row_of_labels() -> None:
    right = attrs.evolve(_region(RIGHT, ["4", "3", "7"]), columns=("a x", "b"))
    report = attrs.evolve(_report(right), columns=["a x", "b"])
    group = (TaggedCell("Gemeente", True, row_span=2), TaggedCell("a", True),
             TaggedCell("", True), TaggedCell("Totaal", True, row_span=2))
    second = (TaggedCell("x", True), TaggedCell("b", True))
    body = [tuple(TaggedCell(t) for t in row) for row in (
        ["Breda", "1", "2", "3"], ["Zundert", "3", "1", "4"], ["TOTAAL AMR", "4", "3", "7"])]
    heard = witness(right, report, [TaggedTable(1, (group, second, *body))], ())
    assert (heard.structure, heard.structure_notes) == ("agreed", ())


def test_a_total_line_given_again_with_other_figures_is_noted() -> None:
    right = _region(RIGHT, ["4", "3", "7"])
    tree = _tree([["Breda", "1", "2", "3"], ["TOTAAL AMR", "4", "3", "8"],
                  ["Zundert", "3", "1", "4"], ["TOTAAL AMR", "4", "3", "7"]])
    report = _report(right)
    heard = witness(right, report, tree, ())
    assert (heard.rows, heard.structure) == (report.rows, "differed")
    assert "a total line again, other: 'TOTAAL AMR | 4 | 3 | 7'" in heard.structure_notes[0]


def _unplaced(region: RegionTable, *texts: tuple[str, str]) -> RegionTable:
    from transparantie_parser._grammar import UnplacedText

    return attrs.evolve(region, unplaced=tuple(UnplacedText(t, 1, why) for t, why in texts))


# a tree that prints 'Bergen op Zoom' whole, where the text left 'Bergen op' out
_BERGEN_OP_ZOOM_TREE = _tree([["Bergen op Zoom", "1", "2", "3"], ["Zundert", "3", "1", "4"],
                              ["TOTAAL AMR", "4", "3", "7"]])


def test_a_line_left_out_between_the_rows_joins_the_name_the_tree_gives() -> None:
    from transparantie_parser._grammar.area import BODY_LINE_LEFT_OUT

    # the text read 'Zoom' as a row of its own name and left 'Bergen op' out
    region = _unplaced(_region([("Zoom", ["1", "2", "3"]), ("Zundert", ["3", "1", "4"])],
                               ["4", "3", "7"]), ("Bergen op", BODY_LINE_LEFT_OUT))
    issues = (tp.ValidationIssue("unplaced_text", f"page 1: 'Bergen op': {BODY_LINE_LEFT_OUT}"),)
    report = attrs.evolve(_report(region), issues=issues)
    heard = witness(region, report, _BERGEN_OP_ZOOM_TREE, issues)
    assert [row.municipality for row in heard.rows] == ["Bergen op Zoom", "Zundert"]
    assert (heard.issues, heard.structure) == ((), "differed")


def test_a_name_line_no_row_took_goes_with_its_error_when_the_tree_places_it() -> None:
    from transparantie_parser._assemble import unplaced_issues
    from transparantie_parser._grammar import UnplacedText
    from transparantie_parser._grammar.area import BODY_LINE_LEFT_OUT

    # 'Bergen op' above the first row, which the text read as 'Zoom': a name_line_unplaced
    # error on that row, which goes once the tree puts the line in its name (before: the
    # error stayed with the name made whole)
    left_out = UnplacedText("Bergen op", 1, BODY_LINE_LEFT_OUT, (None, 0))
    region = attrs.evolve(_region([("Zoom", ["1", "2", "3"]), ("Zundert", ["3", "1", "4"])],
                                  ["4", "3", "7"]), unplaced=(left_out,))
    issues = tuple(unplaced_issues(left_out, ["Zoom", "Zundert"], 1))
    assert [(i.code, i.row, i.severity) for i in issues] == [("name_line_unplaced", 0, "error")]
    report = attrs.evolve(_report(region), issues=issues)
    heard = witness(region, report, _BERGEN_OP_ZOOM_TREE, issues)
    assert [row.municipality for row in heard.rows] == ["Bergen op Zoom", "Zundert"]
    assert (heard.issues, heard.structure) == ((), "differed")


@pytest.mark.parametrize("text", [
    ("Pagina 2", "printed inside the table but read as no part of it"),
    ("(vervolg)", "printed on the header row where no column's label stands"),
])
def test_other_text_left_out_never_joins_a_name_the_tree_gives(text: tuple[str, str]
                                                               ) -> None:
    region = _unplaced(_region(RIGHT, ["4", "3", "7"]), text)
    issues = (tp.ValidationIssue("unplaced_text", f"page 1: {text[0]!r}: {text[1]}"),)
    report = attrs.evolve(_report(region), issues=issues)
    tree = _tree([[f"Breda {text[0]}", "1", "2", "3"], ["Zundert", "3", "1", "4"],
                  ["TOTAAL AMR", "4", "3", "7"]])
    heard = witness(region, report, tree, issues)
    assert (heard.rows, heard.issues, heard.structure) == (report.rows, issues, "differed")
    assert heard.structure_notes[0].startswith("the text's reading counts")


def test_damaged_copies_of_tagged_files_give_reports_or_our_error() -> None:
    import random

    from .fuzzing import mutate, survives

    rng = random.Random(20261205)
    originals = [pdf.read_bytes() for pdf in READ]
    tally: dict[str, int] = {}
    for number in range(40):
        _, data = mutate(originals[number % len(originals)], rng)
        outcome = survives(data, "pdfium")
        tally[outcome] = tally.get(outcome, 0) + 1
    assert sum(tally.values()) == 40
