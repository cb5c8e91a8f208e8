"""Build the real CV (this repository) into a temporary directory, as a reader gets it.

The page and the PDF are built once per test session (fixtures in conftest.py)
and shared by the content tests of any owner (test_site.py, test_pdf.py)
and by the tests of the sample CV's facts (test_sample_cv.py).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parent.parent
#: What a CV build reads: the rest of the repository (tests, bench, .venv) is not copied.
SOURCES = [
    "conf.py",
    "index.md",
    "publications.md",
    "refs.bib",
    "sections",
    "_ext",
    "_static",
    "_latex",
]
MISSING_TEX = [tool for tool in ("xelatex", "latexmk") if shutil.which(tool) is None]


def copy_cv(target: Path) -> Path:
    """A copy of the CV's sources in *target*, so builds never touch the work tree."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def normalize(text: str) -> str:
    """Text as a reader compares it: typographic quotes and spaces made plain."""
    return (
        text.replace("\N{RIGHT SINGLE QUOTATION MARK}", "'")
        .replace("\N{NO-BREAK SPACE}", " ")
        .replace("\N{SOFT HYPHEN}", "")
    )


@dataclass
class BuiltHtml:
    soup: BeautifulSoup
    warnings: str


def build_html(target: Path) -> BuiltHtml:
    """The CV's web page built from a copy of its sources in *target*."""
    app = SphinxTestApp("html", srcdir=copy_cv(target))
    try:
        app.build()
        html = (Path(app.outdir) / "index.html").read_text("utf-8")
        return BuiltHtml(BeautifulSoup(html, "html.parser"), app.warning.getvalue())
    finally:
        app.cleanup()


@dataclass
class BuiltPdf:
    path: Path
    log: str
    stderr: str
    pdfs: list[str]
    pages: list[str]
    words: list[dict[str, object]]
    #: Runs of consecutive bold characters, in reading order, one string each.
    bold_runs: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def require_tex() -> None:
    """Skip without TeX, saying why; in CI (``CI`` set) fail instead."""
    if not MISSING_TEX:
        return
    message = f"{', '.join(MISSING_TEX)} not found: install TeX with the README's apt-get command"
    if os.environ.get("CI"):
        pytest.fail(f"CI must build the PDF, but {message}")
    pytest.skip(message)


def _bold_runs(document: pdfplumber.PDF) -> list[str]:
    runs: list[str] = []
    current: list[str] = []
    for page in document.pages:
        for char in page.chars:
            if "Bold" in str(char.get("fontname", "")):
                current.append(str(char["text"]))
            elif current and str(char["text"]).strip():
                runs.append("".join(current))
                current = []
    if current:
        runs.append("".join(current))
    return runs


def build_pdf(target: Path, pdf_name: str) -> BuiltPdf:
    """The CV's PDF built with xelatex from a copy of its sources in *target*."""
    require_tex()
    srcdir = copy_cv(target)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    latex = srcdir / "_build" / "latex"
    pdfs = sorted(p.name for p in latex.glob("*.pdf"))
    path = latex / pdf_name
    assert path.exists(), (pdf_name, pdfs)
    log = path.with_suffix(".log").read_text("utf-8", errors="replace")
    with pdfplumber.open(path) as document:
        pages = [page.extract_text() or "" for page in document.pages]
        words = [
            word for page in document.pages for word in page.extract_words(extra_attrs=["fontname"])
        ]
        bold = _bold_runs(document)
    return BuiltPdf(path, log, result.stderr, pdfs, pages, words, bold)


def current_owner() -> str:
    """The ``cv_owner`` of this repository's conf.py."""
    from cvsource import read_conf

    return str(read_conf(REPO)["cv_owner"])


def sample_only() -> pytest.MarkDecorator:
    """Skip, saying why, a test of the sample CV's facts (tests/cv_facts.py) in a fork."""
    from cv_facts import OWNER

    owner = current_owner()
    return pytest.mark.skipif(
        owner != OWNER,
        reason=f"checks the sample CV's facts (cv_owner {OWNER!r}); this CV's owner is "
        f"{owner!r}, whose content test_site.py and test_pdf.py check from its sources",
    )
