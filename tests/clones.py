"""Clones of this repository for the tests that follow a fork's path (test_fork, test_upgrade).

A clone starts from this repository's history with its work tree on top (tracked
and new files: uncommitted work is what gets tested), and shares the installed
environment instead of building one (a fresh ``.venv`` cost minutes):

- its ``.venv`` is a virtual environment of its own, made without pip, whose
  ``site-packages`` reads this one's through a ``.pth`` file and whose scripts
  (``sphinx-build``, ``ruff``, ...) are links to this one's. Its ``.installed``
  stamp is newer than its ``pyproject.toml``, so its ``make`` installs nothing;
  were it to remake the environment, it would install into the clone's own
  folder, never into this one;
- its ``node_modules`` is a folder of links to this one's packages, with its own
  stamp (``npm ci`` in the clone would empty that folder, not this one's).

Nothing a test does in a clone can change this checkout or its environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: Set in a clone's environment: its own `make test` must not clone again.
INNER = "CV_FORK_TEST"
#: A fixed identity for the commits the tests make (no git configuration needed).
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "CV tests",
    "GIT_AUTHOR_EMAIL": "cv-tests@example.org",
    "GIT_COMMITTER_NAME": "CV tests",
    "GIT_COMMITTER_EMAIL": "cv-tests@example.org",
}

sys.path.insert(0, str(REPO / "tools"))


def skip_unless_sample() -> pytest.MarkDecorator:
    """Skip in a fork: these tests follow the sample's path (``make new-cv`` replaces its
    sections), and a fork's sections are its owner's. Told apart as ``make new-cv`` does."""
    import new_cv

    owner = new_cv.current_owner(REPO / "conf.py")
    return pytest.mark.skipif(
        owner != new_cv.SAMPLE_OWNER,
        reason=f"this CV is {owner!r}'s, no longer the sample ({new_cv.SAMPLE_OWNER!r}'s): "
        "the fork's path is tested upstream",
    )


def skip_inside_a_clone() -> pytest.MarkDecorator:
    return pytest.mark.skipif(
        bool(os.environ.get(INNER)), reason="inside a fork test's own clone: it would recurse"
    )


def require_git() -> None:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        message = "git or this repository's .git is missing: a fork starts with a clone"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def git(cwd: Path, *args: str) -> str:
    """Run git in *cwd*; its output, after asserting it succeeded."""
    env = {**os.environ, **GIT_IDENTITY, "GIT_TERMINAL_PROMPT": "0"}
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def clone(target: Path, source: Path = REPO) -> Path:
    """A clone of *source*; of this repository, with the work tree's files on top."""
    require_git()
    git(target.parent, "clone", "--quiet", str(source), str(target))
    if source == REPO:
        listed = git(REPO, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
        for name in filter(None, listed.split("\0")):
            here, there = REPO / name, target / name
            if here.is_file():
                there.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(here, there)
            elif not here.exists() and there.exists():
                there.unlink()  # deleted in the work tree, not yet committed
    return target


def commit_all(repo: Path, message: str) -> str:
    """Commit everything in *repo*; the new commit's id."""
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", message)
    return git(repo, "rev-parse", "HEAD").strip()


def share_environment(repo: Path) -> None:
    """Give the clone *repo* this run's installed Python and npm packages (module docstring)."""
    if sys.prefix != sys.base_prefix:
        venv = repo / ".venv"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        scheme = {"base": str(venv), "platbase": str(venv)}
        own = Path(sysconfig.get_paths(vars=scheme)["purelib"])
        shared = Path(sysconfig.get_paths()["purelib"]).resolve()
        (own / "_shared_environment.pth").write_text(
            f"import site; site.addsitedir({str(shared)!r})\n", "utf-8"
        )
        for script in Path(sys.executable).parent.iterdir():
            mine = venv / "bin" / script.name
            if script.is_file() and not (mine.exists() or mine.is_symlink()):
                mine.symlink_to(script.resolve())
        (venv / ".installed").touch()
    packages = REPO / "node_modules"
    if (packages / ".installed").exists():
        own_packages = repo / "node_modules"
        own_packages.mkdir()
        for package in packages.resolve().iterdir():
            if package.name != ".installed":
                (own_packages / package.name).symlink_to(package)
        (own_packages / ".installed").touch()


def environment() -> dict[str, str]:
    """A clone's environment: no make variables or virtual environment of the outer run."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "VIRTUAL_ENV"}
        and not key.startswith("PYTEST_")
    }
    outer_bin = {str(REPO / ".venv" / "bin"), str(Path(sys.executable).parent)}
    env["PATH"] = os.pathsep.join(
        p for p in env.get("PATH", "").split(os.pathsep) if p not in outer_bin
    )
    env[INNER] = "1"
    return {**env, **GIT_IDENTITY}


def make(repo: Path, *args: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """Run ``make ARGS`` in *repo*, as its owner would; stdout and stderr in one."""
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=repo,
        env=environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )


def make_ok(repo: Path, *args: str, timeout: int = 900) -> str:
    """``make ARGS`` in *repo*; its output, after asserting it succeeded."""
    result = make(repo, *args, timeout=timeout)
    assert result.returncode == 0, f"make {' '.join(args)} failed:\n{result.stdout[-5000:]}"
    return result.stdout
