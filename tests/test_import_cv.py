"""``make import-cv``: a RenderCV YAML and a JSON Resume become a CV that builds without warnings.

The two files in ``tests/import/`` are written as each tool's own examples
write them (RenderCV's "John Doe", JSON Resume's "Richard Hendricks"); every
fact they hold is looked for on the built page, typed here by hand.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from cvbuild import REPO, copy_cv
from sphinx.testing.util import SphinxTestApp

sys.path.insert(0, str(REPO / "tools"))
import import_cv

IMPORTS = Path(__file__).parent / "import"


def _imported(tmp_path: Path, name: str, capsys) -> tuple[str, str, str, Path]:
    """Import *name* into a copy of the CV and build it: (page text, warnings, output, root)."""
    root = copy_cv(tmp_path / "cv", REPO)
    assert import_cv.main([str(IMPORTS / name), "--to", str(root)]) == 0
    printed = capsys.readouterr().out
    app = SphinxTestApp("html", srcdir=root)
    try:
        app.build()
        html = (Path(app.outdir) / "index.html").read_text("utf-8")
        warnings = app.warning.getvalue()
    finally:
        app.cleanup()
    article = BeautifulSoup(html, "html.parser").find("article")
    text = " ".join(article.get_text(" ").split()).replace(" :", ":").replace(" ,", ",")
    return text.replace("‘", "'").replace("’", "'"), warnings, printed, root


def _missing(facts: list[str], text: str) -> list[str]:
    """The facts not on the page, compared without spaces (docutils splits e-mail addresses)."""
    compact = "".join(text.split())
    return [fact for fact in facts if "".join(fact.split()) not in compact]


RENDERCV_FACTS = [
    "Jane Q. Doe",
    "Princeton, NJ",
    "jane.doe@example.edu",
    "janedoe.example.edu",
    "janedoe",
    "AbCdEfG0000J",
    "Mastodon: @jane@sigmoid.social",
    "I build interpretable learning systems",
    "Princeton University",
    "PhD in Computer Science",
    "Sept 2018 – May 2023",
    "Thesis: Sparse Attention for Scientific Text",
    "Advisor: Prof. Alan Smith",
    "Boğaziçi University",
    "BS in Computer Engineering",
    "Istanbul, Türkiye",
    "GPA: 3.97/4.00",
    "Allen Institute for AI",
    "Research Scientist",
    "Jul 2023 – present",
    "Lead the $5M open-science retrieval effort",
    "Mentor four PhD interns each summer",
    "Google DeepMind",
    "Research Intern",
    "Jun 2021 – Sept 2021",
    "Worked on long-context evaluation.",
    "Sparse Attention for Scientific Text",
    "Transactions on Applied Computing",
    "Long Documents, Short Memories",
    "Best Paper Award, EMNLP",
    "Dec 2023",
    "Singapore",
    "NSF Graduate Research Fellowship",
    "Fall 2019",
    "Reading Science at Scale",
    "14 Mar 2024",
    "MIT CSAIL, Cambridge, MA",
    "Invited talk.",
    "Venue type: seminar",
    "Languages: Python, Rust, C++",
    "Tools: PyTorch, JAX, Kubernetes",
    "COS 324 Introduction to Machine Learning, teaching assistant (Fall 2020)",
]


def test_rendercv_yaml(tmp_path: Path, capsys) -> None:
    text, warnings, printed, root = _imported(tmp_path, "rendercv.yaml", capsys)
    assert warnings == ""
    missing = _missing(RENDERCV_FACTS, text)
    assert not missing, (missing, text)
    # The owner is recognised in both author lists, however the file spells her.
    page = (root / "_build" / "html" / "index.html").read_text("utf-8")
    soup = BeautifulSoup(page, "html.parser")
    bold = [s.get_text().replace("\N{NO-BREAK SPACE}", " ") for s in soup.select("li[id] strong")]
    assert bold == ["Jane Q. Doe", "J. Q. Doe"]
    assert 'cv_owner = "Jane Q. Doe"' in (root / "conf.py").read_text("utf-8")
    # The phone is private, as the sample's is; what had no typed place is reported.
    assert "609-999-9995" not in page
    assert "'Fall 2019' is not ISO 8601" in printed
    assert "'venue_type' has no place in a typed entry" in printed
    assert "'Mastodon' has no known address" in printed
    assert re.search(r"^\s+design: ", printed, re.M)


JSON_RESUME_FACTS = [
    "Richard Hendricks",
    "Programmer",
    "Richard hails from Tulsa.",
    "richard.hendricks@example.com",
    "richardhendricks.example.com",
    "2712 Broadway St, CA 94115, San Francisco, California, US",
    "neutralthoughts",
    "dandymusicnl",
    "Pied Piper",
    "CEO/President",
    "Palo Alto, CA",
    "1 Dec 2013 – 1 Dec 2014",
    "Awesome compression company",
    "Pied Piper is a multi-platform technology",
    "Successfully won Techcrunch Disrupt",
    "University of Oklahoma",
    "Bachelor in Information Technology",
    "GPA: 4.0",
    "DB1101 - Basic SQL",
    "CS2011 - Java Introduction",
    "Teacher: CoderDojo",
    "Global movement of free coding clubs",
    "Awarded 'Teacher of the Month'",
    "Digital Compression Pioneer Award, Techcrunch",
    "1 Nov 2014",
    "There is no spoon.",
    "Certified Kubernetes Administrator, CNCF",
    "Video compression for 3d media",
    "Web Development: HTML, CSS, Javascript",
    "Compression: Mpeg, MP4, GIF",
    "English: Native speaker",
    "Wildlife: Ferrets, Unicorns",
    "Erlich Bachman",
    "It is my pleasure to recommend Richard.",
    "Miss Direction",
    "Smoogle",
    "A mapping engine that misguides you",
    "Won award at AIHacks 2016",
    "GoogleMaps",
    "Team lead",
]


def test_json_resume(tmp_path: Path, capsys) -> None:
    text, warnings, printed, root = _imported(tmp_path, "resume.json", capsys)
    assert warnings == ""
    missing = _missing(JSON_RESUME_FACTS, text)
    assert not missing, (missing, text)
    assert "Master" in text  # the skills' level
    bib = (root / "refs.bib").read_text("utf-8")
    assert "author    = {Richard Hendricks}" in bib and "howpublished = {Hooli}" in bib
    assert "url       = {http://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)}" in bib
    assert "JSON Resume gives no author list" in printed


def test_neither_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.yaml"
    path.write_text("name: someone\n", "utf-8")
    with pytest.raises(SystemExit, match="neither a RenderCV file"):
        import_cv.read_file(path)
