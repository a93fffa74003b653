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
    #: its table is malformed: the default engine's reading is followed by the other's
    malformed: bool = False


def _tables(path: Path) -> tuple[int, bool]:
    """How many tables the default engine reads, and whether the file's table is malformed."""
    try:
        return len(tp.parse_pdf(path)), False
    except tp.MalformedTableError:
        return 0, True  # a producer fixture that must fail (a blank that does not add up)
    except tp.TransparantieError:
        return 0, False


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
