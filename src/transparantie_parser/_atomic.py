"""Output files that appear whole or not at all.

The data goes to a hidden temporary file in the output's folder; only a finished file is
renamed over the output (a rename within one folder is atomic). An interrupted run (Ctrl-C,
a kill, a crash) leaves the previous output untouched.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from typing import TextIO

__all__ = ["atomic_output"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_output(path: str, *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Write text to ``path`` atomically: on a clean exit the file is replaced whole; on an
    exception nothing at ``path`` changes. The stream can be read back (``w+``)."""
    folder = os.path.dirname(os.path.abspath(path))
    fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".partial",
                                dir=folder)
    stream = open(fd, "w+", encoding=encoding, newline="")  # noqa: SIM115 - closed below
    done = False
    try:
        yield stream
        stream.flush()
        os.fsync(fd)
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are normal files
        os.replace(temp, path)
        done = True
    finally:
        stream.close()
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temp)
