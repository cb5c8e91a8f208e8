"""Build a CV into a temporary directory, as a reader gets it.

The CV under test is this checkout's, or the source tree that the environment
variable ``CV_SOURCE_ROOT`` names (a fork's clone, say), so the same content
tests run against any owner's CV. Its page and PDF are built once per test
session (fixtures in conftest.py) and shared by the content tests of any owner
(test_site.py, test_pdf.py) and by the tests of the sample CV's facts
(test_sample_cv.py), which skip when the CV is not the sample (:func:`sample_only`).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

REPO = Path(__file__).resolve().parent.parent
#: What a CV build reads: the rest of the repository (tests, bench, .venv) is not copied.
#: Every ``.bib`` file at the top and the ``files/`` folder beside them are copied too.
SOURCES = [
    "conf.py",
    "index.md",
    "publications.md",
    "refs.bib",
    "files",
    "sections",
    "locales",
    "_ext",
    "_static",
    "_latex",
]
#: The code of the CV: taken from this checkout when the source tree has none.
CODE = ("_ext", "_static", "_latex")
MISSING_TEX = [tool for tool in ("xelatex", "latexmk") if shutil.which(tool) is None]
#: The test modules that read the session's CV builds (conftest.py's ``cv_*`` and
#: ``any_cv_*`` fixtures): under xdist they run on one worker, which builds once.
#: test_cvsource.py checks that the list names every such module.
BUILD_MODULES = frozenset(
    {
        "test_browser.py",
        "test_cvsource.py",
        "test_pdf.py",
        "test_physics.py",
        "test_pdf_text.py",
        "test_sample_cv.py",
        "test_site.py",
        "test_web_meta.py",
    }
)
#: The fixtures holding those builds.
BUILD_FIXTURES = frozenset(
    {
        "cv_html",
        "cv_pdf",
        "any_cv_html",
        "any_cv_pdf",
        "other_cv_root",
        "physics_cv_root",
        "physics_cv_html",
        "physics_cv_pdf",
    }
)
#: Names a CV source tree to test instead of this checkout's.
SOURCE_ROOT_VARIABLE = "CV_SOURCE_ROOT"


def source_root() -> Path:
    """The CV under test: ``$CV_SOURCE_ROOT`` if set, else this checkout."""
    given = os.environ.get(SOURCE_ROOT_VARIABLE)
    if not given:
        return REPO
    root = Path(given).expanduser().resolve()
    if not (root / "conf.py").is_file():
        raise pytest.UsageError(f"{SOURCE_ROOT_VARIABLE}={given} has no conf.py: not a CV")
    return root


def copy_cv(target: Path, source: Path | None = None) -> Path:
    """A copy of a CV's sources in *target*, so builds never touch the work tree.

    *source* is the CV's source tree (default: :func:`source_root`).
    """
    source = source or source_root()
    target.mkdir(parents=True, exist_ok=True)
    names = dict.fromkeys([*SOURCES, *(p.name for p in sorted(source.glob("*.bib")))])
    for name in names:
        path = source / name
        if name in CODE and not path.exists():
            path = REPO / name
        if path.is_dir():
            shutil.copytree(path, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif path.exists():
            shutil.copy2(path, target / name)
    return target


_OWNER_LINE = re.compile(r"^cv_owner\s*=.*$", re.M)


def write_fork(
    target: Path,
    source: Path | None,
    *,
    owner: str,
    bib: str,
    sections: Mapping[str, str],
    conf_extra: str,
) -> Path:
    """This CV's code as a fork makes it its own, in *target*: another owner, .bib and sections.

    As ``make new-cv`` leaves a fork: the sample's translation (its text) is
    gone, ``cv_owner`` is *owner* with no aliases, *conf_extra* is appended to
    ``conf.py``, ``refs.bib`` is *bib*, and the sections are *sections* (file
    name -> Markdown), included in that order by ``index.md``.
    """
    root = copy_cv(target, source)
    shutil.rmtree(root / "locales", ignore_errors=True)
    conf = root / "conf.py"
    text, count = _OWNER_LINE.subn(f"cv_owner = {owner!r}", conf.read_text("utf-8"), count=1)
    assert count == 1, "conf.py has no 'cv_owner = ...' line"
    text = re.sub(r"^cv_owner_aliases\b.*$", "cv_owner_aliases: list[str] = []", text, flags=re.M)
    conf.write_text(text + conf_extra, "utf-8")
    (root / "refs.bib").write_text(bib, "utf-8")
    folder = root / "sections"
    for old in folder.glob("*.md"):
        old.unlink()
    for file_name, body in sections.items():
        (folder / file_name).write_text(body, "utf-8")
    includes = "\n".join(f"```{{include}} sections/{name}\n```\n" for name in sections)
    (root / "index.md").write_text(
        f"# {{{{ cv_owner }}}}\n\n```{{cv-nav}}\n```\n\n{includes}", "utf-8"
    )
    return root


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
    #: The whole site (publications.html, pub/, _static/), for the browser tests.
    outdir: Path


def build_html(target: Path, source: Path | None = None) -> BuiltHtml:
    """A CV's web page built from a copy of its sources (default: the CV under test)."""
    app = SphinxTestApp("html", srcdir=copy_cv(target, source))
    try:
        app.build()
        html = (Path(app.outdir) / "index.html").read_text("utf-8")
        soup = BeautifulSoup(html, "html.parser")
        return BuiltHtml(soup, app.warning.getvalue(), Path(app.outdir))
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


def build_in_language(srcdir: Path, builder: str, outdir: Path, language: str) -> str:
    """Build *srcdir* as ``make <builder> LANGUAGE=<language>`` does; the build's output.

    ``CV_LANGUAGE`` in the environment (what the Makefile exports; ``""``: the
    source language), neither GNU gettext's ``LANGUAGE`` nor Read the Docs'
    language, in a process of its own; no warning allowed.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "READTHEDOCS_LANGUAGE")}
    env["CV_LANGUAGE"] = language
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", builder, str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
        cwd=srcdir,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "WARNING" not in result.stderr, result.stderr
    return result.stdout


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


def build_pdf(target: Path, pdf_name: str, source: Path | None = None) -> BuiltPdf:
    """A CV's PDF built with xelatex from a copy of its sources (default: the CV under test)."""
    require_tex()
    srcdir = copy_cv(target, source)
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
    """The ``cv_owner`` of the CV under test's conf.py."""
    from cvsource import read_conf

    return str(read_conf(source_root())["cv_owner"])


#: The marker ``make new-cv`` (tools/new_cv.py) writes in every placeholder section.
PLACEHOLDER = "Placeholder"


def not_the_sample(root: Path) -> str | None:
    """Why the CV in *root* is not the sample whose facts tests/cv_facts.py holds, or None.

    The sample is recognised as tools/new_cv.py recognises it, by its owner
    (``cv_owner`` is cv_facts.OWNER, new_cv.SAMPLE_OWNER), and by its sections:
    index.md includes the sample's section files and none is a ``make new-cv``
    placeholder. A sample whose own sections were edited is still the sample:
    its facts tests then fail, as they must, until cv_facts.py is updated.
    """
    from cv_facts import OWNER, SECTION_FILES
    from cvsource import read_conf

    owner = str(read_conf(root)["cv_owner"])
    if owner != OWNER:
        return f"cv_owner is {owner!r}, not the sample's {OWNER!r}"
    index = (root / "index.md").read_text("utf-8")
    included = [line.split()[-1] for line in index.splitlines() if line.startswith("```{include}")]
    if included != [f"sections/{name}" for name in SECTION_FILES]:
        return f"index.md includes {included}, not the sample's sections"
    placeholders = [
        name
        for name in SECTION_FILES
        if PLACEHOLDER in (root / "sections" / name).read_text("utf-8")
    ]
    if placeholders:
        return f"make new-cv placeholders in sections/: {', '.join(placeholders)}"
    return None


def sample_only() -> pytest.MarkDecorator:
    """Skip, saying why, a test of the sample CV's facts (tests/cv_facts.py) in a fork."""
    reason = not_the_sample(source_root())
    return pytest.mark.skipif(
        reason is not None,
        reason=f"checks the sample CV's facts (tests/cv_facts.py), but {reason}: this CV's "
        "content is checked from its own sources by test_site.py and test_pdf.py",
    )
