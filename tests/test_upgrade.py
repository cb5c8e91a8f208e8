"""`make upgrade`: a fork takes a newer engine and keeps its own CV, byte for byte.

The scenario, on real git repositories in a temporary folder: an "upstream" (a
clone of this repository), a "fork" of it whose owner made it hers (her name in
conf.py, her sections, her .bib, a photo, a change to the engine's cv.css, a
file of her own in _ext/), then an upstream that moves on: the engine changes
(a new Sphinx setting in _ext/cvconf.py, a line of the Makefile, a new file, a
deleted file) and so does the sample's content (sections, refs.bib, index.md,
conf.py, a photo). The upgrade must bring every engine change and none of the
sample's content.

The fast tests run tools/upgrade.py without builds: the list of paths, the
conf.py split, the override audit, uncommitted changes, the forced upgrade
with its backup, an upstream's newer tool taking over, and the messages for a
wrong FROM or REF. The slow test follows the README with make: `make new-cv`,
`make upgrade` (refused, then FORCE=1), `make html` without a warning and the
fork's content and set-up tests (PYTEST_ARGS below) run by `make upgrade`
itself: what an engine change can break in a fork is its page and its PDF
(test_site.py, test_web_meta.py and test_pdf.py read the fork's own sources),
its set-up (test_setup.py: Makefile, conf.py, Read the Docs) and the
sample-only skips (test_sample_cv.py, test_new_cv.py). The engine's other
tests do not read the CV and run upstream; the browser audits are left to the
fork's own `make test`.
"""

from __future__ import annotations

import ast
import hashlib
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import cvconf
import pytest
from clones import (
    REPO,
    clone,
    commit_all,
    git,
    make,
    make_ok,
    require_git,
    share_environment,
    skip_inside_a_clone,
    skip_unless_sample,
)

sys.path.insert(0, str(REPO / "tools"))
import upgrade
from enginepaths import BACKUP, CONTENT, ENGINE, Layout, combined

OWNER = "Ada Lovelace"
#: The fork's own files: none of them may change in an upgrade.
HER_SECTION = """\
## Education

{.cv-entry}
**University of London** [1840 – 1843]{.cv-dates}\\
*Mathematics*
"""
HER_BIB = """\
@article{lovelace1843notes,
  author  = {Ada Lovelace and Charles Babbage},
  title   = {Sketch of the Analytical Engine},
  journal = {Scientific Memoirs},
  year    = {1843},
}
"""
#: The engine change that must reach the fork's conf.py without touching it.
NEW_SETTING = (
    '"html_copy_source": False,',
    '"html_copy_source": False,\n        "html_secnumber_suffix": ". ",',
)
#: PYTEST_ARGS of the slow test's `make upgrade` (module docstring: why these).
FORK_TESTS = " ".join(
    f"tests/test_{name}.py" for name in ("site", "web_meta", "pdf", "setup", "sample_cv", "new_cv")
)


def digest(root: Path, paths: list[str]) -> dict[str, str]:
    """Every file under *paths* (files or folders) of *root*: path -> sha256."""
    found = {}
    for name in paths:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                found[file.relative_to(root).as_posix()] = hashlib.sha256(
                    file.read_bytes()
                ).hexdigest()
    return found


def tracked(root: Path) -> list[str]:
    return sorted(filter(None, git(root, "ls-files", "-z").split("\0")))


def make_upstream(tmp_path: Path) -> Path:
    """This repository as a commit, plus a file its next version deletes."""
    upstream = clone(tmp_path / "upstream")
    (upstream / "_ext" / "cvretired.py").write_text('"""Retired in the next version."""\n', "utf-8")
    commit_all(upstream, "The engine and sample as the fork finds them")
    return upstream


def make_hers(fork: Path) -> None:
    """What an owner changes by hand (the slow test has `make new-cv` write conf.py first)."""
    conf = fork / "conf.py"
    if 'cv_owner = "Ada Lovelace"' not in conf.read_text("utf-8"):
        text = re.sub(
            r"^cv_owner = .*$", f'cv_owner = "{OWNER}"', conf.read_text("utf-8"), flags=re.M
        )
        conf.write_text(text, "utf-8")
    (fork / "sections" / "education.md").write_text(HER_SECTION, "utf-8")
    (fork / "refs.bib").write_text(HER_BIB, "utf-8")
    (fork / "_static" / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 her photo")
    with (fork / "_static" / "cv.css").open("a", encoding="utf-8") as css:
        css.write("\n/* her override */\nh1 { letter-spacing: 0.01em; }\n")
    (fork / "_ext" / "herrole.py").write_text('"""Her own extension."""\n', "utf-8")
    commit_all(fork, "My CV")


def advance(upstream: Path) -> None:
    """A newer engine, and new sample content that must not reach the fork."""
    cvconf_py = upstream / "_ext" / "cvconf.py"
    text = cvconf_py.read_text("utf-8")
    assert NEW_SETTING[0] in text, "the test's anchor in _ext/cvconf.py moved: update NEW_SETTING"
    cvconf_py.write_text(text.replace(NEW_SETTING[0], NEW_SETTING[1]), "utf-8")
    with (upstream / "Makefile").open("a", encoding="utf-8") as makefile:
        makefile.write("\n# A newer engine's Makefile.\n")
    (upstream / "_ext" / "cvnew.py").write_text('"""New in this version."""\n', "utf-8")
    (upstream / "_ext" / "cvretired.py").unlink()
    with (upstream / "sections" / "education.md").open("a", encoding="utf-8") as section:
        section.write("\n- The sample's newest degree\n")
    with (upstream / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write("\n@misc{sample2027, author = {Kaiyan Zhang}, title = {Sample}, year = {2027}}\n")
    with (upstream / "index.md").open("a", encoding="utf-8") as index:
        index.write("\n<!-- the sample's index -->\n")
    conf = upstream / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('cv_paper = "a4"', 'cv_paper = "letter"'))
    (upstream / "_static" / "sample-photo.jpg").write_bytes(b"\xff\xd8 the sample's photo")
    commit_all(upstream, "A newer engine, and newer sample content")


def content_paths(fork: Path) -> list[str]:
    layout = Layout.read(fork)
    assert layout is not None
    return [p for p in tracked(fork) if layout.classify(p) != ENGINE]


def engine_files(root: Path, layout: Layout) -> dict[str, str]:
    return {p: h for p, h in digest(root, tracked(root)).items() if layout.classify(p) == ENGINE}


def check_upgraded(fork: Path, upstream: Path, her_content: dict[str, str]) -> None:
    """Content byte-identical, engine equal to the upstream's, the fork's own file kept."""
    assert digest(fork, list(her_content)) == her_content
    assert not (fork / "_static" / "sample-photo.jpg").exists()
    layout = Layout.read(upstream)
    assert layout is not None
    theirs = engine_files(upstream, layout)
    mine = {p: h for p, h in digest(fork, [p for p in theirs if (fork / p).exists()]).items()}
    assert mine == theirs
    assert not (fork / "_ext" / "cvretired.py").exists()
    assert (fork / "_ext" / "herrole.py").exists()
    (backup,) = (fork / BACKUP).iterdir()
    assert "/* her override */" in (backup / "_static" / "cv.css").read_text("utf-8")
    assert "/* her override */" not in (fork / "_static" / "cv.css").read_text("utf-8")
    conf = subprocess.run(
        [sys.executable, "-c", "import runpy; c = runpy.run_path('conf.py'); "
         "print(c['cv_owner'], c['cv_paper'], repr(c['html_secnumber_suffix']))"],
        cwd=fork, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert conf.stdout.strip() == f"{OWNER} a4 '. '"  # hers, and the new engine's setting


# -- The list of paths and the conf.py split ------------------------------------


def test_every_file_of_the_repository_is_named_engine_or_content() -> None:
    require_git()
    layout = Layout.read(REPO)
    assert layout is not None
    unnamed = [p for p in tracked(REPO) if layout.classify(p) is None]
    assert unnamed == [], f"name these in tools/engine-paths.txt: {unnamed}"
    missing = [p for p in layout.paths(ENGINE) if not (REPO / p).exists()]
    assert missing == [], f"engine paths that do not exist: {missing}"
    for path in ("conf.py", "index.md", "sections/contact.md", "refs.bib", "_static/photo.jpg"):
        assert layout.classify(path) == CONTENT, path
    for path in ("_static/cv.css", "_ext/cvconf.py", "Makefile", "tests/test_fork.py"):
        assert layout.classify(path) == ENGINE, path


def test_the_readme_lists_the_same_paths() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("### Engine and content", 1)[1].split("\n#", 1)[0]
    rows = {kind: "" for kind in (ENGINE, CONTENT)}
    for line in section.splitlines():
        for kind in rows:
            if line.startswith(f"| {kind} |"):
                rows[kind] = line
    layout = Layout.read(REPO)
    assert layout is not None
    for kind, row in rows.items():
        listed = re.findall(r"`([^`]+)`", row)
        assert sorted(listed) == sorted(layout.paths(kind)), kind


def test_the_two_lists_together_never_make_content_engine() -> None:
    fork = Layout.parse("[engine]\n_static/cv.css\nbench/\n[content]\nsections/\n_static/\n")
    upstream = Layout.parse("[engine]\nsections/\n_static/cv.css\n_static/cv-print.css\n")
    both = combined(upstream, fork)
    assert both.classify("sections/education.md") == CONTENT  # the upstream's mistake
    assert both.classify("_static/photo.jpg") == CONTENT
    assert both.classify("_static/cv-print.css") == ENGINE  # a new engine file, named
    assert both.classify("bench/bench.py") == ENGINE  # dropped upstream: its files go
    assert both.classify("notes.txt") is None  # named nowhere: the owner's
    assert combined(upstream, None).classify("sections/education.md") == ENGINE


@skip_unless_sample()
def test_conf_py_holds_only_the_owners_settings() -> None:
    tree = ast.parse((REPO / "conf.py").read_text("utf-8"))
    assigned = {
        target.id
        for node in tree.body
        if isinstance(node, (ast.Assign, ast.AnnAssign))
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    assert assigned == {"cv_owner", "cv_owner_aliases", "cv_show_private", "cv_paper",
                        "cv_pdf_publications", "cv_variants"}  # fmt: skip
    assert "configure(globals())" in (REPO / "conf.py").read_text("utf-8")


def test_the_engine_computes_the_rest_and_the_owner_wins() -> None:
    tags: set[str] = set()
    namespace = {
        "cv_owner": "María José García López",
        "cv_paper": "letter",
        "cv_show_private": True,
        "html_baseurl": "https://example.org/cv/",
        "latex_elements": {"pointsize": "11pt"},
        "tags": tags,
    }
    cvconf.configure(namespace)
    assert namespace["html_baseurl"] == "https://example.org/cv/"
    assert namespace["latex_elements"]["pointsize"] == "11pt"
    assert namespace["latex_elements"]["papersize"] == "letterpaper"
    assert "cvstyle" in namespace["latex_elements"]["preamble"]
    assert namespace["latex_documents"][0][1] == "maria-jose-garcia-lopez-cv.tex"
    assert namespace["myst_substitutions"] == {"cv_owner": "María José García López"}
    assert "cvbib" in namespace["extensions"] and BACKUP in namespace["exclude_patterns"]
    assert tags == {"cv_show_private"}
    bare: dict[str, object] = {"cv_owner": "Ada Lovelace"}  # read by runpy: no tags
    cvconf.configure(bare)
    assert bare["html_title"] == "Ada Lovelace" and "tags" not in bare


# -- tools/upgrade.py on git repositories, without builds ----------------------


@pytest.fixture
def repos(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """(upstream, fork): the fork made hers, the upstream moved on."""
    upstream = make_upstream(tmp_path)
    fork = clone(tmp_path / "fork", upstream)
    make_hers(fork)
    advance(upstream)
    yield upstream, fork


def run(fork: Path, upstream: Path | str, *args: str) -> int:
    return upgrade.main(["--repo", str(fork), "--from", str(upstream), "--no-test", *args])


def test_local_overrides_stop_the_upgrade_before_any_change(
    repos: tuple[Path, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    upstream, fork = repos
    before = digest(fork, tracked(fork))
    assert run(fork, upstream) == upgrade.OVERRIDES
    err = capfd.readouterr().err
    assert "1 engine file changed here (local overrides)" in err
    assert "  _static/cv.css\n" in err and "FORCE=1" in err
    assert digest(fork, tracked(fork)) == before
    assert git(fork, "status", "--porcelain") == ""


def test_uncommitted_changes_stop_the_upgrade(
    repos: tuple[Path, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    upstream, fork = repos
    (fork / "sections" / "honors.md").write_text("## Honors\n\n- Not committed\n", "utf-8")
    assert run(fork, upstream) == upgrade.NOTHING_DONE
    err = capfd.readouterr().err
    assert "not committed yet:\n  sections/honors.md" in err and "Nothing was changed." in err
    assert git(fork, "status", "--porcelain") == " M sections/honors.md\n"


def test_a_forced_upgrade_brings_the_engine_and_keeps_her_cv(
    repos: tuple[Path, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    upstream, fork = repos
    hers = digest(fork, content_paths(fork))
    assert run(fork, upstream, "--force") == 0
    out = capfd.readouterr().out
    check_upgraded(fork, upstream, hers)
    assert re.search(r" Makefile +\| +2 \+\+\n", out), out
    assert re.search(r" _ext/cvnew\.py \(new\) +\| +1 \+\n", out), out
    assert re.search(r" _ext/cvretired\.py \(deleted\) +\| +1 -\n", out), out
    assert "your versions are saved in _upgrade-backup/" in out
    assert "(your own files in engine folders):\n  _ext/herrole.py" in out
    # A fork's translations are content too; a new owner's fork has none yet (make new-cv).
    locales = "locales/, " if (fork / "locales").exists() else ""
    assert "Not touched (your CV): conf.py, index.md, publications.md, sections/, " \
        f"{locales}refs.bib, _static/ (but _static/cv.css)" in out  # fmt: skip
    # The backup is ignored by git; what is left to commit is the engine's.
    status = git(fork, "status", "--porcelain")
    assert BACKUP not in status and "sections" not in status and "refs.bib" not in status
    commit_all(fork, "Upgrade the CV engine")
    assert run(fork, upstream) == 0
    assert "nothing to upgrade" in capfd.readouterr().out


def test_the_upstreams_newer_tool_takes_over(
    repos: tuple[Path, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    upstream, fork = repos
    tool = upstream / "tools" / "upgrade.py"
    text = tool.read_text("utf-8").replace(
        "def main(argv", 'print("-- the newer tool --", flush=True)\n\n\ndef main(argv', 1
    )
    tool.write_text(text, "utf-8")
    commit_all(upstream, "A newer upgrade tool")
    hers = digest(fork, content_paths(fork))
    assert run(fork, upstream, "--force") == 0
    out = capfd.readouterr().out
    assert "The upstream's own upgrade tool takes over." in out
    assert "-- the newer tool --" in out
    check_upgraded(fork, upstream, hers)


def test_a_wrong_from_or_ref_says_what_to_give(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    require_git()
    fork = clone(tmp_path / "fork")
    assert run(fork, tmp_path / "nowhere") == upgrade.NOTHING_DONE
    err = capfd.readouterr().err
    assert "Could not fetch FROM=" in err and "https://github.com/<owner>/<repository>.git" in err
    assert run(fork, REPO, "--ref", "no-such-branch") == upgrade.NOTHING_DONE
    err = capfd.readouterr().err
    assert "REF=no-such-branch is neither a branch, a tag nor a commit" in err
    assert "Traceback" not in err


# -- The README's path, with make ---------------------------------------------


@pytest.mark.slow
@skip_unless_sample()
@skip_inside_a_clone()
def test_make_upgrade_brings_the_engine_and_keeps_her_cv(tmp_path: Path) -> None:
    upstream = make_upstream(tmp_path)
    fork = clone(tmp_path / "fork", upstream)
    share_environment(fork)
    bib = tmp_path / "ada.bib"
    bib.write_text(HER_BIB, "utf-8")
    make_ok(fork, "new-cv", f"NAME={OWNER}", f"BIB={bib}")
    make_hers(fork)
    assert git(fork, "status", "--porcelain") == ""  # the build wrote nothing but _build/
    hers = digest(fork, content_paths(fork))
    advance(upstream)

    refused = make(fork, "upgrade", f"FROM={upstream}")
    assert refused.returncode != 0 and "_static/cv.css" in refused.stdout, refused.stdout
    assert "Stopped before changing anything" in refused.stdout
    assert git(fork, "status", "--porcelain") == ""

    output = make_ok(fork, "upgrade", f"FROM={upstream}", "FORCE=1", f"PYTEST_ARGS={FORK_TESTS}")
    check_upgraded(fork, upstream, hers)
    assert "Now the tests, with the new engine (make test):" in output
    assert "Upgraded, and the tests pass." in output
    summary = re.search(r"(\d+) passed", output)
    assert summary and int(summary[1]) >= 20 and " failed" not in output, output[-3000:]
    assert "sample CV's facts" in output  # test_sample_cv.py skipped, saying why
    assert "pip install" not in output  # the shared environment was not rebuilt

    html = make_ok(fork, "html")
    assert "WARNING" not in html and "ERROR" not in html, html
    page = (fork / "_build" / "html" / "index.html").read_text("utf-8")
    assert "Sketch of the Analytical Engine" in page and "sample2027" not in page
