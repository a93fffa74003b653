"""The version of transparantie-parser (pyproject.toml reads it from here)."""

__version__ = "0.1.0"
