"""``tools/engine-paths.txt``: which files are the engine and which are the owner's CV.

Read by ``tools/upgrade.py`` (the upstream's copy decides what the new engine
is) and by the tests that check every file of the repository is named in it
and that the README lists the same paths. Standard library only: ``make
upgrade`` runs before any virtual environment exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The list, at the same place in every version of the engine.
LAYOUT = "tools/engine-paths.txt"
#: Where ``make upgrade FORCE=1`` saves the local overrides it replaces (content: never
#: copied; ignored by git, Sphinx and ruff).
BACKUP = "_upgrade-backup"
ENGINE, CONTENT = "engine", "content"


class LayoutError(ValueError):
    """A line of the list that is not a relative path under ``[engine]`` or ``[content]``."""


@dataclass(frozen=True)
class Layout:
    """``tools/engine-paths.txt``: each path is the engine's or the owner's."""

    rules: dict[str, str]

    @classmethod
    def parse(cls, text: str, origin: str = LAYOUT) -> Layout:
        rules: dict[str, str] = {}
        kind = None
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line in ("[engine]", "[content]"):
                kind = line.strip("[]")
            elif kind is None or line.startswith("/") or ".." in line.split("/"):
                raise LayoutError(
                    f"{origin}:{number}: {line!r} is not a path under [engine]/[content]"
                )
            else:
                rules[line] = kind
        return cls(rules)

    @classmethod
    def read(cls, root: Path) -> Layout | None:
        path = root / LAYOUT
        return cls.parse(path.read_text("utf-8"), str(path)) if path.is_file() else None

    def classify(self, path: str) -> str | None:
        """``engine`` or ``content`` by the longest path containing *path*; None if unnamed."""
        best = ""
        for pattern in self.rules:
            inside = path == pattern or (pattern.endswith("/") and path.startswith(pattern))
            if inside and len(pattern) > len(best):
                best = pattern
        return self.rules[best] if best else None

    def paths(self, kind: str) -> list[str]:
        return [pattern for pattern, which in self.rules.items() if which == kind]


def combined(new: Layout, old: Layout | None) -> Layout:
    """The upstream's list and the fork's read together, as ``make upgrade`` does.

    The upstream's list brings the new engine's paths (a new engine file inside a
    content folder names itself, the longer path winning); the fork's keeps what it
    already called content, whatever the upstream's says of the same path, and names
    the engine folders an upstream dropped, so their files go too.
    """
    rules = dict(new.rules)
    for pattern, kind in (old.rules if old else {}).items():
        if pattern not in rules or kind == CONTENT:
            rules[pattern] = kind
    return Layout(rules)
