"""The built site in a real browser: axe-core, the Nu HTML checker, and the browser's print.

Every built page is audited (new pages included, as they appear): axe-core
finds no violation in light and dark, 1280 px and 390 px wide (and at 1400 px,
where furo shows the contents sidebar); the Nu HTML checker reports no error
and no warning; and printing the CV page from Chromium gives a clean CV: every
publication title, none of the theme's furniture, at most one page more than
``make latexpdf``, and no page but the last more than a third empty.

Needs Debian's chromium and chromium-driver, java, and ``make node_modules``;
see tests/browser.py for how a missing tool skips (or, in CI, fails).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from browser import (
    audited_pages,
    chromium,
    describe,
    missing_tools,
    print_to_pdf,
    require,
    run_axe,
    serve,
    set_view,
    vnu_problems,
)
from cvbuild import BuiltHtml, BuiltPdf, normalize
from cvsource import CvSource, comparable

pytestmark = pytest.mark.browser

#: Light and dark at 1280 and 390 px, and 1400 px, where furo shows the contents sidebar.
VIEWS = [(1280, False), (1280, True), (390, False), (390, True), (1400, False)]
A4 = (8.27, 11.69)
LETTER = (8.5, 11.0)
#: Chromium's default print margins are 1 cm; the CV's print style sets its own.
FURNITURE = ["Skip to content", "Made with", "Back to top", "On this page", "Copyright"]


@dataclass
class Site:
    outdir: Path
    url: str
    driver: Any


@pytest.fixture(scope="module")
def built(cv_html: BuiltHtml) -> Path:
    """The site of the CV under test, as the content tests built it (once per session)."""
    assert cv_html.warnings == ""
    return cv_html.outdir


@pytest.fixture(scope="module")
def site(built: Path) -> Iterator[Site]:
    require(missing_tools(axe=True))
    with serve(built) as url, chromium() as driver:
        yield Site(built, url, driver)


def test_every_page_is_audited(built: Path) -> None:
    assert "index.html" in audited_pages(built)


@pytest.mark.parametrize(
    ("width", "dark"), VIEWS, ids=[f"{w}px-{'dark' if d else 'light'}" for w, d in VIEWS]
)
def test_axe_finds_no_violation(site: Site, width: int, dark: bool) -> None:
    set_view(site.driver, width=width, dark=dark)
    found = {}
    for page in audited_pages(site.outdir):
        site.driver.get(site.url + page)
        scheme = site.driver.execute_script(
            "return getComputedStyle(document.body).getPropertyValue('--color-background-primary')"
        )
        assert scheme.strip(), page  # furo's colours are loaded
        violations = run_axe(site.driver)
        if violations:
            found[page] = describe(violations)
    assert not found, "\n".join(f"{page}:\n{text}" for page, text in found.items())


def test_dark_scheme_is_dark(site: Site) -> None:
    set_view(site.driver, width=1280, dark=True)
    site.driver.get(site.url + "index.html")
    background = site.driver.execute_script(
        "return getComputedStyle(document.body).backgroundColor"
    )
    red, green, blue = (int(v) for v in re.findall(r"\d+", background)[:3])
    assert red + green + blue < 3 * 64, background


def test_html_checker_finds_nothing(built: Path) -> None:
    require(missing_tools(vnu=True, browser=False))
    pages = sorted(str(p) for p in built.rglob("*.html"))
    problems = vnu_problems(pages)
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def latex_pages(cv_pdf: BuiltPdf) -> int:
    """How many pages ``make latexpdf`` gives: the browser's print may take one more."""
    return len(cv_pdf.pages)


def _flat(text: str) -> str:
    """Text without whitespace, so a phrase is found across line breaks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", normalize(text)))


def _found(phrase: str, text: str) -> bool:
    """A line-end hyphen is the word's own ("Fine-" / "Tuning") or the browser's ("Gener-")."""
    return _flat(phrase) in _flat(text) or _flat(phrase) in _flat(re.sub(r"-\n", "", text))


@pytest.mark.parametrize("paper", [A4, LETTER], ids=["a4", "letter"])
def test_print_gives_a_clean_cv(
    site: Site,
    latex_pages: int,
    tmp_path: Path,
    paper: tuple[float, float],
    cv_source: CvSource,
) -> None:
    set_view(site.driver, width=1280, dark=True)  # printing ignores the screen's scheme
    site.driver.get(site.url + "index.html")
    path = tmp_path / "print.pdf"
    path.write_bytes(print_to_pdf(site.driver, paper=paper))
    with pdfplumber.open(path) as document:
        pages = document.pages
        texts = [page.extract_text() or "" for page in pages]
        bottoms = [max((w["bottom"] for w in page.extract_words()), default=0) for page in pages]
        heights = [float(page.height) for page in pages]
    assert len(pages) <= latex_pages + 1, (len(pages), latex_pages)
    text = "\n".join(texts)
    titles = [entry.title for entry in cv_source.shown("html")]
    assert titles
    missing = [title for title in titles if comparable(title) not in comparable(text)]
    assert not missing, missing
    for word in FURNITURE:
        assert not _found(word, text), word
    # Every page but the last is at least two-thirds full (text reaches that far down).
    for number, (bottom, height) in enumerate(zip(bottoms[:-1], heights, strict=False), 1):
        assert bottom >= height * 2 / 3, f"page {number} ends at {bottom / height:.0%}"
    # Text is black on white: the dark scheme does not reach the paper.
    with pdfplumber.open(path) as document:
        colours = {
            tuple(round(c, 2) for c in (ch.get("non_stroking_color") or ()))
            for ch in document.pages[0].chars[:200]
        }
    assert all(sum(c) / max(len(c), 1) < 0.6 for c in colours if c), colours


#: The publication features' markup (cvbib), by the class names the print style knows.
PUBLICATION_CONTROLS = """
<nav class="cv-nav"><a href="#">All publications</a></nav>
<div class="cvbib-filter-box"><input aria-label="Filter"></div>
<p>Ada<span class="cvbib-authors-hidden">, Bea, Cy</span><span class="cvbib-authors-tail">,
  <button class="cvbib-authors-more">and 2 more</button></span>
  <span class="cvbib-badge">ICLR 2025</span></p>
<div class="cvbib-links"><a class="cvbib-link" href="#">PDF</a></div>
<details class="cvbib-toggle"><summary>Abstract</summary>Text</details>
"""


def test_print_hides_the_controls_and_keeps_the_badges(site: Site) -> None:
    set_view(site.driver, width=1280, dark=False)
    site.driver.get(site.url + "index.html")
    site.driver.execute_script(
        "const box = document.createElement('div'); box.id = 'controls';"
        "box.innerHTML = arguments[0]; document.querySelector('article').prepend(box);",
        PUBLICATION_CONTROLS,
    )
    site.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shown = site.driver.execute_script(
        "return Array.from(document.querySelectorAll('#controls *'))"
        ".filter(e => e.getClientRects().length > 0)"
        ".map(e => e.className || e.tagName.toLowerCase());"
    )
    assert shown == ["p", "cvbib-badge"], shown  # the paragraph and its badge
    hidden = site.driver.execute_script(
        "return ['.skip-to-content', '.toc-drawer', '.theme-toggle-container', 'footer',"
        " '.back-to-top'].filter(s => { const e = document.querySelector(s);"
        " return e && e.getClientRects().length > 0; });"
    )
    assert hidden == [], hidden
