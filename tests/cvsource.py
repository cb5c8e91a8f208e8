"""What the CV's own sources say the page must show, read without the code under test.

The content tests of any owner's CV derive their expectations here, not from one
person's facts and not from cvbib: ``conf.py`` gives the owner and the PDF's file
name, ``index.md`` the order of the section files, each section file its headings
and list items, and each ``{bibliography}`` directive (with the ``.bib`` files)
the entries it selects. Nothing here imports cvbib or sphinxcontrib-bibtex, so a
bug in them cannot hide in an expectation:

* the ``.bib`` files are read by pybtex's strict parser (``parse_file``): a file
  it cannot read fails the test instead of being half-read;
* an entry's title is turned into what a reader sees by a few lines below: HTML
  tags (Crossref's ``<i>``) and entities dropped, then LaTeX (accents, ``\\emph``,
  math and its ``$`` delimiters) decoded by ``pylatexenc.latex2text``, a module
  of pylatexenc that cvbib does not use (cvbib walks pylatexenc's parse tree
  with its own code);
* a ``{bibliography}``'s options are interpreted here: a list of keys,
  ``:all:``, cvbib's ``:selected:`` as the README words it (``selected`` as one
  of the ``keywords``, or al-folio's ``selected = {true}``), and ``:filter:``
  for the few forms a CV uses (``True``/``False``, ``and``/``or``/``not``,
  ``==``/``!=`` and ``%`` on ``type``, ``key`` or a field). Any other form
  stops the test with a message saying to teach this module, rather than guess;
* whether the owner is an author of an entry is decided by :func:`same_person`,
  a short reading of the README's matching rules (see its docstring); an entry
  of a collaboration named in ``cv_collaborations`` that does not name the
  owner is theirs with the collaboration's name in bold, as the README says
  (:func:`collaboration_shown`).
"""

from __future__ import annotations

import ast
import html
import re
import runpy
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pybtex.database
import pybtex.errors
from markdown_it import MarkdownIt
from markdown_it.token import Token
from pylatexenc.latex2text import LatexNodes2Text
from sphinx.util.tags import Tags

_INCLUDE = re.compile(r"^```\{include\}\s+(\S+)\s*$", re.M)
_SUBSTITUTION = re.compile(r"\{\{\s*(\w+)\s*\}\}")
_ROLE = re.compile(r"\{[\w:-]+\}$")
#: MyST's inline attributes: ``[2022 – 2024]{.cv-dates}`` shows "2022 – 2024".
_ATTR_SPAN = re.compile(r"\[([^\[\]]*)\]\{[^{}]*\}")
#: Attributes after an inline element (``**x**{#id .class}``): not shown.
_ATTR_AFTER = re.compile(r"\{\s*[.#][^{}]*\}")
#: A MyST colon fence: its colons, directive name and argument.
_COLON_FENCE = re.compile(r"^(:{3,})\{([\w-]+)\}\s*(.*)$")
#: An HTML tag as Crossref and publishers write them in titles (``<i>``, ``</sub>``).
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
#: Where a name splits into words: whitespace, hyphens and dots.
_NAME_SPLIT = re.compile(r"[\s.\-\u2010\u2011\u2012\u2013\u2014~]+")
#: Letters without a Unicode decomposition, so stripping accents misses them.
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe"})
#: al-folio's marks glued to a name (``Zhang*``): not part of it.
_GLUED_MARKS = "*†\N{ASTERISK OPERATOR}"
BUILDERS = ("html", "latex")
_LATEX = LatexNodes2Text(math_mode="text", strict_latex_spaces=True)


def comparable(text: str) -> str:
    """Text reduced to its letters and digits, lower case, accents kept.

    Docutils' smart quotes, LaTeX's dashes and line-end hyphens, and no-break
    spaces all change punctuation and spacing, never the words: comparing
    only letters and digits keeps a test about content, not typography.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(char for char in text if char.isalnum())


def folded(text: str) -> str:
    """:func:`comparable` without accents (``García`` = ``Garcia``), for names."""
    decomposed = unicodedata.normalize("NFKD", comparable(text)).translate(_FOLD)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def reader_text(value: str) -> str:
    """A .bib field as a reader sees it: tags, entities, LaTeX markup and ``$`` gone."""
    return _LATEX.latex_to_text(html.unescape(_HTML_TAG.sub("", value))).strip()


# --- names -------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """A person's name as words, decoded and folded; ``shown`` is how it reads."""

    words: tuple[str, ...]
    shown: str


def read_name(person: pybtex.database.Person) -> Name:
    """The words of a pybtex person, given names first, each decoded and folded.

    The export quirks a .bib carries are read as the README says cvbib reads
    them: a DBLP homonym number (``Wei Wang 0001``) and al-folio's ``*``/``†``
    glued to a name are not part of it, and Google Scholar's glued initials
    (``García-López, MJ``: two or three capitals in a name not all capitals)
    are the initials ``m``, ``j``.
    """
    parts = [
        *person.first_names,
        *person.middle_names,
        *person.prelast_names,
        *person.last_names,
    ]
    decoded = [reader_text(part).strip(_GLUED_MARKS) for part in parts]
    if decoded and decoded[-1].isdigit():
        decoded.pop()  # DBLP's homonym number
    all_capitals = all(word.isupper() for word in decoded if word)
    words: list[str] = []
    given_count = len(person.first_names) + len(person.middle_names)
    for index, word in enumerate(decoded):
        glued = 2 <= len(word) <= 3 and word.isalpha() and word.isupper()
        if index < given_count and glued and not all_capitals:
            words.extend(folded(letter) for letter in word)
        else:
            words.extend(folded(piece) for piece in _NAME_SPLIT.split(word) if folded(piece))
    return Name(tuple(words), " ".join(filter(None, decoded)))


def _agree(one: str, other: str) -> bool:
    return one == other or ((len(one) == 1 or len(other) == 1) and one[0] == other[0])


def same_person(candidate: Name, owner: Name, initials: bool = True) -> bool:
    """Whether *candidate* may be the owner, by the README's rules read simply.

    The last word (the family name's) must be equal; then the words are equal,
    or, without one-letter words, equal when joined ("Kai-Yan" = "Kaiyan"), or
    (with ``cv_match_initials``) as many words, each equal or an initial of the
    other ("K. Zhang" for "Kaiyan Zhang"). Comparing the words in order makes
    "García López, María José" and "María José García López" one name.
    """
    a, b = candidate.words, owner.words
    if not a or not b or a[-1] != b[-1]:
        return False
    if a == b:
        return True
    if not any(len(w) == 1 for w in a + b) and "".join(a) == "".join(b):
        return True
    return initials and len(a) == len(b) and all(_agree(x, y) for x, y in zip(a, b, strict=True))


def owner_names(conf: dict[str, Any]) -> list[Name]:
    """The owner's name and aliases from conf.py, read as BibTeX names."""
    names = [str(conf["cv_owner"]), *conf.get("cv_owner_aliases", [])]
    return [read_name(pybtex.database.Person(name)) for name in names]


# --- collaborations -----------------------------------------------------------

_COLLABORATION_WORD = re.compile(r"\s*\b(?:collaborations?|consortium)\s*$", re.IGNORECASE)


def _collaboration_key(name: str) -> str:
    """A collaboration's name without "The", "Collaboration", case and punctuation."""
    text = _COLLABORATION_WORD.sub("", re.sub(r"^\s*the\s+", "", name, flags=re.IGNORECASE))
    return folded(text)


def collaboration_shown(entry: pybtex.database.Entry, declared: list[str]) -> str | None:
    """The collaboration's name as the CV shows it, if the owner declared it; else None.

    As the README words it: INSPIRE's ``collaboration = "ATLAS"`` reads "ATLAS
    Collaboration" before the authors; an author written as one braced name
    ending in "Collaboration" (ADS, Zotero) is the collaboration, where it
    stands; so is an ``organization`` ending in it or with ``authortype =
    {collaboration}``.
    """
    wanted = {_collaboration_key(name) for name in declared}
    for person in entry.persons.get("author", []):
        text = " ".join(person.last_names)
        if (
            not (person.first_names or person.middle_names or person.prelast_names)
            and text.startswith("{")
            and _COLLABORATION_WORD.search(reader_text(text))
            and _collaboration_key(reader_text(text)) in wanted
        ):
            return reader_text(text)
    field = str(entry.fields.get("collaboration", ""))
    names = [n.strip() for n in re.split(r",|;|\band\b", reader_text(field)) if n.strip()]
    if not names:
        organization = reader_text(str(entry.fields.get("organization", "")))
        typed = "collaboration" in str(entry.fields.get("authortype", "")).casefold()
        if organization and (typed or _COLLABORATION_WORD.search(organization)):
            names = [organization]
    if not any(_collaboration_key(name) in wanted for name in names):
        return None
    if all(_COLLABORATION_WORD.search(name) for name in names):
        return " and ".join(names)
    bare = [_COLLABORATION_WORD.sub("", name) for name in names]
    if len(bare) == 1:
        return f"{bare[0]} Collaboration"
    return f"{', '.join(bare[:-1])} and {bare[-1]} Collaborations"


# --- entries -----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One .bib entry as a reader of the CV sees it."""

    key: str
    type: str
    title: str
    #: The owner as named in the entry's shown name list (its authors, or its
    #: editors when it has none), once per time the owner is listed; or, in a
    #: declared collaboration's paper that does not name them, the collaboration.
    owner: tuple[Name, ...]
    #: The raw fields and persons, for ``:filter:`` expressions.
    source: pybtex.database.Entry = field(repr=False, compare=False)


@contextmanager
def _strict() -> Iterator[None]:
    """pybtex's strict mode, whatever a build in this process set before."""
    before = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        yield
    finally:
        pybtex.errors.set_strict_mode(before)


def read_entries(bibfiles: list[Path], conf: dict[str, Any]) -> dict[str, Entry]:
    """Every entry of *bibfiles* by key, read by pybtex's strict parser."""
    owners = owner_names(conf)
    initials = bool(conf.get("cv_match_initials", True))
    entries: dict[str, Entry] = {}
    for path in bibfiles:
        with _strict():
            data = pybtex.database.parse_file(str(path), "bibtex", encoding="utf-8-sig")
        for key, entry in data.entries.items():
            role = "author" if entry.persons.get("author") else "editor"
            names = [read_name(person) for person in entry.persons.get(role, [])]
            owner = tuple(
                name for name in names if any(same_person(name, o, initials) for o in owners)
            )
            collaboration = collaboration_shown(entry, list(conf.get("cv_collaborations", [])))
            if not owner and collaboration:
                owner = (Name((), collaboration),)
            title = reader_text(str(entry.fields.get("title", "")))
            entries.setdefault(key, Entry(key, entry.type.lower(), title, owner, entry))
    return entries


# --- the {bibliography} directive ---------------------------------------------


def _keywords_hold_selected(entry: Entry) -> bool:
    keywords = str(entry.source.fields.get("keywords", ""))
    return "selected" in {word.strip().casefold() for word in re.split(r"[,;]", keywords)}


def is_selected(entry: Entry) -> bool:
    """cvbib's ``:selected:`` as the README words it."""
    flag = str(entry.source.fields.get("selected", "")).strip("{} \t\n").casefold()
    return _keywords_hold_selected(entry) or flag in {"true", "yes", "1"}


class UnknownFilter(ValueError):
    """A ``:filter:`` this reader does not interpret: extend :func:`_evaluate`."""


def _value(node: ast.expr, entry: Entry) -> Any:
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id == "cited":
            return False  # a CV cites nothing: no {cite} role in its sections
        if node.id == "type":
            return entry.type
        if node.id == "key":
            return entry.key
        if node.id in entry.source.persons:
            return " and ".join(str(p) for p in entry.source.persons[node.id])
        return str(entry.source.fields.get(node.id, ""))
    return _evaluate(node, entry)


def _evaluate(node: ast.expr, entry: Entry) -> Any:
    """The small part of sphinxcontrib-bibtex's filter language a CV uses."""
    if isinstance(node, ast.BoolOp):
        results = (bool(_value(v, entry)) for v in node.values)
        return all(results) if isinstance(node.op, ast.And) else any(results)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return not _value(node.operand, entry)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        pattern, text = _value(node.right, entry), _value(node.left, entry)
        return re.search(str(pattern), str(text), re.IGNORECASE) is not None
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        left, right = _value(node.left, entry), _value(node.comparators[0], entry)
        if isinstance(node.ops[0], ast.Eq):
            return left == right
        if isinstance(node.ops[0], ast.NotEq):
            return left != right
    if isinstance(node, ast.Constant | ast.Name):
        return _value(node, entry)
    raise UnknownFilter(
        f"tests/cvsource.py does not interpret the :filter: part {ast.unparse(node)!r}: "
        "add it to _evaluate() there"
    )


def _options(fence: Token) -> tuple[dict[str, str], list[str]]:
    """A fence's ``:name: value`` options and the keys listed in its body."""
    options: dict[str, str] = {}
    listed: list[str] = []
    for line in fence.content.splitlines():
        option = re.match(r"^:([\w-]+):\s*(.*)$", line.strip())
        if option:
            options[option.group(1)] = option.group(2).strip()
        elif line.strip():
            listed.extend(line.split())
    return options, listed


def selects(options: dict[str, str], listed: list[str]) -> Callable[[Entry], bool]:
    """Whether a ``{bibliography}`` with these options and keys shows an entry."""
    if "all" in options:
        return lambda entry: True
    expression = options.get("filter", "False" if listed else "cited")
    tree = ast.parse(expression, mode="eval").body
    wanted = set(listed)

    def shown(entry: Entry) -> bool:
        if entry.key in wanted:
            return True
        matched = bool(_evaluate(tree, entry))
        if "selected" in options:
            # cvbib: ``:selected:`` is "(the :filter:, if any) and selected".
            matched = (matched if "filter" in options else True) and is_selected(entry)
        return matched

    return shown


# --- sections ----------------------------------------------------------------


@dataclass
class Bibliography:
    """One ``{bibliography}`` directive and the keys of the entries it selects."""

    section: str
    keys: list[str]
    #: The builders whose output shows it (an ``{only}`` block may hide it from one).
    builders: frozenset[str] = frozenset(BUILDERS)
    #: Whether the entries are shown in file order (no ``:sort:``, no ``:group: year``).
    file_order: bool = True


@dataclass
class Section:
    """One included section file: its headings, the text of its list items, its bold text."""

    path: Path
    headings: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    #: Each ``**strong**`` span's text.
    bold: list[str] = field(default_factory=list)


@dataclass
class CvSource:
    """Everything the content tests expect, read from one CV source tree."""

    root: Path
    conf: dict[str, Any]
    sections: list[Section]
    bibliographies: list[Bibliography]
    #: The entries of the .bib files by key, in file order.
    entries: dict[str, Entry]

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

    def shown(self, builder: str) -> list[Entry]:
        """The entries the *builder*'s output shows, in page order."""
        return [self.entries[key] for key in self.shown_keys(builder)]

    def title(self, key: str) -> str:
        """An entry's title as a reader sees it (tags, markup and math delimiters gone)."""
        return self.entries[key].title


def read_conf(root: Path) -> dict[str, Any]:
    """conf.py's settings, as Sphinx would see them (without Sphinx)."""
    return runpy.run_path(str(root / "conf.py"))


def _inline_text(token: Token, substitutions: dict[str, str]) -> str:
    """The visible text of an inline token: markup, role names and attributes dropped."""
    pieces: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            if child.type == "code_inline" and pieces:
                pieces[-1] = _ROLE.sub("", pieces[-1])
            pieces.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            pieces.append(" ")
    text = "".join(pieces)
    text = _ATTR_AFTER.sub("", _ATTR_SPAN.sub(r"\1", text))
    return _SUBSTITUTION.sub(lambda m: substitutions.get(m.group(1), m.group(0)), text)


def _strong_spans(token: Token, substitutions: dict[str, str]) -> list[str]:
    """The text of each ``**strong**`` span of an inline token."""
    spans: list[list[Token]] = []
    depth = 0
    for child in token.children or []:
        if child.type == "strong_open":
            depth += 1
            if depth == 1:
                spans.append([])
        elif child.type == "strong_close":
            depth -= 1
        elif depth:
            spans[-1].append(child)
    return [_inline_text(Token("inline", "", 0, children=span), substitutions) for span in spans]


def read_section(path: Path, substitutions: dict[str, str]) -> tuple[Section, list[Token]]:
    tokens = MarkdownIt("commonmark").parse(path.read_text("utf-8"))
    section = Section(path)
    for token in tokens:
        if token.type == "inline":
            section.bold += _strong_spans(token, substitutions)
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


def read_cv(root: Path) -> CvSource:
    """The expectations of the CV whose sources are in *root*."""
    conf = read_conf(root)
    substitutions = {k: str(v) for k, v in conf.get("myst_substitutions", {}).items()}
    bibfiles = [root / name for name in conf.get("bibtex_bibfiles", ["refs.bib"])]
    entries = read_entries(bibfiles, conf)
    index, _ = read_section(root / "index.md", substitutions)
    sections = [index]
    bibliographies = []
    for include in _INCLUDE.findall((root / "index.md").read_text("utf-8")):
        section, tokens = read_section(root / include, substitutions)
        sections.append(section)
        blocks = _only_blocks((root / include).read_text("utf-8"))
        for token in tokens:
            if token.type == "fence" and token.info.strip() == "{bibliography}":
                options, listed = _options(token)
                shown = selects(options, listed)
                keys = [key for key, entry in entries.items() if shown(entry)]
                line = token.map[0] if token.map else 0
                # cvbib sorts a list grouped by year newest first, by type by kind.
                group = options.get("group", "none")
                file_order = group == "none" and options.get("sort", "file") == "file"
                builders = _builders(line, blocks, conf)
                bibliographies.append(Bibliography(include, keys, builders, file_order))
    return CvSource(root, conf, sections, bibliographies, entries)
