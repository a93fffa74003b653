"""Optional dependencies, imported only when an output needs them: the core library never
imports pandas or XlsxWriter, and a missing one is named with the extra that installs it."""

from __future__ import annotations

import importlib
from types import ModuleType

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(ImportError):
    """An optional dependency is not installed; the message says which extra brings it."""


def require(module: str, *, package: str, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtraError` naming ``extra``."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise MissingExtraError(
            f"{purpose} needs {package}, which is not installed: "
            f"pip install 'transparantie-parser[{extra}]'", name=module) from err
