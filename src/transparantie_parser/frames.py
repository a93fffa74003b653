"""pandas data frames of region reports, with the columns of the CSV files
(:mod:`transparantie_parser.writers`) and proper dtypes. Needs the ``pandas`` extra.

>>> import transparantie_parser as tp
>>> frames = tp.read_archive(["archief/"], jobs=2)  # doctest: +SKIP
>>> frames.municipalities.groupby(["period", "region"], observed=True)["total"].sum()
...     # doctest: +SKIP

Dtypes: text is ``string``; ``region`` is ``category``; ``period`` is ``period[Q-DEC]``
(pandas' quarterly Period); whole numbers are ``Int64`` (nullable) where a value can be
missing (``page`` for text input, ``count_5`` of a four-column table, ``register_total``
without a footnote) and ``int64`` where it cannot; percentages are ``Float64``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from ._extras import require
from .problems import Problem, outcome_problems, table_problems
from .records import RegionReport
from .writers import (
    COUNTS,
    DEFAULT_COUNT_COLUMNS,
    MUNICIPALITIES,
    PROBLEMS,
    REGIONS,
    Layout,
    Repeated,
)

if TYPE_CHECKING:
    import pandas as pd

    from .batch import FileOutcome, Inputs, ParseOptions

__all__ = ["DTYPES", "Frames", "read_archive", "to_frames"]

#: The dtype of every column, by name (a repeated column by its prefix: ``count_``).
DTYPES: dict[str, str] = {
    "table_id": "string", "source": "string", "page": "Int64", "pages": "string",
    "region": "category", "period": "period[Q-DEC]", "year": "int64", "quarter": "int64",
    "municipality": "string", "count_": "Int64", "total": "int64", "table_issues": "string",
    "column_number": "int64", "column": "string", "count": "int64",
    "label_": "string", "total_label": "string", "total_count_": "Int64",
    "grand_total": "int64", "register_total": "Int64", "known_pct": "Float64",
    "computed_pct": "Float64", "issues": "string", "reading": "category", "repaired": "int64",
    "structure": "category", "structure_notes": "string",
    "code": "string", "message": "string",
}


@attrs.frozen(eq=False)
class Frames:
    """The data frames of a batch: ``municipalities`` (a row per municipality), ``counts``
    (the long shape: a row per municipality and count column), ``regions`` (a row per region
    table) and ``problems`` (a row per failed file and per table issue). Every frame has
    ``table_id``, the key to join them on."""

    municipalities: pd.DataFrame
    counts: pd.DataFrame
    regions: pd.DataFrame
    problems: pd.DataFrame


def _require_pandas() -> None:
    require("pandas", package="pandas", extra="pandas",
            purpose="transparantie_parser.frames (pandas data frames)")


def _dtype(column: str, layout_fields: Iterable[object]) -> str:
    for field in layout_fields:
        if isinstance(field, Repeated) and column.startswith(field.prefix) \
                and column[len(field.prefix):].isdigit():
            return DTYPES[field.prefix]
    return DTYPES[column]


def _plain(value: object) -> object:
    # pandas has no Decimal dtype; a printed or rounded percentage is exact in a float
    return float(value) if isinstance(value, Decimal) else value


def _frame(layout: Layout, rows: Sequence[Sequence[object]], k: int) -> pd.DataFrame:
    import pandas as pd  # the caller checked that it is installed

    header = layout.header(k)
    table = pd.DataFrame([[_plain(v) for v in row] for row in rows], columns=header,
                         dtype=object)
    return table.astype({column: _dtype(column, layout.fields) for column in header})


def _cells(layout: Layout, reports: list[RegionReport], k: int) -> list[list[object]]:
    return [layout.cells(values, k) for report in reports for values in layout.rows(report)]


def to_frames(reports: Iterable[RegionReport], problems: Iterable[Problem] | None = None
              ) -> Frames:
    """The data frames of ``reports``. ``problems`` defaults to the reports' issues
    (:func:`~transparantie_parser.problems.table_problems`); :func:`read_archive` adds the
    files that failed.

    Raises :class:`~transparantie_parser.MissingExtraError` without pandas.
    """
    _require_pandas()
    reports = list(reports)
    if problems is None:
        problems = [p for report in reports for p in table_problems(report)]
    k = max([DEFAULT_COUNT_COLUMNS, *(len(r.columns) for r in reports)])
    problem_rows = [list(p.values()) for p in problems]
    return Frames(
        municipalities=_frame(MUNICIPALITIES, _cells(MUNICIPALITIES, reports, k), k),
        counts=_frame(COUNTS, _cells(COUNTS, reports, k), k),
        regions=_frame(REGIONS, _cells(REGIONS, reports, k), k),
        problems=_frame(PROBLEMS, problem_rows, k),
    )


def read_archive(paths: Inputs, *, jobs: int | None = None,
                 options: ParseOptions | None = None, keep_duplicates: bool = False) -> Frames:
    """Parse PDFs, text extractions and folders of PDFs as ``transparantie-parser convert``
    does, and return their data frames: :func:`transparantie_parser.batch.parse_files` reads
    them (worker processes, a time limit per file), a file given twice is read once, and a
    region and quarter found in several files is kept once, or with a ``conflict`` issue when
    the figures differ (:func:`transparantie_parser.archive.deduplicate`; ``keep_duplicates``
    keeps every copy); a name read by OCR is put right from a text layer of the same region
    where one is alike enough (``ocr_name_matched``). Files that fail are rows of
    ``problems``.

    >>> frames = read_archive(["archief/"], jobs=2)  # doctest: +SKIP
    """
    _require_pandas()  # say a missing extra before reading a whole archive
    from .archive import ArchiveIndex, Duplicate
    from .batch import ParseOptions, find_inputs, parse_files

    index = ArchiveIndex()
    files: list[tuple[FileOutcome, list[RegionReport]]] = []
    for outcome in parse_files(find_inputs(paths), options or ParseOptions(), jobs=jobs,
                               read_copies_once=not keep_duplicates):
        if outcome.copy_of is not None:
            continue  # the same bytes as an earlier input: read once
        kept = [r for r in outcome.reports
                if not isinstance(index.add(r), Duplicate) or keep_duplicates]
        files.append((outcome, kept))
    reports: list[RegionReport] = []
    problems: list[Problem] = []
    for outcome, kept in files:
        # settled once every file is read: a conflict found later reaches the earlier table
        settled = tuple(index.settle(report) for report in kept)
        reports.extend(settled)
        problems.extend(outcome_problems(attrs.evolve(outcome, reports=settled)))
    return to_frames(reports, problems)
