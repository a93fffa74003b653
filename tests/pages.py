"""Region pages as text, the way a text extraction prints them: for grammar tests."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence

import attrs

QUARTER_WORDS = {1: "Eerste", 2: "Tweede", 3: "Derde", 4: "Vierde"}


def dutch(n: int) -> str:
    """1635 -> '1.635'."""
    return f"{n:,}".replace(",", ".")


@attrs.frozen
class Table:
    region: str
    year: int
    quarter: int
    rows: tuple[tuple[str, tuple[int, ...], int], ...]
    total_counts: tuple[int, ...]
    total: int
    register_total: int | None
    known_pct: int | None
    footnote_region: str | None = None

    @classmethod
    def consistent(cls, region: str, year: int, quarter: int,
                   rows: Sequence[tuple[str, Sequence[int]]], register_total: int) -> Table:
        full = tuple((name, tuple(counts), sum(counts)) for name, counts in rows)
        columns = tuple(sum(r[1][j] for r in full) for j in range(len(full[0][1])))
        total = sum(columns)
        pct = (total * 100 * 2 + register_total) // (2 * register_total)  # round half up
        return cls(region, year, quarter, full, columns, total, register_total, pct)

    def expected(self) -> dict[str, object]:
        """The record of this page read from text (no source, no pages), in the schema of
        the README: the derived fields restated from their documented rules."""
        period = f"{self.year}Q{self.quarter}"
        return {
            "table_id": table_id(None, [], self.region, period),
            "source": None, "pages": [], "region": self.region, "period": period,
            "year": self.year, "quarter": self.quarter,
            "columns": [f"column_{j + 1}" for j in range(len(self.total_counts))],
            "rows": [{"municipality": n, "page": None, "counts": list(c), "total": t,
                      "table_issues": [], "row_issues": [], "severity": None}
                     for n, c, t in self.rows],
            "total": {"label": "TOTAAL AMR", "counts": list(self.total_counts),
                      "total": self.total},
            "register_total": self.register_total, "known_pct": self.known_pct,
            "computed_pct": share(self.total, self.register_total), "issues": [],
            "reading": "text", "repaired": 0, "severity": None, "structure": "none",
            "structure_notes": [],
        }


def table_id(source: str | None, pages: list[int], region: str, period: str) -> str:
    """README: period, the region as a slug, 8 hex digits of SHA-256 over the JSON list
    ``[source or "", pages, region, period]``."""
    key = json.dumps([source or "", pages, region, period], ensure_ascii=False)
    slug = re.sub(r"[^a-z0-9]+", "-", region.lower()).strip("-")
    return f"{period}-{slug}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def share(total: int, register_total: int | None) -> int | float | None:
    """total / register * 100, rounded half up to two decimals, as JSON writes it."""
    if not register_total:
        return None
    hundredths = (total * 10_000 * 2 + register_total) // (2 * register_total)
    return hundredths // 100 if hundredths % 100 == 0 else hundredths / 100


def render(table: Table, *, blank_lines: bool = True, figures: dict[tuple[int, int], str]
           | None = None) -> str:
    """The page as text. ``figures`` overrides printed cells: (row, column) -> text, with
    row -1 for the TOTAAL AMR line and column -1 for the row total."""
    figures = figures or {}
    sep = "\n\n" if blank_lines else "\n"

    def cells(r: int, counts: Sequence[int], total: int) -> str:
        out = [figures.get((r, j), dutch(c)) for j, c in enumerate(counts)]
        out.append(figures.get((r, -1), dutch(total)))
        return " ".join(out)

    parts = ["Transparantie van klantprofielen ",
             f"{QUARTER_WORDS[table.quarter]} kwartaal {table.year}  {table.region}"]
    for r, (name, counts, total) in enumerate(table.rows):
        parts.append(f"{name} {cells(r, counts, total)}")
    parts.append(f" TOTAAL AMR {cells(-1, table.total_counts, table.total)}")
    if table.register_total is not None:
        region = table.footnote_region or table.region
        parts.append(
            " In Sonar zijn niet alle doelgroepers opgenomen, in de arbeidsmarktregio "
            f"{region} bevat het doelgroepregister ")
        parts.append(f"banenafspraak in totaal {dutch(table.register_total)} personen. "
                     f"Hiervan is {table.known_pct}% bekend binnen Sonar.")
    parts.append("Sonar")
    parts.append("In 2020 telde het systeem 12 koppelingen en 3 versies.")
    parts.append("Pagina 1")
    return sep.join(parts) + "\n"
