"""The committed fixture PDFs and their expected records."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from transparantie_parser.records import ISSUE_SEVERITY

from .conftest import FIXTURES


def pdfs(folder: str) -> list[Path]:
    return sorted((FIXTURES / folder).glob("*.pdf"))


def expected(pdf: Path) -> Any:
    return json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text(encoding="utf-8"))


def comparable(report_dict: dict[str, Any], reading: str = "text") -> dict[str, Any]:
    """A record as the expected files hold it: no source (nor the ``table_id`` made from it,
    checked in test_records), issues without their message, and without what is computed from
    the other fields, which is checked here: ``period``, ``computed_pct``, each row's
    ``table_issues``, ``row_issues`` and ``severity``, and each issue's and the table's
    ``severity``; each row's ``page`` must be one of the table's pages (None for text).
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
        own = row_codes(report_dict["issues"], row["municipality"])
        assert (row["row_issues"], row["severity"]) == (own, worst(own)), row
        assert row["page"] in pages if pages else row["page"] is None
    for issue in report_dict["issues"]:
        assert issue["severity"] == ISSUE_SEVERITY[issue["code"]], issue
    assert report_dict["severity"] == worst(codes)
    out = {k: v for k, v in out.items() if k != "severity"}
    out["rows"] = [{k: v for k, v in row.items()
                    if k not in ("page", "table_issues", "row_issues", "severity")}
                   for row in report_dict["rows"]]
    out["issues"] = [{k: i[k] for k in ("code", "municipality", "column")}
                     for i in report_dict["issues"]]
    return out


def row_codes(issues: list[dict[str, Any]], municipality: str) -> list[str]:
    """The codes of the issues that concern a municipality's row, told from the JSON alone:
    those naming it, a count column that does not add up (named by its column alone; the
    row totals' column is ``total``), a footnote naming another region and a conflict."""
    return list(dict.fromkeys(
        i["code"] for i in issues
        if i["municipality"] == municipality or i["code"] in ("region_mismatch", "conflict")
        or (i["code"] == "column_sum_mismatch" and i["municipality"] is None
            and i["column"] != "total")))


def worst(codes: list[str]) -> str | None:
    found = {ISSUE_SEVERITY[code] for code in codes}  # type: ignore[index]
    return "error" if "error" in found else "note" if found else None


def _share(report_dict: dict[str, Any]) -> int | float | None:
    """The grand total as a percentage of the register, rounded half up to two decimals."""
    register = report_dict["register_total"]
    if not register:
        return None
    share = (Decimal(report_dict["total"]["total"] * 100) / register).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(share) if share == share.to_integral_value() else float(share)
