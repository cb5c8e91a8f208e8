"""The CV's PDF, built with xelatex from this repository and read back as text.

Needs TeX (the README's apt-get command). Where CI is set, a missing TeX is a
failure: the PDF is part of what CI proves. Elsewhere the tests skip, saying why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from cv_facts import (
    CONTACT,
    EDUCATION,
    HIGHLIGHT_FACTS,
    HONORS,
    ICONS,
    NOTES,
    OWNER,
    PHONE,
    PUBLICATIONS,
    SECTIONS,
    SERVICES,
    VISION,
    Pub,
)
from cvbuild import copy_cv, normalize
from pypdf import PdfReader

pytestmark = pytest.mark.pdf

MISSING_TEX = [tool for tool in ("xelatex", "latexmk") if shutil.which(tool) is None]


@dataclass
class BuiltPdf:
    path: Path
    log: str
    pages: list[str]
    words: list[dict[str, object]]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def _require_tex() -> None:
    if not MISSING_TEX:
        return
    message = f"{', '.join(MISSING_TEX)} not found: install TeX with the README's apt-get command"
    if os.environ.get("CI"):
        pytest.fail(f"CI must build the PDF, but {message}")
    pytest.skip(message)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuiltPdf]:
    _require_tex()
    srcdir = copy_cv(tmp_path_factory.mktemp("cv-pdf"))
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr
    latex = srcdir / "_build" / "latex"
    pdfs = sorted(latex.glob("*.pdf"))
    assert [p.name for p in pdfs] == ["kaiyan-zhang-cv.pdf"]
    log = (latex / "kaiyan-zhang-cv.log").read_text("utf-8", errors="replace")
    with pdfplumber.open(pdfs[0]) as document:
        pages = [page.extract_text() or "" for page in document.pages]
        words = [
            word for page in document.pages for word in page.extract_words(extra_attrs=["fontname"])
        ]
    yield BuiltPdf(pdfs[0], log, pages, words)


def _variants(text: str) -> list[str]:
    """The PDF text without any whitespace: once with line-end hyphens kept, once joined.

    A line-end hyphen is either the word's own ("Qwen-2.5-" / "Math") or one
    TeX added ("Gener-" / "alists"); a fact is found if it reads right either way.
    """
    text = unicodedata.normalize("NFKC", normalize(text))
    joined = re.sub(r"-\n", "", text)
    return [re.sub(r"\s+", "", text), re.sub(r"\s+", "", joined)]


def assert_in_pdf(pdf: BuiltPdf, facts: list[str]) -> None:
    haystacks = _variants(pdf.text)
    missing = [f for f in facts if not any(re.sub(r"\s+", "", f) in h for h in haystacks)]
    assert not missing, missing


def test_one_compact_pdf_with_metadata(pdf: BuiltPdf) -> None:
    reader = PdfReader(pdf.path)
    assert 1 <= len(reader.pages) <= 3
    meta = reader.metadata
    assert meta is not None
    assert meta.title == f"{OWNER} — Curriculum Vitae"
    assert meta.author == OWNER
    assert meta.subject and meta.get("/Keywords")


def test_no_manual_furniture(pdf: BuiltPdf) -> None:
    text = pdf.text
    for word in ["Contents", "Index", "Release", "Chapter", "Python Module Index"]:
        assert not re.search(rf"\b{word}\b", text), word
    # Section headings are not numbered.
    for title in SECTIONS:
        assert not re.search(rf"^\d+(\.\d+)*\s+{re.escape(title)}", text, re.M), title
    # The footer: name and "Page N of M" on every page.
    for number, page in enumerate(pdf.pages, start=1):
        flat = re.sub(r"\s+", "", page)
        assert f"Page{number}of{len(pdf.pages)}" in flat
        assert flat.endswith(f"KaiyanZhang—CurriculumVitaePage{number}of{len(pdf.pages)}")


def test_every_fact_of_the_source(pdf: BuiltPdf) -> None:
    assert_in_pdf(pdf, [OWNER, *SECTIONS, *CONTACT, PHONE])
    assert_in_pdf(pdf, VISION + EDUCATION + HIGHLIGHT_FACTS + HONORS + SERVICES + NOTES)
    assert_in_pdf(pdf, [pub.title for pub in PUBLICATIONS])
    assert_in_pdf(pdf, [pub.venue for pub in PUBLICATIONS])


def _author_pattern(pub: Pub) -> str:
    """The whole author list as the PDF shows it, whitespace removed.

    Marks and the role are part of it ("Kaiyan Zhang* (Project Lead)"); the word
    before the last name may be "and" (the style's), and "et al." ends a list
    that the source truncates.
    """
    names = [
        a + ("(Project Lead)" if pub.lead and a.rstrip("*") == OWNER else "") for a in pub.authors
    ]
    parts = [re.escape(re.sub(r"\s+", "", n)) for n in names]
    if pub.et_al:
        return ",".join(parts) + r",etal\."
    return ",".join(parts[:-1]) + ",(?:and)?" + parts[-1] + r"\."


def test_every_author_list_in_order(pdf: BuiltPdf) -> None:
    haystacks = _variants(pdf.text)
    missing = [
        pub.key
        for pub in PUBLICATIONS
        if not any(re.search(_author_pattern(pub), h) for h in haystacks)
    ]
    assert not missing, missing


def test_icons_are_real_glyphs(pdf: BuiltPdf) -> None:
    assert "Missing character" not in pdf.log
    for icon in ICONS:
        assert icon in pdf.text, icon


def test_owner_in_bold(pdf: BuiltPdf) -> None:
    kaiyan = [w for w in pdf.words if "Kaiyan" in str(w["text"])]
    bold = [w for w in kaiyan if "Bold" in str(w["fontname"])]
    regular = [w for w in kaiyan if "Bold" not in str(w["fontname"])]
    # The name at the top and all 18 publications; the rest is the page footer.
    assert len(bold) == 1 + len(PUBLICATIONS)
    assert len(regular) == len(pdf.pages)


def test_nothing_runs_into_the_margin(pdf: BuiltPdf) -> None:
    overfull = [float(x) for x in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", pdf.log)]
    assert all(width <= 5 for width in overfull), overfull


def test_a4_with_clickable_contact_links(pdf: BuiltPdf) -> None:
    reader = PdfReader(pdf.path)
    first = reader.pages[0]
    width, height = float(first.mediabox.width), float(first.mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    uris = {
        str(annotation.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    }
    assert "mailto:zhang-ky22@mails.tsinghua.edu.cn" in uris
    assert {"https://iseesaw.github.io", "https://github.com/iseesaw"} <= uris
