"""Cells looked at again: boxes of a page read cut out of its image and read on their own
by tesseract, digits only or as words, in several configurations (magnification, grey
threshold, page segmentation mode), for the caller to decide between the readings
(``cells``, ``repair``, ``footnote``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import attrs
from PIL import Image, ImageOps

from .._pdf.rect import Rect, as_rect, bounding
from .image import POINTS_PER_INCH
from .program import run_tesseract
from .tsv import TsvWord, tsv_words
from .words import OcrPage

__all__ = ["FIRST_LOOK", "NAME_LOOKS", "SECOND_LOOKS", "CellConfig", "CellReading",
           "reread_cells"]

_DIGITS = "0123456789.-"
# Paper added round a cell's crop (points): tesseract finds no text that touches the edge.
_CELL_PADDING = 4.0


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
    box: Rect = attrs.field(converter=as_rect)
    config: CellConfig



def _cell_image(page: OcrPage, box: Rect,
                config: CellConfig) -> tuple[Image.Image, tuple[int, int, int, int], int]:
    """The cell cut out of the page, ready for tesseract; its pixel box on the page and the
    padding added round it (pixels of the returned image)."""
    pixels = page.pixel_box(box)
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


def _reading(words: list[TsvWord], pixels: tuple[int, int, int, int], pad: int,
             config: CellConfig, to_points: float) -> CellReading:
    """The words tesseract read in one cut-out cell, as one reading with its box in points."""
    words = sorted(words, key=lambda w: w.left)

    def x(v: float) -> float:
        return ((v - pad) / config.scale + pixels[0]) * to_points

    def y(v: float) -> float:
        return ((v - pad) / config.scale + pixels[1]) * to_points

    box = bounding(Rect(x(w.left), y(w.top), x(w.left + w.width), y(w.top + w.height))
                   for w in words)
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
        for i, reading in _read_jobs(page, boxes, jobs, psm, digits):
            readings[i].append(reading)
    return readings


def _read_jobs(page: OcrPage, boxes: Sequence[Rect], jobs: Sequence[tuple[int, CellConfig]],
               psm: int, digits: bool) -> list[tuple[int, CellReading]]:
    """Each job (a box by its index, a configuration with segmentation mode ``psm``) cut
    out and read in one run of tesseract: the readings, by box index, in job order."""
    cut = [_cell_image(page, boxes[i], config) for i, config in jobs]
    tiff = io.BytesIO()
    cut[0][0].save(tiff, format="TIFF", save_all=True, append_images=[c[0] for c in cut[1:]])
    scales = sorted(config.scale for _i, config in jobs)
    dpi = round(page.dpi * scales[len(scales) // 2])
    tsv = run_tesseract(tiff.getvalue(), _arguments(psm, dpi, digits))
    out = []
    for number, words in sorted(_words_by_image(tsv).items()):
        if 1 <= number <= len(jobs):
            i, config = jobs[number - 1]
            _image, pixels, pad = cut[number - 1]
            out.append((i, _reading(words, pixels, pad, config, POINTS_PER_INCH / page.dpi)))
    return out


def _arguments(psm: int, dpi: int, digits: bool) -> list[str]:
    """Tesseract's arguments for cells: digits only (no dictionary) unless read as words."""
    only_digits = ["-c", f"tessedit_char_whitelist={_DIGITS}",
                   "-c", "load_system_dawg=0", "-c", "load_freq_dawg=0"]
    return ["--psm", str(psm), "--dpi", str(dpi), *(only_digits if digits else [])]


def _words_by_image(tsv: str) -> dict[int, list[TsvWord]]:
    """The words of a multi-page image's TSV, by image (1-based)."""
    found: dict[int, list[TsvWord]] = {}
    for word in tsv_words(tsv):
        found.setdefault(word.page, []).append(word)
    return found
