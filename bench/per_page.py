"""Sections 1 and 2: time per page of ``parse_pdf`` with either engine, against pdfplumber's
own ``extract_words`` and poppler's ``pdftotext -layout``, methods taking turns on each file."""

from __future__ import annotations

import gc
import math
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pdfplumber

import transparantie_parser as tp

from .inputs import Fixture
from .machine import CpuWatch
from .report import Report, progress

REPEATS = 3  # timed passes over the fixtures (after one warm-up pass); best kept
TARGET_WORDS = 1.3
TARGET_PDFIUM = 8.0


def run_extract_words(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()


def run_parse_pdfplumber(path: Path) -> None:
    tp.parse_pdf(path)


def run_parse_pdfium(path: Path) -> None:
    tp.parse_pdf(path, engine="pdfium")


def make_pdftotext(exe: str) -> Callable[[Path], None]:
    def run_pdftotext(path: Path) -> None:
        subprocess.run([exe, "-layout", str(path), "-"], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, check=True)

    return run_pdftotext


def time_once(run: Callable[[Path], None], path: Path) -> float:
    gc.collect()
    start = time.perf_counter()
    run(path)
    return time.perf_counter() - start


def best_times(methods: dict[str, Callable[[Path], None]],
               fixtures: Sequence[Fixture]) -> dict[str, list[float]]:
    """Best of REPEATS seconds, per method and file, after one warm-up pass. The methods take
    turns on each file, so that a busy moment of the machine hits them all alike."""
    best = {name: [math.inf] * len(fixtures) for name in methods}
    for rep in range(REPEATS + 1):
        progress("warm-up pass" if rep == 0 else f"timed pass {rep}/{REPEATS}")
        for i, fixture in enumerate(fixtures):
            for name, run in methods.items():
                seconds = time_once(run, fixture.path)
                if rep > 0:
                    best[name][i] = min(best[name][i], seconds)
    return best


def ms_per_page(seconds: Sequence[float], pages: int) -> float:
    return 1000 * sum(seconds) / pages


def measure_per_page(report: Report, fixtures: Sequence[Fixture]) -> None:
    pages = sum(f.pages for f in fixtures)
    methods: dict[str, Callable[[Path], None]] = {
        "extract_words": run_extract_words,
        "parse_pdf": run_parse_pdfplumber,
        "parse_pdf_pdfium": run_parse_pdfium,
    }
    exe = shutil.which("pdftotext")
    if exe is not None:
        methods["pdftotext"] = make_pdftotext(exe)
    watch = CpuWatch.start()
    best = best_times(methods, fixtures)
    others = watch.others()
    per_page = {name: ms_per_page(times, pages) for name, times in best.items()}
    how = (f"Every fixture PDF, each timed {REPEATS}x after a warm-up pass (methods taking "
           "turns on each file); the best time per file, summed, divided by the pages. "
           "Opening the file is included in every method.")

    words, plumber = per_page["extract_words"], per_page["parse_pdf"]
    ratio_words = plumber / words
    report.add("## 1. parse_pdf (default engine, pdfplumber) vs pdfplumber `extract_words()`",
               "", how, "")
    report.table(["method", "ms/page"], [
        ["`pdfplumber.open(f)` + `page.extract_words()` on every page", f"{words:.1f}"],
        ["`tp.parse_pdf(f)` (pdfplumber engine)", f"{plumber:.1f}"],
    ], right=[1])
    report.add(f"**parse_pdf / extract_words: {ratio_words:.2f}x** (target ≤ {TARGET_WORDS}x)",
               "")
    report.target("parse_pdf vs extract_words (per page)", f"≤ {TARGET_WORDS}x", ratio_words,
                  TARGET_WORDS, at_most=True)

    pdfium = per_page["parse_pdf_pdfium"]
    speedup = plumber / pdfium
    report.add("## 2. PDFium engine vs default engine (and vs poppler's pdftotext)", "",
               "Same files, same passes as section 1.", "")
    rows = [
        ["`tp.parse_pdf(f)` (pdfplumber engine)", f"{plumber:.1f}", "1.00x"],
        ['`tp.parse_pdf(f, engine="pdfium")`', f"{pdfium:.1f}", f"{speedup:.2f}x"],
    ]
    if exe is not None:
        poppler = per_page["pdftotext"]
        rows.append(["`pdftotext -layout f -` (a subprocess per file)", f"{poppler:.1f}",
                     f"{plumber / poppler:.2f}x"])
    report.table(["method", "ms/page", "speed-up vs default"], rows, right=[1, 2])
    report.add(f"**PDFium speed-up: {speedup:.2f}x** (target ≥ {TARGET_PDFIUM}x)")
    report.target("pdfium engine speed-up vs default", f"≥ {TARGET_PDFIUM}x", speedup,
                  TARGET_PDFIUM, at_most=False)
    if exe is not None:
        poppler = per_page["pdftotext"]
        relation = ("slower" if pdfium > poppler else "faster")
        report.add(f"PDFium engine vs pdftotext: {pdfium / poppler:.2f}x the time "
                   f"({relation} than pdftotext, which extracts text only: no records)", "")
        report.info("pdfium engine vs pdftotext -layout (time ratio)",
                    f"{pdfium:.1f} vs {poppler:.1f} ms/page ({pdfium / poppler:.2f}x)")
    else:
        report.add("pdftotext: skipped (not on PATH).", "")
        report.info("pdfium engine vs pdftotext -layout", "skipped: pdftotext not on PATH")
    report.load("1-2", others)

    names = list(methods)
    report.add(f"Per file (ms, best of {REPEATS}):", "")
    report.table(["file", "pages", "tables", *names], [
        [f.path.name, str(f.pages), str(f.tables),
         *(f"{1000 * best[name][i]:.1f}" for name in names)]
        for i, f in enumerate(fixtures)
    ], right=list(range(1, 3 + len(names))))
