"""cvbib inside real Sphinx builds: bold owner, marks, roles, legend, per style.

Each test builds tests/roots/test-marks (three entries: co-first + lead marks,
an initials spelling with namesakes and ``and others``, an edited volume) and
reads the output as a reader would: the HTML parsed with BeautifulSoup, the
LaTeX source as text.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cvbib_roots import build, strongs

STYLES = ["plain", "unsrt", "alpha", "unsrtalpha", "cv"]


@pytest.mark.parametrize("style", STYLES)
def test_html_marks_for_every_style(make_app, tmp_path: Path, style: str) -> None:
    built = build(make_app, "marks", tmp_path, bibtex_default_style=style)
    assert built.warnings == []
    assert len(built.items()) == 3

    ttrl = built.item("TTRL")
    # The owner exactly once in bold, the co-first mark inside the bold element.
    assert strongs(ttrl) == ["Kaiyan Zhang*"]
    owner = ttrl.find("strong")
    assert owner is not None and [s.get_text() for s in owner.find_all("sup")] == ["*"]
    text = ttrl.get_text("", strip=False)
    assert "Kaiyan Zhang* (Project Lead)" in text
    assert "Yuxin Zuo*" in text  # co-first, not bold
    assert "Shang Qu*" not in text

    initials = built.item("Initials")
    # "Zhang, K." is the owner; Wei Zhang and Kai Zhang are not.
    assert strongs(initials) == ["K. Zhang"]
    text = initials.get_text("", strip=False)
    assert "Wei Zhang†" in text
    assert "et al." in text and "others" not in text

    assert strongs(built.item("Edited")) == ["Kaiyan Zhang"]

    # One legend line naming exactly the marks used.
    legends = built.soup().select(".cvbib-legend")
    assert [legend.get_text(" ", strip=True) for legend in legends] == [
        "* co-first authors · † corresponding author"
    ]


@pytest.mark.parametrize("style", STYLES)
def test_latex_marks_for_every_style(make_app, tmp_path: Path, style: str) -> None:
    built = build(make_app, "marks", tmp_path, "latex", bibtex_default_style=style)
    assert built.warnings == []
    tex = built.tex()
    sup = r"$^{\text{%s}}$"
    assert r"\sphinxstylestrong{Kaiyan Zhang" + sup % "*" + "} (Project Lead)" in tex
    assert r"\sphinxstylestrong{K. Zhang}" in tex
    assert "Wei Zhang" + sup % "\N{DAGGER}" in tex
    assert r"\sphinxstylestrong{Kaiyan Zhang}, editors" in tex
    assert tex.count(r"\sphinxstylestrong{") == 3  # the owner's three occurrences, nobody else
    assert sup % "*" + " co-first authors · " + sup % "\N{DAGGER}" + " corresponding author" in tex
