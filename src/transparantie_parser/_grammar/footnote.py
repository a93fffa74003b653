"""The register footnote: ``... in de arbeidsmarktregio West-Brabant bevat het
doelgroepregister banenafspraak in totaal 7.124 personen. Hiervan is 71% bekend binnen
Sonar.``, wrapped over lines as it comes."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence

import regex

from .._layout.page import Line
from .._names import normalize_text
from .model import RawFootnote

__all__ = ["find_footnote"]

_FOOTNOTE = regex.compile(
    r"arbeidsmarktregio\s+(?P<region>\S.{0,60}?),?\s+bevat\s+het\s+doelgroep-?\s*register"
    r".{0,80}?\s(?P<register>\d[\d.,]*)\s+personen\b"
    r".{0,80}?(?P<pct>\d[\d,.]*)\s*%\s*(?:\S+\s+){0,3}?bekend",
    regex.IGNORECASE | regex.DOTALL,
)


@functools.cache
def _misspelt() -> regex.Pattern[str]:
    """The footnote with a letter or two of its fixed words wrong (``doelgraepregister``)
    or a space between words lost (``bevathet``, ``totaal34.884``), as OCR reads a scan;
    asked only where the footnote is not found as printed, so a footnote printed as text
    never depends on it. Compiled on first use."""
    return regex.compile(
        r"(?:arbeidsmarktregio){e<=2}\s+(?P<region>\S.{0,60}?),?\s*(?:bevat){e<=1}\s*"
        r"(?:het){e<=1}\s*(?:doelgroep-?\s*register){e<=2}"
        r".{0,80}?(?<![\d.,])(?P<register>\d[\d.,]*)\s*(?:personen){e<=2}\b"
        r".{0,80}?(?P<pct>\d[\d,.]*)\s*%\s*(?:\S+\s+){0,3}?(?:bekend){e<=1}",
        regex.IGNORECASE | regex.DOTALL,
    )


def find_footnote(lines: Sequence[Line]) -> tuple[RawFootnote, range] | None:
    """footnote := ... ``arbeidsmarktregio`` region ``bevat het doelgroepregister`` ...
    register ``personen`` ... percentage ``%`` ... ``bekend``, anywhere in ``lines``; its
    fixed words may be misspelt by a letter or two (a page read by OCR).

    Returns the footnote and the indices of the lines it is printed on.
    """
    starts = []
    text = ""
    for line in lines:
        starts.append(len(text))
        text += line.text + " "
    match = _FOOTNOTE.search(text) or _misspelt().search(text)
    if match is None:
        return None
    first = bisect.bisect_right(starts, match.start()) - 1
    last = bisect.bisect_right(starts, match.end() - 1) - 1
    note = RawFootnote(normalize_text(match["region"]), match["register"], match["pct"],
                       normalize_text(match[0]), lines=tuple(lines[first: last + 1]))
    return note, range(first, last + 1)
