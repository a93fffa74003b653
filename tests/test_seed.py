"""The seed: the text of a real page (West-Brabant, fourth quarter of 2020)."""

from __future__ import annotations

from decimal import Decimal

import transparantie_parser as tp

SEED_ROWS = [
    ("Altena", [6, 87, 133, 76], 302),
    ("Bergen op Zoom", [36, 133, 250, 115], 534),
    ("Breda", [41, 579, 767, 248], 1635),
    ("Drimmelen", [2, 34, 56, 36], 128),
    ("Etten-Leur", [8, 83, 122, 76], 289),
    ("Geertruidenberg", [2, 40, 79, 30], 151),
    ("Halderberge", [8, 43, 97, 42], 190),
    ("Moerdijk", [7, 44, 107, 49], 207),
    ("Oosterhout", [41, 97, 195, 80], 413),
    ("Roosendaal", [20, 222, 285, 159], 686),
    ("Rucphen", [7, 42, 63, 30], 142),
    ("Steenbergen", [4, 40, 60, 33], 137),
    ("Woensdrecht", [11, 25, 59, 18], 113),
    ("Zundert", [4, 22, 46, 27], 99),
]

SEED_DICT = {
    "table_id": "2020Q4-west-brabant-bfda969c",
    "source": None,
    "pages": [],
    "region": "West-Brabant",
    "period": "2020Q4",
    "year": 2020,
    "quarter": 4,
    "columns": ["column_1", "column_2", "column_3", "column_4"],
    "rows": [{"municipality": n, "page": None, "counts": c, "total": t, "table_issues": [],
              "row_issues": [], "severity": None} for n, c, t in SEED_ROWS],
    "total": {"label": "TOTAAL AMR", "counts": [197, 1491, 2319, 1019], "total": 5026},
    "register_total": 7124,
    "known_pct": 71,
    "computed_pct": 70.55,
    "issues": [],
    "reading": "text",
    "repaired": 0,
    "severity": None,
    "structure": "none",
    "structure_notes": [],
}


def test_seed_parses_to_exactly_one_west_brabant_report(seed_text: str) -> None:
    (report,) = tp.parse_text(seed_text)
    assert report.to_dict() == SEED_DICT


def test_seed_report_has_typed_fields(seed_text: str) -> None:
    (report,) = tp.parse_text(seed_text, source="seed.txt")
    assert report.region == "West-Brabant"
    assert report.quarter == tp.Quarter(2020, 4)
    assert str(report.quarter) == "2020Q4"
    assert len(report.rows) == 14
    breda = report.rows[2]
    assert breda == tp.MunicipalityRow("Breda", (41, 579, 767, 248), 1635)
    assert report.total == tp.TotalRow("TOTAAL AMR", (197, 1491, 2319, 1019), 5026)
    assert report.register_total == 7124
    assert report.known_pct == Decimal(71)
    assert report.footnote == tp.RegisterFootnote("West-Brabant", 7124, Decimal(71))
    assert report.pages == ()
    assert report.source == "seed.txt"
    assert report.issues == ()


def test_seed_footnote_is_found_across_a_line_break_and_a_blank_line(seed_text: str) -> None:
    assert "register \n\nbanenafspraak" in seed_text  # the seed wraps it like this
    (report,) = tp.parse_text(seed_text)
    assert (report.register_total, report.known_pct) == (7124, 71)


def test_seed_explanatory_text_is_never_a_row(seed_text: str) -> None:
    (report,) = tp.parse_text(seed_text)
    names = {row.municipality for row in report.rows}
    assert names == {name for name, _, _ in SEED_ROWS}


def test_seed_computed_share_rounds_to_the_printed_percentage(seed_text: str) -> None:
    (report,) = tp.parse_text(seed_text)
    assert report.computed_pct is not None
    assert round(float(report.computed_pct), 2) == 70.55
