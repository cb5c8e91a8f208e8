"""The ``bibliography`` directive and the ``cite`` roles, with their mistakes explained.

sphinxcontrib-bibtex's own directive and roles, subclassed (and registered with
``override=True``) so that a key they cannot find, or a malformed citation, is
one typed warning that says what to do, instead of a bare message or a
traceback; the directive also takes cvbib's listing options
(:mod:`cvbib.render.listing`).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import cast

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from .domain import CvBibtexDomain
from .render import OPTION_SPEC, selected_filter, wrap
from .settings import get_config
from .upstream.sphinxcontrib_bibtex import (
    BibliographyDirective,
    CitationTarget,
    CiteRole,
    parse_citation_targets,
)

__all__ = ["CvBibliographyDirective", "CvCiteRole", "unknown_key_message"]

logger = logging.getLogger(__name__)


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
        selected_filter(self.options, get_config(self.config).selected_keyword)
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
