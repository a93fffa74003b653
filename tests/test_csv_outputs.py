"""The tabular outputs share one schema: the long (tidy) CSV, the municipality CSV with its
table's issue codes, the problems list, and the table_id that joins them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import attrs

import transparantie_parser as tp
from transparantie_parser.batch import ParseOptions, find_inputs, parse_files
from transparantie_parser.problems import outcome_problems
from transparantie_parser.writers import (
    CountCsvWriter,
    CsvRowWriter,
    CsvWriter,
    JsonLinesWriter,
    ProblemCsvWriter,
)

from .conftest import FIXTURES, ROOT, SEED
from .sample_reports import FRIESLAND_ID, PROBLEMS, REPORTS, ZEELAND, ZEELAND_ID
from .test_seed import SEED_ROWS

SEED_SOURCE = "fixtures/text/seed-west-brabant-2020q4.txt"
SEED_ID = "2020Q4-west-brabant-42b14ea2"


def seed_report() -> tp.RegionReport:
    (report,) = tp.parse_text(SEED.read_text(encoding="utf-8"), source=SEED_SOURCE)
    return report


def csv_text(writer_class: type[CsvWriter], reports: list[tp.RegionReport], *,
             excel_nl: bool = False) -> str:
    stream = io.StringIO(newline="")
    writer = writer_class(stream, excel_nl=excel_nl)
    for report in reports:
        writer.write(report)
    writer.close()
    return stream.getvalue()


def test_long_csv_of_the_seed_has_a_row_per_municipality_and_count_column() -> None:
    text = csv_text(CountCsvWriter, [seed_report()])
    assert text.splitlines()[:6] == [
        "table_id,source,page,region,period,year,quarter,municipality,column_number,column,"
        "count,table_issues,row_issues,severity",
        f"{SEED_ID},{SEED_SOURCE},,West-Brabant,2020Q4,2020,4,Altena,1,column_1,6,,,",
        f"{SEED_ID},{SEED_SOURCE},,West-Brabant,2020Q4,2020,4,Altena,2,column_2,87,,,",
        f"{SEED_ID},{SEED_SOURCE},,West-Brabant,2020Q4,2020,4,Altena,3,column_3,133,,,",
        f"{SEED_ID},{SEED_SOURCE},,West-Brabant,2020Q4,2020,4,Altena,4,column_4,76,,,",
        f"{SEED_ID},{SEED_SOURCE},,West-Brabant,2020Q4,2020,4,Bergen op Zoom,1,column_1,36,,,",
    ]
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1:] == [
        [SEED_ID, SEED_SOURCE, "", "West-Brabant", "2020Q4", "2020", "4", name, str(j + 1),
         f"column_{j + 1}", str(count), "", "", ""]
        for name, counts, _total in SEED_ROWS for j, count in enumerate(counts)]
    assert len(rows) == 1 + 14 * 4


def test_long_csv_names_each_count_by_its_printed_label() -> None:
    (utrecht, _zeeland) = tp.parse_pdf(FIXTURES / "pdf" / "b-header-wrapped.pdf")
    rows = list(csv.reader(io.StringIO(csv_text(CountCsvWriter, [utrecht]))))
    assert [row[7:11] for row in rows[1:5]] == [
        ["Bunnik", "1", "Zonder klantprofiel", "57"],
        ["Bunnik", "2", "Klantprofiel, niet zichtbaar", "181"],
        ["Bunnik", "3", "Zichtbaar voor werkgevers", "550"],
        ["Bunnik", "4", "Zichtbaar en actueel", "194"]]


def test_long_counts_add_up_to_the_wide_totals_of_a_clean_table() -> None:
    report = seed_report()
    rows = list(csv.DictReader(io.StringIO(csv_text(CountCsvWriter, [report]))))
    sums: dict[str, int] = {}
    for row in rows:
        sums[row["municipality"]] = sums.get(row["municipality"], 0) + int(row["count"])
    assert sums == {row.municipality: row.total for row in report.rows}


def test_every_municipality_row_carries_its_tables_issue_codes_and_its_own() -> None:
    # Goes does not add up; the row totals' column fails with it, which puts no other row
    # in doubt: Vlissingen's row and every count column add up
    assert csv_text(CsvRowWriter, REPORTS).splitlines() == [
        "table_id,source,page,region,period,year,quarter,municipality,count_1,count_2,count_3,"
        "count_4,total,table_issues,row_issues,severity",
        f"{FRIESLAND_ID},archief/friesland.pdf,3,Friesland,2021Q2,2021,2,Súdwest-Fryslân,"
        "10,20,30,40,100,,,",
        f"{FRIESLAND_ID},archief/friesland.pdf,3,Friesland,2021Q2,2021,2,'=1+1,1,2,3,4,10,,,",
        f"{ZEELAND_ID},archief/zeeland.pdf,1,Zeeland,2020Q4,2020,4,Goes,1,2,3,4,11,"
        "row_sum_mismatch column_sum_mismatch,row_sum_mismatch,error",
        f"{ZEELAND_ID},archief/zeeland.pdf,2,Zeeland,2020Q4,2020,4,Vlissingen,5,5,5,5,20,"
        "row_sum_mismatch column_sum_mismatch,,",
    ]


def test_issue_codes_are_listed_once_each_in_the_order_found() -> None:
    twice = attrs.evolve(ZEELAND, issues=[*ZEELAND.issues, *ZEELAND.issues])
    assert twice.issue_codes == ("row_sum_mismatch", "column_sum_mismatch")


def test_problems_csv_lists_failed_files_and_table_issues() -> None:
    stream = io.StringIO(newline="")
    writer = ProblemCsvWriter(stream)
    for report in REPORTS:
        writer.write(report)  # tables bring nothing of their own: their problems do
    for problem in PROBLEMS:
        writer.write_problem(problem)
    writer.close()
    assert stream.getvalue().split("\r\n") == [
        "source,page,table_id,region,period,code,message,municipality,column,severity",
        "archief/kapot.pdf,,,,,damaged,is damaged: no end-of-file marker (%%EOF) in its last "
        "1024 bytes,,,error",
        f"archief/zeeland.pdf,1,{ZEELAND_ID},Zeeland,2020Q4,row_sum_mismatch,"
        '"Goes: the counts 1 + 2 + 3 + 4 sum to 10, but the row total is 11",Goes,,error',
        f"archief/zeeland.pdf,2,{ZEELAND_ID},Zeeland,2020Q4,column_sum_mismatch,"
        '"column \'total\': the row totals sum to 31, but TOTAAL AMR has 30",,total,error',
        "",
    ]


def test_problems_of_a_batch_name_the_page_where_to_look() -> None:
    paths = [str(FIXTURES / "broken" / "empty.pdf"),
             str(FIXTURES / "issues" / "row-total-and-coverage.pdf"),
             str(FIXTURES / "pdf" / "a-seed-like.pdf")]
    for strict in (False, True):
        outcomes = list(parse_files(find_inputs(paths), ParseOptions(strict=strict), jobs=1))
        problems = [p for outcome in outcomes for p in outcome_problems(outcome)]
        assert [(p.source, p.page, p.code, p.municipality, p.column) for p in problems] == [
            (paths[0], None, "not_pdf", None, None),
            (paths[1], 1, "row_sum_mismatch", "Houten", None),
            (paths[1], 1, "column_sum_mismatch", None, "total"),
            (paths[1], 1, "coverage_mismatch", None, None)], strict
        (report,) = outcomes[1].rejected if strict else outcomes[1].reports
        assert {p.table_id for p in problems[1:]} == {report.table_id}
        assert problems[3].message == (
            "the footnote says 78% of the register of 82.193 is known in Sonar, but the "
            "grand total 60.001 is 73,00% of it (rounds to 73%)")


def test_a_csv_row_is_the_json_row_flattened() -> None:
    stream = io.StringIO()
    JsonLinesWriter(stream).write(ZEELAND)
    record = json.loads(stream.getvalue())
    table = {k: v for k, v in record.items() if k in ("table_id", "source", "region", "period",
                                                       "year", "quarter")}
    flattened = []
    for row in record["rows"]:
        counts = {f"count_{j + 1}": c for j, c in enumerate(row["counts"])}
        flattened.append({**table, "page": row["page"], "municipality": row["municipality"],
                          **counts, "total": row["total"],
                          "table_issues": " ".join(row["table_issues"]),
                          "row_issues": " ".join(row["row_issues"]),
                          "severity": row["severity"] or ""})
    rows = list(csv.DictReader(io.StringIO(csv_text(CsvRowWriter, [ZEELAND]))))
    assert rows == [{k: str(row[k]) for k in rows[0]} for row in flattened]
    assert record["rows"][0]["table_issues"] == ["row_sum_mismatch", "column_sum_mismatch"]
    assert [(row["row_issues"], row["severity"]) for row in record["rows"]] == [
        (["row_sum_mismatch"], "error"), ([], None)]
    assert [issue["severity"] for issue in record["issues"]] == ["error", "error"]
    assert record["severity"] == "error"
    assert record["computed_pct"] == 75


def test_table_id_is_the_same_in_every_process() -> None:
    code = ("import transparantie_parser as tp, pathlib; "
            f"print(tp.parse_text(pathlib.Path({str(SEED)!r}).read_text(), "
            f"source={SEED_SOURCE!r})[0].table_id)")
    for seed in ("1", "2"):
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                env={**os.environ, "PYTHONHASHSEED": seed}, timeout=60)
        assert result.stdout.strip() == SEED_ID, result.stderr


def test_table_id_differs_with_source_pages_and_region() -> None:
    report = seed_report()
    ids = {report.table_id,
           attrs.evolve(report, source="other/seed.txt").table_id,
           attrs.evolve(report, pages=[2]).table_id,
           attrs.evolve(report, region="Zeeland").table_id}
    assert len(ids) == 4
    assert attrs.evolve(report, region="Súdwest Fryslân").table_id.startswith(
        "2020Q4-sudwest-fryslan-")


def test_core_library_imports_neither_pandas_nor_xlsxwriter() -> None:
    code = ("import sys, transparantie_parser as tp, transparantie_parser.writers, "
            "transparantie_parser.cli; "
            f"tp.parse_pdf({str(FIXTURES / 'pdf' / 'a-seed-like.pdf')!r}); "
            "print(sorted(m for m in ('pandas', 'numpy', 'xlsxwriter', 'openpyxl') "
            "if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, timeout=120)
    assert result.stdout.strip() == "[]", result.stderr


def test_problem_list_hands_out_problems_in_input_order_whenever_they_are_found() -> None:
    from transparantie_parser.batch import FileOutcome
    from transparantie_parser.problems import ProblemList

    found = ProblemList()
    found.add_outcome(FileOutcome("archief/zeeland.pdf", reports=(ZEELAND,)))
    found.add_outcome(FileOutcome("archief/kapot.pdf", error_code="damaged",
                                  error_message="is damaged"))
    found.add_table(ZEELAND)  # settled after every file was read
    assert [(p.source, p.code) for p in found] == [
        ("archief/zeeland.pdf", "row_sum_mismatch"),
        ("archief/zeeland.pdf", "column_sum_mismatch"),
        ("archief/kapot.pdf", "damaged")]
