"""The CV as a JSON Resume (``resume.json``), from the same entries the page shows.

JSON Resume (jsonresume.org, schema 1.x) has sections for a job-seeker's CV;
the academic kinds go to the nearest one, and every fact of an entry is kept
(a fact JSON Resume has no field for goes in an extra field of the item,
which the schema allows):

========== ============== ==========================================================
entry      section        fields
========== ============== ==========================================================
education  education      institution, studyType (the degree), area, startDate,
                          endDate, score, url; advisor, thesis, location, highlights
position   work           name (organization), position, location, startDate,
                          endDate, url, description (department), highlights
grant      awards         title, awarder (agency), date (start), summary ("PI ·
                          USD 1,200,000 · 2022–2025"); role, amount, currency,
                          startDate, endDate, number
talk       projects       type "talk", name (title), entity (event), startDate (date),
                          description (invited/contributed, place), url
teaching   projects       type "teaching", name (course), entity (institution),
                          roles, startDate, endDate, description (term, size)
student    projects       type "supervision", name (student), entity (institution),
                          description (level, outcome), startDate, endDate
service    volunteer      organization (body), position (role), startDate, endDate
award      awards         title, awarder, date
skill      skills         name, level, keywords
language   languages      language, fluency
========== ============== ==========================================================

``basics`` comes from ``cv_owner`` and the contact line (email, the web links
as ``url`` and ``profiles``, the 📍 place as ``location.city``); the phone
number is left out unless ``cv_show_private`` is on, as on the web page.
``publications`` lists every publication of the ``.bib`` files (title,
venue as ``publisher``, ``releaseDate``, the DOI or first link as ``url``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

from cvbib.model import Publication

from ..formatting import DateFormatter
from ..model import CvEntry

__all__ = ["Contact", "resume"]

#: Hosts of well-known profiles -> the network's name.
NETWORKS = {
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "scholar.google.com": "Google Scholar",
    "orcid.org": "ORCID",
    "linkedin.com": "LinkedIn",
    "www.linkedin.com": "LinkedIn",
    "twitter.com": "Twitter",
    "x.com": "X",
    "bsky.app": "Bluesky",
    "huggingface.co": "Hugging Face",
    "dblp.org": "DBLP",
    "www.semanticscholar.org": "Semantic Scholar",
}


class Contact:
    """The contact line's facts: email, phone, place and links."""

    def __init__(
        self,
        email: str = "",
        phone: str = "",
        place: str = "",
        links: Iterable[str] = (),
    ) -> None:
        self.email = email
        self.phone = phone
        self.place = place
        self.links = list(links)


def _iso(entry: CvEntry, which: str) -> str:
    value = entry.start if which == "start" else entry.end
    return value.iso() if value is not None else ""


def _put(item: dict[str, Any], **fields: Any) -> dict[str, Any]:
    for key, value in fields.items():
        if value not in ("", None, [], ()):
            item[key] = value
    return item


def _profiles(links: list[str]) -> tuple[str, list[dict[str, str]]]:
    url = ""
    profiles = []
    for link in links:
        host = urlparse(link).netloc.lower()
        network = NETWORKS.get(host)
        if network is None:
            url = url or link
            continue
        path = urlparse(link).path.strip("/")
        username = path.split("/")[-1] if path and "/" not in path.rstrip("/") else ""
        profiles.append(_put({"network": network, "url": link}, username=username))
    return url, profiles


def basics(name: str, contact: Contact) -> dict[str, Any]:
    url, profiles = _profiles(contact.links)
    item = _put({"name": name}, email=contact.email, phone=contact.phone, url=url)
    if contact.place:
        item["location"] = {"city": contact.place}
    if profiles:
        item["profiles"] = profiles
    return item


def _dates(entry: CvEntry) -> dict[str, str]:
    return {"startDate": _iso(entry, "start"), "endDate": _iso(entry, "end")}


def _single_date(entry: CvEntry) -> str:
    day = entry.end or entry.start
    return day.iso() if day is not None else ""


def _item(entry: CvEntry, formatter: DateFormatter) -> tuple[str, dict[str, Any]]:
    """(JSON Resume section, item) of one entry (the table in the module docstring)."""
    get = entry.get
    highlights = list(entry.highlights)
    kind = entry.type
    if kind == "education":
        return "education", _put(
            {"institution": get("institution")},
            studyType=get("degree"),
            area=get("area"),
            score=get("score"),
            url=get("url"),
            advisor=get("advisor"),
            thesis=get("thesis"),
            location=get("location"),
            highlights=highlights,
            **_dates(entry),
        )
    if kind == "position":
        return "work", _put(
            {"name": get("organization")},
            position=get("position"),
            location=get("location"),
            url=get("url"),
            description=get("department"),
            supervisor=get("supervisor"),
            highlights=highlights,
            **_dates(entry),
        )
    if kind == "grant":
        amount = formatter.amount(get("amount"), get("currency")) if get("amount") else ""
        summary = " · ".join(filter(None, [get("role"), amount, formatter.range(entry.dates)]))
        return "awards", _put(
            {"title": get("title")},
            awarder=get("agency"),
            date=_iso(entry, "start") or _single_date(entry),
            summary=summary,
            role=get("role"),
            amount=get("amount"),
            currency=get("currency").upper(),
            number=get("number"),
            url=get("url"),
            highlights=highlights,
            **_dates(entry),
        )
    if kind in ("talk", "teaching", "student"):
        return "projects", _project(entry, highlights)
    if kind == "service":
        return "volunteer", _put(
            {"organization": get("body")},
            position=get("role"),
            url=get("url"),
            location=get("location"),
            highlights=highlights,
            **_dates(entry),
        )
    if kind == "award":
        return "awards", _put(
            {"title": get("title")},
            awarder=get("awarder"),
            date=_single_date(entry),
            url=get("url"),
            location=get("location"),
            summary=" ".join(highlights),
        )
    if kind == "skill":
        keywords = [k.strip() for k in re.split(r"[,;]", get("keywords")) if k.strip()]
        return "skills", _put({"name": get("name")}, level=get("level"), keywords=keywords)
    if kind == "language":
        return "languages", _put({"language": get("language")}, fluency=get("fluency"))
    others = {k: v for k, v in entry.facts.items() if k not in ("title", "location", "url")}
    return "projects", _put(
        {"name": entry.title},
        entity=get("location"),
        url=get("url"),
        highlights=highlights,
        **others,
        **_dates(entry),
    )


def _project(entry: CvEntry, highlights: list[str]) -> dict[str, Any]:
    get = entry.get
    if entry.type == "talk":
        description = ", ".join(filter(None, [get("kind"), get("location")]))
        return _put(
            {"name": get("title"), "type": "talk"},
            entity=get("event"),
            startDate=_single_date(entry),
            description=description,
            url=get("url"),
            highlights=highlights,
        )
    if entry.type == "teaching":
        size = f"{get('size')} students" if get("size") else ""
        return _put(
            {"name": get("course"), "type": "teaching"},
            entity=get("institution"),
            roles=[get("role")] if get("role") else [],
            description=", ".join(filter(None, [get("term"), size])),
            url=get("url"),
            highlights=highlights,
            **_dates(entry),
        )
    return _put(
        {"name": get("name"), "type": "supervision"},
        entity=get("institution"),
        description=", ".join(filter(None, [get("level"), get("outcome")])),
        thesis=get("thesis"),
        coadvisor=get("coadvisor"),
        url=get("url"),
        highlights=highlights,
        **_dates(entry),
    )


def _publication(publication: Publication, authors: list[str]) -> dict[str, Any]:
    url = f"https://doi.org/{publication.doi}" if publication.doi else ""
    url = url or next((link.url for link in publication.links if link.url), "") or ""
    return _put(
        {"name": publication.title_text},
        publisher=publication.venue or "",
        releaseDate=publication.date or "",
        url=url,
        summary=", ".join(authors),
    )


def resume(
    name: str,
    contact: Contact,
    entries: list[CvEntry],
    publications: list[tuple[Publication, list[str]]],
    formatter: DateFormatter,
    meta: dict[str, str],
) -> dict[str, Any]:
    """The whole ``resume.json`` document."""
    document: dict[str, Any] = {
        "$schema": "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json",
        "basics": basics(name, contact),
    }
    for entry in entries:
        section, item = _item(entry, formatter)
        document.setdefault(section, []).append(item)
    if publications:
        document["publications"] = [_publication(p, a) for p, a in publications]
    document["meta"] = meta
    return document
