"""The variants of a CV and their file names, read from its ``conf.py`` without building.

The Makefile prints the path of the PDF it just made, and ``tools/downloads.py``
builds every variant's files: both need the names a build will write, which
only ``conf.py`` knows (the owner's name, the declared variants). This module
runs ``conf.py`` as Sphinx does (a fresh namespace, the file's folder as the
working directory for relative paths) and answers from the result, through the
same parsing the build uses (:func:`cvvariants.settings.parse_variants`).

``python -m cvvariants.plan [--confdir DIR] [--variant NAME] [--list]`` prints
the file name (without extension) of one variant, or one line per variant:
name, file name, page budget, title, separated by tabs.
"""

from __future__ import annotations

import argparse
import runpy
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .settings import DEFAULT, Variant, parse_variants

__all__ = ["Planned", "plan"]


@dataclass(frozen=True)
class Planned:
    """A variant and the file name (without extension) of its CV."""

    variant: Variant
    stem: str


def read_conf(confdir: Path) -> dict[str, Any]:
    """``conf.py``'s namespace, as Sphinx would see it before its extensions run."""
    path = confdir / "conf.py"
    return runpy.run_path(str(path), init_globals={"__file__": str(path)})


def plan(confdir: Path) -> list[Planned]:
    """Every variant of the CV in *confdir*, the default first, with its file name."""
    namespace = read_conf(confdir)
    variants, _problems = parse_variants(
        namespace.get("cv_variants", {}), namespace.get("cv_pdf_publications", "selected")
    )
    documents = namespace.get("latex_documents") or [("index", "cv.tex")]
    base = str(documents[0][1]).removesuffix(".tex")
    return [Planned(variant, base + variant.suffix) for variant in variants.values()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cvvariants.plan", description=__doc__)
    parser.add_argument("--confdir", type=Path, default=Path("."))
    parser.add_argument("--variant", default="", help="a variant's name (default: the default CV)")
    parser.add_argument("--list", action="store_true", help="one line per variant")
    args = parser.parse_args(argv)
    planned = plan(args.confdir.resolve())
    if args.list:
        for item in planned:
            pages = "" if item.variant.pages is None else str(item.variant.pages)
            print("\t".join([item.variant.name, item.stem, pages, item.variant.title]))
        return 0
    wanted = args.variant.strip() or DEFAULT
    for item in planned:
        if item.variant.name == wanted:
            print(item.stem)
            return 0
    names = ", ".join(item.variant.name for item in planned)
    print(
        f"no variant {wanted!r} in conf.py's cv_variants: the variants are {names}", file=sys.stderr
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
