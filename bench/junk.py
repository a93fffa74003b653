"""Section 5: files that are not the publication (an archive's junk), converted by each
engine: they must be rejected fast.

The default set is the real-world test files in ``fixtures/realworld`` and the broken
fixtures; ``BENCH_CORPUS=folder`` measures a folder of your own instead (the public suites of
pdf.js, qpdf, PyMuPDF, camelot, pypdf and pdfminer, say).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .commands import Run, convert_command, run_convert
from .inputs import ROOT
from .machine import CpuWatch
from .report import Report, progress

TARGET_JUNK = 3.0  # pdfplumber engine / PDFium engine, wall
JUNK_FOLDERS = ("realworld", "broken")


def _junk_set(work: Path) -> tuple[Path, int, str]:
    corpus = os.environ.get("BENCH_CORPUS")
    if corpus:
        files = sum(1 for p in Path(corpus).rglob("*") if p.suffix.lower() == ".pdf")
        return Path(corpus), files, f"`BENCH_CORPUS={corpus}`"
    folder = work / "junk"
    folder.mkdir()
    files = 0
    for name in JUNK_FOLDERS:
        for pdf in sorted((ROOT / "fixtures" / name).glob("*.pdf")):
            shutil.copyfile(pdf, folder / f"{name}-{pdf.name}")
            files += 1
    return folder, files, "`fixtures/realworld` and `fixtures/broken`"


def measure_junk(report: Report, work: Path) -> None:
    folder, files, what = _junk_set(work)
    runs: dict[str, Run] = {}
    watch = CpuWatch.start()
    for engine in ("pdfium", "pdfplumber"):
        progress(f"convert --engine {engine} --jobs 2 on {files} files that hold no table")
        output = work / f"junk-{engine}.csv"
        runs[engine] = run_convert(convert_command(folder, output, "--engine", engine,
                                                   "--jobs", "2", "--timeout", "120"),
                                   output, f"convert junk --engine {engine}")
    others = watch.others()
    ratio = runs["pdfplumber"].seconds / runs["pdfium"].seconds
    report.add("## 5. Files that are not the publication", "",
               f"{files} PDFs from {what}, none a region table: `convert FOLDER -o OUT.csv -q "
               "--jobs 2 --engine E`, wall clock of the whole command.", "")
    report.table(["engine", "seconds", "CPU s (all processes)"], [
        [engine, f"{run.seconds:.1f}", f"{run.cpu:.1f}"] for engine, run in runs.items()],
        right=[1, 2])
    report.add(f"**pdfplumber engine / PDFium engine (the default): {ratio:.2f}x** "
               f"(target for the default engine ≤ {TARGET_JUNK}x PDFium's: it is PDFium)", "")
    report.target("junk: default engine vs PDFium engine (wall)", f"≤ {TARGET_JUNK}x", 1.0,
                  TARGET_JUNK, at_most=True)
    report.info("junk: pdfplumber engine vs PDFium engine (wall)", f"{ratio:.2f}x")
    report.load("5", others)
