"""An entry's fields as the model and the styles read them: present, decoded or verbatim.

One reading of a field for every output: a blank value counts as missing (so
an empty ``note = {}`` leaves no "()" behind), ``crossref`` is followed as
pybtex's templates follow it (a cycle counts as missing, not a crash), text
fields are decoded from LaTeX by :func:`cvbib.latex.decode`, and verbatim
fields (``url``, ``doi``, ``eprint``, ``date``) only lose BibTeX's escapes.
"""

from __future__ import annotations

from typing import Any

from pybtex.database import Entry
from pybtex.richtext import Text

from ..bib import nonblank, unescape_verbatim
from ..latex import decode
from ..upstream.pybtex import find_field

__all__ = ["plain_field", "raw_field", "text_field", "verbatim_field"]


def raw_field(entry: Entry, name: str, bib_data: Any = None) -> str | None:
    """The field *name* as written (following ``crossref``), or None when missing or blank."""
    try:
        value = find_field(entry, name, bib_data)
    except (KeyError, RecursionError):
        return None
    return nonblank(value)


def text_field(entry: Entry, name: str, bib_data: Any = None) -> Text | None:
    """The field *name* decoded from LaTeX into rich text, or None if missing or empty."""
    value = raw_field(entry, name, bib_data)
    if value is None:
        return None
    text = decode(value)
    return text if text else None


def plain_field(entry: Entry, name: str) -> str | None:
    """The field *name* (of the entry itself) decoded to plain text, or None."""
    value = nonblank(entry.fields.get(name))
    if value is None:
        return None
    return str(decode(value)).strip() or None


def verbatim_field(entry: Entry, name: str, bib_data: Any = None) -> str | None:
    """A verbatim field (``url``, ``doi``, ``eprint``, ``date``) as a plain string, or None.

    Verbatim in biblatex: decoding would turn ``~`` into a no-break space and
    drop what follows ``%``; only BibTeX's escapes and braces are removed.
    """
    value = raw_field(entry, name, bib_data)
    if value is None:
        return None
    return unescape_verbatim(value) or None
