"""Typed, immutable records of one region table. They know nothing of PDFs or text layout."""

from __future__ import annotations

import functools
import hashlib
import json
import unicodedata
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal, get_args

import attrs
import regex

__all__ = [
    "ISSUE_CODES",
    "ISSUE_SEVERITY",
    "READINGS",
    "SEVERITIES",
    "STRUCTURES",
    "TOTAL_ROW",
    "IssueCode",
    "MunicipalityRow",
    "Quarter",
    "Reading",
    "RegionReport",
    "RegisterFootnote",
    "Severity",
    "Structure",
    "TotalRow",
    "ValidationIssue",
    "rounded_pct",
    "worst_severity",
]

_NOT_SLUG = regex.compile(r"[^a-z0-9]+")


@functools.cache
def _quarter_text() -> regex.Pattern[str]:
    # compiled on first use: reading a PDF never parses a quarter's text
    return regex.compile(r"(\d{4})-?Q([1-4])", flags=regex.IGNORECASE)


def _ints(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(values)


def _strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _rows(values: Iterable[MunicipalityRow]) -> tuple[MunicipalityRow, ...]:
    return tuple(values)


def _issues(values: Iterable[ValidationIssue]) -> tuple[ValidationIssue, ...]:
    return tuple(values)


def _non_negative(_instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


def _counts(_instance: object, attribute: attrs.Attribute[Any], value: tuple[int, ...]) -> None:
    if any(count < 0 for count in value):
        raise ValueError(f"{attribute.name} must hold counts >= 0, got {value}")


@attrs.frozen(order=True)
class Quarter:
    """A quarter of a year; prints as ``2020Q4``, the ``period`` of every output.

    >>> Quarter(2020, 4) < Quarter.parse("2021Q1")
    True
    >>> print(Quarter(2020, 4))
    2020Q4
    """

    year: int
    number: int = attrs.field(validator=attrs.validators.in_(range(1, 5)))

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Read ``YYYYQN`` (as :meth:`__str__` writes it; ``YYYY-QN`` too)."""
        match = _quarter_text().fullmatch(text.strip())
        if match is None:
            raise ValueError(f"not a quarter like '2020Q4': {text!r}")
        return cls(int(match[1]), int(match[2]))

    def __str__(self) -> str:
        return self.period

    @property
    def period(self) -> str:
        """The quarter as the outputs' ``period`` column writes it, ``2020Q4``: the form
        pandas reads as a quarterly ``Period`` and spreadsheets sort in time order."""
        return f"{self.year}Q{self.number}"


@attrs.frozen
class MunicipalityRow:
    """One municipality's counts and row total, exactly as printed.

    ``page`` is the 1-based page the row is printed on (None for text input).
    """

    municipality: str
    counts: tuple[int, ...] = attrs.field(converter=_ints, validator=_counts)
    total: int = attrs.field(validator=_non_negative)
    page: int | None = attrs.field(default=None, kw_only=True, eq=True)

    def to_dict(self) -> dict[str, Any]:
        return {"municipality": self.municipality, "page": self.page,
                "counts": list(self.counts), "total": self.total}


@attrs.frozen
class TotalRow:
    """The ``TOTAAL AMR`` line: the region's column totals and grand total."""

    label: str
    counts: tuple[int, ...] = attrs.field(converter=_ints, validator=_counts)
    total: int = attrs.field(validator=_non_negative)

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "counts": list(self.counts), "total": self.total}


@attrs.frozen
class RegisterFootnote:
    """The footnote under the table: the size of the target-group register of the region
    and the share of it known in Sonar, as printed (``known_pct`` may carry decimals)."""

    region: str
    register_total: int = attrs.field(validator=_non_negative)
    known_pct: Decimal


#: What a validation issue can say (README, "Validation").
IssueCode = Literal[
    # what reading the page has to report
    "blank_as_zero",
    "label_missing",
    "unplaced_text",
    "name_row_uncertain",
    "name_line_unplaced",
    # a figure or name read by OCR that no reading and no sum confirms
    "ocr_uncertain",
    # a name read by OCR taken for the name a text layer of the archive prints (archive)
    "ocr_name_matched",
    # what does not add up
    "row_sum_mismatch",
    "column_sum_mismatch",
    "coverage_mismatch",
    "footnote_missing",
    "region_mismatch",
    # another file holds this region and quarter with other figures (archive.deduplicate)
    "conflict",
]
ISSUE_CODES: tuple[IssueCode, ...] = get_args(IssueCode)

#: How much an issue matters: ``error``, the figures or names it names are wrong or doubtful
#: (or missing); ``note``, read and right, but worth knowing.
Severity = Literal["error", "note"]
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
#: The severity of every issue code (README, "Validation").
ISSUE_SEVERITY: Mapping[IssueCode, Severity] = MappingProxyType({
    # a blank read as 0 only where its row adds up with it; a column called column_N; words
    # beside the table, quoted: what was read is right
    "blank_as_zero": "note",
    "label_missing": "note",
    "unplaced_text": "note",
    # a wrapped name's line the page does not place: the name of one of two rows is doubtful
    "name_row_uncertain": "error",
    # a line of a wrapped name that no row took: the name of a row beside it is incomplete
    "name_line_unplaced": "error",
    # a figure or name OCR read that nothing confirms
    "ocr_uncertain": "error",
    # a name put right from a text layer that prints it: right, and said where it came from
    "ocr_name_matched": "note",
    "row_sum_mismatch": "error",
    "column_sum_mismatch": "error",
    "coverage_mismatch": "error",
    # the register total and share the table should have are not there
    "footnote_missing": "error",
    "region_mismatch": "error",
    "conflict": "error",
})


def worst_severity(codes: Iterable[IssueCode]) -> Severity | None:
    """``error`` when one of ``codes`` is an error, else ``note`` when there are any, else
    None."""
    found = {ISSUE_SEVERITY[code] for code in codes}
    return "error" if "error" in found else "note" if found else None


#: How a table's text was read: from the PDF's text layer, or by OCR of a page image (a scan).
Reading = Literal["text", "ocr"]
READINGS: tuple[Reading, ...] = get_args(Reading)

#: What a tagged PDF's structure tree said of a table read from its text (``_witness``):
#: the same cells, other cells (``RegionReport.structure_notes`` says which, and which
#: reading counts), no table in the tree (or no tree), or read from the tree alone.
Structure = Literal["agreed", "differed", "none", "only"]
STRUCTURES: tuple[Structure, ...] = get_args(Structure)

#: :attr:`ValidationIssue.row` of the ``TOTAAL AMR`` line.
TOTAL_ROW = -1


@attrs.frozen
class ValidationIssue:
    """Something a table's reader must know: a figure that does not add up, a footnote that
    is missing or names another region, or what reading the page found (a blank cell read as
    0, a column without a label, words it could not place).

    ``municipality`` and ``column`` name where it is as printed (a municipality or the
    ``TOTAAL AMR`` label; a column label or ``total``); ``row`` and ``column_index`` say the
    same by position: an index into :attr:`RegionReport.rows` (:data:`TOTAL_ROW` for the
    total line) and into the counts (their number for the column of row totals). None where
    the issue is not about one row or column. ``page`` is the page the issue is printed on
    where it is about no row (words the reader could not place); None otherwise.
    """

    code: IssueCode
    message: str
    municipality: str | None = None
    column: str | None = None
    row: int | None = attrs.field(default=None, kw_only=True)
    column_index: int | None = attrs.field(default=None, kw_only=True)
    page: int | None = attrs.field(default=None, kw_only=True)

    @property
    def severity(self) -> Severity:
        """``error`` or ``note`` (:data:`ISSUE_SEVERITY`)."""
        return ISSUE_SEVERITY[self.code]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message,
                "municipality": self.municipality, "column": self.column,
                "severity": self.severity}


def _pct_json(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def rounded_pct(share: Fraction) -> Decimal:
    """A computed percentage as every output writes it: rounded half up to two decimals,
    without trailing zeros (``70.55``, ``70.5``, ``71``)."""
    exact = Decimal(share.numerator) / Decimal(share.denominator)
    rounded = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    # normalize() would write 100 as 1E+2
    return rounded.quantize(Decimal(1)) if rounded == rounded.to_integral() else rounded.normalize()


def _slug(text: str) -> str:
    """``Súdwest-Fryslân`` -> ``sudwest-fryslan``: letters and digits, runs of others as ``-``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", plain.lower()).strip("-")


def _table_id(source: str | None, pages: tuple[int, ...], region: str, quarter: Quarter
              ) -> str:
    # A digest, not Python's hash(): the same on every run, machine and Python version.
    key = json.dumps([source or "", list(pages), region, quarter.period], ensure_ascii=False)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
    return f"{quarter.period}-{_slug(region) or 'region'}-{digest}"


@attrs.frozen
class RegionReport:
    """One region table of one quarter, with the issues validation found in it.

    ``reading`` says how its text was read: ``"text"`` from the PDF's text layer, ``"ocr"``
    when a page of it was read by OCR (a page without a text layer, or any page with
    ``ocr="always"``). ``repaired`` counts the figures the OCR first misread and its own
    other readings put right, each confirmed by both its row's and its column's sum (0 for
    text).

    ``structure`` says what the structure tree of a tagged PDF said of the table:
    ``"agreed"`` (the same labels, names and figures), ``"differed"`` (``structure_notes``
    names the cells, both texts and which reading counts), ``"none"`` (no tree, or no table
    in it; a note on a tagged file), ``"only"`` (read from the tree alone).
    """

    region: str
    quarter: Quarter
    columns: tuple[str, ...] = attrs.field(converter=_strs)
    rows: tuple[MunicipalityRow, ...] = attrs.field(converter=_rows)
    total: TotalRow
    footnote: RegisterFootnote | None = None
    pages: tuple[int, ...] = attrs.field(default=(), converter=_ints)
    source: str | None = None
    issues: tuple[ValidationIssue, ...] = attrs.field(default=(), converter=_issues)
    reading: Reading = attrs.field(default="text", kw_only=True,
                                   validator=attrs.validators.in_(READINGS))
    repaired: int = attrs.field(default=0, kw_only=True, validator=_non_negative)
    structure: Structure = attrs.field(default="none", kw_only=True,
                                       validator=attrs.validators.in_(STRUCTURES))
    # how the reading went, not what it found: the text's side of a difference may be read
    # a little differently by the two engines, whose records are otherwise the same
    structure_notes: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_strs,
                                                   eq=False)

    @property
    def register_total(self) -> int | None:
        """Size of the target-group register from the footnote; None without a footnote."""
        return self.footnote.register_total if self.footnote else None

    @property
    def known_pct(self) -> Decimal | None:
        """The printed share (%) of the register known in Sonar; None without a footnote."""
        return self.footnote.known_pct if self.footnote else None

    @property
    def computed_pct_exact(self) -> Fraction | None:
        """Grand total / register total * 100, exactly; None when it cannot be computed."""
        if self.footnote is None or self.footnote.register_total == 0:
            return None
        return Fraction(self.total.total * 100, self.footnote.register_total)

    @property
    def computed_pct(self) -> Decimal | None:
        """Grand total / register total * 100 as every output holds it, rounded half up to
        two decimals (:func:`rounded_pct`: ``Decimal('70.55')``); None when it cannot be
        computed. :attr:`computed_pct_exact` is the exact fraction."""
        share = self.computed_pct_exact
        return None if share is None else rounded_pct(share)

    @property
    def computed_pct_rounded(self) -> Decimal | None:
        """The same as :attr:`computed_pct` (its name before that became the rounded
        value)."""
        return self.computed_pct

    @property
    def period(self) -> str:
        """The quarter as ``2020Q4`` (:attr:`Quarter.period`)."""
        return self.quarter.period

    @property
    def table_id(self) -> str:
        """A key for this table that is the same on every run: its period, its region as a
        slug and 8 hex digits of SHA-256 over the source as given, the pages and the region
        (``2020Q4-west-brabant-1a2b3c4d``). Every output row of the table carries it, so
        municipality rows, region rows and problems join on it alone."""
        return _table_id(self.source, self.pages, self.region, self.quarter)

    @property
    def issue_codes(self) -> tuple[IssueCode, ...]:
        """The distinct codes of :attr:`issues`, in the order they are first found."""
        return tuple(dict.fromkeys(issue.code for issue in self.issues))

    @property
    def severity(self) -> Severity | None:
        """The worst severity of :attr:`issues` (:func:`worst_severity`); None without any."""
        return worst_severity(self.issue_codes)

    def _doubts_every_row(self, issue: ValidationIssue) -> bool:
        """An issue that names no one row but puts the figures or the region of every row in
        doubt: a count column that does not add up (any of its figures may be the wrong
        one), a footnote that names another region, another file that prints other figures
        (which is right is for the analyst). The column of row totals is not one of them:
        when it does not add up, a row, a count column or the ``TOTAAL AMR`` line does not
        either, and says which."""
        if issue.code == "column_sum_mismatch":
            return (issue.row is None and issue.column_index is not None
                    and issue.column_index < len(self.columns))
        return issue.code in ("region_mismatch", "conflict")

    def row_issue_codes(self, index: int) -> tuple[IssueCode, ...]:
        """The distinct codes of the issues that concern row ``index`` of :attr:`rows`, in
        the order they are first found: those that name it (:attr:`ValidationIssue.row`) and
        those that put every row in doubt (a count column that does not add up, a footnote
        naming another region, a conflict with another file)."""
        return tuple(dict.fromkeys(
            issue.code for issue in self.issues
            if issue.row == index or self._doubts_every_row(issue)))

    def to_dict(self) -> dict[str, Any]:
        """A plain, JSON-able dict; the schema of the JSON outputs, and the same fields as the
        CSV and workbook columns. Each row carries the table's issue codes, its own
        (:meth:`row_issue_codes`) and their worst severity; each issue its severity."""
        codes = list(self.issue_codes)
        rows = []
        for index, row in enumerate(self.rows):
            own = self.row_issue_codes(index)
            rows.append(row.to_dict() | {"table_issues": codes, "row_issues": list(own),
                                         "severity": worst_severity(own)})
        share = self.computed_pct
        return {
            "table_id": self.table_id,
            "source": self.source,
            "pages": list(self.pages),
            "region": self.region,
            "period": self.period,
            "year": self.quarter.year,
            "quarter": self.quarter.number,
            "columns": list(self.columns),
            "rows": rows,
            "total": self.total.to_dict(),
            "register_total": self.register_total,
            "known_pct": None if self.known_pct is None else _pct_json(self.known_pct),
            "computed_pct": None if share is None else _pct_json(share),
            "issues": [issue.to_dict() for issue in self.issues],
            "reading": self.reading,
            "repaired": self.repaired,
            "severity": self.severity,
            "structure": self.structure,
            "structure_notes": list(self.structure_notes),
        }
