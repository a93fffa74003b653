"""A page as an image for OCR: rendered with PDFium, checked for ink, and straightened.

A scanner feeds paper a degree or so askew, and an askew row drifts off its line across the
page: the skew is measured by the projection profile and the page turned back.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

import pypdfium2 as pdfium
from PIL import Image, ImageOps

from ..errors import UnreadablePdfError

__all__ = ["DEFAULT_DPI", "POINTS_PER_INCH", "is_blank", "measure_skew", "render_dpi",
           "render_page", "straighten"]

#: Resolution pages are rendered at for the page read. Measured (bench/ocr_accuracy.py) on
#: the scanned fixtures (230 rows) and clean renders (216 rows), rows read exactly: 200 dpi
#: 97.8 % and 99.5 %; 150 dpi 76.1 % and 92.6 % (digits of 9 pt figures lost, 4 tables not
#: read); 300 dpi 73.0 % and 98.1 % (a scan made at 150-200 dpi, scaled up, reads worse).
DEFAULT_DPI = 200
#: A point is 1/72 inch: a box in points is ``dpi / POINTS_PER_INCH`` times as many pixels.
POINTS_PER_INCH = 72.0
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

