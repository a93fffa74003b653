"""Output for a person at a terminal: the ``inspect`` view of a region table (the progress
bar of a batch is ``progress``)."""

from __future__ import annotations

import textwrap

import attrs

from .._numbers import format_count, format_percentage
from ..records import TOTAL_ROW, RegionReport

__all__ = ["DEFAULT_WIDTH", "render_report"]

#: Columns of the view when the terminal's width is not known (a pipe, a file).
DEFAULT_WIDTH = 80
_NAME_HEADING = "Gemeente"
_TOTAL_HEADING = "total"
# Figure columns are at least this many characters wide: room for "123.456".
_MIN_FIGURE_WIDTH = 8
# A name is never cut shorter than this, however narrow the terminal.
_MIN_NAME_WIDTH = 12
_ELLIPSIS = "\u2026"


@attrs.frozen
class _Style:
    """ANSI escapes for flagged text and the title; all empty without colour."""

    red: str = ""
    bold: str = ""
    reset: str = ""

    def flagged(self, text: str) -> str:
        return f"{self.red}{text}{self.reset}" if self.red else text


_COLOUR = _Style("\x1b[1;31m", "\x1b[1m", "\x1b[0m")


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters, its end replaced by an ellipsis if need be."""
    return text if len(text) <= width else text[: max(0, width - 1)] + _ELLIPSIS


@attrs.frozen
class _Grid:
    """The view's columns: names, then each count column and the totals, headed by their
    printed labels or, where those do not fit, by keys ``[1]``... explained in a legend."""

    labels: tuple[str, ...]
    name_width: int
    widths: tuple[int, ...]
    legend: tuple[str, ...] = ()

    @property
    def line_width(self) -> int:
        return 2 + self.name_width + sum(1 + w for w in self.widths)

    @classmethod
    def of(cls, report: RegionReport, width: int) -> _Grid:
        figures = [max(len(format_count(f)) for f in column) for column in zip(
            *[(*r.counts, r.total) for r in report.rows],
            (*report.total.counts, report.total.total), strict=True)]
        name_width = max([len(_NAME_HEADING), len(report.total.label),
                          *(len(r.municipality) for r in report.rows)])
        grid = cls._with_labels((*report.columns, _TOTAL_HEADING), figures, name_width)
        if grid.line_width > width:
            keys = tuple(f"[{j + 1}]" for j in range(len(report.columns)))
            legend = tuple(f"{key} {label}" for key, label in zip(keys, report.columns,
                                                                   strict=True))
            grid = attrs.evolve(cls._with_labels((*keys, _TOTAL_HEADING), figures, name_width),
                                legend=legend)
        room = width - (grid.line_width - grid.name_width)
        if grid.name_width > room:
            grid = attrs.evolve(grid, name_width=max(room, _MIN_NAME_WIDTH, len(_NAME_HEADING)))
        return grid

    @classmethod
    def _with_labels(cls, labels: tuple[str, ...], figures: list[int], name_width: int
                     ) -> _Grid:
        # one more than the label: room for the "!" of a flagged column
        widths = tuple(max(len(label) + 1, _MIN_FIGURE_WIDTH, figure + 1)
                       for label, figure in zip(labels, figures, strict=True))
        return cls(labels, name_width, widths)


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
        text = ("! " if index in flagged else "  ") + _cut(name, grid.name_width).ljust(
            grid.name_width)
        text += "".join(" " + format_count(f).rjust(w)
                        for f, w in zip(figures, grid.widths, strict=True))
        lines.append(style.flagged(text) if index in flagged else text)
    return lines


def _legend_lines(grid: _Grid, width: int) -> list[str]:
    """The keys' labels, as many to a line as fit."""
    lines: list[str] = []
    for entry in grid.legend:
        if lines and len(lines[-1]) + 2 + len(entry) <= width:
            lines[-1] += "  " + entry
        else:
            lines.append("  " + entry)
    return lines


def _wrapped(text: str, width: int, *, indent: str = "  ", more: str = "    ") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=indent, subsequent_indent=more,
                         break_on_hyphens=False)


def _footnote_lines(report: RegionReport, width: int) -> list[str]:
    note = report.footnote
    if note is None:
        return []
    share = report.computed_pct
    computed = format_percentage(share) if share is not None else "?"
    return _wrapped(f"register {format_count(note.register_total)} ({note.region}): "
                    f"{format_percentage(note.known_pct)}% known in Sonar, computed {computed}%",
                    width)


def _structure_lines(report: RegionReport, width: int) -> list[str]:
    """What a tagged PDF's structure tree said of the table (nothing for an untagged one)."""
    if report.structure == "none" and not report.structure_notes:
        return []
    lines = _wrapped(f"structure tree: {report.structure}", width)
    for note in report.structure_notes:
        lines.extend(_wrapped(note, width))
    return lines


def _issue_lines(report: RegionReport, style: _Style, width: int) -> list[str]:
    if not report.issues:
        return ["  all figures add up"]
    lines = [style.flagged(f"{len(report.issues)} issue(s):")]
    for issue in report.issues:
        first, *rest = _wrapped(f"{issue.code}: {issue.message}", width)
        lines.append(first.replace(issue.code, style.flagged(issue.code), 1))
        lines.extend(rest)
    return lines


def _title(report: RegionReport, style: _Style, width: int) -> str:
    pages = ", ".join(str(p) for p in report.pages) or "-"
    if report.reading == "ocr":  # a scan: say so, and how many figures were put right
        pages += f", read by OCR, {report.repaired} figure(s) repaired"
    head = f"{report.region} {report.quarter}  (pages {pages}; "
    source = report.source or "text"
    room = max(8, width - len(head) - 1)
    if len(source) > room:  # the end of a path says most about the file
        source = _ELLIPSIS + source[-(room - 1):]
    return f"{style.bold}{report.region} {report.quarter}{style.reset}" + (
        f"  (pages {pages}; {source})")


def render_report(report: RegionReport, *, colour: bool = False,
                  width: int = DEFAULT_WIDTH) -> str:
    """A region table as text in at most ``width`` columns: figures and percentages in Dutch
    notation (``1.635``, ``70,55%``), rows and columns with issues marked ``!`` (and red,
    with ``colour``). Column labels that do not fit become keys ``[1]``... with a legend under
    the table; a name that cannot fit even then is cut with an ellipsis."""
    style = _COLOUR if colour else _Style()
    grid = _Grid.of(report, width)
    return "\n".join([
        _title(report, style, width), _head(report, grid, style),
        *_figure_lines(report, grid, style), *_legend_lines(grid, width),
        *_footnote_lines(report, width), *_structure_lines(report, width),
        *_issue_lines(report, style, width)])
