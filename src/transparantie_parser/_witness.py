"""A tagged PDF's structure tree as a second witness of a table read from its page.

The page's geometry is read first, as for every PDF (the grammar, ``_assemble``). On a
tagged page, the ``Table`` elements of the structure tree (``_pdf.tagged``) on the table's pages
are read as rows too: a header row (``TH`` cells, or no figures), municipality rows (a name
and a figure per column), the ``TOTAAL AMR`` row, with the grammar's rules for what each
is. The two readings are then compared cell by cell:

- the same labels, names and figures: the table is as read (``structure="agreed"``);
- they differ (``structure="differed"``), and a note names each cell and both texts:
  - figures: the reading whose figures add up (row and column sums, the footnote's share)
    counts; where both do or neither does, the geometry's;
  - names and labels only, the figures the same: the tree counts where it only groups the
    same printed lines (names) or words (labels) another way. That is what the geometry
    decides by position and the tree says outright (a name wrapped in a bottom-aligned
    cell, its first line closer to the row above); a tree that names other text counts
    for nothing;
  - a tree whose table cannot be read as rows, or holds none of the table's rows, counts
    for nothing;
- no table in the tree on the table's pages: ``structure="none"`` (with a note on a tagged
  file).

So a tree that lies (cells in the wrong order, a table tagged as one paragraph, artifacts
tagged as content, a tree left over from an earlier version of the file) costs a note, never
a right reading.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ._assemble import unplaced_issues
from ._grammar import RegionTable, UnplacedText
from ._grammar.area import BODY_LINE_LEFT_OUT
from ._names import join_wrapped, normalize_text
from ._numbers import is_figure_like, parse_count
from .errors import MalformedTableError
from .records import MunicipalityRow, RegionReport, TotalRow, ValidationIssue
from .validation import validate

if TYPE_CHECKING:  # _pdf.tagged loads PDFium: only a file read from a PDF needs it
    from ._pdf.tagged import TaggedCell, TaggedTable

__all__ = ["witness"]

# Issues that say the figures do not add up: what decides between two readings of figures.
_SUM_CODES = frozenset({"row_sum_mismatch", "column_sum_mismatch", "coverage_mismatch"})
# Issues of lines the text could not place: those the tree places in its names go.
_LEFT_OUT_CODES = frozenset({"unplaced_text", "name_line_unplaced"})
# How many differences a note lists one by one before it counts the rest.
_MAX_LISTED = 5


class _TreeRow(NamedTuple):
    """A municipality row as the tree has it: the name, the figures as text (count cells,
    then the row total; None for an empty cell), the page."""

    name: str
    cells: tuple[str | None, ...]
    page: int


class _TreeReading(NamedTuple):
    """The tree's tables on a region table's pages, read as the grammar reads a table."""

    labels: tuple[str, ...] | None
    rows: tuple[_TreeRow, ...]
    total: tuple[str, tuple[str | None, ...]] | None
    odd: tuple[str, ...]  # rows that are no header, municipality or total row


def _grid(rows: Sequence[tuple[TaggedCell, ...]]) -> Iterator[tuple[list[str], bool]]:
    """Each row's texts, column by column (a cell spanning columns or rows leaves the
    places it covers empty), and whether the row holds only header cells."""
    covering: dict[int, int] = {}  # column -> rows still covered by a cell above
    for row in rows:
        texts: list[str] = []
        cells = list(row)
        while cells or covering.get(len(texts), 0) > 0:
            column = len(texts)
            if covering.get(column, 0) > 0:
                covering[column] -= 1
                texts.append("")
                continue
            cell = cells.pop(0)
            for offset in range(cell.col_span):
                texts.append(cell.text if offset == 0 else "")
                if cell.row_span > 1:
                    covering[column + offset] = cell.row_span - 1
        yield texts, bool(row) and all(cell.header for cell in row)


def _is_total(name: str) -> bool:
    # the grammar's rule for a total line: its first word is TOTAAL
    words = name.split()
    return bool(words) and words[0].casefold() == "totaal"


def _figures(texts: Sequence[str]) -> tuple[str | None, ...] | None:
    """Figure cells as text (None for an empty one); None when a cell holds other text."""
    cells = tuple(text or None for text in texts)
    if any(cell is not None and not is_figure_like(cell) for cell in cells):
        return None
    return cells


def _labels(header: Sequence[Sequence[str]]) -> tuple[str, ...]:
    """The count columns' labels of consecutive header rows (a label over two rows, or a
    group's label over several columns, is joined as a wrapped label is)."""
    return tuple(join_wrapped(row[j] for row in header)
                 for j in range(1, len(header[0]) - 1))


def _read_tree(tables: Sequence[TaggedTable], width: int) -> _TreeReading:
    """The tree's rows read as a region table of ``width`` figure columns (counts and the
    row total): header rows (header cells only, or no figure in a row as wide as the
    table), municipality rows, the total line (given again on each page, as a table foot
    is), and what is none of them (``odd``)."""
    labels: tuple[str, ...] | None = None
    header: list[list[str]] = []
    rows: list[_TreeRow] = []
    total: tuple[str, tuple[str | None, ...]] | None = None
    odd: list[str] = []

    def end_header() -> None:
        nonlocal labels
        if header:
            read = _labels(header)
            if labels is None:
                labels = read
            elif read != labels:
                odd.append(f"a header again, other: {' | '.join(read)!r}")
            header.clear()

    for table in tables:
        for texts, all_header in _grid(table.rows):
            name, rest = (texts[0], texts[1:]) if texts else ("", [])
            figures = _figures(rest) if len(rest) == width else None
            if len(rest) == width and (all_header or not any(map(is_figure_like, rest))):
                header.append(texts)
                continue
            end_header()
            if figures is not None and _is_total(name):
                if total is not None and total != (name, figures):
                    odd.append(f"page {table.page}: a total line again, other: "
                               f"{' | '.join(texts)!r}")
                total = (name, figures)  # a table foot repeated on every page
            elif figures is not None and name and not any(c.isdigit() for c in name):
                rows.append(_TreeRow(name, figures, table.page))
            else:
                odd.append(f"page {table.page}: {' | '.join(texts)!r}")
        end_header()
    return _TreeReading(labels, tuple(rows), total, tuple(odd))


def _key(name: str) -> str:
    return normalize_text(name).casefold()


def _belongs(table: TaggedTable, region: RegionTable, width: int) -> bool:
    """Does this tree table hold a row of ``region`` (a name, or its total line's figures)?"""
    reading = _read_tree([table], width)
    names = {_key(join_wrapped(row.name_parts)) for row in region.rows}
    return any(_key(row.name) in names for row in reading.rows) or (
        reading.total is not None and reading.total[1] == tuple(region.total_cells))


def _cell_text(cell: str | None) -> str:
    return "empty" if cell is None else repr(cell)


def _label_notes(report: RegionReport, tree: _TreeReading) -> list[str]:
    if tree.labels is None:
        return []
    return [f"label of column {j + 1}: {ours!r} in the text, {theirs!r} in the structure"
            for j, (ours, theirs) in enumerate(zip(report.columns, tree.labels, strict=True))
            if normalize_text(ours) != normalize_text(theirs)]


def _row_notes(region: RegionTable, report: RegionReport, tree: _TreeReading) -> list[str]:
    notes: list[str] = []
    if len(tree.rows) != len(region.rows):
        notes.append(f"{len(region.rows)} municipality rows in the text, {len(tree.rows)} "
                     "in the structure")
    columns = (*report.columns, "total")
    for ours, theirs in zip(region.rows, tree.rows, strict=False):
        name = join_wrapped(ours.name_parts)
        if _key(name) != _key(theirs.name):
            notes.append(f"page {theirs.page}: name {name!r} in the text, {theirs.name!r} "
                         "in the structure")
        notes.extend(f"{name}, {column}: {_cell_text(a)} in the text, {_cell_text(b)} in the "
                     "structure"
                     for column, a, b in zip(columns, ours.cells, theirs.cells, strict=True)
                     if a != b)
    if tree.total is None:
        notes.append(f"the {region.total_label} line is in the text, not in the structure")
    else:
        label, cells = tree.total
        if _key(label) != _key(region.total_label):
            notes.append(f"total label {region.total_label!r} in the text, {label!r} in "
                         "the structure")
        notes.extend(f"{region.total_label}, {column}: {_cell_text(a)} in the text, "
                     f"{_cell_text(b)} in the structure"
                     for column, a, b in zip(columns, region.total_cells, cells, strict=True)
                     if a != b)
    return notes


def _same_figures(region: RegionTable, tree: _TreeReading) -> bool:
    return (len(tree.rows) == len(region.rows)
            and all(ours.cells == theirs.cells for ours, theirs in zip(
                region.rows, tree.rows, strict=True))
            and tree.total is not None and tree.total[1] == tuple(region.total_cells))


def _flat(text: str) -> str:
    """A text compared without its spaces: a line wrapped after a hyphen (``Súdwest-`` /
    ``Fryslân``) is one word in a cell."""
    return "".join(_key(text).split())


def _regrouped(lines: Sequence[str], theirs: Sequence[str], spare: Sequence[str]
               ) -> set[int] | None:
    """Are ``theirs`` (the tree's cells) the printed ``lines`` (the text's, in order) cut
    between other lines, perhaps with lines the text could not place (``spare``) put in?
    The indexes of the spare lines they take; None when they hold other text."""
    flat = [_flat(line) for line in lines]
    spares = [_flat(text) for text in spare]
    at, used = 0, set()
    for text in theirs:
        rest = _flat(text)
        while rest:
            if at < len(flat) and flat[at] and rest.startswith(flat[at]):
                rest, at = rest[len(flat[at]):], at + 1
                continue
            if at < len(flat) and not flat[at]:
                at += 1
                continue
            found = next((k for k, line in enumerate(spares)
                          if k not in used and line and rest.startswith(line)), None)
            if found is None:
                return None
            used.add(found)
            rest = rest[len(spares[found]):]
    return used if at == len(flat) else None


def _sums_hold(report: RegionReport) -> bool:
    return not any(issue.code in _SUM_CODES for issue in validate(report))


def _tree_report(report: RegionReport, tree: _TreeReading) -> RegionReport | None:
    """The report with the tree's rows and total; None when a figure is no count."""
    try:
        rows = [MunicipalityRow(join_wrapped([row.name]),
                                [parse_count(c or "-", context=row.name) for c in row.cells[:-1]],
                                parse_count(row.cells[-1] or "-", context=row.name),
                                page=row.page)
                for row in tree.rows]
        total = report.total
        if tree.total is not None:
            label, cells = tree.total
            figures = [parse_count(c or "-", context=label) for c in cells]
            total = TotalRow(normalize_text(label), figures[:-1], figures[-1])
    except MalformedTableError:
        return None
    return attrs.evolve(report, rows=rows, total=total)


def _noted(report: RegionReport, verdict: str, notes: Sequence[str]) -> RegionReport:
    listed = list(notes[:_MAX_LISTED])
    if len(notes) > _MAX_LISTED:
        listed.append(f"and {len(notes) - _MAX_LISTED} more")
    return attrs.evolve(report, structure="differed",
                        structure_notes=(f"{verdict}: {'; '.join(listed)}",))


def _left_out_names(region: RegionTable, report: RegionReport) -> list[UnplacedText]:
    """The lines between the rows on the table's pages that no row took, without digits:
    only they may be part of a name (never a note on the header row, a row after the total,
    turned text, a page number)."""
    return [text for text in region.unplaced
            if text.page in report.pages and text.why == BODY_LINE_LEFT_OUT
            and not any(c.isdigit() for c in text.text)]


def _with_names(report: RegionReport, names: Sequence[str], placed: Sequence[UnplacedText]
                ) -> RegionReport:
    """``report`` with the tree's ``names``, and without the issues of the lines they
    place (``unplaced_text``, ``name_line_unplaced``)."""
    old = [row.municipality for row in report.rows]
    gone = {(issue.code, issue.message)
            for text in placed for issue in unplaced_issues(text, old, None)}
    return attrs.evolve(report, rows=[
        attrs.evolve(row, municipality=join_wrapped([name]))
        for row, name in zip(report.rows, names, strict=True)], issues=[
        issue for issue in report.issues if (issue.code, issue.message) not in gone])


def _tree_labels(report: RegionReport, tree: _TreeReading) -> tuple[str, ...] | None:
    """The tree's labels, where they group the text's label words another way."""
    if tree.labels is None:
        return None
    words = [word for label in report.columns for word in label.split()]
    return tree.labels if _regrouped(words, tree.labels, []) is not None else None


def _names_and_labels(region: RegionTable, report: RegionReport, tree: _TreeReading,
                      notes: list[str]) -> RegionReport:
    """Figures agree; names or labels differ: the tree's grouping counts where it only
    groups the same printed lines (names) or words (labels) another way, perhaps with
    lines the text could not place in its names (their issues go)."""
    names = [row.name for row in tree.rows]
    unplaced = _left_out_names(region, report)
    used = _regrouped([part for row in region.rows for part in row.name_parts], names,
                      [text.text for text in unplaced])
    changed = report
    if used is not None:
        changed = _with_names(report, names, [unplaced[k] for k in sorted(used)])
    labels = _tree_labels(report, tree)
    if labels is not None:
        changed = attrs.evolve(changed, columns=[normalize_text(t) for t in labels])
    if changed == report:
        return _noted(report, "the text's reading counts (the structure names other text)",
                      notes)
    return _noted(changed, "the structure's grouping counts (the same printed text, cut "
                  "between other lines)", notes)


def _decide(region: RegionTable, report: RegionReport, tree: _TreeReading
            ) -> RegionReport:
    notes = [*_label_notes(report, tree), *_row_notes(region, report, tree),
             *(f"a row the structure holds is no row of a table: {row}" for row in tree.odd)]
    if not notes:
        return attrs.evolve(report, structure="agreed")
    if not tree.odd and _same_figures(region, tree):
        return _names_and_labels(region, report, tree, notes)
    other = None if tree.odd else _tree_report(report, tree)
    ours = _sums_hold(report)
    theirs = other is not None and _sums_hold(other)
    if other is not None and theirs and not ours:
        return _noted(other, "the structure's reading counts (its figures add up, the "
                      "text's do not)", notes)
    why = ("its figures add up, the structure's do not" if ours and not theirs else
           "both add up" if ours else "neither adds up")
    return _noted(report, f"the text's reading counts ({why})", notes)


def witness(region: RegionTable, report: RegionReport,
            tagged: Sequence[TaggedTable] | None, reading: Sequence[ValidationIssue]
            ) -> RegionReport:
    """``report`` (read from ``region``'s geometry, validated; ``reading`` the issues its
    reading found) heard against the tagged tables of its file (None: the file is not
    tagged); see the module's docstring. A report whose names or figures the tree changed
    is validated again."""
    if tagged is None or report.reading != "text":
        return report
    heard = _heard(region, report, tagged)
    if (heard.rows, heard.total, heard.columns) == (report.rows, report.total, report.columns):
        return heard
    still = [issue for issue in reading
             if issue.code not in _LEFT_OUT_CODES or issue in heard.issues]
    return attrs.evolve(heard, issues=(*still, *validate(heard)))


def _heard(region: RegionTable, report: RegionReport, tagged: Sequence[TaggedTable]
           ) -> RegionReport:
    width = len(report.columns) + 1
    on_pages = [t for t in tagged if t.page in report.pages]
    mine = [t for t in on_pages if _belongs(t, region, width)]
    pages = ", ".join(map(str, report.pages))
    if not mine:  # no table of the tree is this one: it is read from the text alone
        said = (f"the structure tree has no table on page(s) {pages}" if not on_pages else
                f"the structure tree's table(s) on page(s) {pages} hold none of its rows")
        return attrs.evolve(report, structure="none",
                            structure_notes=(f"{said}; read from the text alone",))
    return _decide(region, report, _read_tree(mine, width))
