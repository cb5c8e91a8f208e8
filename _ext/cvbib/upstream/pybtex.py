"""What cvbib uses of pybtex beyond its public API, in one place.

Checked against pybtex 0.25.1 and 0.26.1 (the range ``pyproject.toml``
allows); ``tests/test_upstream.py`` checks each name below.

* :class:`LowLevelParser` (``pybtex.database.input.bibtex``) is the tokenizer
  that :class:`cvbib.bib.parse.CommandParser` subclasses to read a ``.bib``
  leniently, one command at a time, relying on the members listed in
  :data:`PARSER_MEMBERS` (the scanner's position and tokens, and the parts of
  the grammar it calls or overrides). :data:`SkipEntry`,
  :data:`PrematureEOF` and :data:`PybtexSyntaxError` are its errors, and
  :data:`NAME_CHARS` the characters a BibTeX name (key, macro) starts with.
* :data:`MONTH_NAMES`: BibTeX's month macros as pybtex expands them.
* :func:`split_tex_string` splits at spaces outside braces, as BibTeX does.
* :class:`CaseInsensitiveDict` and :class:`OrderedCaseInsensitiveDict` are the
  field and macro dictionaries pybtex's own entries use.
* :func:`find_field`: an entry's field following ``crossref`` as pybtex's
  templates do (``Entry._find_field``).
* :func:`latex_decoder`: pybtex's templates and name styles decode every field
  through the class attribute ``Text.from_latex``; cvbib puts its own decoder
  there for the duration of a formatting batch, and always restores it.
* :data:`UNSRT_FORMAT_NAMES` and :data:`BASE_FORMAT_ENTRY`: to tell whether a
  style keeps pybtex's own name list and entry formatting (then cvbib may
  replace the one and cache the other by text alone).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pybtex.bibtex.utils import split_tex_string
from pybtex.database import Entry
from pybtex.database.input.bibtex import NAME_CHARS, LowLevelParser, SkipEntry
from pybtex.database.input.bibtex import month_names as _month_names
from pybtex.richtext import Text
from pybtex.scanner import PrematureEOF, PybtexSyntaxError
from pybtex.style.formatting import BaseStyle
from pybtex.style.formatting.unsrt import Style as _UnsrtStyle
from pybtex.utils import CaseInsensitiveDict, OrderedCaseInsensitiveDict

__all__ = [
    "BASE_FORMAT_ENTRY",
    "MONTH_NAMES",
    "NAME_CHARS",
    "PARSER_MEMBERS",
    "UNSRT_FORMAT_NAMES",
    "CaseInsensitiveDict",
    "LowLevelParser",
    "OrderedCaseInsensitiveDict",
    "PrematureEOF",
    "PybtexSyntaxError",
    "SkipEntry",
    "find_field",
    "latex_decoder",
    "split_tex_string",
]

#: The members of :class:`LowLevelParser` that cvbib's parser relies on: its
#: constructor's ``text``, ``macros`` and ``filename``, the scanner's position and
#: tokens, and the parts of its grammar it calls or overrides.
PARSER_MEMBERS = (
    "text",
    "pos",
    "lineno",
    "macros",
    "command_start",
    "current_entry_key",
    "current_field_name",
    "AT",
    "COMMA",
    "EQUALS",
    "HASH",
    "KEY_BRACE",
    "KEY_PAREN",
    "LBRACE",
    "LPAREN",
    "NAME",
    "RBRACE",
    "RPAREN",
    "eat_whitespace",
    "optional",
    "required",
    "skip_to",
    "parse_value",
    "parse_value_part",
    "substitute_macro",
)

#: BibTeX's month macros as pybtex expands them (``may`` -> "May").
MONTH_NAMES: dict[str, str] = dict(_month_names)

#: pybtex's own ``format_names`` of ``unsrt`` (and of the styles built on it).
UNSRT_FORMAT_NAMES = _UnsrtStyle.format_names
#: pybtex's own ``format_entry``: the text depends on the entry, not its label.
BASE_FORMAT_ENTRY = BaseStyle.format_entry


def find_field(entry: Entry, name: str, bib_data: Any = None) -> Any:
    """The field *name* of *entry*, following ``crossref`` as pybtex's templates do.

    Raises ``KeyError`` when there is no such field; a ``crossref`` cycle
    raises ``RecursionError``.
    """
    return entry._find_field(name, bib_data=bib_data)


@contextmanager
def latex_decoder(decode: Callable[[str], Text]) -> Iterator[None]:
    """Make pybtex decode every field and name part with *decode*, for the duration.

    pybtex calls ``Text.from_latex`` (a class attribute) wherever a template
    or a name style shows a field. A subclass of :class:`Text` gets an object
    of its own type, as pybtex's own method gives.
    """

    def from_latex(cls: type[Text], latex: str) -> Text:
        text = decode(latex)
        return text if cls is Text else cls(*text.parts)

    original = Text.__dict__["from_latex"]
    Text.from_latex = classmethod(from_latex)
    try:
        yield
    finally:
        Text.from_latex = original
