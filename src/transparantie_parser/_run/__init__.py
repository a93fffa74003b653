"""Batch and command-line support: ``inputs`` (files, folders, archives, stdin), ``spool``
(reports kept on disk until the end), ``progress`` and ``terminal`` (what a person sees),
``atomic`` (outputs written whole or not at all)."""
