"""The CV owner as data: schema.org ``Person`` JSON-LD and the page description.

Read from the root document's doctree and ``conf.py``, so the facts are the ones
the page shows and nothing is typed twice:

- ``name``: ``cv_owner`` (conf.py);
- ``email`` and ``sameAs``: the ``mailto:`` and ``http(s)`` links of the
  ``cv-contact`` container (the line under the name);
- ``affiliation``: the organization of the current position (a
  ``{cv-position}`` entry that is still going on, or without an end), else of
  the latest position, else the institution of the first education entry;
  the description says the same ("Professor of Analysis, University of
  London");
- ``alumniOf``: the institutions of the education entries that are not the
  affiliation;
- ``knowsAbout``: the comma-separated list after a bold "Interest:" label in
  the first education entry (the label and the commas as the page's
  language writes them: "研究兴趣：" and "、" in a Chinese translation);
- ``alternateName``: ``cv_owner_native``, the owner's name in another
  script, tagged with its language;
- ``award``: the ``{cv-award}`` entries (else the items of the Honors & Awards
  section).

Typed entries (:mod:`cventries`) are read from their data; a CV still
written in the older ``{.cv-entry}`` paragraphs is read as before.

The sections are found by their ids (``education``, ``honors-awards``), which
MyST derives from the headings; a CV without them simply has fewer fields.

Everything is in the page's language: the facts are read from the page as
built (a translated build reads the translation), the description's few
words come from cvweb's catalog, and the JSON-LD says its language
(``"@context": ["https://schema.org", {"@language": "zh-Hans"}]``), so a
reader of the data knows what the strings are written in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes

from cvbib.i18n import N_
from cventries.model import CvEntry
from cventries.render import cv_entry

from .languages import _

EDUCATION_IDS = ("education",)
HONORS_IDS = ("honors-awards", "honors", "awards")
CONTACT_CLASS = "cv-contact"
ENTRY_CLASS = "cv-entry"
INTEREST_LABEL = N_("Interest")
#: What separates the items of a list in the languages a CV is written in.
_LIST_SEPARATORS = re.compile(r"\s*[,，、;；]\s*")


@dataclass
class Person:
    """What the CV says about its owner, as plain strings."""

    name: str
    email: str = ""
    links: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    degree: str = ""
    #: The current position's organization and title, when the CV has positions.
    employer: str = ""
    position: str = ""
    interests: list[str] = field(default_factory=list)
    awards: list[str] = field(default_factory=list)
    #: The page's language (BCP 47), and the owner's name in another script with its own.
    language: str = ""
    native: str = ""
    native_language: str = ""

    def description(self) -> str:
        """One sentence for ``<meta name="description">`` and link previews."""
        current = self.institutions[0] if self.institutions else ""
        where = ""
        if self.employer and self.position:
            where = _("{position}, {organization}").format(
                position=self.position, organization=self.employer
            )
        elif self.employer:
            where = self.employer
        elif self.degree and current:
            where = _("{degree}, {institution}").format(degree=self.degree, institution=current)
        else:
            where = self.degree or current
        listed = _(", ").join(self.interests)
        if where and listed:
            summary = _("{facts}. Interest: {interests}.").format(facts=where, interests=listed)
        elif where:
            summary = _("{facts}.").format(facts=where)
        elif listed:
            summary = _("Interest: {interests}.").format(interests=listed)
        else:
            return ""
        return _("{name} — {summary}").format(name=self.name, summary=summary)

    def json_ld(self, url: str = "") -> dict[str, Any]:
        """schema.org ``Person``; *url* is the page's address when the site's base URL is known."""
        context: Any = "https://schema.org"
        if self.language:
            context = [context, {"@language": self.language}]
        data: dict[str, Any] = {"@context": context, "@type": "Person"}
        data["name"] = self.name
        if self.native:
            data["alternateName"] = (
                {"@value": self.native, "@language": self.native_language}
                if self.native_language and self.native_language != self.language
                else self.native
            )
        if url or self.links:
            data["url"] = url or self.links[0]
        if self.email:
            data["email"] = self.email
        if self.employer:
            data["affiliation"] = _organization(self.employer, "Organization")
            if self.position:
                data["jobTitle"] = self.position
            alumni = [i for i in self.institutions if i != self.employer]
        elif self.institutions:
            data["affiliation"] = _organization(self.institutions[0])
            alumni = [i for i in self.institutions[1:] if i != self.institutions[0]]
        else:
            alumni = []
        if alumni:
            data["alumniOf"] = [_organization(i) for i in dict.fromkeys(alumni)]
        if self.interests:
            data["knowsAbout"] = self.interests
        if self.awards:
            data["award"] = self.awards
        if self.links:
            data["sameAs"] = self.links
        return data


def read_person(
    doctree: nodes.document,
    name: str,
    language: str = "",
    native: str = "",
    native_language: str = "",
) -> Person:
    """The owner's facts found in *doctree* (the root document, includes resolved).

    *language* is the page's (BCP 47); *native* the owner's name in another
    script (``cv_owner_native``), in *native_language*.
    """
    person = Person(name=name, language=language, native=native, native_language=native_language)
    for container in doctree.findall(nodes.container):
        if CONTACT_CLASS in container["classes"]:
            _read_contact(container, person)
            break
    typed = [(n, n["cventry"]) for n in doctree.findall(cv_entry) if "cventry" in n]
    if typed:
        _read_entries(typed, person)
    education = _section(doctree, EDUCATION_IDS)
    if education is not None and not person.institutions:
        _read_education(education, person)
    honors = _section(doctree, HONORS_IDS)
    if honors is not None and not person.awards:
        for bullets in honors.findall(nodes.bullet_list):
            for item in bullets.children:
                text = _text(item)
                if text:
                    person.awards.append(text)
            break
    return person


def _current(positions: list[CvEntry]) -> CvEntry | None:
    """The position still going on (ended 'present' or not ended), else the latest."""
    ongoing = [p for p in positions if p.dates.ongoing or (p.start and p.end is None)]
    if ongoing:
        return ongoing[0]
    dated = [p for p in positions if not p.dates.empty]
    return max(dated, key=lambda p: p.dates.sort_key()) if dated else None


def _read_entries(typed: list[tuple[nodes.Element, CvEntry]], person: Person) -> None:
    """Affiliation, degree, interests and awards from the typed entries."""
    education = [(n, e) for n, e in typed if e.type == "education"]
    for _node, entry in education:
        name = entry.get("institution")
        if name and name not in person.institutions:
            person.institutions.append(name)
    if education:
        node, first = education[0]
        person.degree = first.get("degree")
        body = [c for c in node.children if "cv-entry-body" in c.get("classes", ())]
        for paragraph in (p for b in body for p in b.findall(nodes.paragraph)):
            person.interests = person.interests or _interests(paragraph)
    current = _current([e for _n, e in typed if e.type == "position"])
    if current is not None:
        person.employer = current.get("organization")
        person.position = current.get("position")
    person.awards = [e.title for _n, e in typed if e.type == "award" and e.title]


def _read_contact(container: nodes.Element, person: Person) -> None:
    for ref in container.findall(nodes.reference):
        uri = ref.get("refuri", "")
        if uri.startswith("mailto:") and not person.email:
            person.email = uri.removeprefix("mailto:")
        elif uri.startswith(("https://", "http://")) and uri not in person.links:
            person.links.append(uri)


def _read_education(section: nodes.section, person: Person) -> None:
    """Institutions of every entry; degree and interests of the first (the current one)."""
    entries = [p for p in section.findall(nodes.paragraph) if ENTRY_CLASS in p["classes"]]
    for entry in entries:
        strong = next(iter(entry.findall(nodes.strong)), None)
        institution = _text(strong) if strong is not None else ""
        if institution and institution not in person.institutions:
            person.institutions.append(institution)
    if entries:
        emphasis = next(iter(entries[0].findall(nodes.emphasis)), None)
        person.degree = _text(emphasis) if emphasis is not None else ""
        person.interests = _interests(entries[0])


def _interests(entry: nodes.paragraph) -> list[str]:
    """The comma-separated text after a bold "Interest:" label, up to the next line break."""
    children = list(entry.children)
    labels = {INTEREST_LABEL, _(INTEREST_LABEL)}
    for index, child in enumerate(children):
        if isinstance(child, nodes.strong) and _text(child).rstrip(":：").strip() in labels:
            words: list[str] = []
            for after in children[index + 1 :]:
                if isinstance(after, nodes.raw):
                    break
                words.append(after.astext())
            text = "".join(words).strip().rstrip("。.")
            return [item for item in _LIST_SEPARATORS.split(text) if item.strip()]
    return []


def _section(doctree: nodes.document, ids: tuple[str, ...]) -> nodes.section | None:
    for section in doctree.findall(nodes.section):
        if any(i in section["ids"] for i in ids):
            return section
    return None


def _text(node: nodes.Node) -> str:
    """Visible text of *node*: raw output (line breaks) left out, whitespace collapsed."""
    parts = [t.astext() for t in node.findall(nodes.Text) if not isinstance(t.parent, nodes.raw)]
    return " ".join("".join(parts).split())


def _organization(name: str, kind: str = "EducationalOrganization") -> dict[str, str]:
    return {"@type": kind, "name": name}
