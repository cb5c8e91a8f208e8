"""Field values as written in a ``.bib`` file: present or not, and BibTeX's escapes.

Verbatim fields (``url``, ``doi``, ``eprint``, ``date``) are not LaTeX in
biblatex: decoding them would turn ``~`` into a no-break space and drop what
follows ``%``. Only the escapes BibTeX users add for BibTeX's sake (``\\_``,
``\\%``, ``\\#`` ...) and protective braces are removed, here, once.
"""

from __future__ import annotations

import re
from typing import Any, Final

__all__ = ["nonblank", "unescape_verbatim"]

_BIBTEX_ESCAPE: Final = re.compile(r"\\([_%#&$~{}])|[{}]")


def unescape_verbatim(value: str) -> str:
    """*value* without BibTeX's escapes and protective braces, stripped."""
    return _BIBTEX_ESCAPE.sub(lambda m: m.group(1) or "", value).strip()


def nonblank(value: Any) -> str | None:
    """*value* if it is a string with something in it, else None.

    A blank field counts as missing, so an empty ``note = {}`` leaves no "()".
    """
    if not isinstance(value, str) or not value.strip():
        return None
    return value
