"""The console script on text extractions (PDF and batch behaviour: test_cli_batch.py)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, SEED
from .pages import table_id

SCRIPT = Path(sys.executable).with_name("transparantie-parser")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120)


def test_convert_writes_the_seed_rows_to_csv(tmp_path: Path) -> None:
    out = tmp_path / "seed.csv"
    result = run("convert", str(SEED), "-o", str(out))
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["table_id", "source", "page", "region", "period", "year", "quarter",
                       "municipality", "count_1", "count_2", "count_3", "count_4", "total",
                       "table_issues", "row_issues", "severity"]
    assert len(rows) == 15
    assert rows[3] == [table_id(str(SEED), [], "West-Brabant", "2020Q4"), str(SEED), "",
                       "West-Brabant", "2020Q4", "2020", "4", "Breda", "41", "579", "767",
                       "248", "1635", "", "", ""]
    assert "1 table(s), 14 row(s); 0 failed" in result.stderr


def test_python_dash_m_runs_the_same_tool() -> None:
    result = subprocess.run([sys.executable, "-m", "transparantie_parser", "--version"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert result.stdout.startswith("transparantie-parser ")


def test_usage_error_exits_2_without_traceback() -> None:
    result = run("convert", "-o", "x.csv")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "the following arguments are required: INPUT" in result.stderr
