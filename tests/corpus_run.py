"""Robustness run over a folder of real-world PDFs (public test suites): read every PDF with
both engines and compare what came of it.

    cd /work/main && .venv/bin/python -m tests.corpus_run DIR [--jobs N] [--out results.jsonl]

None of these files is a UWV publication, so for each file the expected outcome is an error
code, the same from both engines, and never a raw exception (``internal_error``). For each
PDF under DIR (recursively, ``*.pdf`` in any case) the run records the outcome code of
each engine (``ok`` when reports came back, else the error code, including
``internal_error``, ``timeout`` and ``crashed``) with its message, writes one JSON line per
file to ``--out``, and prints a summary: files, agreement rate, counts per
(pdfplumber code, pdfium code) pair, every file that yielded a report, every
``internal_error``/``crashed``, and the wall time per engine.

``--summary results.jsonl`` prints the summary of an earlier run without reading any PDF.
The exit status is 1 when a file yielded a report, raised a raw exception or crashed its
worker, or when the engines agree on fewer than ``--min-agreement`` percent of the files.

Standard library and the package's public batch API only: each engine reads the files in
worker processes with a time limit (``transparantie_parser.batch.parse_files``).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from transparantie_parser.batch import FileOutcome, ParseOptions, find_inputs, parse_files

ENGINES = ("pdfplumber", "pdfium")
#: Codes that mean "a bug", not "this file cannot be read".
BUG_CODES = frozenset({"internal_error", "crashed"})

Record = dict[str, Any]


def _outcome(outcome: FileOutcome) -> dict[str, Any]:
    if outcome.error_code is None:
        regions = ", ".join(str(getattr(r, "region", "?")) for r in outcome.reports)
        return {"code": "ok", "message": f"{len(outcome.reports)} report(s): {regions}",
                "reports": len(outcome.reports)}
    return {"code": outcome.error_code, "message": outcome.error_message or ""}


def run_engine(
    paths: Sequence[str], engine: str, *, jobs: int, timeout: float, quiet: bool
) -> tuple[list[dict[str, Any]], float]:
    """The outcome of each path with ``engine``, in order, and the wall time in seconds."""
    options = ParseOptions(engine=engine, timeout=timeout)  # type: ignore[arg-type]
    started = time.monotonic()
    results: list[dict[str, Any]] = []
    for n, outcome in enumerate(parse_files(list(paths), options, jobs=jobs), 1):
        results.append(_outcome(outcome))
        if not quiet and (n % 100 == 0 or n == len(paths)):
            elapsed = time.monotonic() - started
            print(f"  {engine}: {n}/{len(paths)} files, {elapsed:.0f} s", file=sys.stderr,
                  flush=True)
    return results, time.monotonic() - started


def run(root: str, *, jobs: int, timeout: float, engines: Sequence[str],
        quiet: bool) -> tuple[list[Record], dict[str, float]]:
    paths = [p for p in find_inputs([root]) if isinstance(p, str)]
    records: list[Record] = [
        {"path": os.path.relpath(p, root), "size": os.path.getsize(p)} for p in paths]
    seconds: dict[str, float] = {}
    for engine in engines:
        if not quiet:
            print(f"{engine}: {len(paths)} files, {jobs} job(s), timeout {timeout:g} s",
                  file=sys.stderr, flush=True)
        outcomes, seconds[engine] = run_engine(
            paths, engine, jobs=jobs, timeout=timeout, quiet=quiet)
        for record, outcome in zip(records, outcomes, strict=True):
            record[engine] = outcome
    return records, seconds


def _code(record: Record, engine: str) -> str:
    return str(record.get(engine, {}).get("code", "-"))


def summarize(records: Sequence[Record], seconds: dict[str, float], *,
              show: int, min_agreement: float, out: Any = sys.stdout) -> bool:
    """Print the summary; True when the run meets the bar (see the module's doc)."""
    engines = [e for e in ENGINES if any(e in r for r in records)]

    def say(text: str = "") -> None:
        print(text, file=out)

    say(f"files: {len(records)}")
    for engine in engines:
        if engine in seconds:
            say(f"wall time {engine}: {seconds[engine]:.1f} s")
    passed = True
    if len(engines) == 2:
        first, second = engines
        pairs = Counter((_code(r, first), _code(r, second)) for r in records)
        agree = sum(n for (a, b), n in pairs.items() if a == b)
        rate = 100 * agree / len(records) if records else 100.0
        say(f"agreement: {agree}/{len(records)} = {rate:.2f} %")
        passed = rate >= min_agreement
        say()
        say(f"{'count':>6}  {first:<16} {second:<16}")
        for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
            mark = "" if a == b else "  *"
            say(f"{n:>6}  {a:<16} {b:<16}{mark}")
        if show:
            for (a, b), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
                if a == b:
                    continue
                say()
                say(f"-- {first}={a} / {second}={b} ({n} files)")
                shown = [r for r in records if (_code(r, first), _code(r, second)) == (a, b)]
                for r in shown[:show]:
                    say(f"  {r['path']}")
                    for engine in engines:
                        say(f"      {engine}: {r[engine]['message']}")
                if len(shown) > show:
                    say(f"  ... and {len(shown) - show} more")
    for title, wanted in (("files that yielded a report", {"ok"}),
                          ("internal errors and crashed workers (bugs)", BUG_CODES)):
        hits = [(r, e) for r in records for e in engines if _code(r, e) in wanted]
        say()
        say(f"{title}: {len(hits)}")
        for r, engine in hits:
            say(f"  {r['path']} [{engine}] {_code(r, engine)}: {r[engine]['message']}")
        passed = passed and not hits
    return passed


def _load(path: str) -> tuple[list[Record], dict[str, float]]:
    records: list[Record] = []
    seconds: dict[str, float] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            if "wall_seconds" in item:
                seconds = item["wall_seconds"]
            else:
                records.append(item)
    return records, seconds


def _save(path: str, records: Iterable[Record], seconds: dict[str, float]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.write(json.dumps({"wall_seconds": seconds}) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.corpus_run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", help="folder searched recursively for *.pdf")
    parser.add_argument("--jobs", "-j", type=int, default=2, help="worker processes (2)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per file (60)")
    parser.add_argument("--out", help="write one JSON line per file here")
    parser.add_argument("--engines", default=",".join(ENGINES),
                        help="comma-separated engines to run (both)")
    parser.add_argument("--summary", metavar="RESULTS.jsonl",
                        help="summarize an earlier run's --out instead of reading PDFs")
    parser.add_argument("--show", type=int, default=5,
                        help="list up to this many files of each disagreeing pair (5)")
    parser.add_argument("--min-agreement", type=float, default=98.0,
                        help="percent of files on which the engines must agree (98)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    if args.summary:
        records, seconds = _load(args.summary)
    elif args.folder and os.path.isdir(args.folder):
        engines = [e.strip() for e in args.engines.split(",") if e.strip()]
        unknown = set(engines) - set(ENGINES)
        if unknown:
            parser.error(f"unknown engine(s): {', '.join(sorted(unknown))}")
        records, seconds = run(args.folder, jobs=args.jobs, timeout=args.timeout,
                               engines=engines, quiet=args.quiet)
        if not records:
            parser.error(f"{args.folder} holds no PDF files")
        if args.out:
            _save(args.out, records, seconds)
    else:
        parser.error("name a folder of PDFs (or --summary RESULTS.jsonl)")
    ok = summarize(records, seconds, show=args.show, min_agreement=args.min_agreement)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
