"""The one box type (``_pdf.rect.Rect``) and the pure functions beside it: exact values on
boxes worked out by hand, and the laws intersection, bounding and margins obey on any boxes."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from transparantie_parser._layout.page import Word
from transparantie_parser._pdf.glyphs import Glyph, shown_area
from transparantie_parser._pdf.rect import (
    Rect,
    as_rect,
    bounding,
    centre,
    centre_inside,
    contains,
    grown,
    height,
    intersection,
    width,
)

BOX = Rect(10.0, 20.0, 40.0, 28.0)


def test_a_rect_is_a_plain_tuple_of_its_four_edges() -> None:
    x0, top, x1, bottom = BOX
    assert (x0, top, x1, bottom) == (10.0, 20.0, 40.0, 28.0) == tuple(BOX)
    assert (BOX.x0, BOX.top, BOX.x1, BOX.bottom) == (10.0, 20.0, 40.0, 28.0)
    assert as_rect((1, 2, 3, 4)) == Rect(1, 2, 3, 4)
    assert as_rect(BOX) is BOX


def test_a_glyph_and_a_word_give_their_box() -> None:
    glyph = Glyph("12", 10.0, 40.0, 20.0, 28.0)  # text, x0, x1, top, bottom
    assert Rect.of(glyph) == BOX
    word = Word("12", 10.0, 40.0, 20.0, 28.0)
    assert Rect.of(word) == BOX


def test_size_and_centre() -> None:
    assert (width(BOX), height(BOX)) == (30.0, 8.0)
    assert centre(BOX) == (25.0, 24.0)


def test_a_point_on_the_edge_is_inside() -> None:
    assert contains(BOX, 10.0, 28.0)
    assert contains(BOX, 40.0, 20.0)
    assert not contains(BOX, 40.5, 24.0)
    assert not contains(BOX, 25.0, 19.5)


def test_a_box_whose_centre_is_inside_belongs_to_it_however_far_it_reaches() -> None:
    assert centre_inside(Rect(35.0, 18.0, 45.0, 30.0), BOX)  # centre (40, 24): on the edge
    assert not centre_inside(Rect(36.0, 18.0, 46.0, 30.0), BOX)  # centre (41, 24)


def test_intersection_of_overlapping_and_of_apart_boxes() -> None:
    assert intersection(BOX, Rect(30.0, 25.0, 50.0, 35.0)) == Rect(30.0, 25.0, 40.0, 28.0)
    apart = intersection(BOX, Rect(50.0, 0.0, 60.0, 10.0))
    assert apart == Rect(50.0, 20.0, 40.0, 10.0)
    assert width(apart) < 0 and height(apart) < 0  # empty


def test_bounding_and_margins() -> None:
    assert bounding([BOX, Rect(0.0, 25.0, 15.0, 40.0)]) == Rect(0.0, 20.0, 40.0, 40.0)
    assert grown(BOX, 1.5) == Rect(8.5, 20.0, 41.5, 28.0)
    assert grown(BOX, 1.0, 2.0) == Rect(9.0, 18.0, 41.0, 30.0)


def test_the_shown_area_is_the_crop_box_clipped_to_the_media_box() -> None:
    media, crop = (0.0, 0.0, 595.0, 842.0), (-10.0, 100.0, 300.0, 900.0)
    assert shown_area(media, crop) == Rect(0.0, 100.0, 300.0, 842.0)


coordinate = st.floats(-1000, 1000, allow_nan=False)
rects = st.builds(lambda a, b, c, d: Rect(min(a, c), min(b, d), max(a, c), max(b, d)),
                  coordinate, coordinate, coordinate, coordinate)


@given(rects, rects)
def test_intersection_is_symmetric_and_lies_in_both(a: Rect, b: Rect) -> None:
    both = intersection(a, b)
    assert both == intersection(b, a)
    if width(both) >= 0 and height(both) >= 0:
        for x, y in [(both.x0, both.top), (both.x1, both.bottom)]:
            assert contains(a, x, y) and contains(b, x, y)


@given(st.lists(rects, min_size=1, max_size=6))
def test_bounding_holds_every_box_and_is_the_smallest(boxes: list[Rect]) -> None:
    out = bounding(boxes)
    assert all(intersection(out, box) == box for box in boxes)
    assert out.x0 in {b.x0 for b in boxes} and out.x1 in {b.x1 for b in boxes}
    assert out.top in {b.top for b in boxes} and out.bottom in {b.bottom for b in boxes}


@given(rects, st.floats(0, 100), st.floats(0, 100))
def test_a_grown_box_holds_the_box(box: Rect, dx: float, dy: float) -> None:
    assert intersection(grown(box, dx, dy), box) == box


def test_overlap_of_two_spans_is_negative_apart_zero_touching() -> None:
    from transparantie_parser._pdf.rect import overlap

    assert overlap(0.0, 10.0, 4.0, 20.0) == 6.0
    assert overlap(4.0, 20.0, 0.0, 10.0) == 6.0
    assert overlap(0.0, 10.0, 10.0, 12.0) == 0.0
    assert overlap(0.0, 10.0, 13.0, 15.0) == -3.0
    assert overlap(0.0, 10.0, 2.0, 3.0) == 1.0
