"""The ``cite`` domain of sphinxcontrib-bibtex, formatting through cvbib.

sphinxcontrib-bibtex decides which entries go in which bibliography and formats
them in ``BibtexDomain.get_formatted_entries``, called from ``env-updated`` on
every build. This subclass replaces that one method: the same entries in the
same order, but formatted by a :class:`~cvbib.formatting.MarkedStyle` through
the persistent :class:`~cvbib.formatting.FormatCache`, with cvbib's warnings.
Everything else (directives, filters, citation roles, ids, parallel merging)
stays sphinxcontrib-bibtex's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from pybtex.style import FormattedEntry
from sphinx.util import logging
from sphinxcontrib.bibtex.domain import BibtexDomain

from .config import get_config
from .formatting import FormatCache, Formatted, MarkedStyle, format_entries

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinxcontrib.bibtex.directives import BibliographyKey

logger = logging.getLogger(__name__)


class CvBibtexDomain(BibtexDomain):
    """``BibtexDomain`` with marked, cached formatting."""

    initial_data: ClassVar[dict[str, Any]] = {
        **BibtexDomain.initial_data,
        "cvbib_cache": None,
        # entry key -> (bib file, line), filled when the bib files are read
        "cvbib_locations": {},
        # bibliography key -> mark keywords used by its entries (for the legend)
        "cvbib_used_marks": {},
    }

    @property
    def format_cache(self) -> FormatCache:
        cache = self.data.get("cvbib_cache")
        if not isinstance(cache, FormatCache):
            cache = self.data["cvbib_cache"] = FormatCache()
        return cache

    @property
    def used_marks(self) -> dict[BibliographyKey, frozenset[str]]:
        return self.data.setdefault("cvbib_used_marks", {})

    def entry_location(self, key: str) -> str | None:
        location = self.data.get("cvbib_locations", {}).get(key)
        if location is None:
            return None
        path, line = location
        # A location with a colon is printed as it is (without one, Sphinx
        # would take it for a document name).
        return f"{path}:{line or '?'}"

    def env_updated(self) -> Iterable[str]:
        self.used_marks.clear()
        result = super().env_updated()
        self.format_cache.prune()
        return result

    def get_formatted_entries(
        self,
        bibliography_key: BibliographyKey,
        docnames: list[str],
        tooltips: bool,
        tooltips_style: str,
    ) -> Iterable[tuple[Entry, FormattedEntry, FormattedEntry | None]]:
        bibliography = self.bibliographies[bibliography_key]
        config = get_config(self.env.config)
        entries = [entry for _key, entry in self.get_sorted_entries(bibliography_key, docnames)]
        style = _load_style(bibliography.style, config, bibliography_key, bibliography.line)
        tooltip_style = (
            _load_style(tooltips_style, config, bibliography_key, bibliography.line)
            if tooltips and tooltips_style and tooltips_style != bibliography.style
            else None
        )
        tooltip_texts: dict[str, FormattedEntry] = {}
        if tooltip_style is not None:
            for entry, formatted, _hit in format_entries(self.format_cache, tooltip_style, entries):
                tooltip_texts[entry.key] = formatted.entry
        used: set[str] = set()
        cache = self.format_cache
        for entry, formatted, from_cache in format_entries(
            cache, style, entries, bibliography.labelprefix
        ):
            used |= formatted.used_marks
            if not from_cache:
                self._warn(entry, formatted, config.warn_missing_owner, config.owner)
            tooltip = tooltip_texts.get(entry.key, formatted.entry) if tooltips else None
            yield entry, formatted.entry, tooltip
        self.used_marks[bibliography_key] = frozenset(used)

    def _warn(self, entry: Entry, formatted: Formatted, missing_owner: bool, owner: str) -> None:
        location = self.entry_location(entry.key)
        where = f"entry '{entry.key}'"
        for subtype, problem in formatted.problems:
            logger.warning(
                "%s: %s", where, problem, location=location, type="cvbib", subtype=subtype
            )
        if missing_owner and owner.strip() and not formatted.owner_found:
            logger.warning(
                "%s: no author or editor matches cv_owner %r; check the spelling in the "
                ".bib file, add the spelling to cv_owner_aliases, or mark the name with "
                "'author+an = {N=highlight}'",
                where,
                owner,
                location=location,
                type="cvbib",
                subtype="owner_not_found",
            )


def _load_style(name: str, config: Any, bib_key: BibliographyKey, line: int) -> MarkedStyle:
    try:
        return MarkedStyle(name, config)
    except Exception as exc:  # an unknown style name: fall back rather than crash
        logger.warning(
            "unknown pybtex style %r (%s); using cvbib's 'cv' style: check "
            "bibtex_default_style or the :style: option",
            name,
            exc,
            location=(bib_key.docname, line),
            type="cvbib",
            subtype="style",
        )
        return MarkedStyle("cv", config)
