"""One file of a batch read in this process: its reports, what its warnings say was not
read or was left out, and any failure as the outcome's error code, never an exception."""

from __future__ import annotations

import traceback
import warnings
from collections.abc import Sequence

import attrs

from .._outcome import FileOutcome
from ..api import parse_pdf, parse_text
from ..errors import (
    ErrorCode,
    PagesNotReadWarning,
    PartlyReadError,
    TableFailure,
    TableLeftOutWarning,
    TransparantieError,
)
from ..records import RegionReport
from .inputs import Task
from .options import ParseOptions
from .text import decode, read_text

__all__ = ["failed", "parse_task"]


def failed(path: str, code: ErrorCode, message: str, page: int | None = None) -> FileOutcome:
    return FileOutcome(path, error_code=code, error_message=message, error_page=page)


def _read(task: Task, options: ParseOptions) -> list[RegionReport]:
    if task.is_text:
        text = decode(task.data) if task.data is not None else read_text(
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


def parse_task(task: Task, options: ParseOptions) -> FileOutcome:
    path = task.path
    try:
        return _read_noting(task, options)
    except TransparantieError as err:
        return failed(path, err.code, err.detail, err.page)
    except MemoryError:
        return failed(path, "too_large", "needs more memory than a worker may use")
    except RecursionError:
        return failed(path, "too_large", "nests its contents too deeply to be read")
    except Exception as err:  # a bug: report it, keep the batch going
        detail = traceback.format_exc() if options.debug else f"{type(err).__name__}: {err}"
        return failed(path, "internal_error",
                       f"unexpected error (a bug; please report it): {detail}")

