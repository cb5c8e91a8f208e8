"""Collaborations: the ATLAS, LIGO or Planck papers whose author is a collaboration.

A physicist's papers are written by collaborations of thousands, and the
exporters say so in one of three ways:

* INSPIRE-HEP writes ``collaboration = "ATLAS"`` next to ``author = "Aad,
  Georges and others"`` (ADS sometimes writes the field too);
* NASA ADS, Zotero and Better BibLaTeX list the collaboration as an author in
  braces: ``author = {{ATLAS Collaboration} and {Aad}, G. and ...}``;
* biblatex users write ``organization = {ATLAS Collaboration}`` (with
  ``authortype = {collaboration}`` where they mark it so).

Each of them becomes one :class:`Collaboration` of the entry. The CV shows the
collaboration's name first ("ATLAS Collaboration, Georges Aad et al."), as a
physicist cites such a paper: a name from the field is put before the author
list, a name in the list stays where it is.

The owner declares the collaborations they belong to once
(``cv_collaborations = ["ATLAS"]``). An entry of a declared collaboration
whose author list does not name the owner (INSPIRE's "and others" cut the
list at the first author) is still the owner's paper: it is not reported as
lacking the owner, and the collaboration's name is set in bold where the
owner's would be, so the CV says "this is mine, as a member". When the list
does name the owner, the owner's name is bold and the collaboration's is not:
one bold place per entry, the owner's own.

Names compare leniently (:func:`collaboration_key`): case, accents, a leading
"The", a trailing "Collaboration(s)" and punctuation are ignored, so
``ATLAS``, ``The ATLAS Collaboration`` and ``{ATLAS Collaboration}`` are one
collaboration; ``collaboration = "ATLAS, CMS"`` is two.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pybtex.database import Entry, Person

from ..bib import kept_all, per_spelling
from ..latex import to_plain

__all__ = [
    "Collaboration",
    "collaboration_key",
    "collaboration_of",
    "collaboration_person",
]

#: Words that end a collaboration's name when it is written in full.
_SUFFIX_RE = re.compile(r"\s*\b(?:collaborations?|consortium|consortia)\s*$", re.IGNORECASE)
_THE_RE = re.compile(r"^\s*the\s+", re.IGNORECASE)
#: Where INSPIRE's field separates collaborations ("ATLAS, CMS", "LHCb and CMS").
_SEPARATOR_RE = re.compile(r"\s*(?:[,;/]|\band\b|&)\s*", re.IGNORECASE)
_NOT_WORD_RE = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Collaboration:
    """The collaboration(s) an entry is written by.

    ``name`` is how the CV shows it ("ATLAS Collaboration", "ATLAS and CMS
    Collaborations"); ``written`` the names as the entry writes them, for
    advice ("ATLAS"); ``positions`` the 0-based places of the collaboration
    in the author list (empty when it comes from a field, and is shown before
    the list); ``declared`` whether the owner declared one of them.
    """

    name: str
    written: tuple[str, ...]
    positions: tuple[int, ...] = ()
    declared: bool = False
    #: The places in the list of the declared collaborations (bold for a member).
    declared_positions: tuple[int, ...] = ()

    @property
    def shown_first(self) -> bool:
        """Whether the name goes before the author list (it is not in it)."""
        return not self.positions


@lru_cache(maxsize=4096)
def collaboration_key(name: str) -> str:
    """A collaboration's name reduced to compare ("The ATLAS Collaboration" -> "atlas")."""
    text = to_plain(name) if "\\" in name or "{" in name else name
    text = _SUFFIX_RE.sub("", _THE_RE.sub("", text.replace("{", "").replace("}", "")))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_WORD_RE.sub(" ", plain).split())


def _plain(value: object) -> str:
    text = str(value)
    return " ".join((to_plain(text) if "\\" in text or "{" in text else text).split())


def _split(value: str) -> tuple[str, ...]:
    """The collaborations one field names ("ATLAS, CMS" -> ("ATLAS", "CMS"))."""
    return tuple(part for part in _SEPARATOR_RE.split(_plain(value)) if part.strip())


def _display(names: Sequence[str]) -> str:
    """ "ATLAS Collaboration", "ATLAS and CMS Collaborations", "LIGO Scientific Collaboration"."""
    if all(_SUFFIX_RE.search(name) for name in names):
        return " and ".join(names)
    bare = [_SUFFIX_RE.sub("", name) for name in names]
    if len(bare) == 1:
        return f"{bare[0]} Collaboration"
    return f"{', '.join(bare[:-1])} and {bare[-1]} Collaborations"


@per_spelling
def _literal(person: Person) -> str | None:
    """The text of a name written as one braced literal (``{ATLAS Collaboration}``), or None.

    ADS and Zotero write an organization so; no person's name is.
    """
    if person.first_names or person.middle_names or person.prelast_names:
        return None
    last = " ".join(person.last_names)
    if not (last.startswith("{") and last.endswith("}")):
        return None
    return _plain(last)


def collaboration_person(person: Person) -> str | None:
    """The name of a collaboration listed as an author (``{ATLAS Collaboration}``), or None.

    Only a literal that ends in "Collaboration" or "Consortium" counts.
    """
    text = _literal(person)
    return text if text is not None and _SUFFIX_RE.search(text) else None


def _field_names(entry: Entry) -> tuple[str, ...]:
    """The collaborations the entry's fields name: INSPIRE's, then biblatex's."""
    fields = entry.fields
    collaboration = fields.get("collaboration")
    if collaboration and str(collaboration).strip():
        return _split(str(collaboration))
    organization = fields.get("organization")
    if organization and str(organization).strip():
        said = str(fields.get("authortype") or "").casefold()
        text = _plain(organization)
        if "collaboration" in said or _SUFFIX_RE.search(text):
            return (text,)
    return ()


def collaboration_of(entry: Entry, declared: Iterable[str] = ()) -> Collaboration | None:
    """The collaboration *entry* is written by, or None (see the module docstring).

    *declared* are the owner's collaborations (``cv_collaborations``).
    """
    wanted = {collaboration_key(name) for name in declared}
    persons = entry.persons.get("author", ())
    # One pass over a collaboration's thousands of names, each spelling's answer kept.
    literals = kept_all(_literal, persons)
    listed = [
        (index, text)
        for index, text in enumerate(literals)
        if text is not None and (_SUFFIX_RE.search(text) or collaboration_key(text) in wanted)
    ]
    from_fields = _field_names(entry)
    if listed:
        names: tuple[str, ...] = tuple(name for _index, name in listed)
        positions = tuple(index for index, _name in listed)
    elif from_fields:
        names, positions = from_fields, ()
    else:
        return None
    keys = {collaboration_key(name) for name in (*names, *from_fields)}
    return Collaboration(
        name=_display(names),
        written=tuple(dict.fromkeys((*from_fields, *names))),
        positions=positions,
        declared=bool(keys & wanted),
        declared_positions=tuple(
            index for index, name in listed if collaboration_key(name) in wanted
        ),
    )
