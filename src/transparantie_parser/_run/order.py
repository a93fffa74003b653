"""A batch's outcomes handed out in input order, one at a time, while a pool reads ahead of
them within a window (memory stays flat however many files there are); copies of a file get
its outcome."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator

import attrs

from .._outcome import FileOutcome
from .inputs import Plan, Task
from .options import ParseOptions
from .pool import Pool

__all__ = ["in_order"]

# Inputs read at most this far ahead of the next outcome handed out, per worker.
_WINDOW_PER_JOB = 32


def _copy(outcome: FileOutcome, path: str) -> FileOutcome:
    """``outcome`` as the outcome of a copy of its file at ``path``."""
    return attrs.evolve(
        outcome, path=path, copy_of=outcome.path,
        reports=tuple(attrs.evolve(r, source=path) for r in outcome.reports),
        rejected=tuple(attrs.evolve(r, source=path) for r in outcome.rejected))


# Not an attrs class: one costs every start its building (docs/performance.md, a cold
# start).
class _ReadAhead:
    """The tasks still to be handed to the pool, at most ``window`` inputs ahead of the next
    outcome handed out: memory stays flat however many files there are, and one long file
    does not leave the other workers idle."""

    __slots__ = ("pending", "tasks", "window")

    def __init__(self, tasks: Iterator[Task], window: int) -> None:
        self.tasks = tasks
        self.window = window
        self.pending = next(self.tasks, None)

    def take(self, next_out: int) -> Task | None:
        """The next task, unless it is too far ahead of input ``next_out``."""
        task = self.pending
        if task is None or task.index >= next_out + self.window:
            return None
        self.pending = next(self.tasks, None)
        return task


def _copies_by_first(work: Plan) -> dict[int, list[tuple[int, str]]]:
    """The inputs that are copies of each input read (index and path)."""
    copies: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for index, (path, first) in work.copies.items():
        copies[first].append((index, path))
    return copies


def _load_engine(work: Plan, options: ParseOptions) -> None:
    """Load the PDF engine once, before the workers fork, instead of once per worker."""
    if work.tasks:
        from .._pdf.engine import page_reader

        page_reader(options.engine)


def in_order(work: Plan, done: dict[int, FileOutcome], count: int, options: ParseOptions,
             jobs: int) -> Iterator[FileOutcome]:
    """Run ``work.tasks`` in a pool and hand out all ``count`` outcomes in input order."""
    copies = _copies_by_first(work)
    _load_engine(work, options)
    pool = Pool(options, min(jobs, len(work.tasks)))
    ahead = _ReadAhead(iter(work.tasks), _WINDOW_PER_JOB * jobs)
    next_out = 0
    try:
        while next_out < count:
            pool.fill(functools.partial(ahead.take, next_out))
            if next_out not in done and not pool.outstanding():
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
