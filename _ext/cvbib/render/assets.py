"""cvbib's own CSS and JavaScript on the web page, and only there.

The stylesheet (badges, link buttons, toggles, math, small capitals) and the
script (the filter box, revealing hidden authors) are linked from HTML pages
only: other builders get nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder

__all__ = ["STATIC_DIR", "setup_assets"]

#: The web page's own CSS and JavaScript for publication lists.
STATIC_DIR = Path(__file__).parent.parent / "static"


def add_static_files(app: Sphinx) -> None:
    """Link cvbib's CSS and JavaScript from HTML pages (nothing for other builders)."""
    if app.builder.format != "html":
        return
    app.add_css_file("cvbib.css")
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
