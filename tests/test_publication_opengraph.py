"""A publication page previews in a chat or a social post as the CV page does.

Link previews read OpenGraph: a publication page had a ``twitter:card`` asking
for a large image and no image at all. Each page now carries the same set as
the CV page (``og:title``, ``og:type``, ``og:url``, ``og:site_name``,
``og:description``, ``og:image`` and its alt text), its own title, address and
description, the site's name and preview image. Built from
``roots/test-publications`` (Ada Lovelace's entries, base URL
``https://ada.example.org/``) with cvweb, as the CV is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from cvbib_roots import build
from PIL import Image

EXTENSIONS = ["myst_parser", "cvbib", "cvsite", "cvweb"]
BASE = "https://ada.example.org/"
PROJECT = "Ada's publications"


def opengraph(path: Path) -> dict[str, list[str]]:
    """Every ``og:*`` property of a page and its ``twitter:card``, with all their values."""
    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    found: dict[str, list[str]] = {}
    for tag in soup.find_all("meta", attrs={"property": True}):
        found.setdefault(str(tag["property"]), []).append(str(tag["content"]))
    for tag in soup.find_all("meta", attrs={"name": "twitter:card"}):
        found.setdefault("twitter:card", []).append(str(tag["content"]))
    return found


def test_a_publication_page_has_the_cv_pages_opengraph_set(make_app: Any, tmp_path: Path) -> None:
    built = build(make_app, "publications", tmp_path, extensions=EXTENSIONS, project=PROJECT)
    assert [w for w in built.warnings if "[cvbib.missing_file]" not in w] == []
    page = opengraph(built.outdir / "pub" / "lovelace2024engine.html")
    assert page == {
        "og:type": ["article"],
        "og:title": ["The Engine That Weaves"],
        "og:description": ["Ada Lovelace, Charles Babbage, Mary Somerville. NeurIPS 2024"],
        "og:url": [f"{BASE}pub/lovelace2024engine.html"],
        "twitter:card": ["summary_large_image"],
        "og:site_name": [PROJECT],
        "og:image": [f"{BASE}_static/cv-card.png"],
        "og:image:alt": [PROJECT],
        "og:locale": ["en_US"],  # the page's language (cvweb.languages)
    }
    cv = opengraph(built.outdir / "index.html")
    assert set(cv) == set(page)  # the same set as the CV page
    assert cv["og:image"] == page["og:image"] and cv["og:site_name"] == page["og:site_name"]
    with Image.open(built.outdir / "_static" / "cv-card.png") as card:
        assert card.size == (1200, 630)


def test_a_long_author_list_is_one_sentence(make_app: Any, tmp_path: Path) -> None:
    built = build(make_app, "publications", tmp_path, extensions=EXTENSIONS)
    path = built.outdir / "pub" / "collab2025.html"
    page = opengraph(path)
    description = "Person1 Member1, Person2 Member2, Person3 Member3 et al. "
    assert page["og:description"] == [f"{description}Physical Review Letters 2025"]
    meta = BeautifulSoup(path.read_text("utf-8"), "html.parser").find(
        "meta", attrs={"name": "description"}
    )
    assert meta["content"] == page["og:description"][0]


def test_without_a_base_url_the_image_is_relative_and_there_is_no_og_url(
    make_app: Any, tmp_path: Path
) -> None:
    built = build(make_app, "publications", tmp_path, extensions=EXTENSIONS, html_baseurl="")
    path = built.outdir / "pub" / "lovelace2024engine.html"
    page = opengraph(path)
    assert "og:url" not in page
    assert page["og:image"] == ["../_static/cv-card.png"]
    assert (path.parent / page["og:image"][0]).resolve().is_file()


def test_cvbib_alone_writes_the_publications_own_properties(make_app: Any, tmp_path: Path) -> None:
    built = build(make_app, "publications", tmp_path)  # the root's extensions: no cvweb
    page = opengraph(built.outdir / "pub" / "lovelace2024engine.html")
    assert sorted(page) == ["og:description", "og:title", "og:type", "og:url"]
