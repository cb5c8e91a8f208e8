"""Math written as an attacker would runs no script on the page and reads no file into the PDF.

``roots/test-hostile-math`` puts math in every field that reaches a page (title,
venue, note, award, abstract, an author's name): tags hidden in ``\\text{..}``,
``\\style``, entities, ``\\href``; TeX's ``^^5c`` spelling of a backslash,
``\\csname``, ``\\catcode``, ``\\write18``; malformed math; and math as authors
write it, which must stay math. The tests read what a browser and a PDF
reader get: every element and attribute of every page, the PDF's text and
the files TeX opened (``.fls``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from cvbib_roots import Built, copy_root, finished
from cvbuild import require_tex
from hypothesis import given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from cvbib.latex import decode
from cvbib.render import MATHML_ATTRIBUTES, MATHML_ELEMENTS, json_ld, meta_tag, safe_mathml
from cvbib.text import Math

ROOT = "hostile-math"
#: The entries whose math is refused, each with how many distinct maths
#: (hand-counted from the root's refs.bib).
REFUSED = {
    "xss-title": 1,  # \text{<img ...>}
    "xss-note": 1,  # \text{&lt;svg ...&gt;}
    "xss-abstract": 2,  # \href{javascript:..}, \text{<iframe ...>}
    "xss-author": 1,  # \text{<img ...>} in a name
    "tex-read": 2,  # ^^5cinput..., ^^5c^^5cinput
    # \\left( x; x^; x^2^3; \\frac{1} (whose second argument is the closing $)
    "malformed": 4,
}
#: Commands no table knows, each reported once as an unknown macro.
UNKNOWN = {"style", "csname", "endcsname", "catcode", "def", "x", "immediate", "write", "input"}
#: The well-formed math of the "benign" entry, as a reader sees it.
BENIGN_MATH = ["Ca2+", "O(n2)", "H→bb¯", "α", "x3", "(ab)"]
#: The older or terser forms of the "benign-forms" entry, all typeset.
BENIGN_FORMS = 6


def _pages(outdir: Path) -> list[Path]:
    return [outdir / "index.html", *sorted((outdir / "pub").glob("*.html"))]


def _inline_scripts(soup: BeautifulSoup) -> list[str]:
    return [s.get_text() for s in soup.find_all("script") if not s.get("src")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The root built once for the module (the page tests only read it)."""
    srcdir = copy_root(ROOT, tmp_path_factory.mktemp("hostile-math") / "src")
    app = SphinxTestApp("html", srcdir=srcdir)
    app.build()
    return finished(app)


def test_each_refused_math_is_one_typed_warning_naming_its_entry(built: Built) -> None:
    refused = built.of("unsafe_math")
    per_entry = {key: sum(f"entry '{key}'" in line for line in refused) for key in REFUSED}
    assert per_entry == REFUSED, refused
    assert all("shown as plain text" in line and "refs.bib:" in line for line in refused)
    unknown = built.of("unknown_macro")
    assert {re.search(r"macro \\(\S+) ", line)[1] for line in unknown} == UNKNOWN
    assert len(unknown) == len(UNKNOWN)
    assert len(built.warnings) == len(refused) + len(unknown), built.warnings


def test_no_page_has_an_event_handler_a_foreign_element_or_a_style_in_math(built: Built) -> None:
    theme = _inline_scripts(
        BeautifulSoup((built.outdir / "other.html").read_text("utf-8"), "html.parser")
    )
    pages = _pages(built.outdir)
    assert len(pages) == 1 + 10  # the list and a page per entry
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for element in soup.find_all(True):
            handlers = [name for name in element.attrs if name.lower().startswith("on")]
            assert not handlers, (page.name, element)
        article = soup.find("article")
        assert article is not None, page.name
        assert not article.find_all(["img", "svg", "iframe", "object", "embed", "style"])
        assert not soup.find_all(href=re.compile(r"^\s*javascript", re.IGNORECASE))
        for script in soup.find_all("script"):
            if script.get("src"):
                assert "_static/" in script["src"], (page.name, script)
            elif script.get("type") == "application/ld+json":
                json.loads(script.get_text())
            else:
                assert script.get_text() in theme, (page.name, script)
        for math in soup.find_all("math"):
            for element in [math, *math.find_all(True)]:
                assert element.name in MATHML_ELEMENTS, (page.name, element.name)
                assert set(element.attrs) <= {*MATHML_ATTRIBUTES, "xmlns"}, (page.name, element)


def _entry(built: Built, word: str) -> Any:
    """The paragraph of the one entry with *word* (the root uses furo: no ``div.body``)."""
    found = [
        li.find("p")
        for li in built.soup().select("article li[id]")
        if word in li.find("p").get_text()
    ]
    assert len(found) == 1, word
    return found[0]


def test_the_attack_text_is_shown_as_text(built: Built) -> None:
    title = _entry(built, "Image")
    assert '<img/src="x"/onerror=alert(1)>' in title.get_text()
    assert title.find("math") is None
    author = _entry(built, "author name with math")
    assert "<img/src=x/onerror=alert(8)>" in author.get_text()


def test_well_formed_math_stays_math(built: Built) -> None:
    benign = _entry(built, "Calcium")
    assert [m.get_text() for m in benign.find_all("math")] == BENIGN_MATH
    frac = benign.find_all("math")[-1]
    assert frac.find("mfrac") is not None
    assert [m.get("stretchy") for m in frac.find_all("mo")] == ["true", "true"]
    assert len(_entry(built, "Older forms").find_all("math")) == BENIGN_FORMS


def test_json_ld_holds_no_markup_and_keeps_the_value(built: Built) -> None:
    """``<!--<script>`` in a field would make the parser eat the rest of ``<head>``."""
    html = (built.outdir / "pub" / "head-swallow.html").read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    (script,) = soup.find_all("script", type="application/ld+json")
    raw = script.get_text()
    assert "<" not in raw and ">" not in raw and "\u2028" not in raw
    data = json.loads(raw)
    assert data["headline"] == "Comments <!--<script> in a title"
    assert "<!--<script>" in data["abstract"]
    head = html.split("</head>", 1)[0]
    assert head.count("<script") == head.count("</script>")


def test_the_head_writer_escapes_what_could_end_or_confuse_a_script() -> None:
    value = "a</script><!--<script>&\u2028\u2029>"
    script = json_ld({"name": value}, '"author":[{"name":"</script>"}]')
    inner = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not set(inner) & set("<>&\u2028\u2029"), inner
    assert json.loads(inner) == {"name": value, "author": [{"name": "</script>"}]}
    tag = meta_tag("citation_title", 'x" onload="y')
    assert tag == '<meta name="citation_title" content="x&quot; onload=&quot;y">'


@pytest.mark.browser
def test_a_browser_runs_no_script_and_keeps_every_head(built: Built) -> None:
    from browser import chromium, missing_tools, require, serve
    from selenium.common.exceptions import NoAlertPresentException

    require(missing_tools())
    with serve(built.outdir) as base, chromium() as driver:
        for page in _pages(built.outdir):
            driver.get(base + page.relative_to(built.outdir).as_posix())
            with pytest.raises(NoAlertPresentException):
                driver.switch_to.alert  # noqa: B018 - an alert would be the attack
            state = driver.execute_script(
                "return {title: document.title, sheets: document.styleSheets.length,"
                " ld: Array.from(document.querySelectorAll('script[type=\"application/ld+json\"]'))"
                ".map(s => { try { JSON.parse(s.textContent); return true; }"
                " catch (e) { return false; } })}"
            )
            assert state["title"].strip(), page.name
            assert state["sheets"] >= 2, page.name  # the theme's and cvbib's
            assert all(state["ld"]), page.name
            if page.parent.name == "pub":
                assert state["ld"] == [True], page.name


# --- the PDF -------------------------------------------------------------------------


CANARY_FILE = "SECRET-FILE-CANARY-7d3f"
CANARY_ENV = "SECRET-ENV-CANARY-91ac"


def _latexmk(latex_dir: Path, jobname: str, env: dict[str, str]) -> None:
    """Read the Docs' own command, run in the LaTeX output folder."""
    subprocess.run(
        [
            "latexmk",
            "-r",
            "latexmkrc",
            "-pdf",
            "-f",
            "-dvi-",
            "-ps-",
            f"-jobname={jobname}",
            "-interaction=nonstopmode",
            f"{jobname}.tex",
        ],
        cwd=latex_dir,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )


def _pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    )
    return result.stdout


def _inputs(fls: Path) -> list[str]:
    return [line[6:] for line in fls.read_text("utf-8").splitlines() if line.startswith("INPUT ")]


@pytest.mark.pdf
def test_the_pdf_reads_no_file_and_no_environment(tmp_path: Path) -> None:
    require_tex()
    secret_dir = tmp_path / "outside"
    secret_dir.mkdir()
    (secret_dir / "secret.tex").write_text(CANARY_FILE + "\n", "utf-8")
    srcdir = copy_root(ROOT, tmp_path / "src")
    shutil.copy(Path(__file__).parents[1] / "_latex" / "cvstyle.sty", srcdir)
    bib = srcdir / "refs.bib"
    bib.write_text(
        bib.read_text("utf-8")
        + f"\n@misc{{tex-secret, author = {{Ada Lovelace}}, year = {{2023}},\n"
        f"  title = {{Secret $^^5cinput{{{secret_dir}/secret}}$ and "
        f"$^^5cinput{{/proc/self/environ}}$}}}}\n",
        "utf-8",
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(Path(__file__).parents[1] / "_ext"),
        "CVBIB_CANARY": CANARY_ENV,
    }
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    latex = srcdir / "_build" / "latex"
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    body = (latex / "hostile.tex").read_text("utf-8").split("\\begin{document}", 1)[1]
    assert "^^" not in body  # (Sphinx's own preamble spells U+00A0 so)
    text = _pdf_text(latex / "hostile.pdf")
    assert CANARY_FILE not in text and CANARY_ENV not in text
    squeezed = "".join(text.split())
    assert "Ca2+" in squeezed  # benign math typeset
    log = (latex / "hostile.log").read_text("utf-8", errors="replace")
    assert "\n! " not in log, "no TeX error: refused math is text, allowed math is valid TeX"
    # and two harmless ones: $<svg/onload=..>$ (characters only) and the award's
    # \text{alert(4)} (its <script> tags were dropped as HTML before parsing)
    assert body.count("\\(") == len(BENIGN_MATH) + BENIGN_FORMS + 2
    inputs = _inputs(latex / "hostile.fls")
    assert inputs, "latexmk records the files TeX opened"
    assert not [p for p in inputs if p.startswith(("/proc", "/etc/hostname", str(secret_dir)))]
    assert not [p for p in inputs if p.startswith(str(tmp_path)) and not p.startswith(str(latex))]

    # Read the Docs runs latexmk itself: the same PDF, the same walls.
    shutil.rmtree(latex / "rtd", ignore_errors=True)
    rtd = latex.with_name("rtd")
    shutil.copytree(latex, rtd)
    for built_file in rtd.glob("hostile.*"):
        if built_file.suffix != ".tex":
            built_file.unlink()
    _latexmk(rtd, "hostile", env)
    text = _pdf_text(rtd / "hostile.pdf")
    assert CANARY_FILE not in text and CANARY_ENV not in text and "Ca2+" in "".join(text.split())


@pytest.mark.pdf
def test_tex_itself_may_not_read_outside_the_build_folder_or_run_commands(
    make_app: Any, tmp_path: Path
) -> None:
    """The second wall: raw TeX that reads a file and runs a command, in the hardened folder."""
    require_tex()
    secret = tmp_path / "secret.tex"
    secret.write_text(CANARY_FILE + "\n", "utf-8")
    srcdir = copy_root(ROOT, tmp_path / "src")
    shutil.copy(Path(__file__).parents[1] / "_latex" / "cvstyle.sty", srcdir)
    app = make_app("latex", srcdir=srcdir)
    app.build()
    built = finished(app)
    rc = (built.outdir / "latexmkrc").read_text("utf-8")
    assert "$ENV{'openin_any'} = 'p';" in rc and "$ENV{'shell_escape'} = 'f';" in rc
    probe = built.outdir / "probe.tex"
    probe.write_text(
        "\\documentclass{article}\\begin{document}\n"
        f"[\\input{{{secret}}}]\n"
        "\\immediate\\write18{touch written-by-shell}\n"
        f"\\immediate\\openout1={tmp_path}/written-by-tex.txt \\immediate\\write1{{x}}\n"
        "\\immediate\\closeout1 done\n\\end{document}\n",
        "utf-8",
    )
    _latexmk(built.outdir, "probe", dict(os.environ))
    log = (built.outdir / "probe.log").read_text("utf-8", errors="replace")
    assert CANARY_FILE not in log
    assert not (built.outdir / "written-by-shell").exists()
    assert not (tmp_path / "written-by-tex.txt").exists()


# --- properties ----------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "$",
        "\\",
        "^",
        "^^5c",
        "_",
        "{",
        "}",
        "<",
        ">",
        '"',
        "'",
        "=",
        "/",
        "&",
        "#",
        ";",
        "%",
        "~",
        " ",
        "x",
        "2",
        "img",
        "svg",
        "src",
        "onerror",
        "onload",
        "alert(1)",
        "script",
        "style",
        "text",
        "input",
        "csname",
        "href",
        "javascript:",
        "&lt;",
        "&gt;",
        "\\text{",
        "\\style{",
        "\\frac",
        "\\left(",
        "\\right)",
        "\\alpha",
        "\\mathrm{",
        "\\catcode",
        "\\def",
        "\\write18",
        "\\sqrt[",
        "]",
        "\\,",
    ]
)
_TEX_COMMAND = re.compile(r"\\([A-Za-z]+|[^A-Za-z])")


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_random_field_text_gives_only_allowlisted_tex_and_mathml(field: str) -> None:
    from cvbib.latex import mathsafe

    allowed = (
        mathsafe.SYMBOLS
        | mathsafe.MATH_ARGUMENT
        | mathsafe.TWO_ARGUMENTS
        | mathsafe.TEXT_ARGUMENT
        | mathsafe.DELIMITED
        | mathsafe.DELIMITER_COMMANDS
        | mathsafe.ESCAPED
    )
    for part in _maths(decode(field)):
        if not part.tex_safe:
            continue
        assert "^^" not in part.latex
        assert not re.search(r"[\^_](?!\{)", part.latex), part.latex
        assert {m.group(1) for m in _TEX_COMMAND.finditer(part.latex)} <= allowed, part.latex
        markup = safe_mathml(part.latex)
        if markup is None:
            continue
        soup = BeautifulSoup(markup, "html.parser")
        for element in soup.find_all(True):
            assert element.name in MATHML_ELEMENTS
            assert not [a for a in element.attrs if a.lower().startswith("on") or a == "style"]


def _maths(text: Any) -> list[Math]:
    if isinstance(text, Math):
        return [text]
    return [m for part in getattr(text, "parts", []) for m in _maths(part)]
