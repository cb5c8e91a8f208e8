"""The CV's web page, for whoever owns it: expectations come from the CV's own sources.

tests/cvsource.py reads ``conf.py``, ``index.md``, ``sections/`` and ``refs.bib``;
these tests check that the page shows what they say, so they pass for a fork
with another owner, other sections and another ``.bib`` (the sample owner's
exact facts are tested in test_sample_cv.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import Tag
from cvbuild import BuiltHtml, copy_cv
from cvsource import CvSource, comparable


def article(cv_html: BuiltHtml) -> Tag:
    found = cv_html.soup.find("article")
    assert isinstance(found, Tag)
    return found


def heading_text(tag: Tag) -> str:
    return tag.get_text("", strip=True).rstrip("¶").replace("\N{NO-BREAK SPACE}", " ")


def entries(cv_html: BuiltHtml) -> list[Tag]:
    """The rendered bibliography entries, in page order."""
    return list(article(cv_html).select("ul > li[id]"))


def test_builds_without_warnings(cv_html: BuiltHtml) -> None:
    assert cv_html.warnings == ""


def test_heading_is_the_owner_then_the_sections_in_order(
    cv_html: BuiltHtml, cv_source: CvSource
) -> None:
    page = article(cv_html)
    h1 = page.find("h1")
    assert isinstance(h1, Tag) and heading_text(h1) == cv_source.owner
    title = cv_html.soup.find("title")
    assert title is not None and cv_source.owner in title.get_text()
    expected = [h for section in cv_source.sections[1:] for h in section.headings]
    assert [heading_text(h) for h in page.find_all(["h2", "h3"])] == expected


def test_every_list_item_of_the_sections_is_shown(cv_html: BuiltHtml, cv_source: CvSource) -> None:
    text = comparable(article(cv_html).get_text(" "))
    items = [item for section in cv_source.sections for item in section.items]
    missing = [item for item in items if comparable(item) not in text]
    assert not missing, missing


def test_every_selected_entry_is_shown_with_the_owner_in_bold(
    cv_html: BuiltHtml, cv_source: CvSource
) -> None:
    keys = cv_source.shown_keys("html")
    shown = entries(cv_html)
    assert len(shown) == len(keys)
    for key, li in zip(keys, shown, strict=True):
        title = cv_source.plain_title(key)
        if title:
            assert comparable(title) in comparable(li.get_text()), (key, li.get_text())
        assert li.find("strong") is not None, (key, "owner not bold", li.get_text())


def test_no_manual_boilerplate(cv_html: BuiltHtml) -> None:
    raw = str(cv_html.soup)
    assert "Indices and tables" not in raw
    assert "genindex.html" not in raw
    assert not re.search(r"\bContents\b", article(cv_html).get_text(""))


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
