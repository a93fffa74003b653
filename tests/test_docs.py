"""The README documents what the code can say: every error code and validation issue code."""

from __future__ import annotations

import pytest

from transparantie_parser.errors import ERROR_CODES
from transparantie_parser.records import ISSUE_CODES, ISSUE_SEVERITY

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", [*ERROR_CODES, *ISSUE_CODES])
def test_every_code_has_a_row_in_a_readme_table(code: str) -> None:
    assert f"\n| `{code}` |" in README


@pytest.mark.parametrize("code", ISSUE_CODES)
def test_every_issue_code_says_its_severity_in_the_readme(code: str) -> None:
    assert f"\n| `{code}` | {ISSUE_SEVERITY[code]} |" in README
