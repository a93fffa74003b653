"""Section 0: both engines give identical records on every fixture (a benchmark of two
engines is only fair if they do the same work)."""

from __future__ import annotations

from collections.abc import Sequence

import transparantie_parser as tp

from .inputs import Fixture
from .report import Report, progress


def _outcome(fixture: Fixture, engine: tp.Engine) -> object:
    try:
        return tp.parse_pdf(fixture.path, engine=engine)
    except tp.TransparantieError as err:
        return err.code


def measure_agreement(report: Report, fixtures: Sequence[Fixture]) -> None:
    progress("records with both engines")
    different = [f.path.name for f in fixtures
                 if _outcome(f, "pdfplumber") != _outcome(f, "pdfium")]
    same = len(fixtures) - len(different)
    listed = f": differ: {', '.join(different)}" if different else ""
    report.add("## 0. Both engines, the same records", "",
               f"{same} of {len(fixtures)} fixture PDFs give identical records (or the same "
               f"error) with either engine{listed}.", "")
    report.summary.append(("identical records from both engines", f"{len(fixtures)}/"
                           f"{len(fixtures)}", f"{same}/{len(fixtures)}",
                           "PASS" if not different else "FAIL"))
