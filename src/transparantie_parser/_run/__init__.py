"""Batch and command-line support: ``inputs`` (files, folders, archives, stdin), ``options``
(how each file is read), ``text`` (text input decoded), ``reading`` (one file read, failures
as outcomes), ``pool`` (the worker processes; ``forked`` starts them where the system
forks), ``order`` (outcomes handed out in input order), ``spool`` (reports kept on disk
until the end), ``progress`` and ``terminal`` (what a person sees), ``atomic`` (outputs
written whole or not at all)."""
