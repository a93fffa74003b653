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


@dataclass(frozen=True)
class Fixture:
    path: Path
    pages: int
    tables: int


def load_fixtures() -> list[Fixture]:
    paths = sorted(FIXTURES.glob("*.pdf"))
    if not paths:
        raise RuntimeError(f"no fixture PDFs in {FIXTURES}")
    fixtures = []
    for path in paths:
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        fixtures.append(Fixture(path, pages, len(tp.parse_pdf(path))))
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
