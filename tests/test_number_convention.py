"""Messages quote figures in one notation, the publication's own Dutch one (``1.635``,
``70,6%``), wherever they come from: validation, the batch, the size limits, conflicts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import transparantie_parser as tp
from transparantie_parser.archive import deduplicate
from transparantie_parser.batch import ParseOptions, parse_file

from .conftest import FIXTURES
from .sample_reports import FRIESLAND


def test_a_conflict_over_the_printed_share_quotes_it_in_dutch_notation() -> None:
    corrected = attrs.evolve(FRIESLAND, source="herzien.pdf", footnote=attrs.evolve(
        FRIESLAND.footnote, known_pct=Decimal("68.9")))
    (conflict,) = deduplicate([FRIESLAND, corrected]).conflicts
    assert str(conflict) == ("Friesland 2021Q2 also in archief/friesland.pdf with other "
                             "figures: known_pct is 68,9% here, 68,8% there")


def test_a_file_over_the_size_limit_is_quoted_in_dutch_notation() -> None:
    pdf = FIXTURES / "pdf" / "g-bundle-2020q4.pdf"
    with pytest.raises(tp.TransparantieError) as caught:
        tp.parse_pdf(pdf, max_bytes=1024)
    assert str(caught.value) == (
        f"{pdf}: is too large: 46.906 bytes, more than the limit of 1.024 bytes "
        "(max_bytes / --max-bytes)")


def test_a_text_file_over_the_size_limit_is_quoted_in_dutch_notation(tmp_path: Path) -> None:
    text = tmp_path / "groot.txt"
    text.write_text("x" * 2000, encoding="utf-8")
    outcome = parse_file(str(text), ParseOptions(max_bytes=1500))
    assert (outcome.error_code, outcome.error_message) == (
        "too_large", "is more than 1.500 bytes of text")


def test_a_coverage_message_gives_the_printed_share_with_its_decimal_comma() -> None:
    printed = attrs.evolve(FRIESLAND, footnote=attrs.evolve(
        FRIESLAND.footnote, register_total=1600, known_pct=Decimal("70.6")))
    (issue,) = tp.validate(printed)
    assert issue.message == ("the footnote says 70,6% of the register of 1.600 is known in "
                             "Sonar, but the grand total 110 is 6,88% of it (rounds to 7%)")
