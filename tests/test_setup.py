"""The set-up a new user relies on: the TeX command, the Makefile, Read the Docs."""

from __future__ import annotations

import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def readme_tex_command() -> str:
    readme = (REPO / "README.md").read_text("utf-8")
    commands = re.findall(r"^sudo apt-get install .*$", readme, re.M)
    assert len(commands) == 1, commands
    return commands[0]


def test_readme_tex_command_is_the_one_make_and_ci_use() -> None:
    packages = subprocess.run(
        ["make", "-s", "--no-print-directory", "print-tex-packages"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert readme_tex_command().split()[-len(packages) :] == packages
    assert "print-tex-packages" in (REPO / ".ci" / "run").read_text("utf-8")


def test_latexpdf_without_tex_names_the_install_command(tmp_path: Path) -> None:
    # An empty PATH: no xelatex, no latexmk (make itself is called by its full path).
    result = subprocess.run(
        ["/usr/bin/make", "-s", "tex-check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PATH": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "xelatex" in result.stdout
    assert readme_tex_command() in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_readthedocs_configuration() -> None:
    text = (REPO / ".readthedocs.yaml").read_text("utf-8")
    for line in [
        "version: 2",
        "os: ubuntu-24.04",
        'python: "3.12"',
        "configuration: conf.py",
        "fail_on_warning: true",
        "- pdf",
        "method: pip",
        "path: .",
    ]:
        assert line in text, line


@pytest.mark.parametrize("url", ["https://kaiyan.readthedocs.io/en/latest/", ""])
def test_canonical_url_comes_from_read_the_docs(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", url)
    namespace = runpy.run_path(str(REPO / "conf.py"))
    assert namespace["html_baseurl"] == url


def test_the_html_build_log_fits_on_one_screen(tmp_path: Path) -> None:
    """Progress and real warnings only: no configuration dump, no template chatter."""
    from cvbuild import copy_cv

    srcdir = copy_cv(tmp_path / "cv")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "html", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        check=True,
    )
    log = result.stdout + result.stderr
    assert "MdParserConfig" not in log and "Writing evaluated template" not in log
    assert "matplotlib" not in log
    assert len(log.splitlines()) <= 40, log
    assert result.stderr == ""
    again = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "html", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "configuration has changed" not in again.stdout, again.stdout
    assert "0 added, 0 changed, 0 removed" in again.stdout and again.stderr == ""
    # A real change is still reported.
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8") + '\nhtml_title = "Another title"\n', "utf-8")
    changed = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "html", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "The configuration has changed (1 option: 'html_title')" in changed.stdout


def test_readme_leads_with_new_cv() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    own = readme.split("## Use it for your own CV", 1)[1]
    first_command = re.search(r"```sh\n(.+?)\n", own)
    assert first_command and first_command[1].startswith('make new-cv NAME="')


def test_only_the_pages_beside_conf_py_are_read(tmp_path: Path) -> None:
    """Folders a checkout gathers (test environments, build output) are not pages.

    ``make test-bounds`` leaves ``.venv-bounds/`` with Sphinx's own ``.rst``
    templates in it, and setuptools leaves ``build/``: read as pages, they
    would warn, fail Read the Docs' ``fail_on_warning`` and be published.
    """
    from sphinx.testing.util import SphinxTestApp

    sys.path.insert(0, str(REPO / "tests"))
    from cvbuild import copy_cv

    root = copy_cv(tmp_path / "cv")
    for stray in (
        ".venv-bounds/lowest/lib/site-packages/sphinx/templates/module.rst",
        "build/lib/notes.md",
        "my-env/share/doc/README.md",
    ):
        (root / stray).parent.mkdir(parents=True)
        (root / stray).write_text("Stray\n=====\n\n.. unknown-directive::\n", "utf-8")
    (root / "talks.md").write_text("# Talks\n\nA page of the owner's own.\n", "utf-8")
    app = SphinxTestApp("dummy", srcdir=root)
    try:
        app.build()
        assert sorted(app.env.found_docs) == ["index", "publications", "talks"]
        assert "Stray" not in app.warning.getvalue()
        assert "unknown-directive" not in app.warning.getvalue()
    finally:
        app.cleanup()
