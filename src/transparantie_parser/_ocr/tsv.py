"""Tesseract's TSV output -> the words it recognised, each field read by its column's name.

Tesseract writes one row per page, block, paragraph, line and word (``level`` 1 to 5); a
word's row has its box in pixels, its confidence (0-100) and its text. The header row names
the columns, so a column is found by its name, not by where it stands.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

__all__ = ["TsvWord", "tsv_words"]

# Tesseract's level of a recognised word (1 page, 2 block, 3 paragraph, 4 line, 5 word).
_WORD_LEVEL = "5"


@attrs.frozen
class TsvWord:
    """A recognised word: where it stands in tesseract's structure, its box (pixels), its
    confidence (0-100) and its text."""

    page: int  # 1-based image of a multi-page input
    block: int
    paragraph: int
    line: int
    left: int
    top: int
    width: int
    height: int
    confidence: float
    text: str

    @property
    def line_key(self) -> tuple[int, int, int, int]:
        """Which tesseract line the word is on."""
        return (self.page, self.block, self.paragraph, self.line)


def _word(fields: dict[str, str]) -> TsvWord:
    def number(name: str) -> int:
        return int(fields[name])

    return TsvWord(number("page_num"), number("block_num"), number("par_num"),
                   number("line_num"), number("left"), number("top"), number("width"),
                   number("height"), float(fields["conf"]), fields["text"].strip())


def tsv_words(tsv: str) -> Iterator[TsvWord]:
    """The recognised words of tesseract's TSV output (word rows with text)."""
    rows = tsv.splitlines()
    if not rows:
        return
    names = rows[0].split("\t")
    for row in rows[1:]:
        values = row.split("\t")
        if len(values) != len(names):
            continue
        fields = dict(zip(names, values, strict=True))
        if fields["level"] == _WORD_LEVEL and fields["text"].strip():
            yield _word(fields)
