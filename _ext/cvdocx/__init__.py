"""The CV as a Word file: ``make docx`` (a Sphinx builder on python-docx).

- :mod:`.builder`: the ``docx`` builder, one file from the root document;
- :mod:`.writer`: the visitor that turns the doctree into Word's structures;
- :mod:`.document`: page, styles, document properties, footer, OOXML helpers.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .builder import DocxBuilder, docx_name

__all__ = ["DocxBuilder", "docx_name"]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(DocxBuilder)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
