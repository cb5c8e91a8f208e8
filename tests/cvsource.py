"""What the CV's own sources say the page must show, read from the sources themselves.

The content tests of any owner's CV derive their expectations here, not from one
person's facts: ``conf.py`` gives the owner and the PDF's file name, ``index.md``
the order of the section files, each section file its headings and list items,
and each ``{bibliography}`` directive (with ``refs.bib``) the entries it selects,
evaluated by sphinxcontrib-bibtex's own filter rules.
"""

from __future__ import annotations

import ast
import re
import runpy
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from sphinx.util.tags import Tags
from sphinxcontrib.bibtex.domain import _FilterVisitor

from cvbib.bib import read_bibfiles
from cvbib.render import selected_filter

_INCLUDE = re.compile(r"^```\{include\}\s+(\S+)\s*$", re.M)
_SUBSTITUTION = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_ROLE = re.compile(r"\{[\w:-]+\}$")
#: A MyST colon fence: its colons, directive name and argument.
_COLON_FENCE = re.compile(r"^(:{3,})\{([\w-]+)\}\s*(.*)$")
BUILDERS = ("html", "latex")


def comparable(text: str) -> str:
    """Text reduced to its letters and digits, lower case, accents kept.

    Docutils' smart quotes, LaTeX's dashes and line-end hyphens, and no-break
    spaces all change punctuation and spacing, never the words: comparing
    only letters and digits keeps a test about content, not typography.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in text if char.isalnum())


@dataclass
class Bibliography:
    """One ``{bibliography}`` directive and the keys of the entries it selects."""

    section: str
    keys: list[str]
    #: The builders whose output shows it (an ``{only}`` block may hide it from one).
    builders: frozenset[str] = frozenset(BUILDERS)


@dataclass
class Section:
    """One included section file: its headings and the text of its list items."""

    path: Path
    headings: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class CvSource:
    """Everything the content tests expect, read from one CV source tree."""

    root: Path
    conf: dict[str, Any]
    sections: list[Section]
    bibliographies: list[Bibliography]
    #: The entries of the .bib files by key (pybtex entries).
    entries: dict[str, Any]

    @property
    def owner(self) -> str:
        return str(self.conf["cv_owner"])

    @property
    def aliases(self) -> list[str]:
        return list(self.conf.get("cv_owner_aliases", []))

    @property
    def pdf_name(self) -> str:
        return str(self.conf["latex_documents"][0][1]).removesuffix(".tex") + ".pdf"

    def shown_keys(self, builder: str) -> list[str]:
        """The keys of every entry the *builder*'s output shows, in page order."""
        return [k for b in self.bibliographies if builder in b.builders for k in b.keys]

    def plain_title(self, key: str) -> str | None:
        """An entry's title without braces, or None when it holds LaTeX a test cannot read."""
        title = str(self.entries[key].fields.get("title", ""))
        if not title or "\\" in title or "$" in title:
            return None
        return title.replace("{", "").replace("}", "")


def read_conf(root: Path) -> dict[str, Any]:
    """conf.py's settings, as Sphinx would see them (without Sphinx)."""
    return runpy.run_path(str(root / "conf.py"))


def _inline_text(token: Token, substitutions: dict[str, str]) -> str:
    """The visible text of an inline token: markup and role names dropped."""
    pieces: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            if child.type == "code_inline" and pieces:
                pieces[-1] = _ROLE.sub("", pieces[-1])
            pieces.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
    text = "".join(pieces)
    return _SUBSTITUTION.sub(lambda m: substitutions.get(m.group(1), m.group(0)), text)


def _read_section(path: Path, substitutions: dict[str, str]) -> tuple[Section, list[Token]]:
    tokens = MarkdownIt("commonmark").parse(path.read_text("utf-8"))
    section = Section(path)
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            section.headings.append(_inline_text(tokens[index + 1], substitutions))
        elif (
            token.type == "paragraph_open" and index and tokens[index - 1].type == "list_item_open"
        ):
            text = _inline_text(tokens[index + 1], substitutions)
            if "{private}" not in tokens[index + 1].content:
                section.items.append(text)
    return section, tokens


def _only_blocks(text: str) -> list[tuple[int, int, str]]:
    """(first line, last line, expression) of each ``:::{only}`` block of a MyST file."""
    blocks: list[tuple[int, int, str]] = []
    open_fences: list[tuple[str, int, str, str]] = []  # colons, start, name, argument
    for number, line in enumerate(text.splitlines()):
        stripped = line.strip()
        opening = _COLON_FENCE.match(stripped)
        if opening:
            open_fences.append((opening[1], number, opening[2], opening[3]))
        elif open_fences and stripped == open_fences[-1][0]:
            _, start, name, argument = open_fences.pop()
            if name == "only":
                blocks.append((start, number, argument))
    return blocks


def _builders(line: int, blocks: list[tuple[int, int, str]], conf: dict[str, Any]) -> frozenset:
    """The builders that show line *line*, given the ``{only}`` blocks around it."""
    shown = set()
    for builder in BUILDERS:
        tags = Tags([builder, f"format_{builder}", f"builder_{builder}"])
        if conf.get("cv_show_private"):
            tags.add("cv_show_private")
        if conf.get("cv_pdf_publications") == "all":
            tags.add("cv_pdf_all_publications")
        if all(tags.eval_condition(e) for start, end, e in blocks if start < line < end):
            shown.add(builder)
    return frozenset(shown)


def _selected_keys(fence: Token, entries: dict[str, Any], docname: str) -> list[str]:
    """The keys a ``{bibliography}`` selects, as sphinxcontrib-bibtex decides it."""
    options: dict[str, Any] = {}
    listed: list[str] = []
    for line in fence.content.splitlines():
        option = re.match(r"^:([\w-]+):\s*(.*)$", line.strip())
        if option:
            options[option.group(1)] = option.group(2)
        elif line.strip():
            listed.extend(line.split())
    selected_filter(options)  # cvbib's :selected: is a :filter: expression
    if "all" in options:
        expression = "True"
    else:
        expression = options.get("filter", "False" if listed else "cited")
    tree = ast.parse(expression)
    selected = []
    for key, entry in entries.items():
        visitor = _FilterVisitor(entry=entry, docname=docname, cited_docnames=set())
        if visitor.visit(tree) or key in listed:
            selected.append(key)
    return selected


def read_cv(root: Path) -> CvSource:
    """The expectations of the CV whose sources are in *root*."""
    conf = read_conf(root)
    substitutions = {k: str(v) for k, v in conf.get("myst_substitutions", {}).items()}
    bibfiles = [root / name for name in conf.get("bibtex_bibfiles", ["refs.bib"])]
    data, _, _ = read_bibfiles(bibfiles)
    index, _ = _read_section(root / "index.md", substitutions)
    sections = [index]
    bibliographies = []
    for include in _INCLUDE.findall((root / "index.md").read_text("utf-8")):
        section, tokens = _read_section(root / include, substitutions)
        sections.append(section)
        blocks = _only_blocks((root / include).read_text("utf-8"))
        for token in tokens:
            if token.type == "fence" and token.info.strip() == "{bibliography}":
                keys = _selected_keys(token, dict(data.entries), "index")
                line = token.map[0] if token.map else 0
                shown = _builders(line, blocks, conf)
                bibliographies.append(Bibliography(include, keys, shown))
    return CvSource(root, conf, sections, bibliographies, dict(data.entries))
