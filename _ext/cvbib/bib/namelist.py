"""A person field split into its names, in time linear in its length.

pybtex's ``split_name_list`` gives BibTeX's answer, but it walks the value
brace group by brace group and copies the rest of the value at each one, so a
list of 20,000 names written ``{A} and {B} and ...`` (or one name made of
thousands of groups) costs time in the square of its length. The same goes
for a regular expression that takes away an "and" too many at either end of a
name, when it is tried at every "and" of a braced ``{x and and and ... y}``.
The functions here give the same results (property tests compare them with
pybtex and with the plain expressions) in one pass.

Names here come from whitespace-normalized values: they hold no line break.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["split_names", "strip_extra_and"]

#: BibTeX's name separator, as pybtex's ``split_name_list`` writes it.
_AND_RE: Final = re.compile(" [Aa][Nn][Dd] ")
#: What changes the brace level, or separates names at level 0.
_TOKEN_RE: Final = re.compile("[{}]| [Aa][Nn][Dd] ")


def split_names(value: str) -> list[str]:
    """The names of a person field, as pybtex's ``split_name_list`` splits them.

    A separator inside braces does not split. As in pybtex, a ``}`` with no
    ``{`` before it is text, and when a ``{`` is left open, the text after
    the value's last brace is read at level 0 again -- unless that brace is
    the open one itself, which then holds the rest of the value.
    """
    if not value:
        return []
    if "{" not in value:
        return [name.strip() for name in _AND_RE.split(value)]
    last_brace = max(value.rfind("{"), value.rfind("}"))
    names: list[str] = []
    start = depth = 0
    opened = -1  # where the current group at level 1 opened
    for match in _TOKEN_RE.finditer(value):
        token = match.group()
        if token == "{":
            if depth == 0:
                opened = match.start()
            depth += 1
        elif token == "}":
            depth = max(depth - 1, 0)
        elif depth == 0 or (match.start() > last_brace and opened != last_brace):
            names.append(value[start : match.start()].strip())
            start = match.end()
    names.append(value[start:].strip())
    return names


#: An "and" (or several) at the start of a name split by pybtex.
_LEADING_AND: Final = re.compile(r"(?:and(?:\s+|$))+", re.IGNORECASE)
#: The same at the end, read backwards: ``(?:\s+and)+$`` would be tried at
#: every "and" of the name, each time running to its end.
_TRAILING_AND_REVERSED: Final = re.compile(r"(?:dna\s+)+", re.IGNORECASE)


def strip_extra_and(name: str) -> str:
    """*name* without the "and"s at either end that "and and" leaves in a name.

    The result of ``re.sub(r"^(?:and(?:\\s+|$))+|(?:\\s+and)+$", "", name,
    flags=re.IGNORECASE)``, in one pass.
    """
    leading = _LEADING_AND.match(name)
    if leading is not None:
        name = name[leading.end() :]
    trailing = _TRAILING_AND_REVERSED.match(name[::-1])
    if trailing is not None:
        name = name[: len(name) - trailing.end()]
    return name
