"""Shared fixtures: Sphinx's testing fixtures, the test roots, and the CVs built once.

Two CVs are built once per session: the CV under test (this checkout, or
``$CV_SOURCE_ROOT``: ``cv_source``, ``cv_html``, ``cv_pdf``) and another owner's
CV made from it (tests/othercv.py). The generic content tests take the
``any_cv_*`` fixtures, which run them against both, so a test that holds only
for the sample's data fails here rather than in a fork.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cvbuild import BuiltHtml, BuiltPdf, build_html, build_pdf, source_root
from cvsource import CvSource, read_cv
from hypothesis import HealthCheck, settings
from othercv import write_other_cv

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"

# A property test's speed is not what it tests: on two shared cores one
# example can take ten times as long as the next, and a deadline (200 ms by
# default) or the too-slow health check would then fail a test that is right.
settings.register_profile(
    "cv", deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "cv"))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds ``roots/test-<name>/``."""
    return ROOTS


@pytest.fixture(scope="session")
def cv_source() -> CvSource:
    """What the CV under test's sources say the page must show."""
    return read_cv(source_root())


@pytest.fixture(scope="session")
def cv_html(tmp_path_factory: pytest.TempPathFactory) -> BuiltHtml:
    """The CV under test as a web page, built once per session."""
    return build_html(tmp_path_factory.mktemp("cv-html"))


@pytest.fixture(scope="session")
def cv_pdf(tmp_path_factory: pytest.TempPathFactory, cv_source: CvSource) -> BuiltPdf:
    """The CV under test as a PDF, built once per session (needs TeX)."""
    return build_pdf(tmp_path_factory.mktemp("cv-pdf"), cv_source.pdf_name)


@pytest.fixture(scope="session")
def other_cv_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another owner's CV (tests/othercv.py) on the CV under test's code."""
    return write_other_cv(tmp_path_factory.mktemp("other-cv"))


@pytest.fixture(scope="session", params=["this-cv", "other-owner"])
def any_cv_root(request: pytest.FixtureRequest) -> Path | None:
    """The CV a generic content test checks: None for the CV under test, else a root."""
    return None if request.param == "this-cv" else request.getfixturevalue("other_cv_root")


@pytest.fixture(scope="session")
def any_cv_source(request: pytest.FixtureRequest, any_cv_root: Path | None) -> CvSource:
    if any_cv_root is None:
        return request.getfixturevalue("cv_source")
    return read_cv(any_cv_root)


@pytest.fixture(scope="session")
def any_cv_html(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    any_cv_root: Path | None,
) -> BuiltHtml:
    if any_cv_root is None:
        return request.getfixturevalue("cv_html")
    return build_html(tmp_path_factory.mktemp("other-cv-html"), any_cv_root)


@pytest.fixture(scope="session")
def any_cv_pdf(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    any_cv_root: Path | None,
    any_cv_source: CvSource,
) -> BuiltPdf:
    if any_cv_root is None:
        return request.getfixturevalue("cv_pdf")
    return build_pdf(tmp_path_factory.mktemp("other-cv-pdf"), any_cv_source.pdf_name, any_cv_root)
