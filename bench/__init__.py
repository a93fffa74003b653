"""Benchmark of transparantie-parser against its own targets; run with ``make bench``
(``python -m bench`` from the repository root).

Measures, in one run (so that every ratio compares numbers taken minutes apart on the same
machine), one module per measurement:

1. ``per_page``: ``parse_pdf`` (default engine) vs pdfplumber's own ``page.extract_words()``,
   per page; 2. ``parse_pdf(engine="pdfium")`` vs the default engine, and vs
   ``pdftotext -layout``;
3. ``jobs``: ``convert --jobs 1`` vs ``--jobs 2`` end to end on 200+ pages (and that the CSVs
   match);
4. ``memory``: peak RSS of ``convert`` (process tree and parent alone) on 50 and on 1,000
   files.

``report`` collects the Markdown report, ``machine`` says what the machine is and what else
ran on it, ``inputs`` finds and copies the fixture PDFs. ``__main__`` prints the report and
writes it to ``bench/last-run.md``; it exits 0 whatever the targets say (it is a report), and
non-zero only when something crashed.
"""
