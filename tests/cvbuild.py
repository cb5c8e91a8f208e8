"""Build the real CV (this repository) into a temporary directory, as a reader gets it."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: What a CV build reads: the rest of the repository (tests, bench, .venv) is not copied.
SOURCES = [
    "conf.py",
    "index.md",
    "publications.md",
    "refs.bib",
    "sections",
    "_ext",
    "_static",
    "_latex",
]


def copy_cv(target: Path) -> Path:
    """A copy of the CV's sources in *target*, so builds never touch the work tree."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target / name)
    return target


def normalize(text: str) -> str:
    """Text as a reader compares it: typographic quotes and spaces made plain."""
    return (
        text.replace("\N{RIGHT SINGLE QUOTATION MARK}", "'")
        .replace("\N{NO-BREAK SPACE}", " ")
        .replace("\N{SOFT HYPHEN}", "")
    )
