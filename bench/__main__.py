"""``python -m bench``: every measurement in one run, the report printed and written to
``bench/last-run.md``."""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

from .agreement import measure_agreement
from .inputs import ROOT, load_fixtures
from .jobs import measure_jobs
from .junk import measure_junk
from .long_file import measure_long_file
from .machine import load_average, report_machine
from .memory import measure_memory
from .per_page import measure_per_page
from .report import Report, progress
from .startup import measure_startup
from .tagged import measure_tagged

REPORT_PATH = Path(__file__).resolve().parent / "last-run.md"
BUSY_CORES = 0.25  # other processes taking this many cores on average: say the run was noisy


def main() -> int:
    began = time.perf_counter()
    report = Report()
    stamp = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    report.add("# transparantie-parser benchmark", "", f"Run {stamp} with `make bench`.", "")
    report_machine(report)
    progress("reading the fixtures")
    fixtures = load_fixtures()
    pages = sum(f.pages for f in fixtures)
    tables = sum(f.tables for f in fixtures)
    report.add(f"Fixtures: {len(fixtures)} PDFs in `fixtures/{{pdf,producers,issues}}`, "
               f"{pages} pages, {tables} region tables.", "")
    measure_agreement(report, fixtures)
    measure_per_page(report, fixtures)
    measure_tagged(report, load_fixtures(("tagged",)), load_fixtures(("pdf",)))
    with tempfile.TemporaryDirectory(prefix="tp-bench-") as work:
        measure_jobs(report, load_fixtures(("pdf",)), Path(work))
        measure_memory(report, load_fixtures(("pdf",)), Path(work))
        measure_junk(report, Path(work))
        measure_long_file(report, Path(work))
        measure_startup(report, Path(work))
    if report.other_load:
        worst = max(report.other_load, key=lambda section: report.other_load[section])
        report.info("CPU taken by other processes (worst section)",
                    f"{report.other_load[worst]:.2f} of {os.cpu_count()} cores "
                    f"(section {worst})")
    report.add("## Summary", "")
    report.table(["target", "goal", "measured", "result"],
                 [list(row) for row in report.summary])
    busy = {k: v for k, v in report.other_load.items() if v >= BUSY_CORES}
    if busy:
        jobs = " (the --jobs 2 speed-up of section 3 needs a second core free)" \
            if "3" in busy else ""
        report.add("**The machine was busy with other work during section(s) "
                   f"{', '.join(busy)}**: timings there are slower than on an idle "
                   f"machine{jobs}.", "")
    report.add(f"Load average at end (1/5/15 min): {load_average()}; the whole run took "
               f"{time.perf_counter() - began:.0f} s.")
    REPORT_PATH.write_text("\n".join(report.lines) + "\n", encoding="utf-8")
    print(f"\n(written to {REPORT_PATH.relative_to(ROOT)})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
