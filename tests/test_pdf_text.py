"""The PDFs as résumé parsers read them, and every variant as Read the Docs publishes it.

Applicant-tracking systems and search engines read a PDF's text layer, not its
pixels. The text layer is read here with two independent extractors, poppler's
``pdftotext`` and pdfminer.six (under pdfplumber and many parsers): no ligature
or private-use code point, the name first and the contact details after it,
each entry's text in order with its dates, every title in one piece, and the
document's metadata.

Every variant's files are built by replaying Read the Docs' commands: the
``build.jobs`` of ``.readthedocs.yaml`` as written, then Read the Docs' own HTML
command; the page must offer each file it built. Needs TeX (in CI, a failure
without it) and pdftotext.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
import yaml
from bs4 import BeautifulSoup
from cv_facts import (
    EDUCATION,
    NOT_IN_SHORT,
    OWNER,
    SELECTED,
    SHORT_HONORS,
    SHORT_PAGES,
    SHORT_PUBLICATIONS,
    SHORT_SECTIONS,
)
from cvbuild import BuiltPdf, copy_cv, require_tex, sample_only
from cvsource import CvSource, comparable, read_conf
from pdfminer.high_level import extract_text
from pypdf import PdfReader

pytestmark = pytest.mark.pdf

REPO = Path(__file__).resolve().parent.parent
#: Ligatures (U+FB00–FB06) and the private-use areas: what a parser cannot read as letters.
UNREADABLE = re.compile("[\ufb00-\ufb06\ue000-\uf8ff\U000f0000-\U0010ffff]")
#: Read the Docs' HTML command (its build step for ``sphinx:``), output in ``_readthedocs``.
RTD_HTML = "python -m sphinx -T -W --keep-going -b html -d _build/doctrees -D language=en . {out}"


def pdftotext(path: Path, *args: str) -> str:
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("CI reads the PDFs with pdftotext: install poppler-utils")
        pytest.skip("pdftotext not found (Debian: poppler-utils)")
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def flat(text: str) -> str:
    return comparable(" ".join(text.split()))


# -- Read the Docs, every variant ---------------------------------------------------------


@dataclass
class Site:
    root: Path
    html: Path
    log: str

    def pdf(self, name: str) -> Path:
        return self.html / "downloads" / name


def _expected_files(conf: dict[str, object], stem: str) -> list[tuple[str, str]]:
    """(variant, file) of every file, from conf.py's declarations as the README states them."""
    declared = conf.get("cv_variants") or {}
    assert isinstance(declared, dict)
    names = ["default", *[n for n in declared if n != "default"]]
    files = []
    for name in names:
        given = declared.get(name, {})
        suffix = "" if name == "default" else given.get("suffix", f"-{name}")
        files += [(name, f"{stem}{suffix}{ext}") for ext in (".pdf", ".docx", ".txt")]
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The CV under test built as Read the Docs builds it, with its ``build.jobs``."""
    require_tex()
    root = copy_cv(tmp_path_factory.mktemp("rtd"))
    shutil.copytree(REPO / "tools", root / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text("utf-8"))
    commands = [*config["build"]["jobs"]["pre_build"], RTD_HTML.format(out="_readthedocs/html")]
    log = []
    for command in commands:
        argv = shlex.split(command)
        if argv[0] == "python":
            argv[0] = sys.executable
        result = subprocess.run(argv, cwd=root, capture_output=True, text=True, timeout=900)
        log.append(result.stdout + result.stderr)
        assert result.returncode == 0, (command, result.stdout[-3000:], result.stderr[-3000:])
    return Site(root, root / "_readthedocs" / "html", "\n".join(log))


def test_read_the_docs_publishes_every_variant(site: Site, cv_source: CvSource) -> None:
    stem = cv_source.pdf_name.removesuffix(".pdf")
    expected = _expected_files(cv_source.conf, stem)
    published = sorted(p.name for p in (site.html / "downloads").iterdir())
    assert published == sorted(name for _, name in expected)
    soup = BeautifulSoup((site.html / "index.html").read_text("utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("details.cv-downloads a")]
    assert links == [f"downloads/{name}" for _, name in expected]
    for href in links:
        assert (site.html / href).is_file(), href
    # A PDF's link says its page count, and says it right.
    for a in soup.select("details.cv-downloads a[type='application/pdf']"):
        pages = len(PdfReader(site.html / a["href"]).pages)
        assert a.get_text() == f"PDF ({pages} page{'s' if pages != 1 else ''})"
    assert "WARNING" not in site.log


@sample_only()
def test_the_one_page_cv(site: Site, cv_source: CvSource) -> None:
    path = site.pdf(cv_source.pdf_name.replace(".pdf", "-short.pdf"))
    reader = PdfReader(path)
    assert len(reader.pages) == SHORT_PAGES
    assert (
        reader.metadata is not None and reader.metadata.subject == "Curriculum Vitae: One-page CV"
    )
    text = flat(pdftotext(path))
    for fact in [OWNER, *SHORT_SECTIONS, *SHORT_HONORS, *EDUCATION, "co-first authors"]:
        assert comparable(fact) in text, fact
    for pub in SHORT_PUBLICATIONS:
        assert comparable(pub.title) in text, pub.key
    for fact in NOT_IN_SHORT:
        assert comparable(fact) not in text, fact
    # Section headings are the short list, in order.
    with pdfplumber.open(path) as document:
        heading_size = max(c["size"] for c in document.pages[0].chars if c["text"] == "E")
        words = document.pages[0].extract_words(extra_attrs=["size"], x_tolerance=1)
        bold = [c for c in document.pages[0].chars if "Bold" in c["fontname"] and c["text"].strip()]
    headings = " ".join(w["text"] for w in words if abs(w["size"] - heading_size) < 0.1)
    assert heading_size > 10
    assert headings.split() == " ".join(SHORT_SECTIONS).split()
    # The owner in bold: the name at the top, then once in every highlight.
    bold_text = "".join(c["text"] for c in bold)
    assert bold_text.count("KaiyanZhang") == 1 + len(SHORT_PUBLICATIONS)


@sample_only()
def test_the_full_cv_offered_is_the_default_pdf(site: Site, cv_pdf: BuiltPdf) -> None:
    offered = pdftotext(site.pdf(cv_pdf.path.name))
    assert lines(offered) == lines(pdftotext(cv_pdf.path))
    for pub in SELECTED:
        assert comparable(pub.title) in flat(offered)


# -- the text layer ------------------------------------------------------------------------


def _extracted(path: Path) -> dict[str, str]:
    return {"pdftotext": pdftotext(path), "pdfminer": extract_text(str(path))}


def test_no_ligature_or_private_use_character(site: Site) -> None:
    pdfs = sorted((site.html / "downloads").glob("*.pdf"))
    assert len(pdfs) >= 2
    for path in pdfs:
        for tool, text in _extracted(path).items():
            found = sorted(set(UNREADABLE.findall(text)))
            assert not found, (path.name, tool, [f"U+{ord(c):04X}" for c in found])
            assert "(cid:" not in text, (path.name, tool)


@sample_only()
def test_every_ff_fi_fl_reads_as_letters(cv_pdf: BuiltPdf) -> None:
    # "Scalable Efficient Training" gave "Eﬀicient" (U+FB00) before.
    words = ["Scalable Efficient Training", "Intuitive Fine", "Scientific Review", "workflows"]
    for tool, text in _extracted(cv_pdf.path).items():
        read = " ".join(text.split())
        assert [w for w in words if w not in read] == [], tool


@sample_only()
def test_reading_order_keeps_each_entry_together(cv_pdf: BuiltPdf) -> None:
    for tool, text in _extracted(cv_pdf.path).items():
        read = lines(text)
        # The name first, then the contact line with labels, not icons.
        assert read[0] == OWNER, (tool, read[:3])
        assert read[1].startswith("Location: Beijing · Email: zhang-ky22@"), (tool, read[1])
        # Each education entry: institution, dates, degree, in the order of the page.
        joined = " ".join(read)
        order = [
            "Tsinghua University Sept 2022 – Jun 2026 PhD in Electronic Engineering",
            "Harbin Institute of Technology Sept 2020 – Jun 2022 MS in Computer Science",
            "Harbin Institute of Technology Sept 2016 – Jun 2020 BS in Computer Science",
        ]
        places = [joined.find(entry) for entry in order]
        assert all(p >= 0 for p in places) and places == sorted(places), (tool, places)


def test_every_title_reads_in_one_piece(cv_pdf: BuiltPdf, cv_source: CvSource) -> None:
    for tool, text in _extracted(cv_pdf.path).items():
        haystack = flat(text)
        missing = [e.key for e in cv_source.shown("latex") if comparable(e.title) not in haystack]
        assert not missing, (tool, missing)


def test_metadata_a_parser_reads(cv_pdf: BuiltPdf, cv_source: CvSource) -> None:
    reader = PdfReader(cv_pdf.path)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == f"{cv_source.owner} — Curriculum Vitae"
    assert meta.author == cv_source.owner
    assert meta.subject == "Curriculum Vitae"
    assert cv_source.owner in str(meta.get("/Keywords"))
    language = str(cv_source.conf.get("language", "en")).replace("_", "-")
    assert reader.trailer["/Root"].get("/Lang") == language


# -- the page budget -------------------------------------------------------------------------


@sample_only()
def test_a_pdf_over_its_budget_warns_with_its_page_count(tmp_path: Path) -> None:
    require_tex()
    root = copy_cv(tmp_path / "cv")
    conf = root / "conf.py"
    text = conf.read_text("utf-8")
    assert '"default": {"title": "Full CV", "pages": 3}' in text
    conf.write_text(text.replace('"pages": 3}', '"pages": 1}'), "utf-8")
    assert read_conf(root)["cv_variants"]["default"]["pages"] == 1
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(root), str(root / "_build")],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert (
        "WARNING: kaiyan-zhang-cv.pdf has 2 pages, over the 1-page budget of the variant "
        "'default'" in result.stderr
    )


def test_the_icons_file_is_what_its_script_writes() -> None:
    if (
        shutil.which("fc-match") is None
        or "Symbola"
        not in subprocess.run(["fc-match", "Symbola"], capture_output=True, text=True).stdout
    ):
        pytest.skip("Symbola is not installed (Debian: fonts-symbola)")
    result = subprocess.run([sys.executable, str(REPO / "tools" / "icons.py"), "--check"])
    assert result.returncode == 0, "_latex/cvicons.sty differs: run tools/icons.py"


# -- the menu in a real browser ----------------------------------------------------------------


@pytest.mark.browser
def test_the_download_menu_is_accessible_and_valid(site: Site) -> None:
    from browser import (
        chromium,
        describe,
        missing_tools,
        require,
        run_axe,
        serve,
        set_view,
        vnu_problems,
    )

    require(missing_tools(axe=True, vnu=True))
    with serve(site.html) as url, chromium() as driver:
        for width, dark in [(1280, False), (1280, True), (390, False)]:
            set_view(driver, width=width, dark=dark)
            driver.get(url + "index.html")
            menu = driver.find_element("css selector", "details.cv-downloads")
            assert not menu.find_element("css selector", "a").is_displayed()  # closed
            menu.find_element("css selector", "summary").click()
            links = menu.find_elements("css selector", "a")
            assert links and all(link.is_displayed() for link in links)
            violations = run_axe(driver)
            assert not violations, describe(violations)
    assert vnu_problems([str(site.html / "index.html")]) == []
