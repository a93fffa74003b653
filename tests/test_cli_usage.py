"""The command line as a newcomer meets it: a usage error says first what no format would
mend, a password need not be shown to the process list, SIGTERM ends with the shell's own
code for it, and inspect takes several files."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import FIXTURES

SCRIPT = str(Path(sys.executable).with_name("transparantie-parser"))
LOCKED = FIXTURES / "broken" / "user-password.pdf"
SEED_PDF = FIXTURES / "pdf" / "a-seed-like.pdf"


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None
        ) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "TRANSPARANTIE_PASSWORD"}
    return subprocess.run([SCRIPT, *args], capture_output=True, text=True, timeout=300,
                          env={**environment, **(env or {})}, cwd=cwd)


def test_an_output_that_is_a_folder_is_said_before_any_format(tmp_path: Path) -> None:
    for extra in ([], ["--format", "csv"]):
        result = run("convert", str(SEED_PDF), "-o", str(tmp_path), *extra)
        assert (result.returncode, result.stderr) == (
            2, f"transparantie-parser: error: output {str(tmp_path)!r} is a folder; name a "
               "file\n"), extra


def test_an_output_that_is_an_input_is_said_before_any_format(tmp_path: Path) -> None:
    pdf = tmp_path / "input.pdf"
    shutil.copy(SEED_PDF, pdf)
    result = run("convert", str(pdf), "-o", str(pdf))
    assert (result.returncode, result.stderr) == (
        2, f"transparantie-parser: error: output {str(pdf)!r} is also an input; it would be "
           "overwritten\n")
    assert pdf.read_bytes() == SEED_PDF.read_bytes()


def test_an_output_whose_format_is_unknown_still_asks_for_one(tmp_path: Path) -> None:
    result = run("convert", str(SEED_PDF), "-o", str(tmp_path / "uit"))
    assert result.returncode == 2
    assert "cannot tell the format from" in result.stderr


@pytest.mark.parametrize("how", ["environment", "file"])
def test_the_password_can_come_from_the_environment_or_a_file(how: str, tmp_path: Path
                                                              ) -> None:
    secret = tmp_path / "wachtwoord.txt"
    secret.write_text("geheim\n", encoding="utf-8")
    out = tmp_path / "x.csv"
    if how == "file":
        result = run("convert", str(LOCKED), "-o", str(out), "--password-file", str(secret))
    else:
        result = run("convert", str(LOCKED), "-o", str(out),
                     env={"TRANSPARANTIE_PASSWORD": "geheim"})
    assert result.returncode == 0, result.stderr
    assert "Breda" in out.read_text(encoding="utf-8")


def test_a_password_file_that_cannot_be_read_is_a_usage_error(tmp_path: Path) -> None:
    missing = tmp_path / "geen.txt"
    result = run("validate", str(LOCKED), "--password-file", str(missing))
    assert (result.returncode, result.stderr) == (
        2, f"transparantie-parser: error: --password-file {str(missing)!r} cannot be read: "
           "No such file or directory\n")


def test_password_and_password_file_together_are_a_usage_error(tmp_path: Path) -> None:
    result = run("validate", str(LOCKED), "--password", "a", "--password-file", "b")
    assert result.returncode == 2
    assert "not allowed with argument" in result.stderr


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_ends_the_run_with_the_shells_code_for_it(
    sig: signal.Signals, code: int, tmp_path: Path
) -> None:
    # a named pipe nobody writes to: its worker waits on it until the signal comes
    waiting = tmp_path / "waiting.pdf"
    os.mkfifo(waiting)
    process = subprocess.Popen([SCRIPT, "validate", str(waiting), "-q"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)
    assert process.poll() is None, "finished before it could be interrupted"
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == code
    assert "interrupted" in stderr and "Traceback" not in stderr


def test_inspect_shows_several_files_in_turn_and_says_which_failed() -> None:
    empty = FIXTURES / "broken" / "empty.pdf"
    issues = FIXTURES / "issues" / "footnote-missing.pdf"
    result = run("inspect", str(SEED_PDF), str(empty), str(issues), env={"COLUMNS": "200"})
    assert result.returncode == 1
    titles = [line for line in result.stdout.splitlines() if "  (pages " in line]
    assert titles == [f"West-Brabant 2020Q4  (pages 1; {SEED_PDF})",
                      f"Groningen 2020Q4  (pages 1; {issues})"]
    assert "\n\n\nGroningen 2020Q4" in result.stdout  # a blank line between files
    assert result.stderr == f"{empty}: not_pdf: is empty (0 bytes of content), not a PDF\n"
    clean = run("inspect", str(SEED_PDF), str(FIXTURES / "pdf" / "b-header-rotated.pdf"))
    assert clean.returncode == 0, clean.stderr
