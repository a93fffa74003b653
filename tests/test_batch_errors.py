"""How a batch names what went wrong: a worker that dies is one error line with no stack dump
from a fault handler, and OCR that runs out of time is a ``timeout``, not a damaged file."""

from __future__ import annotations

import faulthandler
import os
import subprocess
from pathlib import Path

import pytest

import transparantie_parser as tp
from transparantie_parser._ocr import program
from transparantie_parser._run import reading
from transparantie_parser.batch import parse_files

from .conftest import SEED


def _abort(*_args: object) -> None:
    os.abort()  # as PDFium does when memory runs out


def test_a_worker_that_aborts_prints_no_fault_handler_stack(
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    faulthandler.enable()  # as pytest and python -X faulthandler have it in the parent
    monkeypatch.setattr(reading, "_read", _abort)  # the worker is forked: it calls this too
    (outcome,) = parse_files([str(SEED)], jobs=1)
    assert outcome.error_code == "crashed"
    assert "Fatal Python error" not in capfd.readouterr().err


def test_tesseract_running_out_of_time_is_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    def too_slow(command: list[str], **kwargs: object) -> None:
        raise subprocess.TimeoutExpired(command, program._TESSERACT_TIMEOUT)

    monkeypatch.setattr(program, "check_tesseract", lambda: None)
    monkeypatch.setattr(program.subprocess, "run", too_slow)
    with pytest.raises(tp.UnreadablePdfError) as caught:
        program.run_tesseract(b"image", [])
    assert (caught.value.code, caught.value.detail) == (
        "timeout", "OCR of a page took more than 300 s and was stopped")


def test_pypdfium2_is_a_declared_runtime_dependency() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    assert any(d.startswith("pypdfium2") for d in project["project"]["dependencies"])
