"""Math and chemistry in fields: the Unicode approximation, unknown commands, mhchem.

:mod:`cvbib.latex.decoder` turns ``$...$`` into :class:`cvbib.text.richtext.Math`; this
module gives that math its Unicode approximation (``Ca²⁺``, ``10⁻³``,
``O(n²)``: symbols from the tables, Unicode super- and subscripts where every
character has one), lists the commands no table knows, and renders mhchem's
``\\ce{..}`` as rich text. What TeX and MathML may receive is
:mod:`cvbib.latex.mathsafe`'s allowlist.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pybtex.richtext import BaseText, String, Tag, Text
from pylatexenc import latexwalker

from .tables import (
    MATH_COMMANDS,
    MATH_FONTS,
    MATH_SKIP,
    MATH_TEXT,
    SUBSCRIPTS,
    SUPERSCRIPTS,
    SYMBOLS,
    VERBATIM_COMMANDS,
    known_symbol,
)
from .tree import children


def math_source(nodes: Sequence[Any], verbatim: str | None, delimiters: Any) -> str:
    if verbatim is not None and delimiters:
        opening, closing = delimiters
        if verbatim.startswith(opening) and verbatim.endswith(closing):
            return verbatim[len(opening) : len(verbatim) - len(closing)]
    return "".join(node.latex_verbatim() for node in nodes if node is not None)


def math_unknown(nodes: Sequence[Any]) -> set[str]:
    """The commands in math that no table knows (``\\url`` and ``\\href``, set aside
    before parsing, are known: math refuses them as links, not as unknown names)."""
    unknown: set[str] = set()
    for node in nodes:
        if node is None:
            continue
        if isinstance(node, latexwalker.LatexMacroNode):
            name = node.macroname
            if (
                name not in MATH_COMMANDS
                and name not in SYMBOLS
                and name not in VERBATIM_COMMANDS
                and known_symbol(name) is None
            ):
                unknown.add(name)
        for child in children(node):
            unknown |= math_unknown(child)
    return unknown


#: Math accents and the combining character each puts over (or under) its
#: argument's letters in the Unicode approximation: ``\bar{b}`` reads "b̄"
#: (an antiquark), not "b".
MATH_ACCENTS: dict[str, str] = {
    "bar": "\u0304",
    "overline": "\u0305",
    "hat": "\u0302",
    "widehat": "\u0302",
    "tilde": "\u0303",
    "widetilde": "\u0303",
    "vec": "\u20d7",
    "dot": "\u0307",
    "ddot": "\u0308",
    "check": "\u030c",
    "breve": "\u0306",
    "acute": "\u0301",
    "grave": "\u0300",
    "underline": "\u0332",
}
#: Relations and arrows, which TeX sets with space on both sides ("H → bb̄",
#: "√s = 13"): the Unicode approximation spaces them the same way.
MATH_RELATIONS = frozenset("→←↔⇒⇐⇔↦⟶⟵⟷⟹⟸⟺↑↓=<>≤≥≠≈∼≃≅≡≪≫∝∈∉∋⊂⊃⊆⊇≺≻⪯⪰∣∥⊥")
_SPACES_RE = re.compile(r" {2,}")


def math_plain(nodes: Sequence[Any]) -> str:
    """The Unicode approximation of math: symbols, Unicode super- and subscripts.

    Spaced as TeX sets it: the spaces written in the source are not what TeX
    shows (``H \\to b\\bar{b}`` is "H → bb̄", whatever the spacing of the
    source), relations and arrows get a space on each side and nothing else
    does, so a plain-text title never reads "H →bb".
    """
    return _SPACES_RE.sub(" ", _math_plain(nodes)).strip()


#: Commands whose argument is text, where spaces are kept ("\\text{if and only if}").
_TEXT_MODE = frozenset({"text", "textrm", "textit", "textbf", "mbox", "hbox"})


def _math_plain(nodes: Sequence[Any], text_mode: bool = False) -> str:
    tokens: list[str | tuple[str]] = []  # text, or a ("^",) / ("_",) marker
    for node in nodes:
        if node is None:
            continue
        if isinstance(node, latexwalker.LatexCharsNode):
            chars = node.chars if text_mode else _spaced_relations("".join(node.chars.split()))
            for piece in re.split(r"([\^_])", chars):
                if piece in {"^", "_"}:
                    tokens.append((piece,))
                elif piece:
                    tokens.append(piece)
        else:
            tokens.append(_math_node_plain(node, text_mode))
    out: list[str] = []
    pending: str | None = None
    for token in tokens:
        if isinstance(token, tuple):
            pending = token[0]
            continue
        if pending is None:
            out.append(token.replace("\x00", ""))
            continue
        script, rest = token, ""
        if not _is_group_text(token):
            stripped = token.lstrip()
            script, rest = stripped[:1], stripped[1:]
        out.append(_script(pending, script) + rest)
        pending = None
    return "".join(out)


def _is_group_text(token: str) -> bool:
    return token.startswith("\x00")


def _math_node_plain(node: Any, text_mode: bool = False) -> str:
    """One non-character math node as text; groups are marked so a script takes them whole."""
    if isinstance(node, latexwalker.LatexGroupNode):
        return "\x00" + _math_plain(node.nodelist, text_mode)
    if isinstance(node, latexwalker.LatexSpecialsNode):
        return " " if node.specials_chars == "~" else node.specials_chars
    if isinstance(node, latexwalker.LatexMacroNode):
        name = node.macroname
        args = [a for a in (getattr(node.nodeargd, "argnlist", None) or []) if a is not None]
        inner = text_mode or name in _TEXT_MODE
        arg_texts = [_math_plain([a], inner).replace("\x00", "") for a in args]
        if name in {"frac", "dfrac", "tfrac", "binom"} and len(arg_texts) >= 2:
            return "\x00" + f"{_wrap(arg_texts[0])}/{_wrap(arg_texts[1])}"
        if name == "sqrt":
            return "\x00√" + _wrap(arg_texts[-1] if arg_texts else "")
        if name in MATH_FONTS:
            return "\x00" + MATH_FONTS[name]("".join(arg_texts))
        if name in MATH_ACCENTS:
            mark = MATH_ACCENTS[name]
            return "\x00" + "".join(c + mark if c.isalnum() else c for c in "".join(arg_texts))
        if name in MATH_TEXT:
            return "\x00" + "".join(arg_texts)
        if name in MATH_SKIP:
            return ""
        symbol = SYMBOLS.get(name)
        if symbol is None:
            symbol = known_symbol(name)
        if symbol is not None:
            return _spaced_relations(symbol) + "".join(arg_texts)
        if name in MATH_COMMANDS:
            return name + "".join(arg_texts)
        return (name if name.isalpha() else "") + "".join(arg_texts)
    if isinstance(node, latexwalker.LatexMathNode):
        return _math_plain(node.nodelist)
    nodelist = getattr(node, "nodelist", None)
    return _math_plain(nodelist) if nodelist else ""


def _spaced_relations(text: str) -> str:
    """*text* with a space on each side of every relation or arrow in it."""
    if not any(char in MATH_RELATIONS for char in text):
        return text
    return "".join(f" {char} " if char in MATH_RELATIONS else char for char in text)


def _wrap(text: str) -> str:
    return text if len(text) <= 1 or text.isalnum() else f"({text})"


def _script(kind: str, text: str) -> str:
    text = text.replace("\x00", "")
    table = SUPERSCRIPTS if kind == "^" else SUBSCRIPTS
    mapped = text.translate(table)
    if text and all(ch != mapped_ch for ch, mapped_ch in zip(text, mapped, strict=True)):
        return mapped
    if len(text) == 1:
        return kind + text
    return f"{kind}({text})"


# ---------------------------------------------------------------------------
# mhchem

_CE_TOKEN_RE = re.compile(
    r"(?P<arrow><=>|<->|->|<-)"
    r"|\^\{(?P<supb>[^{}]*)\}|\^(?P<sup>[0-9]*[+\-]|[0-9]+)"
    r"|_\{(?P<subb>[^{}]*)\}|_(?P<sub>[0-9]+)"
    r"|(?P<lead>(?:(?<=^)|(?<=\s))[0-9]+(?:/[0-9]+)?)"
    r"|(?P<count>(?<=[A-Za-z)\]])[0-9]+)"
    r"|(?P<charge>(?<=[A-Za-z0-9)\]])[+\-](?=\s|$|\)))"
    r"|(?P<text>.)",
    re.DOTALL,
)
_ARROWS = {"->": " → ", "<-": " ← ", "<=>": " ⇌ ", "<->": " ↔ "}


def chemistry(formula: str) -> BaseText:
    """mhchem's ``\\ce{..}``: element counts as subscripts, charges as superscripts.

    ``H2O2`` -> H₂O₂, ``Ca^2+`` and ``Ca^{2+}`` -> Ca²⁺, ``SO4^2-`` -> SO₄²⁻, a
    leading number (``2H2O``) stays a coefficient, arrows become arrows.
    """
    parts: list[BaseText] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            parts.append(String("".join(text)))
            text.clear()

    for match in _CE_TOKEN_RE.finditer(formula):
        kind = match.lastgroup
        value = match.group(kind or "text")
        if kind == "arrow":
            text.append(_ARROWS[value])
        elif kind in {"supb", "sup", "charge"}:
            flush()
            parts.append(Tag("sup", String(value.replace("-", "−"))))
        elif kind in {"subb", "sub", "count"}:
            flush()
            parts.append(Tag("sub", String(value)))
        else:
            text.append(value)
    flush()
    return Text(*parts)
