"""cvbib's own CSS and JavaScript on the web page, and only there.

The stylesheet (badges, link buttons, toggles, math, small capitals) and the
script (the filter box, revealing hidden authors) are linked from HTML pages
only: other builders get nothing.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder

from ..i18n import N_, _
from .headtags import json_for_script

__all__ = ["SCRIPT_WORDS", "STATIC_DIR", "script_words", "setup_assets"]

#: The web page's own CSS and JavaScript for publication lists.
STATIC_DIR = Path(__file__).parent.parent / "static"


#: The words cvbib.js writes into the page, by the name the script reads them under.
SCRIPT_WORDS: dict[str, str] = {
    "filterLabel": N_("Filter publications"),
    "filterPlaceholder": N_("Title, author, venue or year"),
    "filterStatus": N_("{shown} of {total} shown"),
}


def script_words() -> dict[str, str]:
    """:data:`SCRIPT_WORDS` in the build's language: only those the catalog translates."""
    return {key: _(text) for key, text in SCRIPT_WORDS.items() if _(text) != text}


def add_static_files(app: Sphinx) -> None:
    """Link cvbib's CSS and JavaScript from HTML pages (nothing for other builders).

    The script's own words are English; in a translated build, the translated
    ones are given to it in a small inline script before it (JSON, escaped for
    a ``<script>`` by the one head writer), so no page needs a second request.
    """
    if app.builder.format != "html":
        return
    app.add_css_file("cvbib.css")
    words = script_words()
    if words:
        text = json_for_script(json.dumps(words, ensure_ascii=False, sort_keys=True))
        app.add_js_file(None, body=f"window.cvbibWords = {text};")
    app.add_js_file("cvbib.js", loading_method="defer")


def copy_static_files(app: Sphinx, builder: Builder) -> None:
    """Copy cvbib's CSS and JavaScript into the HTML output's ``_static``.

    Copied by cvbib rather than added to ``html_static_path``: a config value
    changed at run time would differ from ``conf.py`` on the next build and make
    Sphinx read every document again. Copied when writing starts, before any
    page is written: Sphinx links each file with a checksum of its content
    (``cvbib.css?v=...``, so that a browser fetches an edited file again), and
    finds none for a file not yet there.
    """
    if builder.format != "html":
        return
    target_dir = Path(app.outdir) / "_static"
    target_dir.mkdir(parents=True, exist_ok=True)
    for name in ("cvbib.css", "cvbib.js"):
        source, target = STATIC_DIR / name, target_dir / name
        # Copied again whenever it changed (an edit under `make livehtml`).
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)


def setup_assets(app: Sphinx) -> None:
    app.setup_extension("sphinx_copybutton")
    app.connect("builder-inited", add_static_files)
    app.connect("write-started", copy_static_files)
