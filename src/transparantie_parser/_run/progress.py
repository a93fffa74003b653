"""The progress display of a batch: a one-line bar on a terminal's standard error, or tqdm's
(a widget in a Jupyter notebook) for :func:`~transparantie_parser.frames.read_archive`."""

from __future__ import annotations

import shutil
import sys
from typing import Any, Protocol

__all__ = ["Progress", "ProgressDisplay", "batch_progress", "in_notebook"]


class ProgressDisplay(Protocol):
    """What a batch tells its progress display: a file done, and the end."""

    def advance(self, path: str) -> None: ...

    def clear(self) -> None: ...


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


class _TqdmProgress:
    """A tqdm bar that names the file last read."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar

    def advance(self, path: str) -> None:
        self.bar.set_postfix_str(path, refresh=False)
        self.bar.update()

    def clear(self) -> None:
        self.bar.close()


def in_notebook() -> bool:
    """Whether a Jupyter kernel runs this: its IPython shell talks to a front end over
    ZeroMQ (a terminal IPython is another shell). IPython is never imported here."""
    ipython = sys.modules.get("IPython")
    shell = getattr(ipython, "get_ipython", lambda: None)()
    return type(shell).__name__ == "ZMQInteractiveShell"


def batch_progress(total: int, show: bool | None) -> ProgressDisplay:
    """The progress display of a batch of ``total`` files. ``show`` None shows it when
    standard error is a terminal or in a Jupyter notebook (not when a script's output is
    logged). tqdm draws it when installed (the ``pandas`` extra brings it): a widget in a
    notebook, a line on a terminal; without tqdm, :class:`Progress`."""
    if show is None:
        show = (sys.stderr is not None and sys.stderr.isatty()) or in_notebook()
    if not show or total == 0:
        return Progress(total, False)
    try:
        from tqdm.auto import tqdm  # picks the notebook's widget, or a terminal line
    except ImportError:
        return Progress(total, True)
    return _TqdmProgress(tqdm(total=total, unit="file", desc="reading", leave=False))
