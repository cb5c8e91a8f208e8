"""Wiring of cventries: options, directives, nodes, transforms, exports, the date line.

- options ``cv_date_*``, ``cv_entry_order``, ``cv_last_updated*``,
  ``cv_data_exports``, ``cv_student_mark`` (:mod:`.config`);
- one directive per kind of entry and ``{cv-entry}`` (:mod:`.directives`),
  ``{cv-order}`` and the transforms (:mod:`.transforms`);
- the nodes and their visitors (:mod:`.render`), the stylesheet on HTML pages;
- the entries kept per document (:mod:`.domain`), answered to cvbib's
  ``cvbib-marked-people`` event (students' names get ``cv_student_mark``'s
  mark in every author list);
- "Last updated" (:mod:`.updated`) and the data files (:mod:`.exports`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import cast

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from cvbib.i18n import register_catalog

from .config import setup_config
from .directives import setup_directives
from .domain import EntriesDomain
from .exports import setup_exports
from .formatting import CATALOG, LOCALE_DIR
from .render import setup_visitors
from .settings import get_settings
from .transforms import setup_transforms
from .updated import setup_updated

__all__ = ["setup_extension"]

STATIC = Path(__file__).parent / "static"
CSS = "cventries.css"


def students(app: Sphinx, env: BuildEnvironment) -> dict[str, list[str]]:
    """The names of the student entries, for cvbib's marks (``cvbib-marked-people``)."""
    keyword = get_settings(app.config).student_mark
    if not keyword:
        return {}
    domain = cast(EntriesDomain, env.get_domain("cventries"))
    names = [e.get("name") for e in domain.entries() if e.type == "student" and e.get("name")]
    return {keyword: names} if names else {}


STY = "cventries.sty"


def add_assets(app: Sphinx) -> None:
    """The stylesheet on HTML pages; the LaTeX package next to the ``.tex`` file."""
    if app.builder.format == "html":
        app.add_css_file(CSS)
    elif app.builder.format == "latex":
        app.add_latex_package("cventries")
        Path(app.outdir).mkdir(parents=True, exist_ok=True)
        _copy(STATIC / STY, Path(app.outdir) / STY)


def _copy(source: Path, target: Path) -> None:
    if not target.is_file() or target.read_bytes() != source.read_bytes():
        shutil.copyfile(source, target)


def copy_css(app: Sphinx, exception: BaseException | None) -> None:
    """Copied after the build, as cvbib's files are (a changed ``html_static_path``
    would make Sphinx read every document again)."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / CSS
    target.parent.mkdir(parents=True, exist_ok=True)
    _copy(STATIC / CSS, target)


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("cvbib")  # the math node, the marks, the publication models
    register_catalog(app, CATALOG, LOCALE_DIR)
    setup_config(app)
    app.add_domain(EntriesDomain)
    setup_visitors(app)
    setup_directives(app)
    setup_transforms(app)
    setup_updated(app)
    setup_exports(app)
    app.connect("cvbib-marked-people", students)
    app.connect("builder-inited", add_assets)
    app.connect("build-finished", copy_css)
