"""Authorship marks: which names are bold, which carry a symbol or a role.

The marks of one entry are computed from the entry alone (its persons and its
``author+an`` / ``editor+an`` fields) and the validated configuration, so they
can be cached with the formatted entry. They are applied by wrapping
``format_name`` on a pybtex style *instance*: every pybtex style formats each
person through ``style.format_name``, so plain, unsrt, alpha, unsrtalpha, the
CV's own style and a user's subclass all get the same marks without knowing of
them. The result is pybtex rich text (``Tag("strong")``, ``Tag("sup")``), which
pybtex-docutils turns into ``strong`` and ``superscript`` nodes: one code path
for HTML and LaTeX.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from typing import Any

from pybtex.database import Entry, Person
from pybtex.richtext import Text
from pybtex.style.template import Node, join, node, tag

from ..bib import kept_all
from ..i18n import _
from ..settings import HIGHLIGHT, CvbibConfig
from ..text import WebLink
from .annotations import AnnotationProblem, parse_annotations
from .collaborations import Collaboration, collaboration_of
from .names import InvalidName, OwnerMatcher, name_key, parse_owner_name

#: The person lists that are marked, with the field holding their annotations.
ROLES = ("author", "editor")


@dataclass(frozen=True)
class NameMarks:
    """What decorates one name of one list."""

    bold: bool = False
    symbols: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    #: A coauthor's homepage (``cv_coauthor_urls``), linked on the web page.
    url: str | None = None


@dataclass
class EntryMarks:
    """The marks of one entry, keyed by the identity of its Person objects."""

    by_person: dict[int, NameMarks] = field(default_factory=dict)
    #: The marks of each list ("author", "editor") by 0-based position, in
    #: order (the names that have some).
    positions: dict[str, dict[int, NameMarks]] = field(default_factory=dict)
    #: Mark keywords (from ``cv_marks``) that appear in this entry, for the legend.
    used: set[str] = field(default_factory=set)
    owner_found: bool = False
    problems: list[tuple[str, AnnotationProblem]] = field(default_factory=list)
    #: The collaboration the entry is written by (:mod:`.collaborations`).
    collaboration: Collaboration | None = None
    #: Whether the entry is the owner's as a member of a declared collaboration
    #: that its list does not name them in: the collaboration's name is bold.
    member: bool = False

    def bold(self, role: str) -> list[int]:
        """The 0-based positions of the bold names (the owner) of the list *role*."""
        return [index for index, marks in self.positions.get(role, {}).items() if marks.bold]


@lru_cache(maxsize=16)
def owner_matcher(
    owner: str, aliases: tuple[str, ...], match_initials: bool
) -> OwnerMatcher | None:
    """The matcher for a configuration, or None when no usable owner is set.

    Cached: building it parses names, and it is needed for every bibliography.
    """
    try:
        return OwnerMatcher(owner, aliases, match_initials=match_initials)
    except InvalidName:
        return None


def matcher_for(config: CvbibConfig) -> OwnerMatcher | None:
    return owner_matcher(config.owner, config.owner_aliases, config.match_initials)


def _last_family_word(family: str) -> str:
    """The index key of a family name: its last word, hyphenated parts split."""
    words = re.split(r"[\s\-]+", family.strip())
    return words[-1] if words else ""


class CoauthorLinks:
    """Coauthors' homepages, found with the owner's lenient name matching.

    Each name of ``cv_coauthor_urls`` gets its own matcher (variants, initials,
    accents), indexed by family name, so looking a person up costs one
    dictionary lookup for the thousands of authors who have no link.
    """

    def __init__(self, urls: dict[str, str], match_initials: bool) -> None:
        self._by_family: dict[str, list[tuple[OwnerMatcher, str]]] = {}
        for name, url in urls.items():
            try:
                matcher = OwnerMatcher(name, match_initials=match_initials)
            except InvalidName:
                continue  # reported by the configuration check
            family = _last_family_word(parse_owner_name(name).family)
            self._by_family.setdefault(family, []).append((matcher, url))

    def url_of(self, person: Person) -> str | None:
        candidates = self._by_family.get(_last_family_word(name_key(person).family))
        if not candidates:
            return None
        for matcher, url in candidates:
            if matcher.matches(person):
                return url
        return None


@lru_cache(maxsize=16)
def _coauthor_links(urls: tuple[tuple[str, str], ...], match_initials: bool) -> CoauthorLinks:
    return CoauthorLinks(dict(urls), match_initials)


def coauthor_links_for(config: CvbibConfig) -> CoauthorLinks | None:
    if not config.coauthor_urls:
        return None
    return _coauthor_links(tuple(config.coauthor_urls.items()), config.match_initials)


class MarkedPeople:
    """People who get a mark wherever they are listed (``cv_marked_people``: students).

    Matched with the owner's lenient rules (initials, accents, "Last, First"),
    indexed by family name like :class:`CoauthorLinks`.
    """

    def __init__(self, people: dict[str, tuple[str, ...]], match_initials: bool) -> None:
        self._by_family: dict[str, list[tuple[OwnerMatcher, str]]] = {}
        for keyword, names in people.items():
            for name in names:
                try:
                    matcher = OwnerMatcher(name, match_initials=match_initials)
                except InvalidName:
                    continue  # reported by the configuration check
                family = _last_family_word(parse_owner_name(name).family)
                self._by_family.setdefault(family, []).append((matcher, keyword))

    def keywords_of(self, person: Person) -> frozenset[str]:
        candidates = self._by_family.get(_last_family_word(name_key(person).family))
        if not candidates:
            return _NO_WORDS
        return frozenset(keyword for matcher, keyword in candidates if matcher.matches(person))


@lru_cache(maxsize=16)
def _marked_people(
    people: tuple[tuple[str, tuple[str, ...]], ...], match_initials: bool
) -> MarkedPeople:
    return MarkedPeople(dict(people), match_initials)


def marked_people_for(config: CvbibConfig) -> MarkedPeople | None:
    if not any(config.marked_people.values()):
        return None
    return _marked_people(tuple(config.marked_people.items()), config.match_initials)


def _annotation_text(entry: Entry, role: str) -> str:
    """The ``author+an`` / ``editor+an`` field (pybtex's field names ignore case)."""
    value = entry.fields.get(f"{role}+an")
    return "" if value is None else str(value)


_NO_WORDS: frozenset[str] = frozenset()


def compute_marks(entry: Entry, config: CvbibConfig, matcher: OwnerMatcher | None) -> EntryMarks:
    """Decide the marks of every author and editor of *entry*."""
    result = EntryMarks()
    known = config.keywords
    coauthors = coauthor_links_for(config)
    people = marked_people_for(config)
    match = matcher.matches if matcher is not None else None
    for role in ROLES:
        persons: list[Person] = list(entry.persons.get(role, ()))
        annotation = _annotation_text(entry, role)
        keywords: dict[int, frozenset[str]] = {}
        if annotation:
            keywords, problems = parse_annotations(annotation, len(persons), known)
            result.problems.extend((f"{role}+an", problem) for problem in problems)
        positions: dict[int, NameMarks] = {}
        # A 2,900-name list: the owner's answers are read in one pass (each
        # name keeps its own), and only the names that may carry a mark (the
        # owner's, the annotated ones; all of them with coauthor links) are
        # looked at one by one.
        owner = kept_all(match, persons) if match is not None else [False] * len(persons)
        if coauthors is not None or people is not None:
            candidates: Iterable[int] = range(len(persons))
        else:
            found = compress(range(len(persons)), owner)
            candidates = sorted({*found, *(p - 1 for p in keywords if 0 < p <= len(persons))})
        for index in candidates:
            person, position, is_owner = persons[index], index + 1, owner[index]
            words = keywords.get(position, _NO_WORDS)
            if people is not None and not is_owner:
                words = words | people.keywords_of(person)
            result.owner_found |= is_owner
            # In the order of cv_marks and cv_roles: the legend's order.
            symbols = tuple(symbol for w, (symbol, _text) in config.marks.items() if w in words)
            roles = tuple(role for w, role in config.roles.items() if w in words)
            result.used.update(w for w in words if w in config.marks)
            url = coauthors.url_of(person) if coauthors is not None and not is_owner else None
            marks = NameMarks(
                bold=is_owner or HIGHLIGHT in words, symbols=symbols, roles=roles, url=url
            )
            if marks != NameMarks():
                result.by_person[id(person)] = marks
                positions[index] = marks
        result.positions[role] = positions
    _mark_collaboration(entry, config, result)
    return result


def _mark_collaboration(entry: Entry, config: CvbibConfig, result: EntryMarks) -> None:
    """The entry's collaboration, bold where the owner is a member not named in the list."""
    collaboration = collaboration_of(entry, config.collaborations)
    result.collaboration = collaboration
    if collaboration is None or not collaboration.declared or result.owner_found:
        return
    result.member = True
    persons = entry.persons.get("author", ())
    positions = result.positions.setdefault("author", {})
    for index in collaboration.declared_positions:
        marks = positions.get(index, NameMarks())
        positions[index] = result.by_person[id(persons[index])] = NameMarks(
            bold=True, symbols=marks.symbols, roles=marks.roles, url=marks.url
        )


def decorate(name: Node, marks: NameMarks) -> Node:
    """The *name* template with its bold, superscript symbols and roles.

    pybtex name styles return templates, formatted later with the entry, so the
    decoration is a template too. The symbols sit inside the bold element
    ("**Kaiyan Zhang\\***"), so the owner is exactly one ``<strong>`` per
    occurrence; roles follow in plain text.
    """
    if marks.url:
        name = web_link(marks.url)[name]
    parts: list[Any] = [name, *(tag("sup")[symbol] for symbol in marks.symbols)]
    decorated: Node = tag("strong")[join[parts]] if marks.bold else join[parts]
    if marks.roles:
        roles = _(", ").join(_(role) for role in marks.roles)
        decorated = join[decorated, _(" ({roles})").format(roles=roles)]
    return decorated


@node
def web_link(children: list[Any], data: Any, url: str) -> Text:
    """A template node: its children as a :class:`~cvbib.text.markup.WebLink` to *url*."""
    parts = [
        child.format_data(data) if hasattr(child, "format_data") else child for child in children
    ]
    return Text(WebLink(url, *parts))


def legend_items(config: CvbibConfig, used: Iterable[str]) -> list[tuple[str, str]]:
    """(symbol, text) for each used mark, in the order of ``cv_marks``.

    A name's symbols follow the same order (:func:`compute_marks`), so a name
    marked ``2=corresponding,equal`` reads "*†" under a legend "* co-first ·
    † corresponding".
    """
    used = set(used)
    return [
        (symbol, _(text)) for keyword, (symbol, text) in config.marks.items() if keyword in used
    ]
