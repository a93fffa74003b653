"""The benchmark's inputs: the fixture PDFs, and copies of them for batch runs."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pdfplumber

import transparantie_parser as tp

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "pdf"
#: Every fixture of the publication's kind: the layouts, the producers, the inconsistent.
FIXTURE_FOLDERS = ("pdf", "producers", "issues")


@dataclass(frozen=True)
class Fixture:
    path: Path
    pages: int
    tables: int
    #: its reading is doubtful (a malformed table, issues about its reading): the default
    #: engine's reading is followed by the other's (README, "Engines")
    malformed: bool = False


# Issues about a table's reading: a file whose tables carry one is read by both engines.
_READING_ISSUES = frozenset({"unplaced_text", "label_missing", "footnote_missing"})


def _tables(path: Path) -> tuple[int, bool]:
    """How many tables the default engine reads, and whether its reading is doubtful."""
    try:
        reports = tp.parse_pdf(path)
    except tp.MalformedTableError:
        return 0, True  # a producer fixture that must fail (a blank that does not add up)
    except tp.TransparantieError:
        return 0, False
    issues = {issue.code for report in reports for issue in report.issues}
    return len(reports), bool(issues & _READING_ISSUES)


def load_fixtures(folders: Sequence[str] = FIXTURE_FOLDERS) -> list[Fixture]:
    paths = sorted(p for folder in folders for p in (ROOT / "fixtures" / folder).glob("*.pdf"))
    if not paths:
        raise RuntimeError(f"no fixture PDFs in fixtures/{{{','.join(folders)}}}")
    fixtures = []
    for path in paths:
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        fixtures.append(Fixture(path, pages, *_tables(path)))
    return fixtures


def copy_fixtures(fixtures: Sequence[Fixture], folder: Path, count: int) -> int:
    """``count`` copies of the fixtures, cycled, into ``folder``; returns their pages."""
    folder.mkdir(parents=True)
    pages = 0
    for i in range(count):
        fixture = fixtures[i % len(fixtures)]
        shutil.copyfile(fixture.path, folder / f"{i:05d}-{fixture.path.name}")
        pages += fixture.pages
    return pages
