"""Every publication of the ``.bib`` files as CSL-JSON (``publications.json``).

CSL-JSON is what Zotero, pandoc, citeproc-js and citeproc-py read; each item
is made from cvbib's publication model (the same venue, date, DOI and links
the page shows) and from the entry's names, split into CSL's ``family`` and
``given`` (a one-part name, such as a CJK name written as one word, is a
``literal``). The items follow the ``.bib`` files' order. The file validates
against the CSL data schema (``csl-data.json``; the tests check it).
"""

from __future__ import annotations

from typing import Any

from pybtex.database import Entry, Person

from cvbib.bib import is_others
from cvbib.latex import to_plain
from cvbib.model import Publication

__all__ = ["CSL_TYPES", "csl_item"]

#: cvbib's kind of venue -> CSL's item type.
CSL_TYPES = {
    "journal": "article-journal",
    "proceedings": "paper-conference",
    "preprint": "article",
    "thesis": "thesis",
    "book": "book",
    "chapter": "chapter",
    "report": "report",
    "other": "article",
}


def _plain(words: list[str]) -> str:
    return " ".join(" ".join(to_plain(w) for w in words).split())


def csl_name(person: Person) -> dict[str, str]:
    """A pybtex person as a CSL name: family and given parts, or a literal."""
    family = _plain([*person.prelast_names, *person.last_names])
    given = _plain([*person.first_names, *person.middle_names])
    suffix = _plain(list(person.lineage_names))
    if not given:
        return {"literal": family}
    name = {"family": family, "given": given}
    if suffix:
        name["suffix"] = suffix
    return name


def _date_parts(iso: str | None) -> dict[str, Any] | None:
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-") if p.isdigit()]
    return {"date-parts": [parts]} if parts else None


def csl_item(entry: Entry, publication: Publication) -> dict[str, Any]:
    """One CSL-JSON item for *entry*, from its model *publication*."""
    item: dict[str, Any] = {
        "id": publication.key,
        "type": CSL_TYPES.get(publication.venue_kind, "article"),
        "title": publication.title_text,
    }
    for role, key in (("author", "author"), ("editor", "editor")):
        people = [csl_name(p) for p in entry.persons.get(role, ()) if not is_others(p)]
        if people:
            item[key] = people
    issued = _date_parts(publication.date)
    if issued:
        item["issued"] = issued
    if publication.venue:
        item["container-title"] = publication.venue
    if publication.venue_kind == "thesis" and publication.institution:
        item["publisher"] = publication.institution
        item.pop("container-title", None)
    elif publication.publisher:
        item["publisher"] = publication.publisher
    for field, value in (
        ("volume", publication.volume),
        ("issue", publication.number),
        ("page", publication.pages),
    ):
        if value:
            item[field] = value
    if publication.doi:
        item["DOI"] = publication.doi
    url = next((link.url for link in publication.links if link.url), None)
    if url:
        item["URL"] = url
    if publication.arxiv:
        item["number"] = f"arXiv:{publication.arxiv}"
    status = str(entry.fields.get("pubstate", "")).strip()
    if status:
        item["status"] = to_plain(status)
    if publication.award:
        item["note"] = publication.award
    if publication.abstract_text:
        item["abstract"] = publication.abstract_text
    return item
