"""Section 2b: what reading a tagged PDF's structure tree costs (``_pdf.tagged``, ``_witness``):
the default engine on the tagged fixtures with the tree read, against the same reading with
the tree left unread, methods taking turns on each file; and the same on untagged files,
where only the catalog is looked at."""

from __future__ import annotations

import contextlib
import statistics
from collections.abc import Iterator, Sequence
from pathlib import Path

import transparantie_parser as tp
from transparantie_parser._pdf import tagged as _tagged

from .inputs import Fixture
from .machine import CpuWatch
from .per_page import Method, rounds
from .report import Report, progress

TARGET_UNTAGGED = 1.05  # untagged files: the catalog look may cost at most this much


@contextlib.contextmanager
def _tree_unread() -> Iterator[None]:
    """Every file read as if untagged: the tree is never read, nothing is compared."""
    kept = _tagged.tagged_tables
    _tagged.tagged_tables = lambda *_args, **_kwargs: None
    try:
        yield
    finally:
        _tagged.tagged_tables = kept


def _with_tree(path: Path) -> None:
    with contextlib.suppress(tp.TransparantieError):
        tp.parse_pdf(path)


def _without_tree(path: Path) -> None:
    with _tree_unread(), contextlib.suppress(tp.TransparantieError):
        tp.parse_pdf(path)


METHODS: dict[str, Method] = {"with_tree": _with_tree, "without_tree": _without_tree}


def _ratios(fixtures: Sequence[Fixture]) -> tuple[float, float, float]:
    timed = rounds(METHODS, fixtures)
    ratios = [t["with_tree"] / t["without_tree"] for t in timed]
    pages = sum(f.pages for f in fixtures)
    per_page = 1000 * statistics.median(t["without_tree"] for t in timed) / pages
    return min(ratios), statistics.median(ratios), per_page


def measure_tagged(report: Report, tagged: Sequence[Fixture],
                   untagged: Sequence[Fixture]) -> None:
    watch = CpuWatch.start()
    progress(f"tagged files: {len(tagged)}")
    low, ratio, ms = _ratios(tagged)
    progress(f"untagged files: {len(untagged)}")
    low_u, ratio_u, ms_u = _ratios(untagged)
    others = watch.others()
    report.add("## 2b. Tagged PDFs: the structure tree as a second witness", "",
               f"`parse_pdf(f)` with the structure tree read and compared, against the same "
               f"with the tree left unread, taking turns on each file, CPU time, "
               f"{len(tagged)} tagged fixture PDFs ({sum(f.pages for f in tagged)} pages; "
               f"{ms:.1f} ms/page without the tree) and {len(untagged)} untagged ones "
               f"({ms_u:.1f} ms/page), where only the catalog is looked at.", "")
    report.add(f"**tagged files, tree read / not: {low:.2f}x min, {ratio:.2f}x median**; "
               f"untagged files: {low_u:.2f}x min, {ratio_u:.2f}x median (target ≤ "
               f"{TARGET_UNTAGGED}x).", "")
    report.info("tagged PDFs: parse with the structure tree vs without (CPU, median)",
                f"{ratio:.2f}x")
    report.target("untagged PDFs: parse with the catalog look vs without (CPU, median)",
                  f"≤ {TARGET_UNTAGGED}x", ratio_u, TARGET_UNTAGGED, at_most=True)
    report.load("2b", others)
