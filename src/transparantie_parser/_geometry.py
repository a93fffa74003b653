"""The geometry vocabulary: every distance the layout and the grammar decide by, named once,
with its unit and the reason for its size.

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

# --- lines of a table (line heights) --------------------------------------------------------

#: A line with at least this many figures at its end is meant as a row of the table: a
#: name's line has none, explanatory prose rarely ends in three numbers.
MIN_ROW_FIGURES = 3

#: A wrapped name's other line belongs to a row when its centre is within this many line
#: heights of the row's figures (1 for a name set on its own line, 0.5 when the figures are
#: centred between two lines, leading added); rows further apart are separate rows.
ATTACH_DISTANCE = 1.6

#: Of the two rows a wrapped name's other lines stand between (each with a name of its own),
#: they belong to the one they are closer to when the gaps above and below them differ by
#: more than this many line heights: a cell's lines are set closer than two rows (the
#: cells' padding). Gaps closer than that say nothing (a text extraction spaces every line
#: alike).
NAME_GAP_MARGIN = 0.15

#: Points by which the two engines may place the same lines' distances apart (their float
#: arithmetic differs in the last digits): a distance within this of NAME_GAP_MARGIN counts
#: as within it for both, so that a page drawn right at the margin reads alike with both.
ENGINE_NOISE = 0.01

#: The lines of a header row (labels wrapped over several lines) are at most this many line
#: heights apart, and so is the header row from the first row below it.
HEADER_GAP = 2.5

#: Words of one header label follow one another at word spacing; a gap wider than this many
#: line heights separates two labels.
LABEL_GAP = 1.5

#: Running prose (an introduction between the heading and the table) sets its words at word
#: spacing, a justified line stretching it to about an em: a line with a gap wider than this
#: many line heights stands in columns, and is no prose.
PROSE_WORD_GAP = 1.5

#: A column's figures are set flush right (or flush left) when their right (left) edges lie
#: within this many line heights of one another and their other edges do not.
ALIGNED_EDGES = 0.25

#: A label's aligned edge (or centre) lies in its column's cell, give or take this many line
#: heights: a label is printed in its own cell, never wholly beside it.
LABEL_CELL_SLACK = 0.25

#: A figure stands in a column when it overlaps the column's figures, give or take this many
#: line heights: how a row with blank cells is read.
CELL_SLACK = 0.25

#: A table's area reaches this many line heights beyond its names and its totals: words
#: there are the table's (a header label wider than its column), further out another block's.
AREA_SLACK = 1.0

#: Cost, in line heights of misalignment, of leaving a column without a label on one header
#: line: a label must be placed more than this far off its cell to be better left out.
EMPTY_LABEL_COST = 2.0

#: Cost, in line heights of misalignment, of a header label standing another way over its
#: column (flush right, flush left, centred) than the others of its line: of cuts of a
#: header line that line up about as well, the one whose labels stand alike wins
#: (``klantprofiel | niet zichtbaar``, both flush right, over ``klantprofiel niet |
#: zichtbaar``, one centred and one flush right, when both line up exactly).
MIXED_ALIGNMENT_COST = 0.1

#: A rotated column label ends at most this many line heights below the top of the row under
#: it (labels standing on the rule that tops the first row).
ROTATED_LABEL_OVERLAP = 0.5

#: In a text extraction without aligned columns, labels of a one-line header are separated
#: by a gap of at least this many em: two spaces (a line of text is TEXT_LINE_HEIGHT
#: character columns high), where words of one label are separated by one.
LABEL_SEPARATOR_EM = 2 / TEXT_LINE_HEIGHT

#: Blocks printed side by side (two tables, a table and a sidebar) stand at least this many
#: em apart (line heights of the row the gap is found in); gaps between words are narrower.
MIN_GUTTER_EM = 1.0

#: A gutter between blocks is believed from at least this many rows of figures that it cuts,
#: most of them with text (not figures) right of it.
MIN_GUTTER_VOTES = 2

# --- the heading (em of the word at hand) ---------------------------------------------------

#: Words of a heading further apart than this (em) are separate things (a logo, a date).
HEADING_GAP_EM = 3.0

#: A region name has at most this many words (``Midden-Gelderland``, ``Zuid-Holland Centraal``,
#: ``Gooi en Vechtstreek``): more is a sentence that happens to mention a quarter.
MAX_REGION_WORDS = 8

#: The ``TOTAAL AMR`` line's label has at most this many words before its figures.
MAX_TOTAL_LABEL_WORDS = 3
