"""pandas data frames of region reports, with the columns of the CSV files
(:mod:`transparantie_parser.writers`) and proper dtypes. Needs the ``pandas`` extra.

>>> import transparantie_parser as tp
>>> frames = tp.read_archive(["archief/"], jobs=2)  # doctest: +SKIP
>>> frames.municipalities.groupby(["period", "region"], observed=True)["total"].sum()
...     # doctest: +SKIP

Dtypes: text is ``string``; ``region`` is ``category``; ``period`` is ``period[Q-DEC]``
(pandas' quarterly Period); whole numbers are ``Int64`` (nullable) where a value can be
missing (``page`` for text input, ``count_5`` of a four-column table, ``register_total``
without a footnote) and ``int64`` where it cannot; percentages are ``Float64``; the issue
columns (``table_issues``, ``row_issues``, ``issues``, ``severity``) are ``string``, ``""``
when there is none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from ._extras import require
from ._run.inputs import MissingInput
from .errors import TransparantieError
from .problems import Problem, table_problems
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

    from .batch import Inputs, ParseOptions
    from .panels import Panel

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
    "code": "string", "message": "string", "row_issues": "string", "severity": "string",
}


@attrs.frozen(eq=False)
class Frames:
    """The data frames of a batch: ``municipalities`` (a row per municipality), ``counts``
    (the long shape: a row per municipality and count column), ``regions`` (a row per region
    table) and ``problems`` (a row per failed file and per table issue). Every frame has
    ``table_id``, the key to join them on. ``panel`` is the batch quarter by quarter
    (:func:`transparantie_parser.panel`): indexed by ``region``, ``municipality`` and
    ``measure``, a column per quarterly ``pandas.Period``, nullable integers (``Int64``;
    ``Float64`` when a printed share has decimals), missing where the batch holds no
    figure."""

    municipalities: pd.DataFrame
    counts: pd.DataFrame
    regions: pd.DataFrame
    problems: pd.DataFrame
    panel: pd.DataFrame


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


def _panel_cells(result: Panel) -> tuple[list[list[int | float | None]], bool]:
    """The panel's values, as whole numbers when every one is one (counts, shares of whole
    percents), else as floats; and whether they are whole."""
    values = [v for row in result.rows for v in row.values if v is not None]
    whole = all(v == int(v) for v in values)
    cells = [[None if v is None else int(v) if whole else float(v) for v in row.values]
             for row in result.rows]
    return cells, whole


def _panel_frame(result: Panel) -> pd.DataFrame:
    import pandas as pd  # the caller checked that it is installed

    keys = [(row.region, row.municipality, row.measure) for row in result.rows]
    index = pd.MultiIndex.from_arrays([[k[i] for k in keys] for i in range(3)],
                                      names=["region", "municipality", "measure"])
    cells, whole = _panel_cells(result)
    frame = pd.DataFrame(cells, index=index, dtype=object,
                         columns=pd.PeriodIndex(list(result.periods), freq="Q"))
    return frame.astype("Int64" if whole else "Float64")


def to_frames(reports: Iterable[RegionReport], problems: Iterable[Problem] | None = None
              ) -> Frames:
    """The data frames of ``reports``. ``problems`` defaults to the reports' issues
    (:func:`~transparantie_parser.problems.table_problems`); :func:`read_archive` adds the
    files that failed.

    Raises :class:`~transparantie_parser.MissingExtraError` without pandas.
    """
    _require_pandas()
    from .panels import panel

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
        panel=_panel_frame(panel(reports)),
    )


def _existing(inputs: list[str | MissingInput]) -> list[str]:
    """The inputs, every one naming something to read; else a :class:`TransparantieError`
    naming the first that does not (and the others)."""
    missing = [item for item in inputs if isinstance(item, MissingInput)]
    if missing:
        first, *others = missing
        more = "".join(f"; {item.path}: {item.message}" for item in others)
        raise TransparantieError(first.code, f"{first.message}{more}; nothing was read",
                                 source=first.path)
    return [item for item in inputs if isinstance(item, str)]


def read_archive(paths: Inputs, *, jobs: int | None = None,
                 options: ParseOptions | None = None, keep_duplicates: bool = False,
                 progress: bool | None = None) -> Frames:
    """Parse PDFs, text extractions and folders of PDFs as ``transparantie-parser convert``
    does, and return their data frames: :func:`transparantie_parser.batch.parse_files` reads
    them (worker processes, a time limit per file), a file given twice is read once, and a
    region and quarter found in several files is kept once, or with a ``conflict`` issue when
    the figures differ (:class:`transparantie_parser.archive.Archive`; ``keep_duplicates``
    keeps every copy); a name read by OCR is put right from a text layer of the same region
    where one is alike enough (``ocr_name_matched``). Files that fail, copies left out and
    the findings between quarters of ``panel`` are rows of ``problems``.

    An input that names nothing (a typo, or a folder without PDFs) raises a
    :class:`~transparantie_parser.TransparantieError` (``not_found``, ``no_input``) naming
    it, before any file is read, as the command line stops with a usage error. ``progress``
    shows a progress bar on standard error (a widget in a Jupyter notebook, with tqdm); by
    default only when standard error is a terminal or in a notebook.

    >>> frames = read_archive(["archief/"], jobs=2)  # doctest: +SKIP
    """
    _require_pandas()  # say a missing extra before reading a whole archive
    from ._run.progress import batch_progress
    from .archive import Archive
    from .batch import ParseOptions, find_inputs, parse_files
    from .panels import panel

    inputs = _existing(find_inputs(paths))
    archive = Archive(keep_duplicates=keep_duplicates)
    shown = batch_progress(len(inputs), progress)
    try:
        for outcome in parse_files(inputs, options or ParseOptions(), jobs=jobs,
                                   read_copies_once=not keep_duplicates):
            shown.advance(outcome.path)
            archive.take(outcome)
    finally:
        shown.clear()
    # settled once every file is read: a conflict found later reaches the earlier table
    reports = list(archive.settled())
    findings = [finding.problem() for finding in panel(reports).findings]
    return to_frames(reports, [*archive.problems, *findings])
