"""The ``cite`` domain of sphinxcontrib-bibtex, formatting through cvbib.

sphinxcontrib-bibtex decides which entries go in which bibliography and formats
them in ``BibtexDomain.get_formatted_entries``, called from ``env-updated`` on
every build. This subclass replaces that one method: the same entries in the
same order, but formatted by a :class:`~cvbib.style.formatting.MarkedStyle` through
the persistent :class:`~cvbib.style.formatting.FormatCache`, with cvbib's warnings.
Everything else (directives, filters, citation roles, ids, parallel merging)
stays sphinxcontrib-bibtex's.

The domain also keeps rebuilds cheap around the formatting: fingerprints of
entries are remembered while the bib data is unchanged, ``citations`` (remade
in every build) are not pickled, and what outlives ``env-updated`` is frozen
out of the garbage collector's way for the rest of the build
(:func:`cvbib.style.lasting_objects`; :meth:`CvBibtexDomain.end_build` thaws it).

Each build logs how many entries it formatted and how many came from the cache
("cvbib: formatted N bibliography entries, M from the cache"): the benchmark in
``bench/`` reads that line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from pybtex.style import FormattedEntry
from sphinx.util import logging

from .bib import clean_bibtex
from .latex import Decoding, MacroTable, decoding, read_preamble, source_expander
from .settings import CvbibConfig, get_config, with_marked_people
from .style import (
    FormatCache,
    Formatted,
    MarkedStyle,
    entry_fingerprint,
    format_entries,
    freeze_more,
    lasting_objects,
    thaw_after_build,
    usable_cache,
)
from .upstream.sphinxcontrib_bibtex import BibtexDomain, set_citations

if TYPE_CHECKING:
    from pybtex.database import Entry
    from sphinx.builders import Builder

    from .model import Publication
    from .upstream.sphinxcontrib_bibtex import BibliographyKey

logger = logging.getLogger(__name__)

OWNER_NOT_FOUND = "owner_not_found"
#: Asked on every build: "who else is marked in author lists?" (see :meth:`_build_config`).
MARKED_PEOPLE_EVENT = "cvbib-marked-people"


class CvBibtexDomain(BibtexDomain):
    """``BibtexDomain`` with marked, cached formatting."""

    #: This build's builder (set on ``builder-inited``; never pickled).
    builder: Builder | None = None

    initial_data: ClassVar[dict[str, Any]] = {
        **BibtexDomain.initial_data,
        "cvbib_cache": None,
        # entry key -> (bib file, line), filled when the bib files are read
        "cvbib_locations": {},
        # bibliography key -> mark keywords used by its entries (for the legend)
        "cvbib_used_marks": {},
        # (the bib data, {entry key: fingerprint}) of the last build
        "cvbib_fingerprints": None,
    }

    def macro_table(self) -> MacroTable:
        """The ``@preamble`` macro definitions of the bib files, read once per bib data."""
        preamble = "\n".join(self.bibdata.data.preamble_list)
        cached = getattr(self, "_macro_table", None)
        if cached is None or cached[0] != preamble:
            cached = self._macro_table = (preamble, read_preamble(preamble))
        return cached[1]

    @property
    def format_cache(self) -> FormatCache:
        cache = usable_cache(self.data.get("cvbib_cache"))
        if cache is None:
            cache = self.data["cvbib_cache"] = FormatCache()
        return cache

    @property
    def publications(self) -> dict[str, Publication]:
        """Entry key -> its model, for every entry shown in this build."""
        found = self.data.get("cvbib_publications")
        if not isinstance(found, RebuiltEachBuildDict):
            found = self.data["cvbib_publications"] = RebuiltEachBuildDict()
        return found

    #: Whether a page written in this process links the cleaned ``.bib`` download
    #: (set by :class:`cvbib.render.listing.ListingTransform`, read by :mod:`cvbib.render.pages`).
    bib_download_wanted = False

    def clean_bibtex(self, key: str) -> str:
        """The entry *key* as clean BibTeX (:func:`cvbib.bib.write.clean_bibtex`), or "".

        ADS's journal macros and the ``@preamble``'s own are expanded in it, as
        the copy is read without the file's preamble.

        Made when an output asks (a toggle, a publication's page, the
        download), once per entry and build, rather than for every entry formatted.
        """
        made = self.data.get("cvbib_bibtex")
        if not isinstance(made, RebuiltEachBuildDict):
            made = self.data["cvbib_bibtex"] = RebuiltEachBuildDict()
        text = made.get(key)
        if text is None:
            entry = self.bibdata.data.entries.get(key)
            config = get_config(self.env.config)
            expand = source_expander(self.macro_table())
            text = made[key] = (
                clean_bibtex(entry, config.bibtex_strip_fields, config.bibtex_fields, expand)
                if entry is not None
                else ""
            )
        return str(text)

    @property
    def used_marks(self) -> dict[BibliographyKey, frozenset[str]]:
        return self.data.setdefault("cvbib_used_marks", {})

    def fingerprinter(self) -> Callable[[Entry], str]:
        """:func:`~cvbib.style.formatting.entry_fingerprint`, remembered across builds.

        The bib files are read again only when they change, and then into a
        new ``BibData``: while the domain holds the very object the
        fingerprints were computed from, its entries are unchanged and the
        fingerprints are reused (the environment pickle keeps the identity).
        A rebuild after editing a section then hashes no entry.
        """
        bibdata = self.bibdata
        stored = self.data.get("cvbib_fingerprints")
        if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] is bibdata):
            stored = self.data["cvbib_fingerprints"] = (bibdata, {})
        known: dict[str, str] = stored[1]

        def fingerprint(entry: Entry) -> str:
            if bibdata.data.entries.get(entry.key) is not entry:
                return entry_fingerprint(entry)  # not from the bib data: not remembered
            digest = known.get(entry.key)
            if digest is None:
                digest = known[entry.key] = entry_fingerprint(entry)
            return digest

        return fingerprint

    def entry_location(self, key: str) -> str | None:
        location = self.data.get("cvbib_locations", {}).get(key)
        if location is None:
            return None
        path, line = location
        # A location with a colon is printed as it is (without one, Sphinx
        # would take it for a document name).
        return f"{path}:{line or '?'}"

    def env_updated(self) -> Iterable[str]:
        with lasting_objects() as lasting:
            cache = self.format_cache
            cache.begin_build()
            self.used_marks.clear()
            # Per build: entries already warned about (an entry may be in several
            # bibliographies), and documents whose entries were formatted anew.
            self.publications.clear()
            self.data["cvbib_bibtex"] = RebuiltEachBuildDict()
            self._warned: set[str] = set()
            self._reformatted: set[str] = set()
            # (bib file, macro name) -> entries using that unknown macro
            self._unknown_macros: dict[tuple[str, str], set[str]] = {}
            self._config = self._build_config()
            # a collaboration not in cv_collaborations, as shown -> (its names, its
            # entries that do not name the owner)
            self._undeclared: dict[str, tuple[dict[str, None], list[str]]] = {}
            # One memo for the build's decoding, shared by every bibliography.
            with decoding(Decoding()) as state:
                super().env_updated()  # sphinxcontrib-bibtex's returns no documents
            self._warn_unknown_macros()
            self._warn_undeclared_collaborations(get_config(self.env.config).owner)
            set_citations(self, RebuiltEachBuild(self.citations))
            cache.prune()
            logger.info(
                "cvbib: formatted %d bibliography entries, %d from the cache%s",
                cache.misses,
                cache.hits,
                f"; {state.fallbacks} field(s) shown as plain text after a decoder error "
                "(sphinx-build -vv names them)"
                if state.fallbacks
                else "",
            )
        self._froze_objects = lasting.froze
        # An entry formatted anew in a document that was not re-read (the
        # formatting code changed under `make livehtml`) must still reach the
        # page: documents returned from env-updated are written again.
        return sorted(self._reformatted)

    #: MARKED_PEOPLE_EVENT's handlers return ``{cv_marks keyword: [names]}``.
    def _build_config(self) -> CvbibConfig:
        """The options for this build, with the people other extensions mark (students)."""
        extra: dict[str, list[str]] = {}
        for answer in self.env.events.emit(MARKED_PEOPLE_EVENT, self.env):
            for keyword, names in (answer or {}).items():
                extra.setdefault(str(keyword), []).extend(str(name) for name in names)
        return with_marked_people(get_config(self.env.config), extra)

    def build_config(self) -> CvbibConfig:
        found = getattr(self, "_config", None)
        return found if isinstance(found, CvbibConfig) else get_config(self.env.config)

    def freeze_written(self) -> None:
        """Keep what the build made so far out of the collector's way.

        :func:`cvbib.style.freeze_more`: before the publication pages, which
        make enough garbage to set off collections of everything.
        """
        freeze_more(getattr(self, "_froze_objects", False))

    def end_build(self) -> None:
        """Leave the process as the build found it (``build-finished``)."""
        thaw_after_build(getattr(self, "_froze_objects", False))
        self._froze_objects = False

    def get_formatted_entries(
        self,
        bibliography_key: BibliographyKey,
        docnames: list[str],
        tooltips: bool,
        tooltips_style: str,
    ) -> Iterable[tuple[Entry, FormattedEntry, FormattedEntry | None]]:
        bibliography = self.bibliographies[bibliography_key]
        config = self.build_config()
        entries = [entry for _key, entry in self.get_sorted_entries(bibliography_key, docnames)]
        style = _load_style(bibliography.style, config, bibliography_key, bibliography.line)
        cache = self.format_cache
        fingerprint = self.fingerprinter()
        macros = self.macro_table()
        tooltip_texts: dict[str, FormattedEntry] = {}
        if tooltips and tooltips_style and tooltips_style != bibliography.style:
            tooltip_style = _load_style(tooltips_style, config, bibliography_key, bibliography.line)
            for entry, formatted, _hit in format_entries(
                cache, tooltip_style, entries, bibliography.labelprefix, fingerprint, macros
            ):
                tooltip_texts[entry.key] = formatted.entry
        warn_owner = self._owner_warnings_wanted(config.warn_missing_owner, config.owner)
        used: set[str] = set()
        result = []
        for entry, formatted, from_cache in format_entries(
            cache, style, entries, bibliography.labelprefix, fingerprint, macros
        ):
            used |= formatted.used_marks
            if formatted.publication is not None:
                self.publications[entry.key] = formatted.publication
            for macro in formatted.unknown_macros:
                path = self.data.get("cvbib_locations", {}).get(entry.key, ("", None))[0]
                self._unknown_macros.setdefault((str(path), macro), set()).add(entry.key)
            if not from_cache:
                self._reformatted.add(bibliography_key.docname)
            # Warned on every build, cached or not, while the entry is wrong:
            # a later build with -W must not pass with the mistake still there.
            if entry.key not in self._warned:
                self._warned.add(entry.key)
                self._warn(entry, formatted, warn_owner, config.owner)
            tooltip = tooltip_texts.get(entry.key, formatted.entry) if tooltips else None
            result.append((entry, formatted.entry, tooltip))
        self.used_marks[bibliography_key] = frozenset(used)
        return result

    def _warn_unknown_macros(self) -> None:
        """One warning per unknown macro and bib file, with the entries that use it."""
        for (path, macro), keys in sorted(self._unknown_macros.items()):
            first = sorted(keys)[:3]
            more = f" and {len(keys) - len(first)} more" if len(keys) > len(first) else ""
            entries = "entry uses" if len(keys) == 1 else "entries use"
            logger.warning(
                "the LaTeX macro \\%s is neither standard nor defined in a @preamble of %s; "
                "%d %s it (%s%s) and show only its arguments: define it with "
                '@preamble{"\\newcommand{\\%s}{...}"} or write the text it stands for',
                macro,
                path or "the bib files",
                len(keys),
                entries,
                ", ".join(first),
                more,
                macro,
                location=self.entry_location(first[0]),
                type="cvbib",
                subtype="unknown_macro",
            )

    def _warn_undeclared_collaborations(self, owner: str) -> None:
        """One warning per collaboration whose entries do not name the owner.

        A collaboration's papers list the owner by name (then nothing is
        said), or cut the list before them (INSPIRE's "Aad, Georges and
        others"): the advice is to declare the collaboration, never to add
        a coauthor's name or "others" as an alias.
        """
        for names, keys in self._undeclared.values():
            shown, *bare = names
            bare = bare or [_bare_collaboration(shown)]
            first = keys[:3]
            more = f" and {len(keys) - len(first)} more" if len(keys) > len(first) else ""
            entries = "entry" if len(keys) == 1 else "entries"
            declare = ", ".join(f'"{name}"' for name in bare)
            which = f" (those of {', '.join(bare)} you belong to)" if len(bare) > 1 else ""
            logger.warning(
                "%d %s of the %s (%s%s) name no author or editor that matches cv_owner %r: "
                "if you are a member, declare it in conf.py: cv_collaborations = [%s]%s; if "
                "you are named in them, check the spelling or add it to cv_owner_aliases",
                len(keys),
                entries,
                shown,
                ", ".join(first),
                more,
                owner,
                declare,
                which,
                location=self.entry_location(keys[0]),
                type="cvbib",
                subtype=OWNER_NOT_FOUND,
            )

    def _owner_warnings_wanted(self, warn_missing_owner: bool, owner: str) -> bool:
        """Whether "no author matches cv_owner" warnings would be shown at all.

        A long bibliography of other people's work (a benchmark, a group's
        list) would otherwise build thousands of messages only for Sphinx to
        drop them because of ``suppress_warnings``.
        """
        if not (warn_missing_owner and owner.strip()):
            return False
        return not logging.is_suppressed_warning(
            "cvbib", OWNER_NOT_FOUND, self.env.config.suppress_warnings
        )

    def _warn(self, entry: Entry, formatted: Formatted, warn_owner: bool, owner: str) -> None:
        # A biblatex @set only bundles other entries: it has no authors of its own.
        warn_owner = warn_owner and entry.type.lower() != "set"
        if not formatted.problems and (formatted.owner_found or not warn_owner):
            return
        location = self.entry_location(entry.key)
        where = f"entry '{entry.key}'"
        for subtype, problem in formatted.problems:
            logger.warning(
                "%s: %s", where, problem, location=location, type="cvbib", subtype=subtype
            )
        if warn_owner and not formatted.owner_found and formatted.collaboration:
            # Said once per collaboration, naming it (_warn_undeclared_collaborations).
            shown, *names = formatted.collaboration
            found = self._undeclared.setdefault(shown.casefold(), ({shown: None}, []))
            found[0].update(dict.fromkeys(_bare_collaboration(name) for name in names))
            found[1].append(entry.key)
        elif warn_owner and not formatted.owner_found:
            logger.warning(
                "%s: no author or editor matches cv_owner %r; check the spelling in the "
                ".bib file, add the spelling to cv_owner_aliases, or mark the name with "
                "'author+an = {N=highlight}'",
                where,
                owner,
                location=location,
                type="cvbib",
                subtype=OWNER_NOT_FOUND,
            )


def _bare_collaboration(name: str) -> str:
    """ "ATLAS" for "ATLAS Collaboration": what a member writes in ``cv_collaborations``."""
    words = name.split()
    if len(words) > 1 and words[-1].casefold() in ("collaboration", "consortium"):
        words = words[:-1]
    return " ".join(words)


class RebuiltEachBuild(list):
    """A list that is pickled empty: for domain data that ``env-updated`` remakes.

    sphinxcontrib-bibtex rebuilds ``citations`` in every build, before anything
    reads it, yet they were pickled with the environment and loaded again by
    the next build only to be thrown away: every formatted entry a second
    time, with the garbage collector walking them while Sphinx loads the
    environment. (The formatted entries persist in the cache.)
    """

    def __reduce__(self) -> tuple[type[list[Any]], tuple[()]]:
        return (list, ())


class RebuiltEachBuildDict(dict):
    """A dict that is pickled empty, like :class:`RebuiltEachBuild`.

    The publication models are filled in ``env-updated`` of every build, from
    the cache that already persists them.
    """

    def __reduce__(self) -> tuple[type[dict[Any, Any]], tuple[()]]:
        return (dict, ())


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
