"""One region table from its span of lines: body, header labels, rows, footnote."""

from __future__ import annotations

from collections.abc import Sequence

from .._layout import Line
from .body import TableBody
from .footnote import find_footnote
from .header import header_lines, labels, rotated_labels
from .model import RegionTable
from .names import read_rows
from .spans import TableSpan

__all__ = ["read_table"]


def read_table(span: TableSpan, rotated: Sequence[Line]) -> RegionTable:
    """table := heading [header] (row | name line | other line)* total [footnote]

    ``rotated`` holds the document's lines of rotated text; those standing over the table's
    columns are its labels.
    """
    body = TableBody.from_span(span)
    header = header_lines(body)
    zone = [body.lines[i] for i in header]
    turned = rotated_labels(rotated, zone, body, span.heading)
    rows = read_rows(body, set(header))
    pages = sorted({span.heading.line.page, span.total.line.page, *(r.page for r in rows),
                    *(line.page for line in zone)})
    return RegionTable(
        region=span.heading.region,
        year=span.heading.year,
        quarter=span.heading.quarter,
        columns=labels(zone, turned, body),
        rows=tuple(rows),
        total_label=span.total.label,
        total_cells=span.total.cells,
        total_line_text=span.total.line.text,
        footnote=find_footnote(span.trailing),
        pages=tuple(pages),
    )
