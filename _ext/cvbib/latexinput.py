"""What a field's text goes through before it is parsed as LaTeX.

Crossref and PubMed exports write HTML (``<i>``, ``<sub>``, ``&amp;``): known
tags become their LaTeX commands, others are dropped, entities decoded.
``\\url``, ``\\path``, ``\\verb``, ``\\doi`` and ``\\href``'s URL take
verbatim arguments, so they are set aside before parsing. Macros the file
defines in its ``@preamble`` are expanded. :mod:`cvbib.latex` then parses
and walks the result.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import Any

from pylatexenc import latexwalker

from .latexmath import children
from .latextables import HTML_TAGS
from .preamble import Macro, MacroTable

__all__ = ["expand", "html_to_latex", "protect_verbatim"]

_HTML_TAG_RE = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*)?(/?)>")
_HTML_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_TEX_SPECIAL_ESCAPES = {c: "\\" + c for c in "%$#&_{}"} | {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_VERBATIM_RE = re.compile(
    r"\\(url|path|verb|doi|nolinkurl)\s*(?:\{([^{}]*)\}|([^\sA-Za-z{])(.*?)\3)", re.DOTALL
)
_VERBATIM_COMMANDS = {"doi": "cvbibdoi", "path": "cvbibtt", "verb": "cvbibtt"}
_HREF_RE = re.compile(r"\\href\s*\{([^{}]*)\}")

#: Expansion of preamble macros stops after this many rounds (a recursive
#: definition must not hang the build) or once the text grows past this factor.
MAX_EXPANSION_ROUNDS = 12
MAX_EXPANSION_GROWTH = 20


def html_to_latex(text: str) -> str:
    """Crossref/PubMed HTML tags as LaTeX commands, other tags dropped, entities decoded.

    A known tag becomes its LaTeX command only where its opening and closing
    tags pair up; an unpaired one is dropped, as is every other tag (its text
    is kept). Nothing of the markup is shown or executed.
    """
    if "<" in text:
        matches = list(_HTML_TAG_RE.finditer(text))
        paired: dict[int, str] = {}
        stack: list[tuple[str, int]] = []
        for index, match in enumerate(matches):
            name = match.group(2).lower()
            if name not in HTML_TAGS or match.group(3):
                continue
            if not match.group(1):
                stack.append((name, index))
            elif stack and stack[-1][0] == name:
                _name, opened = stack.pop()
                paired[opened] = "\\" + HTML_TAGS[name] + "{"
                paired[index] = "}"
        pieces: list[str] = []
        last = 0
        for index, match in enumerate(matches):
            pieces.append(text[last : match.start()])
            pieces.append(paired.get(index, ""))
            last = match.end()
        pieces.append(text[last:])
        text = "".join(pieces)
    if "&" in text:
        text = _HTML_ENTITY_RE.sub(_entity, text)
    return text


def _entity(match: re.Match[str]) -> str:
    char = html.unescape(match.group(0))
    if char == match.group(0):
        return char
    return "".join(_TEX_SPECIAL_ESCAPES.get(c, c) for c in char)


def protect_verbatim(text: str, verbatim: list[str]) -> str:
    """Replace ``\\url{..}``, ``\\path|..|``, ``\\verb``, ``\\doi`` and ``\\href``'s URL.

    Their arguments are verbatim in LaTeX (``%``, ``~``, ``#`` are characters),
    so they are taken out before parsing and referred to by number.
    """

    def verb(match: re.Match[str]) -> str:
        verbatim.append(match.group(2) if match.group(2) is not None else match.group(4))
        command = _VERBATIM_COMMANDS.get(match.group(1), "cvbibverb")
        return f"\\{command}{{{len(verbatim) - 1}}}"

    def href(match: re.Match[str]) -> str:
        verbatim.append(match.group(1))
        return f"\\cvbibhref{{{len(verbatim) - 1}}}"

    if "\\href" in text:
        text = _HREF_RE.sub(href, text)
    return _VERBATIM_RE.sub(verb, text)


def expand(latex: str, table: MacroTable, parse: Callable[[str, MacroTable], list[Any]]) -> str:
    """*latex* with the table's macros expanded, outermost first, round by round.

    *parse* is the decoder's parser (it knows the macros' argument specs).
    """
    if not table or "\\" not in latex:
        return latex
    by_name = table.by_name()
    limit = len(latex) * MAX_EXPANSION_GROWTH + 1000
    for _round in range(MAX_EXPANSION_ROUNDS):
        if not any("\\" + name in latex for name in by_name):
            break
        replacements: list[tuple[int, int, str]] = []
        _find_macros(parse(latex, table), by_name, latex, replacements)
        if not replacements:
            break
        for start, end, text in sorted(replacements, reverse=True):
            latex = latex[:start] + text + latex[end:]
        if len(latex) > limit:
            break
    return latex


def _find_macros(
    nodes: Sequence[Any], by_name: dict[str, Macro], source: str, out: list[tuple[int, int, str]]
) -> None:
    for node in nodes:
        if node is None:
            continue
        if isinstance(node, latexwalker.LatexMacroNode) and node.macroname in by_name:
            macro = by_name[node.macroname]
            args = list(getattr(node.nodeargd, "argnlist", None) or [])
            values: list[str] = []
            for index in range(macro.nargs):
                arg = args[index] if index < len(args) else None
                if arg is None:
                    values.append(macro.default if index == 0 and macro.default else "")
                elif isinstance(arg, latexwalker.LatexGroupNode):
                    values.append(source[arg.pos + 1 : arg.pos + arg.len - 1])
                else:
                    values.append(source[arg.pos : arg.pos + arg.len])
            body = _substitute(macro.body, values)
            # a body ending in a control word must not run into a following letter
            end = node.pos + node.len
            if re.search(r"\\[A-Za-z]+$", body) and source[end : end + 1].isalpha():
                body += " "
            out.append((node.pos, end, body))
            continue
        for child in children(node):
            _find_macros(child, by_name, source, out)


def _substitute(body: str, values: list[str]) -> str:
    """*body* with ``#1``... replaced by *values* and ``##`` by ``#``."""

    def one(match: re.Match[str]) -> str:
        if match.group(0) == "##":
            return "#"
        number = int(match.group(1))
        return values[number - 1] if 0 < number <= len(values) else ""

    return re.sub(r"##|#(\d)", one, body)
