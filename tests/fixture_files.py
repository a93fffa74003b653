"""The committed fixture PDFs and their expected records."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .conftest import FIXTURES


def pdfs(folder: str) -> list[Path]:
    return sorted((FIXTURES / folder).glob("*.pdf"))


def expected(pdf: Path) -> Any:
    return json.loads(pdf.with_name(pdf.stem + ".expected.json").read_text(encoding="utf-8"))


def comparable(report_dict: dict[str, Any]) -> dict[str, Any]:
    """A record as the expected files hold it: no source, issues without their message."""
    out = {k: v for k, v in report_dict.items() if k != "source"}
    out["issues"] = [{k: i[k] for k in ("code", "municipality", "column")}
                     for i in report_dict["issues"]]
    return out
