"""Scanned pages: the OCR path beside the PDF engines, loaded only when a page asks for it.

- ``pages``: which pages need OCR and the order of the work (no tesseract needed to decide);
- ``tesseract``: the tesseract program: page images, words as glyphs, cells read again;
- ``cells`` and ``footnote``: each figure cell and the footnote's figures checked by a
  second look;
- ``repair``: after assembly, doubtful figures settled by the table's own sums.
"""
