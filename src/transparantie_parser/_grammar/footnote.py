"""The register footnote: ``... in de arbeidsmarktregio West-Brabant bevat het
doelgroepregister banenafspraak in totaal 7.124 personen. Hiervan is 71% bekend binnen
Sonar.``, wrapped over lines as it comes."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import regex

from .._layout import Line
from .._names import normalize_text
from .model import RawFootnote

__all__ = ["find_footnote"]

_FOOTNOTE = regex.compile(
    r"arbeidsmarktregio\s+(?P<region>\S.{0,60}?),?\s+bevat\s+het\s+doelgroep-?\s*register"
    r".{0,80}?\s(?P<register>\d[\d.,]*)\s+personen\b"
    r".{0,80}?(?P<pct>\d[\d,.]*)\s*%\s*(?:\S+\s+){0,3}?bekend",
    regex.IGNORECASE | regex.DOTALL,
)


def find_footnote(lines: Sequence[Line]) -> tuple[RawFootnote, range] | None:
    """footnote := ... ``arbeidsmarktregio`` region ``bevat het doelgroepregister`` ...
    register ``personen`` ... percentage ``%`` ... ``bekend``, anywhere in ``lines``.

    Returns the footnote and the indices of the lines it is printed on.
    """
    starts = []
    text = ""
    for line in lines:
        starts.append(len(text))
        text += line.text + " "
    match = _FOOTNOTE.search(text)
    if match is None:
        return None
    first = bisect.bisect_right(starts, match.start()) - 1
    last = bisect.bisect_right(starts, match.end() - 1) - 1
    note = RawFootnote(normalize_text(match["region"]), match["register"], match["pct"],
                       normalize_text(match[0]), lines=tuple(lines[first: last + 1]))
    return note, range(first, last + 1)
