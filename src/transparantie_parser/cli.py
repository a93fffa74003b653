"""The command line: ``convert`` an archive to CSV/JSON, ``validate`` it, ``inspect`` a file.

Exit codes: 0 every input parsed without validation issues; 1 an input failed or has
issues; 2 a usage error. No traceback reaches the user unless ``--debug`` asks for one.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from typing import NoReturn, TextIO

import attrs

from . import __version__
from ._atomic import atomic_output
from ._engine import ENGINES
from ._terminal import Progress, render_report
from .batch import FileOutcome, MissingInput, ParseOptions, find_inputs, parse_files
from .records import RegionReport
from .writers import (
    CsvRowWriter,
    CsvWriter,
    JsonLinesWriter,
    JsonListWriter,
    RegionCsvWriter,
    ReportWriter,
)

_DEFAULTS = ParseOptions()

PROG = "transparantie-parser"
FORMATS = ("csv", "jsonl", "json")

_CONVERT_EXAMPLES = """\
examples:
  transparantie-parser convert archief/ -o klantprofielen.csv
  transparantie-parser convert 2020-Q4.pdf 2021-Q1.pdf -o - --format jsonl
  transparantie-parser convert archief/ -o uit.csv --regions regio.csv --excel-nl
  transparantie-parser convert archief/ -o uit.csv --strict --jobs 2
"""
_VALIDATE_EXAMPLES = """\
examples:
  transparantie-parser validate archief/
  transparantie-parser validate 2020-Q4-west-brabant.pdf
"""
_INSPECT_EXAMPLES = """\
examples:
  transparantie-parser inspect 2020-Q4-west-brabant.pdf
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
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
    return value


def _add_reading(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=ENGINES, default=_DEFAULTS.engine,
                        help="PDF engine; pdfium is several times faster, records are the "
                             "same (default: %(default)s)")
    parser.add_argument("--timeout", type=_seconds, default=_DEFAULTS.timeout, metavar="SECONDS",
                        help="give up on a file after this long (default: %(default)g)")
    parser.add_argument("--max-pages", type=_positive_int, default=_DEFAULTS.max_pages,
                        metavar="N", help="refuse files of more pages (default: %(default)s)")
    parser.add_argument("--max-bytes", type=_positive_int, default=_DEFAULTS.max_bytes,
                        metavar="N", help="refuse files larger than this, read or inflated "
                                          "(default: %(default)s)")
    parser.add_argument("--debug", action="store_true",
                        help="show tracebacks of unexpected errors (for bug reports)")


def _add_batch(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="PDF files, .txt text extractions, or folders (searched "
                             "recursively for *.pdf)")
    parser.add_argument("--strict", action="store_true",
                        help="a table whose figures do not add up counts as failed")
    parser.add_argument("-j", "--jobs", type=_positive_int, default=None, metavar="N",
                        help="parallel processes (default: number of CPUs)")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="no progress bar and no summary; errors are still shown")
    _add_reading(parser)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Turn UWV 'Transparantie van klantprofielen' PDFs into exact, validated "
                    "records (CSV, JSON).",
        epilog="Run '%(prog)s COMMAND --help' for each command's options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    convert = commands.add_parser(
        "convert", help="convert PDFs (or folders of them) to CSV, JSON Lines or JSON",
        description="Convert PDFs, text extractions or folders of PDFs to one CSV (a row per "
                    "municipality), JSON Lines or JSON (a record per region table).",
        epilog=_CONVERT_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_batch(convert)
    convert.add_argument("-o", "--output", required=True, metavar="OUT",
                         help="output file, or - for standard output")
    convert.add_argument("--format", choices=FORMATS, default=None,
                         help="output format (default: from OUT's extension; csv for -)")
    convert.add_argument("--regions", metavar="REGIONS.csv", default=None,
                         help="also write one CSV row per region table (labels, totals, "
                              "footnote, computed share, issue codes)")
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
    files: int = 0
    tables: int = 0
    rows: int = 0
    failed: int = 0
    with_issues: int = 0
    issues: int = 0

    @property
    def clean(self) -> bool:
        return self.failed == 0 and self.issues == 0

    def summary(self, verb: str) -> str:
        return (f"{verb} {self.files} file(s): {self.tables} table(s), {self.rows} row(s); "
                f"{self.failed} failed; {self.issues} validation issue(s) in "
                f"{self.with_issues} table(s)")


def _report_label(report: RegionReport) -> str:
    return f"{report.region} {report.quarter}"


def _one_line(text: str) -> str:
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _error_line(outcome: FileOutcome) -> str:
    return _one_line(f"{outcome.path}: {outcome.error_code}: {outcome.error_message}")


def _issue_lines(report: RegionReport, path: str) -> Iterator[str]:
    for issue in report.issues:
        yield _one_line(f"{path}: {issue.code}: {_report_label(report)}: {issue.message}")


def _options(args: argparse.Namespace) -> ParseOptions:
    return ParseOptions(engine=args.engine, timeout=args.timeout, max_pages=args.max_pages,
                        max_bytes=args.max_bytes, strict=getattr(args, "strict", False),
                        debug=args.debug)


def _run_batch(args: argparse.Namespace, inputs: Sequence[str | MissingInput],
               writers: Sequence[ReportWriter], verb: str) -> int:
    outcomes = parse_files(inputs, _options(args), jobs=args.jobs)
    progress = Progress(len(inputs), sys.stderr.isatty() and not args.quiet)
    tally = _Tally()
    for outcome in outcomes:
        progress.advance(outcome.path)
        tally.files += 1
        lines: list[str] = []
        if outcome.failed:
            tally.failed += 1
            lines.append(_error_line(outcome))
        for report in (*outcome.reports, *outcome.rejected):
            tally.tables += 1
            if report.issues:
                tally.with_issues += 1
                tally.issues += len(report.issues)
                lines.extend(_issue_lines(report, outcome.path))
        for report in outcome.reports:
            tally.rows += len(report.rows)
            for writer in writers:
                writer.write(report)
        if lines:
            progress.clear()
            print("\n".join(lines), file=sys.stderr)
    progress.clear()
    for writer in writers:
        writer.close()
    if not args.quiet:
        print(tally.summary(verb), file=sys.stderr)
    return 0 if tally.clean else 1


# --- commands -------------------------------------------------------------------------------

def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    output: str = args.output
    if output == "-":
        return "csv"
    extension = os.path.splitext(output)[1].lower().lstrip(".")
    if extension in FORMATS:
        return extension
    if extension == "ndjson":
        return "jsonl"
    raise UsageError(f"cannot tell the format from {output!r}: use --format csv, jsonl "
                     "or json")


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


def _make_writer(fmt: str, stream: TextIO, excel_nl: bool) -> ReportWriter:
    if fmt == "csv":
        return CsvRowWriter(stream, excel_nl=excel_nl)
    if fmt == "jsonl":
        return JsonLinesWriter(stream)
    return JsonListWriter(stream)


def _convert(args: argparse.Namespace) -> int:
    fmt = _format(args)
    if args.excel_nl and fmt != "csv":
        raise UsageError("--excel-nl applies to CSV output only")
    inputs = find_inputs(args.inputs)
    files = [p for p in inputs if isinstance(p, str)]
    if args.output != "-":
        _check_output(args.output, files, "output")
    if args.regions:
        _check_output(args.regions, [*files, args.output], "--regions")
        if args.output != "-" and os.path.abspath(args.regions) == os.path.abspath(args.output):
            raise UsageError("--regions must name another file than -o")
    with _output(args.output) as out, _output(args.regions) as reg:
        assert out is not None  # -o is required
        main = _make_writer(fmt, out, args.excel_nl)
        writers: list[ReportWriter] = [main]
        if reg is not None:
            writers.append(RegionCsvWriter(reg, excel_nl=args.excel_nl))
        status = _run_batch(args, inputs, writers, "converted")
        for writer in writers:
            if isinstance(writer, CsvWriter) and writer.ragged:
                print(f"{PROG}: warning: some tables have {writer.widest} count columns; "
                      "their rows are longer than the header", file=sys.stderr)
    if not args.quiet and args.output != "-":
        print(f"wrote {args.output}" + (f" and {args.regions}" if args.regions else ""),
              file=sys.stderr)
    return status


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
    return _run_batch(args, find_inputs(args.inputs), [], "validated")


# --- inspect --------------------------------------------------------------------------------

def _inspect(args: argparse.Namespace) -> int:
    if not os.path.exists(args.file):
        print(f"{args.file}: not_found: no such file", file=sys.stderr)
        return 1
    if os.path.isdir(args.file):
        raise UsageError(f"{args.file!r} is a folder; inspect takes one file "
                         "(use validate for folders)")
    outcome = next(parse_files([args.file], _options(args), jobs=1))
    if outcome.failed:
        print(_error_line(outcome), file=sys.stderr)
        return 1
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    print("\n\n".join(render_report(r, colour=colour) for r in outcome.reports))
    return 1 if any(r.issues for r in outcome.reports) else 0


# --- entry point ----------------------------------------------------------------------------

def _on_sigterm(_signum: int, _frame: object) -> NoReturn:
    raise _Interrupted()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        command = {"convert": _convert, "validate": _validate, "inspect": _inspect}
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


if __name__ == "__main__":
    sys.exit(main())
