"""Shared fixtures: Sphinx's testing fixtures, the test roots, and the CV built once."""

from __future__ import annotations

from pathlib import Path

import pytest
from cvbuild import REPO, BuiltHtml, BuiltPdf, build_html, build_pdf
from cvsource import CvSource, read_cv

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``roots/test-<name>/``."""
    return ROOTS


@pytest.fixture(scope="session")
def cv_source() -> CvSource:
    """What this repository's CV sources say the page must show."""
    return read_cv(REPO)


@pytest.fixture(scope="session")
def cv_html(tmp_path_factory: pytest.TempPathFactory) -> BuiltHtml:
    """This repository's CV as a web page, built once per session."""
    return build_html(tmp_path_factory.mktemp("cv-html"))


@pytest.fixture(scope="session")
def cv_pdf(tmp_path_factory: pytest.TempPathFactory, cv_source: CvSource) -> BuiltPdf:
    """This repository's CV as a PDF, built once per session (needs TeX)."""
    return build_pdf(tmp_path_factory.mktemp("cv-pdf"), cv_source.pdf_name)
