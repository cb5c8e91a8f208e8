"""Shared fixtures: Sphinx's testing fixtures, the test roots, and the CVs built once.

Three CVs are built once per session: the CV under test (this checkout, or
``$CV_SOURCE_ROOT``: ``cv_source``, ``cv_html``, ``cv_pdf``), another owner's
CV made from it (tests/othercv.py) and a physicist's (tests/physicscv.py:
collaboration papers, a 2,997-author paper, ADS and CiNii entries, a thesis,
talks, software and data). The generic content tests take the ``any_cv_*``
fixtures, which run them against all three, so a test that holds only for the
sample's data fails here rather than in a fork.

Under pytest-xdist (``make test`` runs ``-n auto --dist loadscope``), the tests
of one module run on one worker, and every module that reads these builds
(cvbuild.BUILD_MODULES) runs on the same worker, so each CV is built once per
run, not once per worker (:class:`_BuildsTogether`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from cvbuild import BUILD_MODULES, BuiltHtml, BuiltPdf, build_html, build_pdf, source_root
from cvsource import CvSource, read_cv
from hypothesis import HealthCheck, settings
from othercv import write_other_cv
from physicscv import write_physics_cv

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


@pytest.fixture(scope="session")
def physics_cv_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A physicist's CV (tests/physicscv.py) on the CV under test's code."""
    return write_physics_cv(tmp_path_factory.mktemp("physics-cv"))


@pytest.fixture(scope="session")
def physics_cv_html(tmp_path_factory: pytest.TempPathFactory, physics_cv_root: Path) -> BuiltHtml:
    """The physicist's CV as a web page, built once per session."""
    return build_html(tmp_path_factory.mktemp("physics-cv-html"), physics_cv_root)


@pytest.fixture(scope="session")
def physics_cv_pdf(tmp_path_factory: pytest.TempPathFactory, physics_cv_root: Path) -> BuiltPdf:
    """The physicist's CV as a PDF, built once per session (needs TeX)."""
    pdf_name = read_cv(physics_cv_root).pdf_name
    return build_pdf(tmp_path_factory.mktemp("physics-cv-pdf"), pdf_name, physics_cv_root)


#: The other CVs the generic content tests check, by parameter: (root, html, pdf) fixtures.
_OTHER_CVS = {
    "other-owner": ("other_cv_root", None, None),
    "physicist": ("physics_cv_root", "physics_cv_html", "physics_cv_pdf"),
}


@pytest.fixture(scope="session", params=["this-cv", "other-owner", "physicist"])
def any_cv(request: pytest.FixtureRequest) -> str:
    """Which CV a generic content test checks."""
    return str(request.param)


@pytest.fixture(scope="session")
def any_cv_root(request: pytest.FixtureRequest, any_cv: str) -> Path | None:
    """The CV a generic content test checks: None for the CV under test, else a root."""
    if any_cv == "this-cv":
        return None
    return request.getfixturevalue(_OTHER_CVS[any_cv][0])


@pytest.fixture(scope="session")
def any_cv_source(request: pytest.FixtureRequest, any_cv_root: Path | None) -> CvSource:
    if any_cv_root is None:
        return request.getfixturevalue("cv_source")
    return read_cv(any_cv_root)


@pytest.fixture(scope="session")
def any_cv_html(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    any_cv: str,
    any_cv_root: Path | None,
) -> BuiltHtml:
    if any_cv_root is None:
        return request.getfixturevalue("cv_html")
    shared = _OTHER_CVS[any_cv][1]
    if shared is not None:
        return request.getfixturevalue(shared)
    return build_html(tmp_path_factory.mktemp("other-cv-html"), any_cv_root)


@pytest.fixture(scope="session")
def any_cv_pdf(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    any_cv: str,
    any_cv_root: Path | None,
    any_cv_source: CvSource,
) -> BuiltPdf:
    if any_cv_root is None:
        return request.getfixturevalue("cv_pdf")
    shared = _OTHER_CVS[any_cv][2]
    if shared is not None:
        return request.getfixturevalue(shared)
    return build_pdf(tmp_path_factory.mktemp("other-cv-pdf"), any_cv_source.pdf_name, any_cv_root)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow whole-path fork test first, so that under xdist it does not finish last."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


class _BuildsTogether:
    """``--dist loadscope``, with the modules reading the CV builds in one scope.

    xdist's ``xdist_group`` marks (``--dist loadgroup``) would say the same, but
    pytest 9.2's structured node ids silently undo them (pytest-xdist issue
    1386), so the scope is decided here, from the node id. Registered only when
    xdist is (``-p no:xdist`` or a venv without it runs the tests in one process).
    """

    @staticmethod
    def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
        if config.getvalue("dist") != "loadscope":
            return None
        from xdist.scheduler import LoadScopeScheduling

        class Scheduling(LoadScopeScheduling):
            def _split_scope(self, nodeid: str) -> str:
                if Path(nodeid.split("::", 1)[0]).name in BUILD_MODULES:
                    return "cv-builds"
                return super()._split_scope(nodeid)

        return Scheduling(config, log)


def pytest_configure(config: pytest.Config) -> None:
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_BuildsTogether(), "cv-builds-together")
