"""Municipality names an archive prints in text layers, for names read by OCR.

The sums check every figure a scan holds, but no sum checks a name: OCR reads ``Vlieland``
as ``Vlietland`` and nothing adds up differently. Where the same archive holds the region
in a text layer (another quarter, another file), its names are printed exactly there. A
name read by OCR that is no name of its region, and alike enough to exactly one that is,
is taken for that one; the table then carries an ``ocr_name_matched`` issue that gives the
reading and the file whose text layer prints the name. A name alike to none, or to two, is
left as read.
"""

from __future__ import annotations

from typing import NamedTuple

import attrs

from ._names import normalize_text
from .records import MunicipalityRow, RegionReport, ValidationIssue

__all__ = ["NAME_MATCH_MARGIN", "NAME_MATCH_RATIO", "NameBook"]

#: How alike a name read by OCR must be to a printed name to be taken for it: difflib's
#: ratio, twice the matching characters over both lengths (0-1), letter case ignored. At 0.75
#: the misreadings of the scan fixtures match (``Smatlingettand`` is 0.79 to
#: ``Smallingerland``; ``Vlietland`` 0.94 to ``Vlieland``); two different municipalities of
#: one region are at most 0.875 alike (``Ooststellingwerf``, ``Weststellingwerf``).
NAME_MATCH_RATIO = 0.75
#: ...and no other name of the region may come within this of the best (ratio), or the
#: reading could be either: it is left as read.
NAME_MATCH_MARGIN = 0.1


def _key(text: str) -> str:
    return normalize_text(text).casefold()


def _alike(a: str, b: str) -> float:
    import difflib

    return difflib.SequenceMatcher(None, a.casefold(), b.casefold()).ratio()


# Not an attrs class: one costs every start its building, a NamedTuple a fifth of that
# (docs/performance.md, a cold start).
class _Printed(NamedTuple):
    """A name as a text layer prints it, and the first file that does."""

    name: str
    source: str


class NameBook:
    """The municipality names of each region, from the text layers of the tables
    :meth:`learn` is given; :meth:`match` puts them in place of a table's OCR misreadings."""

    def __init__(self) -> None:
        self._regions: dict[str, dict[str, _Printed]] = {}

    def learn(self, report: RegionReport) -> None:
        """Take in the names of ``report``, when its text was read from a text layer."""
        if report.reading != "text":
            return
        names = self._regions.setdefault(_key(report.region), {})
        for row in report.rows:
            names.setdefault(_key(row.municipality),
                             _Printed(row.municipality, report.source or "<unnamed>"))

    def match(self, report: RegionReport) -> RegionReport:
        """``report`` (read by OCR) with each name that is no name of its region put right
        where exactly one printed name is alike enough; ``report`` itself otherwise."""
        if report.reading != "ocr":
            return report
        names = self._regions.get(_key(report.region))
        if not names:
            return report
        taken = {_key(row.municipality) for row in report.rows}
        for index, row in enumerate(report.rows):
            if _key(row.municipality) in names:
                continue
            printed = _closest(row.municipality, names)
            if printed is None or _key(printed.name) in taken:
                continue  # two rows of one table are never given one name
            taken.add(_key(printed.name))
            report = _renamed(report, index, printed)
        return report


def _closest(read: str, names: dict[str, _Printed]) -> _Printed | None:
    """The one printed name ``read`` is alike enough to (``NAME_MATCH_RATIO``) with no other
    near it (``NAME_MATCH_MARGIN``), or None."""
    scored = sorted(((_alike(read, p.name), p) for p in names.values()),
                    key=lambda pair: pair[0], reverse=True)
    best, printed = scored[0]
    if best < NAME_MATCH_RATIO:
        return None
    if len(scored) > 1 and scored[1][0] > best - NAME_MATCH_MARGIN:
        return None
    return printed


def _renamed(report: RegionReport, index: int, printed: _Printed) -> RegionReport:
    """``report`` with row ``index`` named ``printed.name``: its issues name the row so, an
    ``ocr_uncertain`` doubt about the name gives way to the ``ocr_name_matched`` issue."""
    row = report.rows[index]
    read = row.municipality
    rows = list(report.rows)
    rows[index] = MunicipalityRow(printed.name, row.counts, row.total, page=row.page)
    issues = []
    for issue in report.issues:
        if issue.row != index and not (issue.row is None and issue.municipality == read):
            issues.append(issue)
        elif issue.code == "ocr_uncertain" and issue.column is None:
            continue  # the doubt about the name: answered by the match
        else:
            issues.append(attrs.evolve(issue, municipality=printed.name,
                                       message=issue.message.replace(read, printed.name)))
    issues.append(ValidationIssue(
        "ocr_name_matched",
        f"{printed.name}: read by OCR as {read!r}, taken for the name printed in the text "
        f"layer of {printed.source}",
        municipality=printed.name, row=index))
    return attrs.evolve(report, rows=tuple(rows), issues=tuple(issues))
