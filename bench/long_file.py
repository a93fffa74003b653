"""Section 6: peak memory reading one long PDF (100 and 1,000 pages), each engine in a
process of its own: a long file must be read in flat memory."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pypdfium2 as pdfium

from .inputs import ROOT
from .report import Report, progress

TARGET_PEAK_MIB = 100.0  # one 1,000-page PDF
TARGET_FLAT = 1.2  # peak for 1,000 pages / peak for 100 pages, pages without a table
PAGE_COUNTS = (100, 1000)
TABLES = ROOT / "fixtures" / "pdf" / "g-bundle-2020q4.pdf"  # 16 region pages
PROSE = ROOT / "fixtures" / "broken" / "annual-report.pdf"  # a page without a table

# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child started by this
# (larger) process would report at least our own peak.
_PEAK = """
import sys
import transparantie_parser as tp
try:
    tp.parse_pdf(sys.argv[1], engine=sys.argv[2], max_pages=10_000)
except tp.TransparantieError:
    pass
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


def _long_pdf(source: Path, pages: int, target: Path) -> Path:
    """``source``'s pages over and over, ``pages`` of them."""
    document = pdfium.PdfDocument.new()
    pattern = pdfium.PdfDocument(source)
    while len(document) < pages:
        document.import_pages(pattern, list(range(min(len(pattern), pages - len(document)))))
    document.save(target)
    return target


def _peak_mib(pdf: Path, engine: str) -> float:
    done = subprocess.run([sys.executable, "-c", _PEAK, str(pdf), engine],
                          capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1]) / 1024


def measure_long_file(report: Report, work: Path) -> None:
    rows = []
    peaks: dict[tuple[str, str, int], float] = {}
    for kind, source in (("tables", TABLES), ("prose", PROSE)):
        for pages in PAGE_COUNTS:
            pdf = _long_pdf(source, pages, work / f"long-{kind}-{pages}.pdf")
            for engine in ("pdfium", "pdfplumber"):
                progress(f"peak RSS, {pages} pages of {kind}, {engine}")
                peaks[(kind, engine, pages)] = _peak_mib(pdf, engine)
    for (kind, engine, pages), peak in peaks.items():
        rows.append([f"{pages:,} pages of {kind}", engine, f"{peak:.1f}"])
    report.add("## 6. One long PDF", "",
               f"A PDF of {PAGE_COUNTS[0]} and of {PAGE_COUNTS[1]:,} pages, made of "
               "`g-bundle-2020q4.pdf`'s region pages (every page a table: the records grow "
               "with the pages) or of `annual-report.pdf`'s page (no table): `parse_pdf` in a "
               "process of its own, its peak RSS.", "")
    report.table(["file", "engine", "peak RSS (MiB)"], rows, right=[2])
    large = PAGE_COUNTS[-1]
    for engine in ("pdfium", "pdfplumber"):
        peak = peaks[("tables", engine, large)]
        flat = peaks[("prose", engine, large)] / peaks[("prose", engine, PAGE_COUNTS[0])]
        report.target(f"peak RSS, {large:,} table pages, {engine}", f"≤ {TARGET_PEAK_MIB:g} MiB",
                      peak, TARGET_PEAK_MIB, at_most=True, unit=" MiB")
        report.target(f"peak RSS {large:,} / {PAGE_COUNTS[0]} pages without tables, {engine}",
                      f"≤ {TARGET_FLAT}x", flat, TARGET_FLAT, at_most=True)
