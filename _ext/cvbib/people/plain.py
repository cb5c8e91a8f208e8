"""A person's name as a reader sees it in plain text, in natural order.

"Ludwig van Beethoven, Jr." from BibTeX's "van Beethoven, Jr., Ludwig":
given names, the von part and the last names decoded from LaTeX, the
lineage after a comma. Used where a name is text rather than formatted rich
text: hidden names of a long list, a publication's page, metadata.
"""

from __future__ import annotations

from functools import lru_cache

from pybtex.database import Person

from ..bib import cjk_name, per_spelling
from ..latex import decode

__all__ = ["plain_name"]


@per_spelling
def plain_name(person: Person) -> str:
    """A person's name as plain text in natural order ("Ludwig van Beethoven, Jr.").

    A name in CJK scripts reads family name first, without a space ("田中宏").
    """
    cjk = cjk_name(person)
    if cjk is not None:
        return cjk
    words = (*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names)
    return _plain_name(words, tuple(person.lineage_names))


@lru_cache(maxsize=65536)
def _plain_name(words: tuple[str, ...], lineage: tuple[str, ...]) -> str:
    text = str(decode(" ".join(words)))
    return f"{text}, {decode(' '.join(lineage))}" if lineage else text
