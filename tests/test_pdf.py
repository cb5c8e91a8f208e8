"""The CV's PDF, for whoever owns it, built with xelatex and read back as text.

Expectations come from the CV's own sources (tests/cvsource.py, which does not
use the code under test), and the tests run against the CV under test and
against another owner's CV (tests/othercv.py), so a fork passes too. Needs TeX
(the README's apt-get command): where CI is set, a missing TeX is a failure;
elsewhere the tests skip, saying why.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from cvbuild import BuiltPdf
from cvsource import CvSource, comparable, folded, owner_names
from pypdf import PdfReader

pytestmark = pytest.mark.pdf

#: A CV's PDF stays short: at most this many pages.
PAGE_BUDGET = 3


def test_one_pdf_with_the_ascii_name_and_no_warning(
    any_cv_pdf: BuiltPdf, any_cv_source: CvSource
) -> None:
    assert any_cv_pdf.pdfs == [any_cv_source.pdf_name]
    assert re.fullmatch(r"[a-z0-9-]+\.pdf", any_cv_source.pdf_name)
    assert "WARNING" not in any_cv_pdf.stderr, any_cv_pdf.stderr


def test_metadata_and_page_budget(any_cv_pdf: BuiltPdf, any_cv_source: CvSource) -> None:
    reader = PdfReader(any_cv_pdf.path)
    assert 1 <= len(reader.pages) <= PAGE_BUDGET
    meta = reader.metadata
    assert meta is not None
    assert meta.title == f"{any_cv_source.owner} — Curriculum Vitae"
    assert meta.author == any_cv_source.owner
    assert meta.subject and meta.get("/Keywords")


def test_no_manual_furniture(any_cv_pdf: BuiltPdf, any_cv_source: CvSource) -> None:
    text = any_cv_pdf.text
    for word in ["Contents", "Index", "Release", "Chapter", "Python Module Index"]:
        assert not re.search(rf"\b{word}\b", text), word
    for section in any_cv_source.sections[1:]:
        for title in section.headings:
            assert not re.search(rf"^\d+(\.\d+)*\s+{re.escape(title)}", text, re.M), title
    # The footer: name and "Page N of M" on every page.
    owner = re.sub(r"\s+", "", any_cv_source.owner)
    for number, page in enumerate(any_cv_pdf.pages, start=1):
        flat = re.sub(r"\s+", "", page)
        assert flat.endswith(f"{owner}—CurriculumVitaePage{number}of{len(any_cv_pdf.pages)}")


def test_headings_and_list_items_of_the_sections(
    any_cv_pdf: BuiltPdf, any_cv_source: CvSource
) -> None:
    text = comparable(any_cv_pdf.text)
    facts = [fact for s in any_cv_source.sections for fact in s.headings + s.items]
    missing = [fact for fact in facts if comparable(fact) not in text]
    assert not missing, missing


def owner_runs(pdf: BuiltPdf, cv_source: CvSource) -> list[str]:
    """The bold runs that are one of the owner's names as some source spells it."""
    spellings = {folded(cv_source.owner)} | {folded(n.shown) for n in owner_names(cv_source.conf)}
    spellings |= {folded(name.shown) for entry in cv_source.shown("latex") for name in entry.owner}
    return [folded(run) for run in pdf.bold_runs if folded(run) in spellings]


def expected_owner_runs(cv_source: CvSource) -> list[str]:
    """The owner in bold: each heading or bold text that is their name, once per entry's listing."""
    texts = [t for section in cv_source.sections for t in section.headings + section.bold]
    names = {folded(n.shown) for n in owner_names(cv_source.conf)}
    expected = [folded(t) for t in texts if folded(t) in names]
    expected += [folded(name.shown) for entry in cv_source.shown("latex") for name in entry.owner]
    return expected


def test_owner_in_bold_in_every_entry(any_cv_pdf: BuiltPdf, any_cv_source: CvSource) -> None:
    # The name at the top (index.md's heading), then once per entry that lists the owner.
    assert any(entry.owner for entry in any_cv_source.shown("latex")), "no entry to count"
    expected = expected_owner_runs(any_cv_source)
    assert Counter(owner_runs(any_cv_pdf, any_cv_source)) == Counter(expected)


def test_every_entry_title_is_in_the_pdf(any_cv_pdf: BuiltPdf, any_cv_source: CvSource) -> None:
    text = comparable(any_cv_pdf.text)
    entries = any_cv_source.shown("latex")
    assert entries
    missing = [(e.key, e.title) for e in entries if comparable(e.title) not in text]
    assert not missing, missing


def test_every_glyph_is_there(any_cv_pdf: BuiltPdf) -> None:
    assert "Missing character" not in any_cv_pdf.log


def test_nothing_runs_into_the_margin(any_cv_pdf: BuiltPdf) -> None:
    overfull = [
        float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", any_cv_pdf.log)
    ]
    assert all(width <= 5 for width in overfull), overfull


def test_paper_size(any_cv_pdf: BuiltPdf, any_cv_source: CvSource) -> None:
    first = PdfReader(any_cv_pdf.path).pages[0]
    size = (round(float(first.mediabox.width)), round(float(first.mediabox.height)))
    assert size == {"a4": (595, 842), "letter": (612, 792)}[any_cv_source.conf["cv_paper"]]
