"""A PDF's bytes -> positioned glyphs, the first stage of reading a page.

- ``source``: the file's limits (size, pages) and whether bytes are a PDF or text;
- ``engine``: the engine registry (PDFium, the default, or pdfplumber), loaded when chosen;
- ``boundary``: the one place a library's own errors become ours;
- ``glyphs``: what an engine hands on: glyphs with their boxes, page by page;
- ``pdfium`` and ``pdfplumber``: the two engines;
- ``tagged``: a tagged PDF's structure tree (PDFium), read beside the glyphs as a witness.
"""
