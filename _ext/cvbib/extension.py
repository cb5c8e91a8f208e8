"""Wiring: config, bib file reading, the domain, the styles and the transforms.

sphinxcontrib-bibtex is set up first and then specialised, each time through
a public Sphinx mechanism rather than by patching its code (what cvbib uses of
it is listed in :mod:`cvbib.upstream.sphinxcontrib_bibtex`):

- the ``cite`` domain is replaced by a subclass (``add_domain(override=True)``)
  that formats through cvbib (:mod:`cvbib.domain`);
- the bib files are read by cvbib's lenient reader in a ``builder-inited``
  handler that runs *before* sphinxcontrib-bibtex's; the result carries the
  files' modification times, so sphinxcontrib-bibtex finds its cache up to date
  and never parses them with pybtex's strict parser;
- the ``bibliography`` directive and the ``cite`` roles are replaced by
  subclasses that explain a key they cannot find (:mod:`cvbib.directives`);
- post-transforms add the legend, unlink unsafe URLs, add each entry's badges,
  links and toggles from its publication model (:mod:`cvbib.render.entries`),
  and sort and group lists that ask for it (:mod:`cvbib.render.listing`), at
  priorities named after sphinxcontrib-bibtex's (:mod:`cvbib.render.priorities`);
- ``html-collect-pages`` writes a page per publication with Google Scholar's
  tags (:mod:`cvbib.render.pages`), under the names
  :mod:`cvbib.render.published` decides on ``env-updated``, which also decides
  which files are published;
- every label cvbib writes is translated through its message catalog
  (``locale/<lang>/LC_MESSAGES/cvbib.po``, :mod:`cvbib.i18n`);
- the LaTeX output's ``latexmkrc`` is hardened (:mod:`cvbib.render.latexmkrc`):
  no shell escape, no file read or written outside the build folder, and a
  missing glyph fails the PDF.

Everything here may run more than once in one process (sphinx-autobuild, many
test apps): registration is idempotent and no module-level state is kept
between applications.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from sphinx.application import Sphinx
from sphinx.util import logging

from .bib import read_bibfiles
from .config import setup_config
from .directives import CvBibliographyDirective, CvCiteRole
from .domain import MARKED_PEOPLE_EVENT, CvBibtexDomain
from .i18n import CATALOG, LOCALE_DIR, register_catalog
from .render import setup_render
from .style import collector_paused, register_styles
from .upstream.sphinxcontrib_bibtex import (
    READ_BEFORE_PRIORITY,
    is_bibdata_outdated,
    store_bibdata,
)
from .warnings import warn_problem

logger = logging.getLogger(__name__)


def read_bib_files(app: Sphinx) -> None:
    """Read ``bibtex_bibfiles`` leniently, before sphinxcontrib-bibtex looks at them."""
    domain = cast(CvBibtexDomain, app.env.get_domain("cite"))
    encoding = app.config.bibtex_encoding  # validated on config-inited
    paths = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    if not is_bibdata_outdated(domain.bibdata, paths, encoding):
        return
    with collector_paused():  # what is read is kept: a collection would only walk it
        data, files, problems = read_bibfiles(paths, encoding)
    for problem in problems:
        warn_problem(problem)
    store_bibdata(domain, [(f.path, f.keys) for f in files], encoding, data)
    domain.data["cvbib_locations"] = {
        key: (f.path, f.lines.get(key)) for f in files for key in f.keys
    }
    logger.info("cvbib: read %d entries from %d bib file(s)", len(data.entries), len(files))


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.bibtex")
    register_styles()
    register_catalog(app, CATALOG, LOCALE_DIR)
    setup_config(app)
    app.add_domain(CvBibtexDomain, override=True)
    app.add_event(MARKED_PEOPLE_EVENT)
    app.add_directive("bibliography", CvBibliographyDirective, override=True)
    for name in CvBibtexDomain.roles:
        app.add_role_to_domain("cite", name, CvCiteRole(), override=True)
    app.connect("builder-inited", read_bib_files, priority=READ_BEFORE_PRIORITY)
    app.connect("build-finished", end_build)
    setup_render(app)


def end_build(app: Sphinx, exception: BaseException | None) -> None:
    """Whatever the build's outcome, leave the process as the build found it."""
    cast(CvBibtexDomain, app.env.get_domain("cite")).end_build()
