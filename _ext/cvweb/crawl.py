"""What crawlers read besides the page: the canonical URL, ``robots.txt``, ``sitemap.xml``.

The site's base URL is ``html_baseurl`` (``conf.py`` reads Read the Docs'
``READTHEDOCS_CANONICAL_URL``). With it, Sphinx writes a canonical link and
sphinx-sitemap a sitemap, but both name ``…/index.html`` where the address
people share is the directory; these functions make them name the directory.
Without a base URL there is no canonical link and no sitemap (a relative one
would be wrong), and ``robots.txt`` only allows everything.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
INDEX = "index.html"


def normalize_baseurl(url: str) -> str:
    """A base URL ends with ``/``, so relative page names join below it, not beside it."""
    url = url.strip()
    return url if not url or url.endswith("/") else url + "/"


def directory_url(url: str) -> str:
    """``https://x.org/cv/index.html`` -> ``https://x.org/cv/``; other URLs unchanged."""
    if url == INDEX or url.endswith("/" + INDEX):
        return url[: -len(INDEX)]
    return url


def page_url(baseurl: str, target_uri: str) -> str:
    """The public address of a page, or ``""`` when the base URL is not known."""
    return directory_url(baseurl + target_uri) if baseurl else ""


def fix_canonical(context: dict[str, Any]) -> None:
    """Point the page's ``<link rel="canonical">`` at the directory for an index page."""
    if context.get("pageurl"):
        context["pageurl"] = directory_url(context["pageurl"])


def robots_txt(baseurl: str, sitemap: str) -> str:
    """Allow every crawler everywhere; name the sitemap when it has an absolute address."""
    lines = ["User-agent: *", "Allow: /"]
    if baseurl:
        lines += ["", f"Sitemap: {baseurl}{sitemap}"]
    return "\n".join(lines) + "\n"


def fix_sitemap(path: Path) -> None:
    """Rewrite sphinx-sitemap's ``…/index.html`` locations as directories, in place."""
    if not path.is_file():
        return
    ElementTree.register_namespace("", SITEMAP_NS)
    ElementTree.register_namespace("xhtml", "http://www.w3.org/1999/xhtml")
    tree = ElementTree.parse(path)
    changed = False
    for loc in tree.getroot().iter(f"{{{SITEMAP_NS}}}loc"):
        if loc.text and loc.text != directory_url(loc.text):
            loc.text = directory_url(loc.text)
            changed = True
    if changed:
        tree.write(path, xml_declaration=True, encoding="utf-8", method="xml")
