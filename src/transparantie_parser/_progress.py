"""The one-line progress bar of a batch, on a terminal's standard error."""

from __future__ import annotations

import shutil
import sys

__all__ = ["Progress"]


class Progress:
    """A one-line progress bar on a terminal's stderr; nothing when not ``enabled``."""

    _BAR_WIDTH = 24

    def __init__(self, total: int, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled and total > 0
        self.done = 0

    def advance(self, path: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = shutil.get_terminal_size((80, 20)).columns
        filled = self._BAR_WIDTH * self.done // self.total
        head = (f"[{'#' * filled}{'.' * (self._BAR_WIDTH - filled)}] "
                f"{self.done}/{self.total} ")
        room = max(0, width - len(head) - 1)
        name = path if len(path) <= room else "..." + path[-max(0, room - 3):]
        sys.stderr.write("\r" + head + name[:room].ljust(room))
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            width = shutil.get_terminal_size((80, 20)).columns
            sys.stderr.write("\r" + " " * (width - 1) + "\r")
            sys.stderr.flush()
