"""Section 3: ``convert --jobs 1`` vs ``--jobs 2`` end to end, and that both CSVs match."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path

from .commands import Run, convert_command, run_convert
from .inputs import FIXTURES, Fixture, copy_fixtures
from .machine import CpuWatch
from .report import Report, progress

MIN_CONVERT_PAGES = 200  # converts more pages than this
TARGET_JOBS = 1.7
# Rounds of a --jobs 1 and a --jobs 2 convert, taking turns: one convert takes 2-4 s, and a
# single pair of them varied from 1.65x to 2.29x on an idle machine (five pairs, measured).
ROUNDS = 5


def measure_jobs(report: Report, fixtures: Sequence[Fixture], work: Path) -> None:
    per_set = sum(f.pages for f in fixtures)
    sets = MIN_CONVERT_PAGES // per_set + 1
    folder = work / "jobs"
    pages = copy_fixtures(fixtures, folder, sets * len(fixtures))
    files = sets * len(fixtures)
    progress("convert warm-up")
    run_convert(convert_command(FIXTURES, work / "warm.csv", "--engine", "pdfium", "--jobs",
                                "2"), work / "warm.csv", "warm-up convert")
    runs: dict[int, list[Run]] = {1: [], 2: []}
    watch = CpuWatch.start()
    for number in range(ROUNDS):
        progress(f"round {number + 1}/{ROUNDS}: convert --jobs 1 and 2 on {files} files, "
                 f"{pages} pages")
        for jobs in (1, 2) if number % 2 == 0 else (2, 1):
            output = work / f"jobs{jobs}.csv"
            runs[jobs].append(run_convert(convert_command(folder, output, "--jobs", str(jobs)),
                                          output, f"convert --jobs {jobs}"))
    others = watch.others()
    same = (work / "jobs1.csv").read_bytes() == (work / "jobs2.csv").read_bytes()
    rows_out = (work / "jobs1.csv").read_bytes().count(b"\n") - 1
    ratios = [one.seconds / two.seconds for one, two in zip(runs[1], runs[2], strict=True)]
    ratio = statistics.median(ratios)
    median = {jobs: _median_run(each) for jobs, each in runs.items()}
    report.add("## 3. `convert --jobs 1` vs `--jobs 2` (default engine)", "",
               f"{files} files ({sets} copies of each fixture PDF), {pages} pages, "
               "`convert FOLDER -o OUT.csv -q --jobs N`, wall clock of the whole command, "
               f"{ROUNDS} rounds of both taking turns after a warm-up convert; the run of "
               "median time of each.", "")
    report.table(["jobs", "seconds", "pages/s", "CPU s (all its processes)", "cores busy"], [
        [str(jobs), f"{run.seconds:.2f}{run.note}", f"{pages / run.seconds:.1f}",
         f"{run.cpu:.1f}", f"{run.cpu / run.seconds:.2f}"]
        for jobs, run in median.items()
    ], right=[1, 2, 3, 4])
    report.add(f"**--jobs 2 / --jobs 1 throughput: {min(ratios):.2f}x min, {ratio:.2f}x "
               f"median** (target ≥ {TARGET_JOBS}x)",
               f"CSVs byte-identical: **{'yes' if same else 'NO'}** ({rows_out} rows each)", "")
    report.target("convert --jobs 2 vs --jobs 1 (throughput, median)", f"≥ {TARGET_JOBS}x",
                  ratio, TARGET_JOBS, at_most=False)
    report.summary.append(("--jobs 1 and --jobs 2 CSVs identical", "identical",
                           "identical" if same else "different", "PASS" if same else "FAIL"))
    report.load("3", others)


def _median_run(runs: Sequence[Run]) -> Run:
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]
