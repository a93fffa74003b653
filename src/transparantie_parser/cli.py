"""The command line: ``convert`` an archive to CSV/JSON, ``validate`` it, ``inspect`` a file.

Exit codes: 0 every input parsed without validation issues; 1 an input failed or has
issues; 2 a usage error. No traceback reaches the user unless ``--debug`` asks for one.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import math
import os
import re
import shutil
import signal
import sys
import traceback
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple, NoReturn, TextIO

from . import __version__
from ._extras import MissingExtraError
from ._ocr.pages import OCR_MODES
from ._outcome import FileOutcome
from ._pdf.engine import ENGINES
from ._run.atomic import OutputRefused, atomic_output, output_target
from ._run.progress import Progress
from ._run.spool import ReportSpool
from .archive import Archive, Conflict, Duplicate, Event, FileCopy, Kept
from .batch import STDIN, MissingInput, ParseOptions, find_inputs, parse_files
from .records import RegionReport, ValidationIssue

if TYPE_CHECKING:
    from .panels import Panel
    from .workbook import Shape
from .writers import (
    CountCsvWriter,
    CsvRowWriter,
    CsvWriter,
    JsonLinesWriter,
    JsonListWriter,
    ProblemCsvWriter,
    RegionCsvWriter,
    ReportWriter,
)

_DEFAULTS = ParseOptions()
#: The environment variable a password is read from when no option gives one: the process
#: list shows a command line to every user of the machine, the environment to its owner only.
PASSWORD_ENV = "TRANSPARANTIE_PASSWORD"

PROG = "transparantie-parser"
FORMATS = ("csv", "jsonl", "json", "xlsx")
SHAPES = ("wide", "long")

_CONVERT_EXAMPLES = """\
examples:
  transparantie-parser convert archief/ -o klantprofielen.csv
  transparantie-parser convert 2020-Q4.pdf 2021-Q1.pdf -o - --format jsonl
  transparantie-parser convert archief/ -o uit.csv --regions regio.csv --excel-nl
  transparantie-parser convert archief/ -o archief.xlsx
  transparantie-parser convert archief/ -o lang.csv --shape long --problems problemen.csv
  transparantie-parser convert archief/ -o uit.csv --strict --jobs 2
  transparantie-parser convert scans/ -o scans.csv --regions regio.csv --timeout 0
  curl -s https://example.org/2020-Q4.pdf | transparantie-parser convert - -o 2020-Q4.csv
"""
_PANEL_EXAMPLES = """\
examples:
  transparantie-parser panel fixtures/archive -o panel.csv --problems bevindingen.csv
  transparantie-parser panel archief/ -o panel.xlsx
"""
_VALIDATE_EXAMPLES = """\
examples:
  transparantie-parser validate archief/
  transparantie-parser validate 2020-Q4-west-brabant.pdf
"""
_INSPECT_EXAMPLES = """\
examples:
  transparantie-parser inspect 2020-Q4-west-brabant.pdf
  transparantie-parser inspect 2020-Q4-west-brabant.pdf 2021-Q1-west-brabant.pdf
  transparantie-parser inspect gescand.pdf --ocr always
"""


class UsageError(Exception):
    """A mistake in the command line: exit code 2."""


class _Interrupted(Exception):
    """SIGTERM, turned into an exception so that the output is cleaned up."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more: {text!r}")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more seconds: {text!r}")
    return value


_SIZE = r"(\d+)([KMG](?:iB)?)?"
# Binary multiples, as file sizes are counted: 1K is 1024 bytes.
_MULTIPLES = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _size(text: str) -> int:
    match = re.fullmatch(_SIZE, text.strip(), re.IGNORECASE)
    if match is None:
        raise argparse.ArgumentTypeError(
            f"not a size like 128M (K, M, G: 1024-based): {text!r}")
    value = int(match[1]) * _MULTIPLES[(match[2] or "")[:1].lower()]
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 byte or more: {text!r}")
    return value


def _size_text(value: int) -> str:
    """A size as the option takes it: 134217728 -> ``128M``."""
    for suffix in "GMK":
        multiple = _MULTIPLES[suffix.lower()]
        if value % multiple == 0:
            return f"{value // multiple}{suffix}"
    return str(value)


def _add_reading(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=ENGINES, default=_DEFAULTS.engine,
                        help="PDF engine: pdfium (PDFium, several times faster) or "
                             "pdfplumber (pdfminer.six); the records are the same, and a file "
                             "one cannot read goes to the other (default: %(default)s)")
    parser.add_argument("--timeout", type=_seconds, default=_DEFAULTS.timeout, metavar="SECONDS",
                        help="give up on a file after this long; 0 for no limit; a page "
                             "read by OCR takes a few seconds (default: %(default)g)")
    parser.add_argument("--max-pages", type=_positive_int, default=_DEFAULTS.max_pages,
                        metavar="N", help="refuse files of more pages (default: %(default)s)")
    parser.add_argument("--max-bytes", type=_size, default=_DEFAULTS.max_bytes,
                        metavar="SIZE", help="refuse files larger than this, read or inflated: "
                                             "bytes, or a number with K, M or G (KiB, MiB, "
                                             "GiB: 1024-based) (default: "
                                             f"{_size_text(_DEFAULTS.max_bytes)})")
    parser.add_argument("--ocr", choices=OCR_MODES, default=_DEFAULTS.ocr,
                        help="read pages by OCR (needs tesseract with Dutch data): auto, "
                             "those without a text layer (scans), and scans whose OCR text "
                             "layer gives no readable table, when tesseract is installed; "
                             "always, every page; never, none (default: %(default)s)")
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument("--password", default=None, metavar="PASSWORD",
                        help="open PDFs that need a user password with this one (other users "
                             "of this machine can see it in the process list: prefer "
                             f"--password-file or ${PASSWORD_ENV})")
    secret.add_argument("--password-file", default=None, metavar="FILE",
                        help="open PDFs that need a user password with the first line of "
                             f"FILE (default: ${PASSWORD_ENV}, when set)")
    parser.add_argument("--debug", action="store_true",
                        help="show tracebacks of unexpected errors (for bug reports)")


def _add_batch(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="PDF files, .txt text extractions, folders (searched "
                             "recursively for *.pdf), or - for standard input")
    parser.add_argument("--strict", action="store_true",
                        help="a table whose figures do not add up counts as failed")
    parser.add_argument("--keep-duplicates", action="store_true",
                        help="read every copy of a file and keep every copy of a table found "
                             "in several files (default: each once, the first)")
    parser.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N",
                        help="parallel processes (default: number of CPUs)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar, no summary, no lines for copies left out "
                             "or for notes: only failures and errors")
    _add_reading(parser)


class _CommandParser(argparse.ArgumentParser):
    """A command's parser: an option it does not know is its own error, shown with its own
    usage (argparse would hand it up to the top-level parser and show that usage)."""

    def parse_known_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                         namespace: argparse.Namespace | None = None
                         ) -> tuple[argparse.Namespace, list[str]]:
        parsed, extra = super().parse_known_args(args, namespace)
        if extra:
            self.error(f"unrecognized arguments: {' '.join(extra)}")
        return parsed, extra


_COMMANDS = ("convert", "panel", "validate", "inspect")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser; with ``command``, one that knows that command only (its
    arguments are parsed and its errors and help shown as by the whole parser, which is
    built only for what names no command: half of it is ~1 ms of a cold start)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn UWV 'Transparantie van klantprofielen' PDFs into exact, validated "
                    "records (CSV, JSON).",
        epilog="Run '%(prog)s COMMAND --help' for each command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                     parser_class=_CommandParser)

    if command in (None, "convert"):
        _add_convert(commands)
    if command in (None, "panel"):
        _add_panel(commands)
    if command in (None, "validate"):
        _add_validate(commands)
    if command in (None, "inspect"):
        _add_inspect(commands)
    return parser


def _add_convert(commands: argparse._SubParsersAction[_CommandParser]) -> None:
    convert = commands.add_parser(
        "convert", help="convert PDFs (or folders of them) to CSV, JSON Lines, JSON or Excel",
        description="Convert PDFs, text extractions or folders of PDFs to one CSV (a row per "
                    "municipality), JSON Lines or JSON (a record per region table), or an "
                    "Excel workbook (sheets of municipalities, regions and problems).",
        epilog=_CONVERT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_batch(convert)
    convert.add_argument("-o", "--output", required=True, metavar="OUT",
                         help="output file (.csv, .jsonl, .json or .xlsx), or - for standard "
                              "output")
    convert.add_argument("--format", choices=FORMATS, default=None,
                         help="output format (default: from OUT's extension; csv for -); "
                              "xlsx needs the 'excel' extra")
    convert.add_argument("--shape", choices=SHAPES, default="wide",
                         help="CSV and Excel: a row per municipality (wide) or per "
                              "municipality and count column (long) (default: %(default)s)")
    convert.add_argument("--regions", metavar="REGIONS.csv", default=None,
                         help="also write one CSV row per region table (labels, totals, "
                              "footnote, computed share, issue codes)")
    convert.add_argument("--problems", metavar="PROBLEMS.csv", default=None,
                         help="also write one CSV row per file that failed and per validation "
                              "issue of a table")
    convert.add_argument("--excel-nl", action="store_true",
                         help="CSV for Dutch Excel: ';' separator, ',' decimals, UTF-8 BOM")


def _add_panel(commands: argparse._SubParsersAction[_CommandParser]) -> None:
    panel = commands.add_parser(
        "panel", help="the archive quarter by quarter: a column per period, and what changed",
        description="Read inputs like convert and write the archive as a panel: a row per "
                    "region, municipality and measure, a column per period; list what "
                    "changed between a region's quarters (membership_change, label_change, "
                    "gap, jump) on standard error and in --problems. An .xlsx panel adds a "
                    "findings sheet and a line chart per region.",
        epilog=_PANEL_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_batch(panel)
    panel.add_argument("-o", "--output", required=True, metavar="OUT",
                       help="output file (.csv, or .xlsx with the 'excel' extra), or - for "
                            "standard output (CSV)")
    panel.add_argument("--problems", metavar="PROBLEMS.csv", default=None,
                       help="also write one CSV row per file that failed, per validation "
                            "issue, per copy left out and per finding between quarters")
    panel.add_argument("--excel-nl", action="store_true",
                       help="CSV for Dutch Excel: ';' separator, ',' decimals, UTF-8 BOM")


def _add_validate(commands: argparse._SubParsersAction[_CommandParser]) -> None:
    validate = commands.add_parser(
        "validate", help="read inputs like convert, write nothing, list every problem",
        description="Read inputs like convert, write nothing, and list every error and "
                    "validation issue. Exit code 0 when all is well, 1 otherwise.",
        epilog=_VALIDATE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_batch(validate)


def _add_inspect(commands: argparse._SubParsersAction[_CommandParser]) -> None:
    inspect = commands.add_parser(
        "inspect", help="show the region tables of files, with issues highlighted",
        description="Show each region table of each file as a table in the terminal, with "
                    "its validation issues highlighted: the quick look before converting.",
        epilog=_INSPECT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    inspect.add_argument("files", nargs="+", metavar="FILE",
                         help="PDFs or .txt text extractions, each shown in turn")
    _add_reading(inspect)


# --- the options, once ----------------------------------------------------------------------

# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class _Options(NamedTuple):
    """What the command line asked for, read once from argparse's namespace: every command
    takes what it needs from here (``inputs`` are ``inspect``'s files too; the outputs
    are None where a command writes none)."""

    command: str
    inputs: tuple[str, ...]
    reading: ParseOptions
    jobs: int | None = None
    quiet: bool = False
    keep_duplicates: bool = False
    output: str | None = None
    format: str | None = None
    shape: Shape = "wide"
    regions: str | None = None
    problems: str | None = None
    excel_nl: bool = False

    @property
    def debug(self) -> bool:
        return self.reading.debug

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> _Options:
        given = vars(args)
        inputs = given["inputs"] if "inputs" in given else given["files"]
        reading = ParseOptions(
            engine=args.engine, timeout=args.timeout, max_pages=args.max_pages,
            max_bytes=args.max_bytes, strict=given.get("strict", False), debug=args.debug,
            password=_password(args), ocr=args.ocr)
        names = ("jobs", "quiet", "keep_duplicates", "output", "format", "shape", "regions",
                 "problems", "excel_nl")
        return cls(args.command, tuple(inputs), reading,
                   **{name: given[name] for name in names if name in given})


# --- shared reporting -----------------------------------------------------------------------

# Not an attrs class: one costs every start its building (docs/performance.md, a cold
# start).
class _Tally:
    """What a batch came to. ``tables`` and ``rows`` count what was kept (written, for
    convert); ``rejected`` the tables --strict left out, ``duplicates`` the copies of a table
    not kept again."""

    __slots__ = ("duplicates", "failed", "files", "issues", "read_in_part", "rejected", "rows",
                 "tables", "unreadable", "with_issues")

    def __init__(self) -> None:
        self.files = 0
        self.tables = 0
        self.rows = 0
        self.failed = 0
        self.rejected = 0
        self.duplicates = 0
        self.with_issues = 0
        self.issues = 0
        self.read_in_part = 0  # files with pages not read (scans, without OCR)
        self.unreadable = 0  # tables that cannot be read, in files whose other tables were read

    @property
    def clean(self) -> bool:
        return (self.failed == 0 and self.rejected == 0 and self.issues == 0
                and self.read_in_part == 0 and self.unreadable == 0)

    def count_issues(self, report: RegionReport) -> None:
        if report.issues:
            self.with_issues += 1
            self.issues += len(report.issues)

    def summary(self, verb: str, writing: bool) -> str:
        # a table --strict leaves out has failed, as a file that cannot be read has
        failed = f"{self.failed + self.rejected + self.unreadable} failed"
        why = []
        if self.unreadable:
            why.append(f"{self.unreadable} table(s) that cannot be read, in files whose "
                       "other tables were read")
        if self.rejected:
            why.append(f"{self.rejected} table(s) with issues left out by --strict"
                       f"{', not written' if writing else ''}")
        if why:
            failed += f" ({'; '.join(why)})"
        text = (f"{verb} {self.files} file(s): {self.tables} table(s), {self.rows} row(s); "
                f"{failed}; {self.issues} validation issue(s) in {self.with_issues} table(s)")
        if self.read_in_part:
            text += f"; {self.read_in_part} file(s) read in part (pages without text not read)"
        if self.duplicates:
            text += (f"; {self.duplicates} duplicate table(s) "
                     f"{'not written' if writing else 'not counted'} again")
        return text


def _report_label(report: RegionReport) -> str:
    return f"{report.region} {report.quarter}"


def _one_line(text: str) -> str:
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _error_line(outcome: FileOutcome) -> str:
    return _one_line(f"{outcome.path}: {outcome.error_code}: {outcome.error_message}")


def _failure_lines(outcome: FileOutcome, *, notes: bool = True) -> list[str]:
    """A line for each table of ``outcome`` that cannot be read, and (``notes``) each left
    out as no region table."""
    lines = [_one_line(f"{outcome.path}: {failure.code}: {failure}")
             for failure in outcome.table_failures]
    if notes:
        lines.extend(_one_line(f"{outcome.path}: note: {note}") for note in outcome.left_out)
    return lines


def _issue_lines(report: RegionReport, path: str,
                 issues: Iterable[ValidationIssue] | None = None) -> Iterator[str]:
    """A line for each of ``issues`` of ``report`` (all of them when None)."""
    for issue in report.issues if issues is None else issues:
        yield _one_line(f"{path}: {issue.code}: {_report_label(report)}: {issue.message}")


def _password(args: argparse.Namespace) -> str | None:
    """The password for PDFs that need one: --password, the first line of --password-file
    (its line break is no part of it), or $TRANSPARANTIE_PASSWORD; None without any."""
    path: str | None = args.password_file
    if path is None:
        given: str | None = args.password
        return given if given is not None else os.environ.get(PASSWORD_ENV)
    try:
        with open(path, encoding="utf-8") as handle:
            line = handle.readline()
    except (OSError, UnicodeDecodeError) as err:
        why = err.strerror if isinstance(err, OSError) else "not UTF-8 text"
        raise UsageError(f"--password-file {path!r} cannot be read: {why}") from None
    return line.rstrip("\r\n")


def _check_ocr(opts: _Options) -> None:
    """``--ocr always`` on a machine without tesseract: said once, before anything is read
    (each file would fail with ``ocr_unavailable``)."""
    if opts.reading.ocr != "always":
        return
    from ._ocr.tesseract import install_hint, tesseract_problem

    problem = tesseract_problem()
    if problem is not None:
        raise UsageError(f"--ocr always: ocr_unavailable: {problem}: {install_hint()}; nothing "
                         "was read, no output was written or changed")


def _bar_would_mix_with_data(opts: _Options) -> bool:
    """Does data go to standard output, and is that the terminal the progress bar draws on
    (standard error)? Then a bar would run into the first line of data."""
    if "-" not in (opts.output, opts.regions, opts.problems):
        return False
    try:
        return os.path.samestat(os.fstat(sys.stdout.fileno()), os.fstat(sys.stderr.fileno()))
    except (OSError, ValueError, io.UnsupportedOperation):
        return sys.stdout.isatty()


def _structure_notes(report: RegionReport, path: str) -> list[str]:
    """Where a tagged file's structure tree differed from the text, or read a table alone:
    said on standard error too (never a silent choice), without changing the exit code."""
    if report.structure not in ("differed", "only"):
        return []
    return [_one_line(f"{path}: note: {report.region} {report.quarter}: structure "
                      f"{report.structure}: {note}") for note in report.structure_notes]


# Not an attrs class: one costs every start its building (docs/performance.md, a cold
# start).
class _Batch:
    """One batch on its way to the writers: each outcome goes into the archive (which keeps
    the tables until every file is read: a conflict found late reaches the table written
    first), is counted, and its lines for standard error are made (with ``quiet``, only
    failures and errors)."""

    __slots__ = ("archive", "conflict_tail", "quiet", "tally", "writing")

    def __init__(self, tally: _Tally, archive: Archive, *, writing: bool, quiet: bool = False,
                 conflict_tail: str = "") -> None:
        self.tally = tally
        self.archive = archive
        self.writing = writing
        self.quiet = quiet
        self.conflict_tail = conflict_tail  # what became of a conflict's tables, after its line

    def take(self, outcome: FileOutcome) -> list[str]:
        """Count ``outcome``, keep its tables; its lines for standard error."""
        self.tally.files += 1
        events = self.archive.take(outcome)
        if outcome.copy_of is not None:  # one line for the file, its tables counted
            lines = [line for e in events if isinstance(e, FileCopy)
                     for line in self._event_lines(e)]
            self.tally.duplicates += sum(isinstance(e, Duplicate) for e in events)
            return lines
        lines = self._file_lines(outcome)
        for event in events:
            lines.extend(self._event_lines(event))
        return lines

    def _file_lines(self, outcome: FileOutcome) -> list[str]:
        lines = [_error_line(outcome)] if outcome.failed else []
        lines.extend(_one_line(f"{outcome.path}: note: {note}") for note in outcome.notes)
        lines.extend(_failure_lines(outcome, notes=not self.quiet))
        self.tally.read_in_part += bool(outcome.notes)
        self.tally.failed += int(outcome.failed)
        self.tally.unreadable += len(outcome.table_failures)
        for report in outcome.rejected:
            self.tally.rejected += 1
            self.tally.count_issues(report)
            lines.extend(self._issue_lines(report, outcome.path))
        return lines

    @property
    def _or_written(self) -> str:
        return " or written" if self.writing else ""

    def _event_lines(self, event: Event) -> list[str]:
        if isinstance(event, Kept):
            path = event.report.source or "<unnamed>"
            notes = [] if self.quiet else _structure_notes(event.report, path)
            return [*notes, *self._issue_lines(event.report, path)]
        if isinstance(event, Conflict):
            return [_one_line(f"{event.report.source}: conflict: {event}{self.conflict_tail}")]
        if isinstance(event, FileCopy):
            said = f"{event.path}: duplicate: {event}; not read{self._or_written} again"
            return [] if self.quiet else [_one_line(said)]
        if self.archive.keep_duplicates:
            return []  # kept as well: no copy left out
        self.tally.duplicates += 1
        return [] if self.quiet else self._duplicate_lines(event)

    def _duplicate_lines(self, duplicate: Duplicate) -> list[str]:
        verb = "written" if self.writing else "counted"
        return [_one_line(f"{duplicate.report.source}: duplicate: {duplicate}; not {verb} "
                          "again")]

    def _issue_lines(self, report: RegionReport, path: str,
                     issues: Iterable[ValidationIssue] | None = None) -> list[str]:
        shown = report.issues if issues is None else issues
        if self.quiet:
            shown = [issue for issue in shown if issue.severity == "error"]  # no notes
        return list(_issue_lines(report, path, shown))

    def settled(self) -> Iterator[tuple[RegionReport, list[str]]]:
        """The kept tables in input order, with their conflict issues and the names a text
        layer of the batch puts right, counted; each with its lines for standard error
        (the names put right: the rest was said as the table came)."""
        for report in self.archive.settled():
            self.tally.tables += 1
            self.tally.rows += len(report.rows)
            self.tally.count_issues(report)
            matched = [i for i in report.issues if i.code == "ocr_name_matched"]
            yield report, self._issue_lines(report, report.source or "<unnamed>", matched)


def _read_batch(opts: _Options, inputs: Sequence[str | MissingInput], archive: Archive,
                writing: bool, conflict_tail: str) -> _Batch:
    """Read every input into ``archive``, saying on standard error what each came to."""
    outcomes = parse_files(inputs, opts.reading, jobs=opts.jobs,
                           read_copies_once=not opts.keep_duplicates)
    progress = Progress(len(inputs), sys.stderr.isatty() and not opts.quiet
                        and not _bar_would_mix_with_data(opts))
    batch = _Batch(_Tally(), archive, writing=writing, quiet=opts.quiet,
                   conflict_tail=conflict_tail)
    for outcome in outcomes:
        progress.advance(outcome.path)
        lines = batch.take(outcome)
        if lines:
            progress.clear()
            print("\n".join(lines), file=sys.stderr)
    progress.clear()
    return batch


def _run_batch(opts: _Options, inputs: Sequence[str | MissingInput],
               writers: Sequence[ReportWriter], verb: str) -> int:
    with ReportSpool() as kept:
        archive = Archive(keep_duplicates=opts.keep_duplicates, store=kept)
        batch = _read_batch(opts, inputs, archive, writing=bool(writers),
                            conflict_tail="; both written" if writers else "")
        for report, lines in batch.settled():
            if lines:
                print("\n".join(lines), file=sys.stderr)
            for writer in writers:
                writer.write(report)
    for writer in writers:
        for problem in archive.problems:
            writer.write_problem(problem)
        writer.close()
    if not opts.quiet:
        print(batch.tally.summary(verb, batch.writing), file=sys.stderr)
    return 0 if batch.tally.clean else 1


def _find(names: Sequence[str], consequence: str) -> list[str | MissingInput]:
    """The inputs to read; each that names nothing is listed on standard error, and then
    the run stops as a usage error, before any worker starts or any output is opened."""
    if STDIN in names and sys.stdin is not None and sys.stdin.isatty():
        raise UsageError("'-' reads standard input, which is this terminal: pipe a PDF or "
                         "text into it (... < 2020-Q4.pdf)")
    found = find_inputs(names)
    missing = [p for p in found if isinstance(p, MissingInput)]
    for item in missing:
        print(_one_line(f"{item.path}: {item.code}: {item.message}"), file=sys.stderr)
    if missing:
        many = len(missing) > 1
        raise UsageError(f"{len(missing)} input{'s' if many else ''} name{'' if many else 's'}"
                         f" nothing to read{consequence}")
    return found


# --- commands -------------------------------------------------------------------------------

def _format_of_name(path: str) -> str | None:
    """The format a file name says (its extension), None when it says none we write."""
    extension = os.path.splitext(path)[1].lower().lstrip(".")
    if extension == "ndjson":
        return "jsonl"
    return extension if extension in FORMATS else None


def _format(opts: _Options) -> str:
    output = opts.output
    assert output is not None  # -o is required
    said = None if output == "-" else _format_of_name(output)
    if opts.format:
        if said is not None and said != opts.format:
            raise UsageError(f"--format {opts.format}, but {output!r} names a {said} file; "
                             "change one of them")
        return opts.format
    if output == "-":
        return "csv"
    if said is not None:
        return said
    raise UsageError(f"cannot tell the format from {output!r}: use --format csv, jsonl, "
                     "json or xlsx")


def _check_side_csv(option: str, path: str | None, taken: str) -> None:
    """--regions and --problems are CSV, and share standard output with nothing: ``taken``
    is the error when standard output is another output's already."""
    if path is None:
        return
    if path == "-" and taken:
        raise UsageError(taken)
    said = None if path == "-" else _format_of_name(path)
    if said is not None and said != "csv":
        raise UsageError(f"{option} writes CSV, but {path!r} names a {said} file; give "
                         "it a .csv name")


def _check_side_outputs(opts: _Options) -> None:
    regions_taken = "-o and --regions cannot both be standard output; name a file for " \
                    "--regions"
    _check_side_csv("--regions", opts.regions, regions_taken if opts.output == "-" else "")
    problems_taken = "--problems and another output cannot both be standard output; name a " \
                     "file for --problems"
    _check_side_csv("--problems", opts.problems,
                    problems_taken if "-" in (opts.output, opts.regions) else "")


def _check_shape(opts: _Options, fmt: str) -> None:
    if fmt == "xlsx" and opts.output == "-":
        raise UsageError("an Excel workbook cannot go to standard output; name a .xlsx file")
    if opts.shape == "long" and fmt not in ("csv", "xlsx"):
        raise UsageError("--shape long applies to CSV and Excel output")


def _check_output(path: str, inputs: Sequence[str], what: str) -> None:
    try:
        target = output_target(path)
    except OutputRefused as err:
        raise UsageError(f"{what} {err}") from None
    if target.through:  # a device or a pipe: written in place, its folder is not touched
        if not os.access(target.path, os.W_OK):
            raise UsageError(f"{what} {path!r} cannot be written (permission denied)")
        return
    _check_writable(target.path, path, what)
    if os.path.exists(target.path):
        _check_not_an_input(target.path, path, inputs, what)


def _check_writable(file: str, path: str, what: str) -> None:
    """A file can be made or replaced at ``file`` (``path`` as given)."""
    folder = os.path.dirname(file) or "."
    if not os.path.isdir(folder):
        raise UsageError(f"{what} {path!r}: the folder {folder!r} does not exist")
    if not os.access(folder, os.W_OK) or (os.path.exists(file)
                                          and not os.access(file, os.W_OK)):
        raise UsageError(f"{what} {path!r} cannot be written (permission denied)")


def _check_not_an_input(file: str, path: str, inputs: Sequence[str], what: str) -> None:
    for candidate in inputs:
        if os.path.isfile(candidate) and os.path.samefile(file, candidate):
            raise UsageError(f"{what} {path!r} is also an input; it would be overwritten")


def _make_writer(fmt: str, stream: TextIO, excel_nl: bool, shape: Shape) -> ReportWriter:
    if fmt == "xlsx":
        try:
            from .workbook import WorkbookWriter  # only for workbooks: start-up stays light

            return WorkbookWriter(stream.buffer, shape=shape)  # a zip file: bytes
        except MissingExtraError as err:
            raise UsageError(str(err)) from None
    if fmt == "csv":
        return (CountCsvWriter if shape == "long" else CsvRowWriter)(stream, excel_nl=excel_nl)
    if fmt == "jsonl":
        return JsonLinesWriter(stream)
    return JsonListWriter(stream)


def _check_outputs(opts: _Options, files: Sequence[str]) -> None:
    """The output files can be written, none is an input, and no two are the same file."""
    output = opts.output
    assert output is not None  # -o is required
    if output != "-":
        _check_output(output, files, "output")
    _check_other_output("--regions", opts.regions, [*files, output], {"-o": output})
    _check_other_output("--problems", opts.problems, [*files, output],
                       {"-o": output, "--regions": opts.regions})


def _check_other_output(option: str, path: str | None, inputs: Sequence[str],
                       others: dict[str, str | None]) -> None:
    """A side output (``--regions``, ``--problems``) can be written, is no input, and is
    none of the ``others`` outputs (by option)."""
    if not path or path == "-":
        return
    _check_output(path, inputs, option)
    for other_option, other in others.items():
        if other and _same_file(path, other):
            raise UsageError(f"{option} must name another file than {other_option}")


def _same_file(one: str, other: str) -> bool:
    """Two output names replace the same file (a device or pipe may take both)."""
    if "-" in (one, other):
        return False
    first, second = output_target(one), output_target(other)
    return not first.through and first.path == second.path


def _writers(opts: _Options, fmt: str, out: TextIO, reg: TextIO | None,
             prob: TextIO | None) -> list[ReportWriter]:
    writers = [_make_writer(fmt, out, opts.excel_nl, opts.shape)]
    if reg is not None:
        writers.append(RegionCsvWriter(reg, excel_nl=opts.excel_nl))
    if prob is not None:
        writers.append(ProblemCsvWriter(prob, excel_nl=opts.excel_nl))
    return writers


def _warn_ragged(writers: Sequence[ReportWriter]) -> None:
    for writer in writers:
        if isinstance(writer, CsvWriter) and writer.ragged:
            print(f"{PROG}: warning: some tables have {writer.widest} count columns; "
                  "their rows are longer than the header", file=sys.stderr)


def _convert(opts: _Options) -> int:
    # what names nothing, a folder or an input first: a format would not mend those
    inputs = _find(opts.inputs, "; no output was written or changed")
    _check_outputs(opts, [p for p in inputs if isinstance(p, str)])
    fmt = _format(opts)
    if opts.excel_nl and fmt != "csv":
        raise UsageError("--excel-nl applies to CSV output only")
    _check_shape(opts, fmt)
    _check_side_outputs(opts)
    with _output(opts.output) as out, _output(opts.regions) as reg, \
            _output(opts.problems) as prob:
        assert out is not None  # -o is required
        writers = _writers(opts, fmt, out, reg, prob)
        status = _run_batch(opts, inputs, writers, "converted")
        _warn_ragged(writers)
    if not opts.quiet and opts.output != "-":
        print(f"wrote {_listing([opts.output, opts.regions, opts.problems])}",
              file=sys.stderr)
    return status


def _listing(names: Sequence[str | None]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    given = [name for name in names if name]
    return ", ".join(given[:-1]) + " and " + given[-1] if len(given) > 1 else given[0]


@contextlib.contextmanager
def _output(path: str | None) -> Iterator[TextIO | None]:
    """An atomic output file for a path, standard output for ``-``, nothing for None."""
    if path is None:
        yield None
    elif path == "-":
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(encoding="utf-8", newline="")
        yield sys.stdout
        sys.stdout.flush()
    else:
        try:
            context = atomic_output(path)
            stream = context.__enter__()
        except OutputRefused as err:
            raise UsageError(str(err)) from None
        except OSError as err:
            raise UsageError(f"cannot write {path!r}: {err.strerror}") from None
        with contextlib.ExitStack() as stack:
            stack.push(context)
            yield stream


def _validate(opts: _Options) -> int:
    return _run_batch(opts, _find(opts.inputs, "; nothing was validated"), [], "validated")


# --- panel ----------------------------------------------------------------------------------

def _panel_format(opts: _Options) -> str:
    fmt = _format(opts)
    if fmt not in ("csv", "xlsx"):
        raise UsageError(f"panel writes CSV or an Excel workbook, not {fmt}: name a .csv or "
                         ".xlsx file")
    if opts.excel_nl and fmt != "csv":
        raise UsageError("--excel-nl applies to CSV output only")
    _check_shape(opts, fmt)
    if fmt == "xlsx":  # said before a whole archive is read
        from ._extras import require

        try:
            require("xlsxwriter", package="XlsxWriter", extra="excel",
                    purpose="writing an Excel workbook (.xlsx)")
        except MissingExtraError as err:
            raise UsageError(str(err)) from None
    return fmt


def _panel(opts: _Options) -> int:
    from .panels import panel as make_panel

    fmt = _panel_format(opts)
    _check_side_outputs(opts)
    inputs = _find(opts.inputs, "; no output was written or changed")
    _check_outputs(opts, [p for p in inputs if isinstance(p, str)])
    with ReportSpool() as kept:
        archive = Archive(keep_duplicates=opts.keep_duplicates, store=kept)
        batch = _read_batch(opts, inputs, archive, writing=True,
                            conflict_tail="; left empty in the panel")
        reports = []
        for report, lines in batch.settled():
            if lines:
                print("\n".join(lines), file=sys.stderr)
            reports.append(report)
    if not reports:
        print(f"{PROG}: error: no readable table in the {_count_of(len(inputs), 'input')}: "
              "no panel was written", file=sys.stderr)
        return 1
    result = make_panel(reports)
    _write_panel(opts, fmt, result, archive)
    if not opts.quiet:
        for finding in result.findings:
            print(_one_line(str(finding)), file=sys.stderr)
        print(f"{batch.tally.summary('read', True)}; {_panel_summary(result)}",
              file=sys.stderr)
        if opts.output != "-":
            print(f"wrote {_listing([opts.output, opts.problems])}", file=sys.stderr)
    return 0 if batch.tally.clean else 1  # findings are facts about the archive


def _count_of(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _panel_summary(result: Panel) -> str:
    shape = (f"panel of {_count_of(len(result.regions), 'region')} over "
             f"{_count_of(len(result.periods), 'period')}, {len(result.rows)} row(s)")
    found = (f"{_count_of(len(result.findings), 'finding')} between quarters"
             if result.findings else "no findings between quarters")
    return f"{shape}; {found}"


def _write_panel(opts: _Options, fmt: str, result: Panel, archive: Archive) -> None:
    from .panels import write_panel_csv

    with _output(opts.output) as out, _output(opts.problems) as prob:
        assert out is not None  # -o is required
        if fmt == "xlsx":
            from ._panel_book import write_panel_workbook

            write_panel_workbook(out.buffer, result)  # a zip file: bytes
        else:
            write_panel_csv(out, result, excel_nl=opts.excel_nl)
        if prob is not None:
            problems = ProblemCsvWriter(prob, excel_nl=opts.excel_nl)
            for problem in (*archive.problems, *(f.problem() for f in result.findings)):
                problems.write_problem(problem)
            problems.close()


# --- inspect --------------------------------------------------------------------------------

def _check_files_only(inputs: Sequence[str]) -> None:
    for name in inputs:
        if os.path.isdir(name):
            raise UsageError(f"{name!r} is a folder; inspect takes files "
                             "(use validate for folders)")


def _has_problems(outcome: FileOutcome) -> bool:
    """A file read with a table that cannot be read, or a table with issues."""
    return bool(outcome.table_failures) or any(r.issues for r in outcome.reports)


def _inspect(opts: _Options) -> int:
    from ._run.terminal import DEFAULT_WIDTH, render_report

    _check_files_only(opts.inputs)
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    # the terminal's width, or $COLUMNS; 80 when neither says (a pipe, a file)
    width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    status, shown = 0, False
    for outcome in parse_files(_find(opts.inputs, ""), opts.reading, jobs=1):
        sys.stdout.flush()  # in order with what was shown before it
        if outcome.failed:
            print(_error_line(outcome), file=sys.stderr)
            status = 1
            continue
        for line in _failure_lines(outcome):
            print(line, file=sys.stderr)
        tables = [render_report(r, colour=colour, width=width) for r in outcome.reports]
        print("\n\n".join(["", *tables] if shown else tables))
        shown = True
        status = max(status, int(_has_problems(outcome)))
    return status


# --- entry point ----------------------------------------------------------------------------

def _on_sigterm(_signum: int, _frame: object) -> NoReturn:
    raise _Interrupted()


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(given[0] if given and given[0] in _COMMANDS else None)
    args = parser.parse_args(given)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        opts = _Options.from_args(args)
        command = {"convert": _convert, "validate": _validate, "inspect": _inspect,
                   "panel": _panel}
        _check_ocr(opts)
        return command[opts.command](opts)
    except UsageError as err:
        parser.exit(2, f"{PROG}: error: {err}\n")
    except (KeyboardInterrupt, _Interrupted) as stop:
        print(f"\n{PROG}: interrupted; no output was written", file=sys.stderr)
        # the shell's code for a program ended by the signal: 128 + SIGINT (2) or SIGTERM (15)
        return 128 + (signal.SIGTERM if isinstance(stop, _Interrupted) else signal.SIGINT)
    except BrokenPipeError:
        # the reader of standard output went away (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as err:
        if args.debug:
            traceback.print_exc()
        else:
            print(f"{PROG}: internal error: {type(err).__name__}: {err} "
                  "(run with --debug for details)", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)


def run() -> int:
    """The program, as the console script and ``python -m transparantie_parser`` start it:
    :func:`main` on this process's command line."""
    # What is loaded by now lives as long as the process: frozen, no garbage collection
    # walks it again (the one at exit included) and a forked worker leaves its pages shared.
    # What is loaded later (the PDF engine, when a file is read) is frozen as a worker forks.
    gc.freeze()
    if hasattr(os, "register_at_fork"):  # not on Windows, where workers are spawned
        os.register_at_fork(before=gc.freeze)
    return _end(main())


def _end(code: int) -> int:
    """End the process with ``code`` once the standard streams are flushed (the outputs are
    closed by now): tearing the interpreter down, every module and object freed one by one,
    writes nothing and was 5 ms of a cold convert's CPU. A stream that cannot be flushed, or
    a tracer or profiler (coverage, cProfile: they write their data at exit), leaves the
    ending to the interpreter: ``code`` is returned."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return code
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):  # a closed pipe, a closed stream: the interpreter says so
        return code
    os._exit(code)


if __name__ == "__main__":
    sys.exit(run())
