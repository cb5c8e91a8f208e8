"""What cvbib uses of sphinxcontrib-bibtex, in one place.

sphinxcontrib-bibtex documents its directives, roles, config values and style
plugins; cvbib specialises more than that. Checked against
sphinxcontrib-bibtex 2.7.0 (the floor ``pyproject.toml`` allows: 2.6.x's
directive has no ``env``); ``tests/test_upstream.py`` checks each item.

* The ``cite`` domain is replaced by a subclass of :class:`BibtexDomain` that
  overrides ``get_formatted_entries`` (called from its ``env_updated`` for
  every bibliography) and reads ``bibliographies``, ``citations``,
  ``bibdata`` and ``get_sorted_entries``; a bibliography's value has
  ``style``, ``line``, ``keyprefix``, ``labelprefix`` and ``citation_nodes``.
  :func:`set_citations` writes the domain's citation list back, as
  ``env_updated`` computed it.
* The ``.bib`` files are read by cvbib before sphinxcontrib-bibtex's own
  ``builder-inited`` handler (:data:`READ_BEFORE_PRIORITY`), and stored as
  its :class:`BibData` (:func:`store_bibdata`) with the files' modification
  times, so that its check (:func:`is_bibdata_outdated`) finds the data up to
  date and never parses the files with pybtex's strict parser.
* :class:`BibliographyDirective` and :class:`CiteRole` are subclassed;
  :func:`parse_citation_targets` reads a ``:cite:`` role's target;
  :data:`bibliography_node` is the node a bibliography directive leaves in
  the document; :func:`find_plugin` loads its referencing styles.
* Post-transforms that work on the entries it inserts run after its
  :class:`~sphinxcontrib.bibtex.transforms.BibliographyTransform`; their
  priorities are named relative to it (:data:`BIBLIOGRAPHY_PRIORITY`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sphinxcontrib.bibtex.bibfile import BibData, BibFile, get_mtime, is_bibdata_outdated
from sphinxcontrib.bibtex.citation_target import CitationTarget, parse_citation_targets
from sphinxcontrib.bibtex.directives import BibliographyDirective, BibliographyKey
from sphinxcontrib.bibtex.domain import BibtexDomain
from sphinxcontrib.bibtex.nodes import bibliography as bibliography_node
from sphinxcontrib.bibtex.plugin import find_plugin
from sphinxcontrib.bibtex.roles import CiteRole
from sphinxcontrib.bibtex.transforms import BibliographyTransform

__all__ = [
    "BIBLIOGRAPHY_PRIORITY",
    "READ_BEFORE_PRIORITY",
    "BibData",
    "BibliographyDirective",
    "BibliographyKey",
    "BibtexDomain",
    "CitationTarget",
    "CiteRole",
    "bibliography_node",
    "find_plugin",
    "is_bibdata_outdated",
    "parse_citation_targets",
    "set_citations",
    "store_bibdata",
]

#: The priority of sphinxcontrib-bibtex's ``BibliographyTransform`` (5), which
#: puts the formatted entries into each bibliography.
BIBLIOGRAPHY_PRIORITY: int = BibliographyTransform.default_priority
#: A ``builder-inited`` priority before sphinxcontrib-bibtex's own handler
#: (connected with Sphinx's default, 500), which reads the ``.bib`` files.
READ_BEFORE_PRIORITY = 400


def store_bibdata(
    domain: BibtexDomain, files: Iterable[tuple[Path, Iterable[str]]], encoding: str, data: Any
) -> None:
    """Keep *data* (pybtex's ``BibliographyData``) read from *files* (path, keys).

    With each file's modification time, so that sphinxcontrib-bibtex's own
    handler finds it up to date and does not read the files again.
    """
    domain.data["bibdata"] = BibData(
        encoding=encoding,
        bibfiles={
            path: BibFile(mtime=get_mtime(path), keys=dict.fromkeys(keys)) for path, keys in files
        },
        data=data,
    )


def set_citations(domain: BibtexDomain, citations: Any) -> None:
    """Replace the domain's list of citations (computed by its ``env_updated``)."""
    domain.data["citations"] = citations
