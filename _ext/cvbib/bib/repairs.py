r"""Mistakes BibTeX stops at whose meaning is plain: where a value really ends, and what to say.

Two mistakes cost a whole entry in BibTeX although what the author meant is
not in doubt:

* a value written in quotes holds a ``"``: an unbraced accent (INSPIRE
  users' ``"M\"uller, Thomas"``) or a quote in the text (``"The "best"
  paper"``). BibTeX ends the value there, and the rest of the entry is a
  syntax error whose message ("add the missing comma") points elsewhere;
* a comma is missing between two fields (``title = {T} year = 2020``).

:mod:`cvbib.bib.parse` reads such an entry as meant and reports the mistake
with its real cause (``cvbib.syntax_repaired``); this module finds where the
value really ends (:func:`repaired_quote_end`) and words the messages.
"""

from __future__ import annotations

import re
from typing import Final

from .positions import NAME_RE, string_end

__all__ = ["missing_comma_message", "quote_message", "repaired_quote_end", "reread_quoted"]

#: What follows the real closing quote of a value: a comma and the next field,
#: or the entry's end.
_AFTER_VALUE_RE: Final = re.compile(rf'"\s*(?:,\s*(?:{NAME_RE}\s*=|[}})]|$)|[}})])')
_BRACE_OR_QUOTE_RE: Final = re.compile(r'[{}"]')
#: ``name =`` of a field, and the spaces after it.
_FIELD_HEAD_RE: Final = re.compile(rf"(?:{NAME_RE})\s*=\s*")
_WHITESPACE_RE: Final = re.compile(r"\s*")


def reread_quoted(text: str, field_pos: int, stopped: int) -> tuple[int, int, int] | None:
    """Where the quoted value of the field at *field_pos* starts, ends for BibTeX, and really ends.

    None unless the field is one quoted string whose end (for BibTeX) is
    right before *stopped*, where reading found neither a comma nor the
    entry's end, and :func:`repaired_quote_end` finds its real end.
    """
    head = _FIELD_HEAD_RE.match(text, field_pos)
    if head is None or not text.startswith('"', head.end()):
        return None
    start = head.end() + 1
    end = string_end(text, start, '"')
    if end is None:
        return None
    after = _WHITESPACE_RE.match(text, end + 1)
    if after is None or after.end() != stopped:
        return None  # not one quoted string (a concatenation): nothing sure
    real = repaired_quote_end(text, end)
    return None if real is None else (start, end, real)


def repaired_quote_end(text: str, first_end: int) -> int | None:
    """Where a quoted value that BibTeX ends too early really ends, or None.

    *first_end* is the quote where BibTeX ends it (an unbraced ``\\"``
    accent, or a ``"`` in the text). The real end is the first later quote at
    brace level 0 that is followed by a comma and the next field, or by the
    entry's closing brace, in the same entry: a quote past the next line that
    starts with ``@`` is not taken, and neither is anything past a brace that
    closes the entry. None when there is no such quote: nothing sure to read.
    """
    depth = 0
    limit = text.find("\n@", first_end)
    stop = len(text) if limit < 0 else limit
    for match in _BRACE_OR_QUOTE_RE.finditer(text, first_end + 1, stop):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return None  # the entry closes inside the value
            depth -= 1
        elif depth == 0 and _AFTER_VALUE_RE.match(text, match.start()):
            return match.start()
    return None


def quote_message(
    text: str,
    key: str,
    start_line: int,
    name: str,
    field: tuple[int, int],
    end: int,
    real_line: int,
) -> str:
    """The problem of a quoted value read to its real end, naming the real cause.

    *field* is the field's (line, offset); *end* the offset of the quote
    where BibTeX ended the value.
    """
    field_line, field_pos = field
    following = text[end + 1 : end + 2]
    accent = text[end - 1 : end] == "\\" and (following.isalpha() or following == "{")
    snippet = text[max(end - 6, field_pos) : end + 4].replace("\n", " ")
    if accent:
        cause = (
            f"holds the accent \\\" without braces ('{snippet}'), and in a value written "
            'in quotes that \\" ends the value in BibTeX'
        )
        fix = (
            f'write the accent in braces, {{\\"{following}}}, or the value in braces '
            "instead of quotes"
        )
    else:
        cause = (
            f"holds a '\"' in its text ('{snippet}'), which ends a value written in quotes "
            "in BibTeX"
        )
        fix = 'write that quote in braces, {"}, or the value in braces instead of quotes'
    return (
        f"entry '{key}' (line {start_line}): field '{name}' (line {field_line}) {cause}; it "
        f"was read up to its closing quote on line {real_line}, as meant, and the entry kept: "
        f"{fix}"
    )


def missing_comma_message(key: str, start_line: int, before: str, name: str, line: int) -> str:
    """The problem of two fields without the comma between them, read as two fields."""
    return (
        f"entry '{key}' (line {start_line}): no comma between field '{before}' and field "
        f"'{name}' (line {line}); they were read as two fields and the entry kept: add the "
        "missing comma"
    )
