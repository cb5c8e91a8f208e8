"""Positions in a ``.bib`` file's text: line numbers, where commands start, where values end.

:mod:`cvbib.bib.parse` needs both for its messages and its recovery after a
broken command. Here they cost memory bounded by the length of the text over
a constant, and time linear in it, whatever the text holds: a line index
that kept the start of every line took 40 bytes per line break (a field of
50 million line breaks: two gigabytes), and the expression that finds the
next command start backtracked over every ``@`` of a run of them (``@`` is a
character of BibTeX names), which made 60 KB of ``@`` take minutes.
"""

from __future__ import annotations

import re
from string import digits
from typing import Final

from ..upstream.pybtex import NAME_CHARS

__all__ = ["NAME_RE", "LineIndex", "PercentComments", "next_command_start", "string_end"]

#: A BibTeX name (entry type, field, macro) as pybtex's tokenizer reads one.
NAME_RE: Final = rf"[{re.escape(NAME_CHARS)}][{re.escape(NAME_CHARS + digits)}]*"
#: Where reading may resume after a broken command: an ``@`` followed by a
#: name and an opening brace or parenthesis, i.e. what pybtex would read as the
#: start of a command (it skips whitespace between these tokens too). The
#: quantifiers are possessive: a shorter name is followed by a name character,
#: never by what must follow the name, so backtracking could find nothing.
_COMMAND_START: Final = re.compile(rf"(?<!\\)@\s*+({NAME_RE}+)\s*+[{{(]")
#: The ``@`` and the name that :data:`_COMMAND_START` would read from an ``@``.
_AT_NAME: Final = re.compile(rf"@\s*+(?:{NAME_RE}+)?")


def next_command_start(text: str, pos: int) -> re.Match[str] | None:
    """The first command start in *text* at or after *pos* (``re.search``'s answer).

    An ``@`` whose name is not followed by ``{`` or ``(`` is no command start,
    and neither is any ``@`` inside that name but its last character (its
    name is the rest of the same name), so the search goes on from there
    rather than from the next character.
    """
    while (at := text.find("@", pos)) >= 0:
        match = _COMMAND_START.match(text, at)
        if match is not None:
            return match
        if at > 0 and text[at - 1] == "\\":
            pos = at + 1  # an escaped "@": an "@" in its name may start a command
            continue
        head = _AT_NAME.match(text, at)
        assert head is not None  # "@" always matches
        last = head.end() - 1
        # a name that ends in "@": that "@" may be followed by spaces and a name
        pos = last if last > at and text[last] == "@" else max(head.end(), at + 1)
    return None


class LineIndex:
    """Maps text offsets to 1-based line numbers, line breaks counted as pybtex counts them.

    ``\\r\\n``, ``\\r`` and ``\\n`` are one line break each. The number of line
    breaks before every :data:`_STEP` characters is kept; a lookup counts the
    ones after the nearest of them (``str.count``, at C speed).
    """

    _STEP: Final = 4096

    def __init__(self, text: str) -> None:
        self._text = text
        self._before: list[int] = [0]  # line breaks ending at or before k * _STEP
        for start in range(0, len(text), self._STEP):
            end = min(start + self._STEP, len(text))
            self._before.append(self._before[-1] + self._breaks(start, end))

    def _breaks(self, start: int, end: int) -> int:
        """The line breaks that end in ``(start, end]``, *start* itself a checkpoint."""
        text = self._text
        count = text.count("\n", start, end) + text.count("\r", start, end)
        count -= text.count("\r\n", start, end)  # counted twice above
        if end > start and text.startswith("\r\n", end - 1):
            count -= 1  # its "\r" is before *end*, its end is after it
        return count

    def line(self, pos: int) -> int:
        pos = max(0, min(pos, len(self._text)))
        checkpoint = pos // self._STEP
        return 1 + self._before[checkpoint] + self._breaks(checkpoint * self._STEP, pos)


class PercentComments:
    """Whether a ``%`` precedes an offset on its line, for offsets met in increasing order.

    The parser asks for every stray ``@`` (always at an ``@``, never inside a
    line break); scanning back to the start of the line each time would read
    a long line once per ``@`` on it, so only the text since the last offset
    asked about is read.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0  # the last offset asked about
        self._found = False  # whether a "%" is between its line's start and it

    def before(self, pos: int) -> bool:
        text = self._text
        if pos < self._pos:  # not in increasing order: read from the start again
            self._pos, self._found = 0, False
        line_break = max(text.rfind("\n", self._pos, pos), text.rfind("\r", self._pos, pos))
        if line_break >= 0:
            self._found = False
        if not self._found:
            self._found = text.find("%", max(line_break + 1, self._pos), pos) >= 0
        self._pos = pos
        return self._found


#: What opens, closes or ends a value.
_BRACE_OR_QUOTE_RE: Final = re.compile(r'[{}"]')
#: The most nested braces pybtex reads in a value.
_MAX_BRACE_LEVEL: Final = 100


def string_end(text: str, pos: int, opener: str) -> int | None:
    """The offset of the ``}`` or ``"`` that closes a value opened just before *pos*.

    As pybtex reads it: braces nest, a quote ends a quoted value only outside
    inner braces, and a backslash escapes nothing (at this level BibTeX counts
    every brace, so the decoder's :func:`cvbib.latex.preamble.brace_depths`, which
    honours ``\\{``, is not the scanner here). None when the value is not
    closed (or nests too deep), for pybtex's tokenizer to report.
    """
    depth = 0
    for match in _BRACE_OR_QUOTE_RE.finditer(text, pos):
        char = match.group()
        if char == "{":
            depth += 1
            if depth > _MAX_BRACE_LEVEL:
                return None
        elif char == "}":
            if depth == 0:
                return match.start() if opener == "{" else None
            depth -= 1
        elif depth == 0 and opener == '"':
            return match.start()
    return None
