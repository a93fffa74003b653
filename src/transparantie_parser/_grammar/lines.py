"""Recognisers for single lines: the heading, the ``TOTAAL AMR`` line, and rows of figures.

Each ``parse_*`` function states the rule it recognises, like a grammar production, and
returns None for a line that does not follow it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import NamedTuple

import regex

from .._layout.page import Line, Word
from .._layout.tolerances import SMALLER_TYPE
from .._names import normalize_text
from .._numbers import is_figure_like
from .tolerances import HEADING_GAP_EM, MAX_REGION_WORDS, MAX_TOTAL_LABEL_WORDS, MIN_ROW_FIGURES

__all__ = [
    "Heading",
    "TotalLine",
    "figure_tail",
    "is_header_anchor",
    "is_header_first_word",
    "is_page_number",
    "is_row_line",
    "is_total_like",
    "parse_heading",
    "parse_total",
]

_QUARTER_WORDS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4}
# Punctuation a page design prints between the quarter and the region (``Derde kwartaal
# 2022 — Noord-Limburg``, ``2022: Noord-Limburg``, ``2022 | Noord-Limburg``): dashes,
# colons, vertical bars, commas and bullets. No part of the region's name; a hyphen inside
# a name (``Noord-Limburg``) is.
_SEPARATORS = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212:|\u00a6,\u2022\u00b7\u2219\u25cf"
# the year, perhaps with such punctuation set against it (``2022:``, ``2022,``)
_YEAR = regex.compile(rf"((?:19|20)\d\d)[{regex.escape(_SEPARATORS)}]*")
_TITLE_WORDS = ("transparantie", "van", "klantprofielen")
# Footnote markers set as characters (not as smaller raised type) at the end of a word.
_MARKERS = regex.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079*\u2020\u2021]+$")


@functools.cache
def _quarter_ordinal() -> regex.Pattern[str]:
    # compiled on first use: most headings spell the quarter out (``Vierde kwartaal``)
    return regex.compile(r"([1-4])\s*(?:e|ste|de)", regex.IGNORECASE)


def figure_tail(words: Sequence[Word]) -> int:
    """How many words at the end of a line look like figures."""
    n = 0
    for word in reversed(words):
        if not is_figure_like(word.text):
            break
        n += 1
    return n


def is_total_like(line: Line) -> bool:
    """Does this line start as a total line does and end in figures, whether or not they
    read as a total (``TOTAAL AMR 1.8385.0998.8214.24220.000``: figures set so close that
    they run together)?"""
    words = line.words
    return bool(words) and words[0].text.casefold() == "totaal" and figure_tail(words) >= 1


def is_row_line(line: Line) -> bool:
    """Is this line meant as a row of a table (it ends in ``MIN_ROW_FIGURES`` figures)?"""
    return figure_tail(line.words) >= MIN_ROW_FIGURES


class Heading(NamedTuple):
    """``Vierde kwartaal 2020  West-Brabant``: the quarter and region a table is of.

    ``region`` is None for a heading that names only the quarter (the region is then named
    in the page's running header and the footnote)."""

    line: Line
    region: str | None
    year: int
    quarter: int

    @property
    def key(self) -> tuple[str, int, int]:
        """What a heading repeated over a continued table has in common with the first."""
        return ((self.region or "").casefold(), self.year, self.quarter)


def _quarter_ending_at(words: Sequence[Word], i: int) -> tuple[int, int] | None:
    """The quarter named just before ``words[i]`` (``kwartaal``), and the index of the
    quarter's first word: ``Vierde``, ``4e``, ``4de`` or ``4 e``."""
    start = i - 1
    quarter = _QUARTER_WORDS.get(words[start].text.casefold())
    if quarter is not None:
        return quarter, start
    ordinal = _quarter_ordinal().fullmatch(words[start].text)
    if ordinal is None and start >= 1:  # "3 e kwartaal"
        ordinal = _quarter_ordinal().fullmatch(words[start - 1].text + words[start].text)
        start -= 1
    return (int(ordinal[1]), start) if ordinal is not None else None


def _is_note_marker(word: Word, region_word: Word) -> bool:
    """A footnote marker after the region's name: smaller raised type (the layout makes it
    a word of its own), or marker characters (``¹``, ``*``, ``†``)."""
    return word.size < SMALLER_TYPE * region_word.size or bool(_MARKERS.fullmatch(word.text))


def _far_apart(word: Word, following: Word) -> bool:
    """Words of a heading further apart than this are separate things (a logo, a date)."""
    return following.x0 - word.x1 > HEADING_GAP_EM * following.size


def _region_from(words: Sequence[Word], first: int) -> str | None:
    """The region name starting at ``words[first]``: words that follow one another closely,
    at most ``MAX_REGION_WORDS``, without digits or a full stop at the end (a sentence); a
    footnote marker after it is not part of it."""
    region_words = [words[first]]
    for word in words[first + 1:]:
        if _far_apart(region_words[-1], word):
            break
        if _is_note_marker(word, words[first]):
            break
        region_words.append(word)
    region = normalize_text(" ".join(_MARKERS.sub("", w.text) for w in region_words)
                            ).lstrip(_SEPARATORS).lstrip()
    if not region or region.endswith(".") or len(region_words) > MAX_REGION_WORDS:
        return None
    return None if any(c.isdigit() for c in region) else region


def _after_separators(words: Sequence[Word], year: int) -> int:
    """The index of the first word after the year ``words[year]`` that is not punctuation
    of its own between quarter and region (``—``, ``|``, ``•``), set close to what it
    separates."""
    first = year + 1
    while (first < len(words) and not words[first].text.strip(_SEPARATORS)
           and not _far_apart(words[first - 1], words[first])):
        first += 1
    return first


def parse_heading(line: Line) -> Heading | None:
    """heading := [``Transparantie van klantprofielen``] quarter ``kwartaal`` year
    [separator] [region]

    quarter := ``Eerste`` | ``Tweede`` | ``Derde`` | ``Vierde`` | ordinal (``4e``, ``4de``,
    ``4 e``); year := 19xx | 20xx; separator := dashes, colons, vertical bars, commas or
    bullets, alone or set against the year or the region (``2022 — Noord-Limburg``,
    ``2022: Noord-Limburg``), no part of the name; region := words printed close together.
    """
    if "kwartaal" not in line.text.casefold():
        return None  # most lines: asked of every line of every page
    words = line.words
    for i in range(len(words)):
        found = _quarter_and_year(words, i)
        if found is None:
            continue
        quarter, start, year = found
        # only the publication's title may stand before the quarter on the heading line
        if tuple(w.text.casefold() for w in words[:start]) not in ((), _TITLE_WORDS):
            return None
        return _with_region(line, i + 1, year, quarter)
    return None


def _quarter_and_year(words: Sequence[Word], i: int) -> tuple[int, int, int] | None:
    """quarter ``kwartaal`` year, with ``kwartaal`` at ``words[i]``: the quarter, the index
    of its first word, and the year; None when they are not there."""
    if words[i].text.casefold() != "kwartaal" or i == 0 or i + 1 > len(words) - 1:
        return None
    year_match = _YEAR.fullmatch(words[i + 1].text)
    found = None if year_match is None else _quarter_ending_at(words, i)
    if year_match is None or found is None:
        return None
    return found[0], found[1], int(year_match[1])


def _with_region(line: Line, year_at: int, year: int, quarter: int) -> Heading | None:
    """The heading whose year is word ``year_at``, with the region after it; without one
    when it is not there (named elsewhere), None when what follows is no region."""
    words = line.words
    first = _after_separators(words, year_at)
    if first == len(words) or _far_apart(words[first - 1], words[first]):
        return Heading(line, None, year, quarter)  # the region is named elsewhere
    region = _region_from(words, first)
    return None if region is None else Heading(line, region, year, quarter)


class TotalLine(NamedTuple):
    """``TOTAAL AMR 197 1.491 2.319 1.019 5.026``: the column totals and grand total."""

    line: Line
    label: str
    cells: tuple[str, ...]

    @property
    def is_national(self) -> bool:
        """``TOTAAL NEDERLAND``: the total of a national summary, whose rows are regions,
        not of a region table (whose total says ``TOTAAL AMR``)."""
        return any(word.casefold() in _COUNTRY for word in self.label.split()[1:])


# What a national summary's total line names instead of AMR.
_COUNTRY = {"nederland", "landelijk"}


def parse_total(line: Line) -> TotalLine | None:
    """total := ``TOTAAL`` word{0,2} figure{2,}"""
    words = line.words
    if not words or words[0].text.casefold() != "totaal":
        return None
    n = figure_tail(words)
    label = words[: len(words) - n]
    if n < 2 or len(label) > MAX_TOTAL_LABEL_WORDS:
        return None
    return TotalLine(
        line, normalize_text(" ".join(w.text for w in label)), tuple(w.text for w in words[-n:])
    )


_HEADER_FIRST = {"gemeente", "gemeenten", "gemeentenaam"}


@functools.cache
def _page_number() -> regex.Pattern[str]:
    # compiled on first use: asked only of a line in a table's body that is neither a row
    # nor the header (a wrapped name, a page number)
    return regex.compile(r"(?:pagina|page|blz\.?)\s*\d+(?:\s*(?:van|/|of)\s*\d+)?|\d+",
                         regex.IGNORECASE)


def is_header_anchor(line: Line) -> bool:
    """header anchor := ``Gemeente`` word* | word* ``Totaal`` (a line without figures): the
    line of a header row that says it is one."""
    texts = [w.text.casefold() for w in line.words]
    return (texts[0] in _HEADER_FIRST or texts[-1] == "totaal") and figure_tail(line.words) == 0


def is_header_first_word(word: Word) -> bool:
    """``Gemeente``: the name column's label."""
    return word.text.casefold() in _HEADER_FIRST


def is_page_number(line: Line) -> bool:
    """page number := ``7`` | ``Pagina 7`` | ``Page 7 of 9`` | ``blz. 7 / 9``"""
    return _page_number().fullmatch(line.text) is not None
