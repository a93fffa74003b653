"""pandas data frames from the library: the columns of the CSV files with proper dtypes, and
one call that reads a whole archive."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest

import transparantie_parser as tp

from .conftest import FIXTURES
from .sample_reports import FRIESLAND_ID, PROBLEMS, REPORTS, ZEELAND_ID

TABLE_DTYPES = {"table_id": "string", "source": "string", "page": "Int64",
                "region": "category", "period": "period[Q-DEC]", "year": "int64",
                "quarter": "int64"}


def dtypes(frame: pd.DataFrame) -> dict[str, str]:
    return {str(name): str(dtype) for name, dtype in frame.dtypes.items()}


@pytest.fixture(scope="module")
def frames() -> tp.Frames:
    return tp.to_frames(REPORTS, PROBLEMS)


def test_municipality_frame_dtypes(frames: tp.Frames) -> None:
    assert dtypes(frames.municipalities) == {
        **TABLE_DTYPES, "municipality": "string", "count_1": "Int64", "count_2": "Int64",
        "count_3": "Int64", "count_4": "Int64", "total": "int64", "table_issues": "string",
        "row_issues": "string", "severity": "string"}


def test_counts_frame_dtypes(frames: tp.Frames) -> None:
    assert dtypes(frames.counts) == {
        **TABLE_DTYPES, "municipality": "string", "column_number": "int64", "column": "string",
        "count": "int64", "table_issues": "string", "row_issues": "string",
        "severity": "string"}


def test_region_frame_dtypes(frames: tp.Frames) -> None:
    assert dtypes(frames.regions) == {
        "table_id": "string", "source": "string", "pages": "string", "region": "category",
        "period": "period[Q-DEC]", "year": "int64", "quarter": "int64",
        "label_1": "string", "label_2": "string", "label_3": "string", "label_4": "string",
        "total_label": "string", "total_count_1": "Int64", "total_count_2": "Int64",
        "total_count_3": "Int64", "total_count_4": "Int64", "grand_total": "int64",
        "register_total": "Int64", "known_pct": "Float64", "computed_pct": "Float64",
        "issues": "string", "reading": "category", "repaired": "int64",
        "severity": "string",
        "structure": "category", "structure_notes": "string"}


def test_problem_frame_dtypes(frames: tp.Frames) -> None:
    assert dtypes(frames.problems) == {
        "source": "string", "page": "Int64", "table_id": "string", "region": "category",
        "period": "period[Q-DEC]", "code": "string", "message": "string",
        "municipality": "string", "column": "string", "severity": "string"}


def test_municipality_frame_values(frames: tp.Frames) -> None:
    table = frames.municipalities
    assert table["table_id"].tolist() == [FRIESLAND_ID, FRIESLAND_ID, ZEELAND_ID, ZEELAND_ID]
    assert table["municipality"].tolist() == ["Súdwest-Fryslân", "=1+1", "Goes", "Vlissingen"]
    assert table["period"].tolist() == [pd.Period("2021Q2", "Q")] * 2 + [
        pd.Period("2020Q4", "Q")] * 2
    assert table["page"].tolist() == [3, 3, 1, 2]
    assert table["count_4"].tolist() == [40, 4, 4, 5]
    assert table["table_issues"].tolist() == ["", "", "row_sum_mismatch column_sum_mismatch",
                                              "row_sum_mismatch column_sum_mismatch"]
    assert list(table["region"].cat.categories) == ["Friesland", "Zeeland"]


def test_region_frame_values(frames: tp.Frames) -> None:
    table = frames.regions
    assert table[["grand_total", "register_total", "known_pct", "computed_pct"]].to_dict(
        "records") == [
        {"grand_total": 110, "register_total": 160, "known_pct": 68.8, "computed_pct": 68.75},
        {"grand_total": 30, "register_total": 40, "known_pct": 75.0, "computed_pct": 75.0}]


def test_failed_file_has_missing_values_not_strings(frames: tp.Frames) -> None:
    failed = frames.problems.iloc[0]
    assert failed["code"] == "damaged"
    assert failed["page"] is pd.NA and failed["table_id"] is pd.NA
    assert pd.isna(failed["period"]) and pd.isna(failed["region"])


def test_frames_join_on_table_id(frames: tp.Frames) -> None:
    joined = frames.municipalities.merge(
        frames.regions[["table_id", "register_total", "known_pct"]], on="table_id")
    assert joined[["municipality", "register_total"]].values.tolist() == [
        ["Súdwest-Fryslân", 160], ["=1+1", 160], ["Goes", 40], ["Vlissingen", 40]]
    issues = frames.problems.merge(frames.regions[["table_id", "grand_total"]], on="table_id")
    assert issues["grand_total"].tolist() == [30, 30]


def test_problems_default_to_the_reports_issues() -> None:
    frames = tp.to_frames(REPORTS)
    assert frames.problems["code"].tolist() == ["row_sum_mismatch", "column_sum_mismatch"]


def test_no_reports_give_empty_frames_with_the_same_dtypes() -> None:
    frames = tp.to_frames([])
    assert len(frames.municipalities) == 0
    assert dtypes(frames.municipalities)["period"] == "period[Q-DEC]"
    assert dtypes(frames.regions)["register_total"] == "Int64"
    assert dtypes(frames.problems)["page"] == "Int64"


def test_text_input_rows_have_no_page_and_a_table_without_footnote_no_register() -> None:
    seed = (FIXTURES / "text" / "seed-west-brabant-2020q4.txt").read_text(encoding="utf-8")
    no_footnote = tp.parse_pdf(FIXTURES / "issues" / "footnote-missing.pdf")
    frames = tp.to_frames([*tp.parse_text(seed), *no_footnote])
    assert frames.municipalities["page"].isna().tolist() == (
        [True] * 14 + [False] * len(no_footnote[0].rows))
    assert frames.regions["register_total"].tolist() == [7124, pd.NA]


def test_read_archive_reads_a_folder_with_workers_and_lists_failures(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "pdf" / "a-seed-like.pdf", tmp_path / "a.pdf")
    shutil.copy(FIXTURES / "issues" / "row-total-and-coverage.pdf", tmp_path / "b.pdf")
    shutil.copy(FIXTURES / "broken" / "empty.pdf", tmp_path / "c.pdf")
    frames = tp.read_archive([tmp_path], jobs=2)
    assert frames.regions["source"].tolist() == [str(tmp_path / "a.pdf"),
                                                  str(tmp_path / "b.pdf")]
    assert frames.regions["region"].tolist() == ["West-Brabant", "Midden-Utrecht"]
    assert len(frames.municipalities) == 14 + 14
    assert frames.problems[["source", "code"]].values.tolist() == [
        [str(tmp_path / "b.pdf"), "row_sum_mismatch"],
        [str(tmp_path / "b.pdf"), "column_sum_mismatch"],
        [str(tmp_path / "b.pdf"), "coverage_mismatch"],
        [str(tmp_path / "c.pdf"), "not_pdf"]]


def test_without_pandas_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed
    with pytest.raises(tp.MissingExtraError) as caught:
        tp.to_frames(REPORTS)
    assert str(caught.value) == (
        "transparantie_parser.frames (pandas data frames) needs pandas, which is not "
        "installed: add the 'pandas' extra (pip install -e '.[pandas]' in the project "
        f"folder) or install it alone ({sys.executable} -m pip install pandas)")
    with pytest.raises(tp.MissingExtraError):
        tp.read_archive(["nothing-is-read.pdf"])


def test_read_archive_keeps_a_table_once_and_flags_conflicting_copies(tmp_path: Path) -> None:
    from .pages import Table, render

    seed = (FIXTURES / "text" / "seed-west-brabant-2020q4.txt").read_text(encoding="utf-8")
    (tmp_path / "a-seed.txt").write_text(seed, encoding="utf-8")
    (tmp_path / "b-same-figures.txt").write_text(seed, encoding="utf-8")
    for name, goes in (("c-zeeland.txt", [1, 2, 3, 4]), ("d-zeeland-corrected.txt", [1, 2, 3, 5])):
        table = Table.consistent("Zeeland", 2021, 1, [("Goes", goes)], 40)
        (tmp_path / name).write_text(render(table), encoding="utf-8")
    names = ["a-seed.txt", "a-seed.txt", "b-same-figures.txt", "c-zeeland.txt",
             "d-zeeland-corrected.txt"]
    frames = tp.read_archive([tmp_path / name for name in names], jobs=1)
    assert frames.regions["source"].tolist() == [
        str(tmp_path / "a-seed.txt"), str(tmp_path / "c-zeeland.txt"),
        str(tmp_path / "d-zeeland-corrected.txt")]
    assert frames.regions["issues"].tolist() == ["", "conflict", "conflict"]
    assert frames.problems[["source", "code"]].values.tolist() == [
        [str(tmp_path / "b-same-figures.txt"), "duplicate"],  # issue 23: copies are listed
        [str(tmp_path / "c-zeeland.txt"), "conflict"],
        [str(tmp_path / "d-zeeland-corrected.txt"), "conflict"]]
    everything = tp.read_archive([tmp_path / name for name in names], keep_duplicates=True)
    # every copy, but one path named twice is still one file
    assert everything.regions["source"].tolist() == [
        str(tmp_path / name) for name in names[1:]]


def test_the_rows_to_trust_are_one_filter_on_severity(frames: tp.Frames) -> None:
    table = frames.municipalities
    assert table["row_issues"].tolist() == ["", "", "row_sum_mismatch", ""]
    assert table["severity"].tolist() == ["", "", "error", ""]
    trusted = table[table["severity"] != "error"]
    assert trusted["municipality"].tolist() == ["Súdwest-Fryslân", "=1+1", "Vlissingen"]
    assert frames.regions["severity"].tolist() == ["", "error"]
    assert frames.problems["severity"].tolist() == ["error", "error", "error"]


def test_a_table_with_only_notes_keeps_every_row_in_the_filter() -> None:
    (friesland,) = tp.parse_pdf(FIXTURES / "producers" / "calc-blank-zeros.pdf")
    frames = tp.to_frames([friesland])
    table = frames.municipalities
    assert len(table[table["severity"] != "error"]) == len(friesland.rows) == 18
    noted = table[table["severity"] == "note"]
    assert noted["municipality"].tolist() == ["Ameland", "Schiermonnikoog", "Terschelling",
                                              "Vlieland"]
    assert set(noted["row_issues"]) == {"blank_as_zero"}
    assert frames.problems["severity"].tolist() == ["note"] * 5


def test_read_archive_of_a_path_that_names_nothing_raises_naming_it(tmp_path: Path) -> None:
    seed = str(FIXTURES / "pdf" / "a-seed-like.pdf")
    with pytest.raises(tp.TransparantieError) as caught:
        tp.read_archive([seed, "archve/"])
    assert (caught.value.code, caught.value.source) == ("not_found", "archve/")
    assert str(caught.value) == "archve/: no such file or folder; nothing was read"
    (tmp_path / "leeg").mkdir()
    with pytest.raises(tp.TransparantieError) as caught:
        tp.read_archive([tmp_path / "leeg", tmp_path / "weg.pdf"])
    assert caught.value.code == "no_input"
    assert str(caught.value).startswith(f"{tmp_path / 'leeg'}: ")
    assert f"; {tmp_path / 'weg.pdf'}: no such file or folder; nothing was read" in str(
        caught.value)


ONE_PDF = [FIXTURES / "pdf" / "a-seed-like.pdf"]


def test_read_archive_shows_no_progress_in_a_script_unless_asked(
    capfd: pytest.CaptureFixture[str],
) -> None:
    tp.read_archive(ONE_PDF, jobs=1)  # standard error is no terminal here
    tp.read_archive(ONE_PDF, jobs=1, progress=False)
    assert capfd.readouterr().err == ""
    tp.read_archive(ONE_PDF, jobs=1, progress=True)
    shown = capfd.readouterr().err
    assert "\rreading:   0%|          | 0/1 [" in shown  # tqdm's bar, cleared at the end


def test_read_archive_progress_without_tqdm_is_the_terminal_bar(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "tqdm.auto", None)  # as if not installed
    tp.read_archive(ONE_PDF, jobs=1, progress=True)
    assert f"[{'#' * 24}] 1/1 " in capfd.readouterr().err


def test_progress_is_shown_by_default_in_a_notebook(monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    from transparantie_parser._run.progress import Progress, batch_progress, in_notebook

    class ZMQInteractiveShell:  # the shell of a Jupyter kernel
        pass

    assert not in_notebook()
    assert isinstance(batch_progress(3, None), Progress)
    monkeypatch.setitem(sys.modules, "IPython",
                        types.SimpleNamespace(get_ipython=ZMQInteractiveShell))
    assert in_notebook()
    shown = batch_progress(3, None)
    assert not isinstance(shown, Progress)  # tqdm's
    shown.clear()


def test_read_archive_keeps_the_good_tables_of_a_file_and_lists_the_one_it_cannot_read(
) -> None:
    frames = tp.read_archive([FIXTURES / "reports" / "chromium-one-malformed.pdf"], jobs=1)
    assert frames.regions["region"].tolist() == ["Noordoost-Brabant", "Zuid-Limburg"]
    problem = frames.problems.iloc[0]
    assert len(frames.problems) == 1
    assert (problem["page"], problem["region"], problem["period"], problem["code"]) == (
        2, "Zuidoost-Brabant", pd.Period("2021Q4", "Q"), "malformed_table")
