"""cvbib inside real Sphinx builds: bold owner, marks, roles, legend, per style.

Each test builds tests/roots/test-marks (three entries: co-first + lead marks,
an initials spelling with namesakes and ``and others``, an edited volume) and
reads the output as a reader would: the HTML parsed with BeautifulSoup, the
LaTeX source as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

STYLES = ["plain", "unsrt", "alpha", "unsrtalpha", "cv"]


def entries(outdir: Path) -> dict[str, Tag]:
    """The bibliography's list items of index.html, keyed by a word of each title."""
    soup = BeautifulSoup((outdir / "index.html").read_text("utf-8"), "html.parser")
    items = {}
    for li in soup.select("ul li"):
        text = li.get_text(" ", strip=True)
        for word in ("TTRL", "Initials", "Edited"):
            if word.lower() in text.lower():
                items[word] = li
    assert set(items) == {"TTRL", "Initials", "Edited"}, items
    return items


def strongs(li: Tag) -> list[str]:
    return [
        s.get_text("", strip=True).replace("\N{NO-BREAK SPACE}", " ") for s in li.find_all("strong")
    ]


@pytest.mark.parametrize("style", STYLES)
def test_html_marks_for_every_style(make_app, tmp_path: Path, rootdir: Path, style: str) -> None:
    app = make_app(
        "html",
        srcdir=_copy_root(rootdir / "test-marks", tmp_path / style),
        confoverrides={"bibtex_default_style": style},
    )
    app.build()
    assert app.warning.getvalue() == ""
    items = entries(Path(app.outdir))

    ttrl = items["TTRL"]
    # The owner exactly once in bold, the co-first mark inside the bold element.
    assert strongs(ttrl) == ["Kaiyan Zhang*"]
    owner = ttrl.find("strong")
    assert owner is not None and [s.get_text() for s in owner.find_all("sup")] == ["*"]
    text = ttrl.get_text("", strip=False)
    assert "Kaiyan Zhang* (Project Lead)" in text
    assert "Yuxin Zuo*" in text  # co-first, not bold
    assert "Shang Qu*" not in text

    initials = items["Initials"]
    # "Zhang, K." is the owner; Wei Zhang and Kai Zhang are not.
    assert strongs(initials) == ["K. Zhang"]
    text = initials.get_text("", strip=False)
    assert "Wei Zhang†" in text
    assert "et al." in text and "others" not in text

    edited = items["Edited"]
    assert strongs(edited) == ["Kaiyan Zhang"]

    # One legend line naming exactly the marks used.
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    legends = soup.select(".cvbib-legend")
    assert len(legends) == 1
    assert legends[0].get_text(" ", strip=True) == "* co-first authors · † corresponding author"


@pytest.mark.parametrize("style", STYLES)
def test_latex_marks_for_every_style(make_app, tmp_path: Path, rootdir: Path, style: str) -> None:
    app = make_app(
        "latex",
        srcdir=_copy_root(rootdir / "test-marks", tmp_path / style),
        confoverrides={"bibtex_default_style": style},
    )
    app.build()
    assert app.warning.getvalue() == ""
    tex = (
        next(Path(app.outdir).glob("*.tex"))
        .read_text("utf-8")
        .replace("\N{NO-BREAK SPACE}", " ")
        .replace(r"\sphinxhyphen{}", "-")
    )
    sup = r"$^{\text{%s}}$"
    assert r"\sphinxstylestrong{Kaiyan Zhang" + sup % "*" + "} (Project Lead)" in tex
    assert r"\sphinxstylestrong{K. Zhang}" in tex
    assert "Wei Zhang" + sup % "\N{DAGGER}" in tex
    assert r"\sphinxstylestrong{Kaiyan Zhang}, editors" in tex
    assert tex.count(r"\sphinxstylestrong{") == 3  # the owner's three occurrences, nobody else
    assert sup % "*" + " co-first authors · " + sup % "\N{DAGGER}" + " corresponding author" in tex


def _copy_root(source: Path, target: Path) -> Path:
    import shutil

    shutil.copytree(source, target)
    return target
