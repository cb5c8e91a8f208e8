"""``make text``: a plain-text CV to paste into a web form, for this CV and another owner's."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from cv_facts import NOT_IN_SHORT, OWNER, PUBLICATIONS, SECTIONS, SHORT_SECTIONS
from cvbuild import copy_cv, sample_only
from cvsource import CvSource, comparable, read_cv
from othercv import write_other_cv


@dataclass
class Plain:
    source: CvSource
    path: Path
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def build_text(root: Path, variant: str = "") -> Path:
    command = [sys.executable, "-m", "sphinx", "-M", "text", str(root), str(root / "_build"), "-W"]
    if variant:
        command += ["-D", f"cv_variant={variant}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return root / "_build" / "text"


@pytest.fixture(scope="module", params=["this-cv", "other-owner"])
def plain(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Plain:
    target = tmp_path_factory.mktemp("text")
    root = copy_cv(target) if request.param == "this-cv" else write_other_cv(target)
    source = read_cv(root)
    path = build_text(root) / source.pdf_name.replace(".pdf", ".txt")
    return Plain(source, path, path.read_text("utf-8"))


def test_the_name_first_and_no_markup(plain: Plain) -> None:
    assert plain.lines[0] == plain.source.owner
    for markup in ["**", "^*", "``", "|br|", "\\", "<", ">"]:
        assert markup not in plain.text, markup
    # No title between asterisks, no underlined heading.
    for entry in plain.source.shown("latex"):
        assert f"*{entry.title}" not in plain.text
    assert not [line for line in plain.lines if line and set(line) <= set("=-*~^\"'`#")]


def test_headings_in_capitals(plain: Plain) -> None:
    headings = [h for section in plain.source.sections[1:] for h in section.headings]
    found = [line for line in plain.lines if line in {h.upper() for h in headings}]
    assert found == [h.upper() for h in headings]


def test_the_owner_is_marked_in_every_author_list(plain: Plain) -> None:
    source = plain.source
    shown = [entry for entry in source.shown("latex") if entry.owner]
    entries = [line for line in plain.lines if line.startswith("- ")]
    for entry in shown:
        line = next(line for line in entries if comparable(entry.title) in comparable(line))
        for name in entry.owner:
            assert name.shown.upper() in line, (entry.key, line)
    # Written as written nowhere else but at the top.
    assert plain.text.count(source.owner) == 1


def test_one_line_per_paragraph(plain: Plain) -> None:
    # A form reflows text itself: no list item is broken over lines.
    items = [item for section in plain.source.sections for item in section.items]
    single = {" ".join(line.split()) for line in plain.lines}
    for item in items:
        assert any(comparable(item) in comparable(line) for line in single), item


def test_links_as_urls(plain: Plain) -> None:
    urls = re.findall(r"\]\((https?://[^)\s]+)\)", "\n".join(
        (plain.source.root / s.path).read_text("utf-8") for s in plain.source.sections
    ))  # fmt: skip
    for url in urls:
        assert url in plain.text, url
    mails = re.findall(
        r"\(mailto:([^)\s]+)\)",
        plain.source.root.joinpath("sections", "contact.md").read_text("utf-8"),
    )
    for address in mails:
        assert address in plain.text


@sample_only()
def test_the_sample_as_plain_text(tmp_path: Path) -> None:
    root = copy_cv(tmp_path / "cv")
    text = (build_text(root) / "kaiyan-zhang-cv.txt").read_text("utf-8")
    lines = text.splitlines()
    assert lines[:3] == [
        OWNER,
        "",
        "Beijing · zhang-ky22@mails.tsinghua.edu.cn · 188-460-80-950 · https://iseesaw.github.io"
        " · iseesaw (https://github.com/iseesaw)",
    ]
    assert [line for line in lines if line in {s.upper() for s in SECTIONS}] == [
        s.upper() for s in SECTIONS
    ]
    assert "Tsinghua University | Sept 2022 – Jun 2026" in lines
    ttrl = next(line for line in lines if "TTRL" in line)
    assert ttrl.startswith("- Yuxin Zuo*, KAIYAN ZHANG* (Project Lead), Shang Qu,")
    assert text.count("KAIYAN ZHANG") == len(PUBLICATIONS)
    assert "\N{NO-BREAK SPACE}" not in text
    short = (build_text(root, "short") / "kaiyan-zhang-cv-short.txt").read_text("utf-8")
    assert [line for line in short.splitlines() if line.isupper() and len(line) > 3] == [
        s.upper() for s in SHORT_SECTIONS
    ]
    for fact in NOT_IN_SHORT:
        assert fact.replace("'", "’") not in short and fact not in short, fact
