"""The order of cvbib's post-transforms, named after sphinxcontrib-bibtex's own.

sphinxcontrib-bibtex's ``BibliographyTransform`` replaces each bibliography
placeholder with its formatted entries (priority :data:`BIBLIOGRAPHY`, 5 in
2.7.0). cvbib's transforms work before it (on the placeholders) or after it
(on the entries it inserted), in this order:
"""

from __future__ import annotations

from ..upstream.sphinxcontrib_bibtex import BIBLIOGRAPHY_PRIORITY

__all__ = ["BIBLIOGRAPHY", "ENTRY_EXTRAS", "LEGEND", "LISTING", "PUBLIST", "SAFE_LINKS"]

#: sphinxcontrib-bibtex's ``BibliographyTransform``: the entries go in.
BIBLIOGRAPHY = BIBLIOGRAPHY_PRIORITY
#: The legend, placed while the placeholders still say where each list is.
LEGEND = BIBLIOGRAPHY - 1
#: Unsafe links in the inserted entries are unlinked before anything adds more.
SAFE_LINKS = BIBLIOGRAPHY + 1
#: Badges, link buttons, toggles and title links, on the safe entries.
ENTRY_EXTRAS = SAFE_LINKS + 1
#: Sorting and grouping, of entries that carry their extras.
LISTING = ENTRY_EXTRAS + 1
#: "All publications (N)" links, once every list is complete.
PUBLIST = LISTING + 1
