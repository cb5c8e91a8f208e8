"""The CV's PDF, for whoever owns it, built with xelatex and read back as text.

Expectations come from the CV's own sources (tests/cvsource.py), so a fork
passes too. Needs TeX (the README's apt-get command): where CI is set, a
missing TeX is a failure; elsewhere the tests skip, saying why.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from cvbuild import BuiltPdf
from cvsource import CvSource, comparable
from pypdf import PdfReader

from cvbib.people import parse_owner_name

pytestmark = pytest.mark.pdf

#: A CV's PDF stays short: at most this many pages.
PAGE_BUDGET = 3


def folded(text: str) -> str:
    """Letters and digits without accents: bold runs compared with name keys."""
    decomposed = unicodedata.normalize("NFKD", comparable(text))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def test_one_pdf_with_the_ascii_name_and_no_warning(cv_pdf: BuiltPdf, cv_source: CvSource) -> None:
    assert cv_pdf.pdfs == [cv_source.pdf_name]
    assert re.fullmatch(r"[a-z0-9-]+\.pdf", cv_source.pdf_name)
    assert "WARNING" not in cv_pdf.stderr, cv_pdf.stderr


def test_metadata_and_page_budget(cv_pdf: BuiltPdf, cv_source: CvSource) -> None:
    reader = PdfReader(cv_pdf.path)
    assert 1 <= len(reader.pages) <= PAGE_BUDGET
    meta = reader.metadata
    assert meta is not None
    assert meta.title == f"{cv_source.owner} — Curriculum Vitae"
    assert meta.author == cv_source.owner
    assert meta.subject and meta.get("/Keywords")


def test_no_manual_furniture(cv_pdf: BuiltPdf, cv_source: CvSource) -> None:
    text = cv_pdf.text
    for word in ["Contents", "Index", "Release", "Chapter", "Python Module Index"]:
        assert not re.search(rf"\b{word}\b", text), word
    for section in cv_source.sections[1:]:
        for title in section.headings:
            assert not re.search(rf"^\d+(\.\d+)*\s+{re.escape(title)}", text, re.M), title
    # The footer: name and "Page N of M" on every page.
    owner = re.sub(r"\s+", "", cv_source.owner)
    for number, page in enumerate(cv_pdf.pages, start=1):
        flat = re.sub(r"\s+", "", page)
        assert flat.endswith(f"{owner}—CurriculumVitaePage{number}of{len(cv_pdf.pages)}")


def test_headings_and_list_items_of_the_sections(cv_pdf: BuiltPdf, cv_source: CvSource) -> None:
    text = comparable(cv_pdf.text)
    facts = [fact for s in cv_source.sections for fact in s.headings + s.items]
    missing = [fact for fact in facts if comparable(fact) not in text]
    assert not missing, missing


def test_owner_in_bold_in_every_entry(cv_pdf: BuiltPdf, cv_source: CvSource) -> None:
    families = {
        word
        for name in [cv_source.owner, *cv_source.aliases]
        for word in parse_owner_name(name).family.split()
    }
    owner_runs = [run for run in cv_pdf.bold_runs if any(f in folded(run) for f in families)]
    # The name at the top, then one bold name per entry.
    assert len(owner_runs) >= 1 + len(cv_source.shown_keys("latex")), owner_runs


def test_every_glyph_is_there(cv_pdf: BuiltPdf) -> None:
    assert "Missing character" not in cv_pdf.log


def test_nothing_runs_into_the_margin(cv_pdf: BuiltPdf) -> None:
    overfull = [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", cv_pdf.log)]
    assert all(width <= 5 for width in overfull), overfull


def test_paper_size(cv_pdf: BuiltPdf, cv_source: CvSource) -> None:
    first = PdfReader(cv_pdf.path).pages[0]
    size = (round(float(first.mediabox.width)), round(float(first.mediabox.height)))
    assert size == {"a4": (595, 842), "letter": (612, 792)}[cv_source.conf["cv_paper"]]
