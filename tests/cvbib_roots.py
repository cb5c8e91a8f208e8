"""Build a test root in a temporary directory and read the result as a reader would.

Shared by the robustness, warning and other-owner tests: each copies one
``tests/roots/test-<name>/`` (so the build never writes into the repository),
builds it with ``sphinx.testing``'s ``make_app``, and then looks at the
warnings one per line, the bibliography's list items in the parsed HTML, or
the LaTeX source.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Tag

ROOTS = Path(__file__).parent / "roots"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_SUBTYPE = re.compile(r"\[(?P<type>[\w-]+)\.(?P<subtype>[\w-]+)\]$")


@dataclass
class Built:
    """One finished build: its app, its warnings and its output directory."""

    app: Any
    warnings: list[str]

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)

    def subtypes(self) -> list[str]:
        """``type.subtype`` of every warning, "untyped" for one without."""
        result = []
        for line in self.warnings:
            match = _SUBTYPE.search(line)
            result.append(f"{match['type']}.{match['subtype']}" if match else "untyped")
        return result

    def of(self, subtype: str) -> list[str]:
        """The warnings of one ``cvbib`` subtype."""
        return [line for line in self.warnings if line.endswith(f"[cvbib.{subtype}]")]

    def soup(self) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / "index.html").read_text("utf-8"), "html.parser")

    def items(self) -> list[Tag]:
        """The text of each entry of the bullet-list bibliographies, in page order.

        The entry's paragraph: what a reader sees of it before opening any
        toggle (the BibTeX and the abstract behind them are not part of it).
        """
        return [li.find("p") or li for li in self.soup().select("div.body li[id]")]

    def entry(self, word: str) -> Tag:
        """The whole list item (text, link buttons, toggles) of the entry with *word*."""
        found = [
            li
            for li in self.soup().select("div.body li[id]")
            if word.lower() in (li.find("p") or li).get_text().lower()
        ]
        assert len(found) == 1, (word, [li.get_text() for li in found])
        return found[0]

    def texts(self) -> list[str]:
        """Each entry's text as a reader sees it (no-break spaces as spaces)."""
        return [" ".join(li.get_text().split()) for li in self.items()]

    def item(self, word: str) -> Tag:
        """The one entry whose text contains *word* (case-insensitively)."""
        found = [li for li in self.items() if word.lower() in li.get_text().lower()]
        assert len(found) == 1, (word, [li.get_text() for li in found])
        return found[0]

    def tex(self) -> str:
        """The LaTeX source, with Sphinx's hyphen and no-break-space markup undone."""
        return (
            next(self.outdir.glob("*.tex"))
            .read_text("utf-8")
            .replace("\N{NO-BREAK SPACE}", " ")
            .replace(r"\sphinxhyphen{}", "-")
        )


def copy_root(name: str, target: Path) -> Path:
    """A fresh copy of ``roots/test-<name>`` at *target*."""
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def build(
    make_app: Callable[..., Any],
    name: str,
    tmp_path: Path,
    builder: str = "html",
    **confoverrides: Any,
) -> Built:
    """Copy ``roots/test-<name>`` under *tmp_path*, build it and collect the warnings."""
    srcdir = copy_root(name, tmp_path / f"{name}-{builder}")
    app = make_app(builder, srcdir=srcdir, confoverrides=confoverrides)
    app.build()
    return finished(app)


def finished(app: Any) -> Built:
    """The :class:`Built` of an app that has built, its warnings one per line.

    The app's docutils nodes and roles are unregistered here, so that a second
    app in the same test does not warn that they are "already registered".
    """
    app.cleanup()
    text = _ANSI.sub("", app.warning.getvalue())
    return Built(app=app, warnings=[line for line in text.splitlines() if line.strip()])


def strongs(li: Tag) -> list[str]:
    """The bold names of one entry."""
    return [
        s.get_text("", strip=True).replace("\N{NO-BREAK SPACE}", " ") for s in li.find_all("strong")
    ]
