"""The CV's web page, built from this repository and read as a visitor reads it.

Expectations come from tests/cv_facts.py, typed by hand from the source CV.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from cv_facts import (
    CONTACT,
    EDUCATION,
    HIGHLIGHT_FACTS,
    HIGHLIGHTS,
    HONORS,
    ICONS,
    NOTES,
    OWNER,
    PHONE,
    SECTIONS,
    SELECTED,
    SERVICES,
    VISION,
    Pub,
)
from cvbuild import copy_cv, normalize
from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def cv_html(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[BeautifulSoup, str]]:
    """The CV built once for the module (a function-scoped make_app would build it per test)."""
    srcdir = copy_cv(tmp_path_factory.mktemp("cv-html"))
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        html = (Path(app.outdir) / "index.html").read_text("utf-8")
        yield BeautifulSoup(html, "html.parser"), app.warning.getvalue()
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def article(cv_html: tuple[BeautifulSoup, str]) -> Tag:
    found = cv_html[0].find("article")
    assert isinstance(found, Tag)
    return found


def text_of(node: Tag) -> str:
    return re.sub(r"\s+", " ", normalize(node.get_text(""))).strip()


def section(article: Tag, title: str) -> Tag:
    for candidate in article.find_all("section"):
        heading = candidate.find(["h2"], recursive=False)
        if heading is not None and heading.get_text("", strip=True).rstrip("¶") == title:
            return candidate
    raise AssertionError(f"no section {title!r}")


def test_builds_without_warnings(cv_html: tuple[BeautifulSoup, str]) -> None:
    assert cv_html[1] == ""


def test_name_and_sections_in_order(article: Tag) -> None:
    h1 = article.find("h1")
    assert h1 is not None and h1.get_text("", strip=True).rstrip("¶") == OWNER
    headings = [h.get_text("", strip=True).rstrip("¶") for h in article.find_all("h2")]
    assert headings == SECTIONS


def test_contact_line(cv_html: tuple[BeautifulSoup, str], article: Tag) -> None:
    contact = article.select_one(".cv-contact")
    assert contact is not None
    text = text_of(contact)
    for fact in CONTACT:
        assert fact in text
    for icon in ["📍", "✉", "🔗", "🌐"]:
        assert icon in text
    hrefs = {a.get_text("", strip=True): a["href"] for a in contact.find_all("a")}
    assert hrefs["iseesaw.github.io"] == "https://iseesaw.github.io"
    assert hrefs["iseesaw"] == "https://github.com/iseesaw"
    # docutils obfuscates the address in the href; a browser decodes it.
    email = hrefs["zhang-ky22@mails.tsinghua.edu.cn"]
    assert email.startswith("mailto:")
    # The phone number is private: not on the web page at all, not even hidden.
    raw = str(cv_html[0])
    assert PHONE not in raw and "☎" not in raw
    assert "☎" in ICONS


def test_no_manual_boilerplate(cv_html: tuple[BeautifulSoup, str]) -> None:
    raw = str(cv_html[0])
    assert "Indices and tables" not in raw
    assert "genindex.html" not in raw
    assert "Contents" not in text_of(cv_html[0].find("article"))


def _entry_items(sec: Tag) -> list[Tag]:
    return [li for li in sec.find_all("li") if li.find("em")]


def _check_entry(li: Tag, pub: Pub) -> None:
    text = text_of(li)
    assert pub.title in text, (pub.title, text)
    names_part = text.split(pub.title)[0]
    names_part = names_part.replace(" (Project Lead)", "").rstrip(". ")
    names = [re.sub(r"^and ", "", n.strip()) for n in re.split(r",| and ", names_part)]
    names = [n for n in names if n]
    if pub.et_al:
        assert names[-1] == "et al", names
        names = names[:-1]
    else:
        assert "et al" not in names_part
    assert names == list(pub.authors), (pub.key, names)
    # The owner: one bold element, holding the co-first mark when there is one.
    strong = [normalize(s.get_text("", strip=True)) for s in li.find_all("strong")]
    expected_owner = next(a for a in pub.authors if a.rstrip("*") == OWNER)
    assert strong == [expected_owner], (pub.key, strong)
    assert ("(Project Lead)" in text) is pub.lead
    if pub.lead:
        assert f"{expected_owner} (Project Lead)" in text
    # Co-first marks are superscripts, one per marked author.
    assert len(li.find_all("sup")) == sum(a.endswith("*") for a in pub.authors)
    assert pub.venue in text


def test_highlights_in_order_with_full_author_lists(article: Tag) -> None:
    items = _entry_items(section(article, "Highlights"))
    assert len(items) == len(HIGHLIGHTS)
    for li, pub in zip(items, HIGHLIGHTS, strict=True):
        _check_entry(li, pub)


def test_selected_publications_in_order(article: Tag) -> None:
    items = _entry_items(section(article, "Selected Publications"))
    assert len(items) == len(SELECTED)
    for li, pub in zip(items, SELECTED, strict=True):
        _check_entry(li, pub)


def test_highlight_cards_hold_their_figures(article: Tag) -> None:
    cards = article.select(".cv-highlight")
    assert len(cards) == len(HIGHLIGHTS)
    text = text_of(section(article, "Highlights"))
    for fact in HIGHLIGHT_FACTS:
        assert fact in text, fact
    assert "700+ Stars on GitHub" in text_of(cards[0])
    assert "More than 30K downloads on Huggingface" in text_of(cards[4])


def test_legend_once_per_section_with_marks(article: Tag) -> None:
    for title in ["Highlights", "Selected Publications"]:
        legends = section(article, title).select(".cvbib-legend")
        assert [text_of(legend) for legend in legends] == ["* co-first authors"]
    assert len(article.select(".cvbib-legend")) == 2


@pytest.mark.parametrize(
    ("title", "facts"),
    [
        ("Vision towards AGI", VISION),
        ("Education", EDUCATION),
        ("Honors & Awards", HONORS),
        ("Services", SERVICES),
        ("Selected Publications", NOTES),
    ],
)
def test_section_facts(article: Tag, title: str, facts: list[str]) -> None:
    text = text_of(section(article, title))
    for fact in facts:
        assert fact in text, fact


def test_education_dates_are_marked_for_right_alignment(article: Tag) -> None:
    dates = [text_of(d) for d in article.select(".cv-dates")]
    assert dates == ["Sept 2022 – Jun 2026", "Sept 2020 – Jun 2022", "Sept 2016 – Jun 2020"]


def test_phone_shown_when_the_owner_asks(make_app, tmp_path: Path) -> None:
    srcdir = copy_cv(tmp_path / "cv")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text("utf-8").replace("cv_show_private = False", "cv_show_private = True")
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    html = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert PHONE in html and "☎" in html


def test_us_letter_is_one_setting(make_app, tmp_path: Path) -> None:
    srcdir = copy_cv(tmp_path / "cv")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('cv_paper = "a4"', 'cv_paper = "letter"'))
    app = make_app("latex", srcdir=srcdir)
    app.build()
    tex = (Path(app.outdir) / "kaiyan-zhang-cv.tex").read_text("utf-8")
    assert r"\documentclass[letterpaper," in tex
    assert "a4paper" not in tex
