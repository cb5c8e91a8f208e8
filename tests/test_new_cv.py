"""``make new-cv``: a new owner's first run, and a second run that loses nothing.

Runs tools/new_cv.py on a copy of the CV's sources (its build included) and
reads the files it wrote and what it printed.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from cvbuild import REPO, copy_cv

sys.path.insert(0, str(REPO / "tools"))
import new_cv

NAME = "Ada Lovelace"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of the CV with the sample's owner, as a fresh fork has it."""
    root = copy_cv(tmp_path / "cv")
    if new_cv.current_owner(root / "conf.py") != new_cv.SAMPLE_OWNER:
        pytest.skip(f"this CV is no longer the sample ({new_cv.SAMPLE_OWNER}'s): a fork's run")
    return root


def run(repo: Path, *args: str) -> int:
    return new_cv.main(["--repo", str(repo), *args])


def test_first_run_without_a_bib(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, "--name", NAME) == 0
    out = capsys.readouterr().out
    assert f"The owner is in every entry of refs.bib ({NAME})." in out
    assert new_cv.current_owner(repo / "conf.py") == NAME
    assert "cv_owner_aliases: list[str] = []" in (repo / "conf.py").read_text("utf-8")
    assert NAME in (repo / "refs.bib").read_text("utf-8")
    for file_name in new_cv.SECTIONS:
        assert new_cv.PLACEHOLDER in (repo / "sections" / file_name).read_text("utf-8")
    page = (repo / "_build" / "html" / "index.html").read_text("utf-8")
    assert f"<h1>{NAME}" in page and "Kaiyan" not in page
    # The sample's Chinese translation goes with the sample's text: no switch to it.
    assert not (repo / "locales").exists()
    assert "cv-languages" not in page and 'hreflang="zh' not in page


def test_second_run_keeps_the_owners_work(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(repo, "--name", "Ada Lovelac") == 0  # a typo, corrected below
    (repo / "sections" / "honors.md").write_text("## Honors\n\n- Her own award\n", "utf-8")
    conf = repo / "conf.py"
    conf.write_text(
        conf.read_text("utf-8").replace(
            "cv_owner_aliases: list[str] = []", 'cv_owner_aliases = ["Byron, Ada"]'
        ),
        "utf-8",
    )
    bib = tmp_path / "mine.bib"
    bib.write_text("@misc{a, author = {Byron, Ada}, title = {Notes}, year = {1843}}\n", "utf-8")
    assert run(repo, "--name", NAME, "--bib", str(bib)) == 0
    out = capsys.readouterr().out
    assert "Kept your own sections/ files (no 'Placeholder' in them): honors.md" in out
    assert "Her own award" in (repo / "sections" / "honors.md").read_text("utf-8")
    assert 'cv_owner_aliases = ["Byron, Ada"]' in conf.read_text("utf-8")
    assert new_cv.current_owner(conf) == NAME
    assert (repo / "refs.bib").read_text("utf-8") == bib.read_text("utf-8")
    # Without BIB, a refs.bib that is no longer the sample's stays.
    assert run(repo, "--name", NAME) == 0
    assert (repo / "refs.bib").read_text("utf-8") == bib.read_text("utf-8")


def test_the_entries_without_the_owner_name_the_alias(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bib = tmp_path / "mixed.bib"
    bib.write_text(
        "@misc{mine, author = {Lovelace, A. and Charles Babbage}, title = {Notes}, year = 1843}\n"
        "@misc{maiden, author = {Ada Byron and Charles Babbage}, title = {Letters}, year = 1835}\n"
        "@misc{nobody, title = {Anonymous}, year = 1840}\n",
        "utf-8",
    )
    assert run(repo, "--name", NAME, "--bib", str(bib)) == 0
    out = capsys.readouterr().out
    assert "The owner was not found in 2 entries:" in out
    assert "maiden: closest name is 'Byron, Ada'" in out
    assert 'cv_owner_aliases = ["Byron, Ada"]' in out
    assert "nobody: no author or editor" in out
    assert "mine:" not in out


def test_a_double_family_name_is_found_in_its_first_part(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """BibTeX reads "María José García López" with the family name "López" alone."""
    bib = tmp_path / "spanish.bib"
    bib.write_text(
        "@phdthesis{thesis, author = {Garcia, Maria J. and Rossi, Paolo}, title = {T},"
        " school = {UAM}, year = 2015}\n"
        "@misc{namesake, author = {Garcia, Ana and Rossi, Paolo}, title = {N}, year = 2016}\n",
        "utf-8",
    )
    assert run(repo, "--name", "María José García López", "--bib", str(bib)) == 0
    out = capsys.readouterr().out
    assert 'cv_owner_aliases = ["Garcia, Maria J."]' in out
    assert "namesake: none of its names is a spelling of yours" in out


@pytest.mark.parametrize("name", ["", "   ", "Ada and Charles", "others"])
def test_a_name_that_names_nobody_changes_nothing(
    repo: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (repo / "conf.py").read_text("utf-8")
    assert run(repo, "--name", name) == 1
    assert "error: NAME" in capsys.readouterr().err
    assert (repo / "conf.py").read_text("utf-8") == before


def test_a_missing_bib_is_named(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(repo, "--name", NAME, "--bib", str(repo / "nope.bib")) == 1
    assert "nope.bib is not a file" in capsys.readouterr().err


def test_a_physicists_bib_gets_advice_she_can_paste(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Collaborations, not a coauthor or "others"; her own spellings, folded; long lists."""
    names = " and ".join(f"Member{n}, Person{n}" for n in range(1, 61))
    bib = tmp_path / "physics.bib"
    bib.write_text(
        # INSPIRE: the list cut at the first author; twice.
        '@article{ATLAS:2012yve, author = "Aad, Georges and others", collaboration = "ATLAS",'
        ' title = "{Observation}", year = "2012"}\n'
        '@article{ATLAS:2018kot, author = "Aaboud, Morad and others", collaboration = "ATLAS",'
        ' title = "{Decays}", year = "2018"}\n'
        # Her maiden name as INSPIRE, DBLP and ADS write it: one alias covers all three.
        "@article{m1, author = {Dubois, Chlo\\'e and Tanaka, Hiroshi}, title = {A}, year = 2010}\n"
        "@article{m2, author = {Chlo{\\'{e}} Dubois and Hiroshi Tanaka}, title = {B}}\n"
        "@article{m3, author = {{Dubois}, C. and {Tanaka}, H.}, title = {C}, year = 2011}\n"
        # A list cut before her, without a collaboration.
        '@article{cut, author = "Aad, Georges and others", title = "{D}", year = "2012"}\n'
        f'@article{{long, author = "{names} and Dubois-Nakamura, Chlo\\\'e", title = "E"}}\n',
        "utf-8",
    )
    assert run(repo, "--name", "Chloé Dubois-Nakamura", "--bib", str(bib)) == 0
    out = capsys.readouterr().out
    assert "The owner was not found in 6 entries:" in out
    assert (
        "  ATLAS:2012yve, ATLAS:2018kot: papers of the ATLAS Collaboration that do not list you "
        'by name; if you are a member, add it to conf.py: cv_collaborations = ["ATLAS"]'
    ) in out
    assert (
        "  m1, m2, m3: closest name is 'Dubois, Chloé'; if that is you, add it to "
        'cv_owner_aliases in conf.py: cv_owner_aliases = ["Dubois, Chloé"]'
    ) in out
    assert "cut: none of its names is a spelling of yours (Aad, Georges, ...)" in out
    assert "\\u00e9" not in out and '"others"' not in out and '["Aad' not in out
    assert ("1 entry lists more than 50 authors (the longest 61): the CV shows the first 10") in out
