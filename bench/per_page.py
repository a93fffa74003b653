"""Sections 1 and 2: CPU time per page of each engine against its floor, in interleaved rounds.

- the pdfplumber engine against pdfplumber's own ``extract_words`` (what a user of
  pdfplumber would otherwise run) and against pdfminer's character objects alone (what any
  reading with pdfminer costs at least);
- the PDFium engine against raw pypdfium2: every character with its loose box through
  pypdfium2's own bindings (what any reading with PDFium costs at least).

Each round times every method once on every file, methods taking turns on each file, so a
busy moment of the machine hits them all alike; the ratios are taken per round, and their
minimum and median reported.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import shutil
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as raw

import transparantie_parser as tp

from .inputs import Fixture
from .machine import CpuWatch
from .report import Report, progress

ROUNDS = 5  # timed rounds (after one warm-up round)
TARGET_PLUMBER = 0.6  # pdfplumber engine / extract_words
TARGET_PDFIUM = 1.3  # PDFium engine / raw pypdfium2

Method = Callable[[Path], None]


def extract_words(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()


def pdfminer_chars(path: Path) -> None:
    """pdfminer's layout objects of every page, nothing made of them."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            list(page.layout)


def raw_pypdfium2(path: Path) -> None:
    """Every character and its loose box, through pypdfium2's raw bindings."""
    document = pdfium.PdfDocument(path)
    box = raw.FS_RECTF()
    box_ref = ctypes.byref(box)
    for index in range(len(document)):
        page = document[index]
        textpage = raw.FPDFText_LoadPage(page)
        for i in range(raw.FPDFText_CountChars(textpage)):
            raw.FPDFText_GetUnicode(textpage, i)
            raw.FPDFText_GetLooseCharBox(textpage, i, box_ref)
        raw.FPDFText_ClosePage(textpage)
        page.close()
    document.close()


def pdfium_glyphs(path: Path) -> None:
    """The PDFium engine's reading alone: every page's glyphs, nothing made of them (no
    layout, no grammar)."""
    from transparantie_parser._pdf import pdfium as _pdfium
    from transparantie_parser._pdf.source import DEFAULT_MAX_PAGES

    with contextlib.suppress(tp.TransparantieError):
        for _ in _pdfium.read_pages(path.read_bytes(), DEFAULT_MAX_PAGES):
            pass


def engine(name: tp.Engine) -> Method:
    def parse(path: Path) -> None:
        with contextlib.suppress(tp.TransparantieError):  # errors cost their reading too
            tp.parse_pdf(path, engine=name)

    return parse


def pdftotext(exe: str) -> Method:
    def run(path: Path) -> None:
        subprocess.run([exe, "-layout", str(path), "-"], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, check=True)

    return run


METHODS: dict[str, Method] = {
    "extract_words": extract_words,
    "pdfminer_chars": pdfminer_chars,
    "engine_pdfplumber": engine("pdfplumber"),
    "raw_pypdfium2": raw_pypdfium2,
    "pdfium_glyphs": pdfium_glyphs,
    "engine_pdfium": engine("pdfium"),
}


def _cpu(method: Method, path: Path) -> float:
    gc.collect()
    start = time.process_time()
    method(path)
    return time.process_time() - start


def rounds(methods: dict[str, Method], fixtures: Sequence[Fixture],
           apart: Sequence[Fixture] = ()) -> list[dict[str, float]]:
    """CPU seconds of each method over all fixtures, one dict per timed round; the sums
    over the fixtures not in ``apart`` too, under ``"<method> without"``."""
    timed = []
    for number in range(ROUNDS + 1):
        progress("warm-up round" if number == 0 else f"round {number}/{ROUNDS}")
        totals = dict.fromkeys([*methods, *(f"{name} without" for name in methods)], 0.0)
        for fixture in fixtures:
            for name, method in methods.items():
                seconds = _cpu(method, fixture.path)
                totals[name] += seconds
                if fixture not in apart:
                    totals[f"{name} without"] += seconds
        if number:
            timed.append(totals)
    return timed


def _ratio(timed: Sequence[dict[str, float]], over: str, under: str) -> tuple[float, float]:
    ratios = [t[over] / t[under] for t in timed]
    return min(ratios), statistics.median(ratios)


def _pdftotext_ms(exe: str, fixtures: Sequence[Fixture], pages: int) -> float:
    run = pdftotext(exe)
    best = min(sum(_wall(run, f.path) for f in fixtures) for _ in range(3))
    return 1000 * best / pages


def _wall(method: Method, path: Path) -> float:
    start = time.perf_counter()
    method(path)
    return time.perf_counter() - start


def measure_per_page(report: Report, fixtures: Sequence[Fixture]) -> None:
    pages = sum(f.pages for f in fixtures)
    watch = CpuWatch.start()
    # a file whose reading is doubtful (a malformed table, issues about its reading) is read
    # by both engines, by design (README, "Engines")
    both = [fixture for fixture in fixtures if fixture.malformed]
    timed = rounds(METHODS, fixtures, both)
    others = watch.others()
    ms = {name: 1000 * statistics.median(t[name] for t in timed) / pages for name in METHODS}
    report.add("## 1-2. Each engine against its floor (CPU time per page)", "",
               f"{len(fixtures)} fixture PDFs, {pages} pages; {ROUNDS} rounds after a warm-up, "
               "methods taking turns on each file; median CPU ms/page, and the ratio of the "
               "sums per round (min / median).", "")
    report.table(["method", "ms/page"], [
        ["pdfplumber `extract_words()` on every page", f"{ms['extract_words']:.1f}"],
        ["pdfminer's character objects alone (floor)", f"{ms['pdfminer_chars']:.1f}"],
        ['`parse_pdf(f, engine="pdfplumber")`', f"{ms['engine_pdfplumber']:.1f}"],
        ["raw pypdfium2: every char and its loose box (floor)", f"{ms['raw_pypdfium2']:.1f}"],
        ["the PDFium engine's glyphs alone (no layout, no grammar)",
         f"{ms['pdfium_glyphs']:.1f}"],
        ['`parse_pdf(f, engine="pdfium")` (the default)', f"{ms['engine_pdfium']:.1f}"],
    ], right=[1])
    words = _ratio(timed, "engine_pdfplumber", "extract_words")
    chars = _ratio(timed, "engine_pdfplumber", "pdfminer_chars")
    raws = _ratio(timed, "engine_pdfium", "raw_pypdfium2")
    speed = _ratio(timed, "engine_pdfplumber", "engine_pdfium")
    glyphs = _ratio(timed, "pdfium_glyphs", "raw_pypdfium2")
    alone = _ratio(timed, "engine_pdfium without", "raw_pypdfium2 without")
    report.add(f"**pdfplumber engine / extract_words: {words[0]:.2f}x min, {words[1]:.2f}x "
               f"median** (target ≤ {TARGET_PLUMBER}x); / pdfminer's chars: {chars[1]:.2f}x.",
               f"**PDFium engine / raw pypdfium2: {raws[0]:.2f}x min, {raws[1]:.2f}x median** "
               f"(target ≤ {TARGET_PDFIUM}x). The PDFium engine is {speed[1]:.1f}x faster than "
               f"the pdfplumber engine. Its glyph reading alone is {glyphs[1]:.2f}x the floor: "
               "the rest is the layout, the grammar and the records.",
               "A file whose reading is doubtful (a malformed table, issues about its reading) "
               "is read by the pdfplumber engine too, as "
               f"designed: here {len(both)} of {len(fixtures)} "
               f"({', '.join(f.path.name for f in both) or 'none'}). Over the other "
               f"{len(fixtures) - len(both)}, the PDFium engine / raw pypdfium2 is "
               f"{alone[1]:.2f}x (median).", "")
    report.target("pdfplumber engine vs extract_words (CPU, median)", f"≤ {TARGET_PLUMBER}x",
                  words[1], TARGET_PLUMBER, at_most=True)
    report.target("PDFium engine vs raw pypdfium2 (CPU, median)", f"≤ {TARGET_PDFIUM}x",
                  raws[1], TARGET_PDFIUM, at_most=True)
    report.info("PDFium engine speed-up over the pdfplumber engine", f"{speed[1]:.1f}x")
    report.info("PDFium engine's glyphs alone vs raw pypdfium2 (CPU, median)",
                f"{glyphs[1]:.2f}x")
    report.info("PDFium engine vs raw pypdfium2, files one engine reads (CPU, median)",
                f"{alone[1]:.2f}x ({len(fixtures) - len(both)} of {len(fixtures)} files)")
    exe = shutil.which("pdftotext")
    if exe is not None:
        poppler = _pdftotext_ms(exe, fixtures, pages)
        report.info("poppler pdftotext -layout (wall, a process per file; text only)",
                    f"{poppler:.1f} ms/page vs PDFium engine {ms['engine_pdfium']:.1f} (CPU)")
    report.load("1-2", others)
