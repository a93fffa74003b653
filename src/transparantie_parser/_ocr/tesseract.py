"""Scanned pages -> recognised words, read with the ``tesseract`` command-line program.

A page without a text layer is rendered with PDFium, straightened (a scanner feeds paper a
degree or so askew, and an askew row drifts off its line across the page), and read by
tesseract with word boxes (TSV output). Each word becomes a :class:`~.._pdf.glyphs.Glyph` in the
frame the text engines use (points, y downwards from the top of the page as displayed), so
``page_from_glyphs`` groups it into lines like any text layer, and one grammar reads both.

Figures are then looked at again: :func:`reread_cells` crops cells out of the kept page image
and reads them with a digits-only configuration at several magnifications, thresholds and
page segmentation modes, for the caller to decide between the readings (``cells``,
``repair``).

The only module that runs tesseract. It is called as a program, not through a Python binding:
the TSV output holds every word box and confidence we use, the image goes in on standard input
(no temporary files), and the extra needs no Python package beyond Pillow and pypdfium2, which
pdfplumber already brings. A missing program or missing Dutch language data raises
:class:`~.errors.UnreadablePdfError` with code ``ocr_unavailable``, naming the Debian packages.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import os
import shutil
import statistics
import subprocess
from collections.abc import Iterable, Iterator, Sequence

import attrs
import pypdfium2 as pdfium
import regex
from PIL import Image, ImageOps

from .._pdf.glyphs import Glyph, GlyphPage, Rect
from ..errors import UnreadablePdfError
from .rules import without_rules

__all__ = [
    "DEFAULT_DPI",
    "FIRST_LOOK",
    "NAME_LOOKS",
    "SECOND_LOOKS",
    "CellConfig",
    "CellReading",
    "OcrPage",
    "OcrWord",
    "check_tesseract",
    "figure_band",
    "install_hint",
    "is_blank",
    "measure_skew",
    "ocr_glyphs",
    "ocr_image",
    "render_dpi",
    "render_page",
    "reread_cells",
    "straighten",
    "tesseract_available",
    "tesseract_problem",
    "tesseract_version",
]

#: Resolution pages are rendered at for the page read. Measured (bench/ocr_accuracy.py) on
#: the scanned fixtures (230 rows) and clean renders (216 rows), rows read exactly: 200 dpi
#: 97.8 % and 99.5 %; 150 dpi 76.1 % and 92.6 % (digits of 9 pt figures lost, 4 tables not
#: read); 300 dpi 73.0 % and 98.1 % (a scan made at 150-200 dpi, scaled up, reads worse).
DEFAULT_DPI = 200
#: Tesseract's page segmentation mode for the page read: 6, "a single uniform block of
#: text", keeps a table row (name and figures) on one tesseract line. Measured on the scans
#: at 200 dpi, rows read exactly: psm 6 97.8 %, 4 96.5 %, 3 87.0 %, 11 87.4 %.
PAGE_PSM = 6
#: Dutch for the names and the heading; figures and the footnote read the same in any language.
LANGUAGES = "nld"
DEBIAN_PACKAGES = "tesseract-ocr tesseract-ocr-nld"

POINTS_PER_INCH = 72.0
# Tesseract runs one thread per page: the batch already runs one worker process per core,
# and OpenMP threads on top of that cost CPU time without saving wall time (measured: 4.3 s
# of CPU for a page with the default threads, 1.5 s with one).
_ENVIRONMENT = {"OMP_THREAD_LIMIT": "1"}
# One tesseract call reads a page in a few seconds; a call that takes this long (seconds)
# is stuck, and the page is reported unreadable rather than waited for.
_TESSERACT_TIMEOUT = 300.0
# A page is rendered with at most this many pixels (16 MB of grey): twice an A3 page at
# 200 dpi. The publication prints A4; a page drawn larger is rendered at a lower resolution
# rather than filling a worker's memory (a PDF page may be 200 by 200 inches).
_MAX_PIXELS = 16_000_000
# A pixel darker than this grey level (0 black, 255 white) is ink; a page without one is
# blank and is not read.
_INK = 128

# --- deskewing ------------------------------------------------------------------------------
# The skew is measured on a copy of the page this many pixels wide: text rows are then still
# several pixels apart (a 9 pt row at ~85 dpi is ~10 px), and each trial rotation is cheap.
_SKEW_WIDTH = 1000
# Scanners feed paper at most a few degrees askew; beyond this (degrees) the page is taken
# as it is (a sideways scan is another problem: turning it by 90 degrees).
_MAX_SKEW = 3.0
_SKEW_COARSE_STEP = 0.25  # degrees between trial angles of the first pass
_SKEW_FINE_STEP = 0.05  # degrees between trial angles around the best of the first pass
# A skew smaller than this (degrees) is left alone: over the 842 pt width of a landscape
# page it moves a row's ends by under 0.4 pt, a twentieth of a line, and turning the image
# would only blur it.
_MIN_SKEW = 0.025

# --- word boxes ----------------------------------------------------------------------------
# Tesseract's word boxes reach from the highest to the lowest ink of the word, specks of dust
# included, so words on one baseline get boxes of different heights and centres (a name with
# descenders sits lower than the figures beside it, a speck pulls a box up by half a line).
# Text engines give every glyph a box of its font size on its baseline; the layout's
# tolerances assume that. So each word's baseline is found from its ink: the bottom of its
# longest run of inked pixel rows (a speck is a run of its own), less the depth of the
# descenders when the word has letters that descend. It gets a box of the page's body size
# on that baseline.
# A pixel row is inked when it holds at least this share of the word's darkest row's ink
# (the thin diagonal of a 7 holds about a fifth of its top bar).
_CORE_INK = 0.08
# Blank pixel rows (at 200 dpi; scaled) that may interrupt a run without ending it.
_CORE_GAP = 1
_DESCENDERS = frozenset("gjpqy,;()")
# Cap height (height of digits), ascent above and descent below the baseline, and the depth
# of descenders, as shares of the font size (Helvetica, Times and Liberation all within 0.05).
_CAP_HEIGHT = 0.70
_ASCENT = 0.80
_DESCENT = 0.20
_DESCENDER_DEPTH = 0.21
# A tesseract line whose words' runs of ink are taller than this many body cap heights
# (median; descenders allowed for) is set in a larger font (a title) and gets boxes of its
# own size.
_LARGER_FONT = 1.3
# Fewer figure words than this on a page: the body size is taken from all words.
_MIN_SIZE_SAMPLES = 3


# Words of the table's own vocabulary that tesseract runs together when the space between
# them is narrow (bold type): ``TOTAALAMR``. Split again, each part's width in proportion to
# its letters, so the grammar finds its ``TOTAAL`` line; the first part gives up this share of
# the word's height (about 0.35 em, more than the layout's word gap) as the space between.
_RUN_TOGETHER = regex.compile(r"(?i)(totaal)(amr)")
# What tesseract makes of specks, rules and the edges of boxes: underscores and bars at the
# ends of words ('_Klantprofiel', 'Haarlemmermeer _') are taken off, and a word of nothing but
# such marks is dropped. Dashes stay: a '-' in a figure cell is a zero.
_EDGE_JUNK = "_|¦"
_SPLIT_GAP = 0.5

# --- re-reading cells: settings -------------------------------------------------------------
_DIGITS = "0123456789.-"
# Paper added round a cell's crop (points): tesseract finds no text that touches the edge.
_CELL_PADDING = 4.0


@attrs.frozen
class OcrWord:
    """A recognised word: its box (a :class:`Glyph`, in points) and tesseract's confidence
    in it, 0-100."""

    glyph: Glyph
    confidence: float


@attrs.frozen(eq=False)
class OcrPage:
    """One page as read by OCR.

    ``image`` is the straightened grey page the words were read from, kept for re-reading
    cells; ``dpi`` its resolution, so a box in points is ``dpi / 72`` times as many pixels.
    ``skew`` is the angle (degrees, counter-clockwise) the rendered page was turned by to
    straighten it.
    """

    number: int
    words: tuple[OcrWord, ...]
    image: Image.Image
    dpi: int
    skew: float

    @property
    def glyphs(self) -> list[Glyph]:
        return [word.glyph for word in self.words]

    def glyph_page(self) -> GlyphPage:
        """The page as an engine hands it on, for the layout."""
        return GlyphPage(self.number, self.glyphs)

    def pixel_box(self, x0: float, top: float, x1: float, bottom: float
                  ) -> tuple[int, int, int, int]:
        """A box in points -> the box in this page's image pixels (left, upper, right, lower)."""
        scale = self.dpi / POINTS_PER_INCH
        return (max(0, int(x0 * scale)), max(0, int(top * scale)),
                min(self.image.width, int(x1 * scale + 0.999)),
                min(self.image.height, int(bottom * scale + 0.999)))


@attrs.frozen
class CellConfig:
    """How a cell is read on its own: magnification of the page image, grey threshold (0-255;
    None: tesseract's own), and page segmentation mode (7 one text line, 8 one word, 13 a
    raw line without any layout analysis)."""

    scale: float
    threshold: int | None
    psm: int


#: The first look at every figure cell: twice the page image's size (small digits read
#: better larger), tesseract's own threshold, one line of text.
FIRST_LOOK = (CellConfig(2.0, None, 7),)
#: Further looks at a cell whose first look and page read disagree or are doubtful: a
#: faint or smudged digit may read right at one magnification or threshold and wrong at
#: another, and the readings vote.
#: (psm 13 and 8 were tried and dropped: on these cells they read one or two of the digits
#: far more often than psm 7 does.)
SECOND_LOOKS = tuple(CellConfig(scale, threshold, 7)
                     for scale in (1.0, 1.5, 3.0)
                     for threshold in (None, 110, 170))


#: Second looks at a name word the page read was not sure of: larger, with the language model.
NAME_LOOKS = (CellConfig(1.5, None, 7), CellConfig(2.0, None, 7))


@attrs.frozen
class CellReading:
    """One reading of a cell: the text (digits, ``.`` and ``-`` only; words separated by a
    space), tesseract's lowest word confidence (0-100), where the text stands (points),
    and how it was read."""

    text: str
    confidence: float
    box: Rect
    config: CellConfig


# --- tesseract ------------------------------------------------------------------------------

def install_hint() -> str:
    """How to make OCR work, for messages."""
    return (f"install the Debian packages {DEBIAN_PACKAGES} (apt-get install "
            f"{DEBIAN_PACKAGES}), or tesseract with its Dutch data from your system's "
            "package manager")


def _unavailable(what: str) -> UnreadablePdfError:
    return UnreadablePdfError("ocr_unavailable", f"needs OCR, but {what}: {install_hint()}")


@functools.cache
def _languages() -> frozenset[str] | None:
    """The language data tesseract has; None when there is no tesseract to ask."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        done = subprocess.run([program, "--list-langs"], capture_output=True, timeout=30,
                              check=False, env={**os.environ, **_ENVIRONMENT})
    except (OSError, subprocess.SubprocessError):
        return None
    # the first line is a title ('List of available languages in "..." (3):')
    lines = done.stdout.decode("utf-8", "replace").splitlines()[1:]
    return frozenset(line.strip() for line in lines if line.strip())


def tesseract_version() -> str:
    """The first line of ``tesseract --version`` ('tesseract 5.3.0'), or 'not installed'."""
    program = shutil.which("tesseract")
    if program is None:
        return "not installed"
    try:
        done = subprocess.run([program, "--version"], capture_output=True, timeout=30,
                              check=False)
    except (OSError, subprocess.SubprocessError):
        return "not installed"
    lines = (done.stdout or done.stderr).decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else "unknown version"


def tesseract_problem() -> str | None:
    """What keeps OCR from working on this machine ('the program tesseract is not
    installed ...'), None when tesseract and its Dutch language data are installed."""
    languages = _languages()
    if languages is None:
        return "the program tesseract is not installed (not found on PATH)"
    missing = [lang for lang in LANGUAGES.split("+") if lang not in languages]
    if missing:
        return f"tesseract has no language data for {', '.join(missing)}"
    return None


def tesseract_available() -> bool:
    """Is tesseract installed with the Dutch language data?"""
    return tesseract_problem() is None


def check_tesseract() -> None:
    """Raise ``ocr_unavailable`` unless tesseract and its Dutch language data are installed."""
    problem = tesseract_problem()
    if problem is not None:
        raise _unavailable(problem)


def _run_tesseract(image_data: bytes, args: Sequence[str]) -> str:
    """Run tesseract on an image (or a multi-page TIFF) given as bytes; its TSV output."""
    check_tesseract()
    program = shutil.which("tesseract") or "tesseract"
    command = [program, "-", "-", "-l", LANGUAGES, "-c", "tessedit_do_invert=0", *args, "tsv"]
    try:
        done = subprocess.run(command, input=image_data, capture_output=True, check=False,
                              timeout=_TESSERACT_TIMEOUT, env={**os.environ, **_ENVIRONMENT})
    except subprocess.TimeoutExpired:
        raise UnreadablePdfError(
            "timeout", f"OCR of a page took more than {_TESSERACT_TIMEOUT:.0f} s and was stopped"
        ) from None
    except OSError as err:
        raise _unavailable(f"tesseract could not be started ({err.strerror})") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UnreadablePdfError(
            "damaged", f"OCR failed: tesseract exited with {done.returncode}"
                       f" ({message[-1] if message else 'no message'})"
        )
    return done.stdout.decode("utf-8", "replace")


@attrs.frozen
class _TsvWord:
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


def _tsv_words(tsv: str) -> Iterator[_TsvWord]:
    """The recognised words of tesseract's TSV output (level 5 rows with text)."""
    for row in tsv.splitlines()[1:]:
        fields = row.split("\t")
        if len(fields) != 12 or fields[0] != "5" or not fields[11].strip():
            continue
        numbers = [int(f) for f in fields[1:5] + fields[6:10]]
        yield _TsvWord(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5],
                       numbers[6], numbers[7], float(fields[10]), fields[11].strip())


def _pgm(image: Image.Image) -> bytes:
    """Grey image -> binary PGM, the cheapest format to write and for tesseract to read."""
    out = io.BytesIO()
    image.save(out, format="PPM")
    return out.getvalue()


# --- rendering and deskewing ----------------------------------------------------------------

def render_dpi(width: float, height: float, dpi: int) -> int:
    """The resolution a page of ``width`` x ``height`` points is rendered at: ``dpi``, or
    less for a page so large that it would take more than :data:`_MAX_PIXELS` pixels."""
    pixels = width * height * (dpi / POINTS_PER_INCH) ** 2
    if pixels <= _MAX_PIXELS:
        return dpi
    return max(1, int(dpi * math.sqrt(_MAX_PIXELS / pixels)))


def render_page(pdf_bytes: bytes, page_index: int, dpi: int, password: str | None = None
                ) -> tuple[Image.Image, int]:
    """Page ``page_index`` (0-based) as a grey image, as displayed (``/Rotate`` applied),
    and the resolution it was rendered at (``dpi``, less for a very large page)."""
    from .._pdf.pdfium import open_document  # the engine's way: no stale error codes

    document = open_document(pdf_bytes, password)
    try:
        page = document[page_index]
        try:
            width, height = page.get_size()
            dpi = render_dpi(width, height, dpi)
            image: Image.Image
            if min(width, height) * dpi / POINTS_PER_INCH < 1:
                # a page that shows nothing (a CropBox outside the MediaBox leaves 0 x 0
                # points): a blank pixel, not a bitmap PDFium cannot make
                image = Image.new("L", (1, 1), color=255)
            else:
                bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
                image = bitmap.to_pil().convert("L")
        finally:
            page.close()
    except pdfium.PdfiumError as err:
        raise UnreadablePdfError(
            "damaged", f"page {page_index + 1} is damaged and cannot be rendered ({err})"
        ) from None
    finally:
        document.close()
    return image, dpi


def is_blank(image: Image.Image) -> bool:
    """Does the page hold no ink at all (no pixel darker than :data:`_INK`)? A blank page
    (the back of a sheet, a page whose content could not be drawn) is not worth a read."""
    darkest = image.convert("L").getextrema()[0]
    return isinstance(darkest, int) and darkest >= _INK


def _row_contrast(ink: Image.Image, angle: float) -> float:
    """How sharply the ink falls into horizontal rows after turning the page by ``angle``:
    the summed squared difference between neighbouring pixel rows' ink. Largest when text
    lines are level (all their ink in few rows, white gaps between them)."""
    turned = ink.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=0)
    profile = turned.resize((1, turned.height), Image.Resampling.BOX).tobytes()
    return float(sum((b - a) ** 2 for a, b in itertools.pairwise(profile)))


def measure_skew(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that levels the page's text lines, by the
    projection profile: the trial rotation whose rows of ink are sharpest wins."""
    scale = min(1.0, _SKEW_WIDTH / image.width)
    small = image.resize((max(1, round(image.width * scale)), max(1, round(image.height * scale))),
                         Image.Resampling.BOX)
    ink = ImageOps.invert(small)

    def best(angles: Iterator[float]) -> float:
        return max(angles, key=lambda a: _row_contrast(ink, a))

    steps = round(_MAX_SKEW / _SKEW_COARSE_STEP)
    coarse = best(i * _SKEW_COARSE_STEP for i in range(-steps, steps + 1))
    fine_steps = round(_SKEW_COARSE_STEP / _SKEW_FINE_STEP)
    return best(coarse + i * _SKEW_FINE_STEP for i in range(-fine_steps, fine_steps + 1))


def straighten(image: Image.Image, angle: float) -> Image.Image:
    """The page turned by ``angle`` degrees about its centre, on white paper, same size."""
    if abs(angle) < _MIN_SKEW:
        return image
    return image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)


# --- the page read --------------------------------------------------------------------------

def figure_band(glyph: Glyph) -> tuple[float, float]:
    """Where the digits of an OCR word stand: the top of its capitals and its baseline
    (points), from the box :func:`ocr_image` gave it."""
    size = glyph.bottom - glyph.top
    baseline = glyph.bottom - _DESCENT * size
    return baseline - _CAP_HEIGHT * size, baseline


def _ink_run(image: Image.Image, left: int, top: int, width: int, height: int,
             gap: int) -> tuple[int, int]:
    """The top and bottom (pixel rows, bottom exclusive) of a word's longest run of inked
    rows, allowing ``gap`` blank rows inside it."""
    crop = image.crop((left, top, left + max(1, width), top + max(1, height)))
    profile = [255 - v for v in crop.resize((1, crop.height), Image.Resampling.BOX).tobytes()]
    peak = max(profile, default=0)
    if peak <= 0:
        return top, top + height
    best = (0, len(profile))
    longest = 0
    start: int | None = None
    end = blank = 0
    for i, value in enumerate([*profile, 0]):
        if value >= _CORE_INK * peak:
            if start is None:
                start = i
            end, blank = i + 1, 0
            if end - start > longest:
                best, longest = (start, end), end - start
        elif start is not None:
            blank += 1
            if blank > gap:
                start, blank = None, 0
    return top + best[0], top + best[1]


def _without_junk(words: Iterable[_TsvWord]) -> Iterator[_TsvWord]:
    for word in words:
        text = word.text.strip(_EDGE_JUNK)
        if text:
            yield word if text == word.text else attrs.evolve(word, text=text)


def _split_run_together(words: Iterable[_TsvWord]) -> Iterator[_TsvWord]:
    for word in words:
        match = _RUN_TOGETHER.fullmatch(word.text)
        if match is None:
            yield word
            continue
        left = word.left
        gap = round(_SPLIT_GAP * word.height)
        for i, part in enumerate(match.groups()):
            width = round(word.width * len(part) / len(word.text))
            last = i == len(match.groups()) - 1
            yield attrs.evolve(word, left=left, width=width if last else width - gap, text=part)
            left += width


def _words_on_baselines(image: Image.Image, words: Sequence[_TsvWord], dpi: int
                        ) -> list[OcrWord]:
    """Tesseract's words with boxes of their font size on their baselines, in points."""
    scale = POINTS_PER_INCH / dpi
    gap = max(1, round(_CORE_GAP * dpi / 200))
    runs = [_ink_run(image, w.left, w.top, w.width, w.height, gap) for w in words]
    digit_caps = [b - t for w, (t, b) in zip(words, runs, strict=True)
                  if w.text.replace(".", "").isdigit()]
    if len(digit_caps) < _MIN_SIZE_SAMPLES:
        digit_caps = [b - t for t, b in runs]
    body = statistics.median(digit_caps) / _CAP_HEIGHT if digit_caps else 0.0
    # the font size each word's ink suggests; one size for all words of a tesseract line
    # (a heading's words must not get boxes of different sizes)
    suggested: dict[tuple[int, int, int, int], list[float]] = {}
    for word, (run_top, run_bottom) in zip(words, runs, strict=True):
        descends = any(c in _DESCENDERS for c in word.text)
        extent = _CAP_HEIGHT + (_DESCENDER_DEPTH if descends else 0.0)
        suggested.setdefault(word.line_key, []).append((run_bottom - run_top) / extent)
    line_size = {key: statistics.median(sizes) for key, sizes in suggested.items()}
    out = []
    for word, (_run_top, run_bottom) in zip(words, runs, strict=True):
        descends = any(c in _DESCENDERS for c in word.text)
        size = line_size[word.line_key]
        if size <= _LARGER_FONT * body:
            size = body
        if size <= 0:
            size = float(word.height)
        baseline = run_bottom - (_DESCENDER_DEPTH * size if descends else 0.0)
        glyph = Glyph(word.text, word.left * scale, (word.left + word.width) * scale,
                      (baseline - _ASCENT * size) * scale, (baseline + _DESCENT * size) * scale)
        out.append(OcrWord(glyph, word.confidence))
    return out


def ocr_image(image: Image.Image, number: int, dpi: int, *, deskew: bool = True,
              psm: int = PAGE_PSM) -> OcrPage:
    """Read a grey page image taken at ``dpi``: straighten it, OCR it, words in points."""
    image = image.convert("L")
    if is_blank(image):
        return OcrPage(number, (), image, dpi, 0.0)
    skew = measure_skew(image) if deskew else 0.0
    image = without_rules(straighten(image, skew), dpi)
    tsv = _run_tesseract(_pgm(image), ["--psm", str(psm), "--dpi", str(dpi)])
    found = _split_run_together(_without_junk(_tsv_words(tsv)))
    words = tuple(_words_on_baselines(image, list(found), dpi))
    return OcrPage(number, words, image, dpi, skew)


def ocr_glyphs(pdf_bytes: bytes, page_index: int, *, dpi: int = DEFAULT_DPI,
               deskew: bool = True, psm: int = PAGE_PSM, password: str | None = None
               ) -> OcrPage:
    """OCR page ``page_index`` (0-based) of a PDF: its words as glyphs in points (y down from
    the top of the page as displayed) with their confidences, and the page image.

    Raises ``ocr_unavailable`` without tesseract and its Dutch data, ``damaged`` when the page
    cannot be rendered or tesseract fails on it.
    """
    check_tesseract()
    image, dpi = render_page(pdf_bytes, page_index, dpi, password)
    return ocr_image(image, page_index + 1, dpi, deskew=deskew, psm=psm)


# --- re-reading cells -----------------------------------------------------------------------

def _cell_image(page: OcrPage, box: Rect,
                config: CellConfig) -> tuple[Image.Image, tuple[int, int, int, int], int]:
    """The cell cut out of the page, ready for tesseract; its pixel box on the page and the
    padding added round it (pixels of the returned image)."""
    pixels = page.pixel_box(*box)
    crop = page.image.crop(pixels)
    scale = config.scale
    if scale != 1.0:
        crop = crop.resize((max(1, round(crop.width * scale)), max(1, round(crop.height * scale))),
                           Image.Resampling.BICUBIC)
    threshold = config.threshold
    if threshold is not None:
        crop = crop.point(lambda v: 255 if v > threshold else 0)
    pad = round(page.dpi / POINTS_PER_INCH * _CELL_PADDING * scale)
    return ImageOps.expand(crop, border=pad, fill=255), pixels, pad


def _reading(words: list[_TsvWord], pixels: tuple[int, int, int, int], pad: int,
             config: CellConfig, to_points: float) -> CellReading:
    """The words tesseract read in one cut-out cell, as one reading with its box in points."""
    words = sorted(words, key=lambda w: w.left)

    def x(v: float) -> float:
        return ((v - pad) / config.scale + pixels[0]) * to_points

    def y(v: float) -> float:
        return ((v - pad) / config.scale + pixels[1]) * to_points

    box = (x(min(w.left for w in words)), y(min(w.top for w in words)),
           x(max(w.left + w.width for w in words)), y(max(w.top + w.height for w in words)))
    return CellReading(" ".join(w.text for w in words), min(w.confidence for w in words), box,
                       config)


def reread_cells(
    page: OcrPage,
    boxes: Sequence[Rect],
    configs: Sequence[CellConfig] = FIRST_LOOK,
    *,
    digits: bool = True,
) -> list[list[CellReading]]:
    """Read each box (x0, top, x1, bottom in points; the caller leaves room round the ink)
    of the page again on its own, digits only (``0-9``, ``.``, ``-``; with ``digits=False``
    as words, with the language model), in each configuration: one list of readings per
    box, in the order of ``boxes``; a configuration that reads nothing there adds no
    reading.

    Every cut-out cell of every configuration with the same segmentation mode goes to
    tesseract in one multi-page image, so the cost is one program start per mode, not per
    cell or configuration (a start costs about 0.1 s, reading a cell about 5 ms).
    """
    readings: list[list[CellReading]] = [[] for _ in boxes]
    if not boxes:
        return readings
    for psm in sorted({c.psm for c in configs}):
        jobs = [(i, config) for config in configs if config.psm == psm
                for i in range(len(boxes))]
        cut = [_cell_image(page, boxes[i], config) for i, config in jobs]
        tiff = io.BytesIO()
        cut[0][0].save(tiff, format="TIFF", save_all=True, append_images=[c[0] for c in cut[1:]])
        scales = sorted(config.scale for _i, config in jobs)
        only_digits = ["-c", f"tessedit_char_whitelist={_DIGITS}",
                       "-c", "load_system_dawg=0", "-c", "load_freq_dawg=0"]
        tsv = _run_tesseract(tiff.getvalue(), [
            "--psm", str(psm), "--dpi", str(round(page.dpi * scales[len(scales) // 2])),
            *(only_digits if digits else []),
        ])
        found: dict[int, list[_TsvWord]] = {}
        for word in _tsv_words(tsv):
            found.setdefault(word.page, []).append(word)
        for number, words in sorted(found.items()):
            if 1 <= number <= len(jobs):
                i, config = jobs[number - 1]
                _image, pixels, pad = cut[number - 1]
                readings[i].append(
                    _reading(words, pixels, pad, config, POINTS_PER_INCH / page.dpi))
    return readings
