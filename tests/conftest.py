from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "text" / "seed-west-brabant-2020q4.txt"

# tests build PDFs with the same renderer as the committed fixtures
sys.path.insert(0, str(ROOT))


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
