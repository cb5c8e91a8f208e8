"""Macros a bibliography defines in its ``@preamble``, read into a :class:`MacroTable`.

Beebe's bibliographies and many hand-kept files define the macros their
fields use (``\\def\\booktitle#1{{{\\em #1}}}``, ``\\newcommand{\\Dash}{..}``),
often behind ``\\ifx\\undefined\\X .. \\fi`` guards. :func:`read_preamble`
collects the definitions; :mod:`cvbib.latex.decoder` expands them while decoding,
under :func:`cvbib.latex.decode.macros_in_effect`. The table is immutable and
picklable, and its :attr:`MacroTable.digest` joins the formatting cache key.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from .tables import ACCENTS, DECLARATIONS, DROPPED, FORMATTING, HANDLED, SYMBOLS, known_symbol

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


#: ``\newcommand{\name}[n]`` up to the optional default, which :func:`_newcommands`
#: reads itself: ``\[([^\]]*)\]`` in the expression would run to the end of
#: the text from each of ten thousand ``\newcommand\x[1][`` that lack a ``]``.
_NEWCOMMAND_RE = re.compile(
    r"\\(?:renewcommand|newcommand|providecommand|DeclareRobustCommand)\s*\*?\s*"
    r"(?:\{\s*\\(?P<braced>[A-Za-z@]+)\s*\}|\\(?P<bare>[A-Za-z@]+))"
    r"\s*(?:\[\s*(?P<nargs>\d)\s*\])?\s*"
)
_SPACES_RE = re.compile(r"\s*")
_BRACE_OR_ESCAPE_RE = re.compile(r"\\.|[{}]", re.DOTALL)


def brace_depths(text: str, start: int = 0, depth: int = 0) -> Iterator[tuple[int, int]]:
    """(index, depth after it) of each brace of *text* from *start* that is not escaped.

    A backslash escapes the character after it (``\\{`` is no group). The one
    scanner for brace groups of the decoder: :func:`closing_braces` here and
    :func:`cvbib.latex.mathtext.balanced`.
    """
    for match in _BRACE_OR_ESCAPE_RE.finditer(text, start):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        else:
            continue
        yield match.start(), depth


def closing_braces(text: str) -> dict[int, int]:
    """The index of the ``}`` that closes each ``{`` of *text* that is closed.

    One pass for all the groups: looking for each definition's closing brace
    on its own ran to the end of the text for every body that never closes
    (``\\def\\zq{\\}`` ten thousand times: minutes).
    """
    closing: dict[int, int] = {}
    open_at: list[int] = []
    for index, _depth in brace_depths(text):
        if text[index] == "{":
            open_at.append(index)
        elif open_at:  # a "}" that closes nothing is no group's end
            closing[open_at.pop()] = index
    return closing


class _Preamble:
    """The text of the ``@preamble`` strings, with its brace groups found once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.closing = closing_braces(text)

    def braced(self, start: int) -> str | None:
        """The text inside the brace group that opens at ``text[start - 1]``."""
        end = self.closing.get(start - 1)
        return None if end is None else self.text[start:end]


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
    ``\\hyphenation``) is ignored. Takes time linear in the length of *text*.
    """
    preamble = _Preamble(text)
    found: list[tuple[int, Macro]] = []
    for match in _DEF_RE.finditer(text):
        body = preamble.braced(match.end())
        if body is None:
            continue
        nargs = len(re.findall(r"#\d", match.group(2)))
        found.append((match.start(), Macro(match.group(1), nargs, None, body)))
    found.extend(_newcommands(preamble))
    # in file order, so that a later definition wins
    found.sort(key=lambda item: item[0])
    kept = [m for _pos, m in found if not _is_standard(m.name)]
    return MacroTable(tuple(kept))


def _newcommands(preamble: _Preamble) -> Iterator[tuple[int, Macro]]:
    """(position, macro) of each ``\\newcommand`` and its kin, in file order."""
    text = preamble.text
    # The first "]" at or after close_from is at close_at (-1: there is none),
    # so that a search is not repeated for every default that lacks its "]".
    close_from, close_at = len(text) + 1, -1
    pos = 0
    while (match := _NEWCOMMAND_RE.search(text, pos)) is not None:
        pos = match.start() + 1  # where to look again if this is no definition
        after = match.end()
        default = None
        if text.startswith("[", after):
            start = after + 1
            if not (close_from <= start and (close_at < 0 or start <= close_at)):
                close_from, close_at = start, text.find("]", start)
            if close_at < 0:
                continue
            default = text[start:close_at]
            spaces = _SPACES_RE.match(text, close_at + 1)
            assert spaces is not None  # "\s*" always matches
            after = spaces.end()
        if not text.startswith("{", after):
            continue
        body = preamble.braced(after + 1)
        if body is None:
            continue
        pos = after + 1
        name = match.group("braced") or match.group("bare")
        nargs = int(match.group("nargs") or 0)
        yield match.start(), Macro(name, nargs, default if nargs else None, body)


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
