"""LaTeX (and HTML) in fields, decoded into rich text by one decoder for every output.

:mod:`.decode` parses (pylatexenc) and walks the tree; :mod:`.input` is what
a field goes through first (HTML, verbatim arguments, ``@preamble`` macros);
:mod:`.preamble` reads macro definitions; :mod:`.journals` holds the AAS
journal macros NASA ADS writes; :mod:`.source` expands macros in BibTeX
source; :mod:`.tables` says what commands mean; :mod:`.math` gives math its
Unicode approximation and :mod:`.mathsafe` the TeX that outputs may receive
(an allowlist).
"""

from __future__ import annotations

from .decoder import (
    Decoding,
    MacroTable,
    collect_cuts,
    collect_unknown,
    decode,
    decoding,
    leftover_markup,
    macros_in_effect,
    read_preamble,
    to_plain,
)
from .journals import JOURNAL_MACROS, JOURNAL_TEXT
from .source import source_expander

__all__ = [
    "JOURNAL_MACROS",
    "JOURNAL_TEXT",
    "Decoding",
    "MacroTable",
    "collect_cuts",
    "collect_unknown",
    "decode",
    "decoding",
    "leftover_markup",
    "macros_in_effect",
    "read_preamble",
    "source_expander",
    "to_plain",
]
