"""Official spelling of printed names: what users join on."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

import regex

# Typesetters turn the apostrophe of 's-Hertogenbosch into a curly quote or an accent.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'",
                              "`": "'", "\u2032": "'"})
_SPACES = regex.compile(r"\s+")
# Marks that close what comes before them: a line of a wrapped name or label that starts
# with one was broken just before it.
_CLOSING = (",", ".", ";", ":", ")", "!", "?", "%")


def normalize_text(text: str) -> str:
    """NFC, ASCII apostrophes, single spaces, no soft hyphens."""
    text = unicodedata.normalize("NFC", text.replace("\u00ad", ""))
    return _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip()


def join_wrapped(parts: Iterable[str]) -> str:
    """Join the printed parts of a wrapped name or label.

    A part that ends in a hyphen (``Súdwest-`` / ``Fryslân``) was wrapped at a hyphen that
    belongs to the name, and a part that starts with closing punctuation (``Klantprofiel`` /
    ``, niet zichtbaar``: a word processor breaks a cell's line before a comma that does not
    fit) was wrapped before a mark that belongs to the word before it, so those parts join
    without a space; others join with one space.
    """
    joined = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not joined or joined.endswith("-") or part.startswith(_CLOSING):
            joined += part
        else:
            joined += " " + part
    return normalize_text(joined)


def same_region(a: str, b: str) -> bool:
    """Region names as the heading and footnote print them, compared loosely on case."""
    return normalize_text(a).casefold() == normalize_text(b).casefold()
