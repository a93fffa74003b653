"""Section 3: ``convert --jobs 1`` vs ``--jobs 2`` end to end, and that both CSVs match."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .commands import Run, convert_command, run_convert
from .inputs import FIXTURES, Fixture, copy_fixtures
from .machine import CpuWatch
from .report import Report, progress

MIN_CONVERT_PAGES = 200  # converts more pages than this
TARGET_JOBS = 1.7


def measure_jobs(report: Report, fixtures: Sequence[Fixture], work: Path) -> None:
    per_set = sum(f.pages for f in fixtures)
    sets = MIN_CONVERT_PAGES // per_set + 1
    folder = work / "jobs"
    pages = copy_fixtures(fixtures, folder, sets * len(fixtures))
    files = sets * len(fixtures)
    progress("convert warm-up")
    run_convert(convert_command(FIXTURES, work / "warm.csv", "--engine", "pdfium", "--jobs",
                                "2"), work / "warm.csv", "warm-up convert")
    results: dict[int, Run] = {}
    watch = CpuWatch.start()
    for jobs in (1, 2):
        progress(f"convert --jobs {jobs} on {files} files, {pages} pages")
        output = work / f"jobs{jobs}.csv"
        results[jobs] = run_convert(convert_command(folder, output, "--jobs", str(jobs)),
                                    output, f"convert --jobs {jobs}")
    others = watch.others()
    same = (work / "jobs1.csv").read_bytes() == (work / "jobs2.csv").read_bytes()
    rows_out = (work / "jobs1.csv").read_bytes().count(b"\n") - 1
    ratio = results[1].seconds / results[2].seconds
    report.add("## 3. `convert --jobs 1` vs `--jobs 2` (default engine)", "",
               f"{files} files ({sets} copies of each fixture PDF), {pages} pages, "
               "`convert FOLDER -o OUT.csv -q --jobs N`, wall clock of the whole command "
               "(one run each, after a warm-up convert).", "")
    report.table(["jobs", "seconds", "pages/s", "CPU s (all its processes)", "cores busy"], [
        [str(jobs), f"{run.seconds:.2f}{run.note}", f"{pages / run.seconds:.1f}",
         f"{run.cpu:.1f}", f"{run.cpu / run.seconds:.2f}"]
        for jobs, run in results.items()
    ], right=[1, 2, 3, 4])
    report.add(f"**--jobs 2 / --jobs 1 throughput: {ratio:.2f}x** (target ≥ {TARGET_JOBS}x)",
               f"CSVs byte-identical: **{'yes' if same else 'NO'}** ({rows_out} rows each)", "")
    report.target("convert --jobs 2 vs --jobs 1 (throughput)", f"≥ {TARGET_JOBS}x", ratio,
                  TARGET_JOBS, at_most=False)
    report.summary.append(("--jobs 1 and --jobs 2 CSVs identical", "identical",
                           "identical" if same else "different", "PASS" if same else "FAIL"))
    report.load("3", others)
