"""cvbib's typed warnings: one per mistake, each saying where, which entry and what to do.

Configuration mistakes are reported once, at start-up, as ``cvbib.config``;
entry mistakes (owner not found, malformed annotations, unknown keywords) at
``refs.bib:<line>`` with the entry's key. Every warning has its own subtype, so
``suppress_warnings`` can silence one kind. The last tests run ``sphinx-build``
as a user would and check the exit status: 0 whenever the CV can be built.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cvbib_roots import ROOTS, Built, build, copy_root, strongs

EXT_DIR = Path(__file__).parent.parent / "_ext"


def config_warnings(built: Built) -> list[str]:
    return built.of("config")


# --- the owner ---------------------------------------------------------------


def test_empty_owner_is_reported_once(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-owner-empty", tmp_path)
    assert built.subtypes() == ["cvbib.config"], built.warnings
    (warning,) = built.warnings
    assert "conf.py: cv_owner is not set" in warning
    assert "set cv_owner = 'First Last'" in warning
    assert len(built.items()) == 2
    assert all(strongs(li) == [] for li in built.items())


def test_unparsable_owner_is_reported_once(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-owner-unparsable", tmp_path)
    # Once, at start-up -- not again for every entry as "owner not found".
    assert built.subtypes() == ["cvbib.config"], built.warnings
    (warning,) = built.warnings
    assert "conf.py: cv_owner: owner name 'Kaiyan Zhang and Yuxin Zuo'" in warning
    assert "contains the word 'and'" in warning and "give one person's name" in warning
    assert "no name will be bold until it is fixed" in warning
    assert len(built.items()) == 2
    assert all(strongs(li) == [] for li in built.items())


@pytest.mark.parametrize(
    ("owner", "words"),
    [
        (3, "cv_owner = 3 must be a string"),
        ("{", "has no family name"),
        ("others", "is BibTeX's 'others'"),
        ("   ", "cv_owner is not set"),
    ],
)
def test_other_unusable_owners(make_app, tmp_path: Path, owner: object, words: str) -> None:
    built = build(make_app, "bad-owner-empty", tmp_path, cv_owner=owner)
    assert built.subtypes() == ["cvbib.config"], built.warnings
    assert words in built.warnings[0]


# --- options -------------------------------------------------------------------


def test_invalid_options_are_reported_once_each(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-options", tmp_path)
    config = config_warnings(built)
    expected = [
        "cv_owner_aliases = 'Zhang, K.' must be a list: it was read as ['Zhang, K.']",
        "cv_marks = 3 must be a dict",
        "cv_roles = {'Lead': 'Project Lead'} keyword 'Lead' must be a non-empty lower-case",
        "cv_legend = 'yes' must be True or False; using the default True instead",
        "bibtex_bibfiles = 'refs.bib' must be a list: it was read as ['refs.bib']",
        "bibtex_encoding = 'no-such-encoding' is not an encoding Python knows",
        "bibtex_reference_style = 'no-such-style' is not a referencing style",
    ]
    assert len(config) == len(expected), config
    for words in expected:
        assert [w for w in config if words in w], (words, config)
    assert all("WARNING: conf.py: " in w for w in config)
    # Sphinx's own, untyped type check stays quiet: one warning per mistake.
    assert "untyped" not in built.subtypes(), built.warnings
    # The one entry without the owner is the only other warning.
    (missing,) = built.of("owner_not_found")
    assert "entry 'two'" in missing
    # The CV is built with the fallbacks: the owner is bold, both entries are there.
    assert len(built.items()) == 2
    assert strongs(built.item("First Paper")) == ["Kaiyan Zhang"]


def test_a_bad_alias_is_dropped_alone(make_app, tmp_path: Path) -> None:
    built = build(
        make_app,
        "bad-owner-empty",
        tmp_path,
        cv_owner="Kaiyan Zhang",
        cv_owner_aliases=["and", "Zuo, Yuxin", 7],
    )
    config = config_warnings(built)
    assert len(config) == 2, config
    assert "alias 1 'and' contains the word 'and'" in config[0]
    assert "this alias is ignored: fix or remove it" in config[0]
    assert "alias 3 is 7, not a string" in config[1]
    # The owner and the good alias still work.
    assert strongs(built.item("First Paper")) == ["Kaiyan Zhang", "Yuxin Zuo"]
    assert strongs(built.item("Second Paper")) == ["Yuxin Zuo"]
    assert built.of("owner_not_found") == []


def test_duplicate_bib_files_are_read_once(make_app, tmp_path: Path) -> None:
    built = build(
        make_app,
        "bad-owner-empty",
        tmp_path,
        cv_owner="Kaiyan Zhang",
        bibtex_bibfiles=["refs.bib", "./refs.bib"],
    )
    (warning,) = config_warnings(built)
    assert "bibtex_bibfiles lists './refs.bib' twice; it is read once" in warning
    assert built.of("duplicate_key") == []
    assert not [w for w in built.warnings if "bibtex." in w], built.warnings
    assert len(built.items()) == 2


# --- entries -------------------------------------------------------------------


def test_malformed_annotations(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-annotations", tmp_path)
    assert built.subtypes() == ["cvbib.bad_annotation"] * 3, built.warnings
    for warning in built.warnings:
        assert "refs.bib:1: WARNING: entry 'malformed': 'author+an': " in warning
    not_a_number, out_of_range, empty = built.warnings
    assert "position 'x' in 'x=equal' is not a number" in not_a_number
    assert "write the author's position counted from 1" in not_a_number
    assert "position 9 in '9=equal' is out of range" in out_of_range
    assert "use a position from 1 to 3" in out_of_range
    assert "'2=,' has an empty keyword" in empty and "remove the extra comma" in empty
    # What could be read is still applied; the other entry is untouched.
    malformed = built.item("Malformed")
    assert "Yuxin Zuo*" in malformed.get_text()
    assert strongs(malformed) == ["Kaiyan Zhang"]
    assert strongs(built.item("Clean")) == ["Kaiyan Zhang*"]


def test_unknown_keyword(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-keyword", tmp_path)
    assert built.subtypes() == ["cvbib.unknown_keyword"], built.warnings
    (warning,) = built.warnings
    assert "refs.bib:1: WARNING: entry 'typo': 'author+an': keyword 'equl'" in warning
    assert "(known: 'corresponding', 'equal', 'highlight', 'lead', 'student')" in warning
    assert "fix its spelling, or add it in conf.py to the cv_roles option" in warning
    assert "Yuxin Zuo\N{DAGGER}" in built.item("Misspelled").get_text()
    assert len(built.items()) == 2


def test_owner_not_found(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-owner-not-found", tmp_path)
    (warning,) = built.of("owner_not_found")
    assert "refs.bib:1: WARNING: entry 'typo': no author or editor matches cv_owner" in warning
    assert "check the spelling in the .bib file" in warning
    assert "cv_owner_aliases" in warning
    assert strongs(built.item("Spelled Right")) == ["Kaiyan Zhang"]
    assert strongs(built.item("Misspelled")) == []


def test_suppress_warnings_silences_exactly_one_subtype(make_app, tmp_path: Path) -> None:
    loud = build(make_app, "bad-owner-not-found", tmp_path / "loud")
    assert sorted(loud.subtypes()) == ["cvbib.bad_annotation", "cvbib.owner_not_found"]
    quiet = build(
        make_app,
        "bad-owner-not-found",
        tmp_path / "quiet",
        suppress_warnings=["cvbib.owner_not_found"],
    )
    assert quiet.subtypes() == ["cvbib.bad_annotation"], quiet.warnings
    assert len(quiet.items()) == 2


def test_suppress_all_cvbib_warnings(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-syntax", tmp_path, suppress_warnings=["cvbib"])
    assert built.warnings == []
    assert len(built.items()) == 4


# --- sphinx-build, as a user runs it ----------------------------------------------


def sphinx_build(
    root: str | Path, tmp_path: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m sphinx`` on a root (a name, or a directory already copied)."""
    srcdir = root if isinstance(root, Path) else copy_root(root, tmp_path / root)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(EXT_DIR), *sys.path])}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            *options,
            str(srcdir),
            str(tmp_path / "out"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("root", "warning"),
    [
        ("bad-missing-bib", "[cvbib.bibfile_missing]"),
        ("bad-options", "[cvbib.config]"),
        ("bad-unknown-key", "[cvbib.bad_citation]"),
    ],
)
def test_sphinx_build_succeeds_when_the_cv_can_be_built(
    tmp_path: Path, root: str, warning: str
) -> None:
    result = sphinx_build(root, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Exception occurred" not in result.stderr
    assert warning in result.stderr
    assert (tmp_path / "out" / "index.html").exists()


def test_unset_bibfiles_reads_refs_bib(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-no-bibfiles", tmp_path)
    assert built.warnings == []
    assert built.texts() == [
        "Kaiyan Zhang. Read from the conventional file. Journal of Tests, 2020."
    ]


def test_sphinx_build_without_any_bib_file(tmp_path: Path) -> None:
    """No ``bibtex_bibfiles`` and no ``refs.bib``: the rest of the CV is still built.

    Stock sphinxcontrib-bibtex stops with "You must configure the
    bibtex_bibfiles setting" and exit status 2.
    """
    srcdir = copy_root("bad-no-bibfiles", tmp_path / "src")
    (srcdir / "refs.bib").unlink()
    result = sphinx_build(srcdir, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "bibtex_bibfiles is not set and there is no refs.bib" in result.stderr
    assert "[cvbib.config]" in result.stderr


def test_roots_are_all_used() -> None:
    """Every failure-kind root is built by some test (a forgotten root tests nothing)."""
    here = Path(__file__).parent
    sources = "".join(path.read_text("utf-8") for path in here.glob("test_*.py"))
    for root in sorted(ROOTS.glob("test-bad-*")):
        assert f'"{root.name.removeprefix("test-")}"' in sources, root.name
