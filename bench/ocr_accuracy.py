#!/usr/bin/env python3
"""Accuracy and speed of the OCR path on scanned pages (issue 14); not part of ``make test``.

Reads every scanned fixture (``fixtures/scans/*.pdf``) and, for comparison, clean renders of
the text-layer fixtures (``fixtures/pdf``, their text layer ignored), through the OCR path:
``_ocr.tesseract.ocr_glyphs`` -> ``_layout.page.page_from_glyphs`` -> ``_grammar.read_tables`` ->
``_assemble.build_report`` -> ``validation.validate`` -> ``_ocr.repair.repair_report``, and
compares the records with the expected JSON. For each configuration (resolution, deskew on or
off, figure re-reads and repair on or off) it prints one table row:

- rows exact: expected municipality rows read with the exact name, counts and total;
- figures exact: rows whose counts and total are exact (whatever the name);
- names exact: rows whose name is exact;
- silent: figures read wrong (or rows added or lost) that no check catches: neither their
  row's sum nor their column's sum fails, and no ``ocr_uncertain`` issue names them. Must be 0;
- names silent / names flagged right: names read wrong that no ``ocr_uncertain`` issue names
  (the sums cannot check names), and names read right that one names all the same;
- tables failed: tables that raised an error (a row of the wrong width...) or were not found;
- heading, labels, footnote exact: tables whose region, quarter, column labels, TOTAAL line,
  register total and percentage are all exact;
- heading, footnote silent: region, year, quarter, register total or percentage read wrong
  that no issue catches (``ocr_uncertain`` naming it, ``coverage_mismatch``,
  ``footnote_missing``, ``region_mismatch``). Must be 0;
- CPU s/page: this process and its tesseract children, per page.

Usage::

    python bench/ocr_accuracy.py                       # dpi, deskew, repair varied one at a
                                                       # time (about 30 minutes on 2 cores)
    python bench/ocr_accuracy.py --dpi 200 --set scans # one resolution, scans only
    python bench/ocr_accuracy.py --detail              # also list every wrong row

Writes the report to ``bench/ocr-last-run.md`` as well. Needs tesseract with Dutch data.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import platform
import resource
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import attrs
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import transparantie_parser as tp  # noqa: E402
from bench.machine import cpu_model, load_average, package_version  # noqa: E402
from transparantie_parser._assemble import build_report  # noqa: E402
from transparantie_parser._grammar import read_tables  # noqa: E402
from transparantie_parser._layout.page import page_from_glyphs  # noqa: E402
from transparantie_parser._ocr import program, tesseract  # noqa: E402
from transparantie_parser._ocr.cells import check_figures  # noqa: E402
from transparantie_parser._ocr.repair import repair_report  # noqa: E402
from transparantie_parser.errors import TransparantieError  # noqa: E402
from transparantie_parser.records import RegionReport  # noqa: E402
from transparantie_parser.validation import validate  # noqa: E402

SCANS = ROOT / "fixtures" / "scans"
CLEAN = ROOT / "fixtures" / "pdf"
REPORT_PATH = Path(__file__).resolve().parent / "ocr-last-run.md"
# Clean renders: the text-layer fixtures of a kind a scan could be of (not the encrypted or
# rotated copies of the same pages, which render the same).
CLEAN_FILES = ("a-seed-like", "b-header-wrapped", "c-wrapped-names-first-line",
               "d-tight-columns", "d-truetype-font", "f-continued-table",
               "g-bundle-mixed-header", "i-libreoffice-calc", "i-groff-tbl")


@dataclass(frozen=True)
class Config:
    dpi: int
    deskew: bool
    repair: bool
    psm: int = tesseract.PAGE_PSM

    @property
    def label(self) -> str:
        return (f"{self.dpi} dpi, psm {self.psm}, deskew {'on' if self.deskew else 'off'}, "
                f"re-read+repair {'on' if self.repair else 'off'}")


@dataclass
class Tally:
    pages: int = 0
    rows: int = 0
    exact: int = 0
    figures_exact: int = 0
    names_exact: int = 0
    wrong_figures: int = 0
    silent: int = 0
    flagged_rows: int = 0  # rows not exact whose table names them (issue) — loud
    names_silent: int = 0  # names read wrong without an ocr_uncertain issue naming them
    names_flagged_right: int = 0  # names read right but flagged ocr_uncertain
    tables: int = 0
    tables_failed: int = 0
    rest_exact: int = 0  # tables whose heading, labels, total line and footnote are exact
    rest_silent: int = 0  # heading or footnote fields read wrong that no issue names
    repaired: int = 0
    cpu: float = 0.0
    details: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("pages", "rows", "exact", "figures_exact", "names_exact", "wrong_figures",
                     "silent", "flagged_rows", "names_silent", "names_flagged_right", "tables",
                     "tables_failed", "rest_exact", "rest_silent", "repaired"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.cpu += other.cpu
        self.details.extend(other.details)


def cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def page_count(data: bytes) -> int:
    document = pdfium.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def ocr_reports(data: bytes, config: Config) -> tuple[list[RegionReport], int, int]:
    """The OCR path: reports, pages, cells repaired. The default configuration is exactly
    what ``parse_pdf(..., ocr="always")`` does; the others take the same steps with one
    setting changed."""
    if config == Config(tesseract.DEFAULT_DPI, True, True):
        reports = tp.parse_pdf(data, ocr="always")
        return reports, page_count(data), sum(r.repaired for r in reports)
    ocr_pages = [tesseract.ocr_glyphs(data, i, dpi=config.dpi, deskew=config.deskew, psm=config.psm)
                 for i in range(page_count(data))]
    checked = {p.number: check_figures(p) for p in ocr_pages} if config.repair else {}
    glyphs = [checked[p.number].glyphs if config.repair else p.glyphs for p in ocr_pages]
    pages = [page_from_glyphs(p.number, g) for p, g in zip(ocr_pages, glyphs, strict=True)]
    reports = []
    repaired = 0
    for table in read_tables(pages):
        report, reading = build_report(table, source=None, with_pages=True)
        report = attrs.evolve(report, issues=(*reading, *validate(report)))
        if config.repair:
            outcome = repair_report(report, table, checked)
            report = outcome.report
            repaired += len(outcome.repaired)
        reports.append(report)
    return reports, len(ocr_pages), repaired


def row_tuple(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["municipality"], tuple(row["counts"]), row["total"])


def compare(name: str, want: dict[str, Any], got: RegionReport | None, tally: Tally) -> None:
    tally.tables += 1
    rows = want["rows"]
    tally.rows += len(rows)
    if got is None:
        tally.tables_failed += 1
        tally.flagged_rows += len(rows)
        tally.details.append(f"{name} {want['region']}: table not read")
        return
    issues = got.issues
    rest = {"region": got.region, "year": got.quarter.year, "quarter": got.quarter.number,
            "columns": list(got.columns), "total": got.total.to_dict(),
            "register_total": got.register_total,
            "known_pct": None if got.known_pct is None else float(got.known_pct)}
    wanted_rest = {k: want[k] for k in rest}
    wanted_rest["known_pct"] = (None if want["known_pct"] is None
                                else float(want["known_pct"]))
    if rest == wanted_rest:
        tally.rest_exact += 1
    else:
        tally.details.append(f"{name} {want['region']}: table fields differ: "
                             f"{ {k: rest[k] for k in rest if rest[k] != wanted_rest[k]} }")
    # the heading and footnote: loud when an issue says they are wrong or missing
    codes = {i.code for i in issues}
    flagged_fields = {i.column for i in issues if i.code == "ocr_uncertain"}
    guards = {"register_total": {"footnote_missing", "coverage_mismatch"},
              "known_pct": {"footnote_missing", "coverage_mismatch"},
              "region": {"region_mismatch"}, "year": set(), "quarter": set()}
    for key, loud_codes in guards.items():
        if rest[key] != wanted_rest[key] and not (codes & loud_codes or key in flagged_fields):
            tally.rest_silent += 1
            tally.details.append(f"{name} {want['region']}: SILENT {key}: {rest[key]} for "
                                 f"{wanted_rest[key]}")
    flagged_rows = {i.municipality for i in issues if i.code in ("row_sum_mismatch",
                                                                 "ocr_uncertain")}
    flagged_cols = {i.column for i in issues if i.code in ("column_sum_mismatch",
                                                           "ocr_uncertain")}
    total_line_bad = any(i.municipality == got.total.label for i in issues)
    got_rows = [r.to_dict() for r in got.rows]
    columns = [*got.columns, "total"]
    # align expected and read rows by name and figures (rows may be lost or added)
    keys_w = [row_tuple(r) for r in rows]
    keys_g = [row_tuple(r) for r in got_rows]
    matcher = difflib.SequenceMatcher(a=[k[0] for k in keys_w], b=[k[0] for k in keys_g],
                                      autojunk=False)
    pairs: list[tuple[int | None, int | None]] = []
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and a1 - a0 == b1 - b0):
            pairs.extend(zip(range(a0, a1), range(b0, b1), strict=True))
        else:
            pairs.extend((i, None) for i in range(a0, a1))
            pairs.extend((None, j) for j in range(b0, b1))
    column_sums_fail = bool(flagged_cols)
    for i, j in pairs:
        if i is None:  # a row that is not printed: only the column sums can catch it
            assert j is not None
            extra = got_rows[j]
            if any(extra["counts"]) and not column_sums_fail:
                tally.silent += 1
                tally.details.append(f"{name} {want['region']}: SILENT extra row {extra}")
            continue
        want_row = rows[i]
        if j is None:
            if (any(want_row["counts"]) and not column_sums_fail):
                tally.silent += 1
                tally.details.append(f"{name} {want['region']}: SILENT lost row {want_row}")
            else:
                tally.flagged_rows += 1
                tally.details.append(f"{name} {want['region']}: lost row {want_row}")
            continue
        got_row = got_rows[j]
        name_ok = got_row["municipality"] == want_row["municipality"]
        name_flagged = any(i.code == "ocr_uncertain" and i.column is None
                           and i.municipality == got_row["municipality"] for i in issues)
        tally.names_silent += not name_ok and not name_flagged
        tally.names_flagged_right += name_ok and name_flagged
        figures_w = [*want_row["counts"], want_row["total"]]
        figures_g = [*got_row["counts"], got_row["total"]]
        figures_ok = figures_w == figures_g
        tally.names_exact += name_ok
        tally.figures_exact += figures_ok
        tally.exact += name_ok and figures_ok
        if name_ok and figures_ok:
            continue
        loud = got_row["municipality"] in flagged_rows
        for k, (a, b) in enumerate(zip(figures_w, figures_g, strict=True)):
            if a == b:
                continue
            tally.wrong_figures += 1
            if not (loud or columns[k] in flagged_cols):
                tally.silent += 1
                tally.details.append(f"{name} {want['region']}: SILENT {want_row['municipality']}"
                                     f" {columns[k]}: {b} for {a}")
        tally.flagged_rows += loud
        tally.details.append(f"{name} {want['region']}: {'flagged' if loud else 'not flagged'}"
                             f" {got_row['municipality']!r} {figures_g} for "
                             f"{want_row['municipality']!r} {figures_w}")
    want_total = [*want["total"]["counts"], want["total"]["total"]]
    got_total = [*got.total.counts, got.total.total]
    for k, (a, b) in enumerate(zip(want_total, got_total, strict=False)):
        if a != b:
            tally.wrong_figures += 1
            if not (total_line_bad or columns[k] in flagged_cols):
                tally.silent += 1
                tally.details.append(f"{name} {want['region']}: SILENT TOTAAL {columns[k]}: "
                                     f"{b} for {a}")


def run_file(path: Path, config: Config) -> Tally:
    tally = Tally()
    expected = json.loads(path.with_name(path.stem + ".expected.json").read_text("utf-8"))
    data = path.read_bytes()
    start = cpu_seconds()
    try:
        reports, pages, repaired = ocr_reports(data, config)
        error = None
    except TransparantieError as err:
        reports, pages, repaired, error = [], page_count(data), 0, err
    tally.cpu = cpu_seconds() - start
    tally.pages = pages
    tally.repaired = repaired
    if error is not None:
        tally.details.append(f"{path.name}: {error.code}: {error}")
    by_key = {(r.region, r.quarter.year, r.quarter.number): r for r in reports}
    for want in expected:
        got = by_key.get((want["region"], want["year"], want["quarter"]))
        if got is None and len(reports) == len(expected):
            got = reports[expected.index(want)]
        compare(path.name, want, got, tally)
    return tally


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def run(files: Sequence[Path], configs: Iterable[Config], detail: bool,
        out: list[str]) -> None:
    def say(line: str) -> None:
        print(line, flush=True)
        out.append(line)

    say("| set | configuration | pages | rows | rows exact | figures exact | names exact | "
        "wrong figures | silent | names silent | names flagged right | tables failed | "
        "heading, labels, footnote exact | heading, footnote silent | cells repaired | "
        "CPU s/page |")
    say("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for config in configs:
        for set_name, set_files in files_by_set(files).items():
            total = Tally()
            for path in set_files:
                print(f"  … {path.name} ({config.label})", file=sys.stderr, flush=True)
                total.add(run_file(path, config))
            say(f"| {set_name} | {config.label} | {total.pages} | {total.rows} | "
                f"{pct(total.exact, total.rows)} | {pct(total.figures_exact, total.rows)} | "
                f"{pct(total.names_exact, total.rows)} | {total.wrong_figures} | "
                f"**{total.silent}** | {total.names_silent} | {total.names_flagged_right} | "
                f"{total.tables_failed}/{total.tables} | {total.rest_exact}/{total.tables} | "
                f"**{total.rest_silent}** | "
                f"{total.repaired} | "
                f"{total.cpu / max(1, total.pages):.2f} |")
            if detail:
                for line in total.details:
                    print(f"    {line}", file=sys.stderr)


def files_by_set(files: Sequence[Path]) -> dict[str, list[Path]]:
    sets: dict[str, list[Path]] = {}
    for path in files:
        if path.parent == CLEAN:
            key = "clean renders"
        elif path.stem.startswith("bad-"):
            key = "badly degraded"
        else:
            key = "scans"
        sets.setdefault(key, []).append(path)
    return sets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, action="append", help="150, 200, 300 (repeatable)")
    parser.add_argument("--set", choices=("scans", "clean", "all"), default="all")
    parser.add_argument("--deskew", choices=("on", "off", "both"), default="both")
    parser.add_argument("--repair", choices=("on", "off", "both"), default="both")
    parser.add_argument("--only", action="append", help="file stems to read (repeatable)")
    parser.add_argument("--detail", action="store_true", help="list every row not exact")
    parser.add_argument("--psm", type=int, action="append",
                        help="page segmentation modes of the page read to compare at 200 dpi "
                             "(repeatable; default: only the module's own)")
    parser.add_argument("--grid", choices=("star", "full"), default="star",
                        help="star: vary dpi, deskew and repair one at a time around 200 dpi "
                             "with both on (default); full: every combination")
    args = parser.parse_args(argv)
    tesseract.check_tesseract()
    files: list[Path] = []
    if args.set in ("scans", "all"):
        files += sorted(SCANS.glob("*.pdf"))
    if args.set in ("clean", "all"):
        files += [CLEAN / f"{stem}.pdf" for stem in CLEAN_FILES]
    if args.only:
        files = [f for f in files if f.stem in args.only]
    dpis = args.dpi or [150, 200, 300]
    deskews = {"on": [True], "off": [False], "both": [True, False]}[args.deskew]
    repairs = {"on": [True], "off": [False], "both": [True, False]}[args.repair]
    if args.grid == "full":
        configs = [Config(d, s, r) for d in dpis for s in deskews for r in repairs]
    else:  # each choice varied on its own around the default (200 dpi, deskew, repair)
        configs = [Config(d, True, True) for d in dpis]
        configs += [Config(200, False, True)] if False in deskews else []
        configs += [Config(200, True, False)] if False in repairs else []
    if args.psm:
        configs = [Config(200, True, True, psm) for psm in args.psm]
    out = ["# OCR accuracy and speed", "",
           f"tesseract: {tesseract.tesseract_version()}; page psm {tesseract.PAGE_PSM}, "
           f"languages {program.LANGUAGES}", "",
           f"machine: {cpu_model()}, {os.cpu_count()} cores; Python "
           f"{platform.python_version()}, Pillow {package_version('pillow')}, pypdfium2 "
           f"{package_version('pypdfium2')}; load average (1/5/15 min) at start "
           f"{load_average()}", ""]
    for line in out:
        print(line)
    run(files, configs, args.detail, out)
    out += ["", f"load average at end {load_average()}"]
    print(out[-1])
    REPORT_PATH.write_text("\n".join(out) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
