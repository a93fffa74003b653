"""The register footnote: ``... in de arbeidsmarktregio West-Brabant bevat het
doelgroepregister banenafspraak in totaal 7.124 personen. Hiervan is 71% bekend binnen
Sonar.``, wrapped over lines as it comes."""

from __future__ import annotations

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


def find_footnote(lines: Sequence[Line]) -> RawFootnote | None:
    """footnote := ... ``arbeidsmarktregio`` region ``bevat het doelgroepregister`` ...
    register ``personen`` ... percentage ``%`` ... ``bekend``, anywhere in ``lines``."""
    text = " ".join(line.text for line in lines)
    match = _FOOTNOTE.search(text)
    if match is None:
        return None
    return RawFootnote(normalize_text(match["region"]), match["register"], match["pct"],
                       normalize_text(match[0]))
