"""Formatting entries: marked styles, a generic fallback, and a persistent cache.

Stock sphinxcontrib-bibtex formats every entry again on every build, twice when
tooltips are on. Here a formatted entry is kept in the Sphinx environment under
a key made of everything its text depends on: the entry's own content (type,
fields, persons, and a crossref parent's), its label, the style, and the
fingerprint of cvbib's options. A no-op rebuild then formats nothing, an edit of
one ``.bib`` entry formats that entry only, and a change of ``cv_owner`` misses
the cache (no stale bold). Tooltips reuse the entry's text when their style is
the same, instead of formatting it a second time.

Any failure of a style on one entry (an entry type the style does not know, a
missing required field, a bug in a user's style) falls back to the CV's generic
form with a warning, so no entry is ever lost or rendered as an error message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, cast

import pybtex.plugin
from pybtex.database import Entry
from pybtex.richtext import BaseText, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import sentence

from .config import CvbibConfig
from .marks import EntryMarks, MarkingNameFormatter, compute_marks, matcher_for
from .styles import author_list, generic_template

#: Bump when the formatting changes in a way the cache key does not capture.
CACHE_VERSION = 1


@dataclass
class Formatted:
    """One formatted entry and what the legend and warnings need from it."""

    entry: FormattedEntry
    used_marks: frozenset[str]
    owner_found: bool
    #: (warning subtype, message) pairs, reported when the entry is formatted.
    problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class FormatCache:
    """Formatted entries kept with the environment, keyed by content."""

    items: dict[str, Formatted] = field(default_factory=dict)
    #: Keys looked up since the last :meth:`prune`; the rest is stale.
    touched: set[str] = field(default_factory=set)
    #: How many entries were formatted (cache misses) since the last prune.
    misses: int = 0

    def prune(self) -> None:
        """Forget the entries no bibliography asked for in this build."""
        self.items = {k: v for k, v in self.items.items() if k in self.touched}
        self.touched = set()
        self.misses = 0


def entry_fingerprint(entry: Entry, depth: int = 0) -> str:
    """A digest of what an entry's formatted text can depend on."""
    parts = [entry.type, entry.key or ""]
    parts.extend(f"{name}={value}" for name, value in entry.fields.items())
    for role, persons in entry.persons.items():
        parts.append(f"{role}=" + " and ".join(str(person) for person in persons))
    parent_key = entry.fields.get("crossref")
    if parent_key and depth < 3 and entry.collection is not None:
        parent = entry.collection.entries.get(parent_key)
        if parent is not None:
            parts.append(entry_fingerprint(parent, depth + 1))
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def _unsrt_format_names(style: BaseStyle) -> Any:
    """unsrt's ``format_names`` with a proper "et al." for ``and others``."""

    def format_names(role: str, as_sentence: bool = True) -> Any:
        names = author_list(role, sep=", ", sep2=" and ", last_sep=", and ")
        return sentence[names] if as_sentence else names

    return format_names


class MarkedStyle:
    """A pybtex style instance whose names carry cvbib's marks."""

    def __init__(self, name: str, config: CvbibConfig) -> None:
        style_class = pybtex.plugin.find_plugin("pybtex.style.formatting", name)
        self.name = name
        self.style: BaseStyle = cast(BaseStyle, style_class())
        self.config = config
        self.matcher = matcher_for(config)
        self.names = MarkingNameFormatter(self.style.format_name)
        # Instance attributes: the class, and every other user of it, is untouched.
        self.style.format_name = self.names
        if getattr(style_class, "format_names", None) is UnsrtStyle.format_names:
            self.style.format_names = _unsrt_format_names(self.style)
        self.style_id = f"{style_class.__module__}.{style_class.__qualname__}:{name}"

    def sort(self, entries: list[Entry]) -> list[Entry]:
        return list(self.style.sort(entries))

    def labels(self, entries: list[Entry]) -> list[str]:
        return list(self.style.format_labels(entries))

    def format(self, label: str, entry: Entry) -> Formatted:
        marks = compute_marks(entry, self.config, self.matcher)
        self.names.current = marks
        problems: list[tuple[str, str]] = [
            (problem.subtype, f"'{field_name}': {problem.message}")
            for field_name, problem in marks.problems
        ]
        try:
            try:
                formatted = self.style.format_entry(label, entry)
            except Exception as exc:  # a style's failure must not lose the entry
                problems.append(
                    (
                        "style_fallback",
                        f"the '{self.name}' style cannot format this @{entry.type} entry "
                        f"({type(exc).__name__}: {exc}); it is shown in cvbib's generic form: "
                        "add the missing field or use the 'cv' style",
                    )
                )
                formatted = FormattedEntry(entry.key, self._generic(entry), label)
        finally:
            self.names.current = None
        return Formatted(
            entry=formatted,
            used_marks=frozenset(marks.used),
            owner_found=marks.owner_found,
            problems=problems,
        )

    def _generic(self, entry: Entry) -> BaseText:
        context = {"entry": entry, "style": self.style, "bib_data": None}
        try:
            return cast(BaseText, generic_template(self.style, entry).format_data(context))
        except Exception:
            return Text(f"[{entry.key}]")


def marks_of(formatted: Formatted) -> EntryMarks:
    """The legend-relevant part of a cached entry, as :class:`EntryMarks`."""
    return EntryMarks(used=set(formatted.used_marks), owner_found=formatted.owner_found)


def format_entries(
    cache: FormatCache,
    style: MarkedStyle,
    entries: list[Entry],
    labelprefix: str = "",
) -> Iterator[tuple[Entry, Formatted, bool]]:
    """Sort, label and format *entries*; yields (entry, formatted, from_cache)."""
    sorted_entries = style.sort(entries)
    labels = style.labels(sorted_entries)
    prefix = f"{CACHE_VERSION}|{style.style_id}|{style.config.fingerprint}|{labelprefix}|"
    for label, entry in zip(labels, sorted_entries, strict=False):
        key = prefix + label + "|" + entry_fingerprint(entry)
        cache.touched.add(key)
        cached = cache.items.get(key)
        if cached is not None:
            yield entry, cached, True
            continue
        formatted = style.format(labelprefix + label, entry)
        cache.items[key] = formatted
        cache.misses += 1
        yield entry, formatted, False
