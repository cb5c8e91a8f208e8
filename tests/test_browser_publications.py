"""The publication list in a real browser: toggles, copy button, filter box, hidden authors.

Builds ``roots/test-publications`` (with ``cv_max_authors = 6``), serves it on
loopback and drives Debian's Chromium through Selenium, as a visitor would:
clicking and pressing keys, reading what is displayed and what the clipboard
holds. A missing browser skips (or, in CI, fails) as in test_browser.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, missing_tools, require, serve
from test_publications import ROOT, sphinx

pytestmark = pytest.mark.browser

ENGINE = "lovelace2024engine"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, str]]:
    require(missing_tools())
    srcdir = tmp_path_factory.mktemp("browser-pubs") / "src"
    shutil.copytree(ROOT, srcdir)
    outdir = srcdir / "_build" / "html"
    result = sphinx(srcdir, "html", outdir, "-D", "cv_max_authors=6")
    assert result.returncode == 0, result.stderr
    with serve(Path(outdir)) as base, chromium() as driver:
        yield driver, base


def _open(driver: Any, url: str) -> None:
    driver.get(url)
    driver.execute_script("return document.readyState")


def _entry(driver: Any, title: str) -> Any:
    from selenium.webdriver.common.by import By

    for item in driver.find_elements(By.CSS_SELECTOR, "div.body li[id]"):
        if title in item.find_element(By.TAG_NAME, "p").text:
            return item
    raise AssertionError(f"no entry {title!r}")


def test_toggles_open_and_close_by_mouse_and_keyboard(page: tuple[Any, str]) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver, base = page
    _open(driver, base + "publications.html")
    entry = _entry(driver, "The Engine That Weaves")
    for kind, text in (("abstract", "as a loom weaves"), ("bibtex", "@inproceedings{")):
        details = entry.find_element(By.CSS_SELECTOR, f"details.cvbib-{kind}")
        summary = details.find_element(By.TAG_NAME, "summary")
        assert details.get_attribute("open") is None
        assert text not in details.text  # closed: the content is not displayed
        summary.click()
        assert details.get_attribute("open") is not None
        assert text in details.text
        summary.click()
        assert details.get_attribute("open") is None
        summary.send_keys(Keys.ENTER)  # from the keyboard, as a button
        assert details.get_attribute("open") is not None
        summary.send_keys(Keys.SPACE)
        assert details.get_attribute("open") is None


def test_copy_button_puts_the_bibtex_on_the_clipboard(page: tuple[Any, str]) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver, base = page
    driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {
            "origin": base.rstrip("/"),
            "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
        },
    )
    _open(driver, base + "publications.html")
    details = _entry(driver, "The Engine That Weaves").find_element(
        By.CSS_SELECTOR, "details.cvbib-bibtex"
    )
    details.find_element(By.TAG_NAME, "summary").click()
    code = details.find_element(By.CSS_SELECTOR, "div.highlight pre")
    shown = code.text
    ActionChains(driver).move_to_element(code).perform()
    details.find_element(By.CSS_SELECTOR, "button.copybtn").click()
    copied = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.clipboard.readText().then(done, e => done('ERROR ' + e));"
    )
    assert copied.strip() == shown.strip()
    assert copied.startswith(f"@inproceedings{{{ENGINE},")
    assert "keywords" not in copied and "abstract" not in copied


def test_filter_box_filters_and_hides_empty_years(page: tuple[Any, str]) -> None:
    from selenium.webdriver.common.by import By

    driver, base = page
    _open(driver, base + "publications.html")
    box = driver.find_element(By.CSS_SELECTOR, ".cvbib-filter-box input")
    label = driver.find_element(By.CSS_SELECTOR, ".cvbib-filter-box label")
    assert label.text == "Filter publications"

    def shown() -> tuple[list[str], list[str]]:
        items = [
            li.find_element(By.TAG_NAME, "p").text
            for li in driver.find_elements(By.CSS_SELECTOR, "div.body li[id]")
            if li.is_displayed()
        ]
        years = [
            h.text
            for h in driver.find_elements(By.CSS_SELECTOR, ".cvbib-group-heading")
            if h.is_displayed()
        ]
        return items, years

    assert len(shown()[0]) == 8
    box.send_keys("poetical")
    items, years = shown()
    assert len(items) == 1 and "Poetical Science" in items[0]
    assert years == ["2019 (1)"]
    box.clear()
    box.send_keys("babbage 2020")  # an author and a year
    items, years = shown()
    assert len(items) == 1 and "Sketch of the Analytical Engine" in items[0]
    box.clear()
    box.send_keys("x")
    box.clear()
    driver.execute_script("arguments[0].dispatchEvent(new Event('input', {bubbles: true}))", box)
    assert len(shown()[0]) == 8


def test_hidden_authors_are_revealed_in_place(page: tuple[Any, str]) -> None:
    from selenium.webdriver.common.by import By

    driver, base = page
    _open(driver, base + "publications.html")
    paragraph = _entry(driver, "A Measurement by Everyone").find_element(By.TAG_NAME, "p")
    assert "Person6 Member6" not in paragraph.text
    assert "…, Ada Lovelace, and 2,894 more" in paragraph.text
    button = paragraph.find_element(By.CSS_SELECTOR, "button.cvbib-authors-more")
    assert button.text == "and 2,894 more"  # underlined from "and", not from the comma
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    text = paragraph.text
    assert "Person5 Member5, Person6 Member6" in text
    assert "Person1733 Member1733, Ada Lovelace, Person1735 Member1735" in text
    assert text.count(",") >= 2899
    assert "2,894 more" not in text and "…" not in text
