"""Glyphs -> lines of words, the second stage: ``page`` joins glyphs into words and words
into lines, by the tolerances in ``tolerances`` (each with its unit and reason)."""
