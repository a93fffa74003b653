"""Worker processes that each read one file at a time within a time limit; a worker that
times out, dies or has served its share of files is replaced, and a file whose worker died
is read once more with the other engine."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from .._outcome import FileOutcome
from .._pdf.engine import ENGINES
from ..errors import ErrorCode
from . import forked
from .inputs import Task
from .options import ParseOptions
from .reading import failed, parse_task

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

__all__ = ["Pool"]


def _serve(conn: Connection | forked.Channel, options: ParseOptions) -> None:
    import faulthandler
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and cleans up
    # A worker that dies (PDFium aborts when memory runs out) is the parent's to report, as
    # one error line: a fault handler inherited from the parent (pytest's, python -X
    # faulthandler) would add a stack dump that reads like a crash of the program.
    faulthandler.disable()
    # what PDF libraries log about damaged files is said once, as the file's error line
    for name in ("pdfminer", "pdfplumber"):
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())
        logger.propagate = False
    if options.max_memory:
        import resource

        # past this, allocations fail with MemoryError (reported as too_large) instead of
        # the machine swapping or the kernel killing processes
        limit = options.max_memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        engine = task.engine or options.engine
        conn.send((task.index, parse_task(task, attrs.evolve(options, engine=engine))))


# Not an attrs class: one costs every start its building (docs/performance.md, a cold
# start).
class _Worker:
    """A worker process, the parent's end of its pipe, the file it reads and by when, and
    how many it has read."""

    __slots__ = ("conn", "deadline", "process", "served", "task")

    def __init__(self, process: Any, conn: Connection | forked.Channel) -> None:
        self.process = process
        self.conn = conn
        self.task: Task | None = None
        self.deadline = float("inf")
        self.served = 0


# A worker is replaced after this many files, so that whatever a PDF library keeps between
# files cannot add up over an archive of thousands.
_FILES_PER_WORKER = 100


# Workers are forked where that is safe (Linux: no threads in the parent) and fastest, by
# fork itself (_run/forked.py): multiprocessing's imports alone would cost a one-file convert
# 5 ms. Elsewhere multiprocessing spawns them.
_FORK = sys.platform.startswith("linux")


def _context() -> Any:
    import multiprocessing

    return multiprocessing.get_context("fork" if _FORK else "spawn")


def _wait(conns: list[Any], timeout: float | None) -> list[Any]:
    """The links of ``conns`` with a message, or whose worker ended."""
    if _FORK:
        return forked.wait(conns, timeout)
    import multiprocessing.connection

    return multiprocessing.connection.wait(conns, timeout)


class Pool:
    """Worker processes that each parse one file at a time, within a time limit; a worker
    that times out, dies or has served its share of files is replaced."""

    def __init__(self, options: ParseOptions, size: int) -> None:
        self.options = options
        self.workers = [self._start() for _ in range(size)]
        self._retries: list[Task] = []  # files to read again, with the other engine

    def _start(self) -> _Worker:
        if _FORK:
            parent, child = forked.pipe()
            process: Any = forked.ForkedProcess(_serve, (child, self.options), parent)
        else:
            parent, child = _context().Pipe()
            process = _context().Process(target=_serve, args=(child, self.options),
                                         daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    @staticmethod
    def _stop(worker: _Worker, *, kill: bool = False) -> None:
        if kill:
            worker.process.kill()
        else:
            try:
                worker.conn.send(None)
            except OSError:
                worker.process.kill()
        worker.process.join(timeout=5)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()

    def _replace(self, worker: _Worker, *, kill: bool) -> None:
        self._stop(worker, kill=kill)
        self.workers[self.workers.index(worker)] = self._start()

    def idle(self) -> list[_Worker]:
        return [w for w in self.workers if w.task is None]

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.task is not None]

    def outstanding(self) -> bool:
        """Is a file being read, or waiting to be read again?"""
        return bool(self.busy() or self._retries)

    def fill(self, take: Callable[[], Task | None]) -> None:
        """Give each idle worker a file: one to be read again first, then what ``take``
        hands out, until it hands out None."""
        for worker in self.idle():
            task = self._retries.pop(0) if self._retries else take()
            if task is None:
                return
            self.assign(worker, task)

    def assign(self, worker: _Worker, task: Task) -> None:
        worker.conn.send(task)
        worker.task = task
        timeout = self.options.timeout
        worker.deadline = time.monotonic() + timeout if timeout else float("inf")

    def finished(self) -> Iterator[tuple[int, FileOutcome]]:
        """Wait until a busy worker is done or past its deadline; the outcomes so far."""
        busy = self.busy()
        if not busy:
            return
        wait = min(w.deadline for w in busy) - time.monotonic()
        ready = _wait([w.conn for w in busy], None if wait == float("inf") else max(0, wait))
        for worker in busy:
            if worker.conn in ready:
                received = self._receive(worker)
                if received is not None:
                    yield received
            elif time.monotonic() >= worker.deadline:
                yield self._give_up(worker, "timeout",
                                    f"reading took longer than {self.options.timeout:g} s "
                                    "(use --timeout to allow more)")

    def _receive(self, worker: _Worker) -> tuple[int, FileOutcome] | None:
        try:
            index, outcome = worker.conn.recv()
        except (EOFError, OSError):
            return self._crashed(worker)
        worker.task = None
        worker.served += 1
        if worker.served >= _FILES_PER_WORKER:
            self._replace(worker, kill=False)
        return index, outcome

    def _crashed(self, worker: _Worker) -> tuple[int, FileOutcome] | None:
        """A worker died reading its file (PDFium aborts the process when memory runs out):
        the file is read once more with the other engine, which may read it or fail in a
        way it can say (``too_large`` for memory); twice is ``crashed``."""
        task = worker.task
        assert task is not None
        if task.engine is None and not task.is_text:
            self._replace(worker, kill=True)
            other = next(e for e in ENGINES if e != self.options.engine)
            self._retries.append(task._replace(engine=other))
            return None
        return self._give_up(worker, "crashed",
                             "the worker reading this file stopped unexpectedly (out of "
                             "memory, or a crash), with either PDF engine")

    def _give_up(self, worker: _Worker, code: ErrorCode, message: str
                 ) -> tuple[int, FileOutcome]:
        assert worker.task is not None
        task = worker.task
        self._replace(worker, kill=True)
        return task.index, failed(task.path, code, message)

    def close(self) -> None:
        for worker in self.workers:
            self._stop(worker, kill=worker.task is not None)

