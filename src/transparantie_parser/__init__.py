"""transparantie-parser: exact, validated records from UWV's quarterly publication
"Transparantie van klantprofielen" (PDF or text).

>>> import transparantie_parser as tp
>>> reports = tp.parse_pdf("fixtures/pdf/a-seed-like.pdf")  # doctest: +SKIP
>>> reports[0].quarter, reports[0].total.total  # doctest: +SKIP
(Quarter(year=2020, number=4), 5026)
"""

from typing import TYPE_CHECKING

from ._extras import MissingExtraError
from ._version import __version__
from .api import Engine, parse_pdf, parse_text
from .errors import (
    MalformedTableError,
    NoTableError,
    PagesNotReadWarning,
    PartlyReadError,
    TableFailure,
    TableLeftOutWarning,
    TransparantieError,
    UnreadablePdfError,
    ValidationFailedError,
)
from .records import (
    MunicipalityRow,
    Quarter,
    RegionReport,
    RegisterFootnote,
    TotalRow,
    ValidationIssue,
)
from .validation import validate

if TYPE_CHECKING:
    from .frames import Frames, read_archive, to_frames
    from .panels import panel

# Imported on first use (PEP 562): the frames need pandas, an extra, and their module is
# not needed to read a PDF, nor is the panel; a command-line start-up stays light.
_LAZY = {"Frames": "frames", "read_archive": "frames", "to_frames": "frames",
         "panel": "panels"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    # what tab completion offers: the public names, those imported on first use included,
    # and the module's own dunders; not the helpers of this file (TYPE_CHECKING)
    return sorted({*__all__, *(name for name in globals() if name.startswith("__"))})

__all__ = [
    "Engine",
    "Frames",
    "MalformedTableError",
    "MissingExtraError",
    "MunicipalityRow",
    "NoTableError",
    "PagesNotReadWarning",
    "PartlyReadError",
    "Quarter",
    "RegionReport",
    "RegisterFootnote",
    "TableFailure",
    "TableLeftOutWarning",
    "TotalRow",
    "TransparantieError",
    "UnreadablePdfError",
    "ValidationFailedError",
    "ValidationIssue",
    "__version__",
    "panel",
    "parse_pdf",
    "parse_text",
    "read_archive",
    "to_frames",
    "validate",
]
