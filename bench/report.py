"""The Markdown report, printed section by section as it is measured, and its summary of
targets."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Report:
    """The Markdown report, printed section by section as it is measured."""

    lines: list[str] = field(default_factory=list)
    summary: list[tuple[str, str, str, str]] = field(default_factory=list)
    other_load: dict[str, float] = field(default_factory=dict)

    def add(self, *lines: str) -> None:
        for line in lines:
            print(line, flush=True)
            self.lines.append(line)

    def table(self, head: Sequence[str], rows: Sequence[Sequence[str]],
              right: Sequence[int] = ()) -> None:
        align = ["---:" if i in right else "---" for i in range(len(head))]
        self.add("| " + " | ".join(head) + " |", "| " + " | ".join(align) + " |")
        for row in rows:
            self.add("| " + " | ".join(row) + " |")
        self.add("")

    def target(self, name: str, goal: str, value: float, limit: float, *,
               at_most: bool, unit: str = "x") -> None:
        passed = value <= limit if at_most else value >= limit
        self.summary.append((name, goal, f"{value:.2f}{unit}", "PASS" if passed else "FAIL"))

    def info(self, name: str, measured: str) -> None:
        self.summary.append((name, "(no target)", measured, "info"))

    def load(self, section: str, others: float | None) -> None:
        """Say how much CPU other processes took while the section ran."""
        if others is None:
            return
        self.other_load[section] = others
        self.add(f"Other processes used {others:.2f} of {os.cpu_count()} cores on average "
                 "while this section ran.", "")


def progress(message: str) -> None:
    """A line on stderr while measuring; not part of the report."""
    print(f"  … {message}", file=sys.stderr, flush=True)
