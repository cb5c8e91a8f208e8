"""The theme's page, rendered once for all publication pages, gives each page the theme's bytes.

``roots/test-publications``, with entries added whose titles a template can
write out in many ways (an ampersand, quotes, angle brackets, a run of spaces,
math, Japanese), is built with ``sphinx-build`` twice into separate folders:
as a user builds it, and with a template loader whose ``render`` cannot be
replaced, so that every page goes through the theme's template as Sphinx alone
would write it. A small extension of this test wraps the builder's template
loader and counts the pages under ``pub/`` it renders; the counts and the
bytes do not come from the code under test.

* Every page must be byte for byte the same in both builds (``html`` and
  ``dirhtml``, and with helper processes).
* The user's build must render the template a few times, not once per page.
* A template that writes the title shortened (this test's own child of the
  theme's ``page.html``) must not be filled in: every page is rendered, and
  the pages are still the same.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from cvbib.render.pagetemplate import PageTemplate

ROOT = Path(__file__).parent / "roots" / "test-publications"
EXT = Path(__file__).resolve().parent.parent / "_ext"

#: Entries whose titles exercise every way a template writes a title (typed by hand).
TRICKY_BIB = r"""
@article{tricky2023amp,
  author  = {Ada Lovelace and Mary Somerville},
  title   = {Cats \& Dogs: "Quoted" <b>not bold</b> it's  spaced},
  journal = {Journal of Odd Titles},
  year    = {2023},
}

@inproceedings{tricky2022math,
  author    = {Ada Lovelace},
  title     = {Bounds for $x < y$ and $\alpha$-Engines},
  booktitle = {Proceedings of Engines},
  year      = {2022},
}

@article{tricky2021cjk,
  author  = {Lovelace, Ada and 田中, 宏},
  title   = {分析機関の注記},
  journal = {数理科学},
  year    = {2021},
}
"""

LOADER = """\
import os


class Counting:
    \"\"\"The builder's template loader; records each page under pub/ it renders.\"\"\"

    def __init__(self, inner):
        object.__setattr__(self, "_inner", inner)

    def render(self, template, context):
        pagename = str(context.get("pagename", ""))
        if pagename.startswith("pub/"):
            with open(os.environ["CV_TEMPLATE_LOG"], "a", encoding="utf-8") as log:
                log.write(pagename + "\\n")
        return self._inner.render(template, context)

    def __getattr__(self, name):
        return getattr(self._inner, name)


class Fixed(Counting):
    \"\"\"The same, but its render cannot be replaced: every page goes through the template.\"\"\"

    def __setattr__(self, name, value):
        raise AttributeError(name)

    def __delattr__(self, name):
        raise AttributeError(name)


def wrap(app):
    templates = getattr(app.builder, "templates", None)
    if templates is not None:
        fixed = os.environ.get("CV_TEMPLATE_FIXED") == "1"
        app.builder.templates = (Fixed if fixed else Counting)(templates)


def setup(app):
    app.connect("builder-inited", wrap, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""

#: A child of the theme's page that writes the title shortened, in the head.
SHORTENING_PAGE = """\
{% extends "!page.html" %}
{% block extrahead %}{{ super() }}
<meta name="short-title" content="{{ title|striptags|truncate(12) }}">
{% endblock %}
"""


def make_project(tmp_path: Path, shortening: bool = False) -> Path:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    with (srcdir / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(TRICKY_BIB)
    loader = tmp_path / "loader"
    loader.mkdir()
    (loader / "countingloader.py").write_text(LOADER, "utf-8")
    with (srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\nimport sys\nsys.path.insert(0, {str(loader)!r})\n")
        conf.write('extensions.append("countingloader")\n')
        if shortening:
            conf.write('templates_path = ["_templates"]\n')
    if shortening:
        (srcdir / "_templates").mkdir()
        (srcdir / "_templates" / "page.html").write_text(SHORTENING_PAGE, "utf-8")
    return srcdir


def build(srcdir: Path, outdir: Path, builder: str, fixed: bool, jobs: str) -> list[str]:
    """Build; return the pages under pub/ the template rendered (one line per rendering)."""
    log = outdir.parent / f"{outdir.name}.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(EXT),
        "CV_TEMPLATE_LOG": str(log),
        "CV_TEMPLATE_FIXED": "1" if fixed else "0",
        "CVBIB_JOBS": jobs,
    }
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, str(srcdir), str(outdir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return log.read_text("utf-8").splitlines() if log.exists() else []


def page_files(outdir: Path) -> dict[str, bytes]:
    return {
        path.relative_to(outdir).as_posix(): path.read_bytes()
        for path in sorted((outdir / "pub").rglob("*.html"))
    }


@pytest.mark.parametrize(
    ("builder", "jobs"),
    [("html", "1"), ("dirhtml", "1"), ("html", "2")],
)
def test_every_page_is_the_themes_own_and_the_template_runs_a_few_times(
    tmp_path: Path, builder: str, jobs: str
) -> None:
    srcdir = make_project(tmp_path)
    filled_out, theme_out = tmp_path / "filled", tmp_path / "theme"
    filled = build(srcdir, filled_out, builder, fixed=False, jobs=jobs)
    rendered = build(srcdir, theme_out, builder, fixed=True, jobs=jobs)
    pages = page_files(theme_out)
    # The root's 8 entries and this test's 3, each a page.
    assert len(pages) == 11
    assert page_files(filled_out) == pages
    # Without the skeleton, the template renders each page once.
    assert len(rendered) == len(pages)
    # With it, each process renders its first page, the skeleton and a page to check it.
    processes = int(jobs)
    assert len(filled) <= 3 * processes < len(pages)


def test_the_tricky_titles_read_as_typed(tmp_path: Path) -> None:
    srcdir = make_project(tmp_path)
    build(srcdir, tmp_path / "out", "html", fixed=False, jobs="1")

    def soup(key: str) -> BeautifulSoup:
        page = tmp_path / "out" / "pub" / f"{key}.html"
        return BeautifulSoup(page.read_text("utf-8"), "html.parser")

    def title(key: str) -> str:
        found = soup(key).title
        return found.get_text() if found else ""

    # Zotero's rich text: <b> is bold in the heading, plain in the window's title.
    assert title("tricky2023amp").startswith('Cats & Dogs: "Quoted" not bold it')
    bold = soup("tricky2023amp").select_one("h1 strong")
    assert bold is not None and bold.get_text() == "not bold"
    # Math: MathML in the heading, its text (with its "<") in the title.
    assert title("tricky2022math").startswith("Bounds for x < y and α-Engines")
    assert soup("tricky2022math").select_one("h1 math") is not None
    assert title("tricky2021cjk").startswith("分析機関の注記")


def test_a_template_that_shortens_the_title_is_rendered_for_every_page(tmp_path: Path) -> None:
    srcdir = make_project(tmp_path, shortening=True)
    filled_out, theme_out = tmp_path / "filled", tmp_path / "theme"
    filled = build(srcdir, filled_out, "html", fixed=False, jobs="1")
    build(srcdir, theme_out, "html", fixed=True, jobs="1")
    pages = page_files(theme_out)
    assert page_files(filled_out) == pages
    # Every page through the template (and the one skeleton that was refused).
    assert len(filled) >= len(pages)
    soup = BeautifulSoup(pages["pub/tricky2022math.html"].decode("utf-8"), "html.parser")
    short = soup.find("meta", attrs={"name": "short-title"})
    assert short is not None and short["content"] == "Bounds..."


def test_installing_twice_leaves_the_loader_as_it_was() -> None:
    """The helpers' leftovers are written inside the block that already installed it."""

    class Loader:
        def render(self, template: str, context: dict[str, object]) -> str:
            return "the template's"

    loader = Loader()
    template = PageTemplate(loader.render)
    with template.installed(loader) as outer:
        with template.installed(loader) as inner:
            assert outer and inner
            assert loader.render == template.render
        assert loader.render == template.render
    assert "render" not in vars(loader)
    assert loader.render("page.html", {}) == "the template's"
