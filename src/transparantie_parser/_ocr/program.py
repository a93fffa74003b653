"""The ``tesseract`` program: whether it and its Dutch language data are installed, and
running it on an image given as bytes (its TSV output back).

The only module that starts tesseract. It is called as a program, not through a Python
binding: the TSV output holds every word box and confidence we use, the image goes in on
standard input (no temporary files), and the extra needs no Python package beyond Pillow and
pypdfium2, which pdfplumber already brings. A missing program or missing Dutch language data
raises :class:`~..errors.UnreadablePdfError` with code ``ocr_unavailable``, naming the Debian
packages.
"""

from __future__ import annotations

import functools
import io
import os
import shutil
import subprocess
from collections.abc import Sequence

from PIL import Image

from ..errors import UnreadablePdfError

__all__ = ["DEBIAN_PACKAGES", "LANGUAGES", "check_tesseract", "install_hint", "pgm",
           "run_tesseract", "tesseract_available", "tesseract_problem", "tesseract_version"]

#: Dutch for the names and the heading; figures and the footnote read the same in any language.
LANGUAGES = "nld"
DEBIAN_PACKAGES = "tesseract-ocr tesseract-ocr-nld"
# Tesseract runs one thread per page: the batch already runs one worker process per core,
# and OpenMP threads on top of that cost CPU time without saving wall time (measured: 4.3 s
# of CPU for a page with the default threads, 1.5 s with one).
_ENVIRONMENT = {"OMP_THREAD_LIMIT": "1"}
# One tesseract call reads a page in a few seconds; a call that takes this long (seconds)
# is stuck, and the page is reported unreadable rather than waited for.
_TESSERACT_TIMEOUT = 300.0


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


def run_tesseract(image_data: bytes, args: Sequence[str]) -> str:
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


def pgm(image: Image.Image) -> bytes:
    """Grey image -> binary PGM, the cheapest format to write and for tesseract to read."""
    out = io.BytesIO()
    image.save(out, format="PPM")
    return out.getvalue()

