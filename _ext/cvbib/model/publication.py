"""One publication's facts, derived once: the model every output renders.

The text line of a bibliography comes from a pybtex style; everything else a
reader sees of a publication reads this model instead of the ``.bib`` fields:
the badges and link buttons under the entry, the abstract and BibTeX toggles,
the entry's own page, its Google Scholar (Highwire) tags and its schema.org
``ScholarlyArticle``. So a DOI, a preprint server, a co-first mark or a thesis
kind is worked out in one place (:mod:`cvbib.model.identifiers`, the marks) and
every output says the same thing.

A :class:`Publication` is built with the formatted entry and cached with it
(see :mod:`cvbib.style.formatting`): it depends on the entry, the options and the
code, exactly as the text does. It is immutable and picklable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from operator import is_
from typing import cast

from pybtex.database import Entry, Person
from pybtex.richtext import Text

from ..bib import is_others, iso_date, kept_all, per_spelling, year_of_date
from ..latex import decode
from ..people import EntryMarks, plain_name
from ..settings import CvbibConfig
from .fields import plain_field
from .identifiers import Link, doi_of, links_of, preprint_of, thesis_kind
from .venue import venue_line, venue_of

__all__ = ["Contributor", "Publication", "is_selected", "publication_of", "selected_filter_for"]

_TRUE_RE = re.compile(r"^\s*\{?\s*(?:true|yes|1)\s*\}?\s*$", re.IGNORECASE)
#: What a selection keyword may be: a word of letters, digits, ``-`` and ``_``, so
#: that it goes into a regular expression and a filter expression as it is.
SELECTED_KEYWORD_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

#: The filter expression of ``:selected:`` for sphinxcontrib-bibtex's ``:filter:``:
#: the same rule as :func:`is_selected`, in its safe expression language.
SELECTED_FILTER = (
    r'keywords % r"(^|[,;])\s*selected\s*([,;]|$)"'
    r' or selected % r"^\s*\{?\s*(true|yes|1)\s*\}?\s*$"'
)


def selected_filter_for(keyword: str) -> str:
    """The ``:filter:`` expression of ``:selected:`` when *keyword* marks the selection.

    ``selected`` gives :data:`SELECTED_FILTER` (which also honours al-folio's
    ``selected = {true}``); another keyword (a variant of the CV choosing its own
    list, ``keywords = {selected, short}``) counts only as a keyword. *keyword*
    is checked against :data:`SELECTED_KEYWORD_RE` by the configuration.
    """
    if keyword == "selected":
        return SELECTED_FILTER
    if not SELECTED_KEYWORD_RE.match(keyword):
        raise ValueError(f"not a selection keyword: {keyword!r}")
    return rf'keywords % r"(^|[,;])\s*{keyword}\s*([,;]|$)"'


#: The kinds of venue, for metadata (Highwire's journal vs conference title).
_TYPE_KINDS = {
    "article": "journal",
    "inproceedings": "proceedings",
    "conference": "proceedings",
    "proceedings": "proceedings",
    "book": "book",
    "mvbook": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "techreport": "report",
    "report": "report",
}


@dataclass(frozen=True)
class Contributor:
    """One author or editor as shown: name, marks, role and homepage."""

    name: str
    owner: bool = False
    symbols: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    url: str | None = None

    @cached_property
    def marked(self) -> bool:
        """Whether the name is shown with more than its text (bold, a symbol, a role, a link)."""
        return bool(self.owner or self.url or self.symbols or self.roles)


@dataclass(frozen=True)
class Publication:
    """What every output says about one entry."""

    key: str
    type: str
    title: Text
    title_text: str
    #: The authors and editors: empty when ``cv_publication_pages`` is off
    #: (only a publication's page and its metadata show them).
    authors: tuple[Contributor, ...]
    #: Whether the author list ends in "and others" (et al.).
    et_al: bool
    editors: tuple[Contributor, ...]
    #: The collaboration a field names ("ATLAS Collaboration"), shown before the
    #: authors; ``owner`` when the owner is a member the list does not name.
    #: None when there is none, or when the list names it (it is an author).
    collaboration: Contributor | None
    venue: str | None
    #: Venue, details, status, year, award and note as the ``cv`` style writes them.
    venue_line: Text
    #: "journal", "proceedings", "preprint", "thesis", "book", "chapter", "report",
    #: "talk", "software", "dataset" or "other".
    venue_kind: str
    year: str | None
    #: ISO 8601: "2024", "2024-05" or "2024-05-17".
    date: str | None
    volume: str | None
    number: str | None
    pages: str | None
    publisher: str | None
    institution: str | None
    #: A software's or data set's version, as written ("v2.2.0").
    version: str | None
    doi: str | None
    arxiv: str | None
    links: tuple[Link, ...]
    abbr: str | None
    award: str | None
    abstract: Text | None
    selected: bool

    @property
    def abstract_text(self) -> str | None:
        return str(self.abstract) if self.abstract is not None else None

    def link(self, kind: str) -> Link | None:
        return next((link for link in self.links if link.kind == kind), None)


def is_selected(entry: Entry, keyword: str = "selected") -> bool:
    """Whether the entry is in the CV's selected list.

    Exactly: ``keywords`` holds *keyword* as one keyword (comma or semicolon
    separated), or, for ``selected``, ``selected = {true}`` (al-folio). A
    keyword such as "Selected reaction monitoring" does not count.
    """
    keywords = [k.strip().lower() for k in re.split(r"[,;]", str(entry.fields.get("keywords", "")))]
    if keyword in keywords:
        return True
    return keyword == "selected" and bool(_TRUE_RE.match(str(entry.fields.get("selected", ""))))


def _contributors(
    entry: Entry, role: str, marks: EntryMarks
) -> tuple[tuple[Contributor, ...], bool]:
    """The people of *role* as shown, and whether the list ends in "et al.".

    Most names of a long list carry no mark: their contributors are read in
    one pass (one shared object per spelling), then the few marked ones are
    put in their places.
    """
    persons = entry.persons.get(role, ())
    people: list[Contributor | None] = kept_all(_plain_contributor, persons)
    for index, mark in marks.positions.get(role, {}).items():
        person = persons[index]
        people[index] = (
            None
            if is_others(person)
            else Contributor(
                name=plain_name(person),
                owner=mark.bold,
                symbols=mark.symbols,
                roles=mark.roles,
                url=mark.url,
            )
        )
    if any(map(is_, people, repeat(None))):  # BibTeX's "others" (compared by identity)
        return tuple(person for person in people if person is not None), True
    return tuple(cast(list[Contributor], people)), False


@per_spelling
def _plain_contributor(person: Person) -> Contributor | None:
    """An unmarked person as a contributor, or None for BibTeX's ``others``."""
    return None if is_others(person) else Contributor(name=plain_name(person))


def _venue_kind(entry: Entry, venue_field: str | None) -> str:
    if venue_field in ("thesis", "preprint", "talk", "software", "dataset"):
        return venue_field
    if venue_field in ("journal", "journaltitle"):
        return "journal"
    if venue_field in ("booktitle", "eventtitle"):
        return "proceedings"
    return _TYPE_KINDS.get(entry.type.lower(), "other")


def publication_of(
    entry: Entry,
    marks: EntryMarks,
    config: CvbibConfig,
    links: Sequence[Link] | None = None,
) -> Publication:
    """The :class:`Publication` of *entry*, with the marks computed for its text.

    *links* may be given when the caller already has them (:func:`links_of`).
    """
    # The people and the venue line are read only by a publication's page (and
    # its metadata): without pages, a long list does not pay for them.
    pages = config.publication_pages
    authors, et_al = _contributors(entry, "author", marks) if pages else ((), False)
    editors = _contributors(entry, "editor", marks)[0] if pages else ()
    title_field = entry.fields.get("title")
    title = decode(title_field) if title_field else Text()
    venue_field, venue = venue_of(entry)
    year = plain_field(entry, "year")
    if year is None and entry.fields.get("date"):
        year = year_of_date(str(entry.fields["date"]))
    preprint = preprint_of(entry)
    links = tuple(links_of(entry) if links is None else links)
    arxiv = next((link.url for link in links if link.kind == "arxiv" and link.url), None)
    abstract_field = entry.fields.get("abstract")
    collaboration = marks.collaboration
    return Publication(
        key=str(entry.key),
        type=entry.type.lower(),
        title=title,
        title_text=str(title).strip(),
        authors=authors,
        et_al=et_al,
        editors=editors,
        collaboration=(
            Contributor(name=collaboration.name, owner=marks.member)
            if collaboration is not None and collaboration.shown_first
            else None
        ),
        venue=str(venue).strip() if venue is not None else None,
        venue_line=venue_line(entry) if pages else Text(),
        venue_kind=_venue_kind(entry, venue_field),
        year=year,
        date=iso_date(_string(entry.fields.get("date")), year, _string(entry.fields.get("month"))),
        volume=plain_field(entry, "volume") if preprint is None else None,
        number=plain_field(entry, "number") if preprint is None else None,
        pages=plain_field(entry, "pages") if preprint is None else None,
        publisher=plain_field(entry, "publisher"),
        institution=(
            plain_field(entry, "school") or plain_field(entry, "institution")
            if thesis_kind(entry) or entry.type.lower() in ("techreport", "report")
            else None
        ),
        version=plain_field(entry, "version"),
        doi=doi_of(entry),
        arxiv=arxiv.rsplit("/abs/", 1)[-1] if arxiv else None,
        links=links,
        abbr=plain_field(entry, "abbr"),
        award=plain_field(entry, "award") or plain_field(entry, "award_name"),
        abstract=decode(abstract_field) if abstract_field and abstract_field.strip() else None,
        selected=is_selected(entry, config.selected_keyword),
    )


def _string(value: object) -> str | None:
    return str(value) if value is not None else None
