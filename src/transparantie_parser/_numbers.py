"""Dutch printed figures: ``.`` groups thousands, ``,`` is the decimal sign, ``-`` is zero."""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import regex

from .errors import MalformedTableError

# Anything a table cell could hold that is meant as a figure: digits with separators, or a
# dash for zero. Whether it is a *valid* count is decided by parse_count, never guessed here.
_FIGURE_LIKE = regex.compile(r"\d[\d.,]*|[-\u2012\u2013\u2014\u2212]")
_COUNT = regex.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_DASHES = frozenset("-\u2012\u2013\u2014\u2212")
_PERCENT = regex.compile(r"(\d{1,3})(?:,(\d+))?")


# Asked of every word of every line, several times (a regex match costs 3-4 times a
# cache hit); the same few thousand tokens recur on every page of an archive.
@functools.lru_cache(maxsize=8192)
def is_figure_like(token: str) -> bool:
    """Does this token look like a table figure (valid or not)?"""
    return _FIGURE_LIKE.fullmatch(token) is not None


def format_count(n: int) -> str:
    """A count as the publication prints it: 1635 -> ``1.635``."""
    return f"{n:,}".replace(",", ".")


def format_percentage(value: Decimal | Fraction, *, places: int | None = None) -> str:
    """A percentage (without its sign) as Dutch text prints it: ``70,55``. A Decimal keeps
    its digits; ``places`` rounds half up to that many decimals (a Fraction needs it)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return str(value).replace(".", ",")


def parse_count(token: str, *, context: str) -> int:
    """A whole count as printed: ``1.635`` is 1635, ``-`` is 0.

    Raises ``malformed_number`` for anything else (``1.63``, ``1,635``), quoting ``context``.
    """
    if token in _DASHES:
        return 0
    if _COUNT.fullmatch(token) is None:
        raise MalformedTableError(
            f"{token!r} is not a whole number in Dutch notation (in {context!r})",
            code="malformed_number")
    return int(token.replace(".", ""))


def parse_percentage(token: str, *, context: str) -> Decimal:
    """A printed percentage without its sign: ``71`` or ``70,6``, kept exact."""
    match = _PERCENT.fullmatch(token)
    if match is None:
        raise MalformedTableError(f"{token!r} is not a percentage (in {context!r})",
                                  code="malformed_number")
    return Decimal(f"{match[1]}.{match[2]}" if match[2] else match[1])
