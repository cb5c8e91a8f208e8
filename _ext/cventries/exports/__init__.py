"""The CV as data at the site's root: ``resume.json`` and ``publications.json``.

Written by the web build (``build-finished``, HTML builders but epub) from
the same entries and publication models the page shows (:mod:`.resume`,
:mod:`.csl`), and linked from the CV page's head (``<link rel="alternate">``)
and from its "Last updated" line. A file is rewritten only when its bytes
change. ``cv_data_exports = False`` turns them off.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from cvbib.model import Publication, publication_of
from cvbib.people import EntryMarks, plain_name
from cvbib.render import link_tag
from cvbib.settings import get_config

from ..domain import EntriesDomain
from ..formatting import DateFormatter, locale_of
from ..settings import get_settings
from .csl import csl_item
from .resume import Contact, resume

__all__ = ["CSL_FILE", "RESUME_FILE", "read_contact", "setup_exports"]

RESUME_FILE = "resume.json"
CSL_FILE = "publications.json"
RESUME_TYPE = "application/json"
CSL_TYPE = "application/vnd.citationstyles.csl+json"
SKIP_BUILDERS = {"epub"}


def _wanted(app: Sphinx) -> bool:
    return (
        app.builder.format == "html"
        and app.builder.name not in SKIP_BUILDERS
        and get_settings(app.config).data_exports
    )


def read_contact(doctree: nodes.document, show_private: bool) -> Contact:
    """The contact line's email, phone, place and links (private text only when shown)."""
    contact = Contact()
    for container in doctree.findall(nodes.container):
        if "cv-contact" not in container["classes"]:
            continue
        for item in container.findall(nodes.inline):
            if "cv-item" not in item["classes"]:
                continue
            private = any(True for _ in item.findall(addnodes.only))
            if private and not show_private:
                continue
            text = " ".join(item.astext().split())
            words = text.lstrip("📍✉☎🔗🌐📞📧🏠 \N{VARIATION SELECTOR-16}").strip()
            refs = [r.get("refuri", "") for r in item.findall(nodes.reference)]
            for uri in refs:
                if uri.startswith("mailto:") and not contact.email:
                    contact.email = uri.removeprefix("mailto:")
                elif uri.startswith(("https://", "http://")) and uri not in contact.links:
                    contact.links.append(uri)
            if refs:
                continue
            if text.startswith("📍") and not contact.place:
                contact.place = words
            elif (text.startswith(("☎", "📞")) or private) and not contact.phone:
                contact.phone = words
        break
    return contact


def _publications(app: Sphinx) -> list[tuple[Any, Publication]]:
    """(pybtex entry, model) of every entry of the ``.bib`` files, in file order."""
    domain = app.env.get_domain("cite")
    bibdata = getattr(domain, "bibdata", None)
    if bibdata is None:
        return []
    shown: dict[str, Publication] = getattr(domain, "publications", {})
    config = get_config(app.config)
    found = []
    for key, entry in bibdata.data.entries.items():
        publication = shown.get(key)
        if publication is None or not publication.authors:
            try:
                publication = publication_of(entry, EntryMarks(), config)
            except Exception:  # an entry cvbib cannot model is warned about by cvbib
                continue
        found.append((entry, publication))
    return found


def _write(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if path.is_file() and path.read_text("utf-8") == text:
        return
    path.write_text(text, "utf-8")


def write_exports(app: Sphinx, exception: BaseException | None) -> None:
    if exception is not None or not _wanted(app):
        return
    env = app.env
    settings = get_settings(app.config)
    formatter = DateFormatter(settings, locale_of(settings, app.config.language))
    root = app.config.root_doc
    domain = cast(EntriesDomain, env.get_domain("cventries"))
    entries = domain.entries([root])
    try:
        doctree = env.get_doctree(root)
    except Exception:
        doctree = None
    show_private = bool(getattr(app.config, "cv_show_private", False))
    contact = read_contact(doctree, show_private) if doctree is not None else Contact()
    publications = _publications(app)
    owner = getattr(app.config, "cv_owner", "") or app.config.author
    day = getattr(env, "_cv_last_updated", None)
    meta = {"version": "v1.0.0"}
    if day is not None:
        meta["lastModified"] = day.isoformat()
    if app.config.html_baseurl:
        meta["canonical"] = app.config.html_baseurl + RESUME_FILE
    pubs = [
        (pub, [plain_name(p) for p in entry.persons.get("author", ())])
        for entry, pub in publications
    ]
    outdir = Path(app.outdir)
    _write(outdir / RESUME_FILE, resume(owner, contact, entries, pubs, formatter, meta))
    _write(outdir / CSL_FILE, [csl_item(entry, pub) for entry, pub in publications])


def link_exports(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``<link rel="alternate">`` to both files in the CV page's head."""
    if pagename != app.config.root_doc or not _wanted(app):
        return
    pathto = context["pathto"]
    tags = [
        link_tag("alternate", pathto(RESUME_FILE, 1), type=RESUME_TYPE, title="JSON Resume"),
        link_tag("alternate", pathto(CSL_FILE, 1), type=CSL_TYPE, title="Publications (CSL-JSON)"),
    ]
    metatags = context.get("metatags") or ""
    context["metatags"] = "\n".join(filter(None, [metatags, *tags]))


def setup_exports(app: Sphinx) -> None:
    app.connect("build-finished", write_exports)
    app.connect("html-page-context", link_exports)
