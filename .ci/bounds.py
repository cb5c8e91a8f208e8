"""`make test-bounds`: the test suite on the lowest and the highest versions pyproject.toml allows.

Two environments are made from pyproject.toml with uv, each with the `test` group:

- lowest: every direct dependency at the lowest version its range allows
  (`uv pip install --resolution lowest-direct`), on the oldest Python that
  `requires-python` allows;
- highest: every dependency at the newest version (`--resolution highest`), on
  the Python of .readthedocs.yaml, so the versions Read the Docs publishes with
  are the ones tested (the newest Sphinx depends on the Python version).

(`make test` itself covers the newest versions on the default `python3`.)

In the lowest environment each declared floor must be the version installed: a
floor that the resolver had to raise (because another dependency, or a test
tool, needs more) is a floor nothing tests, and fails the run with the version
to write instead. Then the suite runs in each, with `-m "not slow"` (the
fork's whole path builds its own `.venv` with pip, so it would not test these
versions anyway).

uv itself comes from the `bounds` dependency group, installed with pip into
`.venv-bounds/uv`; the environments are `.venv-bounds/lowest` and
`.venv-bounds/highest`, made anew on each run. uv never downloads a Python:
the interpreters are looked up on this machine (PATH, then pyenv's versions).
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = REPO / "pyproject.toml"
BOUNDS = REPO / ".venv-bounds"
UV_VENV = BOUNDS / "uv"
UV = UV_VENV / "bin" / "uv"
#: The Python versions to look for, newest last; the oldest is requires-python's.
CANDIDATES = ["3.11", "3.12", "3.13", "3.14"]
PYTEST_MARKERS = "not slow"


@dataclass
class Result:
    name: str
    python: str
    seconds: float
    ok: bool
    summary: str


def say(text: str) -> None:
    print(f"[test-bounds] {text}", flush=True)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, **kwargs)


def ensure_uv() -> None:
    """uv at the version pinned in the `bounds` group, in its own virtual environment."""
    stamp = UV_VENV / ".installed"
    if stamp.exists() and stamp.stat().st_mtime >= PYPROJECT.stat().st_mtime and UV.exists():
        return
    say(f"installing uv into {UV_VENV.relative_to(REPO)}")
    shutil.rmtree(UV_VENV, ignore_errors=True)
    run([sys.executable, "-m", "venv", str(UV_VENV)])
    pip = [str(UV_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    run([*pip, "--upgrade", "pip>=25.1"])
    run([*pip, "--group", f"{PYPROJECT}:bounds"])
    stamp.touch()


def python_version(executable: str) -> str | None:
    """'3.12' for a working interpreter, None for a broken one (a pyenv shim of another version)."""
    try:
        out = subprocess.run(
            [executable, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except OSError:
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def find_python(version: str) -> str | None:
    """An interpreter of *version* on this machine: on PATH, or one of pyenv's versions."""
    found = shutil.which(f"python{version}")
    candidates = [found] if found else []
    root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    pyenv = glob.glob(f"{root}/versions/{version}.*/bin/python{version}")
    candidates += sorted(pyenv, key=release, reverse=True)  # the newest patch release first
    candidates += [f"/usr/bin/python{version}", f"/usr/local/bin/python{version}"]
    for candidate in candidates:
        if Path(candidate).exists() and python_version(candidate) == version:
            return candidate
    return None


def release(path: str) -> tuple[int, ...]:
    """(3, 12, 10) for pyenv's .../versions/3.12.10/bin/python3.12."""
    match = re.search(r"/versions/(\d+(?:\.\d+)*)/", path)
    return tuple(int(part) for part in match[1].split(".")) if match else ()


def interpreter(spec: str) -> str:
    """A path for '3.12' (looked up on this machine), or *spec* itself when it is a path."""
    if not re.fullmatch(r"\d+\.\d+", spec):
        return spec
    found = find_python(spec)
    if found is None:
        sys.exit(f"no Python {spec} on this machine (uv is not allowed to download one)")
    return found


def requires_python_floor() -> str:
    spec = tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]["requires-python"]
    match = re.search(r">=\s*(\d+\.\d+)", spec)
    if not match:
        sys.exit(f"requires-python has no '>=' floor: {spec!r}")
    return match[1]


def readthedocs_python() -> str:
    """The Python version Read the Docs builds with (build.tools.python)."""
    text = (REPO / ".readthedocs.yaml").read_text("utf-8")
    match = re.search(r"^\s+python:\s*\"?(\d+\.\d+)", text, flags=re.MULTILINE)
    if not match:
        sys.exit(".readthedocs.yaml names no build.tools.python version")
    return match[1]


def floors() -> dict[str, str]:
    """Each direct dependency's lowest allowed version (its '>=' or '==' bound)."""
    result = {}
    for requirement in tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]["dependencies"]:
        match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*(.*)", requirement)
        assert match, requirement
        name, spec = match[1], match[2]
        bound = re.search(r"(?:>=|==)\s*([0-9][^,;\s]*)", spec)
        if bound:
            result[normalize(name)] = bound[1]
    return result


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def installed(venv: Path) -> dict[str, str]:
    out = subprocess.run(
        [str(UV), "pip", "freeze", "--python", str(venv / "bin" / "python")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {
        normalize(name): version
        for name, version in re.findall(r"^([^=\s]+)==(\S+)$", out, flags=re.MULTILINE)
    }


def same_version(a: str, b: str) -> bool:
    """'2.9' and '2.9.0' are one version; the floors are written either way."""

    def parts(v: str) -> list[str]:
        items = v.split(".")
        while len(items) > 1 and items[-1] == "0":
            items.pop()
        return items

    return parts(a) == parts(b)


def make_env(name: str, python: str, resolution: str) -> Path:
    venv = BOUNDS / name
    say(f"{name}: uv venv with {python}, --resolution {resolution}")
    run([str(UV), "venv", "--quiet", "--clear", "--python", python, str(venv)])
    run(
        [
            str(UV),
            "pip",
            "install",
            "--quiet",
            "--python",
            str(venv / "bin" / "python"),
            "--resolution",
            resolution,
            "-r",
            str(PYPROJECT),
            "--group",
            f"{PYPROJECT}:test",
        ]
    )
    return venv


def check_floors(venv: Path) -> list[str]:
    """The floors the lowest environment did not install: each one is untested."""
    have = installed(venv)
    problems = []
    for name, floor in floors().items():
        got = have.get(name)
        if got is None:
            problems.append(f"{name}: not installed")
        elif not same_version(got, floor):
            problems.append(
                f"{name}: the floor is {floor}, but the lowest environment installs {got}"
                f" (another requirement needs it): write {name}>={got}"
            )
    return problems


def start_suite(venv: Path, pytest_args: list[str], log: Path) -> subprocess.Popen[str]:
    """Start the suite in *venv*, its output going to *log*.

    One process per environment, and the two environments at once: each is
    single-process (on 2 shared cores pytest-xdist's ``-n auto`` was slower:
    each worker builds the CV and starts Chromium again), so running them side
    by side uses both cores and halves the wall time. PYTEST_ARGS="-n auto"
    asks for xdist anyway.
    """
    command = [str(venv / "bin" / "python"), "-m", "pytest", "-m", PYTEST_MARKERS, *pytest_args]
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    env["PATH"] = os.pathsep.join([str(venv / "bin"), env.get("PATH", "")])
    say(f"{venv.name}: {' '.join(command[2:])} (output in {log.relative_to(REPO)})")
    return subprocess.Popen(
        command, cwd=REPO, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, text=True
    )


def finish_suite(process: subprocess.Popen[str], log: Path) -> tuple[bool, str]:
    """Wait for the suite, print its output, and give its result and last line."""
    ok = process.wait() == 0
    text = log.read_text("utf-8", errors="replace")
    sys.stdout.write(text)
    sys.stdout.flush()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return ok, (lines[-1] if lines else "").strip("= ")


def key_versions(venv: Path) -> str:
    have = installed(venv)
    names = ["sphinx", "sphinxcontrib-bibtex", "pybtex", "myst-parser", "furo", "docutils"]
    return ", ".join(f"{n} {have[n]}" for n in names if n in have)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["lowest", "highest"], help="one environment")
    parser.add_argument("--low-python", help="the lowest environment's Python: 3.11 or a path")
    parser.add_argument("--high-python", help="the highest environment's Python: 3.13 or a path")
    parser.add_argument("pytest_args", nargs="*", help="passed on to pytest (after --)")
    args = parser.parse_args()

    ensure_uv()
    os.environ["UV_PYTHON_DOWNLOADS"] = "never"  # only the interpreters on this machine

    found = [v for v in CANDIDATES if find_python(v)]
    low_python = interpreter(args.low_python or requires_python_floor())
    published = readthedocs_python()
    if not args.high_python and published not in found:
        say(f"no Python {published} (.readthedocs.yaml's) here: the highest uses {found[-1]}")
        published = found[-1]
    high_python = interpreter(args.high_python or published)
    say(f"Pythons found: {', '.join(found)}; lowest on {low_python}, highest on {high_python}")

    plan = [("lowest", low_python, "lowest-direct"), ("highest", high_python, "highest")]
    results = []
    running = []
    for name, python, resolution in plan:
        if args.only and args.only != name:
            continue
        start = time.monotonic()
        venv = make_env(name, python, resolution)
        version = python_version(str(venv / "bin" / "python")) or "?"
        say(f"{name} (Python {version}): {key_versions(venv)}")
        if name == "lowest":
            problems = check_floors(venv)
            if problems:
                for problem in problems:
                    say(f"untested floor: {problem}")
                results.append(
                    Result(name, version, time.monotonic() - start, False, "untested floors")
                )
                continue
        log = BOUNDS / f"{name}.log"
        running.append((name, version, start, log, start_suite(venv, args.pytest_args, log)))
    for name, version, start, log, process in running:
        say(f"{name}: the tests' output")
        ok, summary = finish_suite(process, log)
        results.append(Result(name, version, time.monotonic() - start, ok, summary))

    say("summary")
    for r in results:
        status = "ok" if r.ok else "FAILED"
        say(f"  {r.name:8} Python {r.python:5} {r.seconds:6.0f} s  {status}: {r.summary}")
    return 0 if results and all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
