"""Two region tables built as records (no parsing), for the tests of the outputs: one clean,
with accents and a name a spreadsheet would run as a formula, one whose figures do not add
up, printed over two pages; and a file that failed."""

from __future__ import annotations

from decimal import Decimal

import attrs

import transparantie_parser as tp
from transparantie_parser.problems import Problem, file_problem, table_problems


def _validated(report: tp.RegionReport) -> tp.RegionReport:
    return attrs.evolve(report, issues=tp.validate(report))


FRIESLAND = _validated(tp.RegionReport(
    region="Friesland", quarter=tp.Quarter(2021, 2),
    columns=["Zonder profiel", "Profiel niet zichtbaar", "Zichtbaar", "Actueel"],
    rows=[tp.MunicipalityRow("Súdwest-Fryslân", [10, 20, 30, 40], 100, page=3),
          tp.MunicipalityRow("=1+1", [1, 2, 3, 4], 10, page=3)],
    total=tp.TotalRow("TOTAAL AMR", [11, 22, 33, 44], 110),
    footnote=tp.RegisterFootnote("Friesland", 160, Decimal("68.8")),
    pages=[3], source="archief/friesland.pdf",
))
FRIESLAND_ID = "2021Q2-friesland-4546fdac"

ZEELAND = _validated(tp.RegionReport(
    region="Zeeland", quarter=tp.Quarter(2020, 4), columns=["a", "b", "c", "d"],
    rows=[tp.MunicipalityRow("Goes", [1, 2, 3, 4], 11, page=1),
          tp.MunicipalityRow("Vlissingen", [5, 5, 5, 5], 20, page=2)],
    total=tp.TotalRow("TOTAAL AMR", [6, 7, 8, 9], 30),
    footnote=tp.RegisterFootnote("Zeeland", 40, Decimal("75")),
    pages=[1, 2], source="archief/zeeland.pdf",
))
ZEELAND_ID = "2020Q4-zeeland-27ba52d4"

FAILED = file_problem("archief/kapot.pdf", "damaged",
                      "is damaged: no end-of-file marker (%%EOF) in its last 1024 bytes")

REPORTS = [FRIESLAND, ZEELAND]
PROBLEMS: list[Problem] = [*table_problems(FRIESLAND), FAILED, *table_problems(ZEELAND)]
