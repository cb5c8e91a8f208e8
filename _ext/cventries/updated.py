""" "Last updated: …" on the web page and in the PDF.

The date is, in this order: ``SOURCE_DATE_EPOCH`` when set (reproducible
builds; Read the Docs sets it to the commit's time), else the date of the
last commit that touched the CV's content (``conf.py``, ``index.md``,
``sections/``, the ``.bib`` files) when the project is a git checkout, else
today. It is written when a page is written (``doctree-resolved``), never
cached in a doctree, at the end of the root document, or where the owner puts
``{cv-last-updated}``. Its format is ``cv_last_updated_format`` (a CLDR
skeleton, the CV's date locale).
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .formatting import DateFormatter, locale_of
from .render import cv_updated
from .settings import get_settings

__all__ = ["last_updated", "setup_updated"]

#: What counts as the CV's content for the commit date (paths relative to the source).
CONTENT = ("conf.py", "index.md", "publications.md", "sections", "refs.bib")


def last_updated(srcdir: Path, environ: dict[str, str] | os._Environ[str]) -> datetime.date:
    """The date the CV says it was last updated (see the module docstring)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    paths = [
        p for p in (*CONTENT, *(b.name for b in srcdir.glob("*.bib"))) if (srcdir / p).exists()
    ]
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", *dict.fromkeys(paths)],
            cwd=srcdir,
            capture_output=True,
            text=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        result = None
    if result is not None and result.returncode == 0 and result.stdout.strip().isdigit():
        return datetime.datetime.fromtimestamp(int(result.stdout.strip()), datetime.UTC).date()
    return datetime.date.today()


class LastUpdatedDirective(SphinxDirective):
    """``{cv-last-updated}``: where the date goes (by default, the end of the CV)."""

    def run(self) -> list[nodes.Node]:
        return [cv_updated("", "", classes=["cv-updated"])]


def fill(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    settings = get_settings(app.config)
    placed = list(doctree.findall(cv_updated))
    if not settings.last_updated:
        for node in placed:
            node.parent.remove(node)
        return
    if docname != app.config.root_doc and not placed:
        return
    day = getattr(app.env, "_cv_last_updated", None)
    if day is None:
        day = last_updated(Path(app.srcdir), os.environ)
        app.env._cv_last_updated = day  # type: ignore[attr-defined]
    text = DateFormatter(settings, locale_of(settings, app.config.language)).updated(day)
    if not placed:
        node = cv_updated("", "", classes=["cv-updated"])
        sections = [s for s in doctree.children if isinstance(s, nodes.section)]
        (sections[0] if sections else doctree).append(node)
        placed = [node]
    links = app.builder.format == "html" and settings.data_exports
    for node in placed:
        node.children = []
        node += nodes.Text(text)
        node["datetime"] = day.isoformat()
        if links and docname == app.config.root_doc:
            for title, target in (
                ("JSON Resume", "resume.json"),
                ("CSL-JSON", "publications.json"),
            ):
                node += nodes.Text(" \N{MIDDLE DOT} ")
                node += nodes.reference("", title, refuri=target, classes=["cv-data-link"])


def _forget(app: Sphinx, *args: Any) -> None:
    if hasattr(app.env, "_cv_last_updated"):
        del app.env._cv_last_updated


def setup_updated(app: Sphinx) -> None:
    app.add_directive("cv-last-updated", LastUpdatedDirective)
    app.connect("builder-inited", _forget)
    app.connect("doctree-resolved", fill)
