"""The geometry vocabulary of the layout: every distance glyphs are joined into words and
lines by, named once, with its unit and the reason for its size (the grammar's distances are
in :mod:`.._grammar.tolerances`, in the same units).

Three units are used:

- **em**: the height of the glyph or word at hand (its font size, near enough); for gaps
  between letters and words, which scale with the type;
- **line height**: the median height of a table's municipality rows; for distances between
  lines and columns of one table, which scale with the table's type size;
- **points** (1/72 inch) only where a PDF fixes a distance in points.

Text input (a text extraction) is laid out on the same scale: a character column is one unit
wide and a line :data:`TEXT_LINE_HEIGHT` units high, as a character is about half as wide as
it is high. So every rule below means on text what it means on a printed page.
"""

from __future__ import annotations

# --- text input ---------------------------------------------------------------------------

#: Height of one line of a text extraction, in character columns: a character is about half
#: as wide as it is high, so distances in em and line heights keep their meaning on text.
TEXT_LINE_HEIGHT = 2.0

# --- glyphs -> words -> lines (em of the glyph at hand) -------------------------------------

#: Two glyphs share a line when their vertical centres are closer than this (em of the taller
#: one): figures printed a point or two off the name's baseline stay on the name's line, while
#: figures centred between the two lines of a wrapped name (half a line away) do not.
SAME_LINE_EM = 0.35

#: A gap wider than this (em), on top of the page's letter spacing, ends a word: a normal word
#: space is 0.25-0.3 em, kerning and tracking stay well below it.
WORD_GAP_EM = 0.2

#: Letter spacing (``Tc``) counts up to this much (em): more than that is a gap between words.
MAX_LETTER_SPACING_EM = 0.3

#: On a letter-spaced line, a gap this many times its letter spacing, and wider than
#: ``WORD_GAP_EM``, ends a word too: the gaps inside its words are all about the letter
#: spacing. (Tight columns of letter-spaced figures, squeezed by a Form XObject, are 3.5
#: letter gaps apart but less than a word gap plus the letter spacing, and ran together.)
WORD_GAP_LETTER_GAPS = 3.0

#: Slanted text (a stamp) is cut into words at printed spaces, and where the centres of two
#: letters are further apart than this (em of the size of its glyphs' boxes): letters of
#: a word are at most about an em apart, centre to centre.
SLANTED_WORD_GAP_EM = 1.5

#: Glyphs closer than this (em) touch: letters of one word set without spacing. An engine may
#: hand over a run of touching letters as one glyph; the layout reads it the same.
TOUCHING_EM = 0.05

#: A glyph printed again within this distance (em) of the same glyph is one glyph printed
#: twice (fake bold, overprints), not a doubled letter.
OVERPRINT_EM = 0.1

#: Type smaller than this share of the type before it, and set off its baseline by more than
#: ``RISE_EM`` (em of the larger), is a superscript or subscript (a footnote marker): a word
#: of its own. Small capitals share the baseline and stay in their word.
SMALLER_TYPE = 0.8
RISE_EM = 0.25

#: A page is read in the direction its figures read when it prints at least this many digits
#: (two short rows of the table); with fewer, in the direction most of its characters read.
MIN_DIRECTION_DIGITS = 8

#: The page's letter spacing is read from at least this many gaps between letters; fewer say
#: nothing (a page with a few words) and the spacing is taken as 0.
MIN_SPACING_SAMPLES = 8
