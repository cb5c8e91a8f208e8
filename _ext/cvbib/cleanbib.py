"""An entry written back as clean BibTeX: what a reader copies to cite the work.

The ``.bib`` file of a CV carries the owner's bookkeeping: annotations
(``author+an``), ``keywords``, ``file``, the abstract, link and badge fields.
A visitor who copies the BibTeX wants the citation only, in a stable order, so
the same entry always reads the same. Values are written as they are in the
file (LaTeX included: a BibTeX user's tools expect it), each in braces.

The BibTeX twins the reader adds for pybtex's styles (``journal`` for
``journaltitle``, ``year``/``month`` from a plain ``date``) are left out
again when their biblatex original is there with the same meaning.
"""

from __future__ import annotations

from collections.abc import Iterable

from pybtex.database import Entry, Person

from .people import kept_all, per_spelling
from .styles import plain_date_years

__all__ = ["FIELD_ORDER", "clean_bibtex", "person_text"]

#: Fields in the order they are written; any other field follows, alphabetically.
FIELD_ORDER: tuple[str, ...] = (
    "title",
    "subtitle",
    "booktitle",
    "journal",
    "journaltitle",
    "series",
    "volume",
    "number",
    "pages",
    "chapter",
    "edition",
    "type",
    "school",
    "institution",
    "organization",
    "publisher",
    "address",
    "location",
    "howpublished",
    "year",
    "month",
    "date",
    "pubstate",
    "doi",
    "eprint",
    "eprinttype",
    "archiveprefix",
    "primaryclass",
    "eprintclass",
    "isbn",
    "issn",
    "url",
    "urldate",
    "note",
)

_PERSON_ROLES = ("author", "editor")
_TWINS = (("journaltitle", "journal"), ("location", "address"))


@per_spelling
def person_text(person: Person) -> str:
    """A name in the form BibTeX reads back unchanged.

    "First von Last" when that is unambiguous; "von Last, Jr, First" when the
    name has a lineage or a last name of several words.
    """
    first = " ".join([*person.first_names, *person.middle_names])
    von = " ".join(person.prelast_names)
    last = " ".join(person.last_names)
    lineage = " ".join(person.lineage_names)
    family = f"{von} {last}".strip()
    if not first and not lineage:
        return family
    if lineage:
        return f"{family}, {lineage}, {first}"
    if len(person.last_names) > 1:
        return f"{family}, {first}"
    return f"{first} {family}".strip()


def _dropped_twins(fields: dict[str, str]) -> set[str]:
    dropped = set()
    for biblatex, bibtex in _TWINS:
        if biblatex in fields and fields.get(bibtex) == fields[biblatex]:
            dropped.add(bibtex)
    date = fields.get("date")
    if date and fields.get("year") == plain_date_years(date):
        dropped.update({"year", "month"})
    return dropped


def _ordered(names: Iterable[str]) -> list[str]:
    rank = {name: index for index, name in enumerate(FIELD_ORDER)}
    return sorted(names, key=lambda name: (rank.get(name, len(rank)), name))


def clean_bibtex(entry: Entry, stripped: Iterable[str] = ()) -> str:
    """*entry* as BibTeX without the fields in *stripped* or any annotation field."""
    drop = {name.lower() for name in stripped}
    fields = {
        name.lower(): str(value)
        for name, value in entry.fields.items()
        if str(value).strip() and "+an" not in name.lower() and name.lower() not in drop
    }
    for twin in _dropped_twins(fields):
        fields.pop(twin, None)
    values: list[tuple[str, str]] = []
    for role in _PERSON_ROLES:
        persons = entry.persons.get(role)
        if persons and role not in drop:
            values.append((role, " and ".join(kept_all(person_text, persons))))
    values.extend((name, " ".join(fields[name].split())) for name in _ordered(fields))
    width = max((len(name) for name, _value in values), default=0)
    lines = [f"@{entry.type.lower()}{{{entry.key},"]
    lines.extend(f"  {name.ljust(width)} = {{{value}}}," for name, value in values)
    if len(lines) > 1:
        lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines)
