"""Macros expanded in LaTeX source, for BibTeX that stands on its own.

The BibTeX the site offers (an entry's toggle, its page, ``publications.bib``)
is read without the ``.bib`` file's ``@preamble`` and without AASTeX: a
``journal = {\\prd}`` from NASA ADS, or a macro the file defines for itself,
would be undefined wherever it is pasted. So both are expanded in the source
written there: ``journal = {Phys.~Rev.~D}``. Only macros are replaced; the
rest of the value stays LaTeX, as a BibTeX user's tools expect.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from .decoder import parse_latex
from .input import expand
from .journals import JOURNAL_MACROS
from .preamble import Macro, MacroTable

__all__ = ["source_expander"]


@lru_cache(maxsize=1)
def _journals() -> tuple[Macro, ...]:
    return tuple(Macro(name, 0, None, source) for name, source in JOURNAL_MACROS.items())


@lru_cache(maxsize=16)
def source_expander(preamble: MacroTable) -> Callable[[str], str]:
    """A function that expands the AAS journal macros and *preamble*'s in a field's source.

    A definition in the preamble wins over the AAS table (it comes later).
    The expansion keeps within the decoder's budget
    (:func:`cvbib.latex.input.expand`); what a cut leaves is kept as written.
    """
    table = MacroTable((*_journals(), *preamble.macros))

    def expand_source(text: str) -> str:
        if "\\" not in text:
            return text
        expanded, _cut = expand(text, table, parse_latex)
        return expanded

    return expand_source
