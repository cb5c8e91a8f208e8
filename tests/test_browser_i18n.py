"""The Chinese CV in a real browser: axe-core, the Nu HTML checker, the print, a screenshot.

The sample built in Chinese (``make html LANGUAGE=zh_CN``, as tests/test_i18n.py
builds it) is audited as the English site is (tests/test_browser.py): no axe
violation in light and dark, wide and narrow; no error or warning of the Nu
checker (which, among others, checks ``lang`` values); the browser's print
holds every section heading and no control. A full-page screenshot is left in
the test's folder for a person to look at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

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
    screenshot,
    serve,
    set_view,
    vnu_problems,
)
from cvbuild import REPO, build_in_language, copy_cv, sample_only
from test_i18n import SECTIONS_ZH

#: The sample's Chinese translation: a fork has its own, or none (make new-cv removes it).
pytestmark = [pytest.mark.browser, sample_only()]

VIEWS = [(1280, False), (1280, True), (390, False), (390, True)]
A4 = (8.27, 11.69)


@pytest.fixture(scope="module")
def zh_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    srcdir = copy_cv(tmp_path_factory.mktemp("cv-zh-browser") / "cv", REPO)
    build_in_language(srcdir, "html", srcdir / "_build" / "zh_CN", "zh_CN")
    return srcdir / "_build" / "zh_CN" / "html"


@pytest.fixture(scope="module")
def zh_site(zh_built: Path) -> Iterator[tuple[str, object]]:
    require(missing_tools(axe=True))
    with serve(zh_built) as url, chromium() as driver:
        yield url, driver


@pytest.mark.parametrize(("width", "dark"), VIEWS)
def test_axe_finds_no_violation_on_the_chinese_pages(
    zh_built: Path, zh_site: tuple[str, object], width: int, dark: bool
) -> None:
    url, driver = zh_site
    found = []
    for page in audited_pages(zh_built):
        set_view(driver, width=width, dark=dark)
        driver.get(url + page)  # type: ignore[attr-defined]
        violations = run_axe(driver)
        if violations:
            found.append(f"{page}:\n{describe(violations)}")
    assert not found, "\n".join(found)


def test_html_checker_finds_nothing_on_the_chinese_pages(zh_built: Path) -> None:
    require(missing_tools(vnu=True, browser=False))
    pages = sorted(str(p) for p in zh_built.rglob("*.html"))
    problems = vnu_problems(pages)
    assert not problems, "\n".join(problems)


def test_the_chinese_page_prints_and_is_pictured(
    zh_site: tuple[str, object], tmp_path: Path
) -> None:
    url, driver = zh_site
    set_view(driver, width=1280, dark=False)
    driver.get(url + "index.html")  # type: ignore[attr-defined]
    screenshot(driver, tmp_path / "cv-zh_CN.png")
    assert (tmp_path / "cv-zh_CN.png").stat().st_size > 10_000
    pdf = tmp_path / "print.pdf"
    pdf.write_bytes(print_to_pdf(driver, paper=A4))
    with pdfplumber.open(pdf) as document:
        text = "".join(page.extract_text() or "" for page in document.pages)
    # NFKC: a CJK font's PDF may map 大 to the Kangxi radical ⼤. A heading's runs of
    # each script are set in their own fonts, which pdfplumber may read in another
    # order ("迈向的愿景AGI"): each run is looked for.
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    for heading in SECTIONS_ZH:
        for run in heading.split():
            assert run in flat, (heading, run)
    for control in ("English", "筛选论文", "Skip to content"):
        assert control not in text, control
