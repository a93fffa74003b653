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
from typing import TYPE_CHECKING, NoReturn, TextIO

import attrs

from . import __version__
from ._atomic import atomic_output
from ._engine import ENGINES
from ._extras import MissingExtraError
from ._ocr_pages import OCR_MODES
from ._progress import Progress
from ._spool import ReportSpool
from .archive import ArchiveIndex, Conflict, Duplicate
from .batch import STDIN, FileOutcome, MissingInput, ParseOptions, find_inputs, parse_files
from .problems import ProblemList
from .records import RegionReport, ValidationIssue

if TYPE_CHECKING:
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
_VALIDATE_EXAMPLES = """\
examples:
  transparantie-parser validate archief/
  transparantie-parser validate 2020-Q4-west-brabant.pdf
"""
_INSPECT_EXAMPLES = """\
examples:
  transparantie-parser inspect 2020-Q4-west-brabant.pdf
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
    parser.add_argument("--password", default=None, metavar="PASSWORD",
                        help="open PDFs that need a user password with this one (other users "
                             "of this machine can see it in the process list)")
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
                        help="no progress bar and no summary; errors are still shown")
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn UWV 'Transparantie van klantprofielen' PDFs into exact, validated "
                    "records (CSV, JSON).",
        epilog="Run '%(prog)s COMMAND --help' for each command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True,
                                     parser_class=_CommandParser)

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

    validate = commands.add_parser(
        "validate", help="read inputs like convert, write nothing, list every problem",
        description="Read inputs like convert, write nothing, and list every error and "
                    "validation issue. Exit code 0 when all is well, 1 otherwise.",
        epilog=_VALIDATE_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_batch(validate)

    inspect = commands.add_parser(
        "inspect", help="show the region tables of one file, with issues highlighted",
        description="Show each region table of one file as a table in the terminal, with "
                    "its validation issues highlighted: the quick look before converting.",
        epilog=_INSPECT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    inspect.add_argument("file", metavar="FILE", help="a PDF or a .txt text extraction")
    _add_reading(inspect)
    return parser


# --- shared reporting -----------------------------------------------------------------------

@attrs.define
class _Tally:
    """What a batch came to. ``tables`` and ``rows`` count what was kept (written, for
    convert); ``rejected`` the tables --strict left out, ``duplicates`` the copies of a table
    not kept again."""

    files: int = 0
    tables: int = 0
    rows: int = 0
    failed: int = 0
    rejected: int = 0
    duplicates: int = 0
    with_issues: int = 0
    issues: int = 0
    read_in_part: int = 0  # files with pages not read (scans, without OCR)
    unreadable: int = 0  # tables that cannot be read, in files whose other tables were read

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


def _failure_lines(outcome: FileOutcome) -> list[str]:
    """A line for each table of ``outcome`` that cannot be read, and each left out."""
    lines = [_one_line(f"{outcome.path}: {failure.code}: {failure}")
             for failure in outcome.table_failures]
    lines.extend(_one_line(f"{outcome.path}: note: {note}") for note in outcome.left_out)
    return lines


def _issue_lines(report: RegionReport, path: str,
                 issues: Iterable[ValidationIssue] | None = None) -> Iterator[str]:
    """A line for each of ``issues`` of ``report`` (all of them when None)."""
    for issue in report.issues if issues is None else issues:
        yield _one_line(f"{path}: {issue.code}: {_report_label(report)}: {issue.message}")


def _options(args: argparse.Namespace) -> ParseOptions:
    return ParseOptions(engine=args.engine, timeout=args.timeout, max_pages=args.max_pages,
                        max_bytes=args.max_bytes, strict=getattr(args, "strict", False),
                        debug=args.debug, password=args.password, ocr=args.ocr)


def _check_ocr(args: argparse.Namespace) -> None:
    """``--ocr always`` on a machine without tesseract: said once, before anything is read
    (each file would fail with ``ocr_unavailable``)."""
    if args.ocr != "always":
        return
    from ._ocr import install_hint, tesseract_problem

    problem = tesseract_problem()
    if problem is not None:
        raise UsageError(f"--ocr always: ocr_unavailable: {problem}: {install_hint()}; nothing "
                         "was read, no output was written or changed")


def _bar_would_mix_with_data(args: argparse.Namespace) -> bool:
    """Does data go to standard output, and is that the terminal the progress bar draws on
    (standard error)? Then a bar would run into the first line of data."""
    if "-" not in (getattr(args, "output", None), getattr(args, "regions", None),
                   getattr(args, "problems", None)):
        return False
    try:
        return os.path.samestat(os.fstat(sys.stdout.fileno()), os.fstat(sys.stderr.fileno()))
    except (OSError, ValueError, io.UnsupportedOperation):
        return sys.stdout.isatty()


@attrs.define
class _Batch:
    """One batch on its way to the writers: each outcome is counted and its lines for
    standard error made; the tables to keep wait in ``kept`` until every file is read (a
    conflict found late reaches the table written first)."""

    tally: _Tally
    index: ArchiveIndex
    kept: ReportSpool
    writing: bool
    keep_duplicates: bool

    def take(self, outcome: FileOutcome) -> list[str]:
        """Count ``outcome``, keep its tables; its lines for standard error."""
        self.tally.files += 1
        if outcome.copy_of is not None:
            self.tally.duplicates += len(outcome.reports)
            return [_one_line(f"{outcome.path}: duplicate: the same file as {outcome.copy_of} "
                              f"(identical bytes); not read{self._or_written} again")]
        lines = [_error_line(outcome)] if outcome.failed else []
        lines.extend(_one_line(f"{outcome.path}: note: {note}") for note in outcome.notes)
        lines.extend(_failure_lines(outcome))
        self.tally.read_in_part += bool(outcome.notes)
        self.tally.failed += int(outcome.failed)
        self.tally.unreadable += len(outcome.table_failures)
        for report in outcome.rejected:
            self.tally.rejected += 1
            self.tally.count_issues(report)
            lines.extend(_issue_lines(report, outcome.path))
        for report in outcome.reports:
            lines.extend(self._take_table(report, outcome.path))
        return lines

    @property
    def _or_written(self) -> str:
        return " or written" if self.writing else ""

    def _take_table(self, report: RegionReport, path: str) -> list[str]:
        found = self.index.add(report)
        if isinstance(found, Duplicate) and not self.keep_duplicates:
            self.tally.duplicates += 1
            verb = "written" if self.writing else "counted"
            return [_one_line(f"{path}: duplicate: {found}; not {verb} again")]
        lines = []
        if isinstance(found, Conflict):
            tail = "; both written" if self.writing else ""
            lines.append(_one_line(f"{path}: conflict: {found}{tail}"))
        self.kept.append(report)
        return [*lines, *_issue_lines(report, path)]

    def settled(self) -> Iterator[tuple[RegionReport, list[str]]]:
        """The kept tables in input order, with their conflict issues and the names a text
        layer of the batch puts right, counted; each with its lines for standard error
        (the names put right: the rest was said as the table came)."""
        for report in self.kept:
            report = self.index.settle(report)
            self.tally.tables += 1
            self.tally.rows += len(report.rows)
            self.tally.count_issues(report)
            matched = [i for i in report.issues if i.code == "ocr_name_matched"]
            yield report, list(_issue_lines(report, report.source or "<unnamed>", matched))


def _run_batch(args: argparse.Namespace, inputs: Sequence[str | MissingInput],
               writers: Sequence[ReportWriter], verb: str) -> int:
    outcomes = parse_files(inputs, _options(args), jobs=args.jobs,
                           read_copies_once=not args.keep_duplicates)
    progress = Progress(len(inputs), sys.stderr.isatty() and not args.quiet
                        and not _bar_would_mix_with_data(args))
    problems = ProblemList()
    with ReportSpool() as kept:
        batch = _Batch(_Tally(), ArchiveIndex(), kept, writing=bool(writers),
                       keep_duplicates=args.keep_duplicates)
        for outcome in outcomes:
            progress.advance(outcome.path)
            lines = batch.take(outcome)
            if outcome.copy_of is None:  # a copy's problems are its original's
                problems.add_outcome(outcome)
            if lines:
                progress.clear()
                print("\n".join(lines), file=sys.stderr)
        progress.clear()
        for report, lines in batch.settled():
            if lines:
                print("\n".join(lines), file=sys.stderr)
            problems.add_table(report)
            for writer in writers:
                writer.write(report)
    for writer in writers:
        for problem in problems:
            writer.write_problem(problem)
        writer.close()
    if not args.quiet:
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


def _format(args: argparse.Namespace) -> str:
    output: str = args.output
    said = None if output == "-" else _format_of_name(output)
    if args.format:
        if said is not None and said != args.format:
            raise UsageError(f"--format {args.format}, but {output!r} names a {said} file; "
                             "change one of them")
        return str(args.format)
    if output == "-":
        return "csv"
    if said is not None:
        return said
    raise UsageError(f"cannot tell the format from {output!r}: use --format csv, jsonl, "
                     "json or xlsx")


def _check_regions(args: argparse.Namespace) -> None:
    """--regions is CSV, and shares standard output with nothing."""
    regions: str | None = args.regions
    if regions is None:
        return
    if regions == "-" and args.output == "-":
        raise UsageError("-o and --regions cannot both be standard output; name a file for "
                         "--regions")
    said = None if regions == "-" else _format_of_name(regions)
    if said is not None and said != "csv":
        raise UsageError(f"--regions writes CSV, but {regions!r} names a {said} file; give "
                         "it a .csv name")


def _check_problems(args: argparse.Namespace) -> None:
    """--problems is CSV, and shares standard output with nothing."""
    problems: str | None = args.problems
    if problems is None:
        return
    if problems == "-" and "-" in (args.output, args.regions):
        raise UsageError("--problems and another output cannot both be standard output; "
                         "name a file for --problems")
    said = None if problems == "-" else _format_of_name(problems)
    if said is not None and said != "csv":
        raise UsageError(f"--problems writes CSV, but {problems!r} names a {said} file; give "
                         "it a .csv name")


def _check_shape(args: argparse.Namespace, fmt: str) -> None:
    if fmt == "xlsx" and args.output == "-":
        raise UsageError("an Excel workbook cannot go to standard output; name a .xlsx file")
    if args.shape == "long" and fmt not in ("csv", "xlsx"):
        raise UsageError("--shape long applies to CSV and Excel output")


def _check_output(path: str, inputs: Sequence[str], what: str) -> None:
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(folder):
        raise UsageError(f"{what} {path!r}: the folder {folder!r} does not exist")
    if os.path.isdir(path):
        raise UsageError(f"{what} {path!r} is a folder; name a file")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise UsageError(f"{what} {path!r} cannot be written (permission denied)")
    if os.path.exists(path):
        for candidate in inputs:
            if os.path.isfile(candidate) and os.path.samefile(path, candidate):
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


def _check_outputs(args: argparse.Namespace, files: Sequence[str]) -> None:
    """The output files can be written, none is an input, and no two are the same file."""
    if args.output != "-":
        _check_output(args.output, files, "output")
    if args.regions and args.regions != "-":
        _check_output(args.regions, [*files, args.output], "--regions")
        if os.path.abspath(args.regions) == os.path.abspath(args.output):
            raise UsageError("--regions must name another file than -o")
    if args.problems and args.problems != "-":
        _check_output(args.problems, [*files, args.output], "--problems")
        for option, other in (("-o", args.output), ("--regions", args.regions)):
            if other and os.path.abspath(args.problems) == os.path.abspath(other):
                raise UsageError(f"--problems must name another file than {option}")


def _writers(args: argparse.Namespace, fmt: str, out: TextIO, reg: TextIO | None,
             prob: TextIO | None) -> list[ReportWriter]:
    writers = [_make_writer(fmt, out, args.excel_nl, args.shape)]
    if reg is not None:
        writers.append(RegionCsvWriter(reg, excel_nl=args.excel_nl))
    if prob is not None:
        writers.append(ProblemCsvWriter(prob, excel_nl=args.excel_nl))
    return writers


def _warn_ragged(writers: Sequence[ReportWriter]) -> None:
    for writer in writers:
        if isinstance(writer, CsvWriter) and writer.ragged:
            print(f"{PROG}: warning: some tables have {writer.widest} count columns; "
                  "their rows are longer than the header", file=sys.stderr)


def _convert(args: argparse.Namespace) -> int:
    fmt = _format(args)
    if args.excel_nl and fmt != "csv":
        raise UsageError("--excel-nl applies to CSV output only")
    _check_shape(args, fmt)
    _check_regions(args)
    _check_problems(args)
    inputs = _find(args.inputs, "; no output was written or changed")
    _check_outputs(args, [p for p in inputs if isinstance(p, str)])
    with _output(args.output) as out, _output(args.regions) as reg, \
            _output(args.problems) as prob:
        assert out is not None  # -o is required
        writers = _writers(args, fmt, out, reg, prob)
        status = _run_batch(args, inputs, writers, "converted")
        _warn_ragged(writers)
    if not args.quiet and args.output != "-":
        print(f"wrote {_listing([args.output, args.regions, args.problems])}",
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
        except OSError as err:
            raise UsageError(f"cannot write {path!r}: {err.strerror}") from None
        with contextlib.ExitStack() as stack:
            stack.push(context)
            yield stream


def _validate(args: argparse.Namespace) -> int:
    return _run_batch(args, _find(args.inputs, "; nothing was validated"), [], "validated")


# --- inspect --------------------------------------------------------------------------------

def _inspect(args: argparse.Namespace) -> int:
    from ._terminal import DEFAULT_WIDTH, render_report

    if os.path.isdir(args.file):
        raise UsageError(f"{args.file!r} is a folder; inspect takes one file "
                         "(use validate for folders)")
    outcome = next(parse_files(_find([args.file], ""), _options(args), jobs=1))
    if outcome.failed:
        print(_error_line(outcome), file=sys.stderr)
        return 1
    for line in _failure_lines(outcome):
        print(line, file=sys.stderr)
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    # the terminal's width, or $COLUMNS; 80 when neither says (a pipe, a file)
    width = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    print("\n\n".join(render_report(r, colour=colour, width=width) for r in outcome.reports))
    return 1 if outcome.table_failures or any(r.issues for r in outcome.reports) else 0


# --- entry point ----------------------------------------------------------------------------

def _on_sigterm(_signum: int, _frame: object) -> NoReturn:
    raise _Interrupted()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        command = {"convert": _convert, "validate": _validate, "inspect": _inspect}
        _check_ocr(args)
        return command[args.command](args)
    except UsageError as err:
        parser.exit(2, f"{PROG}: error: {err}\n")
    except (KeyboardInterrupt, _Interrupted):
        print(f"\n{PROG}: interrupted; no output was written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader of standard output went away (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as err:
        if getattr(args, "debug", False):
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
    return main()


if __name__ == "__main__":
    sys.exit(run())
