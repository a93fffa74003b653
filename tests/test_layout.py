"""Glyphs -> words -> lines, with hand-built glyphs: each tolerance of the layout pinned just
inside and just outside its boundary (``_layout.tolerances`` names them)."""

from __future__ import annotations

import math

import pytest

from transparantie_parser._layout.page import layout_page, page_from_glyphs, pages_from_text
from transparantie_parser._layout.tolerances import (
    MAX_LETTER_SPACING_EM,
    MIN_SPACING_SAMPLES,
    OVERPRINT_EM,
    SAME_LINE_EM,
    TEXT_LINE_HEIGHT,
    TOUCHING_EM,
    WORD_GAP_EM,
    WORD_GAP_LETTER_GAPS,
)
from transparantie_parser._pdf.glyphs import (
    SLANT_DEGREES,
    UPRIGHT,
    Glyph,
    GlyphPage,
    direction_of,
    is_slanted,
)

SIZE = 10.0  # glyph height in points: 1 em
WIDTH = 5.0  # advance of every letter
HAIR = 0.01  # how far inside or outside a boundary the tests go, in em


def letters(text: str, x: float, top: float = 100.0, *, spacing: float = 0.0,
            size: float = SIZE) -> list[Glyph]:
    """``text`` set from ``x``, one glyph per letter, ``spacing`` points between letters."""
    glyphs = []
    for char in text:
        glyphs.append(Glyph(char, x, x + WIDTH, top, top + size))
        x += WIDTH + spacing
    return glyphs


def words_of(glyphs: list[Glyph]) -> list[list[str]]:
    page = page_from_glyphs(1, glyphs)
    return [[w.text for w in line.words] for line in page.lines]


@pytest.mark.parametrize(("offset_em", "lines"), [
    (SAME_LINE_EM - HAIR, [["Breda", "41"]]),
    (SAME_LINE_EM + HAIR, [["Breda"], ["41"]]),
])
def test_figures_off_the_baseline_by_less_than_same_line_em_share_the_line(
        offset_em: float, lines: list[list[str]]) -> None:
    glyphs = letters("Breda", 0) + letters("41", 100, top=100 + offset_em * SIZE)
    assert words_of(glyphs) == lines


@pytest.mark.parametrize(("gap_em", "words"), [
    (WORD_GAP_EM - HAIR, ["Bergenop"]),
    (WORD_GAP_EM + HAIR, ["Bergen", "op"]),
])
def test_a_gap_wider_than_word_gap_em_ends_a_word(gap_em: float, words: list[str]) -> None:
    first = letters("Bergen", 0)
    glyphs = first + letters("op", first[-1].x1 + gap_em * SIZE)
    assert words_of(glyphs) == [words]


def test_letter_spacing_of_the_page_is_added_to_the_word_gap() -> None:
    spacing = 0.25 * SIZE  # wider than a word gap on an unspaced page
    name = letters("Roosendaal", 0, spacing=spacing)
    inside = letters("en", name[-1].x1 + spacing + (WORD_GAP_EM - HAIR) * SIZE,
                     spacing=spacing)
    assert words_of(name + inside) == [["Roosendaalen"]]
    outside = letters("en", name[-1].x1 + spacing + (WORD_GAP_EM + HAIR) * SIZE,
                      spacing=spacing)
    assert words_of(name + outside) == [["Roosendaal", "en"]]


SPACED_EM = 0.08  # letter spacing for which WORD_GAP_LETTER_GAPS gaps lie between the rules


@pytest.mark.parametrize(("gaps", "words"), [
    (WORD_GAP_EM / SPACED_EM - HAIR * 10, ["13.20933.89348.456"]),  # under a word gap
    (WORD_GAP_LETTER_GAPS - HAIR * 10, ["13.20933.89348.456"]),  # a word gap, few spacings
    (WORD_GAP_LETTER_GAPS + HAIR * 10, ["13.209", "33.893", "48.456"]),
])
def test_a_gap_of_word_gap_letter_gaps_letter_spacings_ends_a_word(
        gaps: float, words: list[str]) -> None:
    # letter-spaced figures in tight columns, their gaps a few letter spacings: less than a
    # word gap plus the letter spacing, more than a word gap
    assert WORD_GAP_EM < WORD_GAP_LETTER_GAPS * SPACED_EM < WORD_GAP_EM + SPACED_EM
    glyphs: list[Glyph] = []
    for figure in ("13.209", "33.893", "48.456"):
        x = glyphs[-1].x1 + gaps * SPACED_EM * SIZE if glyphs else 0.0
        glyphs += letters(figure, x, spacing=SPACED_EM * SIZE)
    assert words_of(glyphs) == [words]


def test_letter_spacing_counts_up_to_max_letter_spacing_em() -> None:
    spacing = 2 * MAX_LETTER_SPACING_EM * SIZE  # far beyond any tracking: words, not letters
    glyphs = letters("abcdefghij", 0, spacing=spacing)
    cap = (MAX_LETTER_SPACING_EM + WORD_GAP_EM) * SIZE
    assert spacing > cap
    assert words_of(glyphs) == [list("abcdefghij")]


@pytest.mark.parametrize(("gaps", "joined"), [
    (MIN_SPACING_SAMPLES - 1, False),  # too few gaps to tell: spacing 0, the gaps split
    (MIN_SPACING_SAMPLES, True),  # enough: the page is letter-spaced, the gaps join
])
def test_letter_spacing_is_read_from_at_least_min_spacing_samples_gaps(
        gaps: int, joined: bool) -> None:
    spacing = (WORD_GAP_EM + 0.05) * SIZE
    glyphs = letters("x" * (gaps + 1), 0, spacing=spacing)
    assert words_of(glyphs) == ([["x" * (gaps + 1)]] if joined else [["x"] * (gaps + 1)])


def test_gaps_within_touching_em_count_as_no_spacing() -> None:
    # touching letters (gap just under TOUCHING_EM) outnumber the spaced ones: the page is
    # not letter-spaced, so a gap just over a word gap still splits
    touching = letters("abcdefghijkl", 0, spacing=(TOUCHING_EM - HAIR) * SIZE)
    after = letters("mn", touching[-1].x1 + (WORD_GAP_EM + HAIR) * SIZE)
    assert words_of(touching + after) == [["abcdefghijkl", "mn"]]


def test_a_run_of_touching_letters_reads_like_single_letters() -> None:
    single = letters("Zundert", 0)
    run = [Glyph("Zundert", 0, single[-1].x1, 100, 100 + SIZE)]
    assert words_of(run) == words_of(single) == [["Zundert"]]


@pytest.mark.parametrize(("shift_em", "text"), [
    (OVERPRINT_EM - HAIR, "Breda"),  # the same glyph printed again: fake bold
    (OVERPRINT_EM + HAIR, "Bredda"),  # a second glyph
])
def test_a_glyph_printed_again_within_overprint_em_counts_once(
        shift_em: float, text: str) -> None:
    glyphs = letters("Breda", 0)
    d = glyphs[3]
    glyphs.insert(4, d._replace(x0=d.x0 + shift_em * SIZE, x1=d.x1 + shift_em * SIZE))
    assert words_of(glyphs) == [[text]]


def test_lines_come_top_to_bottom_and_words_left_to_right_whatever_the_order() -> None:
    glyphs = letters("Zundert", 0, top=120) + letters("Breda", 0, top=100)
    glyphs += letters("99", 100, top=120) + letters("41", 100, top=100)
    assert words_of(list(reversed(glyphs))) == [["Breda", "41"], ["Zundert", "99"]]


def test_a_combining_accent_joins_the_letter_it_sits_on_in_nfc() -> None:
    glyphs = letters("Sudwest", 0)
    u = glyphs[1]
    glyphs.append(Glyph("\u0301", u.x0 + 1, u.x0 + 1, u.top, u.bottom))  # zero width
    assert words_of(glyphs) == [["S\u00fadwest"]]


def test_a_combining_accent_joins_the_letter_under_it_in_a_run_of_letters() -> None:
    # an engine hands on "Frysla" as one run and "n" after the accent: the accent stands
    # over the run's last letter, nearer the centre of "n" than of the long run
    run = Glyph("Frysla", 0, 6 * WIDTH, 100, 100 + SIZE)
    mark = Glyph("\u0302", 6 * WIDTH - 1, 6 * WIDTH - 1, 100, 100 + SIZE)
    n = Glyph("n", 6 * WIDTH, 7 * WIDTH, 100, 100 + SIZE)
    assert words_of([run, mark, n]) == [["Frysl\u00e2n"]]


@pytest.mark.parametrize(("printed", "word"), [
    ("klantpro\ufb01el", "klantprofiel"), ("\ufb02ex", "flex"), ("o\ufb00er", "offer"),
    ("e\ufb03ci\u00ebnt", "efficiënt"), ("ra\ufb04e", "raffle"), ("\ufb05\ufb06", "stst"),
])
def test_ligature_code_points_are_read_as_their_letters(printed: str, word: str) -> None:
    assert words_of(letters(printed, 0)) == [[word]]
    (page,) = pages_from_text(printed)
    assert [w.text for w in page.lines[0].words] == [word]


def test_text_turned_90_degrees_is_kept_apart_from_the_upright_lines() -> None:
    upright = letters("Gemeente", 0, top=200)
    # a label reading bottom to top: each letter above the previous one
    label = [Glyph(c, 100, 100 + SIZE, 190 - i * WIDTH - WIDTH, 190 - i * WIDTH, 90)
             for i, c in enumerate("Totaal")]
    page = page_from_glyphs(1, upright + label)
    assert [line.text for line in page.lines] == ["Gemeente"]
    assert [line.text for line in page.rotated_lines] == ["Totaal"]


def test_a_page_drawn_sideways_reads_like_an_upright_one() -> None:
    upright = letters("Breda", 0) + letters("41", 100)
    # the same glyphs turned a quarter: each box turned and every direction 270
    turned = [Glyph(g.text, -g.bottom, -g.top, g.x0, g.x1, 270) for g in upright]
    assert words_of(turned) == [["Breda", "41"]]


def test_layout_page_lays_out_an_engines_glyph_page() -> None:
    page = layout_page(GlyphPage(3, letters("Etten-Leur", 0)))
    assert page.number == 3
    assert [line.text for line in page.lines] == ["Etten-Leur"]
    assert page.glyph_count == len("Etten-Leur")


def test_text_input_is_laid_out_text_line_height_units_per_line() -> None:
    (page,) = pages_from_text("Breda   41\n\nZundert 99\n")
    first, second = page.lines
    assert [(w.text, w.x0, w.x1) for w in first.words] == [("Breda", 0, 5), ("41", 8, 10)]
    assert (first.top, first.bottom) == (0, TEXT_LINE_HEIGHT)
    assert (second.top, second.bottom) == (TEXT_LINE_HEIGHT, 2 * TEXT_LINE_HEIGHT)


def test_a_spacing_accent_printed_over_a_letter_composes_with_it() -> None:
    # TeX's OT1 encoding: the acute after its letter, the circumflex before it, both at the
    # letter's x
    glyphs = letters("Sudwest-Fryslan", 0)
    u, a = glyphs[1], glyphs[13]
    glyphs.insert(2, Glyph("\u00b4", u.x0, u.x0 + 3, u.top, u.bottom))
    glyphs.insert(13, Glyph("\u02c6", a.x0, a.x0 + 3, a.top, a.bottom))
    assert words_of(glyphs) == [["S\u00fadwest-Frysl\u00e2n"]]


def test_a_spacing_accent_beside_the_letters_stays_a_character() -> None:
    name = letters("s-Hertogenbosch", 10)
    acute = Glyph("\u00b4", 4, 8, name[0].top, name[0].bottom)
    assert words_of([acute, *name]) == [["\u00b4s-Hertogenbosch"]]


def test_a_footnote_marker_in_smaller_raised_type_is_a_word_of_its_own() -> None:
    name = letters("Zeeland", 0)
    # 0.66 em raised 0.45 em, as LaTeX sets \footnote's marker: still on the name's line
    bottom = name[-1].bottom - 0.45 * SIZE
    marker = Glyph("1", name[-1].x1, name[-1].x1 + 3, bottom - 0.66 * SIZE, bottom)
    assert words_of([*name, marker]) == [["Zeeland", "1"]]


def test_small_capitals_on_the_baseline_stay_in_their_word() -> None:
    capital = letters("T", 0)
    small = letters("OTAAL", WIDTH, top=100 + 0.3 * SIZE, size=0.7 * SIZE)
    assert words_of(capital + small) == [["TOTAAL"]]


def test_dot_leaders_are_left_out_and_split_what_they_join() -> None:
    glyphs = letters("Altena" + "." * 20 + "6", 0) + letters("87", 200)
    page = page_from_glyphs(1, glyphs)
    (line,) = page.lines
    assert [w.text for w in line.words] == ["Altena", "6", "87"]
    name, figure = line.words[:2]
    assert name.x0 == 0 and figure.x1 == glyphs[26].x1  # the outer edges are exact


def _printed(text: str, x: float, y: float, direction: int) -> list[Glyph]:
    """``text`` as glyphs 6 points wide and 10 high, from (``x``, ``y``): left to right, or
    (``direction`` 90) bottom to top."""
    if direction == UPRIGHT:
        return [Glyph(c, x + 6 * i, x + 6 * i + 6, y, y + 10, direction)
                for i, c in enumerate(text)]
    return [Glyph(c, x, x + 10, y - 6 * i - 6, y - 6 * i, direction)
            for i, c in enumerate(text)]


def test_a_page_reads_the_way_its_figures_do_not_its_longer_rotated_labels() -> None:
    labels = ["Zonder klantprofiel", "Klantprofiel, niet zichtbaar",
              "Zichtbaar voor werkgevers", "Zichtbaar en actueel", "Totaal"]
    rotated = [g for i, label in enumerate(labels) for g in _printed(label, 100 + 20 * i, 200, 90)]
    rows = [g for i, text in enumerate(["Breda 101 451 494 450 1.496", "Goes 1 2 3 4 10"])
            for g in _printed(text, 50, 220 + 15 * i, UPRIGHT)]
    page = page_from_glyphs(1, [*rotated, *rows])
    assert [line.text for line in page.lines] == ["Breda 101 451 494 450 1.496",
                                                  "Goes 1 2 3 4 10"]
    assert len(page.rotated_lines) == 5


def test_a_table_printed_sideways_turns_with_its_figures() -> None:
    rows = [g for i, text in enumerate(["Breda 101 451 494 450 1.496", "Goes 1 2 3 4 10"])
            for g in _printed(text, 100 + 15 * i, 400, 90)]
    # more letters than the table, few digits
    header = _printed("Rapport over de transparantie van klantprofielen 2020", 50, 20, UPRIGHT)
    page = page_from_glyphs(1, [*rows, *header])
    assert [line.text for line in page.lines] == ["Breda 101 451 494 450 1.496",
                                                  "Goes 1 2 3 4 10"]
    assert [line.text for line in page.rotated_lines] == [
        "Rapport over de transparantie van klantprofielen 2020"]


def stamp_letters(text: str, x: float, top: float, angle: int, step: float = 0.7 * SIZE
                  ) -> list[Glyph]:
    """``text`` printed at ``angle`` degrees (counter-clockwise), one glyph box per letter,
    each as large as a letter turned by that much, ``step`` points apart along the line."""
    glyphs = []
    for k, char in enumerate(text):
        cx = x + k * step * math.cos(math.radians(angle))
        cy = top - k * step * math.sin(math.radians(angle))  # y downwards
        glyphs.append(Glyph(char, cx - SIZE * 0.7, cx + SIZE * 0.7, cy - SIZE * 0.7,
                            cy + SIZE * 0.7, direction_of(angle)))
    return glyphs


@pytest.mark.parametrize("degrees", [SLANT_DEGREES - HAIR, -SLANT_DEGREES + HAIR])
def test_a_glyph_within_slant_degrees_of_a_quarter_turn_reads_in_that_turn(
        degrees: float) -> None:
    assert direction_of(degrees) == UPRIGHT
    assert direction_of(90 + degrees) == 90


@pytest.mark.parametrize("degrees", [SLANT_DEGREES + 0.6, 45, 135, -45])
def test_a_glyph_further_off_is_slanted_with_its_own_angle(degrees: float) -> None:
    assert direction_of(degrees) == round(degrees) % 360
    assert is_slanted(direction_of(degrees))


@pytest.mark.parametrize("angle", [45, 30, -45])
def test_slanted_text_across_lines_is_set_aside_as_lines_of_its_own(angle: int) -> None:
    rows = [letters("Venlo", 0, 100), letters("687", 100, 100), letters("Venray", 0, 113),
            letters("177", 100, 113), letters("Weert", 0, 126), letters("92", 100, 126)]
    # "CONCEPT NU" with a printed space, as a producer draws a string
    stamp = [g if g.text != "_" else g._replace(text=" ")
             for g in stamp_letters("CONCEPT_NU", 20, 140, angle)]
    page = page_from_glyphs(1, [g for row in rows for g in row] + stamp)
    assert [[w.text for w in line.words] for line in page.lines] == [
        ["Venlo", "687"], ["Venray", "177"], ["Weert", "92"]]
    assert [line.text for line in page.slanted_lines] == ["CONCEPT NU"]
    assert page.rotated_lines == ()
