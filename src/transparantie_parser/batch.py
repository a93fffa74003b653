"""Many files at once: find the inputs, parse each in a worker process with a time limit, and
hand back the outcomes in input order, one at a time.

A file that fails (or hangs, or crashes its worker) becomes an outcome with an error code;
it never stops the batch.

>>> from transparantie_parser.batch import find_inputs, parse_files
>>> for outcome in parse_files(find_inputs(["fixtures/pdf"]), jobs=2):  # doctest: +SKIP
...     print(outcome.path, outcome.error_code or len(outcome.reports))
"""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.connection
import os
import sys
import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any

import attrs

from ._engine import DEFAULT_ENGINE, Engine
from ._source import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES
from .api import parse_pdf, parse_text
from .errors import ErrorCode, TransparantieError
from .records import RegionReport

__all__ = [
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_TIMEOUT",
    "FileOutcome",
    "ParseOptions",
    "find_inputs",
    "parse_file",
    "parse_files",
]

_TEXT_SUFFIXES = (".txt", ".text")
#: Address space one worker may use: a file that needs more fails alone with ``too_large``.
DEFAULT_MAX_MEMORY = 4 * 1024**3
#: Seconds one file may take: a page takes well under a second; a file that takes a minute
#: is stuck in something other than the publication.
DEFAULT_TIMEOUT = 60.0


@attrs.frozen
class ParseOptions:
    """How each file is read. ``timeout`` (seconds, None for none) bounds one file;
    ``max_pages`` and ``max_bytes`` are :func:`~transparantie_parser.parse_pdf`'s limits;
    ``max_memory`` (bytes, None for none) caps each worker process. With ``strict``, a table
    whose figures do not add up is left out of :attr:`FileOutcome.reports` and kept in
    :attr:`FileOutcome.rejected`."""

    engine: Engine = DEFAULT_ENGINE
    timeout: float | None = DEFAULT_TIMEOUT
    max_pages: int = DEFAULT_MAX_PAGES
    max_bytes: int = DEFAULT_MAX_BYTES
    max_memory: int | None = DEFAULT_MAX_MEMORY
    strict: bool = False
    debug: bool = False


@attrs.frozen
class FileOutcome:
    """What came of one input: its reports, or an error code and message (never both).

    ``rejected`` holds the tables that strict mode left out (their figures do not add up).
    """

    path: str
    reports: tuple[RegionReport, ...] = ()
    error_code: ErrorCode | None = None
    error_message: str | None = None
    rejected: tuple[RegionReport, ...] = ()

    @property
    def failed(self) -> bool:
        return self.error_code is not None


def _failed(path: str, code: ErrorCode, message: str) -> FileOutcome:
    return FileOutcome(path, error_code=code, error_message=message)


@attrs.frozen
class MissingInput:
    """An input path that names nothing usable (reported as an outcome, not raised)."""

    path: str
    code: ErrorCode
    message: str


def find_inputs(paths: Iterable[str]) -> list[str | MissingInput]:
    """Files to read, in order: each file as given, each folder's ``*.pdf`` (any case)
    recursively in sorted order. Symbolic links to folders are followed once; loops never."""
    found: list[str | MissingInput] = []
    for path in paths:
        if os.path.isdir(path):
            pdfs = list(_walk(path))
            if not pdfs:
                found.append(MissingInput(path, "no_input", "the folder holds no PDF files"))
            found.extend(pdfs)
        elif os.path.exists(path):
            found.append(path)
        else:
            found.append(MissingInput(path, "not_found", "no such file or folder"))
    return found


def _walk(root: str) -> Iterator[str]:
    seen: set[tuple[int, int]] = set()

    def visit(folder: str) -> Iterator[str]:
        try:
            info = os.stat(folder)
        except OSError:
            return
        if (info.st_dev, info.st_ino) in seen:
            return  # a symbolic link back into a folder already read
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            try:
                if entry.is_dir():
                    yield from visit(entry.path)
                elif entry.is_file() and entry.name.lower().endswith(".pdf"):
                    yield entry.path
            except OSError:
                continue

    yield from visit(root)


def _read(path: str, options: ParseOptions) -> list[RegionReport]:
    if path.lower().endswith(_TEXT_SUFFIXES):
        return parse_text(_read_text(path, options.max_bytes), source=path)
    return parse_pdf(path, engine=options.engine, max_pages=options.max_pages,
                     max_bytes=options.max_bytes)


def _outcome(path: str, reports: Sequence[RegionReport], strict: bool) -> FileOutcome:
    if not strict:
        return FileOutcome(path, tuple(reports))
    return FileOutcome(path, tuple(r for r in reports if not r.issues),
                       rejected=tuple(r for r in reports if r.issues))


def parse_file(path: str, options: ParseOptions = ParseOptions()) -> FileOutcome:
    """Parse one file (PDF, or a ``.txt`` text extraction); errors become the outcome."""
    try:
        return _outcome(path, _read(path, options), options.strict)
    except TransparantieError as err:
        return _failed(path, err.code, err.detail)
    except MemoryError:
        return _failed(path, "too_large", "needs more memory than a worker may use")
    except RecursionError:
        return _failed(path, "too_large", "nests its contents too deeply to be read")
    except Exception as err:  # a bug: report it, keep the batch going
        detail = traceback.format_exc() if options.debug else f"{type(err).__name__}: {err}"
        return _failed(path, "internal_error",
                       f"unexpected error (a bug; please report it): {detail}")


def _read_text(path: str, max_bytes: int) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise TransparantieError("not_text", f"cannot be read: {err.strerror}") from None
    if len(data) > max_bytes:
        raise TransparantieError("too_large", f"is more than {max_bytes:,} bytes of text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # text saved by Windows tools


# --- worker processes -----------------------------------------------------------------------

def _serve(conn: Connection, options: ParseOptions) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and cleans up
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
        index, path = task
        conn.send((index, parse_file(path, options)))


@attrs.define(eq=False)
class _Worker:
    process: Any
    conn: Connection
    task: tuple[int, str] | None = None
    deadline: float = float("inf")
    served: int = 0


# A worker is replaced after this many files, so that whatever a PDF library keeps between
# files cannot add up over an archive of thousands.
_FILES_PER_WORKER = 100


def _context() -> Any:
    # fork starts workers fastest and is safe here (no threads in the parent)
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


class _Pool:
    """Worker processes that each parse one file at a time, within a time limit; a worker
    that times out, dies or has served its share of files is replaced."""

    def __init__(self, options: ParseOptions, size: int) -> None:
        self.options = options
        self.workers = [self._start() for _ in range(size)]

    def _start(self) -> _Worker:
        parent, child = _context().Pipe()
        process = _context().Process(target=_serve, args=(child, self.options), daemon=True)
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

    def assign(self, worker: _Worker, task: tuple[int, str]) -> None:
        worker.conn.send(task)
        worker.task = task
        timeout = self.options.timeout
        worker.deadline = time.monotonic() + timeout if timeout else float("inf")

    def finished(self) -> Iterator[tuple[int, FileOutcome]]:
        """Wait until a busy worker is done or past its deadline; the outcomes so far."""
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return
        wait = min(w.deadline for w in busy) - time.monotonic()
        ready = multiprocessing.connection.wait(
            [w.conn for w in busy], timeout=None if wait == float("inf") else max(0, wait))
        for worker in busy:
            if worker.conn in ready:
                yield self._receive(worker)
            elif time.monotonic() >= worker.deadline:
                yield self._give_up(worker, "timeout",
                                    f"reading took longer than {self.options.timeout:g} s "
                                    "(use --timeout to allow more)")

    def _receive(self, worker: _Worker) -> tuple[int, FileOutcome]:
        try:
            index, outcome = worker.conn.recv()
        except (EOFError, OSError):
            return self._give_up(worker, "crashed",
                                 "the worker reading this file stopped unexpectedly (out of "
                                 "memory, or a crash)")
        worker.task = None
        worker.served += 1
        if worker.served >= _FILES_PER_WORKER:
            self._replace(worker, kill=False)
        return index, outcome

    def _give_up(self, worker: _Worker, code: ErrorCode, message: str
                 ) -> tuple[int, FileOutcome]:
        assert worker.task is not None
        index, path = worker.task
        self._replace(worker, kill=True)
        return index, _failed(path, code, message)

    def close(self) -> None:
        for worker in self.workers:
            self._stop(worker, kill=worker.task is not None)


def parse_files(
    paths: Sequence[str | MissingInput],
    options: ParseOptions = ParseOptions(),
    *,
    jobs: int | None = None,
) -> Iterator[FileOutcome]:
    """Outcomes for ``paths`` in the same order, parsed by ``jobs`` worker processes
    (default: one per CPU). A file over ``options.timeout`` seconds, or one that kills its
    worker, gets the error ``timeout`` or ``crashed``; the others go on."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    work = [(i, p) for i, p in enumerate(paths) if isinstance(p, str)]
    done: dict[int, FileOutcome] = {
        i: _failed(p.path, p.code, p.message)
        for i, p in enumerate(paths) if isinstance(p, MissingInput)
    }
    if work:
        # load the PDF engine once, before the workers fork, instead of once per worker
        from ._engine import page_reader

        page_reader(options.engine)
    pool = _Pool(options, min(jobs, len(work)))
    # Parse at most this far ahead of the next outcome handed out, so memory stays flat
    # however many files there are; far enough that one long file does not leave the other
    # workers idle.
    window = 32 * jobs
    queue = iter(work)
    pending = next(queue, None)
    next_out = 0
    try:
        while next_out < len(paths):
            for worker in pool.idle():
                if pending is None or pending[0] >= next_out + window:
                    break
                pool.assign(worker, pending)
                pending = next(queue, None)
            done.update(pool.finished())
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        pool.close()
