"""``make docx``: the Word file read back with python-docx, as Word and an HR system see it.

Built for the CV under test and for another owner's CV (tests/othercv.py); the
expectations come from the CV's sources through the independent reader
(tests/cvsource.py), and, for the sample, from its hand-typed facts.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
import pytest
from cv_facts import (
    CONTACT,
    HONORS,
    NOT_IN_SHORT,
    OWNER,
    PHONE,
    PUBLICATIONS,
    SECTIONS,
    SHORT_HONORS,
    SHORT_SECTIONS,
)
from cvbuild import copy_cv, sample_only
from cvsource import CvSource, comparable, folded, owner_names, read_cv
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from othercv import write_other_cv


@dataclass
class Word:
    source: CvSource
    path: Path
    document: Any

    def paragraphs(self, style: str | None = None) -> list[Any]:
        return [p for p in self.document.paragraphs if style is None or p.style.name == style]

    def text(self) -> str:
        return "\n".join(p.text for p in self.document.paragraphs)

    def hyperlinks(self) -> list[tuple[str, str]]:
        """(target, text) of every hyperlink, in document order."""
        rels = self.document.part.rels
        return [
            (rels[h.get(qn("r:id"))].target_ref, "".join(t.text for t in h.iter(qn("w:t"))))
            for h in self.document.element.body.iter(qn("w:hyperlink"))
        ]


def build_docx(root: Path, variant: str = "") -> Path:
    command = [sys.executable, "-m", "sphinx", "-M", "docx", str(root), str(root / "_build"), "-W"]
    if variant:
        command += ["-D", f"cv_variant={variant}"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    files = sorted((root / "_build" / "docx").glob("*.docx"))
    assert len(files) == 1, files
    return files[0]


@pytest.fixture(scope="module", params=["this-cv", "other-owner"])
def word(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Word:
    target = tmp_path_factory.mktemp("docx")
    root = copy_cv(target) if request.param == "this-cv" else write_other_cv(target)
    path = build_docx(root)
    return Word(read_cv(root), path, docx.Document(str(path)))


@pytest.fixture(scope="module")
def sample_word(tmp_path_factory: pytest.TempPathFactory) -> Word:
    root = copy_cv(tmp_path_factory.mktemp("docx-sample"))
    path = build_docx(root)
    return Word(read_cv(root), path, docx.Document(str(path)))


def test_the_file_is_named_as_the_pdf(word: Word) -> None:
    assert word.path.name == word.source.pdf_name.replace(".pdf", ".docx")


def test_word_heading_styles(word: Word) -> None:
    title = word.paragraphs("Title")
    assert [p.text for p in title] == [word.source.owner]
    headings = [p.text for p in word.document.paragraphs if p.style.name.startswith("Heading")]
    expected = [h for section in word.source.sections[1:] for h in section.headings]
    assert headings == expected


def test_every_list_item_is_there(word: Word) -> None:
    text = comparable(word.text())
    items = [item for section in word.source.sections for item in section.items]
    assert [item for item in items if comparable(item) not in text] == []


def _bold_runs(word: Word) -> list[str]:
    """Consecutive bold runs (superscripts apart) joined: what a reader sees as one bold span."""
    spans = []
    for paragraph in word.document.paragraphs:
        current = ""
        for run in paragraph.runs:
            if run.bold and not run.font.superscript:
                current += run.text
            elif current and not run.font.superscript:
                spans.append(current)
                current = ""
        if current:
            spans.append(current)
    return spans


def test_the_owner_is_bold_in_every_author_list(word: Word) -> None:
    source = word.source
    spellings = {folded(n.shown) for n in owner_names(source.conf)} | {folded(source.owner)}
    spellings |= {folded(name.shown) for entry in source.shown("latex") for name in entry.owner}
    bold_owner = [s for s in _bold_runs(word) if folded(s) in spellings]
    expected = [name for entry in source.shown("latex") for name in entry.owner]
    assert len(bold_owner) == len(expected) > 0


@sample_only()
def test_marks_are_superscripts(sample_word: Word) -> None:
    superscripts = [
        run.text for p in sample_word.document.paragraphs for run in p.runs if run.font.superscript
    ]
    co_first = sum(author.endswith("*") for pub in PUBLICATIONS for author in pub.authors)
    legends = len(sample_word.paragraphs("CV Legend"))
    assert legends == 2  # one per section with marked entries: Highlights, Selected Publications
    assert superscripts == ["*"] * len(superscripts)
    assert len(superscripts) == co_first + legends
    # The owner's own mark is bold, as the name is.
    owner_marks = [
        run
        for p in sample_word.document.paragraphs
        for previous, run in zip(p.runs, p.runs[1:], strict=False)
        if run.font.superscript and previous.text == OWNER
    ]
    assert owner_marks and all(run.bold for run in owner_marks)
    assert [p.text for p in sample_word.paragraphs("CV Legend")] == ["*\xa0co-first authors"] * 2


def test_links_are_hyperlinks(word: Word) -> None:
    links = word.hyperlinks()
    assert links
    assert all(target.startswith(("https://", "http://", "mailto:")) for target, _ in links)


@sample_only()
def test_the_contact_line(sample_word: Word) -> None:
    assert sample_word.hyperlinks() == [
        ("mailto:zhang-ky22@mails.tsinghua.edu.cn", "zhang-ky22@mails.tsinghua.edu.cn"),
        ("https://iseesaw.github.io", "iseesaw.github.io"),
        ("https://github.com/iseesaw", "iseesaw"),
    ]
    contact = sample_word.paragraphs("CV Contact")
    assert [p.text for p in contact] == [" · ".join([CONTACT[0], CONTACT[1], PHONE, *CONTACT[2:]])]
    # No icon is text: a parser reads the details themselves.
    icons = [c for c in sample_word.text() if unicodedata.category(c) == "So"]
    assert icons == []


@sample_only()
def test_dates_are_right_aligned_at_a_tab_stop(sample_word: Word) -> None:
    section = sample_word.document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    entries = [p for p in sample_word.document.paragraphs if "\t" in p.text]
    firsts = [p.text.split("\n")[0] for p in entries]
    assert firsts == [
        "Tsinghua University\tSept 2022 – Jun 2026",
        "Harbin Institute of Technology\tSept 2020 – Jun 2022",
        "Harbin Institute of Technology\tSept 2016 – Jun 2020",
    ]
    for paragraph in entries:
        stops = list(paragraph.paragraph_format.tab_stops)
        assert [(s.alignment, s.position) for s in stops] == [(WD_TAB_ALIGNMENT.RIGHT, width)]
    # Each typed entry is one paragraph: the degree and the advisor on lines of their
    # own under the institution; the interests, the entry's body, a paragraph after it.
    assert [p.style.name for p in entries] == ["CV Entry"] * 3
    assert entries[0].text.split("\n")[1:] == [
        "PhD in Electronic Engineering",
        "Advisor: Bowen Zhou",
    ]
    assert entries[1].text.split("\n")[1:] == [
        "MS in Computer Science",
        "Advisor: Weinan Zhang & Ting Liu",
    ]
    assert entries[2].text.split("\n")[1:] == ["BS in Computer Science"]
    paragraphs = sample_word.document.paragraphs
    after = paragraphs[[p._p for p in paragraphs].index(entries[0]._p) + 1]
    assert after.text == (
        "Interest: Large Language Models, Test-Time Scaling, Reinforcement Learning, "
        "Multi-Agent Systems"
    )
    # The dates are muted, as in the PDF.
    dates = [run for run in entries[0].runs if "Sept 2022" in run.text]
    assert dates and all(run.font.color.rgb is not None for run in dates)


@sample_only()
def test_sections_and_honors_of_the_sample(sample_word: Word) -> None:
    assert [p.text for p in sample_word.paragraphs("Heading 1")] == SECTIONS
    # The honours are {cv-award} entries: a CV Entry paragraph each, in the source's order.
    awards = [p.text for p in sample_word.paragraphs("CV Entry") if "\t" not in p.text]
    honors = [h.replace("'", "\N{RIGHT SINGLE QUOTATION MARK}") for h in HONORS]
    assert [a for a in awards if a in honors] == honors


def test_document_properties(word: Word) -> None:
    properties = word.document.core_properties
    assert properties.title == f"{word.source.owner} — Curriculum Vitae"
    assert properties.author == word.source.owner
    assert properties.last_modified_by == word.source.owner
    assert properties.subject == "Curriculum Vitae"
    assert properties.language == "en"
    assert properties.comments == ""
    assert properties.created is not None and properties.created.year >= 2025
    lang = word.document.styles.element.find(qn("w:docDefaults")).find(".//" + qn("w:lang"))
    assert lang.get(qn("w:val")) == "en"


def test_nothing_of_the_web_page_only(word: Word) -> None:
    text = word.text()
    for web_only in ["BibTeX", "Abstract", "All publications", "Download"]:
        assert web_only not in text, web_only


@sample_only()
def test_the_one_page_word_file(tmp_path: Path) -> None:
    root = copy_cv(tmp_path / "cv")
    path = build_docx(root, "short")
    assert path.name == "kaiyan-zhang-cv-short.docx"
    document = docx.Document(str(path))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == SHORT_SECTIONS
    text = "\n".join(p.text for p in document.paragraphs).replace(
        "\N{RIGHT SINGLE QUOTATION MARK}", "'"
    )
    for honor in SHORT_HONORS:
        assert honor in text
    for fact in NOT_IN_SHORT:
        assert fact not in text, fact
    assert document.core_properties.subject == "Curriculum Vitae: One-page CV"
