"""Running the ``transparantie-parser convert`` command as a user would, for sections 3 and 4."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .machine import children_cpu_seconds


def cli() -> str:
    beside = Path(sys.executable).parent / "transparantie-parser"
    if beside.exists():
        return str(beside)
    found = shutil.which("transparantie-parser")
    if found is None:
        raise RuntimeError("the transparantie-parser command is not installed")
    return found


def convert_command(folder: Path, output: Path, *extra: str) -> list[str]:
    # the benchmark converts byte copies of the fixtures: read and write every copy, as an
    # archive of different files would be (convert reads a copy once by default)
    return [cli(), "convert", str(folder), "-o", str(output), "-q", "--keep-duplicates",
            *extra]


def check_convert(done: int, stderr: str, output: Path, what: str) -> str:
    """Raise when convert crashed; a note when it only reported failed files or issues."""
    if done not in (0, 1) or not output.exists():
        raise RuntimeError(f"{what} exited with {done}:\n{stderr[-4000:]}")
    if done == 1:
        problems = stderr.strip().splitlines()
        return (f" (exit 1: {len(problems)} stderr line(s), e.g. "
                f"{problems[0] if problems else '?'})")
    return ""


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float  # CPU seconds of the command and all its processes
    note: str


def run_convert(command: list[str], output: Path, what: str) -> Run:
    cpu = children_cpu_seconds()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    note = check_convert(done.returncode, done.stderr, output, what)
    return Run(seconds, children_cpu_seconds() - cpu, note)
