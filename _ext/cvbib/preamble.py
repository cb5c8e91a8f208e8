"""Macros a bibliography defines in its ``@preamble``, read into a :class:`MacroTable`.

Beebe's bibliographies and many hand-kept files define the macros their
fields use (``\\def\\booktitle#1{{{\\em #1}}}``, ``\\newcommand{\\Dash}{..}``),
often behind ``\\ifx\\undefined\\X .. \\fi`` guards. :func:`read_preamble`
collects the definitions; :mod:`cvbib.latex` expands them while decoding,
under :func:`cvbib.latex.macros_in_effect`. The table is immutable and
picklable, and its :attr:`MacroTable.digest` joins the formatting cache key.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from .latextables import ACCENTS, DECLARATIONS, DROPPED, FORMATTING, HANDLED, SYMBOLS, known_symbol

__all__ = ["Macro", "MacroTable", "read_preamble"]


@dataclass(frozen=True)
class Macro:
    """One definition from a ``@preamble``: ``\\name`` with ``nargs`` arguments."""

    name: str
    nargs: int
    default: str | None  # the optional first argument's default, if any
    body: str


@dataclass(frozen=True)
class MacroTable:
    """The macros a bibliography defines, in definition order (the last one wins)."""

    macros: tuple[Macro, ...] = ()

    @cached_property
    def digest(self) -> str:
        """A stable digest of the definitions, for cache keys."""
        text = "\x1e".join(f"{m.name}\x1f{m.nargs}\x1f{m.default}\x1f{m.body}" for m in self.macros)
        return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()

    @cached_property
    def names(self) -> frozenset[str]:
        """The names of the macros defined."""
        return frozenset(macro.name for macro in self.macros)

    def by_name(self) -> dict[str, Macro]:
        return {macro.name: macro for macro in self.macros}

    def __bool__(self) -> bool:
        return bool(self.macros)


_DEF_RE = re.compile(r"\\[egx]?def\s*\\([A-Za-z@]+)\s*((?:#\d\s*)*)\{")


_NEWCOMMAND_RE = re.compile(
    r"\\(?:renewcommand|newcommand|providecommand|DeclareRobustCommand)\s*\*?\s*"
    r"(?:\{\s*\\(?P<braced>[A-Za-z@]+)\s*\}|\\(?P<bare>[A-Za-z@]+))"
    r"\s*(?:\[\s*(?P<nargs>\d)\s*\])?\s*(?:\[(?P<default>[^\]]*)\])?\s*\{"
)


def brace_depths(text: str, start: int = 0, depth: int = 0) -> Iterator[tuple[int, int]]:
    """(index, depth after it) of each brace of *text* from *start* that is not escaped.

    A backslash escapes the character after it (``\\{`` is no group). The one
    scanner for brace groups of the decoder: :func:`_braced` here and
    :func:`cvbib.latexmath.balanced`.
    """
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
            yield index, depth
        elif char == "}":
            depth -= 1
            yield index, depth
        index += 1


def _braced(text: str, start: int) -> tuple[str, int] | None:
    """The text inside the brace group that opens at ``text[start - 1]``, and its end."""
    for index, depth in brace_depths(text, start, 1):
        if depth == 0:
            return text[start:index], index + 1
    return None


def read_preamble(text: str) -> MacroTable:
    """The macro definitions in *text* (the ``@preamble`` strings of a bib file).

    Understands ``\\def\\X#1#2{..}``, ``\\newcommand``, ``\\renewcommand``,
    ``\\providecommand`` (with ``[n]`` arguments and an optional default) and
    Beebe's guards ``\\ifx\\undefined\\X \\def\\X..\\fi``. A definition of a
    macro that this module already knows is ignored when it is guarded or
    made with ``\\providecommand`` (the file only supplies it for TeX
    installations that lack it), and also otherwise: redefinitions of
    standard macros in preambles are typesetting details (kerning), not a
    different meaning. Anything else in *text* (``\\input``,
    ``\\hyphenation``) is ignored.
    """
    macros: list[Macro] = []
    for match in _DEF_RE.finditer(text):
        body = _braced(text, match.end())
        if body is None:
            continue
        nargs = len(re.findall(r"#\d", match.group(2)))
        macros.append(Macro(match.group(1), nargs, None, body[0]))
    for match in _NEWCOMMAND_RE.finditer(text):
        body = _braced(text, match.end())
        if body is None:
            continue
        name = match.group("braced") or match.group("bare")
        nargs = int(match.group("nargs") or 0)
        default = match.group("default") if nargs else None
        macros.append(Macro(name, nargs, default, body[0]))
    # in file order, so that a later definition wins
    positions = {id(m): text.find("\\" + m.name) for m in macros}
    macros.sort(key=lambda m: positions[id(m)])
    kept = [m for m in macros if not _is_standard(m.name)]
    return MacroTable(tuple(kept))


def _is_standard(name: str) -> bool:
    """Whether this module decodes ``\\name`` on its own."""
    return (
        name in SYMBOLS
        or name in FORMATTING
        or name in DECLARATIONS
        or name in ACCENTS
        or name in DROPPED
        or name in HANDLED
        or known_symbol(name) is not None
    )
