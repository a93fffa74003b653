"""The grammar's distances: every tolerance a table's lines, columns, header labels and
wrapped names are read by, named once, with its unit and the reason for its size. The units
are the layout's (em, line heights; see :mod:`.._layout.tolerances`)."""

from __future__ import annotations

from .._layout.tolerances import TEXT_LINE_HEIGHT

# --- lines of a table (line heights) --------------------------------------------------------

#: A line with at least this many figures at its end is meant as a row of the table: a
#: name's line has none, explanatory prose rarely ends in three numbers.
MIN_ROW_FIGURES = 3

#: A wrapped name's other line belongs to a row when its centre is within this many line
#: heights of the row's figures (1 for a name set on its own line, 0.5 when the figures are
#: centred between two lines, leading added); rows further apart are separate rows.
ATTACH_DISTANCE = 1.6

#: A wrapped name's line that the text ties to the line above it (that line cannot end a
#: name: ``Nuenen, Gerwen en``, ``Goeree-``; or this one cannot start one: ``aan den
#: IJssel``) belongs to that line's row up to this many line heights away (centre to
#: centre), where ATTACH_DISTANCE alone would leave it: a producer may set a cell's lines
#: further apart than its rows (Typst under a paragraph leading of 1.6 em: 2.3 line heights),
#: and a table's last name or its first under the header has only that one row to go with.
TOLD_NAME_REACH = 2.5

#: A wrapped name's line within this many line heights (centre to centre) of the only row
#: near it is that row's, also where no row pitch can be measured and the other row stands
#: within TOLD_NAME_REACH: word processors, spreadsheets and typesetters set a cell's lines
#: 1.15-1.25 line heights apart, and rows no closer. A step wider than this may be the row
#: pitch of a producer that sets a cell's lines further apart than its rows (1.4-1.6 line
#: heights between rows under Typst's wide leading, in the layouts the search found): there
#: the near row is no better than a guess.
CELL_LEADING = 1.35

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
