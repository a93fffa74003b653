"""The committed fixture PDFs and their expected records."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from .conftest import FIXTURES


def pdfs(folder: str) -> list[Path]:
    return sorted((FIXTURES / folder).glob("*.pdf"))


def expected(pdf: Path) -> Any:
    return json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text(encoding="utf-8"))


def comparable(report_dict: dict[str, Any], reading: str = "text") -> dict[str, Any]:
    """A record as the expected files hold it: no source (nor the ``table_id`` made from it,
    checked in test_records), issues without their message, and without what is computed from
    the other fields, which is checked here: ``period``, ``computed_pct`` and each row's
    ``table_issues``; each row's ``page`` must be one of the table's pages (None for text).
    How it was read is checked too (``reading``; no figure ``repaired`` in a text layer), and
    left out: the expected files hold what is printed, however it is read (what a tagged
    file's structure tree said of it, too: ``structure`` and ``structure_notes``, which
    tests/test_tagged.py checks)."""
    out = {k: v for k, v in report_dict.items()
           if k not in ("source", "table_id", "period", "computed_pct", "reading", "repaired",
                        "structure", "structure_notes")}
    assert report_dict["reading"] == reading, report_dict["reading"]
    assert report_dict["repaired"] >= 0 if reading == "ocr" else report_dict["repaired"] == 0
    assert report_dict["period"] == f"{report_dict['year']}Q{report_dict['quarter']}"
    assert report_dict["computed_pct"] == _share(report_dict), report_dict["computed_pct"]
    codes = list(dict.fromkeys(i["code"] for i in report_dict["issues"]))
    pages = report_dict["pages"]
    for row in report_dict["rows"]:
        assert row["table_issues"] == codes
        assert row["page"] in pages if pages else row["page"] is None
    out["rows"] = [{k: v for k, v in row.items() if k not in ("page", "table_issues")}
                   for row in report_dict["rows"]]
    out["issues"] = [{k: i[k] for k in ("code", "municipality", "column")}
                     for i in report_dict["issues"]]
    return out


def _share(report_dict: dict[str, Any]) -> int | float | None:
    """The grand total as a percentage of the register, rounded half up to two decimals."""
    register = report_dict["register_total"]
    if not register:
        return None
    share = (Decimal(report_dict["total"]["total"] * 100) / register).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(share) if share == share.to_integral_value() else float(share)
