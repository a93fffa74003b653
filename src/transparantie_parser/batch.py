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

import os
from collections.abc import Iterator

from ._outcome import FileOutcome
from ._run.inputs import (
    STDIN,
    STDIN_NAME,
    Inputs,
    MissingInput,
    Task,
    find_inputs,
    input_list,
    plan,
)
from ._run.options import DEFAULT_MAX_MEMORY, DEFAULT_TIMEOUT, ParseOptions
from ._run.order import in_order
from ._run.reading import failed, parse_task

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

# every default of the options (one instance, as a default argument is)
_DEFAULTS = ParseOptions()


def parse_file(path: str | os.PathLike[str], options: ParseOptions = _DEFAULTS
               ) -> FileOutcome:
    """Parse one file (PDF, or a ``.txt`` text extraction) in this process; errors become
    the outcome."""
    return parse_task(Task(0, os.fspath(path)), options)


def parse_files(
    paths: Inputs,
    options: ParseOptions = _DEFAULTS,
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
    done = {index: failed(*failure) for index, failure in work.failed.items()}
    yield from in_order(work, done, len(inputs), options, max(1, jobs or os.cpu_count() or 1))
