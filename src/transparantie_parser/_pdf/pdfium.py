"""PDF bytes -> pages of positioned glyphs, read with PDFium (pypdfium2, which pdfplumber
already brings along). Same glyphs as the pdfplumber engine, several times faster: PDFium
parses in C, and this module asks it for as little per character as it can.

The only module that knows pypdfium2; whatever it raises stays in here.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, cast

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from .._layout.tolerances import TOUCHING_EM
from ..errors import UnreadablePdfError
from .boundary import boundary
from .glyphs import SPACING_ACCENTS, UPRIGHT, Glyph, GlyphPage, direction_of
from .rect import Rect
from .source import check_page_count

# What PDFium reports in place of a '-' at the end of a line (its hyphenation markers).
_HYPHENS = ("\ufffe", "\x02")
# Characters handed on as glyphs of their own, never in a run: accents printed as glyphs.
_ALONE = frozenset(SPACING_ACCENTS)
# Reading directions of text turned by a quarter turn or two (degrees counter-clockwise),
# whose touching letters are joined into runs as upright ones are; in the first two a line
# runs down the page, so its letters' bodies across it are their left and right.
_TURNED = frozenset({90, 180, 270})
_SIDEWAYS = frozenset({90, 270})



def _is_password_error(err: BaseException) -> bool:
    return bool(getattr(err, "err_code", None) == raw.FPDF_ERR_PASSWORD)


def _direction(angle: float) -> int:
    # PDFium gives the glyph's rotation in radians, clockwise as seen on the page
    return direction_of(-math.degrees(angle))


def _page_text(textpage: object, count: int) -> str | None:
    """All characters of the page in one call; None when they do not map one to one."""
    buffer = (ctypes.c_ushort * (count + 1))()
    written = raw.FPDFText_GetText(textpage, 0, count, buffer)
    if written != count + 1:
        return None
    text = bytes(buffer)[: 2 * count].decode("utf-16-le", errors="surrogatepass")
    return text if len(text) == count else None


class _Calls:
    """The PDFium functions called once per character, through a ctypes handle of their own
    with no declared argument types: pypdfium2's declared types cost two thirds of each call
    (2.6 vs 0.95 microseconds measured), and these calls are most of the engine's time."""

    def __init__(self) -> None:
        library = own_library()
        self.box = library.FPDFText_GetLooseCharBox
        self.box.restype = ctypes.c_int
        self.is_generated = library.FPDFText_IsGenerated
        self.is_generated.restype = ctypes.c_int
        self.angle = library.FPDFText_GetCharAngle
        self.angle.restype = ctypes.c_float
        self.text_object = library.FPDFText_GetTextObject
        self.text_object.restype = ctypes.c_void_p
        self.origin = library.FPDFText_GetCharOrigin
        self.origin.restype = ctypes.c_int


class _FontCalls:
    """The PDFium functions asked once per text object (of a page's characters, which text
    object and font each belongs to): the declared types of our own handle."""

    def __init__(self) -> None:
        library = own_library()
        self.font = library.FPDFTextObj_GetFont
        self.font.argtypes = (ctypes.c_void_p,)
        self.font.restype = ctypes.c_void_p
        self.ascent = library.FPDFFont_GetAscent
        self.descent = library.FPDFFont_GetDescent
        for call in (self.ascent, self.descent):
            call.argtypes = (ctypes.c_void_p, ctypes.c_float, ctypes.POINTER(ctypes.c_float))
            call.restype = ctypes.c_int
        self.font_size = library.FPDFTextObj_GetFontSize
        self.font_size.argtypes = (ctypes.c_void_p, ctypes.POINTER(ctypes.c_float))
        self.font_size.restype = ctypes.c_int
        self.matrix = library.FPDFText_GetMatrix
        self.matrix.argtypes = (ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(raw.FS_MATRIX))
        self.matrix.restype = ctypes.c_int


def own_library() -> ctypes.CDLL:
    """The PDFium library pypdfium2 loaded, opened again (the same code, a handle of our
    own whose functions we may declare as we like)."""
    import pypdfium2_raw.bindings as bindings

    return ctypes.CDLL(bindings._libs["pdfium"]._name)


_CALLS = _Calls()
_FONT_CALLS = _FontCalls()


class _Bodies:
    """The box of each character across its line: the body of its type, from the baseline
    by the font's descent and then the font size, as pdfminer makes it, whatever its ink.

    PDFium's loose box is the font's body (from its descriptor's descent to its ascent)
    united with the glyph's own box, its ink (``GetLooseBounds``). Where the descriptor
    gives a body that holds every glyph, every letter of a line has the same box. But
    LibreOffice writes its TrueType subsets with ``/Ascent 0 /Descent 0``: PDFium's body
    then ends at the baseline and below the ascenders, and ``g``, ``p``, ``j`` and ``k``,
    ``l``, ``f`` reach out of it by their ink, each by its own shape. The letter after a
    descender looked like type set smaller and off the baseline, a superscript, and the
    word was cut there (``Ber geijk``, ``klantp rofiel``, ``Geldrop -Mierlo``; the
    footnote was lost). And a body from the font's ascent is as tall as its tallest glyph
    says: a ligature from a second Type 3 font of a larger FontBBox stood half a line
    higher than the letters beside it. The font size above the descent is what pdfminer
    gives, letter for letter: words and lines are built from the same boxes whichever
    engine read the page, and whatever letters they hold."""

    def __init__(self, handle: ctypes.c_void_p) -> None:
        self.handle = handle
        # the body across an upright line, by the loose box's top and bottom: the letters
        # of a line share a few of those (their ink reaches out of the body or not), and
        # each is found from the font once (a page reads 1.2x faster than asking each time)
        self.upright: dict[tuple[float, float], tuple[float, float]] = {}
        # per text object: the body across its lines, from the baseline (PDF space, in
        # points: the descent, and the descent plus the font size), or None where unknown
        self.known: dict[int | None, tuple[tuple[float, float], tuple[float, float]] | None] \
            = {}
        # where PDFium writes a character's origin: made once, not for every character of
        # a line across the page (text turned by 90 or 270 degrees asks for each)
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._x_ref, self._y_ref = ctypes.byref(self._x), ctypes.byref(self._y)

    def _body(self, index: int) -> tuple[tuple[float, float], tuple[float, float]] | None:
        text_object = _CALLS.text_object(self.handle, index)
        if text_object not in self.known:
            self.known[text_object] = self._measured(text_object, index)
        return self.known[text_object]

    def _measured(self, text_object: int | None, index: int
                  ) -> tuple[tuple[float, float], tuple[float, float]] | None:
        calls = _FONT_CALLS
        font = calls.font(text_object) if text_object else None
        descent, size = ctypes.c_float(), ctypes.c_float()
        matrix = raw.FS_MATRIX()
        if not (font and calls.descent(font, 1.0, ctypes.byref(descent))
                and calls.font_size(text_object, ctypes.byref(size))
                and calls.matrix(self.handle, index, ctypes.byref(matrix))):
            return None
        # the em across the line: the font size, turned and scaled as the text is
        across_x, across_y = size.value * matrix.c, size.value * matrix.d
        low = descent.value
        return (low * across_x, (low + 1) * across_x), (low * across_y, (low + 1) * across_y)

    def box(self, index: int, box: _LooseBox) -> _LooseBox:
        """The loose ``box`` (left, top, right, bottom; PDF space, y upwards) of character
        ``index`` with its extent across the line made the body's."""
        left, top, right, bottom = box
        known = self.upright.get((top, bottom))
        if known is not None:
            return left, known[0], right, known[1]
        body = self._body(index)
        if body is None:
            return box
        if not _CALLS.origin(self.handle, index, self._x_ref, self._y_ref):
            return box
        (low_x, high_x), (low_y, high_y) = body
        if abs(high_y - low_y) >= abs(high_x - low_x):  # a line across the page
            y = self._y.value
            across = self.upright[top, bottom] = (y + max(low_y, high_y), y + min(low_y, high_y))
            return left, across[0], right, across[1]
        x = self._x.value
        return x + min(low_x, high_x), top, x + max(low_x, high_x), bottom


def _breaks_runs(char: str) -> bool:
    """Is ``char`` never part of a run of letters: whitespace (printed spaces split words,
    PDFium's own are left out), and accents and combining marks (glyphs of their own)."""
    return char.isspace() or char in _ALONE or bool(unicodedata.combining(char))


def _page_chars(textpage: Any) -> str:
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return ""
    text = _page_text(textpage, count)
    if text is None:
        text = "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    return text


def _loose_boxes(handle: ctypes.c_void_p, count: int) -> list[float]:
    """Every character's loose box, four numbers each (left, top, right, bottom; PDF
    coordinates, y upwards): written by PDFium into one array, read out in one call."""
    boxes = (ctypes.c_float * (4 * count))()
    get_box, at = _CALLS.box, ctypes.byref
    for i in range(count):
        get_box(handle, i, at(boxes, 16 * i))
    # floats, whatever typeshed says of memoryview.tolist
    return cast(list[float], memoryview(boxes).cast("B").cast("f").tolist())


def printed_chars(textpage: Any) -> str:
    """The page's characters, a hyphen that ends a line as the "-" it is printed as (PDFium
    marks it)."""
    text = _page_chars(textpage)
    for marker in _HYPHENS:  # str.replace: 0.2 µs a page, str.translate 190 µs (measured)
        text = text.replace(marker, "-")
    return text


def _left_out(text: str, special: set[str], handle: ctypes.c_void_p) -> set[int]:
    """Where ``text`` holds whitespace (of ``special``, the characters it holds that break
    runs) that splits no words: what PDFium adds of its own (line breaks, spaces where it
    guesses a word ends) and any whitespace but a space."""
    spaces = {char for char in special if char.isspace()}
    if not spaces:
        return set()
    is_generated = _CALLS.is_generated
    found = re.finditer("[" + "".join(map(re.escape, sorted(spaces))) + "]", text)
    return {at.start() for at in found
            if at.group() != " " or is_generated(handle, at.start())}


def _glyphs(textpage: Any, area: Rect, runs: bool = True) -> list[Glyph]:
    """The page's printed glyphs whose centre lies in ``area``, placed from its top left;
    the spaces and line breaks PDFium adds of its own are left out (only printed spaces
    split words). Letters that touch on one baseline, upright or turned by quarter turns,
    are handed on as one run (a Glyph with several characters, :class:`~.glyphs.Glyph`;
    ``runs=False``: each letter a glyph of its own): the layout reads them the same, with
    far fewer objects."""
    handle = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
    text = printed_chars(textpage)
    boxes = _loose_boxes(handle, len(text))
    special = {char for char in set(text) if _breaks_runs(char)}
    reader = _Runs(handle, area, special, _left_out(text, special, handle), runs)
    reader.boxes = boxes
    _read_runs(reader, text, boxes)
    return reader.glyphs


# Boxes inside the character loop are plain 4-tuples, not :class:`~.rect.Rect`: one is made
# for most characters of every page, and a tuple is made several times faster than a named
# tuple. A character's loose box as PDFium gives it: left, top, right, bottom in PDF space
# (y upwards, so ``top`` is the larger y) ...
_LooseBox = tuple[float, float, float, float]
# ... and placed on the page as a viewer shows it: x0, top, x1, bottom from its top left.
_PlacedBox = tuple[float, float, float, float]

# A run being read: its text, its right edge, whether a letter may join it, the loose top
# and bottom (as PDFium gives them) a letter must share to join it as its last one did, and
# how far from its right edge (points) a letter may start and still touch it.
_RunState = tuple[str, float, bool, float, float, float]
_NO_RUN: _RunState = ("", 0.0, False, 0.0, 0.0, 0.0)


class _Runs:
    """The glyphs of a page as they are read, character by character, and the run of
    touching letters being read. :func:`_read_runs` extends an upright run itself where a
    character continues it as its last one did (most characters); every other character
    comes here (:meth:`take`), the letters of turned text too."""

    __slots__ = ("angle", "area_top", "area_x0", "bodies", "bottom", "boxes", "direction",
                 "directions", "glyphs", "handle", "height2", "joins", "left_out", "special",
                 "top", "turned", "width2", "x0")

    def __init__(self, handle: ctypes.c_void_p, area: Rect, special: set[str],
                 left_out: set[int], joins: bool) -> None:
        self.handle, self.special, self.left_out = handle, special, left_out
        self.joins = joins  # are touching letters joined into runs?
        self.boxes: list[float] = []  # every character's loose box (:func:`_loose_boxes`)
        self.angle = _CALLS.angle
        self.directions: dict[float, int] = {}  # of each angle PDFium gives (radians)
        self.bodies = _Bodies(handle)
        self.area_x0, self.area_top = area[0], area[1]
        # a centre (a + b) / 2 inside [0, w] is a + b inside [0, 2w]: the same test, exactly
        self.width2, self.height2 = 2 * (area[2] - area[0]), 2 * (area[3] - area[1])
        self.glyphs: list[Glyph] = []
        # the run's left edge, top and bottom (its body, placed) and reading direction
        self.x0 = self.top = self.bottom = 0.0
        self.direction = UPRIGHT
        self.turned = False  # may a letter join the run along a quarter turn?

    def take(self, i: int, char: str, box: _LooseBox, run: str, x1: float, joinable: bool,
             reach: float) -> _RunState | None:
        """Character ``i`` (its loose ``box``, PDF space) after the run ``run`` that ends
        at ``x1`` (``joinable``: may a letter join it, within ``reach`` of x1): the run's
        state afterwards, or None where the character lies outside the shown area (the
        run goes on)."""
        box_left, box_top, box_right, box_bottom = box
        if not 0 <= -box_top - box_bottom - 2 * self.area_top <= self.height2:
            return None
        # ends where the character before it ends (cheap to ask first: most do not)
        if run and box_right == self.boxes[4 * i - 2] and self._same_glyph(i, char, run[-1], box):
            return run + char, x1, joinable, box_top, box_bottom, reach
        # the body across the line, not the ink: a run's letters share it
        across = self.bodies.upright.get((box_top, box_bottom))
        if across is None:
            box_left, body_top, box_right, body_bottom = self.bodies.box(i, box)
        else:
            body_top, body_bottom = across
        # placed from the shown area's top left
        left, right = box_left - self.area_x0, box_right - self.area_x0
        char_top, char_bottom = -body_top - self.area_top, -body_bottom - self.area_top
        if joinable and char_top == self.top and char_bottom == self.bottom \
                and char not in self.special and -reach <= left - x1 <= reach:
            # on the run's body: only its ink reached elsewhere
            return run + char, max(x1, right), True, box_top, box_bottom, reach
        if run and self.turned and char not in self.special \
                and self._continues_turned(i, left, right, char_top, char_bottom, x1, reach):
            return run + char, max(x1, right), False, box_top, box_bottom, reach
        if run:  # ended by this character; tuple.__new__: as Glyph(), without its
            # Python-level __new__ (0.24 vs 0.65 µs, measured; a page has hundreds)
            self.glyphs.append(tuple.__new__(
                Glyph, (run, self.x0, x1, self.top, self.bottom, self.direction)))
        if char == " ":  # a printed space: a glyph of its own, joined by nothing
            self.glyphs.append(tuple.__new__(
                Glyph, (" ", left, right, char_top, char_bottom, self.direction)))
            return _NO_RUN
        # a new run from this character: glyphs that continue a line share its exact top
        # and bottom; only where that changes can the reading direction change, so only
        # there is it asked for
        if char_top != self.top or char_bottom != self.bottom:
            self.direction = self._direction_at(i)
        self.x0, self.top, self.bottom = left, char_top, char_bottom
        direction = self.direction
        joinable = self.joins and direction == UPRIGHT and char not in self.special
        self.turned = self.joins and direction in _TURNED and char not in self.special
        # touching: within TOUCHING_EM of the type's size, its body across the line
        size = right - left if direction in _SIDEWAYS else char_bottom - char_top
        return char, right, joinable, box[1], box[3], TOUCHING_EM * size

    def _continues_turned(self, i: int, left: float, right: float, top: float,
                          bottom: float, x1: float, reach: float) -> bool:
        """Does character ``i`` (placed at ``left``, ``right``, ``top``, ``bottom``: its
        body across the line) continue the run of turned text being read (which ends at
        ``x1``), as an upright letter continues an upright run: on the run's line, with the
        run's body across it, in the run's direction, and starting within ``reach`` of where
        the run ends in that direction? If so the run's box grows by it."""
        direction = self.direction
        if direction == 180:  # right to left: across is top and bottom, as upright
            if top != self.top or bottom != self.bottom or not -reach <= self.x0 - right <= reach:
                return False
        elif left != self.x0 or right != x1:  # 90 or 270: across is left and right
            return False
        elif direction == 90:  # bottom to top: y grows downwards
            if not -reach <= self.top - bottom <= reach:
                return False
        elif not -reach <= top - self.bottom <= reach:  # 270: top to bottom
            return False
        if self._direction_at(i) != direction:
            return False
        self.x0, self.top, self.bottom = min(self.x0, left), min(self.top, top), \
            max(self.bottom, bottom)
        return True

    def _direction_at(self, i: int) -> int:
        """The reading direction of character ``i``: its angle, as few distinct values as
        a page has lines of text, each turned into a direction once (text turned by 90 or
        270 degrees asks for every character: each changes the run's top and bottom)."""
        angle = self.angle(self.handle, i)
        direction = self.directions.get(angle)
        if direction is None:
            direction = self.directions[angle] = _direction(angle)
        return direction

    def _same_glyph(self, i: int, char: str, last: str, box: _LooseBox) -> bool:
        """Is character ``i`` printed by the glyph that printed the one before it, ``last``
        of the run being read: a ligature (``ffi``), whose letters PDFium hands on one by
        one with the ligature's box? One glyph, as pdfminer hands it on (U+FB03): one by
        one, the layout took the second ``f`` of ``officieel`` for an ``f`` printed twice
        on one spot (fake bold) and read ``oficieel``. Letters only: an accent printed on
        its letter's box (a circumflex over ``a``) stays a glyph of its own, to be put on it."""
        before = 4 * (i - 1)
        return (char not in self.special and last not in self.special
                and i - 1 not in self.left_out and box == tuple(self.boxes[before:before + 4]))

    def finish(self, run: str, x1: float) -> None:
        if run:
            self.glyphs.append(Glyph(run, self.x0, x1, self.top, self.bottom, self.direction))


def _read_runs(runs: _Runs, text: str, boxes: list[float]) -> None:
    """Every character of the page into ``runs``, in PDFium's order.

    The loop runs once per character of every page: a character that continues the run as
    its last one did (the same loose top and bottom, touching its end) is joined here, with
    the run's state in local variables; the others go to :meth:`_Runs.take`."""
    area_x0, width2, special, take = runs.area_x0, runs.width2, runs.special, runs.take
    left_out = runs.left_out  # PDFium's own spaces and line breaks
    run, x1, joinable, run_top, run_bottom, reach = _NO_RUN
    for i, (char, box_left, box_top, box_right, box_bottom) in enumerate(
            zip(text, boxes[0::4], boxes[1::4], boxes[2::4], boxes[3::4], strict=True)):
        # placed from the shown area's top left: the page as a viewer shows it
        left, right = box_left - area_x0, box_right - area_x0
        if not 0 <= left + right <= width2:
            continue
        if joinable and box_top == run_top and box_bottom == run_bottom \
                and char not in special and -reach <= left - x1 <= reach:
            run += char
            if right > x1:
                x1 = right
            continue
        if i in left_out:
            continue
        taken = take(i, char, (box_left, box_top, box_right, box_bottom), run, x1, joinable,
                     reach)
        if taken is not None:
            run, x1, joinable, run_top, run_bottom, reach = taken
    runs.finish(run, x1)


def _reading(page: int | None = None) -> contextlib.AbstractContextManager[None]:
    return boundary(_is_password_error, page=page)


def _y_down(box: tuple[float, float, float, float]) -> Rect:
    """A PDF box (left, bottom, right, top; y upwards) in the glyphs' frame (y downwards)."""
    left, bottom, right, top = box
    return Rect(left, -top, right, -bottom)


def _shown_area(page: pdfium.PdfPage) -> Rect:
    """The CropBox clipped to the MediaBox, as PDFium's page has them. Not
    ``page.get_mediabox()``/``get_cropbox()``: those read only the page's own dictionary
    (``FPDFPage_GetMediaBox``) and fall back to US Letter, so a MediaBox inherited from the
    page tree (``/Pages``) was taken for 612 x 792 and an A4 page lost its top 50 points.
    ``FPDF_GetPageBoundingBox`` is the intersection of the two effective boxes."""
    return _y_down(page.get_bbox())


def _page_glyphs(document: pdfium.PdfDocument, index: int, runs: bool) -> list[Glyph]:
    with _reading(index + 1):
        page = document[index]
        try:
            textpage = raw.FPDFText_LoadPage(page)
            try:
                return _glyphs(textpage, _shown_area(page), runs) if textpage else []
            finally:
                if textpage:
                    raw.FPDFText_ClosePage(textpage)
        finally:
            page.close()


# PDFium keeps every object it has parsed until the document is closed: reopened after this
# many pages, a long file is read in flat memory (25 vs 41 MiB for 1,000 pages, measured).
PAGES_PER_OPENING = 50


# PDFium's words for its error codes (FPDF_GetLastError).
_LOAD_ERRORS = {
    raw.FPDF_ERR_UNKNOWN: "unknown error",
    raw.FPDF_ERR_FILE: "file access error",
    raw.FPDF_ERR_FORMAT: "not in PDF format, or damaged",
    raw.FPDF_ERR_PASSWORD: "password required or incorrect",
    raw.FPDF_ERR_SECURITY: "unsupported security scheme",
    raw.FPDF_ERR_PAGE: "page not found or content error",
}


def open_document(data: bytes, password: str | None) -> pdfium.PdfDocument:
    """The document, opened with PDFium's own call (``data`` must outlive it).

    Not ``pdfium.PdfDocument(data)``: pypdfium2 calls a document that opened but has no
    pages a failure and reports ``FPDF_GetLastError()`` for it, but PDFium sets that code
    only when a call fails and never clears it: the message would be whatever failed before
    in the same process ("Success" at first, "Incorrect password" after an encrypted file),
    and the outcome of a file would depend on the file read before it. Here a document
    without pages opens and has none; only a failed load reads the error code, which that
    very call has just set.
    """
    with boundary(_is_password_error, password_given=password is not None):
        secret = None if password is None else password.encode("utf-8")
        handle = raw.FPDF_LoadMemDocument64(data, len(data), secret)
        if not handle:
            code = raw.FPDF_GetLastError()
            raise pdfium.PdfiumError(
                f"PDFium cannot open it: {_LOAD_ERRORS.get(code, f'error {code}')}",
                err_code=code)
        return pdfium.PdfDocument(handle)


def read_pages(data: bytes, max_pages: int, password: str | None = None, *, runs: bool = True
               ) -> Iterator[GlyphPage]:
    """The pages of a PDF, one at a time, as positioned glyphs: touching letters joined
    into runs (:class:`~.glyphs.Glyph`), or with ``runs=False`` each character a glyph of
    its own (what the runs are checked against)."""
    document = open_document(data, password)
    try:
        count = len(document)
        check_page_count(count, max_pages)
        for index in range(count):
            if index and index % PAGES_PER_OPENING == 0:
                document.close()
                document = open_document(data, password)
            yield GlyphPage(index + 1, _page_glyphs(document, index, runs))
    finally:
        document.close()


def ocr_layer_pages(data: bytes, max_pages: int, password: str | None = None
                    ) -> frozenset[int]:
    """The pages (1-based) whose text is all invisible, laid over an image: a text layer
    that an OCR laid over a scan (a scanner's "searchable PDF" writes its text with render
    mode 3, neither filled nor stroked). Empty for a file PDFium cannot read."""
    found: set[int] = set()
    with contextlib.suppress(UnreadablePdfError):
        document = open_document(data, password)
        try:
            for index in range(min(len(document), max_pages)):
                with _reading(index + 1):
                    page = document[index]
                    try:
                        if _is_ocr_layer(page):
                            found.add(index + 1)
                    finally:
                        page.close()
        finally:
            document.close()
    return frozenset(found)


def _is_ocr_layer(page: pdfium.PdfPage) -> bool:
    invisible = images = 0
    for item in page.get_objects():  # Form XObjects' objects too (an overlay is one)
        if item.type == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
        elif item.type == raw.FPDF_PAGEOBJ_TEXT:
            if raw.FPDFTextObj_GetTextRenderMode(item.raw) != raw.FPDF_TEXTRENDERMODE_INVISIBLE:
                return False  # printed text: whatever else is on the page, not a scan's
            invisible += 1
    return invisible > 0 and images > 0
