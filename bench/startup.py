"""Section 7: a cold start: converting one PDF from the command line, in CPU time, against
the least any PDFium reading costs, ``python -c "import pypdfium2"``."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from pathlib import Path

from .commands import cli
from .inputs import FIXTURES
from .machine import children_cpu_seconds
from .report import Report, progress

ROUNDS = 7
TARGET_STARTUP = 2.0


# A user's Python keeps compiled bytecode; a sandbox or CI may forbid writing it
# (PYTHONDONTWRITEBYTECODE), and then every start compiles every module again.
_ENVIRONMENT = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _cpu(command: list[str]) -> float:
    before = children_cpu_seconds()
    subprocess.run(command, capture_output=True, check=False, env=_ENVIRONMENT)
    return children_cpu_seconds() - before


def measure_startup(report: Report, work: Path) -> None:
    pdf = FIXTURES / "a-seed-like.pdf"
    convert = [cli(), "convert", str(pdf), "-o", str(work / "one.csv"), "-q"]
    floor = [sys.executable, "-c", "import pypdfium2"]
    progress(f"cold starts, {ROUNDS} rounds")
    _cpu(floor), _cpu(convert)  # warm-up: bytecode written, files in the page cache
    ratios, converts, floors = [], [], []
    for _ in range(ROUNDS):
        floors.append(_cpu(floor))
        converts.append(_cpu(convert))
        ratios.append(converts[-1] / floors[-1])
    ratio = statistics.median(ratios)
    report.add("## 7. A cold start", "",
               f"`transparantie-parser convert a-seed-like.pdf -o one.csv -q` against "
               f"`python -c \"import pypdfium2\"`, CPU time of each process (and its workers), "
               f"{ROUNDS} rounds taking turns after a warm-up, bytecode cached as on a user's "
               "machine.", "")
    report.table(["command", "CPU ms (median)"], [
        ["convert one PDF (default engine)", f"{1000 * statistics.median(converts):.0f}"],
        ["python -c 'import pypdfium2'", f"{1000 * statistics.median(floors):.0f}"],
    ], right=[1])
    report.add(f"**convert / import pypdfium2: {min(ratios):.2f}x min, {ratio:.2f}x median** "
               f"(target ≤ {TARGET_STARTUP}x)", "")
    report.target("cold start: convert one PDF vs import pypdfium2 (CPU, median)",
                  f"≤ {TARGET_STARTUP}x", ratio, TARGET_STARTUP, at_most=True)
