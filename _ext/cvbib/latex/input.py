"""What a field's text goes through before it is parsed as LaTeX.

Crossref and PubMed exports write HTML (``<i>``, ``<sub>``, ``&amp;``): known
tags become their LaTeX commands, others are dropped, entities decoded.
``\\url``, ``\\path``, ``\\verb``, ``\\doi`` and ``\\href``'s URL take
verbatim arguments, so they are set aside before parsing. Macros the file
defines in its ``@preamble`` are expanded, within a budget
(:data:`~cvbib.limits.MAX_EXPANSION_ADDED`) checked at each use. :mod:`cvbib.latex.decoder`
then parses and walks the result. Each step takes time linear in the length
of the field (the expansion: a few parses of it).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pylatexenc import latexwalker

from ..limits import MAX_EXPANSION_ADDED, MAX_EXPANSION_PARSES, MAX_EXPANSION_ROUNDS
from .preamble import Macro, MacroTable
from .tables import HTML_TAGS
from .tree import children

__all__ = ["ExpansionCut", "expand", "html_to_latex", "protect_verbatim"]

_HTML_TAG_RE = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*)?(/?)>")
_HTML_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_TEX_SPECIAL_ESCAPES = {c: "\\" + c for c in "%$#&_{}"} | {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
#: A verbatim command; its argument is ``{...}`` (no inner braces) or text between
#: two of one delimiter (``\\url|..|``), found by :func:`_verbatim_spans`.
_VERBATIM_START_RE = re.compile(r"\\(url|path|verb|doi|nolinkurl)\s*")
_BRACED_ARGUMENT_RE = re.compile(r"\{([^{}]*)\}")
_NOT_DELIMITERS = frozenset("{ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_VERBATIM_COMMANDS = {"doi": "cvbibdoi", "path": "cvbibtt", "verb": "cvbibtt"}
_HREF_RE = re.compile(r"\\href\s*\{([^{}]*)\}")
#: What pylatexenc reads as a macro's name after a backslash.
_CONTROL_SEQUENCE_RE = re.compile(r"\\([A-Za-z]+|.)", re.DOTALL)


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

    def href(match: re.Match[str]) -> str:
        verbatim.append(match.group(1))
        return f"\\cvbibhref{{{len(verbatim) - 1}}}"

    if "\\href" in text:
        text = _HREF_RE.sub(href, text)
    pieces: list[str] = []
    last = 0
    for start, end, command, argument in _verbatim_spans(text):
        verbatim.append(argument)
        name = _VERBATIM_COMMANDS.get(command, "cvbibverb")
        pieces += [text[last:start], f"\\{name}{{{len(verbatim) - 1}}}"]
        last = end
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _verbatim_spans(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, command, argument) of each verbatim command, left to right.

    What ``re.sub`` finds with ``\\(url|..)\\s*(?:\\{([^{}]*)\\}|([^\\sA-Za-z{])(.*?)\\3)``,
    without its cost: the backreference ran to the end of the text from
    every ``\\url`` whose delimiter never comes again (ten thousand of them,
    each with another character: minutes). Here the last place of each
    character is looked up instead.
    """
    last_at: dict[str, int] | None = None
    pos = 0
    while (match := _VERBATIM_START_RE.search(text, pos)) is not None:
        pos = match.start() + 1  # where to look again if this has no argument
        after = match.end()
        opener = text[after : after + 1]
        if opener == "{":
            argument = _BRACED_ARGUMENT_RE.match(text, after)
            if argument is not None:
                yield match.start(), argument.end(), match.group(1), argument.group(1)
                pos = argument.end()
            continue
        if not opener or opener.isspace() or opener in _NOT_DELIMITERS:
            continue
        if last_at is None:
            last_at = {char: index for index, char in enumerate(text)}
        if last_at[opener] <= after:
            continue  # the delimiter does not come again
        close = text.index(opener, after + 1)
        yield match.start(), close + 1, match.group(1), text[after + 1 : close]
        pos = close + 1


@dataclass(frozen=True)
class ExpansionCut:
    """Why the expansion of a field's ``@preamble`` macros stopped before its end.

    ``macro`` is the macro whose use would have gone over the budget (empty
    when the rounds' parsing budget ran out first), ``uses`` the uses of
    macros left unexpanded, ``text`` the field as written.
    """

    macro: str
    uses: int
    text: str

    def message(self) -> str:
        """Say where the value's macros went over their budget, and what to do."""
        shown = " ".join(self.text.split())
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        if self.macro:
            why = (
                f"expanding its @preamble macros would add more than {MAX_EXPANSION_ADDED:,} "
                f"characters to it (at \\{self.macro})"
            )
        else:
            why = "its @preamble macros expand to one another too many times over"
        uses = "use" if self.uses == 1 else "uses"
        return (
            f"in the value '{shown}', {why}; the expansion stopped there and the "
            f"{self.uses:,} macro {uses} left are not shown: check the macro's definition in "
            "the @preamble (a body used many times, or one that expands to itself), or write "
            "the text in the field itself"
        )


def expand(
    latex: str, table: MacroTable, parse: Callable[[str, MacroTable], list[Any]]
) -> tuple[str, ExpansionCut | None]:
    """*latex* with the table's macros expanded, outermost first, round by round.

    *parse* is the decoder's parser (it knows the macros' argument specs).
    The expansion may add :data:`~cvbib.limits.MAX_EXPANSION_ADDED` characters
    to the field, checked before each use is expanded, and its rounds may
    parse :data:`~cvbib.limits.MAX_EXPANSION_PARSES` times the field's length
    (plus that allowance). When a budget runs out, the uses expanded so far
    are kept, the others are left as they are (the decoder does not show a
    preamble macro that is still there), and the :class:`ExpansionCut` says so.
    """
    if not table or "\\" not in latex:
        return latex, None
    by_name = table.by_name()
    limit = len(latex) + MAX_EXPANSION_ADDED
    parse_left = MAX_EXPANSION_PARSES * limit
    source = latex
    for _round in range(MAX_EXPANSION_ROUNDS):
        if not _uses_any(latex, by_name):
            break
        if len(latex) > parse_left:
            return latex, ExpansionCut("", _count_uses(latex, by_name), source)
        parse_left -= len(latex)
        found: list[tuple[int, int, Macro, list[str]]] = []
        _find_macros(parse(latex, table), by_name, latex, found)
        if not found:
            break
        latex, stopped_at = _replace(latex, sorted(found, key=lambda use: use[0]), limit)
        if stopped_at is not None:
            return latex, ExpansionCut(stopped_at, _count_uses(latex, by_name), source)
    return latex, None


def _uses_any(latex: str, by_name: dict[str, Macro]) -> bool:
    """Whether *latex* has a control sequence that is one of the table's macros."""
    return any(match.group(1) in by_name for match in _CONTROL_SEQUENCE_RE.finditer(latex))


def _count_uses(latex: str, by_name: dict[str, Macro]) -> int:
    return sum(match.group(1) in by_name for match in _CONTROL_SEQUENCE_RE.finditer(latex))


def _replace(
    latex: str, uses: list[tuple[int, int, Macro, list[str]]], limit: int
) -> tuple[str, str | None]:
    """*latex* with *uses* (in order) replaced by their bodies while it stays within *limit*.

    Returns the text and, if the limit stopped it, the macro whose use did.
    A body's least length (every ``#n`` empty) is checked before the body is
    made, so a long body used many times is not copied past the limit.
    """
    pieces: list[str] = []
    length = len(latex)
    last = 0
    least: dict[str, int] = {}
    for start, end, macro, values in uses:
        shortest = least.get(macro.name)
        if shortest is None:
            shortest = least[macro.name] = len(macro.body) - 2 * macro.body.count("#")
        if length - (end - start) + shortest > limit:
            pieces.append(latex[last:])
            return "".join(pieces), macro.name
        body = _substitute(macro.body, values)
        # a body ending in a control word must not run into a following letter
        if re.search(r"\\[A-Za-z]+$", body) and latex[end : end + 1].isalpha():
            body += " "
        if length - (end - start) + len(body) > limit:
            pieces.append(latex[last:])
            return "".join(pieces), macro.name
        pieces += [latex[last:start], body]
        length += len(body) - (end - start)
        last = end
    pieces.append(latex[last:])
    return "".join(pieces), None


def _find_macros(
    nodes: Sequence[Any],
    by_name: dict[str, Macro],
    source: str,
    out: list[tuple[int, int, Macro, list[str]]],
) -> None:
    """Each use of a table's macro in *nodes*: (start, end, macro, argument texts)."""
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
            out.append((node.pos, node.pos + node.len, macro, values))
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
