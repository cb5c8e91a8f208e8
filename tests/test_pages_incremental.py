"""Publication pages are rendered when what they show changed, and only then.

``roots/test-publications`` (eight entries, one of 2,900 authors) is built
with ``sphinx-build`` as a user runs it, again and again in one folder, the way
``make livehtml`` rebuilds. What is counted is what the theme renders: a small
extension written by this test records every ``html-page-context`` of a page
under ``pub/`` (in whichever process renders it), so the counts do not come
from the code under test. Pages a build does not render must also keep their
bytes and their modification time.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from cvbib.render import pagewriter

ROOT = Path(__file__).parent / "roots" / "test-publications"
EXT = Path(__file__).resolve().parent.parent / "_ext"
#: The pages of roots/test-publications, typed from its refs.bib (keys made file names).
PAGES = {
    "pub/DBLP_journals_corr_abs-2305-14321",
    "pub/lovelace2022bernoulli",
    "pub/lovelace2021loom",
    "pub/Lovelace_2020",
    "pub/lovelace-2019-poetical",
    "pub/lovelace2018thesis",
    "pub/lovelace2024engine",
    "pub/collab2025",
}

COUNTER = """\
import os

BODY_CLASS = "cvbib-publication-page"


def record(line):
    with open(os.environ["CV_RENDERED_PAGES"], "a", encoding="utf-8") as log:
        log.write(line + "\\n")


def count_page(app, pagename, templatename, context, doctree):
    if pagename.startswith("pub/"):
        record("page " + pagename)


def bodies(node):
    elements = node.findall(lambda n: hasattr(n, "get"))
    return sum(BODY_CLASS in n.get("classes", ()) for n in elements)


def count_bodies(app):
    \"\"\"Count the publication bodies the HTML writer renders (one call may render several).\"\"\"
    builder = app.builder
    if not hasattr(builder, "render_partial"):
        return
    render_partial = builder.render_partial

    def counting(node):
        for _body in range(bodies(node) if node is not None else 0):
            record("body")
        return render_partial(node)

    builder.render_partial = counting


def setup(app):
    app.connect("html-page-context", count_page)
    app.connect("builder-inited", count_bodies)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
"""


class Project:
    """A copy of the test root, built in place; each build says which pages it rendered."""

    def __init__(self, tmp_path: Path) -> None:
        self.srcdir = tmp_path / "src"
        shutil.copytree(ROOT, self.srcdir)
        counter = tmp_path / "counter"
        counter.mkdir()
        (counter / "pagecount.py").write_text(COUNTER, "utf-8")
        with (self.srcdir / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(f"\nimport sys\nsys.path.insert(0, {str(counter)!r})\n")
            conf.write('extensions.append("pagecount")\n')
        self.log = tmp_path / "rendered.txt"
        self.outdir = self.srcdir / "_build" / "html"
        self.doctrees = self.srcdir / "_build" / "doctrees"

    def build(self, *options: str, **environ: str) -> list[str]:
        """Build; return the pages the theme rendered, sorted.

        Every page rendered must have had its body rendered, and no body without its page.
        """
        self.log.unlink(missing_ok=True)
        env = {**os.environ, "PYTHONPATH": str(EXT), "CV_RENDERED_PAGES": str(self.log)}
        env.pop("CVBIB_JOBS", None)
        env.update(environ)
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "sphinx",
                "-b",
                "html",
                "-d",
                str(self.doctrees),
                *options,
                str(self.srcdir),
                str(self.outdir),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr
        warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
        # The root's one expected warning: a supplement file it does not ship.
        assert all("missing_file" in line for line in warnings), warnings
        lines = self.log.read_text("utf-8").splitlines() if self.log.exists() else []
        pages = sorted(line.removeprefix("page ") for line in lines if line.startswith("page "))
        assert lines.count("body") == len(pages), lines
        return pages

    def pages(self) -> dict[str, tuple[int, bytes]]:
        """Every page file under pub/: its modification time and bytes."""
        return {
            path.relative_to(self.outdir).as_posix(): (path.stat().st_mtime_ns, path.read_bytes())
            for path in (self.outdir / "pub").glob("*.html")
        }

    def edit_bib(self, old: str, new: str) -> None:
        bib = self.srcdir / "refs.bib"
        text = bib.read_text("utf-8")
        assert text.count(old) == 1, old
        bib.write_text(text.replace(old, new), "utf-8")

    def title(self, page: str) -> str:
        soup = BeautifulSoup((self.outdir / page).read_text("utf-8"), "html.parser")
        heading = soup.find("h1")
        assert heading is not None, page
        return heading.get_text()


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


def unchanged_but(
    before: dict[str, tuple[int, bytes]], after: dict[str, tuple[int, bytes]]
) -> set[str]:
    """The pages whose file is new, gone, or was written again."""
    return {page for page in before.keys() | after.keys() if before.get(page) != after.get(page)}


def test_a_no_op_rebuild_renders_no_page_and_an_edit_renders_one(project: Project) -> None:
    assert project.build() == sorted(PAGES)
    first = project.pages()
    assert len(first) == len(PAGES)

    assert project.build() == []
    assert project.pages() == first  # not even written again

    project.edit_bib(
        "title={A loom for algebraic patterns}", "title={A loom for Bernoulli numbers}"
    )
    assert project.build() == ["pub/lovelace2021loom"]
    assert project.title("pub/lovelace2021loom.html") == "A loom for Bernoulli numbers"
    assert unchanged_but(first, project.pages()) == {"pub/lovelace2021loom.html"}


def test_an_added_entry_renders_its_page_and_a_removed_one_loses_it(project: Project) -> None:
    project.build()
    first = project.pages()
    with (project.srcdir / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@misc{added2026, author={Ada Lovelace}, title={Added Later}, year={2026}}\n")
    assert project.build() == ["pub/added2026"]
    assert project.title("pub/added2026.html") == "Added Later"
    assert unchanged_but(first, project.pages()) == {"pub/added2026.html"}

    text = (project.srcdir / "refs.bib").read_text("utf-8")
    start, end = text.index("% Zotero / Better BibLaTeX thesis"), text.index("% al-folio")
    (project.srcdir / "refs.bib").write_text(text[:start] + text[end:], "utf-8")
    assert project.build() == []
    assert set(project.pages()) == {
        f"{page}.html" for page in PAGES - {"pub/lovelace2018thesis"}
    } | {"pub/added2026.html"}


def test_a_bib_file_replaced_wholesale(project: Project) -> None:
    project.build()
    (project.srcdir / "refs.bib").write_text(
        "@article{first2030, author={Ada Lovelace}, title={One}, journal={J}, year={2030}}\n"
        "@article{second2030, author={Ada Lovelace}, title={Two}, journal={J}, year={2030}}\n",
        "utf-8",
    )
    assert project.build() == ["pub/first2030", "pub/second2030"]
    assert set(project.pages()) == {"pub/first2030.html", "pub/second2030.html"}


def test_a_fresh_environment_renders_every_page(project: Project) -> None:
    project.build()
    assert project.build("-E") == sorted(PAGES)
    assert project.build() == []


def test_a_changed_theme_option_renders_every_page_with_it(project: Project) -> None:
    project.build()
    option = ("-D", "html_theme_options.description=A tagline for every page")
    assert project.build(*option) == sorted(PAGES)
    for page in project.pages():
        assert "A tagline for every page" in (project.outdir / page).read_text("utf-8"), page
    assert project.build(*option) == []
    assert project.build() == sorted(PAGES)  # and back


def test_a_changed_page_title_setting_renders_every_page(project: Project) -> None:
    project.build()
    assert project.build("-D", "html_title=Ada's papers") == sorted(PAGES)
    soup = BeautifulSoup(
        (project.outdir / "pub/lovelace2021loom.html").read_text("utf-8"), "html.parser"
    )
    assert soup.title is not None and "Ada's papers" in soup.title.get_text()


def test_a_deleted_page_is_rendered_again(project: Project) -> None:
    project.build()
    (project.outdir / "pub" / "Lovelace_2020.html").unlink()
    assert project.build() == ["pub/Lovelace_2020"]


def test_turning_pages_off_deletes_them_and_on_renders_them(project: Project) -> None:
    project.build()
    assert project.build("-D", "cv_publication_pages=0") == []
    assert project.pages() == {}
    assert project.build() == sorted(PAGES)


def test_helper_processes_render_the_same_pages(project: Project, tmp_path: Path) -> None:
    """Forced helpers (``CVBIB_JOBS=2``) share the pages out; every page is the same."""
    serial = Project(tmp_path / "serial")
    assert serial.build() == sorted(PAGES)
    assert project.build(CVBIB_JOBS="2") == sorted(PAGES)
    parallel = project.pages()
    assert {page: text for page, (_time, text) in parallel.items()} == {
        page: text for page, (_time, text) in serial.pages().items()
    }
    assert project.build(CVBIB_JOBS="2") == []


def test_a_helper_warning_reaches_the_build(project: Project) -> None:
    """A warning logged while a helper renders a page is the build's (``-W`` fails on it)."""
    with (project.srcdir / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "from sphinx.util import logging as _logging\n"
            "def _warn(app, pagename, *args):\n"
            "    if pagename == 'pub/collab2025':\n"
            "        _logging.getLogger('test').warning('page %s seen', pagename)\n"
            "def setup(app):\n"
            "    app.connect('html-page-context', _warn)\n"
        )
    env = {**os.environ, "PYTHONPATH": str(EXT), "CV_RENDERED_PAGES": str(project.log)}
    env["CVBIB_JOBS"] = "2"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", str(project.srcdir), str(project.outdir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert len(re.findall(r"WARNING: page pub/collab2025 seen", result.stderr)) == 1


def test_what_pages_share_changes_nothing(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The asset tags and toctree computed once give every page what its own would."""
    built = {}
    for name in ("shared", "own"):
        if name == "own":
            monkeypatch.setattr(pagewriter, "_SHARED_HELPERS", ())
        srcdir = tmp_path / name
        shutil.copytree(ROOT, srcdir)
        app = make_app("html", srcdir=srcdir)
        try:
            app.build()
        finally:
            app.cleanup()
        built[name] = {
            path.name: path.read_text("utf-8") for path in (Path(app.outdir) / "pub").glob("*.html")
        }
    assert len(built["shared"]) == len(PAGES)
    assert built["shared"] == built["own"]
