"""cvbib in a project of its own, for another owner, and more than once per process.

``tests/roots/test-other-owner`` is configured only by ``extensions``,
``cv_owner`` and ``bibtex_bibfiles``, for an owner whose name has accents, a
hyphenated family name and two given names: spelled in LaTeX with initials,
in UTF-8 with hyphenated initials, in full among ``and others``, and next to
a namesake who must stay plain. The last tests build several apps in one
process (as sphinx-autobuild and test suites do) and set cvbib up again, even
from freshly imported modules, without one build leaking into another.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pybtex.plugin
import pytest
from cvbib_roots import Built, build, copy_root, finished, strongs

OWNER_HTML = {
    "Accents Written": ["M. J. García-López"],
    "Hyphenated Initials": ["M.-J. García-López"],
    "Namesake": [],
    "Long Author List": ["María José García-López"],
}


def check_other_owner(built: Built) -> None:
    """Bold exactly the owner's three spellings, never the namesake."""
    assert len(built.items()) == 4
    for word, expected in OWNER_HTML.items():
        assert strongs(built.item(word)) == expected, word
    assert "et al." in built.item("Long Author List").get_text()
    assert "others" not in built.item("Long Author List").get_text()
    (missing,) = built.warnings  # the namesake's entry is the one without the owner
    assert "entry 'namesake'" in missing and missing.endswith("[cvbib.owner_not_found]")


def check_marks_owner(built: Built) -> None:
    """tests/roots/test-marks: Kaiyan Zhang bold in each of its three entries."""
    assert built.warnings == []
    bold = sorted(name for li in built.items() for name in strongs(li))
    assert bold == ["K. Zhang", "Kaiyan Zhang", "Kaiyan Zhang*"]


@pytest.mark.parametrize("style", ["plain", "unsrt", "alpha", "cv"])
def test_other_owner_html(make_app, tmp_path: Path, style: str) -> None:
    check_other_owner(build(make_app, "other-owner", tmp_path, bibtex_default_style=style))


def test_other_owner_latex(make_app, tmp_path: Path) -> None:
    built = build(make_app, "other-owner", tmp_path, "latex")
    tex = built.tex()
    assert r"\sphinxstylestrong{M. J. García-López} and Pierre Dupont" in tex
    assert r"Pierre Dupont and \sphinxstylestrong{M.-J. García-López}" in tex
    assert r"Pierre Dupont, \sphinxstylestrong{María José García-López}, et al." in tex
    assert "Marta García-López and Pierre Dupont" in tex
    assert tex.count(r"\sphinxstylestrong{") == 3


def test_two_owners_in_one_process(make_app, tmp_path: Path) -> None:
    """Apps with different owners, interleaved, each bold only their own owner."""
    check_other_owner(build(make_app, "other-owner", tmp_path / "a"))
    check_marks_owner(build(make_app, "marks", tmp_path / "b", bibtex_default_style="alpha"))
    check_other_owner(build(make_app, "other-owner", tmp_path / "c"))
    check_marks_owner(build(make_app, "marks", tmp_path / "d", bibtex_default_style="alpha"))


def test_registering_the_style_twice(make_app, tmp_path: Path) -> None:
    from cvbib.style import CvStyle, register_styles

    register_styles()
    register_styles()
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "cv") is CvStyle
    check_other_owner(build(make_app, "other-owner", tmp_path / "a", bibtex_default_style="cv"))
    register_styles()
    check_other_owner(build(make_app, "other-owner", tmp_path / "b", bibtex_default_style="cv"))


@pytest.fixture
def fresh_cvbib() -> Iterator[None]:
    """Import cvbib anew for one test, then put the original modules back.

    Other tests hold the original classes (``CvStyle``, ``CvbibConfig``), so
    the originals are restored and their style registered again afterwards.
    """
    saved = {name: module for name, module in sys.modules.items() if name.split(".")[0] == "cvbib"}
    for name in saved:
        del sys.modules[name]
    try:
        yield
    finally:
        for name in [n for n in sys.modules if n.split(".")[0] == "cvbib"]:
            del sys.modules[name]
        sys.modules.update(saved)
        if "cvbib.style.cv" in saved:
            saved["cvbib.style.cv"].register_styles()


def test_importing_cvbib_again(make_app, tmp_path: Path, fresh_cvbib: None) -> None:
    """A second copy of the modules (a reload, a second import) builds correctly too."""
    check_other_owner(build(make_app, "other-owner", tmp_path / "a", bibtex_default_style="cv"))
    cvbib = importlib.import_module("cvbib")
    importlib.reload(cvbib)
    importlib.reload(importlib.import_module("cvbib.style.cv"))
    check_other_owner(build(make_app, "other-owner", tmp_path / "b", bibtex_default_style="cv"))
    check_marks_owner(build(make_app, "marks", tmp_path / "c", bibtex_default_style="alpha"))


def test_setting_up_twice_in_one_app(make_app, tmp_path: Path) -> None:
    """``setup_extension`` again (a conf.py listing cvbib twice) changes nothing."""
    srcdir = copy_root("other-owner", tmp_path / "twice")
    conf = srcdir / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('["cvbib"]', '["cvbib", "cvbib"]'), "utf-8")
    app = make_app("html", srcdir=srcdir)
    app.setup_extension("cvbib")
    app.build()
    check_other_owner(finished(app))
