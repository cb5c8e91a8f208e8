"""The full list's year groups are headings on the web page, and only there.

A screen reader's user moves through a long list by headings (WCAG 1.3.1):
"2025 (5)" must be an ``<h2>`` under the page's ``<h1>``, an ``<h3>`` when the
list is in a section of the CV page, so that the page's outline skips no
level. The PDF and the text output set the group headings as before.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from cvbib_roots import build, copy_root, finished

YEARS = [f"{year} (1)" for year in range(2025, 2017, -1)]


def outline(soup: BeautifulSoup) -> list[tuple[int, str]]:
    """The headings of the page's main content, in order: (level, text without the ¶ link)."""
    main = soup.select_one('[role="main"]') or soup.select_one("article")
    assert main is not None
    result = []
    for heading in main.select("h1, h2, h3, h4, h5, h6"):
        for link in heading.select("a.headerlink"):
            link.decompose()
        result.append((int(heading.name[1]), " ".join(heading.get_text().split())))
    return result


def assert_no_skipped_level(headings: list[tuple[int, str]]) -> None:
    assert headings and headings[0][0] == 1, headings
    for (before, _), (level, text) in pairwise(headings):
        assert level <= before + 1, (text, headings)


def test_the_full_lists_years_are_h2_under_the_pages_h1(make_app: Any, tmp_path: Path) -> None:
    built = build(make_app, "publications", tmp_path)
    soup = BeautifulSoup((built.outdir / "publications.html").read_text("utf-8"), "html.parser")
    headings = outline(soup)
    assert headings == [(1, "Publications"), *[(2, year) for year in YEARS]]
    assert_no_skipped_level(headings)
    # the classes the filter script and the style read are still there
    groups = soup.select("div.cvbib-group")
    assert [group.select_one("h2.cvbib-group-heading") is not None for group in groups] == [
        True
    ] * len(YEARS)
    assert soup.select("p.rubric") == []


def test_a_grouped_list_in_a_section_of_the_cv_page_has_h3_years(
    make_app: Any, tmp_path: Path
) -> None:
    srcdir = copy_root("publications", tmp_path / "src")
    index = srcdir / "index.md"
    grouped = index.read_text("utf-8").replace(":selected:", ":selected:\n:group: year")
    index.write_text(grouped, "utf-8")
    app = make_app("html", srcdir=srcdir)
    app.build()
    built = finished(app)
    soup = BeautifulSoup((built.outdir / "index.html").read_text("utf-8"), "html.parser")
    headings = outline(soup)
    assert headings[:2] == [(1, "Ada Lovelace"), (2, "Selected Publications")]
    assert headings[2:] == [(3, "2025 (1)"), (3, "2024 (1)")]  # the two selected entries
    assert_no_skipped_level(headings)


def test_the_pdf_and_the_text_keep_their_group_headings(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root("publications", tmp_path / "latex-src")
    app = make_app("latex", srcdir=srcdir)
    app.build()
    latex = finished(app)
    tex = (latex.outdir / "ada.tex").read_text("utf-8")
    assert re.findall(r"\\subsubsection\*\{(\d{4}[^}]*)", tex) == YEARS
    assert r"\subsection*{2025" not in tex and r"\section*{2025" not in tex
    text = build(make_app, "publications", tmp_path, "text")
    output = (text.outdir / "publications.txt").read_text("utf-8")
    assert [line for line in output.splitlines() if line.startswith("-[ ")] == [
        f"-[ {year} ]-" for year in YEARS
    ]
