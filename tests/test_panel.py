"""The archive as a panel (issue 21): ``fixtures/archive`` holds three regions over seven
quarters with one of each finding planted (``fixtures/make_archive.py``), a conflict and a
copy; the panel shows each figure in its cell, leaves the rest empty, and finds exactly what
was planted."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from fixtures.make_archive import ARCHIVE, table
from fixtures.regions import SEED
from hypothesis import given
from hypothesis import strategies as st

import transparantie_parser as tp
from transparantie_parser.batch import FileOutcome, find_inputs, parse_files
from transparantie_parser.panels import (
    JUMP_MIN_CHANGE,
    JUMP_MIN_RATIO,
    Panel,
    PanelRow,
    is_jump,
)

from .conftest import FIXTURES
from .fixture_files import comparable, expected, pdfs
from .test_cli_batch import run

ARCHIVE_DIR = FIXTURES / "archive"
PERIODS = ("2019Q3", "2019Q4", "2020Q1", "2020Q2", "2020Q3", "2020Q4", "2021Q1")
QUARTERS = [(2019, 3), (2019, 4), (2020, 1), (2020, 2), (2020, 3), (2020, 4), (2021, 1)]
ENGINES: tuple[tp.Engine, ...] = ("pdfium", "pdfplumber")


@pytest.fixture(scope="module")
def outcomes() -> list[FileOutcome]:
    return list(parse_files(find_inputs([ARCHIVE_DIR]), jobs=2))


@pytest.fixture(scope="module")
def panel(outcomes: list[FileOutcome]) -> Panel:
    return tp.panel(outcomes)


def row(result: Panel, region: str, municipality: str, measure: str) -> PanelRow:
    (found,) = [r for r in result.rows
                if (r.region, r.municipality, r.measure) == (region, municipality, measure)]
    return found


def totals(region: str, name: str, skip: tuple[str, ...] = ()) -> tuple[int | None, ...]:
    """A municipality's row totals by quarter, from the ground truth of make_archive."""
    values: list[int | None] = []
    for (year, quarter), period in zip(QUARTERS, PERIODS, strict=True):
        data = table(region, year, quarter)
        found = None if data is None or period in skip else next(
            (total for n, _counts, total in data.rows if n == name), None)
        values.append(found)
    return tuple(values)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("pdf", pdfs("archive"), ids=lambda p: p.name)
def test_the_archive_fixtures_read_as_their_expected_records(pdf: Path, engine: tp.Engine
                                                             ) -> None:
    assert [comparable(r.to_dict()) for r in tp.parse_pdf(pdf, engine=engine)] == expected(pdf)


def test_the_fixture_archive_is_the_files_its_script_makes() -> None:
    assert sorted(p.name for p in pdfs("archive")) == sorted(ARCHIVE)


def test_the_panel_has_a_column_per_period_and_a_row_per_region_municipality_and_measure(
        panel: Panel) -> None:
    assert panel.periods == PERIODS
    assert panel.regions == ("Noord-Limburg", "West-Brabant", "Zeeland")
    west = [r for r in panel.rows if r.region == "West-Brabant"]
    names = list(dict.fromkeys(r.municipality for r in west))
    # every name ever printed, in order; the totals line and the region's own rows last
    assert names == ["Aalburg", "Altena", "Bergen op Zoom", "Breda", "Drimmelen",
                     "Etten-Leur", "Geertruidenberg", "Halderberge", "Moerdijk", "Oosterhout",
                     "Roosendaal", "Rucphen", "Steenbergen", "Werkendam", "Woensdrecht",
                     "Woudrichem", "Zundert", "TOTAAL AMR", ""]
    assert [r.measure for r in west if r.municipality == "Breda"] == [
        "column_1", "column_2", "column_3", "column_4", "total"]
    assert [r.measure for r in west if r.municipality == ""] == ["register_total",
                                                                 "known_pct"]
    assert len(panel.rows) == 248


def test_each_cell_holds_the_printed_figure_and_none_where_the_archive_has_none(
        panel: Panel) -> None:
    assert row(panel, "West-Brabant", "Breda", "column_2").values[5] == 579  # the seed
    assert row(panel, "West-Brabant", "Breda", "total").values == totals(
        "West-Brabant", "Breda", skip=("2020Q2",))  # the conflict: left empty
    assert row(panel, "West-Brabant", "Altena", "total").values[:3] == (
        None, None, totals("West-Brabant", "Altena")[2])
    assert row(panel, "West-Brabant", "Aalburg", "total").values[2:] == (None,) * 5
    assert row(panel, "Noord-Limburg", "Venlo", "total").values == totals(
        "Noord-Limburg", "Venlo")
    assert row(panel, "Noord-Limburg", "Venlo", "total").values[3] is None  # the gap
    assert row(panel, "West-Brabant", "TOTAAL AMR", "total").values[5] == 5026
    assert row(panel, "West-Brabant", "", "register_total").values[5] == 7124
    assert row(panel, "West-Brabant", "", "known_pct").values[5] == Decimal(71)


def test_relabelled_columns_stay_separate_measures_side_by_side(panel: Panel) -> None:
    zeeland = [r.measure for r in panel.rows
               if (r.region, r.municipality) == ("Zeeland", "Goes")]
    assert zeeland == ["Zonder profiel", "Zonder klantprofiel", "Profiel niet-zichtbaar",
                       "Klantprofiel, niet zichtbaar", "Zichtbaar, niet-actueel",
                       "Zichtbaar voor werkgevers", "Zichtbaar en actueel", "total"]
    before = row(panel, "Zeeland", "Goes", "Zonder profiel").values
    after = row(panel, "Zeeland", "Goes", "Zonder klantprofiel").values
    assert before[4:] == (None,) * 3 and None not in before[:4]
    assert after[:4] == (None,) * 4 and None not in after[4:]
    assert None not in row(panel, "Zeeland", "Goes", "Zichtbaar en actueel").values


def test_exactly_the_planted_findings_are_found(panel: Panel) -> None:
    assert [(f.code, f.region, f.period, f.municipality) for f in panel.findings] == [
        ("gap", "Noord-Limburg", "2020Q2", None),
        ("membership_change", "West-Brabant", "2020Q1", "Aalburg"),
        ("membership_change", "West-Brabant", "2020Q1", "Altena"),
        ("membership_change", "West-Brabant", "2020Q1", "Werkendam"),
        ("membership_change", "West-Brabant", "2020Q1", "Woudrichem"),
        ("label_change", "Zeeland", "2020Q3", None),
        ("jump", "Zeeland", "2021Q1", "Goes"),
        ("jump", "Zeeland", "2021Q1", "Kapelle")]
    assert panel.conflicts == (("West-Brabant", "2020Q2"),)
    said = {f.code: str(f) for f in panel.findings}
    assert said == {
        "gap": "Noord-Limburg 2020Q2: gap: no table of Noord-Limburg for 2020Q2 in the "
               "archive, between its first period 2019Q3 and its last 2021Q1",
        "membership_change": "West-Brabant 2020Q1: membership_change: Woudrichem is printed "
                             "in West-Brabant's table of 2019Q4, not in that of 2020Q1 (a "
                             "merger, a boundary change or a misread name)",
        "label_change": "Zeeland 2020Q3: label_change: Zeeland's column labels differ from "
                        "2020Q2: column 1 'Zonder profiel' is now 'Zonder klantprofiel'; "
                        "column 2 'Profiel niet-zichtbaar' is now 'Klantprofiel, niet "
                        "zichtbaar'; column 3 'Zichtbaar, niet-actueel' is now 'Zichtbaar "
                        "voor werkgevers'; each label is its own measure (not merged)",
        "jump": "Zeeland 2021Q1: jump: Kapelle's total is 1.945 in 2021Q1, 572 in 2020Q4: "
                "more than 25 persons and 25% apart (figures printed against another "
                "name?)"}


@given(st.integers(0, 100_000), st.integers(-2, 2), st.fractions("-1/10", "1/10"))
def test_ordinary_movement_is_no_jump(before: int, small: int, share: Fraction) -> None:
    # +-2 on any count, and a tenth either way (an ordinary quarter moves a few percent)
    assert not is_jump(before, max(0, before + small))
    assert not is_jump(before, before + int(before * share))


def test_a_municipality_printed_with_another_ones_figures_is_a_jump() -> None:
    # every pair of West-Brabant's municipalities at least twice apart and above the
    # absolute threshold, swapped: both rows jump
    rows = {name: total for name, _counts, total in SEED.rows}
    pairs = [(a, b) for a in rows for b in rows
             if rows[b] >= 2 * rows[a] and rows[b] - rows[a] > JUMP_MIN_CHANGE]
    assert len(pairs) > 40
    assert all(is_jump(rows[a], rows[b]) and is_jump(rows[b], rows[a]) for a, b in pairs)
    assert JUMP_MIN_RATIO < 1  # a share twice or half the size always crosses it


def test_two_columns_printed_with_one_label_stay_two_measures() -> None:
    import attrs

    (seed,) = tp.parse_text((FIXTURES / "text" / "seed-west-brabant-2020q4.txt")
                            .read_text(encoding="utf-8"))
    twice = attrs.evolve(seed, columns=("Profiel", "Profiel", "Zichtbaar", "Actueel"))
    result = tp.panel([twice])
    assert [(r.measure, r.values) for r in result.rows if r.municipality == "Breda"] == [
        ("Profiel (column 1)", (41,)), ("Profiel (column 2)", (579,)), ("Zichtbaar", (767,)),
        ("Actueel", (248,)), ("total", (1635,))]


def test_a_single_quarter_is_a_one_period_panel_without_findings() -> None:
    result = tp.panel(tp.parse_text((FIXTURES / "text" / "seed-west-brabant-2020q4.txt")
                                    .read_text(encoding="utf-8")))
    assert (result.periods, result.findings, result.conflicts) == (("2020Q4",), (), ())
    assert row(result, "West-Brabant", "Breda", "total").values == (1635,)


def test_tp_panel_keeps_a_copy_once_and_leaves_a_conflict_empty(
        outcomes: list[FileOutcome]) -> None:
    reports = [r for o in outcomes for r in o.reports]
    assert len(reports) == 22  # the copy and the corrected table among them
    assert tp.panel(reports) == tp.panel(outcomes)


# --- the command ----------------------------------------------------------------------------

def test_panel_command_writes_the_csv_and_lists_findings_and_problems(tmp_path: Path) -> None:
    out, problems = tmp_path / "panel.csv", tmp_path / "problemen.csv"
    result = run("panel", str(ARCHIVE_DIR), "-o", str(out), "--problems", str(problems))
    assert result.returncode == 1  # the conflict is a validation issue; findings are not
    with out.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["region", "municipality", "measure", *PERIODS]
    assert ["West-Brabant", "Breda", "total", *[str(v) if v else "" for v in totals(
        "West-Brabant", "Breda", skip=("2020Q2",))]] in lines
    known = next(line for line in lines if line[:3] == ["West-Brabant", "", "known_pct"])
    assert (known[3 + 3], known[3 + 5]) == ("", "71")  # 2020Q2 (the conflict), 2020Q4
    stderr = result.stderr.splitlines()
    assert stderr[-2].endswith("; panel of 3 regions over 7 periods, 248 row(s); 8 findings "
                               "between quarters")
    assert sum(": jump: " in line for line in stderr) == 2
    assert any(line.endswith("; left empty in the panel") for line in stderr)
    with problems.open(encoding="utf-8", newline="") as handle:
        codes = [r["code"] for r in csv.DictReader(handle)]
    assert codes == ["conflict", "duplicate", "conflict", "gap", *["membership_change"] * 4,
                     "label_change", "jump", "jump"]


def test_panel_command_quiet_prints_no_findings(tmp_path: Path) -> None:
    result = run("panel", str(ARCHIVE_DIR), "-o", str(tmp_path / "p.csv"), "-q")
    assert [line.split(": ")[1] for line in result.stderr.splitlines()] == ["conflict"]


def test_panel_command_of_one_quarter_says_there_are_no_findings(tmp_path: Path) -> None:
    seed = FIXTURES / "text" / "seed-west-brabant-2020q4.txt"
    result = run("panel", str(seed), "-o", "-")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "region,municipality,measure,2020Q4"
    assert result.stderr.splitlines()[0].endswith(
        "; panel of 1 region over 1 period, 77 row(s); no findings between quarters")


def test_panel_command_without_a_readable_table_is_a_clear_error(tmp_path: Path) -> None:
    broken = FIXTURES / "broken" / "empty.pdf"
    out = tmp_path / "panel.csv"
    result = run("panel", str(broken), "-o", str(out))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "transparantie-parser: error: no readable table in the 1 input: no panel was written")
    assert not out.exists()


def test_panel_command_refuses_other_formats(tmp_path: Path) -> None:
    result = run("panel", str(ARCHIVE_DIR), "-o", str(tmp_path / "p.json"))
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == (
        "transparantie-parser: error: panel writes CSV or an Excel workbook, not json: name "
        "a .csv or .xlsx file")


# --- the workbook ---------------------------------------------------------------------------

def test_panel_workbook_has_numbers_findings_and_a_line_chart_per_region(
        tmp_path: Path, panel: Panel) -> None:
    import openpyxl

    out = tmp_path / "panel.xlsx"
    result = run("panel", str(ARCHIVE_DIR), "-o", str(out), "-q")
    assert result.returncode == 1, result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["panel", "findings", "shares", "charts"]
    sheet = list(book["panel"].iter_rows(values_only=True))
    assert sheet[0] == ("region", "municipality", "measure", *PERIODS)
    breda = next(r for r in sheet if r[:3] == ("West-Brabant", "Breda", "total"))
    assert breda[3:] == totals("West-Brabant", "Breda", skip=("2020Q2",))
    assert all(isinstance(v, int) for v in breda[3:] if v is not None)
    known = next(r for r in sheet if r[:3] == ("West-Brabant", None, "known_pct"))
    assert known[8] == 0.71
    assert [r[5] for r in book["findings"].iter_rows(min_row=2, values_only=True)] == [
        f.code for f in panel.findings]
    with zipfile.ZipFile(out) as archive:
        charts = sorted(n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+.xml",
                                                                       n))
        xml = {n: archive.read(n).decode("utf-8") for n in charts}
    assert len(charts) == 3
    shares = list(book["shares"].iter_rows(values_only=True))
    for n, region in enumerate(panel.regions):
        text = xml[f"xl/charts/chart{n + 1}.xml"]
        assert f"{region}: share of the total by column" in text
        lines = [i for i, r in enumerate(shares, start=1) if r[0] == region]
        refs = re.findall(r"<c:f>([^<]+)</c:f>", text)
        values = [f"shares!$C${i}:$I${i}" for i in lines]
        assert [ref for ref in refs if ref in values] == values  # each line, in order
        assert "shares!$C$1:$I$1" in refs  # the periods along the axis
    # the shares are the TOTAAL AMR line's columns over its total, and known_pct
    west = {r[1]: r[2:] for r in shares if r[0] == "West-Brabant"}
    assert west["column_2"][5] == pytest.approx(1491 / 5026)
    assert west["column_2"][3] is None  # the conflict
    assert west["known_pct"][5] == pytest.approx(0.71)


# --- pandas -----------------------------------------------------------------------------------

def test_read_archive_panel_is_int64_by_quarterly_period_with_findings_in_problems() -> None:
    import pandas as pd

    frames = tp.read_archive([ARCHIVE_DIR], jobs=2)
    frame = frames.panel
    assert list(frame.index.names) == ["region", "municipality", "measure"]
    assert list(frame.columns) == [pd.Period(p, freq="Q") for p in PERIODS]
    assert set(frame.dtypes) == {pd.Int64Dtype()}
    assert frame.loc[("West-Brabant", "Breda", "total"), pd.Period("2020Q4", freq="Q")] == 1635
    assert frame.loc[("West-Brabant", "Breda", "total"), pd.Period("2020Q2", freq="Q")] \
        is pd.NA
    codes = frames.problems["code"].tolist()
    assert codes[-8:] == ["gap", *["membership_change"] * 4, "label_change", "jump", "jump"]


def test_panel_csv_for_dutch_excel_writes_decimal_commas() -> None:
    from transparantie_parser.panels import write_panel_csv

    result = Panel(("2020Q4",), (PanelRow("Zeeland", "", "known_pct", (Decimal("70.5"),)),),
                   ())
    stream = io.StringIO()
    write_panel_csv(stream, result, excel_nl=True)
    assert stream.getvalue() == ("\ufeffregion;municipality;measure;2020Q4\r\n"
                                 "Zeeland;;known_pct;70,5\r\n")


def test_findings_and_copies_left_out_have_severities_in_the_problems_list() -> None:
    from transparantie_parser.problems import problem_severity

    assert [problem_severity(code) for code in
            ("duplicate", "membership_change", "label_change", "gap", "jump")] == [
        "note", "note", "note", "note", "error"]
