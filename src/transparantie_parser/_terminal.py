"""Output for a person at a terminal: the ``inspect`` view of a region table, and the
one-line progress bar of a batch."""

from __future__ import annotations

import shutil
import sys

import attrs

from ._numbers import format_count
from .records import TOTAL_ROW, RegionReport

__all__ = ["Progress", "render_report"]

_NAME_HEADING = "Gemeente"
# Figure columns are at least this many characters wide: room for "123.456".
_MIN_FIGURE_WIDTH = 8


@attrs.frozen
class _Style:
    """ANSI escapes for flagged text and the title; all empty without colour."""

    red: str = ""
    bold: str = ""
    reset: str = ""

    def flagged(self, text: str) -> str:
        return f"{self.red}{text}{self.reset}" if self.red else text


_COLOUR = _Style("\x1b[1;31m", "\x1b[1m", "\x1b[0m")


def _decimal_nl(text: str) -> str:
    """A decimal as Dutch text prints it: ``70,55``."""
    return text.replace(".", ",")


@attrs.frozen
class _Grid:
    """Widths of the view's columns: the names, then each count column and the totals."""

    labels: tuple[str, ...]
    name_width: int
    widths: tuple[int, ...]

    @classmethod
    def of(cls, report: RegionReport) -> _Grid:
        labels = (*report.columns, "total")
        name_width = max([len(_NAME_HEADING), len(report.total.label),
                          *(len(r.municipality) for r in report.rows)])
        return cls(labels, name_width,
                   tuple(max(len(label) + 1, _MIN_FIGURE_WIDTH) for label in labels))


def _head(report: RegionReport, grid: _Grid, style: _Style) -> str:
    flagged = {i.column_index for i in report.issues if i.column_index is not None}
    head = "  " + _NAME_HEADING.ljust(grid.name_width)
    for j, (label, width) in enumerate(zip(grid.labels, grid.widths, strict=True)):
        cell = (label + ("!" if j in flagged else "")).rjust(width)
        head += " " + (style.flagged(cell) if j in flagged else cell)
    return head


def _figure_lines(report: RegionReport, grid: _Grid, style: _Style) -> list[str]:
    flagged = {i.row for i in report.issues if i.row is not None}
    printed = [(i, r.municipality, (*r.counts, r.total)) for i, r in enumerate(report.rows)]
    printed.append((TOTAL_ROW, report.total.label, (*report.total.counts, report.total.total)))
    lines = []
    for index, name, figures in printed:
        text = ("! " if index in flagged else "  ") + name.ljust(grid.name_width)
        text += "".join(" " + format_count(f).rjust(w)
                        for f, w in zip(figures, grid.widths, strict=True))
        lines.append(style.flagged(text) if index in flagged else text)
    return lines


def _footnote_line(report: RegionReport) -> list[str]:
    note = report.footnote
    if note is None:
        return []
    share = report.computed_pct
    computed = _decimal_nl(f"{float(share):.2f}") if share is not None else "?"
    return [f"  register {format_count(note.register_total)}, "
            f"{_decimal_nl(str(note.known_pct))}% known in Sonar "
            f"(computed: {computed}%); footnote region {note.region}"]


def _issue_lines(report: RegionReport, style: _Style) -> list[str]:
    if not report.issues:
        return ["  all figures add up"]
    return [style.flagged(f"{len(report.issues)} issue(s):"),
            *(f"  {style.flagged(issue.code)}: {issue.message}" for issue in report.issues)]


def render_report(report: RegionReport, *, colour: bool = False) -> str:
    """A region table as text, figures in Dutch notation, rows and columns with issues
    marked ``!`` (and red, with ``colour``)."""
    style = _COLOUR if colour else _Style()
    grid = _Grid.of(report)
    pages = ", ".join(str(p) for p in report.pages) or "-"
    title = (f"{style.bold}{report.region} {report.quarter}{style.reset}  (pages {pages}; "
             f"{report.source or 'text'})")
    return "\n".join([title, _head(report, grid, style), *_figure_lines(report, grid, style),
                      *_footnote_line(report), *_issue_lines(report, style)])


class Progress:
    """A one-line progress bar on a terminal's stderr; nothing when not ``enabled``."""

    _BAR_WIDTH = 24

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and total > 0
        self.done = 0

    def advance(self, path: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = shutil.get_terminal_size((80, 20)).columns
        filled = self._BAR_WIDTH * self.done // self.total
        head = (f"[{'#' * filled}{'.' * (self._BAR_WIDTH - filled)}] "
                f"{self.done}/{self.total} ")
        room = max(0, width - len(head) - 1)
        name = path if len(path) <= room else "..." + path[-max(0, room - 3):]
        sys.stderr.write("\r" + head + name[:room].ljust(room))
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            width = shutil.get_terminal_size((80, 20)).columns
            sys.stderr.write("\r" + " " * (width - 1) + "\r")
            sys.stderr.flush()
