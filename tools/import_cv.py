"""``make import-cv FROM=path``: a RenderCV YAML (al-folio's ``_data/cv.yml``) or a JSON
Resume file, as this CV's sections, ``refs.bib`` and ``cv_owner``.

It writes, in the CV's folder (``--to``, default: this checkout):

- ``conf.py``: ``cv_owner`` (and ``cv_owner_aliases`` when the file spells the
  owner differently in an author list);
- ``sections/contact.md`` (place, email, phone as ``{private}``, web site,
  profiles) and one ``sections/<section>.md`` per section of the file, with typed
  entries (``{cv-education}``, ``{cv-position}``, ``{cv-award}``, ...);
- ``refs.bib`` with the file's publications (the owner recognised) and a
  publications section that lists them;
- ``index.md`` including every section in the file's order.

Nothing is dropped silently: a field this tool does not know is kept as a
line of its entry's text and reported, and so is a date that is not ISO 8601.
It asks nothing and needs no network. The format is recognised from the
content (``cv:`` for RenderCV, ``basics`` for JSON Resume), not the suffix.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

sys.path.insert(0, str(Path(__file__).resolve().parent))
from new_cv import set_owner

REPO = Path(__file__).resolve().parent.parent
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_MYST_SPECIAL = re.compile(r"([\\`*_\[\]<>$])")

#: RenderCV's social networks -> the profile's address for a user name.
NETWORK_URLS = {
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "linkedin": "https://www.linkedin.com/in/{}",
    "orcid": "https://orcid.org/{}",
    "google scholar": "https://scholar.google.com/citations?user={}",
    "researchgate": "https://www.researchgate.net/profile/{}",
    "twitter": "https://x.com/{}",
    "x": "https://x.com/{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",
    "youtube": "https://www.youtube.com/@{}",
    "instagram": "https://www.instagram.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
}


@dataclass
class Section:
    title: str
    blocks: list[str] = field(default_factory=list)
    publications: bool = False


@dataclass
class Imported:
    """What a file says, ready to write."""

    owner: str
    contact: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    bib: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    #: What was not imported as a typed fact (kept as text), one line each.
    reports: list[str] = field(default_factory=list)


# --- MyST writing ---------------------------------------------------------------


def plain(text: Any, markdown: bool = False) -> str:
    """A value as one line of MyST; plain text has MyST's special characters escaped."""
    value = " ".join(str(text).split())
    if markdown:  # RenderCV writes Markdown: only $, which MyST reads as math here
        return value.replace("$", r"\$")
    return _MYST_SPECIAL.sub(r"\\\1", value)


def directive(kind: str, argument: str, options: Iterable[tuple[str, str]], body: str) -> str:
    lines = [f":::{{cv-{kind}}} {argument}".rstrip()]
    lines += [f":{name}: {value}" for name, value in options if value]
    if body.strip():
        lines += ["", body.strip()]
    lines.append(":::")
    return "\n".join(lines) + "\n"


def bullets(items: Iterable[Any], markdown: bool) -> str:
    return "\n".join(f"- {plain(item, markdown)}" for item in items if str(item).strip())


@dataclass
class Entry:
    """One entry being written: its options and its body lines."""

    where: str
    markdown: bool
    reports: list[str]
    options: list[tuple[str, str]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)

    def option(self, name: str, value: Any) -> None:
        if value not in (None, "", []):
            self.options.append((name, plain(value, self.markdown)))

    def date(self, name: str, value: Any) -> None:
        """An ISO date as an option; anything else kept as text and reported."""
        if value in (None, ""):
            return
        text = value.isoformat() if isinstance(value, datetime.date) else str(value).strip()
        if text.lower() == "present" or _ISO.match(text):
            self.options.append((name, text.lower() if text.lower() == "present" else text))
            return
        self.body.insert(0, f"*{plain(text, self.markdown)}*")
        self.reports.append(
            f"{self.where}: the date {text!r} is not ISO 8601; it is kept as text in the "
            f"entry: write it as :{name}: 2023-09 to have it sorted and formatted"
        )

    def text(self, value: Any) -> None:
        if value not in (None, ""):
            self.body.append(plain(value, self.markdown))

    def items(self, values: Any) -> None:
        if values:
            self.body.append(bullets(values, self.markdown))

    def unknown(self, data: dict[str, Any], known: set[str]) -> None:
        for key, value in data.items():
            if key in known or value in (None, "", []):
                continue
            shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
            self.body.append(f"{plain(key.replace('_', ' ').capitalize())}: {plain(shown)}")
            self.reports.append(
                f"{self.where}: the field {key!r} has no place in a typed entry; "
                "it is kept as a line of the entry's text"
            )

    def write(self, kind: str, argument: Any) -> str:
        return directive(kind, plain(argument, self.markdown), self.options, "\n\n".join(self.body))


# --- BibTeX writing -------------------------------------------------------------


def bib_value(text: Any, markdown: bool = False) -> str:
    value = " ".join(str(text).split())
    if markdown:  # RenderCV's author lists mark the owner with Markdown emphasis
        value = re.sub(r"[*_]{1,3}([^*_]+)[*_]{1,3}", r"\1", value)
    return value.replace("\\", "").replace("{", "").replace("}", "").replace("%", r"\%")


def bib_entry(kind: str, key: str, fields: dict[str, Any]) -> str:
    lines = [f"@{kind}{{{key},"]
    lines += [f"  {name:<9} = {{{bib_value(value)}}}," for name, value in fields.items() if value]
    return "\n".join(lines) + "\n}\n"


def bib_key(authors: list[str], year: str, title: str, taken: set[str]) -> str:
    family = slugify(authors[0].split()[-1] if authors else "anon", separator="") or "anon"
    word = next((w for w in re.findall(r"[A-Za-z]+", title) if len(w) > 3), "work")
    key = base = f"{family}{year}{word.lower()}"
    number = 2
    while key in taken:
        key, number = f"{base}{number}", number + 1
    taken.add(key)
    return key


# --- RenderCV -------------------------------------------------------------------

_EDUCATION = {"institution", "area", "degree", "start_date", "end_date", "date", "location"}
_EXPERIENCE = {"company", "position", "start_date", "end_date", "date", "location"}
_NORMAL = {"name", "start_date", "end_date", "date", "location"}
_COMMON = {"summary", "highlights", "url"}
_PUBLICATION = {"title", "authors", "doi", "url", "journal", "date", "summary"}


def _rendercv_entry(raw: Any, title: str, where: str, out: Imported, taken: set[str]) -> str | None:
    if isinstance(raw, str):
        return plain(raw, markdown=True) + "\n"
    if not isinstance(raw, dict):
        out.reports.append(f"{where}: an entry that is not a mapping or text is kept as text")
        return plain(raw) + "\n"
    entry = Entry(where, True, out.reports)
    if "bullet" in raw:
        entry.unknown(raw, {"bullet"})
        return f"- {plain(raw['bullet'], True)}\n" + "\n".join(entry.body)
    if "number" in raw:
        entry.unknown(raw, {"number"})
        return f"1. {plain(raw['number'], True)}\n" + "\n".join(entry.body)
    if "label" in raw and "details" in raw:
        entry.option("keywords", raw["details"])
        entry.unknown(raw, {"label", "details"})
        return entry.write("skill", raw["label"])
    if "title" in raw and "authors" in raw:
        return _rendercv_publication(raw, where, out, taken)
    dates = (("start", raw.get("start_date")), ("end", raw.get("end_date")))
    if "institution" in raw:
        entry.option("institution", raw["institution"])
        entry.option("area", raw.get("area"))
        kind, argument, known = "education", raw.get("degree") or raw.get("area"), _EDUCATION
    elif "company" in raw:
        entry.option("organization", raw["company"])
        kind, argument, known = "position", raw.get("position"), _EXPERIENCE
    else:
        award = re.search(r"award|honou?r|prize|scholarship", title, re.I)
        kind, argument, known = ("award" if award else "entry"), raw.get("name"), _NORMAL
    if not argument:
        argument = raw.get("area") or raw.get("name") or raw.get("position") or title
    for name, value in dates:
        entry.date(name, value)
    if raw.get("date") is not None and not raw.get("start_date"):
        entry.date("date", raw["date"])
    entry.option("location", raw.get("location"))
    if str(raw.get("url", "")).startswith(("http://", "https://")):
        entry.option("url", raw["url"])
    entry.text(raw.get("summary"))
    entry.items(raw.get("highlights"))
    entry.unknown(raw, known | _COMMON | {"degree", "name"})
    return entry.write(kind, argument)


def _owner_marked(author: str) -> bool:
    return bool(re.match(r"^\s*[*_]{1,2}.+[*_]{1,2}\s*$", author))


def _rendercv_publication(raw: dict[str, Any], where: str, out: Imported, taken: set[str]) -> None:
    authors = [str(a) for a in raw.get("authors", [])]
    for author in authors:
        name = bib_value(author, markdown=True)
        if _owner_marked(author) and name != out.owner and name not in out.aliases:
            out.aliases.append(name)
    date = raw.get("date")
    text = date.isoformat() if isinstance(date, datetime.date) else str(date or "")
    year = text[:4] if _ISO.match(text) else ""
    month = text[5:7] if len(text) >= 7 and _ISO.match(text) else ""
    names = [bib_value(a, markdown=True) for a in authors]
    key = bib_key(names, year, str(raw.get("title", "")), taken)
    fields = {
        "author": " and ".join(names),
        "title": bib_value(raw.get("title", ""), markdown=True),
        "journal": raw.get("journal"),
        "year": year,
        "month": month,
        "doi": raw.get("doi"),
        "url": raw.get("url"),
        "note": raw.get("summary"),
    }
    if text and not year:
        fields["note"] = "; ".join(filter(None, [str(fields["note"] or ""), text]))
        out.reports.append(f"{where}: the date {text!r} is not ISO 8601: kept as the entry's note")
    for key_name, value in raw.items():
        if key_name not in _PUBLICATION and value not in (None, ""):
            fields[key_name.replace("_", "")] = value
            out.reports.append(f"{where}: the field {key_name!r} is kept as a BibTeX field")
    out.bib.append(bib_entry("article" if raw.get("journal") else "misc", key, fields))
    return None


def read_rendercv(data: dict[str, Any]) -> Imported:
    cv = data.get("cv") or {}
    out = Imported(owner=str(cv.get("name", "")).strip())
    for key in data:
        if key not in ("cv", "design", "locale", "locale_catalog", "rendercv_settings"):
            out.reports.append(f"{key}: not part of a RenderCV file; not imported")
    for key in ("design", "locale", "locale_catalog", "rendercv_settings"):
        if key in data:
            out.reports.append(f"{key}: RenderCV's layout settings; not imported (the CV's own)")
    links, others = [], []
    for network in cv.get("social_networks") or []:
        name, user = str(network.get("network", "")), str(network.get("username", ""))
        pattern = NETWORK_URLS.get(name.lower())
        if pattern:
            links.append((user, pattern.format(user)))
        else:
            others.append(f"[{plain(name)}: {plain(user)}]{{.cv-item}}")
            out.reports.append(f"cv.social_networks: {name!r} has no known address; kept as text")
    _contact(out, cv.get("location"), cv.get("email"), cv.get("phone"), cv.get("website"), links)
    out.contact += others
    known = {"name", "location", "email", "phone", "website", "social_networks", "sections"}
    for key, value in cv.items():
        if key not in known and value:
            out.reports.append(f"cv.{key}: not a contact field this CV shows; not imported")
    taken: set[str] = set()
    for title, entries in (cv.get("sections") or {}).items():
        shown = str(title).replace("_", " ").strip()
        shown = shown[:1].upper() + shown[1:]
        section = Section(shown)
        for index, raw in enumerate(entries or []):
            block = _rendercv_entry(raw, shown, f"cv.sections.{title}[{index}]", out, taken)
            if block is not None:
                section.blocks.append(block)
            else:
                section.publications = True
        out.sections.append(section)
    return out


# --- JSON Resume ----------------------------------------------------------------


def _contact(out: Imported, place: Any, email: Any, phone: Any, url: Any, links: list) -> None:
    if place:
        out.contact.append(f"[📍 {plain(place)}]{{.cv-item}}")
    if email:
        out.contact.append(f"[✉ [{plain(email)}](mailto:{email})]{{.cv-item}}")
    if phone:
        out.contact.append(f"[{{private}}`☎ {' '.join(str(phone).split())}`]{{.cv-item}}")
    if url:
        host = re.sub(r"^https?://", "", str(url)).rstrip("/")
        out.contact.append(f"[🔗 [{plain(host)}]({url})]{{.cv-item}}")
    for text, link in links:
        out.contact.append(f"[🌐 [{plain(text)}]({link})]{{.cv-item}}")


def _json_entry(kind: str, item: dict[str, Any], where: str, out: Imported, spec: dict) -> str:
    entry = Entry(where, False, out.reports)
    argument = item.get(spec["argument"], "")
    for option, key in spec.get("options", {}).items():
        entry.option(option, item.get(key))
    for option, key in spec.get("dates", {}).items():
        entry.date(option, item.get(key))
    if str(item.get("url", "")).startswith(("http://", "https://")):
        entry.option("url", item["url"])
    for key in spec.get("text", ()):
        entry.text(item.get(key))
    for key in spec.get("lists", ()):
        entry.items(item.get(key))
    used = {spec["argument"], "url", *spec.get("options", {}).values()}
    used |= {*spec.get("dates", {}).values(), *spec.get("text", ()), *spec.get("lists", ())}
    entry.unknown(item, used)
    return entry.write(kind, argument)


_JSON_SECTIONS: list[tuple[str, str, str, dict[str, Any]]] = [
    (
        "work",
        "Experience",
        "position",
        {
            "argument": "position",
            "options": {"organization": "name", "location": "location"},
            "dates": {"start": "startDate", "end": "endDate"},
            "text": ("description", "summary"),
            "lists": ("highlights",),
        },
    ),
    (
        "education",
        "Education",
        "education",
        {
            "argument": "studyType",
            "options": {"institution": "institution", "area": "area", "score": "score"},
            "dates": {"start": "startDate", "end": "endDate"},
            "lists": ("courses",),
        },
    ),
    (
        "volunteer",
        "Service",
        "service",
        {
            "argument": "position",
            "options": {"body": "organization"},
            "dates": {"start": "startDate", "end": "endDate"},
            "text": ("summary",),
            "lists": ("highlights",),
        },
    ),
    (
        "awards",
        "Awards",
        "award",
        {
            "argument": "title",
            "options": {"awarder": "awarder"},
            "dates": {"date": "date"},
            "text": ("summary",),
        },
    ),
    (
        "certificates",
        "Certificates",
        "award",
        {"argument": "name", "options": {"awarder": "issuer"}, "dates": {"date": "date"}},
    ),
    (
        "projects",
        "Projects",
        "entry",
        {
            "argument": "name",
            "options": {"location": "entity"},
            "dates": {"start": "startDate", "end": "endDate"},
            "text": ("description",),
            "lists": ("highlights", "keywords", "roles"),
        },
    ),
    (
        "skills",
        "Skills",
        "skill",
        {"argument": "name", "options": {"level": "level"}, "text": (), "lists": ()},
    ),
    (
        "languages",
        "Languages",
        "language",
        {"argument": "language", "options": {"fluency": "fluency"}},
    ),
    (
        "interests",
        "Interests",
        "skill",
        {"argument": "name"},
    ),
]


def read_json_resume(data: dict[str, Any]) -> Imported:
    basics = data.get("basics") or {}
    out = Imported(owner=str(basics.get("name", "")).strip())
    location = basics.get("location") or {}
    place = ", ".join(
        str(location[k])
        for k in ("address", "postalCode", "city", "region", "countryCode")
        if location.get(k)
    )
    links = [
        (str(p.get("username") or p.get("network")), str(p["url"]))
        for p in basics.get("profiles") or []
        if str(p.get("url", "")).startswith(("http://", "https://"))
    ]
    _contact(out, place, basics.get("email"), basics.get("phone"), basics.get("url"), links)
    if basics.get("label") or basics.get("summary"):
        about = Section("About")
        if basics.get("label"):
            about.blocks.append(f"**{plain(basics['label'])}**\n")
        if basics.get("summary"):
            about.blocks.append(plain(basics["summary"]) + "\n")
        out.sections.append(about)
    if basics.get("image"):
        out.reports.append(
            "basics.image: a photo is not part of this CV's layout; not imported "
            f"({basics['image']})"
        )
    taken: set[str] = set()
    for key, title, kind, spec in _JSON_SECTIONS:
        items = data.get(key) or []
        if not items:
            continue
        section = Section(title)
        for index, item in enumerate(items):
            if key in ("skills", "interests") and item.get("keywords"):
                item = {**item, "keywords": ", ".join(map(str, item["keywords"]))}
                spec = {**spec, "options": {**spec.get("options", {}), "keywords": "keywords"}}
            section.blocks.append(_json_entry(kind, item, f"{key}[{index}]", out, spec))
        out.sections.append(section)
    publications = data.get("publications") or []
    if publications:
        section = Section("Publications", publications=True)
        for index, item in enumerate(publications):
            _json_publication(item, f"publications[{index}]", out, taken)
        out.sections.append(section)
    if data.get("references"):
        section = Section("References")
        for item in data["references"]:
            section.blocks.append(
                f"**{plain(item.get('name', ''))}**: {plain(item.get('reference', ''))}\n"
            )
        out.sections.append(section)
    for key in data:
        if key not in {"basics", "publications", "references", "meta", "$schema"} | {
            k for k, *_ in _JSON_SECTIONS
        }:
            out.reports.append(f"{key}: not a JSON Resume section; not imported")
    return out


def _json_publication(item: dict[str, Any], where: str, out: Imported, taken: set[str]) -> None:
    date = str(item.get("releaseDate", ""))
    year = date[:4] if _ISO.match(date) else ""
    key = bib_key([out.owner], year, str(item.get("name", "")), taken)
    fields = {
        # JSON Resume lists no authors: the owner's own work, with the owner as its author.
        "author": out.owner,
        "title": item.get("name"),
        "howpublished": item.get("publisher"),
        "year": year,
        "month": date[5:7] if len(date) >= 7 else "",
        "url": item.get("url"),
        "abstract": item.get("summary"),
    }
    out.reports.append(
        f"{where}: JSON Resume gives no author list; the entry lists the owner only: "
        "complete its author field in refs.bib"
    )
    for key_name, value in item.items():
        if key_name not in {"name", "publisher", "releaseDate", "url", "summary"} and value:
            fields[key_name.lower()] = value
            out.reports.append(f"{where}: the field {key_name!r} is kept as a BibTeX field")
    out.bib.append(bib_entry("misc", key, fields))


# --- writing the CV -----------------------------------------------------------


def read_file(path: Path) -> Imported:
    text = path.read_text("utf-8")
    data = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
    if isinstance(data, dict) and "cv" in data:
        imported = read_rendercv(data)
    elif isinstance(data, dict) and "basics" in data:
        imported = read_json_resume(data)
    else:
        raise SystemExit(
            f"error: {path} is neither a RenderCV file (a 'cv:' mapping) nor a JSON Resume "
            "(a 'basics' object)"
        )
    if not imported.owner:
        raise SystemExit(f"error: {path} gives no name (cv.name or basics.name)")
    return imported


def write_cv(imported: Imported, root: Path) -> list[str]:
    """Write the CV into *root*; the names of the section files, in order."""
    sections = root / "sections"
    sections.mkdir(exist_ok=True)
    for old in sections.glob("*.md"):
        old.unlink()
    files = ["contact.md"]
    contact = ":::{container} cv-contact\n" + "\n".join(imported.contact) + "\n:::\n"
    (sections / "contact.md").write_text(contact, "utf-8")
    for section in imported.sections:
        name = (slugify(section.title) or "section") + ".md"
        while name in files:
            name = name.removesuffix(".md") + "-2.md"
        parts = [f"## {section.title}\n"]
        if section.publications:
            parts.append("```{bibliography}\n:all:\n:list: bullet\n:actions: links\n```\n")
        parts += section.blocks
        (sections / name).write_text("\n".join(parts), "utf-8")
        files.append(name)
    includes = "\n".join(f"```{{include}} sections/{name}\n```\n" for name in files)
    (root / "index.md").write_text(
        f"# {{{{ cv_owner }}}}\n\n```{{cv-nav}}\n```\n\n{includes}", "utf-8"
    )
    bib = "\n".join(imported.bib) if imported.bib else ""
    (root / "refs.bib").write_text(bib, "utf-8")
    conf = root / "conf.py"
    set_owner(conf, imported.owner, reset_aliases=True)
    if imported.aliases:
        text = conf.read_text("utf-8")
        aliases = json.dumps(imported.aliases, ensure_ascii=False)
        text = re.sub(
            r"^cv_owner_aliases\b.*$",
            lambda _: f"cv_owner_aliases: list[str] = {aliases}",
            text,
            count=1,
            flags=re.M,
        )
        conf.write_text(text, "utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="a RenderCV .yaml or a JSON Resume .json")
    parser.add_argument("--to", type=Path, default=REPO, help="the CV's folder (default: here)")
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"error: {args.source} does not exist", file=sys.stderr)
        return 2
    imported = read_file(args.source)
    files = write_cv(imported, args.to)
    print(f"Imported {args.source} for {imported.owner}: {', '.join(files)}", end="")
    print(f"; {len(imported.bib)} publication(s) in refs.bib" if imported.bib else "")
    if imported.reports:
        print(f"{len(imported.reports)} thing(s) to look at (nothing was dropped):")
        for line in imported.reports:
            print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
