"""Output files that appear whole or not at all — and outputs that are not files.

A regular file is written atomically: the data goes to a hidden temporary file in the
file's folder, and only a finished file is renamed over it (a rename within one folder is
atomic). An interrupted run (Ctrl-C, a kill, a crash) leaves the previous output untouched.

Not every output name is a regular file, and a rename over one that is not destroys it: run
as root, ``-o /dev/null`` would replace the device itself with a regular file, a named pipe
would stop being a pipe, and a symbolic link would become a file while its target went
stale. So the name is looked at first (:func:`output_target`):

- a character device, a named pipe or one of the process's own streams (``/dev/stdout``,
  ``/dev/fd/N``) is written through, in place: there is no previous content to keep, and a
  reader is waiting at the other end;
- a symbolic link is followed: its target is replaced atomically, and the link stays;
- a block device, a socket, a folder or a link that leads nowhere is refused
  (:class:`OutputRefused`), before anything is read or written.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from typing import NamedTuple, TextIO

__all__ = ["OutputRefused", "OutputTarget", "atomic_output", "output_target"]

# Names that stand for an open stream of this process, not for a file to replace: opening
# one reaches the descriptor the shell set up (a terminal, a pipe, a file opened with > or
# >>), and resolving the link would give a pipe's pseudo-name or a file that is open already.
_PROCESS_STREAMS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")


class OutputRefused(Exception):
    """An output name that cannot be written; the message says why, for a usage error."""


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class OutputTarget(NamedTuple):
    """Where an output's bytes go.

    ``path`` is the name as given for a stream written through, the link's final target for
    a symbolic link, else the name itself; ``through`` says it is written in place (a
    device, a pipe, a process stream) rather than replaced atomically.
    """

    path: str
    through: bool


def _is_process_stream(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix) for prefix in _PROCESS_STREAMS)


def output_target(path: str) -> OutputTarget:
    """How ``path`` is written; raises :class:`OutputRefused` for what cannot be."""
    if _is_process_stream(path):
        return OutputTarget(path, through=True)
    try:
        info = os.stat(path)  # follows links: what the bytes would reach
    except FileNotFoundError:
        # nothing there yet, or a link to nothing yet: its target is made, the link kept
        return OutputTarget(os.path.realpath(path), through=False)
    except OSError as err:  # a loop of links, a name too long, a folder not searchable
        raise OutputRefused(f"{path!r} cannot be written: {err.strerror}") from None
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return OutputTarget(os.path.realpath(path), through=False)
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return OutputTarget(path, through=True)
    if stat.S_ISDIR(mode):
        raise OutputRefused(f"{path!r} is a folder; name a file")
    # a block device (a disk: writing it would destroy a file system), a socket
    kind = "a block device" if stat.S_ISBLK(mode) else "neither a file nor a stream"
    raise OutputRefused(f"{path!r} is {kind}; name a file, a pipe or a character device")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_output(path: str, *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """Write text to ``path``: atomically for a file, in place for a stream.

    For a regular file (or a link to one, or a new name) the file is replaced whole on a
    clean exit, and nothing at ``path`` changes on an exception; that stream can be read
    back (``w+``). A device, pipe or process stream is opened for appending and written as
    the data comes (never truncated: ``>>`` in the shell keeps its meaning). Raises
    :class:`OutputRefused` for a name that is neither.
    """
    target = output_target(path)
    if target.through:
        with open(target.path, "a", encoding=encoding, newline="") as stream:
            yield stream
        return
    folder = os.path.dirname(target.path)
    fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(target.path)}.",
                                suffix=".partial", dir=folder)
    stream = open(fd, "w+", encoding=encoding, newline="")  # noqa: SIM115 - closed below
    done = False
    try:
        yield stream
        stream.flush()
        os.fsync(fd)
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are normal files
        os.replace(temp, target.path)
        done = True
    finally:
        stream.close()
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temp)
