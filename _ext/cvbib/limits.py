"""How much text a ``.bib`` file may make cvbib read, expand and show.

A ``.bib`` file is input from elsewhere (a co-author, an export, a template
copied from the web), and BibTeX lets a little text stand for a lot: ``#``
joins macros, a ``@string`` can double the one before it, a ``@preamble``
macro can be used a thousand times in one field. These limits make sure that
such a file costs about what a file of real entries of the same size costs.
Each one is checked *while* the text is built, never after, and far above
what real bibliographies use, so real data never reaches one; what reaches a
limit is cut, kept as far as it went, and reported with a typed warning
(``cvbib.field_too_long``, ``cvbib.macro_budget``, ``cvbib.preamble_budget``)
that says which file, entry and field, and what to do.

The figures are compared with real data: Debian's ``texlive-bibtex-extra``
(109 bibliographies, among them Beebe's ``tugboat.bib``, 3.8 MB and heavy
with ``@string`` and ``@preamble`` macros) and collaboration papers whose
author lists hold 3,000 to 5,200 names (about 100 to 180 KB).

Nothing here imports another module: every reader of the text uses the same
figures.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "MACRO_BUDGET_BASE",
    "MACRO_BUDGET_FACTOR",
    "MAX_EXPANSION_ADDED",
    "MAX_EXPANSION_PARSES",
    "MAX_EXPANSION_ROUNDS",
    "MAX_VALUE_LENGTH",
    "macro_budget",
]

#: The longest value of a field, ``@string`` or ``@preamble``, in characters as
#: written (before whitespace is normalized). The longest real values are the
#: author lists of collaboration papers: ATLAS's 3,000 names are about 100 KB,
#: the 5,154 of the ATLAS and CMS Higgs mass paper about 180 KB; the longest
#: field of the 109 bibliographies of texlive-bibtex-extra is a 20 KB table of
#: contents. A million characters is five times the longest author list, and
#: keeps a pasted 50 MB field from taking gigabytes of memory and making a page
#: of the same size. A longer value is cut to this length; its entry is shown.
MAX_VALUE_LENGTH: Final = 1_000_000

#: What ``@string`` macros may add to the values of one file, in characters:
#: ``MACRO_BUDGET_BASE`` plus ``MACRO_BUDGET_FACTOR`` times the file's length.
#: Every use of a macro adds its value (``month = jan`` adds "January"), so a
#: file full of macro uses adds about its own length: at most 1.0 times it in
#: texlive-bibtex-extra (``serif.bib``; ``tugboat.bib`` adds 3.6 MB to its
#: 3.8 MB). The base lets a small file define a 100 KB collaboration author
#: list once and use it in forty entries. Forty levels of ``@string{a1 = a0 #
#: a0}`` would make a trillion characters out of 1 KB; with the budget, the
#: macro uses after it is spent become empty text, and the file is reported.
MACRO_BUDGET_BASE: Final = 4_000_000
MACRO_BUDGET_FACTOR: Final = 8

#: What ``@preamble`` macros may add to one field when it is decoded, in
#: characters. The most any field of texlive-bibtex-extra gains is 70 (an
#: abstract with a few ``\\TUB`` and ``\\Dash``); a short field may gain four
#: times its length (``\\booktitle{..}``, ``\\TM``). A thousand is fourteen times
#: the most seen, and keeps a macro used a thousand times in a field, or
#: expanding to itself twice, from making megabytes out of a line. Past it the
#: macros are left unexpanded (and so not shown), and the entry is reported.
MAX_EXPANSION_ADDED: Final = 1000

#: Expansion goes round by round (a macro may expand to another one), each
#: round parsing the whole field again; a recursive definition
#: (``\\providecommand{\\Loop}{\\Loop x}``) stops after this many rounds. Real
#: preambles nest two or three deep.
MAX_EXPANSION_ROUNDS: Final = 12
#: ... and all the rounds of one field together parse at most this many times
#: its length plus :data:`MAX_EXPANSION_ADDED`, so that a chain of macros that
#: expand to one another (``\\a`` to ``\\b`` to ``\\c`` ...) in a long field
#: costs a few parses of it, not twelve.
MAX_EXPANSION_PARSES: Final = 4


def macro_budget(file_length: int) -> int:
    """The characters ``@string`` macros may add to the values of a file this long."""
    return MACRO_BUDGET_BASE + MACRO_BUDGET_FACTOR * file_length
