"""``make upgrade FROM=<git URL or folder> [REF=...] [FORCE=1]``: a newer engine, your CV untouched.

A fork of this CV keeps two things in one repository: the engine (the Sphinx
extensions, the Makefile, the tests, ...) and its owner's content (conf.py,
index.md, sections/, refs.bib, a photo). ``tools/engine-paths.txt`` says which
path is which. Merging the upstream (GitHub's "Sync fork", a pull request)
would bring the sample's content over the owner's; this copies the engine only:

1. clones FROM at REF (default: its default branch) into a temporary folder,
   with git alone: no network beyond FROM, and a local folder works offline;
2. hands over to that clone's own ``tools/upgrade.py`` when it differs, so a
   newer engine is brought in by its own rules and its own list of paths;
3. plans: every engine file of the upstream is added or replaced, every engine
   file the upstream no longer has is deleted, and no content file is read or
   written. A file of the fork's own in an engine folder, one the upstream
   never had (a test, an extension), is kept;
4. audits local overrides: an engine file of the fork that is none of the
   versions the upstream ever had was changed here, and the upgrade would
   replace it. It stops and names them, unless ``--force`` (``FORCE=1``),
   which first saves each one under ``_upgrade-backup/<date-time>/``;
5. refuses to start on uncommitted changes (unless ``--force``), so the upgrade
   can be looked at with ``git diff`` and undone on its own;
6. writes the files, prints what changed (as ``git diff --stat`` does), then
   runs ``make test`` with the new Makefile, which first remakes ``.venv`` when
   ``pyproject.toml`` changed.

Exit status: 0 upgraded and tested, or already up to date; 1 upgraded, but the
tests fail; 2 nothing done: git missing, a wrong FROM or REF, not this CV's
engine, or uncommitted changes; 3 nothing done: local overrides to look at.

Hand-over contract: an older copy calls a newer one as ``upgrade.py --repo R
--from F --clone C --commit SHA [--force] [--no-test]``; every version keeps
accepting these arguments. It runs the upstream's code, as ``make test``
would anyway: FROM must be a source you trust.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from enginepaths import BACKUP, CONTENT, ENGINE, LAYOUT, Layout, LayoutError, combined

REPO = Path(__file__).resolve().parent.parent
#: Exit statuses (the module's docstring says when).
TESTS_FAILED, NOTHING_DONE, OVERRIDES = 1, 2, 3
#: Not walked when the fork is not a git repository: builds, environments, caches.
SKIP_DIRS = frozenset(
    {".git", ".venv", "node_modules", "_build", "__pycache__", BACKUP}
    | {".mypy_cache", ".ruff_cache", ".hypothesis", ".pytest_cache"}
)
#: The few lines every message ends with when FROM cannot be read.
FROM_HELP = (
    "FROM is the address of the upstream repository, as on its GitHub page under\n"
    '"Code": https://github.com/<owner>/<repository>.git, or a folder holding a clone.'
)


class UpgradeError(Exception):
    """Something the owner must fix before the upgrade can run; nothing was changed."""

    def __init__(self, message: str, status: int = NOTHING_DONE) -> None:
        super().__init__(message)
        self.status = status


# -- git ----------------------------------------------------------------------


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    """Run git without prompts (a wrong URL fails instead of asking for a password)."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True)
    if check and result.returncode:
        error = result.stderr.decode("utf-8", "replace").strip()
        raise UpgradeError(f"git {' '.join(args)} failed:\n  {error}")
    return result


def text(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode("utf-8", "surrogateescape")


def fetch(source: str, ref: str | None, clone: Path) -> str:
    """Clone *source* into *clone* and check out *ref*; the commit's id."""
    local = Path(source).expanduser()
    if local.exists():
        source = str(local.resolve())
    result = git(
        clone.parent, "clone", "--quiet", "--no-checkout", "--", source, str(clone), check=False
    )
    if result.returncode:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UpgradeError(
            f"Could not fetch FROM={source}:\n  {reason[-1] if reason else 'git clone failed'}\n"
            + FROM_HELP
        )
    candidates = [f"refs/remotes/origin/{ref}", f"refs/tags/{ref}", ref] if ref else ["HEAD"]
    for candidate in candidates:
        found = git(
            clone, "rev-parse", "--verify", "--quiet", f"{candidate}^{{commit}}", check=False
        )
        if found.returncode == 0:
            commit = text(found).strip()
            git(clone, "-c", "advice.detachedHead=false", "checkout", "--quiet", "--detach", commit)
            return commit
    if ref:
        branches = text(git(clone, "branch", "-r", "--format=%(refname:lstrip=3)", check=False))
        names = ", ".join(b for b in branches.split() if b != "HEAD")
        raise UpgradeError(
            f"REF={ref} is neither a branch, a tag nor a commit of {source}."
            + (f"\nIts branches: {names}." if names else "")
        )
    raise UpgradeError(f"{source} has no commit yet.\n{FROM_HELP}")


def upstream_tree(clone: Path, commit: str) -> dict[str, str]:
    """Every file of the upstream at *commit*: path -> git mode."""
    files = {}
    for record in text(git(clone, "ls-tree", "-r", "-z", "--full-tree", commit)).split("\0"):
        if record:
            meta, path = record.split("\t", 1)
            mode, kind, _ = meta.split()
            if kind == "blob":
                files[path] = mode
    return files


def upstream_history(clone: Path, commit: str) -> dict[str, set[str]]:
    """Every version each path ever had in the upstream up to *commit*: path -> blob ids.

    An engine file of the fork that is one of these versions was never changed
    by its owner; any other content is a local override.
    """
    log = git(clone, "log", "-z", "--raw", "--no-abbrev", "--no-renames", "-m", "--root",
              "--format=", commit)  # fmt: skip
    tokens = text(log).split("\0")
    known: dict[str, set[str]] = {}
    index = 0
    while index < len(tokens):
        token = tokens[index].strip("\n")
        if token.startswith(":") and index + 1 < len(tokens):
            _, _, old, new, _ = token[1:].split(maxsplit=4)
            versions = known.setdefault(tokens[index + 1], set())
            versions.update(sha for sha in (old, new) if sha.strip("0"))
            index += 2
        else:
            index += 1
    return known


def object_id(data: bytes, algorithm: str = "sha1") -> str:
    """The id git gives a file of these bytes (its blob id)."""
    return hashlib.new(algorithm, b"blob %d\0" % len(data) + data).hexdigest()


def is_git_root(repo: Path) -> bool:
    if shutil.which("git") is None:
        return False
    found = git(repo, "rev-parse", "--show-toplevel", check=False)
    return found.returncode == 0 and Path(text(found).strip()).resolve() == repo.resolve()


def uncommitted(repo: Path) -> list[str]:
    """Paths with changes git has not committed (modified, new, deleted)."""
    tokens = text(git(repo, "status", "--porcelain", "-z", "--untracked-files=all")).split("\0")
    paths, index = [], 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token:
            paths.append(token[3:])
            if token[0] in "RC":
                index += 1  # a rename's second path
    return paths


def fork_files(repo: Path, in_git: bool) -> list[str]:
    """The fork's files: git's tracked and untracked-but-not-ignored, or a walk."""
    if in_git:
        listed = text(git(repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard"))
        names = set(filter(None, listed.split("\0")))
    else:
        names = set()
        for folder, dirs, files in os.walk(repo):
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.endswith(".egg-info")]
            for name in files:
                names.add(Path(folder, name).relative_to(repo).as_posix())
    return sorted(n for n in names if (repo / n).is_file() or (repo / n).is_symlink())


def read_file(path: Path) -> bytes:
    """A file's bytes as git stores them (a symbolic link: its target)."""
    if path.is_symlink():
        return os.fsencode(os.readlink(path))
    return path.read_bytes()


# -- The plan -----------------------------------------------------------------


@dataclass
class Change:
    path: str
    kind: str  # "added", "changed" or "deleted"
    old: bytes | None = None
    new: bytes | None = None
    mode: str = "100644"


@dataclass
class Plan:
    changes: list[Change] = field(default_factory=list)
    #: Engine files changed in the fork, which the upgrade replaces or deletes.
    overrides: list[str] = field(default_factory=list)
    #: The fork's own files in engine folders (the upstream never had them): kept.
    kept: list[str] = field(default_factory=list)


def make_plan(repo: Path, clone: Path, commit: str, in_git: bool) -> Plan:
    new_layout = Layout.read(clone)
    if new_layout is None:
        raise UpgradeError(
            f"FROM has no {LAYOUT} at {commit[:10]}: it is not this CV's engine, or one too old\n"
            f"for `make upgrade`.\n{FROM_HELP}"
        )
    layout = combined(new_layout, Layout.read(repo))
    algorithm = text(git(clone, "rev-parse", "--show-object-format", check=False)).strip()
    upstream = upstream_tree(clone, commit)
    known = upstream_history(clone, commit)
    plan = Plan()
    for path, mode in sorted(upstream.items()):
        if layout.classify(path) != ENGINE:
            continue
        new = read_file(clone / path)
        local = repo / path
        if local.is_dir() and not local.is_symlink():
            raise UpgradeError(
                f"{path} is a folder here but a file in the new engine: move it away."
            )
        if not (local.exists() or local.is_symlink()):
            plan.changes.append(Change(path, "added", None, new, mode))
            continue
        old = read_file(local)
        if old == new and executable(local) == (mode == "100755"):
            continue
        if object_id(old, algorithm or "sha1") not in known.get(path, set()):
            plan.overrides.append(path)
        plan.changes.append(Change(path, "changed", old, new, mode))
    for path in fork_files(repo, in_git):
        if path in upstream or layout.classify(path) != ENGINE:
            continue
        versions = known.get(path)
        if versions is None:
            plan.kept.append(path)
            continue
        old = read_file(repo / path)
        if object_id(old, algorithm or "sha1") not in versions:
            plan.overrides.append(path)
        plan.changes.append(Change(path, "deleted", old))
    plan.changes.sort(key=lambda change: change.path)
    plan.overrides.sort()
    return plan


def executable(path: Path) -> bool:
    return not path.is_symlink() and os.access(path, os.X_OK)


# -- Doing it -----------------------------------------------------------------


def write(target: Path, data: bytes, mode: str) -> None:
    """Replace *target* in one step (make may be reading the Makefile being replaced)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink() or mode == "120000":
        target.unlink(missing_ok=True)
        if mode == "120000":
            os.symlink(os.fsdecode(data), target)
            return
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.chmod(temporary, 0o755 if mode == "100755" else 0o644)
    os.replace(temporary, target)


def apply(repo: Path, plan: Plan, backup: Path | None) -> None:
    for path in plan.overrides:
        source = repo / path
        if backup is not None and (source.exists() or source.is_symlink()):
            (backup / path).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, backup / path, follow_symlinks=False)
    for change in plan.changes:
        target = repo / change.path
        if change.kind == "deleted":
            target.unlink()
            folder = target.parent
            while folder != repo and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        else:
            assert change.new is not None
            write(target, change.new, change.mode)


def lines(data: bytes | None) -> list[str] | None:
    """A file's lines, or None for a binary file."""
    if data is None:
        return []
    if b"\0" in data:
        return None
    try:
        return data.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return None


def stat(change: Change) -> tuple[int, int] | None:
    """Lines inserted and deleted, or None for a binary file."""
    old, new = lines(change.old), lines(change.new)
    if old is None or new is None:
        return None
    inserted = deleted = 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            deleted += i2 - i1
        if tag in ("replace", "insert"):
            inserted += j2 - j1
    return inserted, deleted


def diff_stat(changes: list[Change]) -> list[str]:
    """The changes as ``git diff --stat`` shows them, a new or deleted file marked."""
    counts = [stat(change) for change in changes]
    names = [
        change.path + {"added": " (new)", "deleted": " (deleted)"}.get(change.kind, "")
        for change in changes
    ]
    width = max(map(len, names), default=0)
    biggest = max((sum(count) for count in counts if count), default=0)
    scale = min(1.0, 40 / biggest) if biggest else 1.0
    rows = []
    for name, count in zip(names, counts, strict=True):
        if count is None:
            rows.append(f" {name:<{width}} | binary")
            continue
        inserted, deleted = count
        bar = "+" * max(round(inserted * scale), bool(inserted))
        bar += "-" * max(round(deleted * scale), bool(deleted))
        rows.append(f" {name:<{width}} | {inserted + deleted:>5} {bar}")
    inserted = sum(count[0] for count in counts if count)
    deleted = sum(count[1] for count in counts if count)
    rows.append(
        f" {plural(len(changes), 'file')} changed, {plural(inserted, 'insertion')}(+),"
        f" {plural(deleted, 'deletion')}(-)"
    )
    return rows


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def listing(paths: Iterable[str], limit: int = 20) -> str:
    paths = list(paths)
    shown = [f"  {path}" for path in paths[:limit]]
    if len(paths) > limit:
        shown.append(f"  ... and {len(paths) - limit} more")
    return "\n".join(shown)


def untouched(repo: Path) -> str:
    """The content paths the fork has, a folder's engine files named as exceptions."""
    layout = Layout.read(repo)
    if layout is None:
        return "every file outside the engine"
    named = []
    for path in layout.paths(CONTENT):
        if path.rstrip("/") == BACKUP or not (repo / path).exists():
            continue
        inside = [p for p in layout.paths(ENGINE) if path.endswith("/") and p.startswith(path)]
        named.append(f"{path} (but {', '.join(inside)})" if inside else path)
    return ", ".join(named) + " and every other file outside the engine"


def conf_note(repo: Path, clone: Path) -> str | None:
    """A conf.py made before the engine's settings moved to _ext/cvconf.py: how to switch."""
    mine, theirs = repo / "conf.py", clone / "conf.py"
    if not (mine.is_file() and theirs.is_file()):
        return None
    upstream = theirs.read_text("utf-8", errors="replace")
    if "cvconf" in mine.read_text("utf-8", errors="replace") or "cvconf" not in upstream:
        return None
    marker = "# -- The engine"
    tail = upstream[upstream.index(marker) :] if marker in upstream else upstream
    return (
        "Note: your conf.py sets the engine's Sphinx settings itself (it was written before\n"
        "they moved to _ext/cvconf.py). It keeps working, but later engine changes to those\n"
        "settings will not reach your CV. To hand them over, keep your own lines (cv_owner,\n"
        "cv_owner_aliases, cv_paper, ...) and put these in place of the rest:\n\n"
        + "\n".join(f"    {line}" if line else "" for line in tail.splitlines())
    )


def describe(clone: Path, commit: str) -> str:
    return text(git(clone, "log", "-1", "--format=%h (%cs, %s)", commit)).strip()


def upgrade(repo: Path, clone: Path, commit: str, source: str, force: bool, test: bool) -> int:
    """Bring the engine of *clone* at *commit* into *repo*; the exit status."""
    in_git = is_git_root(repo)
    dirty = uncommitted(repo) if in_git else []
    if dirty and not force:
        raise UpgradeError(
            "Stopped before changing anything: these changes are not committed yet:\n"
            f"{listing(dirty, 10)}\n"
            "Commit them first, so the upgrade can be looked at and undone on its own:\n"
            '  git add -A && git commit -m "My CV before the upgrade"\n'
            "(or run again with FORCE=1 to go ahead anyway)."
        )
    plan = make_plan(repo, clone, commit, in_git)
    print(f"Upstream: {source} at {describe(clone, commit)}")
    if not plan.changes:
        print("The engine is already the upstream's: nothing to upgrade.")
        return 0
    if plan.overrides and not force:
        print(
            f"\nStopped before changing anything: {plural(len(plan.overrides), 'engine file')}"
            " changed here (local overrides),\n"
            "which the upgrade would replace with the upstream's:\n"
            f"{listing(plan.overrides)}\n\n"
            "Either undo those changes, or move them where upgrades leave them alone\n"
            '(README, "Upgrading": your own CSS file in _static/, settings in conf.py),\n'
            "or run again with FORCE=1: each file is first saved in "
            f"{BACKUP}/, then replaced.",
            file=sys.stderr,
        )
        return OVERRIDES
    backup = repo / BACKUP / time.strftime("%Y%m%d-%H%M%S") if plan.overrides else None
    apply(repo, plan, backup)
    print("\nThe engine files now match the upstream's:")
    print("\n".join(diff_stat(plan.changes)))
    if plan.overrides and backup is not None:
        saved = backup.relative_to(repo).as_posix()
        print(f"\nYour local overrides were replaced; your versions are saved in {saved}/:")
        print(listing(plan.overrides, limit=len(plan.overrides)))
    if plan.kept:
        print("\nKept, as the upstream never had them (your own files in engine folders):")
        print(listing(plan.kept))
    print(f"\nNot touched (your CV): {untouched(repo)}.")
    note = conf_note(repo, clone)
    if note:
        print(f"\n{note}")
    if in_git and not dirty:
        short = commit[:10]
        print(
            "\nNothing is committed yet. Keep the upgrade with\n"
            f'  git add -A && git commit -m "Upgrade the CV engine to {short}"\n'
            "or undo it with\n"
            "  git checkout -- . && git clean -fd"
        )
    if not test:
        return 0
    print("\nNow the tests, with the new engine (make test):", flush=True)
    if subprocess.call(["make", "--no-print-directory", "test"], cwd=repo):
        print(
            "\nThe new engine is in place, but the tests above fail. Each failure says what\n"
            "it expected; a failure in your content (a section, refs.bib) is yours to fix,\n"
            "any other may be the upstream's. The undo command is above.",
            file=sys.stderr,
        )
        return TESTS_FAILED
    print("\nUpgraded, and the tests pass.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--from", dest="source", required=True, help="the upstream: git URL or folder"
    )
    parser.add_argument(
        "--ref", help="a branch, tag or commit of the upstream (default: its default branch)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="go ahead despite uncommitted changes or local overrides",
    )
    parser.add_argument("--no-test", dest="test", action="store_false", help="do not run make test")
    parser.add_argument("--repo", default=str(REPO), help="the fork to upgrade (default: this one)")
    parser.add_argument("--clone", help=argparse.SUPPRESS)  # the hand-over (module docstring)
    parser.add_argument("--commit", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repo = Path(args.repo).resolve()
    try:
        if shutil.which("git") is None:
            raise UpgradeError(
                "git is needed: install it (on Debian or Ubuntu: sudo apt-get install git)."
            )
        if args.clone:
            return upgrade(repo, Path(args.clone), args.commit, args.source, args.force, args.test)
        with tempfile.TemporaryDirectory(prefix="cv-upgrade-") as folder:
            clone = Path(folder) / "upstream"
            print(f"Fetching {args.source}{f' at {args.ref}' if args.ref else ''} ...", flush=True)
            commit = fetch(args.source, args.ref, clone)
            newer = clone / "tools" / "upgrade.py"
            if newer.is_file() and newer.read_bytes() != Path(__file__).read_bytes():
                print("The upstream's own upgrade tool takes over.", flush=True)
                command = [sys.executable, str(newer), "--repo", str(repo), "--from", args.source]
                command += ["--clone", str(clone), "--commit", commit]
                command += ["--force"] * args.force + ["--no-test"] * (not args.test)
                return subprocess.call(command)
            return upgrade(repo, clone, commit, args.source, args.force, args.test)
    except UpgradeError as error:
        print(f"\n{error}\nNothing was changed.", file=sys.stderr)
        return error.status
    except LayoutError as error:
        print(f"\n{error}\nNothing was changed.", file=sys.stderr)
        return NOTHING_DONE


if __name__ == "__main__":
    sys.exit(main())
