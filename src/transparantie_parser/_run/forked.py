"""A worker process started by ``fork`` and the two pipes to it: what the pool needs of
``multiprocessing`` (start, send and receive objects, wait for any of several, kill, join),
for systems that fork. Importing ``multiprocessing``, its connection module and ``socket``
costs a one-file convert about 5 ms of its cold start (docs/performance.md); these are
made of what the program has loaded already."""

from __future__ import annotations

import contextlib
import math
import os
import pickle
import select
import signal
import struct
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["Channel", "ForkedProcess", "pipe", "wait"]

# A message is its pickle's length in bytes, then the pickle.
_HEADER = struct.Struct("!Q")
# Read at most this much at once: a report is a few KiB, a file's reports a few MiB.
_CHUNK_BYTES = 1 << 20


class Channel:
    """One end of a two-way link made of two pipes: objects sent are pickled."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self._read = read_fd
        self._write = write_fd

    def fileno(self) -> int:
        """The end read from: readable when a message came, or the other end closed."""
        return self._read

    def send(self, obj: object) -> None:
        """Raises OSError (BrokenPipeError) when the other end is closed."""
        data = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
        view = memoryview(_HEADER.pack(len(data)) + data)
        while view:
            view = view[os.write(self._write, view):]

    def recv(self) -> Any:
        """The next object sent; EOFError when the other end closed before sending one
        whole (its process ended)."""
        (size,) = _HEADER.unpack(self._read_exactly(_HEADER.size))
        return pickle.loads(self._read_exactly(size))

    def _read_exactly(self, size: int) -> bytes:
        chunks = []
        while size:
            chunk = os.read(self._read, min(size, _CHUNK_BYTES))
            if not chunk:
                raise EOFError("the other end of the channel is closed")
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        # each descriptor closed once: a number closed twice may be another file's by then
        for fd in (self._read, self._write):
            if fd >= 0:
                os.close(fd)
        self._read = self._write = -1


def _closed(fd: int, timeout: float) -> bool:
    """Is the writing end of the pipe read by ``fd`` closed, waiting at most ``timeout``
    seconds?"""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(math.ceil(1000 * timeout)))


def pipe() -> tuple[Channel, Channel]:
    """A link's two ends: the parent's and the worker's."""
    down_read, down_write = os.pipe()  # parent to worker
    up_read, up_write = os.pipe()  # worker to parent
    return Channel(up_read, down_write), Channel(down_read, up_write)


def wait(channels: Sequence[Channel], timeout: float | None) -> list[Channel]:
    """The ``channels`` with a message or a closed other end, waiting at most ``timeout``
    seconds (None: until one has)."""
    poller = select.poll()
    for channel in channels:
        poller.register(channel.fileno(), select.POLLIN)  # a hang-up is reported anyway
    ready = {fd for fd, _ in poller.poll(None if timeout is None else math.ceil(1000 * timeout))}
    return [channel for channel in channels if channel.fileno() in ready]


class ForkedProcess:
    """``target(*args)`` in a child process, which ends when it returns (exit code 0) or
    raises (1, its traceback on standard error); ``parent_end`` (the parent's end of the
    link) is closed in the child, so that the child sees the link close when the parent
    ends. A pipe whose writing end only the child holds closes as it ends: join() waits on
    that, not in turns of sleep."""

    def __init__(self, target: Callable[..., object], args: tuple[Any, ...],
                 parent_end: Channel) -> None:
        self._target = target
        self._args = args
        self._parent_end = parent_end
        self.pid = 0
        self.exitcode: int | None = None
        self._sentinel = -1

    def start(self) -> None:
        # what the parent has buffered would be written again by the child
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
        sentinel, held = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(sentinel)
            self._run_child()
        os.close(held)
        self.pid, self._sentinel = pid, sentinel

    def _run_child(self) -> None:
        code = 1
        try:
            self._parent_end.close()
            self._target(*self._args)
            code = 0
        except BaseException:
            traceback.print_exc()
        finally:
            if sys.stderr is not None:
                sys.stderr.flush()
            os._exit(code)  # never back into the parent's code (its stack is this one's)

    def _reap(self, flags: int) -> bool:
        """Has the child ended (collected now or before)?"""
        if self.exitcode is None:
            pid, status = os.waitpid(self.pid, flags)
            if pid == 0:
                return False
            self.exitcode = os.waitstatus_to_exitcode(status)
            os.close(self._sentinel)
        return True

    def is_alive(self) -> bool:
        return not self._reap(os.WNOHANG)

    def join(self, timeout: float | None = None) -> None:
        """Wait until the child ends, at most ``timeout`` seconds."""
        if self.exitcode is None and (
                timeout is None or _closed(self._sentinel, timeout)):
            self._reap(0)

    def kill(self) -> None:
        if self.exitcode is None:
            # ended already, not yet collected: nothing to kill
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
