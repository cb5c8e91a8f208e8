"""Wiring: config, bib file reading, the domain, the styles and the transforms.

sphinxcontrib-bibtex is set up first and then specialised in four places, each
through a public Sphinx mechanism rather than by patching its code:

- the ``cite`` domain is replaced by a subclass (``add_domain(override=True)``)
  that formats through cvbib;
- the bib files are read by cvbib's lenient reader in a ``builder-inited``
  handler that runs *before* sphinxcontrib-bibtex's; the result carries the
  files' modification times, so sphinxcontrib-bibtex finds its cache up to date
  and never parses them with pybtex's strict parser;
- the ``bibliography`` directive and the ``cite`` roles are replaced by
  subclasses (``add_directive`` / ``add_role_to_domain`` with ``override=True``)
  that explain a key they cannot find, and a malformed citation, with one
  typed warning instead of a bare message or a traceback;
- post-transforms add the legend, unlink unsafe URLs, add each entry's badges,
  links and toggles from its publication model (:mod:`cvbib.render.entries`), and
  sort and group lists that ask for it (:mod:`cvbib.render.listing`);
- ``html-collect-pages`` writes a page per publication with Google Scholar's
  tags (:mod:`cvbib.render.pages`), under the names :mod:`cvbib.render.published` decides
  on ``env-updated``, which also decides which files are published;
- the LaTeX output's ``latexmkrc`` is hardened (:mod:`cvbib.render.latexmkrc`): no
  shell escape, no file read or written outside the build folder.

Everything here may run more than once in one process (sphinx-autobuild, many
test apps): registration is idempotent and no module-level state is kept
between applications.
"""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime, is_bibdata_outdated
from sphinxcontrib.bibtex.citation_target import CitationTarget, parse_citation_targets
from sphinxcontrib.bibtex.directives import BibliographyDirective
from sphinxcontrib.bibtex.roles import CiteRole

from .bib.read import BibProblem, read_bibfiles
from .config import setup_config
from .domain import CvBibtexDomain
from .render.entries import setup_entry_nodes
from .render.latexmkrc import setup_latexmkrc
from .render.legend import LegendTransform, SafeLinksTransform
from .render.listing import (
    OPTION_SPEC,
    ListingTransform,
    PublistTransform,
    publist_reference,
    publist_role,
    selected_filter,
    wrap,
)
from .render.math import setup_math
from .render.pages import setup_pages
from .render.published import setup_published
from .style.cv import register_styles

logger = logging.getLogger(__name__)


def _warn_problem(problem: BibProblem) -> None:
    """Report one reading problem at ``file:line``.

    A problem without a line (a missing file) puts the path in the message
    instead: a location without a colon would be taken for a document name.
    """
    if problem.line is None:
        logger.warning(
            "%s: %s", problem.path, problem.message, type="cvbib", subtype=problem.subtype
        )
        return
    logger.warning(
        "%s",
        problem.message,
        location=f"{problem.path}:{problem.line}",
        type="cvbib",
        subtype=problem.subtype,
    )


def read_bib_files(app: Sphinx) -> None:
    """Read ``bibtex_bibfiles`` leniently, before sphinxcontrib-bibtex looks at them."""
    domain = cast(CvBibtexDomain, app.env.get_domain("cite"))
    encoding = app.config.bibtex_encoding  # validated on config-inited
    paths = [(Path(app.confdir) / name).resolve() for name in app.config.bibtex_bibfiles]
    if not is_bibdata_outdated(domain.bibdata, paths, encoding):
        return
    data, files, problems = read_bibfiles(paths, encoding)
    for problem in problems:
        _warn_problem(problem)
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


def unknown_key_message(key: str, known: Sequence[str], bibfiles: Sequence[str]) -> str:
    """Say that *key* is in no bib file, suggest a close key, and say what to do."""
    by_lower = {k.lower(): k for k in known}
    close = difflib.get_close_matches(key.lower(), list(by_lower), n=1, cutoff=0.75)
    hint = f" (did you mean '{by_lower[close[0]]}'?)" if close else ""
    files = ", ".join(bibfiles) or "no file"
    return (
        f"citation key '{key}' is in none of the bibliography files ({files}){hint}; "
        "it was left out: correct the key, or add its entry to a file in bibtex_bibfiles"
    )


class CvBibliographyDirective(BibliographyDirective):
    """``bibliography`` with a clear, typed warning for a listed key it cannot find.

    The keys in the directive's content are checked against the entries read
    before sphinxcontrib-bibtex sees them; an unknown one is warned about as
    ``cvbib.key_not_found`` (with the closest existing key) and removed, so it
    is reported once instead of as a bare "could not find bibtex key".
    """

    option_spec = {**BibliographyDirective.option_spec, **OPTION_SPEC}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        domain = cast(CvBibtexDomain, self.env.get_domain("cite"))
        selected_filter(self.options)
        # Exact keys, as sphinxcontrib-bibtex compares them (pybtex's dict ignores case).
        known = list(domain.bibdata.data.entries.keys())
        known_set = set(known)
        kept = []
        for index, line in enumerate(self.content.data):
            key = line.strip()
            if key and key not in known_set:
                logger.warning(
                    unknown_key_message(key, known, self.config.bibtex_bibfiles),
                    location=(self.env.docname, self.lineno),
                    type="cvbib",
                    subtype="key_not_found",
                )
            elif key:
                kept.append(index)
        self.content.data = [self.content.data[i] for i in kept]
        self.content.items = [self.content.items[i] for i in kept]
        return wrap(list(super().run()), self.options)


def _is_known(key: str, entries: set[str]) -> bool:
    """Whether *key* is an entry's key, possibly behind a bibliography's ``:keyprefix:``.

    The prefixes are only known once every document is read, so any key that
    ends with an entry's key counts as known: a missed warning is better than a
    false one (sphinxcontrib-bibtex still reports the rest when resolving).
    """
    return key in entries or any(key[i:] in entries for i in range(1, len(key)))


def _target_text(target: CitationTarget) -> str:
    """A citation target written back in the role's syntax: ``{pre}key{post}``."""
    pre = f"{{{target.pre}}}" if target.pre else ""
    post = f"{{{target.post}}}" if target.post else ""
    return f"{pre}{target.key}{post}"


class CvCiteRole(CiteRole):
    """``:cite:p:`` and friends, with malformed targets and unknown keys explained.

    sphinxcontrib-bibtex raises ``ValueError`` (a traceback that ends the build)
    for a malformed target such as ``{pre key``, and renders an unknown key as
    an empty ``[]`` with a warning that does not say what to do. Here a
    malformed citation is shown as its source text (``cvbib.bad_citation``), and
    an unknown key is warned about (``cvbib.key_not_found``, with the closest
    existing key), dropped from the citation and shown as ``[key]``.
    """

    def result_nodes(
        self,
        document: nodes.document,
        env: BuildEnvironment,
        node: nodes.Element,
        is_ref: bool,
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        try:
            targets = list(parse_citation_targets(self.target))
        except ValueError:
            logger.warning(
                "malformed citation %s: it is shown as written: write the keys separated "
                "by commas, with optional {pre-text} and {post-text} in balanced braces, "
                "as in :cite:p:`{see}key1,key2{p. 3}`",
                self.rawtext,
                location=node,
                type="cvbib",
                subtype="bad_citation",
            )
            return [nodes.literal(self.rawtext, self.rawtext)], []
        domain = cast(CvBibtexDomain, env.get_domain("cite"))
        entries = set(domain.bibdata.data.entries.keys())
        known = [target for target in targets if _is_known(target.key, entries)]
        unknown = [target.key for target in targets if not _is_known(target.key, entries)]
        for key in unknown:
            logger.warning(
                unknown_key_message(key, sorted(entries), env.config.bibtex_bibfiles),
                location=node,
                type="cvbib",
                subtype="key_not_found",
            )
        if unknown:
            # Re-read this document when a bib file changes: the key may be added.
            for path in domain.bibdata.bibfiles:
                env.note_dependency(str(path))
        if not known:
            text = "[" + ", ".join(unknown) + "]"
            return [nodes.inline(text, text, classes=["cvbib-unknown-citation"])], []
        if unknown:
            self.target = ",".join(_target_text(target) for target in known)
            node["reftarget"] = self.target
        return super().result_nodes(document, env, cast(pending_xref, node), is_ref)


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("sphinxcontrib.bibtex")
    register_styles()
    setup_config(app)
    app.add_domain(CvBibtexDomain, override=True)
    app.add_directive("bibliography", CvBibliographyDirective, override=True)
    for name in CvBibtexDomain.roles:
        app.add_role_to_domain("cite", name, CvCiteRole(), override=True)
    app.connect("builder-inited", read_bib_files, priority=400)
    app.add_post_transform(LegendTransform)
    app.add_post_transform(SafeLinksTransform)
    setup_entry_nodes(app)
    setup_published(app)
    app.add_post_transform(ListingTransform)
    app.add_node(publist_reference)
    app.add_role("publist", publist_role)
    app.add_post_transform(PublistTransform)
    setup_pages(app)
    setup_math(app)
    setup_latexmkrc(app)
    app.setup_extension("sphinx_copybutton")
    app.connect("builder-inited", add_static_files)
    app.connect("build-finished", copy_static_files)


#: The web page's own CSS and JavaScript for publication lists.
STATIC_DIR = Path(__file__).parent / "static"


def add_static_files(app: Sphinx) -> None:
    """Link cvbib's CSS and JavaScript from HTML pages (nothing for other builders)."""
    if app.builder.format != "html":
        return
    app.add_css_file("cvbib.css")
    app.add_js_file("cvbib.js", loading_method="defer")


def copy_static_files(app: Sphinx, exception: BaseException | None) -> None:
    """Copy cvbib's CSS and JavaScript into the HTML output's ``_static``.

    Copied after the build rather than added to ``html_static_path``: a config
    value changed at run time would differ from ``conf.py`` on the next build
    and make Sphinx read every document again.
    """
    if exception is not None or app.builder.format != "html":
        return
    target_dir = Path(app.outdir) / "_static"
    target_dir.mkdir(parents=True, exist_ok=True)
    for name in ("cvbib.css", "cvbib.js"):
        source, target = STATIC_DIR / name, target_dir / name
        # Copied again whenever it changed (an edit under `make livehtml`).
        if not target.is_file() or target.read_bytes() != source.read_bytes():
            shutil.copyfile(source, target)
