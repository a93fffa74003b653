"""What a start loads: importing the package or the command line, and converting an ordinary
PDF, load what reading a text layer needs and nothing more. OCR, the other engine, pandas,
Excel, the inspect view, name matching and worker processes wait until they are used: a
cold start's CPU time is mostly imports (bench section 7)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from transparantie_parser import cli

from .conftest import FIXTURES

PACKAGE = "transparantie_parser"
# Never loaded by a convert of a PDF with a text layer, to CSV.
NOT_FOR_A_PLAIN_CONVERT = (
    "difflib", "PIL", "pdfplumber", "pdfminer", "pandas", "xlsxwriter",
    f"{PACKAGE}._ocr.tesseract", f"{PACKAGE}._ocr.cells", f"{PACKAGE}._ocr.repair",
    f"{PACKAGE}._ocr.program", f"{PACKAGE}._ocr.tsv", f"{PACKAGE}._ocr.image",
    f"{PACKAGE}._ocr.words", f"{PACKAGE}._ocr.looks", f"{PACKAGE}._ocr.sums",
    f"{PACKAGE}._ocr.doubt",
    f"{PACKAGE}._pdf.pdfplumber", f"{PACKAGE}._run.terminal", f"{PACKAGE}.frames",
    f"{PACKAGE}.workbook",
    # the worker is forked by the program itself (_run/forked.py), where the system forks
    "multiprocessing", "socket",
)
# ...and not by an import, before any file is read.
NOT_ON_IMPORT = (*NOT_FOR_A_PLAIN_CONVERT, "pypdfium2", f"{PACKAGE}._pdf.pdfium",
                 f"{PACKAGE}._pdf.tagged")


def loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


@pytest.mark.parametrize("module", [PACKAGE, f"{PACKAGE}.cli"])
def test_an_import_loads_nothing_a_convert_may_not_need(module: str) -> None:
    assert loaded_after(f"import {module}") & set(NOT_ON_IMPORT) == set()


def test_a_plain_convert_loads_no_ocr_no_other_engine_and_no_name_matching(
    tmp_path: Path,
) -> None:
    pdf = str(FIXTURES / "pdf" / "a-seed-like.pdf")
    out = str(tmp_path / "one.csv")
    # the parse runs in a worker process: read the file here too, as the worker does
    loaded = loaded_after(
        "from transparantie_parser.batch import parse_file\n"
        "from transparantie_parser.cli import main\n"
        f"assert parse_file({pdf!r}).reports\n"
        f"assert main(['convert', {pdf!r}, '-o', {out!r}, '-q']) == 0")
    assert f"{PACKAGE}._pdf.pdfium" in loaded
    assert loaded & set(NOT_FOR_A_PLAIN_CONVERT) == set()


# attrs builds a class's methods in every process that imports it (~0.4 ms a class): a
# plain convert builds them for the public records and API only (a fixed rule: they stay
# attrs classes), and for these internal ones, not yet made NamedTuples or plain classes.
# RawRow, RawFootnote, RegionTable and UnreadTable leave fields out of equality (eq=False).
ATTRS_NOT_YET_PLAIN = {f"{PACKAGE}.{name}" for name in (
    "_grammar.model.RawFootnote", "_grammar.model.RawRow", "_grammar.model.RegionTable",
    "_grammar.model.UnreadTable", "_pdf.glyphs.GlyphPage")}


def test_a_plain_convert_builds_attrs_classes_only_for_the_public_api(tmp_path: Path) -> None:
    pdf = str(FIXTURES / "pdf" / "a-seed-like.pdf")
    out = str(tmp_path / "one.csv")
    code = (
        "import json, sys, attrs\n"
        "from transparantie_parser.batch import parse_file\n"
        "from transparantie_parser.cli import main\n"
        f"assert parse_file({pdf!r}).reports\n"
        f"assert main(['convert', {pdf!r}, '-o', {out!r}, '-q']) == 0\n"
        f"mods = {{n: m for n, m in sys.modules.items() if n.startswith({PACKAGE!r})}}\n"
        "built = {f'{n}.{k}' for n, m in mods.items() for k, v in vars(m).items()\n"
        "         if isinstance(v, type) and v.__module__ == n and attrs.has(v)}\n"
        "public = {f'{v.__module__}.{v.__qualname__}' for n, m in mods.items()\n"
        "          if not any(p.startswith('_') for p in n.split('.'))\n"
        "          for k in getattr(m, '__all__', ()) if isinstance(v := getattr(m, k), type)}\n"
        "print(json.dumps(sorted(built - public)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert set(json.loads(done.stdout.splitlines()[-1])) <= ATTRS_NOT_YET_PLAIN


def test_the_program_freezes_what_it_loaded_and_main_as_a_call_does_not() -> None:
    code = ("import gc\n"
            "import transparantie_parser.cli as cli\n"
            "try:\n"
            "    cli.main(['validate', 'no-such-file.pdf'])\n"
            "except SystemExit:\n"
            "    pass\n"
            "print(gc.get_freeze_count())\n"
            "cli.main = lambda: 3 if gc.get_freeze_count() > 0 else 4\n"
            "cli.run()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.stdout.split() == ["0"]  # main as a call froze nothing
    assert done.returncode == 3  # the program froze what it had loaded


def _program(main: str, *, traced: bool) -> subprocess.CompletedProcess[str]:
    """A process that runs the program with ``main`` in place of the command line's, what it
    prints at exit and after ``run()`` shown; ``traced`` under a tracer (as coverage is)."""
    code = ("import atexit, sys\n"
            "import transparantie_parser.cli as cli\n"
            "atexit.register(lambda: print('at exit'))\n"
            f"cli.main = {main}\n"
            f"{'sys.settrace(lambda *args: None)' if traced else ''}\n"
            "code = cli.run()\n"
            "sys.settrace(None)\n"
            "print('after run', end='')\n"
            "sys.exit(code)\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)


def test_the_program_ends_its_process_with_mains_code_once_its_output_is_flushed_unless_traced(
) -> None:
    # the interpreter's teardown (every module freed) is skipped: what was printed and not
    # yet flushed still arrives, and nothing after run() runs
    done = _program("lambda: print('written', end='') or 5", traced=False)
    assert (done.returncode, done.stdout, done.stderr) == (5, "written", "")
    # coverage and profilers write their data as the interpreter ends: it ends the process
    done = _program("lambda: print('written', end='') or 5", traced=True)
    assert (done.returncode, done.stdout, done.stderr) == (5, "writtenafter runat exit\n", "")


def test_dir_lists_the_public_names_without_loading_pandas() -> None:
    code = ("import transparantie_parser as tp\n"
            "names = dir(tp)\n"
            "assert {'read_archive', 'to_frames', 'Frames', 'parse_pdf', '__version__'} <= "
            "set(names), names\n"
            "assert 'TYPE_CHECKING' not in names and '_LAZY' not in names, names")
    assert loaded_after(code) & set(NOT_ON_IMPORT) == set()


def _command_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (commands,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(commands.choices)


@pytest.mark.parametrize("command", ["convert", "panel", "validate", "inspect"])
def test_a_command_line_naming_a_command_gets_a_parser_of_that_command_only_that_says_the_same(
    command: str,
) -> None:
    whole, own = _command_parsers(cli.build_parser()), _command_parsers(cli.build_parser(command))
    assert list(own) == [command]
    assert own[command].format_help() == whole[command].format_help()
    assert own[command].format_usage() == whole[command].format_usage()


def test_a_convert_builds_no_parser_for_the_other_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    for other in ("_add_panel", "_add_validate", "_add_inspect"):
        monkeypatch.setattr(cli, other, lambda _commands: pytest.fail("built"))
    with pytest.raises(SystemExit) as done:
        cli.main(["convert", "--help"])
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("usage: transparantie-parser convert ")
