"""What search engines, link previews and browsers read from the built page.

The CV's own page (built from this repository) carries a description, OpenGraph
and Twitter tags, schema.org Person data, a favicon, robots.txt and, when the
base URL is known, a canonical link and a sitemap. All of it comes from conf.py
and the sections: the owner is conf.py's, and the tests that expect the sample
CV's facts (cv_facts.py) skip, saying why, when the CV is no longer the sample.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from cv_facts import CONTACT, EDUCATION, HONORS
from cvbuild import BuiltHtml, copy_cv, current_owner, normalize, sample_only
from PIL import Image
from sphinx.testing.util import SphinxTestApp

from cvweb.head import add_json_ld, add_meta
from cvweb.person import Person

ROOTS = Path(__file__).parent / "roots"
BASE = "https://cv.example.org/en/latest/"
OWNER = current_owner()


def _build(srcdir: Path, **overrides: Any) -> tuple[Path, str]:
    app = SphinxTestApp("html", srcdir=srcdir, confoverrides=overrides or None)
    try:
        app.build()
        return Path(app.outdir), app.warning.getvalue()
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def cv(cv_html: BuiltHtml) -> tuple[Path, str]:
    """The CV under test's site, as the content tests built it (once per session)."""
    return cv_html.outdir, cv_html.warnings


@pytest.fixture(scope="module")
def cv_online(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The CV built as Read the Docs builds it: with a base URL (without its last slash)."""
    return _build(copy_cv(tmp_path_factory.mktemp("cv-web-online")), html_baseurl=BASE[:-1])


@pytest.fixture(scope="module")
def head(cv: tuple[Path, str]) -> BeautifulSoup:
    return BeautifulSoup((cv[0] / "index.html").read_text("utf-8"), "html.parser")


def _meta(soup: BeautifulSoup, key: str) -> list[str]:
    tags = soup.find_all("meta", attrs={"name": key}) + soup.find_all(
        "meta", attrs={"property": key}
    )
    return [str(tag["content"]) for tag in tags]


def _person(soup: BeautifulSoup) -> dict[str, Any]:
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    people = [b for b in blocks if b.get("@type") == "Person"]
    assert len(people) == 1, blocks
    return people[0]


def test_no_warnings(cv: tuple[Path, str], cv_online: tuple[Path, str]) -> None:
    assert cv[1] == ""
    assert cv_online[1] == ""


def test_one_viewport_tag(head: BeautifulSoup) -> None:
    assert len(head.find_all("meta", attrs={"name": "viewport"})) == 1


@sample_only()
def test_description_from_the_sections(head: BeautifulSoup) -> None:
    [description] = _meta(head, "description")
    assert description.startswith(f"{OWNER} — PhD in Electronic Engineering, Tsinghua University.")
    assert "Large Language Models, Test-Time Scaling" in description
    assert _meta(head, "og:description") == [description]


def test_link_preview_tags(cv: tuple[Path, str], head: BeautifulSoup) -> None:
    assert _meta(head, "og:title") == [OWNER]
    assert _meta(head, "og:type") == ["profile"]
    assert _meta(head, "twitter:card") == ["summary_large_image"]
    [image] = _meta(head, "og:image")
    with Image.open(cv[0] / image) as card:
        assert card.format == "PNG" and card.size == (1200, 630)


@sample_only()
def test_person_json_ld(head: BeautifulSoup) -> None:
    person = _person(head)
    assert person["@context"] == "https://schema.org"
    assert person["name"] == OWNER
    assert person["email"] in CONTACT
    assert person["affiliation"]["name"] == EDUCATION[0]
    assert [org["name"] for org in person["alumniOf"]] == ["Harbin Institute of Technology"]
    assert person["sameAs"] == ["https://iseesaw.github.io", "https://github.com/iseesaw"]
    assert [normalize(a) for a in person["award"]] == HONORS
    assert "Reinforcement Learning" in person["knowsAbout"]


def test_favicon_and_robots(cv: tuple[Path, str], head: BeautifulSoup) -> None:
    icons = [str(link["href"]) for link in head.find_all("link", rel="icon")]
    assert icons == ["favicon.ico", "_static/favicon.svg"]
    for icon in icons:
        assert (cv[0] / icon).is_file()
    assert (cv[0] / "robots.txt").read_text("utf-8") == "User-agent: *\nAllow: /\n"


@sample_only()
def test_the_sample_owners_monogram(cv: tuple[Path, str]) -> None:
    assert "KZ" in (cv[0] / "_static/favicon.svg").read_text("utf-8")


def test_without_base_url_no_canonical_and_no_sitemap(
    cv: tuple[Path, str], head: BeautifulSoup
) -> None:
    assert head.find("link", rel="canonical") is None
    assert not (cv[0] / "sitemap.xml").exists()


def test_canonical_sitemap_and_robots_name_the_directory(cv_online: tuple[Path, str]) -> None:
    outdir = cv_online[0]
    soup = BeautifulSoup((outdir / "index.html").read_text("utf-8"), "html.parser")
    assert soup.find("link", rel="canonical")["href"] == BASE
    assert _meta(soup, "og:url") == [BASE]
    assert _meta(soup, "og:image") == [BASE + "_static/cv-card.png"]
    assert _person(soup)["url"] == BASE
    sitemap = (outdir / "sitemap.xml").read_text("utf-8")
    locations = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert locations[0] == BASE
    assert not [loc for loc in locations if loc.endswith(("index.html", "search.html"))]
    assert (outdir / "robots.txt").read_text("utf-8").endswith(f"Sitemap: {BASE}sitemap.xml\n")


def test_nothing_but_the_cv_in_the_html(cv: tuple[Path, str]) -> None:
    html = (cv[0] / "index.html").read_text("utf-8")
    assert "cv_show_private" not in html  # the {private} comment of sections/contact.md
    assert "One card per highlighted work" not in html
    assert "Made with" not in html and "furo</a>" not in html.lower()
    assert f"Copyright © {OWNER}" in BeautifulSoup(html, "html.parser").footer.get_text()
    assert not (cv[0] / "search.html").exists()
    # Code styles only with code (the sample has none; a BibTeX toggle is code).
    shows_code = BeautifulSoup(html, "html.parser").select_one("div.highlight") is not None
    assert ("pygments.css" in html) == shows_code
    assert "sphinx_highlight.js" not in html and "doctools.js" not in html


def test_assets_follow_the_content(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-web", srcdir)
    outdir, warnings = _build(srcdir)
    assert warnings == ""
    with_code = (outdir / "index.html").read_text("utf-8")
    without_code = (outdir / "other.html").read_text("utf-8")
    assert "pygments.css" in with_code
    assert "pygments.css" not in without_code
    assert "a note for the next editor" not in with_code
    # The article is named by its h1 (no title section nested inside it).
    article = BeautifulSoup(without_code, "html.parser").find("article")
    assert article.find("section", recursive=False) is None
    assert article.select_one(":scope > div > h1") is not None


def test_a_site_without_cv_sections(tmp_path: Path) -> None:
    """No contact line, no Education, no Honors: a Person with its name, no error."""
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-web", srcdir)
    outdir, warnings = _build(srcdir)
    assert warnings == ""
    soup = BeautifulSoup((outdir / "index.html").read_text("utf-8"), "html.parser")
    assert _person(soup) == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Ada Lovelace",
    }
    assert "AL" in (outdir / "_static/favicon.svg").read_text("utf-8")


def test_head_helpers_escape() -> None:
    context: dict[str, Any] = {"metatags": ""}
    add_meta(context, "citation_title", 'A "quoted" <title> & more')
    add_json_ld(context, {"name": "</script><script>alert(1)</script>"})
    soup = BeautifulSoup(context["metatags"], "html.parser")
    assert soup.find("meta")["content"] == 'A "quoted" <title> & more'
    [script] = soup.find_all("script")
    assert "</script><script>" not in context["metatags"]
    assert json.loads(script.string) == {"name": "</script><script>alert(1)</script>"}


def test_description_needs_facts() -> None:
    assert Person(name="Ada").description() == ""
    assert Person(name="Ada", institutions=["U"]).description() == "Ada — U."


def test_the_owners_favicon_wins(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-web", srcdir)
    outdir, warnings = _build(srcdir, html_favicon="https://example.org/icon.png")
    assert warnings == ""
    soup = BeautifulSoup((outdir / "index.html").read_text("utf-8"), "html.parser")
    icons = [str(link["href"]) for link in soup.find_all("link", rel=["icon", "shortcut"])]
    assert icons == ["https://example.org/icon.png"]
    assert not (outdir / "favicon.ico").exists()
