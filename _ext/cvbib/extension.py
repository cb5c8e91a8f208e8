"""Wiring: config, bib file reading, the domain, the styles and the transforms.

sphinxcontrib-bibtex is set up first and then specialised in three places, each
through a public Sphinx mechanism rather than by patching its code:

- the ``cite`` domain is replaced by a subclass (``add_domain(override=True)``)
  that formats through cvbib;
- the bib files are read by cvbib's lenient reader in a ``builder-inited``
  handler that runs *before* sphinxcontrib-bibtex's; the result carries the
  files' modification times, so sphinxcontrib-bibtex finds its cache up to date
  and never parses them with pybtex's strict parser;
- two post-transforms add the legend and unlink unsafe URLs.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime, is_bibdata_outdated

from .bibfile import read_bibfiles
from .config import get_config, setup_config
from .domain import CvBibtexDomain
from .legend import LegendTransform, SafeLinksTransform
from .marks import matcher_for
from .names import InvalidName, OwnerMatcher
from .styles import register_styles

logger = logging.getLogger(__name__)


def check_owner(app: Sphinx, config: Config) -> None:
    """Say clearly, once, when the owner's name cannot be used."""
    options = get_config(config)
    if not options.owner.strip():
        logger.warning(
            "conf.py: cv_owner is not set, so no name will be bold: "
            "set cv_owner = 'First Last' to the CV owner's name",
            type="cvbib",
            subtype="config",
        )
        return
    try:
        OwnerMatcher(options.owner, options.owner_aliases, match_initials=options.match_initials)
    except InvalidName as exc:
        logger.warning(
            "conf.py: %s; no name will be bold until it is fixed",
            exc,
            type="cvbib",
            subtype="config",
        )
    else:
        assert matcher_for(options) is not None


def read_bib_files(app: Sphinx) -> None:
    """Read ``bibtex_bibfiles`` leniently, before sphinxcontrib-bibtex looks at them."""
    if app.config.bibtex_bibfiles is None:
        return  # sphinxcontrib-bibtex reports the missing setting itself
    domain = cast(CvBibtexDomain, app.env.get_domain("cite"))
    encoding = app.config.bibtex_encoding
    paths = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    if not is_bibdata_outdated(domain.bibdata, paths, encoding):
        return
    data, files, problems = read_bibfiles(paths, encoding)
    for problem in problems:
        location = f"{problem.path}:{problem.line or '?'}"
        logger.warning(
            "%s", problem.message, location=location, type="cvbib", subtype=problem.subtype
        )
    domain.data["bibdata"] = BibData(
        encoding=encoding,
        bibfiles={
            f.path: BibFile(mtime=get_mtime(f.path), keys=dict.fromkeys(f.keys)) for f in files
        },
        data=data,
    )
    domain.data["cvbib_locations"] = {
        key: (f.path, f.lines.get(key)) for f in files for key in f.keys
    }
    logger.info("cvbib: read %d entries from %d bib file(s)", len(data.entries), len(files))


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.bibtex")
    register_styles()
    setup_config(app)
    app.connect("config-inited", check_owner, priority=450)
    app.add_domain(CvBibtexDomain, override=True)
    app.connect("builder-inited", read_bib_files, priority=400)
    app.add_post_transform(LegendTransform)
    app.add_post_transform(SafeLinksTransform)
