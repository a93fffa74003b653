"""The inspect view fits the terminal: long labels become keys with a legend, long messages
wrap, and every figure is in Dutch notation."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
import regex

import transparantie_parser as tp
from transparantie_parser._run.terminal import render_report

from .conftest import FIXTURES
from .fixture_files import pdfs

LABELLED = """\
Midden-Utrecht 2020Q1  (pages 1; b-header-wrapped.pdf)
  Gemeente                [1]      [2]      [3]      [4]    total
  Bunnik                   57      181      550      194      982
  De Bilt                 245      712    1.584      574    3.115
  De Ronde Venen          334      853    1.345      835    3.367
  Houten                  179      745    1.022      397    2.343
  IJsselstein             195      640      887      680    2.402
  Lopik                    90      274      375      246      985
  Montfoort                81      219      400      159      859
  Nieuwegein              412    1.605    2.523      739    5.279
  Oudewater                37      162      216       74      489
  Stichtse Vecht          281      678    1.130      748    2.837
  Utrecht               1.329    7.882   10.396    8.910   28.517
  Wijk bij Duurstede      171      221      635      310    1.337
  Woerden                 285    1.186    1.790      674    3.935
  Zeist                   320    1.058    1.539      637    3.554
  TOTAAL AMR            4.016   16.416   24.392   15.177   60.001
  [1] Zonder klantprofiel  [2] Klantprofiel, niet zichtbaar
  [3] Zichtbaar voor werkgevers  [4] Zichtbaar en actueel
  register 80.001 (Midden-Utrecht): 75% known in Sonar, computed 75%
  all figures add up"""

ISSUES_TAIL = """\
  register 82.193 (Midden-Utrecht): 78% known in Sonar, computed 73%
3 issue(s):
  row_sum_mismatch: Houten: the counts 346 + 727 + 1.196 + 561 sum to 2.830, but
    the row total is 2.840
  column_sum_mismatch: column 'total': the row totals sum to 60.011, but TOTAAL
    AMR has 60.001
  coverage_mismatch: the footnote says 78% of the register of 82.193 is known in
    Sonar, but the grand total 60.001 is 73,00% of it (rounds to 73%)"""


def utrecht() -> tp.RegionReport:
    report = tp.parse_pdf(FIXTURES / "pdf" / "b-header-wrapped.pdf")[0]
    return attrs.evolve(report, source="b-header-wrapped.pdf")


def test_long_labels_become_keys_with_a_legend_in_80_columns() -> None:
    assert render_report(utrecht()) == LABELLED


def test_labels_are_printed_in_full_where_they_fit() -> None:
    head = render_report(utrecht(), width=200).splitlines()[1]
    assert head == ("  Gemeente            Zonder klantprofiel  Klantprofiel, niet zichtbaar  "
                    "Zichtbaar voor werkgevers  Zichtbaar en actueel    total")


def test_unlabelled_columns_keep_their_names() -> None:
    seed = tp.parse_text((FIXTURES / "text" / "seed-west-brabant-2020q4.txt").read_text())
    lines = render_report(seed[0]).splitlines()
    assert lines[1] == ("  Gemeente         column_1  column_2  column_3  column_4    total")
    assert lines[-2] == "  register 7.124 (West-Brabant): 71% known in Sonar, computed 70,55%"


def test_issue_messages_wrap_under_their_code() -> None:
    (report,) = tp.parse_pdf(FIXTURES / "issues" / "row-total-and-coverage.pdf")
    text = render_report(report)
    assert text.endswith(ISSUES_TAIL)


def test_names_are_cut_with_an_ellipsis_only_when_nothing_else_fits() -> None:
    lines = render_report(utrecht(), width=60).splitlines()
    assert lines[4] == "  De Ronde Ven\u2026      334      853    1.345      835    3.367"
    assert max(len(line) for line in lines) == 60


def test_a_long_source_path_is_shortened_from_the_left() -> None:
    report = attrs.evolve(utrecht(), source="/" + "archief/" * 12 + "west-brabant.pdf")
    title = render_report(report).splitlines()[0]
    assert len(title) == 80
    assert title.startswith("Midden-Utrecht 2020Q1  (pages 1; \u2026")
    assert title.endswith("/archief/west-brabant.pdf)")


@pytest.mark.parametrize("pdf", pdfs("pdf") + pdfs("issues"), ids=lambda p: p.stem)
def test_every_fixture_fits_80_columns_with_dutch_figures(pdf: Path) -> None:
    for report in tp.parse_pdf(pdf, engine="pdfium"):
        text = render_report(report)
        assert max(len(line) for line in text.splitlines()) <= 80
        assert regex.search(r"\d\.\d{1,2}%|\d,\d{3}\b", text) is None  # no English notation
