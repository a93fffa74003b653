"""The register footnote of a page read by OCR: figures the page read made no figure of are
looked at again.

The page read misreads a footnote figure as it does a figure cell (``86%`` as ``B6%``), and
then the footnote is not found at all (``footnote_missing``): the register total and the
share known are lost. The figure cells are looked at again by ``cells``; the footnote's
two figures are not in a column, so they are found here by the words round them (``in totaal
… personen. Hiervan is … bekend``, allowing for OCR's misspellings) and, where the page read
is no figure, cut out and read again: digits only for the register total, as words (with the
``%`` sign) for the share. A figure the looks agree on replaces the page read; otherwise the
page read stays (and the footnote stays missing: loud, never a guess). What the looks make
of the footnote is checked once more with the table (``repair``).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import attrs
import regex

from .._layout.page import Word, page_from_glyphs
from .._pdf.glyphs import Glyph
from .._pdf.rect import Rect, centre_inside, grown
from .cells import CheckedPage, agreed, count_value
from .looks import FIRST_LOOK, NAME_LOOKS, SECOND_LOOKS, CellReading, reread_cells
from .words import figure_band

__all__ = ["PERCENTAGE_WORD", "check_footnote", "digit_box", "percentage_of", "register_looks",
           "share_looks"]

#: A word that prints a percentage: its figure, a ``%`` sign and punctuation after it.
PERCENTAGE_WORD = regex.compile(r"(\d{1,3}(?:,\d+)?)\s*%?[.,;:)]?")
# Room round a footnote figure when it is cut out again (points): its neighbours are a word
# gap (about 2.5 pt) away.
_MARGIN = 1.0


@functools.cache
def _sentence() -> regex.Pattern[str]:
    """``in totaal REGISTER personen. Hiervan is SHARE bekend``, each fixed word allowing
    for a letter or two that OCR misread (``personen`` as ``persanen``) and a space lost,
    the figures any word. Compiled on first use: only pages read by OCR need it."""
    return regex.compile(
        r"\b(?:totaal){e<=1}\s*(?P<register>\S+?)\s*(?:personen){e<=2}\W*\s*"
        r"(?:hiervan){e<=2}\s*(?:is){e<=1}\s*(?P<pct>\S+?)\s*(?:bekend){e<=1}",
        regex.IGNORECASE | regex.BESTMATCH)


def percentage_of(text: str) -> str | None:
    """The figure of a word that prints a percentage (``71%``, ``70,5%.``, ``71``)."""
    match = PERCENTAGE_WORD.fullmatch(text)
    return None if match is None else match[1]


def digit_box(word: Word) -> Rect:
    """Where a word's digits stand (cap height, baseline), with a margin of paper."""
    top, baseline = figure_band(Glyph(word.text, word.x0, word.x1, word.top, word.bottom))
    return grown(Rect(word.x0, top, word.x1, baseline), _MARGIN, _MARGIN)


def register_looks(page: CheckedPage, word: Word) -> list[CellReading]:
    """Looks at the register total on its own, digits only, in every configuration a figure
    cell gets."""
    return reread_cells(page.ocr, [digit_box(word)], (*FIRST_LOOK, *SECOND_LOOKS))[0]


def share_looks(page: CheckedPage, word: Word) -> list[CellReading]:
    """Looks at the share known on its own, read as words (a digits-only look would read
    the ``%`` sign as digits)."""
    return reread_cells(page.ocr, [grown(Rect.of(word), _MARGIN)],
                        (*NAME_LOOKS, *SECOND_LOOKS), digits=False)[0]


def _register(page: CheckedPage, word: Word) -> str | None:
    """The register total the looks agree on (digits only), as they print it."""
    looks = register_looks(page, word)
    value = agreed((None, None), [(count_value(r.text), r.confidence) for r in looks])
    return next((r.text for r in looks if value is not None and count_value(r.text) == value),
                None)


def _share(page: CheckedPage, word: Word) -> str | None:
    """The share known the looks agree on (read as words: a digits-only look would read the
    ``%`` sign as digits), with its ``%``."""
    looks = share_looks(page, word)
    value = agreed((None, None), [(percentage_of(r.text), r.confidence) for r in looks])
    return None if value is None else f"{value}%"


def _word_of(words: Sequence[tuple[int, Word]], match: regex.Match[str], group: str
             ) -> Word | None:
    """The word of the page's text (words with their offsets) that ``group`` of ``match``
    is, when it is a whole word (not part of one that lost a space)."""
    start, end = match.span(group)
    return next((word for offset, word in words
                 if offset == start and offset + len(word.text) == end), None)


def _replaced(glyphs: Sequence[Glyph], word: Word, text: str) -> tuple[Glyph, ...]:
    """The page's glyphs with those of ``word`` replaced by one glyph printing ``text``."""
    inside = [g for g in glyphs if centre_inside(Rect.of(g), Rect.of(word))]
    kept = tuple(g for g in glyphs if g not in inside)
    return (*kept, Glyph(text, word.x0, word.x1, word.top, word.bottom))


def check_footnote(page: CheckedPage) -> CheckedPage:
    """``page`` with the footnote's register total and share looked at again where the page
    read made no figure of them, and put right where the looks agree."""
    layout = page_from_glyphs(page.number, page.glyphs)
    words: list[tuple[int, Word]] = []
    text = ""
    for line in layout.lines:
        for word in line.words:
            words.append((len(text), word))
            text += word.text + " "
    match = _sentence().search(text)
    if match is None:
        return page
    glyphs = page.glyphs
    register = _word_of(words, match, "register")
    if register is not None and count_value(register.text) is None:
        looked = _register(page, register)
        if looked is not None:
            glyphs = _replaced(glyphs, register, looked)
    share = _word_of(words, match, "pct")
    if share is not None and percentage_of(share.text) is None:
        looked = _share(page, share)
        if looked is not None:
            glyphs = _replaced(glyphs, share, looked)
    return attrs.evolve(page, glyphs=glyphs)
