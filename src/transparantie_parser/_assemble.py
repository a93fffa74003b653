"""Region tables (printed text) -> typed records: figures read as Dutch numbers, names in
their official spelling. Nothing is corrected here; a figure that cannot be read is an error."""

from __future__ import annotations

from ._grammar import RegionTable
from ._names import join_wrapped
from ._numbers import parse_count, parse_percentage
from .records import MunicipalityRow, Quarter, RegionReport, RegisterFootnote, TotalRow


def default_column(index: int) -> str:
    """The name of count column ``index`` (0-based) on a page that prints no header."""
    return f"column_{index + 1}"


def build_report(table: RegionTable, *, source: str | None, with_pages: bool) -> RegionReport:
    """The record of one table; ``with_pages`` is False for text input, which has none."""
    k = len(table.total_cells) - 1
    labels = table.columns or (None,) * k
    rows = []
    for raw in table.rows:
        figures = [parse_count(cell, context=raw.text) for cell in raw.cells]
        rows.append(MunicipalityRow(join_wrapped(raw.name_parts), figures[:-1], figures[-1],
                                    page=raw.page if with_pages else None))
    totals = [parse_count(cell, context=table.total_line_text) for cell in table.total_cells]
    footnote = None
    if table.footnote is not None:
        note = table.footnote
        footnote = RegisterFootnote(
            note.region,
            parse_count(note.register, context=note.text),
            parse_percentage(note.pct, context=note.text),
        )
    return RegionReport(
        region=table.region,
        quarter=Quarter(table.year, table.quarter),
        columns=[label or default_column(j) for j, label in enumerate(labels)],
        rows=rows,
        total=TotalRow(table.total_label, totals[:-1], totals[-1]),
        footnote=footnote,
        pages=table.pages if with_pages else (),
        source=source,
    )
