"""Optional dependencies, imported only when an output needs them: the core library never
imports pandas or XlsxWriter, and a missing one is named with the extra that installs it."""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

__all__ = ["MissingExtraError", "require"]


class MissingExtraError(ImportError):
    """An optional dependency is not installed; the message says which extra brings it."""


def require(module: str, *, package: str, extra: str, purpose: str) -> ModuleType:
    """Import ``module`` or raise :class:`MissingExtraError` naming ``extra``, and the
    command that installs the package into the environment running this (the project is
    installed from its folder, not from a package index)."""
    try:
        return importlib.import_module(module)
    except ImportError as err:
        raise MissingExtraError(
            f"{purpose} needs {package}, which is not installed: add the '{extra}' extra "
            f"(pip install -e '.[{extra}]' in the project folder) or install it alone "
            f"({sys.executable} -m pip install {package})", name=module) from err
