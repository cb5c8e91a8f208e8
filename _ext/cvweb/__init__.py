"""cvweb: the CV as a web page that search engines, link previews and printers read well.

Everything here is HTML-only and reads the CV's own data (``conf.py`` and the
sections' doctree); nothing is typed twice. See :mod:`cvweb.extension` for the
list of what it adds, and :mod:`cvweb.head` for the helpers other code calls
to put metadata into a page's ``<head>``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from cvweb.extension import setup_extension


def setup(app: Sphinx) -> dict[str, Any]:
    setup_extension(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
