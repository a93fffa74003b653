"""Many files at once: find the inputs, parse each in a worker process with a time limit, and
hand back the outcomes in input order, one at a time.

A file that fails (or hangs, or crashes its worker) becomes an outcome with an error code;
it never stops the batch. The same file named twice, or a byte-for-byte copy of one, is read
once.

>>> from transparantie_parser.batch import find_inputs, parse_files
>>> for outcome in parse_files(find_inputs(["fixtures/pdf"]), jobs=2):  # doctest: +SKIP
...     print(outcome.path, outcome.error_code or len(outcome.reports))
"""

from __future__ import annotations

import logging
import os
import sys
import time
import traceback
import warnings
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._numbers import format_count
from ._ocr.pages import DEFAULT_OCR, Ocr
from ._outcome import FileOutcome
from ._pdf.engine import DEFAULT_ENGINE, ENGINES, Engine
from ._pdf.source import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES
from ._run.inputs import (
    STDIN,
    STDIN_NAME,
    Inputs,
    MissingInput,
    Plan,
    Task,
    find_inputs,
    input_list,
    plan,
)
from .api import parse_pdf, parse_text
from .errors import (
    ErrorCode,
    PagesNotReadWarning,
    PartlyReadError,
    TableFailure,
    TableLeftOutWarning,
    TransparantieError,
)
from .records import RegionReport

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

__all__ = [
    "DEFAULT_MAX_MEMORY",
    "DEFAULT_TIMEOUT",
    "STDIN",
    "STDIN_NAME",
    "FileOutcome",
    "Inputs",
    "MissingInput",
    "ParseOptions",
    "find_inputs",
    "parse_file",
    "parse_files",
]

#: Address space one worker may use: a file that needs more fails alone with ``too_large``.
DEFAULT_MAX_MEMORY = 4 * 1024**3
#: Seconds one file may take: a page takes well under a second; a file that takes a minute
#: is stuck in something other than the publication.
DEFAULT_TIMEOUT = 60.0


def _limit(value: float | None) -> float | None:
    return value or None  # 0 means no limit, as None does


@attrs.frozen
class ParseOptions:
    """How each file is read.

    ``timeout`` (seconds; None or 0 for no limit) bounds one file; ``max_pages`` and
    ``max_bytes`` are :func:`~transparantie_parser.parse_pdf`'s limits; ``max_memory`` (bytes,
    None for none) caps each worker process; ``password`` opens PDFs that need a user
    password (never shown in ``repr``). With ``strict``, a table whose figures do not add up
    is left out of :attr:`FileOutcome.reports` and kept in :attr:`FileOutcome.rejected`.
    ``debug`` puts the traceback of an unexpected error (a bug) in its message. ``ocr`` says
    which pages are read by OCR, as in :func:`~transparantie_parser.parse_pdf` (a scanned
    page takes a few seconds: raise ``timeout`` for long scanned files).

    >>> ParseOptions(engine="pdfium", timeout=0).timeout is None
    True
    """

    engine: Engine = DEFAULT_ENGINE
    timeout: float | None = attrs.field(default=DEFAULT_TIMEOUT, converter=_limit)
    max_pages: int = DEFAULT_MAX_PAGES
    max_bytes: int = DEFAULT_MAX_BYTES
    max_memory: int | None = DEFAULT_MAX_MEMORY
    strict: bool = False
    debug: bool = False
    password: str | None = attrs.field(default=None, repr=False)
    ocr: Ocr = DEFAULT_OCR


def _failed(path: str, code: ErrorCode, message: str) -> FileOutcome:
    return FileOutcome(path, error_code=code, error_message=message)


def _copy(outcome: FileOutcome, path: str) -> FileOutcome:
    """``outcome`` as the outcome of a copy of its file at ``path``."""
    return attrs.evolve(
        outcome, path=path, copy_of=outcome.path,
        reports=tuple(attrs.evolve(r, source=path) for r in outcome.reports),
        rejected=tuple(attrs.evolve(r, source=path) for r in outcome.rejected))


def _read(task: Task, options: ParseOptions) -> list[RegionReport]:
    if task.is_text:
        text = _decode(task.data) if task.data is not None else _read_text(
            task.path, options.max_bytes)
        return parse_text(text, source=task.path)
    if task.data is None:
        return parse_pdf(task.path, engine=options.engine, max_pages=options.max_pages,
                         max_bytes=options.max_bytes, password=options.password,
                         ocr=options.ocr)
    reports = parse_pdf(task.data, engine=options.engine, max_pages=options.max_pages,
                        max_bytes=options.max_bytes, password=options.password,
                        ocr=options.ocr)
    # bytes have no name of their own: the reports name standard input
    return [attrs.evolve(r, source=task.path) for r in reports]


def _outcome(path: str, reports: Sequence[RegionReport], strict: bool) -> FileOutcome:
    if not strict:
        return FileOutcome(path, tuple(reports))
    return FileOutcome(path, tuple(r for r in reports if not r.issues),
                       rejected=tuple(r for r in reports if r.issues))


def _read_noting(task: Task, options: ParseOptions) -> FileOutcome:
    """``_read``'s outcome, with what its warnings say was not read or was left out; a file
    with tables that cannot be read besides tables read keeps both."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", PagesNotReadWarning)
        warnings.simplefilter("always", TableLeftOutWarning)
        failures: tuple[TableFailure, ...] = ()
        try:
            reports = _read(task, options)
        except PartlyReadError as err:
            if not err.reports:
                raise  # no table read: the file failed
            reports, failures = list(err.reports), err.failures
            if task.data is not None:
                reports = [attrs.evolve(r, source=task.path) for r in reports]
    outcome = _outcome(task.path, reports, options.strict)
    return attrs.evolve(
        outcome, table_failures=failures,
        notes=tuple(w.message.detail for w in caught
                    if isinstance(w.message, PagesNotReadWarning)),
        left_out=tuple(w.message.detail for w in caught
                       if isinstance(w.message, TableLeftOutWarning)))


def _parse(task: Task, options: ParseOptions) -> FileOutcome:
    path = task.path
    try:
        return _read_noting(task, options)
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


def parse_file(path: str | os.PathLike[str], options: ParseOptions = ParseOptions()
               ) -> FileOutcome:
    """Parse one file (PDF, or a ``.txt`` text extraction) in this process; errors become
    the outcome."""
    return _parse(Task(0, os.fspath(path)), options)


def _read_text(path: str, max_bytes: int) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise TransparantieError("not_found", "no such file or folder") from None
    except OSError as err:
        raise TransparantieError("not_text", f"cannot be read: {err.strerror}") from None
    if len(data) > max_bytes:
        raise TransparantieError("too_large",
                                 f"is more than {format_count(max_bytes)} bytes of text")
    return _decode(data)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # text saved by Windows tools


# --- worker processes -----------------------------------------------------------------------

def _serve(conn: Connection, options: ParseOptions) -> None:
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
        conn.send((task.index, _parse(task, attrs.evolve(options, engine=engine))))


@attrs.define(eq=False)
class _Worker:
    process: Any
    conn: Connection
    task: Task | None = None
    deadline: float = float("inf")
    served: int = 0


# A worker is replaced after this many files, so that whatever a PDF library keeps between
# files cannot add up over an archive of thousands.
_FILES_PER_WORKER = 100


def _context() -> Any:
    import multiprocessing

    # fork starts workers fastest and is safe here (no threads in the parent)
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


class _Pool:
    """Worker processes that each parse one file at a time, within a time limit; a worker
    that times out, dies or has served its share of files is replaced."""

    def __init__(self, options: ParseOptions, size: int) -> None:
        self.options = options
        self.workers = [self._start() for _ in range(size)]
        self.retries: list[Task] = []  # files to read again, with the other engine

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

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.task is not None]

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
        import multiprocessing.connection

        wait = min(w.deadline for w in busy) - time.monotonic()
        ready = multiprocessing.connection.wait(
            [w.conn for w in busy], timeout=None if wait == float("inf") else max(0, wait))
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
            self.retries.append(attrs.evolve(task, engine=other))
            return None
        return self._give_up(worker, "crashed",
                             "the worker reading this file stopped unexpectedly (out of "
                             "memory, or a crash), with either PDF engine")

    def _give_up(self, worker: _Worker, code: ErrorCode, message: str
                 ) -> tuple[int, FileOutcome]:
        assert worker.task is not None
        task = worker.task
        self._replace(worker, kill=True)
        return task.index, _failed(task.path, code, message)

    def close(self) -> None:
        for worker in self.workers:
            self._stop(worker, kill=worker.task is not None)


def parse_files(
    paths: Inputs,
    options: ParseOptions = ParseOptions(),
    *,
    jobs: int | None = None,
    read_copies_once: bool = True,
) -> Iterator[FileOutcome]:
    """One outcome per input, in input order, parsed by ``jobs`` worker processes
    (default: one per CPU).

    ``paths`` is one path or any iterable of them (``str`` or ``pathlib.Path``, a list or a
    generator), and may hold what :func:`find_inputs` gives. ``-`` is standard input (a PDF,
    or text, told by its first bytes), named ``<stdin>``. A path that names nothing gives
    the error ``not_found``; a file over ``options.timeout`` seconds, or one that kills its
    worker, ``timeout`` or ``crashed``; the others go on. An input with the same bytes as an
    earlier one (the same file named twice, or a copy) is read once: its outcome is the
    earlier one's with :attr:`FileOutcome.copy_of` set, unless ``read_copies_once`` is false.

    >>> [o.error_code for o in parse_files(["nope.pdf"], jobs=1)]
    ['not_found']
    """
    inputs = input_list(paths)
    work = plan(inputs, options.max_bytes, read_copies_once)
    done = {index: _failed(*failure) for index, failure in work.failed.items()}
    yield from _in_order(work, done, len(inputs), options, max(1, jobs or os.cpu_count() or 1))


def _in_order(work: Plan, done: dict[int, FileOutcome], count: int, options: ParseOptions,
              jobs: int) -> Iterator[FileOutcome]:
    """Run ``work.tasks`` in a pool and hand out all ``count`` outcomes in input order."""
    copies: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for index, (path, first) in work.copies.items():
        copies[first].append((index, path))
    if work.tasks:
        # load the PDF engine once, before the workers fork, instead of once per worker
        from ._pdf.engine import page_reader

        page_reader(options.engine)
    pool = _Pool(options, min(jobs, len(work.tasks)))
    # Parse at most this far ahead of the next outcome handed out, so memory stays flat
    # however many files there are; far enough that one long file does not leave the other
    # workers idle.
    window = 32 * jobs
    queue = iter(work.tasks)
    pending = next(queue, None)
    next_out = 0
    try:
        while next_out < count:
            for worker in pool.idle():
                if pool.retries:
                    pool.assign(worker, pool.retries.pop(0))
                    continue
                if pending is None or pending.index >= next_out + window:
                    break
                pool.assign(worker, pending)
                pending = next(queue, None)
            if next_out not in done and not pool.busy() and not pool.retries:
                # every input is done, a copy of an earlier one or a task: never spin
                raise RuntimeError(f"input {next_out} is neither parsed nor queued (a bug)")
            for index, outcome in pool.finished():
                done[index] = outcome
                for copy, path in copies.pop(index, ()):
                    done[copy] = _copy(outcome, path)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
    finally:
        pool.close()
