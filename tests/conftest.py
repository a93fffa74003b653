from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests draw the same examples on every run of `make test` (a failure there is one
# anyone can repeat); `make fuzz` runs them with HYPOTHESIS_PROFILE=fuzz, drawing new ones.
settings.register_profile("default", derandomize=True, deadline=None, database=None,
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", derandomize=False, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEED = FIXTURES / "text" / "seed-west-brabant-2020q4.txt"

# tests build PDFs with the same renderer as the committed fixtures
sys.path.insert(0, str(ROOT))


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
