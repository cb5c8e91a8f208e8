"""The CV's web page, for whoever owns it: expectations come from the CV's own sources.

tests/cvsource.py reads ``conf.py``, ``index.md``, ``sections/`` and the ``.bib``
files without the code under test; these tests check that the page shows what
they say. They run against the CV under test and against another owner's CV
(tests/othercv.py: Crossref tags and math in titles, DBLP and Google Scholar
names, an entry she did not write), so they pass for any fork; the sample
owner's exact facts are tested in test_sample_cv.py.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from cvbuild import BuiltHtml, copy_cv
from cvsource import CvSource, Entry, comparable, folded


def article(cv_html: BuiltHtml) -> Tag:
    found = cv_html.soup.find("article")
    assert isinstance(found, Tag)
    return found


def heading_text(tag: Tag) -> str:
    return tag.get_text("", strip=True).rstrip("¶").replace("\N{NO-BREAK SPACE}", " ")


def owner_in_bold(li: Tag) -> list[str]:
    """The bold names of an entry, their marks (``*``, ``†``) left out, folded."""
    names = []
    for strong in li.find_all("strong"):
        marks = "".join(sup.get_text() for sup in strong.find_all("sup"))
        names.append(folded(strong.get_text().removesuffix(marks)))
    return names


def check_entries(page: Tag, cv_source: CvSource) -> None:
    """Every entry the sources select is shown, in order, with its title and the owner bold.

    Exactly: as many list items as entries; each with its title as a reader
    sees it; and the owner in bold once per time the entry lists them, as the
    entry spells the name, and nothing else in bold.
    """
    shown = list(page.select("ul > li[id]"))
    expected = cv_source.shown("html")
    assert len(shown) == len(expected), [e.key for e in expected]
    items = iter(shown)
    for bibliography in (b for b in cv_source.bibliographies if "html" in b.builders):
        block = [next(items) for _ in bibliography.keys]
        entries = [cv_source.entries[key] for key in bibliography.keys]
        if not bibliography.file_order:  # sorted by year or kind: pair them by title
            entries = [_entry_of(li, entries) for li in block]
        for entry, li in zip(entries, block, strict=True):
            assert comparable(entry.title) in comparable(li.get_text()), (entry.key, li.get_text())
            bold = [folded(name.shown) for name in entry.owner]
            assert owner_in_bold(li) == bold, (entry.key, li.get_text())


def _entry_of(li: Tag, entries: list[Entry]) -> Entry:
    matches = [e for e in entries if comparable(e.title) in comparable(li.get_text())]
    assert len(matches) == 1, (li.get_text(), [e.key for e in matches])
    return matches[0]


def test_builds_without_warnings(any_cv_html: BuiltHtml) -> None:
    assert any_cv_html.warnings == ""


def test_heading_is_the_owner_then_the_sections_in_order(
    any_cv_html: BuiltHtml, any_cv_source: CvSource
) -> None:
    page = article(any_cv_html)
    h1 = page.find("h1")
    assert isinstance(h1, Tag) and heading_text(h1) == any_cv_source.owner
    title = any_cv_html.soup.find("title")
    assert title is not None and any_cv_source.owner in title.get_text()
    expected = [h for section in any_cv_source.sections[1:] for h in section.headings]
    assert [heading_text(h) for h in page.find_all(["h2", "h3"])] == expected


def test_every_list_item_of_the_sections_is_shown(
    any_cv_html: BuiltHtml, any_cv_source: CvSource
) -> None:
    text = comparable(article(any_cv_html).get_text(" "))
    items = [item for section in any_cv_source.sections for item in section.items]
    assert items  # every CV has some (the sample's vision, honors; a fork's too)
    missing = [item for item in items if comparable(item) not in text]
    assert not missing, missing


def test_every_selected_entry_is_shown_with_the_owner_in_bold(
    any_cv_html: BuiltHtml, any_cv_source: CvSource
) -> None:
    assert any_cv_source.shown("html")  # a CV without publications tests nothing here
    check_entries(article(any_cv_html), any_cv_source)


def _drop_an_entry(page: Tag) -> None:
    page.select("ul > li[id]")[-1].decompose()


def _unbold_the_owner(page: Tag) -> None:
    bold = page.select("ul > li[id] strong")
    assert bold, "no bold name on the page to take away"
    bold[0].unwrap()


def _bold_a_coauthor(page: Tag) -> None:
    li = page.select("ul > li[id]")[0]
    li.p.insert(0, BeautifulSoup("<strong>Someone Else</strong>, ", "html.parser"))


def _retitle_an_entry(page: Tag) -> None:
    page.select("ul > li[id] em")[0].string = "Untitled"


@pytest.mark.parametrize(
    "mutate", [_drop_an_entry, _unbold_the_owner, _bold_a_coauthor, _retitle_an_entry]
)
def test_a_broken_page_fails_the_check(
    any_cv_html: BuiltHtml, any_cv_source: CvSource, mutate: Callable[[Tag], None]
) -> None:
    """The entry check is not vacuous: the same page, broken one way, fails it."""
    page = copy.copy(article(any_cv_html))  # a deep copy: the session's page stays whole
    mutate(page)
    with pytest.raises(AssertionError):
        check_entries(page, any_cv_source)


def test_no_manual_boilerplate(any_cv_html: BuiltHtml) -> None:
    raw = str(any_cv_html.soup)
    assert "Indices and tables" not in raw
    assert "genindex.html" not in raw
    assert not re.search(r"\bContents\b", article(any_cv_html).get_text(""))


def test_us_letter_is_one_setting(make_app, tmp_path: Path) -> None:
    srcdir = copy_cv(tmp_path / "cv")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('cv_paper = "a4"', 'cv_paper = "letter"'))
    app = make_app("latex", srcdir=srcdir)
    app.build()
    (tex_file,) = Path(app.outdir).glob("*.tex")
    tex = tex_file.read_text("utf-8")
    assert r"\documentclass[letterpaper," in tex
    assert "a4paper" not in tex
