"""Entries as export tools write them, built into the page and the PDF.

``roots/test-latex-exports`` holds one entry from each of DBLP, Google
Scholar, ACL Anthology, arXiv, Zotero/Better BibLaTeX, Semantic Scholar,
Crossref and PubMed, written exactly as those tools write them. A reader must
see formatting as formatting and math as math, never a backslash or a ``$``,
in the ``cv`` style and in pybtex's ``plain``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from cvbib_roots import build, copy_root, finished

STYLES = ["cv", "plain"]


def _text(li: Any) -> str:
    return " ".join(li.get_text().split())


@pytest.mark.parametrize("style", STYLES)
def test_exports_render_without_markup(make_app: Any, tmp_path: Path, style: str) -> None:
    built = build(make_app, "latex-exports", tmp_path, bibtex_default_style=style)
    assert built.warnings == []
    items = built.items()
    assert len(items) == 9
    for li in items:
        visible = _text(li)
        for math in li.find_all("math"):
            math.decompose()
        assert "\\" not in visible and "$" not in visible, visible
        assert "{" not in _text(li) and "}" not in _text(li), visible

    dblp = built.item("Routing")
    assert "María García, Antonín Dvořák" in _text(dblp)
    assert dblp.find("math") is not None  # \(\mathcal{O}(n^{2})\)
    assert "mixture" in [em.get_text().lower() for em in dblp.find_all("em")]

    scholar = built.item("Scholar signalling")
    assert len(scholar.find_all("math")) == 3  # H$_2$O$_2$ and $\mathrm{Ca}^{2+}$
    assert "in vivo" in [em.get_text() for em in scholar.find_all("em")]
    assert "Jörg Müller" in _text(scholar) and "Søren Østergaard" in _text(scholar)

    acl = built.item("Anthology")
    assert acl.find("math") is not None and "Jiří Novák" in _text(acl)
    assert "Ayşe Koç" in _text(acl)

    arxiv = built.item("arXiv with")
    assert "bold" in [b.get_text().lower() for b in arxiv.find_all("strong")]
    assert "LaTeX" in _text(arxiv) and arxiv.find("math") is not None

    zotero = built.item("Zotero")
    assert [sub.get_text() for sub in zotero.find_all("sub")] == ["2", "2"]  # \ce{H2O2}
    assert "Łukasz Wójcik" in _text(zotero) and "“quoted”" in _text(zotero).lower()
    assert "—" in _text(zotero)

    semantic = built.item("Semantic")
    assert [sup.get_text() for sup in semantic.find_all("sup")] == ["2+"]
    assert semantic.select_one("span.cvbib-smallcaps").get_text().lower() == "hela"
    assert "in situ" in [em.get_text() for em in semantic.find_all("em")]

    crossref = built.item("Crossref")
    assert "in vivo" in [em.get_text() for em in crossref.find_all("em")]
    assert [sub.get_text() for sub in crossref.find_all("sub")] == ["2", "2"]
    assert crossref.select_one("span.cvbib-smallcaps") is not None
    assert "& mri" in _text(crossref).lower() and "<" not in _text(crossref)

    pubmed = built.item("Danio")
    assert [sup.get_text() for sup in pubmed.find_all("sup")] == ["2+"]
    assert "danio rerio" in [em.get_text().lower() for em in pubmed.find_all("em")]

    hand = built.item("Hand")
    assert "“written”" in _text(hand).lower() and "TeX and BibTeX" in _text(hand)
    links = [a["href"] for a in hand.find_all("a")]
    assert "https://example.org/notes" in links and "https://example.org/~x" in links


def test_nested_emphasis_is_upright_on_the_web(make_app: Any, tmp_path: Path) -> None:
    built = build(make_app, "latex-exports", tmp_path)
    title = built.item("Routing").find("em")
    assert title.find("em").get_text() == "Mixture"  # emphasis inside the italic title
    css = (built.outdir / "_static" / "cvbib.css").read_text("utf-8")
    assert "em em" in css and "font-style: normal" in css
    assert built.soup().find("link", href=lambda h: h and "cvbib.css" in h) is not None


def test_a_dblp_owner_is_matched_and_bold(make_app: Any, tmp_path: Path) -> None:
    built = build(
        make_app,
        "latex-exports",
        tmp_path,
        cv_owner="María García",
        cv_warn_missing_owner=False,
    )
    assert [s.get_text() for s in built.item("Routing").find_all("strong")] == ["María García"]


def test_preamble_macros_and_unknown_macros(make_app: Any, tmp_path: Path) -> None:
    built = build(make_app, "latex-preamble", tmp_path)
    texts = built.texts()
    assert "Guarded Macros for Typesetting with Knuth, version 3." in texts[0]
    assert built.item("Guarded").select_one("span.cvbib-smallcaps").get_text() == "Knuth"
    # a recursive macro stops after a few rounds instead of hanging the build
    assert texts[1].startswith("Kaiyan Zhang. A Recursive Definition") and "Loop" not in texts[1]
    assert "Unknown Argument Kept" in texts[2] and "Unknown Again Kept" in texts[3]
    unknown = built.of("unknown_macro")
    assert len(unknown) == 1, built.warnings  # once per macro and file
    assert "\\Foo" in unknown[0] and "2 entries use it (unknown1, unknown2)" in unknown[0]
    assert built.warnings == unknown


def test_leftover_markup_is_warned(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root("latex-preamble", tmp_path / "src")
    (srcdir / "refs.bib").write_text(
        "@misc{left, author = {Kaiyan Zhang}, year = {2020},\n"
        "  title = {A \\textbackslash{}relax left}}\n",
        "utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    warnings = app.warning.getvalue()
    assert "entry 'left'" in warnings and "[cvbib.leftover_markup]" in warnings
    assert "'\\\\relax'" in warnings


# --- the PDF -------------------------------------------------------------------------


def _require_tex() -> None:
    missing = [tool for tool in ("xelatex", "latexmk") if shutil.which(tool) is None]
    if not missing:
        return
    message = f"{', '.join(missing)} not found: install TeX with the README's apt-get command"
    if os.environ.get("CI"):
        pytest.fail(f"CI must build the PDF, but {message}")
    pytest.skip(message)


def _pdf_text(srcdir: Path, name: str) -> str:
    shutil.copy(Path(__file__).parents[1] / "_latex" / "cvstyle.sty", srcdir)
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "_ext")},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with pdfplumber.open(srcdir / "_build" / "latex" / f"{name}.pdf") as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


@pytest.mark.pdf
@pytest.mark.parametrize("style", STYLES)
def test_exports_in_the_pdf(tmp_path: Path, style: str) -> None:
    _require_tex()
    srcdir = copy_root("latex-exports", tmp_path / "src")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('"cv"', repr(style)), "utf-8")
    text = " ".join(_pdf_text(srcdir, "exports").split())
    assert "\\" not in text and "$" not in text
    squeezed = text.replace(" ", "")  # pdfplumber may drop a space between words
    for expected in ("MaríaGarcía", "AntonínDvořák", "JiříNovák", "ŁukaszWójcik", "ixture"):
        assert expected in squeezed, expected
    assert "emph" not in text and "textsc" not in text and "mathcal" not in text


def _check_glyphs(latex_dir: Path) -> subprocess.CompletedProcess[str]:
    script = Path(__file__).parents[1] / "_ext" / "cvbib" / "render" / "glyphcheck.py"
    return subprocess.run(
        [sys.executable, str(script), str(latex_dir)], capture_output=True, text=True
    )


@pytest.mark.pdf
def test_characters_the_main_font_lacks_come_from_fallback_fonts(tmp_path: Path) -> None:
    _require_tex()
    srcdir = copy_root("latex-glyphs", tmp_path / "src")
    text = _pdf_text(srcdir, "glyphs")
    for expected in ("王伟", "⁺", "₂", "🔬"):
        assert expected in text, (expected, text)
    log = (srcdir / "_build" / "latex" / "glyphs.log").read_text("utf-8", errors="replace")
    assert "Missing character" not in log
    assert _check_glyphs(srcdir / "_build" / "latex").returncode == 0


def _latexpdf(srcdir: Path) -> subprocess.CompletedProcess[str]:
    shutil.copy(Path(__file__).parents[1] / "_latex" / "cvstyle.sty", srcdir)
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "_ext")},
    )


@pytest.mark.pdf
def test_a_character_no_font_has_fails_the_build_with_its_name_and_place(tmp_path: Path) -> None:
    _require_tex()
    srcdir = copy_root("latex-glyphs", tmp_path / "src")
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text("utf-8").replace("🔬", "\U0001d11e"), "utf-8")  # 𝄞
    result = _latexpdf(srcdir)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "U+1D11E MUSICAL SYMBOL G CLEF" in output
    assert "glyphs.tex:" in output and "Glyphs" in output


@pytest.mark.pdf
@pytest.mark.parametrize("glyph", ["🔬", "\U0001d11e"])
def test_read_the_docs_commands_run_every_guard(tmp_path: Path, glyph: str) -> None:
    """Read the Docs' own commands, not the Makefile: the glyph check and the TeX walls hold."""
    _require_tex()
    srcdir = copy_root("latex-glyphs", tmp_path / "src")
    shutil.copy(Path(__file__).parents[1] / "_latex" / "cvstyle.sty", srcdir)
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text("utf-8").replace("🔬", glyph), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "_ext")}
    latex = srcdir / "_build" / "latex"
    sphinx = subprocess.run(
        [sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-b", "latex",
         "-d", str(srcdir / "_build" / "doctrees"), str(srcdir), str(latex)],
        capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert sphinx.returncode == 0, sphinx.stderr
    latexmk = subprocess.run(
        ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", "-jobname=rtd-slug",
         "-interaction=nonstopmode", "glyphs.tex"],
        cwd=latex, capture_output=True, text=True, timeout=600, env=env,
    )  # fmt: skip
    assert (latex / "rtd-slug.pdf").is_file()
    assert (latex / "latexmkrc").read_text("utf-8").startswith("# cvbib: TeX runs no command")
    if glyph == "🔬":
        assert latexmk.returncode == 0, latexmk.stdout[-2000:] + latexmk.stderr[-2000:]
    else:
        assert latexmk.returncode != 0
        output = latexmk.stdout + latexmk.stderr
        assert "U+1D11E MUSICAL SYMBOL G CLEF" in output and "glyphs.tex:" in output


def test_every_character_of_the_math_approximation_has_a_font() -> None:
    """Refused math is shown as its approximation (x⁵, xᵣ): the PDF must have those glyphs."""
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list is not installed")
    from cvbib.latex.tables import SUBSCRIPTS, SUPERSCRIPTS

    chars = {
        chr(v) if isinstance(v, int) else v for t in (SUPERSCRIPTS, SUBSCRIPTS) for v in t.values()
    }
    style = (Path(__file__).parents[1] / "_latex" / "cvstyle.sty").read_text("utf-8")

    def heros_has(char: str) -> bool:
        found = subprocess.run(
            ["fc-list", f":family=TeX Gyre Heros:charset={ord(char):x}", "family"],
            capture_output=True,
            text=True,
        )
        return bool(found.stdout.strip())

    lacking = sorted(c for c in "".join(chars) if not heros_has(c))
    assert lacking, "Heros lacks the Unicode super- and subscripts: the fallback is needed"
    assert [c for c in lacking if f"\\newunicodechar{{{c}}}" not in style] == []


def test_the_glyph_check_reads_xelatex_logs(tmp_path: Path) -> None:
    (tmp_path / "cv.log").write_text(
        "Missing character: There is no ⁺ (U+207A) in font [texgyreheros-regular.otf]/OT:"
        "script=latn;language=dflt;mapping=tex-text;!\n",
        "utf-8",
    )
    (tmp_path / "cv.tex").write_text("a\n\\item Ca²⁺ signalling\n", "utf-8")
    result = _check_glyphs(tmp_path)
    assert result.returncode == 1
    assert "'⁺' (U+207A SUPERSCRIPT PLUS SIGN)" in result.stderr
    assert "cv.tex:2: …\\item Ca²⁺ signalling…" in result.stderr
    (tmp_path / "cv.log").write_text("Output written on cv.pdf\n", "utf-8")
    assert _check_glyphs(tmp_path).returncode == 0


def test_math_in_the_text_and_latex_builders(make_app: Any, tmp_path: Path) -> None:
    text = build(make_app, "latex-exports", tmp_path, "text")
    assert text.warnings == []
    output = (text.outdir / "index.txt").read_text("utf-8")
    assert "Ca²⁺" in output and "10⁻³" in output and "π-Tuning" in output
    assert "$" not in output and "\\" not in output

    srcdir = copy_root("latex-exports", tmp_path / "latex-src")
    shutil.copy(Path(__file__).parents[1] / "_latex" / "cvstyle.sty", srcdir)
    app = make_app("latex", srcdir=srcdir)
    app.build()
    latex = finished(app)
    assert latex.warnings == []
    tex = latex.tex()
    assert r"\(\mathcal{O}(n^{2})\)" in tex and r"\(\mathrm{Ca}^{2+}\)" in tex
    assert r"\DUrole{cvbib-smallcaps}{HeLa}" in tex
    assert r"\$" not in tex
