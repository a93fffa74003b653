"""transparantie-parser: exact, validated records from UWV's quarterly publication
"Transparantie van klantprofielen" (PDF or text).

>>> import transparantie_parser as tp
>>> reports = tp.parse_pdf("fixtures/pdf/a-seed-like.pdf")  # doctest: +SKIP
>>> reports[0].quarter, reports[0].total.total  # doctest: +SKIP
(Quarter(year=2020, number=4), 5026)
"""

from ._extras import MissingExtraError
from ._version import __version__
from .api import Engine, parse_pdf, parse_text
from .errors import (
    MalformedTableError,
    NoTableError,
    TransparantieError,
    UnreadablePdfError,
    ValidationFailedError,
)
from .frames import Frames, read_archive, to_frames  # pandas only when called (extra)
from .records import (
    MunicipalityRow,
    Quarter,
    RegionReport,
    RegisterFootnote,
    TotalRow,
    ValidationIssue,
)
from .validation import validate

__all__ = [
    "Engine",
    "Frames",
    "MalformedTableError",
    "MissingExtraError",
    "MunicipalityRow",
    "NoTableError",
    "Quarter",
    "RegionReport",
    "RegisterFootnote",
    "TotalRow",
    "TransparantieError",
    "UnreadablePdfError",
    "ValidationFailedError",
    "ValidationIssue",
    "__version__",
    "parse_pdf",
    "parse_text",
    "read_archive",
    "to_frames",
    "validate",
]
