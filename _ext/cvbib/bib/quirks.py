"""Quirks that export tools write into person names, recognised in one place.

Two conventions of real ``.bib`` files put something into a name that is not
part of it:

* **DBLP homonym numbers**: DBLP tells namesakes apart with a four-digit
  number after the name (``Wei Wang 0001``). It is an identifier, not part of
  the name: a reader must not see it and owner matching must ignore it.
* **al-folio's glued marks**: the al-folio template (and many sites copied
  from it) marks co-first authors with a ``*`` and corresponding authors with
  a ``†`` written right after the name (``Zhang*, Kaiyan``, ``Kaiyan Zhang*``,
  ``Zhang†, K.``). This project keeps such marks in biblatex's ``author+an``
  field instead, so the glyphs are taken off the name and returned as the
  annotation keywords they stand for.

* **ADS's "et al."**: NASA ADS ends a list it cut short with ``and et al.``,
  which BibTeX would read as a person "al., et"; it is BibTeX's ``others``.

Both readers use this module: :mod:`.bibfile` cleans the names it stores, and
:mod:`.names` strips the same things from names that reach it by other routes
(``conf.py`` aliases, persons built elsewhere). Nothing here imports Sphinx or
another cvbib module.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from ..upstream.pybtex import split_tex_string

__all__ = [
    "GLUED_MARKS",
    "annotation_items",
    "clean_name",
    "is_homonym_number",
    "merge_annotation",
]

#: A DBLP homonym number: exactly four ASCII digits, as a word of its own.
_HOMONYM_RE: Final = re.compile(r"[0-9]{4}")
#: ADS's last "name" of a list it cut short (``... and et al.``).
_ET_AL_RE: Final = re.compile(r"et\.?(?:\s|~)+al\.?", re.IGNORECASE)
#: The al-folio glyphs and the ``cv_marks`` keyword each stands for.
GLUED_MARKS: Final = {"*": "equal", "\N{ASTERISK OPERATOR}": "equal", "†": "corresponding"}
#: Glyphs glued to the end of a word (before a comma or at the end of the name).
#: A match may start only where the plain ``(?<=\S)`` would first start in a run
#: of glyphs (after a letter, or at the run's second glyph after a space): the
#: same matches, but a run is tried once instead of once per glyph, which made
#: a name of 30,000 ``*`` take minutes.
MARKS_AT_END_RE: Final = re.compile(
    r"(?:(?<=[^\s*\N{ASTERISK OPERATOR}†])|(?<=(?<!\S)[*\N{ASTERISK OPERATOR}†]))"
    r"([*\N{ASTERISK OPERATOR}†]+)(?=\s*(?:,|$))"
)


def is_homonym_number(word: str) -> bool:
    """Whether one word of a name is a DBLP homonym number (``0001``)."""
    return _HOMONYM_RE.fullmatch(word) is not None


def _drop_homonym(part: str) -> str:
    """*part* (one comma-separated part of a name) without a final homonym number.

    A part that is nothing but the number is kept: then it is not a suffix of a
    name but the whole of something odd, and dropping it would lose text.
    """
    words = part.split()
    if len(words) > 1 and is_homonym_number(words[-1]):
        return part[: part.rstrip().rfind(words[-1])].rstrip()
    return part


@lru_cache(maxsize=65536)
def clean_name(name: str) -> tuple[str, tuple[str, ...]]:
    """A BibTeX name without export quirks, and the mark keywords taken off it.

    ``"Wei Wang 0001"`` -> ``("Wei Wang", ())``; ``"Zhang*, Kaiyan"`` ->
    ``("Zhang, Kaiyan", ("equal",))``; ``"Zhang†, K."`` -> ``("Zhang, K.",
    ("corresponding",))``; ADS's ``"et al."`` -> ``("others", ())``. The
    homonym number is looked for at the end of the family part (before the
    first comma when there is one, as DBLP's number follows the family name in
    either order). Marks inside braces are text the
    author protected and stay. Never raises: a name that cannot be split is
    returned as it was.
    """
    if _ET_AL_RE.fullmatch(name.strip()):
        return "others", ()
    keywords: list[str] = []

    def take(match: re.Match[str]) -> str:
        for glyph in match.group(1):
            keyword = GLUED_MARKS[glyph]
            if keyword not in keywords:
                keywords.append(keyword)
        return ""

    try:
        parts = split_tex_string(name, ",")
    except Exception:
        return name, ()
    if not parts:
        return name, ()
    cleaned = []
    for index, part in enumerate(parts):
        part = MARKS_AT_END_RE.sub(take, part)
        if index == 0:
            part = _drop_homonym(part)
        cleaned.append(part.strip())
    if not cleaned[0]:
        return name, ()
    if not keywords and cleaned == [part.strip() for part in parts]:
        return name, ()  # nothing to clean: keep the name exactly as written
    return ", ".join(cleaned), tuple(keywords)


def annotation_items(marks: dict[int, tuple[str, ...]]) -> str:
    """The ``author+an`` items for glued marks by 1-based position (``"2=equal"``)."""
    return "; ".join(
        f"{position}={','.join(keywords)}" for position, keywords in marks.items() if keywords
    )


def merge_annotation(existing: object, items: str) -> str:
    """An ``author+an`` value with *items* added; the same position merges its keywords."""
    text = str(existing).strip() if existing is not None else ""
    if not items:
        return text
    return f"{text.rstrip(';').rstrip()}; {items}" if text else items
