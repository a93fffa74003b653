"""The batch API a script calls: ``find_inputs`` and ``parse_files`` take what a script has
(``str`` or ``pathlib.Path``, a list, a generator, one path alone), never spin without a
worker, and say ``not_found`` for a missing file as the command line does."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import transparantie_parser as tp
from transparantie_parser import batch
from transparantie_parser.batch import FileOutcome, ParseOptions, find_inputs, parse_files
from transparantie_parser.problems import outcome_problems

from .conftest import FIXTURES, ROOT, SEED

SEED_PDF = FIXTURES / "pdf" / "a-seed-like.pdf"


def outcomes_in_a_subprocess(call: str) -> list[list[object]]:
    """``call`` (an expression over ``Path``, ``parse_files``, ``SEED``, ``PDF``) run in a
    fresh interpreter under a time limit: the old loop spun forever without a worker."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from transparantie_parser.batch import parse_files\n"
        f"SEED, PDF = Path({str(SEED)!r}), Path({str(SEED_PDF)!r})\n"
        f"outcomes = list({call})\n"
        "print(json.dumps([[o.path, o.error_code, [r.region for r in o.reports]]"
        " for o in outcomes]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    result: list[list[object]] = json.loads(done.stdout)
    return result


def test_parse_files_reads_a_list_of_pathlib_paths() -> None:
    assert outcomes_in_a_subprocess("parse_files([SEED], jobs=1)") == [
        [str(SEED), None, ["West-Brabant"]]]


def test_parse_files_reads_str_and_path_mixed_in_input_order() -> None:
    assert outcomes_in_a_subprocess(
        "parse_files([str(Path('fixtures/pdf/b-header-rotated.pdf')), SEED], jobs=2)") == [
        ["fixtures/pdf/b-header-rotated.pdf", None, ["Noord-Limburg"]],
        [str(SEED), None, ["West-Brabant"]]]


def test_parse_files_takes_a_lone_str_as_one_input() -> None:
    assert outcomes_in_a_subprocess("parse_files(str(SEED), jobs=1)") == [
        [str(SEED), None, ["West-Brabant"]]]


def test_parse_files_takes_a_lone_path_as_one_input() -> None:
    assert outcomes_in_a_subprocess("parse_files(SEED, jobs=1)") == [
        [str(SEED), None, ["West-Brabant"]]]


def test_parse_files_takes_a_generator() -> None:
    assert outcomes_in_a_subprocess("parse_files((p for p in [SEED]), jobs=1)") == [
        [str(SEED), None, ["West-Brabant"]]]


def test_parse_files_with_no_inputs_yields_nothing() -> None:
    assert outcomes_in_a_subprocess("parse_files([], jobs=1)") == []


def test_a_missing_file_is_not_found_in_parse_files(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pdf"
    (outcome,) = parse_files([missing], jobs=1)
    assert outcome == FileOutcome(str(missing), error_code="not_found",
                                  error_message="no such file or folder")


def test_a_missing_file_is_not_found_in_parse_pdf(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pdf"
    with pytest.raises(tp.TransparantieError) as caught:
        tp.parse_pdf(missing)
    assert caught.value.code == "not_found"
    assert str(caught.value) == f"{missing}: cannot be read: no such file or folder"


def test_find_inputs_takes_paths_and_lists_a_folder_named_twice_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copy(SEED_PDF, tmp_path / "sub" / "a.pdf")
    shutil.copy(SEED_PDF, tmp_path / "b.PDF")
    assert find_inputs([tmp_path, str(tmp_path), tmp_path / "sub" / "a.pdf"]) == [
        str(tmp_path / "b.PDF"), str(tmp_path / "sub" / "a.pdf")]


def test_find_inputs_takes_a_lone_path() -> None:
    assert find_inputs(SEED) == [str(SEED)]


def test_find_inputs_reports_what_names_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert find_inputs([tmp_path / "nope", tmp_path / "empty"]) == [
        batch.MissingInput(str(tmp_path / "nope"), "not_found", "no such file or folder"),
        batch.MissingInput(str(tmp_path / "empty"), "no_input", "the folder holds no PDF files"),
    ]


def test_a_byte_identical_copy_is_read_once_and_named_a_copy(tmp_path: Path) -> None:
    first, copy = tmp_path / "first.pdf", tmp_path / "copy.pdf"
    shutil.copy(SEED_PDF, first)
    shutil.copy(SEED_PDF, copy)
    one, two = parse_files([first, copy], jobs=2)
    assert (one.copy_of, two.copy_of) == (None, str(first))
    assert [r.source for r in two.reports] == [str(copy)]
    assert [r.rows for r in two.reports] == [r.rows for r in one.reports]


def test_the_same_path_twice_is_read_once(tmp_path: Path) -> None:
    one, two = parse_files([SEED, str(SEED)], jobs=1)
    assert (one.copy_of, two.copy_of) == (None, str(SEED))


def test_copies_are_read_each_when_asked(tmp_path: Path) -> None:
    first, copy = tmp_path / "first.txt", tmp_path / "copy.txt"
    shutil.copy(SEED, first)
    shutil.copy(SEED, copy)
    outcomes = list(parse_files([first, copy], jobs=1, read_copies_once=False))
    assert [o.copy_of for o in outcomes] == [None, None]
    assert [len(o.reports) for o in outcomes] == [1, 1]


def test_parse_options_carries_a_password_and_never_shows_it() -> None:
    locked = FIXTURES / "broken" / "user-password.pdf"
    right, wrong, none = parse_files(
        [locked], ParseOptions(password="geheim")), parse_files(
        [locked], ParseOptions(password="fout")), parse_files([locked], ParseOptions())
    (opened,) = right
    assert [r.region for r in opened.reports] == ["West-Brabant"]
    (refused,) = wrong
    assert (refused.error_code, refused.error_message) == (
        "encrypted", "is encrypted and the password given does not open it")
    (needs,) = none
    assert needs.error_code == "encrypted"
    assert "geheim" not in repr(ParseOptions(password="geheim"))


def test_timeout_zero_means_no_limit() -> None:
    assert ParseOptions(timeout=0).timeout is None


@pytest.mark.parametrize("name", ["FileOutcome", "MissingInput", "ParseOptions",
                                  "find_inputs", "parse_files"])
def test_the_batch_api_is_public_and_documented(name: str) -> None:
    assert name in batch.__all__
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"`{name}`" in readme


def test_a_file_with_a_table_that_cannot_be_read_keeps_its_other_tables() -> None:
    pdf = FIXTURES / "reports" / "chromium-one-malformed.pdf"
    (outcome,) = parse_files([pdf], jobs=1)
    assert not outcome.failed
    assert [r.region for r in outcome.reports] == ["Noordoost-Brabant", "Zuid-Limburg"]
    assert [(f.page, f.code, f.region, f.period) for f in outcome.table_failures] == [
        (2, "malformed_table", "Zuidoost-Brabant", "2021Q4")]
    (problem,) = outcome_problems(outcome)
    assert (problem.source, problem.page, problem.table_id, problem.region, problem.period,
            problem.code) == (str(pdf), 2, None, "Zuidoost-Brabant", "2021Q4",
                              "malformed_table")
    assert problem.message.startswith("a row with 4 figures where 'TOTAAL AMR")


def test_a_national_summary_is_left_out_with_a_note_that_is_no_problem() -> None:
    outcome = batch.parse_file(FIXTURES / "reports" / "national-writer.pdf")
    assert [r.region for r in outcome.reports] == ["Zeeland", "Midden-Brabant", "Noord-Limburg"]
    assert outcome.left_out == (
        "page 6: a national summary (rows of regions, 'TOTAAL NEDERLAND 4.652 15.367 23.871 "
        "10.607 54.497 86.613'): no region table; left out",)
    assert (outcome.failed, outcome.table_failures, outcome.notes) == (False, (), ())
    assert outcome_problems(outcome) == []


def test_a_file_whose_only_table_cannot_be_read_still_fails_as_a_file() -> None:
    outcome = batch.parse_file(FIXTURES / "producers" / "calc-blank-not-adding.pdf")
    assert (outcome.error_code, outcome.reports, outcome.table_failures) == (
        "malformed_table", (), ())
