"""What a batch reads, settled before any file is parsed: folders walked for PDFs, inputs
that name nothing found, standard input read, and the same file named twice (or copied byte
for byte) recognised, so that it is read once."""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple, TypeAlias

import attrs

from .._pdf.engine import Engine
from .._pdf.source import looks_like_text, read_source
from ..errors import ErrorCode, TransparantieError

__all__ = [
    "STDIN",
    "STDIN_NAME",
    "TEXT_SUFFIXES",
    "Inputs",
    "MissingInput",
    "Plan",
    "Task",
    "find_inputs",
    "input_list",
    "plan",
]

#: The input that stands for standard input, as on the command line.
STDIN = "-"
#: How standard input is named in outcomes, reports and messages.
STDIN_NAME = "<stdin>"
#: Inputs with these endings are text extractions, not PDFs.
TEXT_SUFFIXES = (".txt", ".text")
_HASH_CHUNK = 1 << 20


@attrs.frozen
class MissingInput:
    """An input that names nothing to read: ``code`` is ``not_found`` (no such file or
    folder) or ``no_input`` (a folder that holds no PDF file)."""

    path: str
    code: ErrorCode
    message: str


InputPath: TypeAlias = "str | os.PathLike[str]"
#: What the batch functions take: one path, or any iterable of paths (``str`` or
#: ``pathlib.Path``) and the :class:`MissingInput` entries :func:`find_inputs` gives.
Inputs: TypeAlias = "InputPath | Iterable[InputPath | MissingInput]"


def input_list(paths: Inputs) -> list[str | MissingInput]:
    """The inputs as a list of ``str``: one path alone is one input, never its letters."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return [p if isinstance(p, MissingInput) else os.fspath(p) for p in paths]


def _file_id(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def find_inputs(paths: Inputs) -> list[str | MissingInput]:
    """Files to read, in order: each file as given, each folder's ``*.pdf`` (any case)
    recursively in sorted order, ``-`` (standard input) as it is. A file reached twice (a
    folder named twice, a file inside a folder also named) is listed once. Symbolic links to
    folders are followed once; loops never. An input that names nothing is a
    :class:`MissingInput` in its place."""
    found: list[str | MissingInput] = []
    seen: set[tuple[int, int]] = set()

    def first_time(path: str) -> bool:
        key = _file_id(path)
        if key is None:
            return True  # unreadable: its reader says why
        if key in seen:
            return False
        seen.add(key)
        return True

    for path in input_list(paths):
        if isinstance(path, MissingInput) or path == STDIN:
            found.append(path)
        elif os.path.isdir(path):
            pdfs = list(_walk(path))
            if not pdfs:
                found.append(MissingInput(path, "no_input", "the folder holds no PDF files"))
            found.extend(pdf for pdf in pdfs if first_time(pdf))
        elif os.path.exists(path):
            if first_time(path):
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


# --- the plan of a batch ----------------------------------------------------------------------

# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class Task(NamedTuple):
    """One input for a worker: its place in the batch, its name, and for standard input the
    bytes (read by the parent: a worker process has no standard input of its own).
    ``engine`` overrides the batch's engine (a file that crashed a worker reading it with
    one engine is read again with the other)."""

    # shadows tuple.index, which nothing asks of a task
    index: int  # type: ignore[assignment]
    path: str
    data: bytes | None = None
    engine: Engine | None = None

    def __repr__(self) -> str:  # without the bytes, which may be a whole PDF
        return f"Task(index={self.index!r}, path={self.path!r}, engine={self.engine!r})"

    @property
    def is_text(self) -> bool:
        if self.data is not None:
            return looks_like_text(self.data)
        return self.path.lower().endswith(TEXT_SUFFIXES)


#: An input that failed before any worker saw it: its name, code and message.
Failure: TypeAlias = "tuple[str, ErrorCode, str]"


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class Plan(NamedTuple):
    """The inputs of a batch, sorted out: ``tasks`` to parse, ``failed`` inputs (by index),
    and ``copies``: the index of an input with the same bytes as an earlier one -> its name
    and the index of that earlier one (whose outcome it shares)."""

    tasks: tuple[Task, ...]
    failed: dict[int, Failure]
    copies: dict[int, tuple[str, int]]


def _read_stdin(max_bytes: int) -> bytes:
    if sys.stdin is None:
        raise TransparantieError("not_found", "standard input is closed")
    return read_source(sys.stdin.buffer, max_bytes)


def _stdin_once(max_bytes: int) -> Callable[[], bytes | TransparantieError]:
    """Standard input's bytes (or why they cannot be read), read on the first call only:
    ``-`` given twice reads it once."""

    @functools.cache
    def read() -> bytes | TransparantieError:
        try:
            return _read_stdin(max_bytes)
        except TransparantieError as err:
            return err

    return read


def _sorted_out(index: int, path: str | MissingInput,
                stdin: Callable[[], bytes | TransparantieError]) -> Task | Failure:
    """Input ``index``: a task to read, or why it fails at once."""
    if isinstance(path, MissingInput):
        return (path.path, path.code, path.message)
    if path == STDIN:
        data = stdin()
        if isinstance(data, TransparantieError):
            return (STDIN_NAME, data.code, data.detail)
        return Task(index, STDIN_NAME, data)
    if not os.path.exists(path):
        return (path, "not_found", "no such file or folder")
    return Task(index, path)


def plan(paths: list[str | MissingInput], max_bytes: int, read_copies_once: bool) -> Plan:
    """Sort the inputs out before any worker starts: what names nothing fails at once,
    standard input is read (once, however often ``-`` is given), and, unless
    ``read_copies_once`` is false, an input with the same bytes as an earlier one becomes a
    copy of it."""
    tasks: list[Task] = []
    failed: dict[int, Failure] = {}
    stdin = _stdin_once(max_bytes)
    for index, path in enumerate(paths):
        entry = _sorted_out(index, path, stdin)
        if isinstance(entry, Task):
            tasks.append(entry)
        else:
            failed[index] = entry
    copies = _copies(tasks) if read_copies_once else {}
    return Plan(tuple(t for t in tasks if t.index not in copies), failed, copies)


def _copies(tasks: list[Task]) -> dict[int, tuple[str, int]]:
    """Each task with the same kind and bytes as an earlier one -> (its name, that one's
    index). Only files of equal size are hashed: for most archives, none or a few."""
    by_size: dict[tuple[bool, int], list[Task]] = defaultdict(list)
    for task in tasks:
        size = _size(task)
        if size is not None:
            by_size[(task.is_text, size)].append(task)
    copies: dict[int, tuple[str, int]] = {}
    for group in by_size.values():
        if len(group) < 2:
            continue
        first_of: dict[str, int] = {}
        digests = _Digests()
        for task in group:
            digest = digests.of(task)
            if digest is None:
                continue
            if digest in first_of:
                copies[task.index] = (task.path, first_of[digest])
            else:
                first_of[digest] = task.index
    return copies


def _size(task: Task) -> int | None:
    if task.data is not None:
        return len(task.data)
    try:
        return os.stat(task.path).st_size
    except OSError:
        return None


class _Digests:
    """SHA-256 of each task's bytes, read in pieces; a file named twice is hashed once."""

    def __init__(self) -> None:
        self._by_file: dict[tuple[int, int], str | None] = {}

    def of(self, task: Task) -> str | None:
        if task.data is not None:
            return hashlib.sha256(task.data).hexdigest()
        key = _file_id(task.path)
        if key is None:
            return None
        if key not in self._by_file:
            self._by_file[key] = _hash_file(task.path)
        return self._by_file[key]


def _hash_file(path: str) -> str | None:
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while piece := handle.read(_HASH_CHUNK):
                digest.update(piece)
    except OSError:
        return None  # unreadable: read on its own, its reader says why
    return digest.hexdigest()
