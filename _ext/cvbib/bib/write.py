r"""An entry written back as clean BibTeX: what a reader copies to cite the work.

The ``.bib`` file of a CV carries the owner's bookkeeping: annotations
(``author+an``), ``keywords``, ``file``, the abstract, link and badge fields,
and whatever a reference manager keeps for itself (BibDesk's ``annote`` and
``bdsk-file-1``, JabRef's ``owner`` and ``timestamp``, Mendeley's tags, a
``rating``, private ``notes``). A visitor who copies the BibTeX wants the
citation only, so an entry is written with the fields of an allowlist
(:data:`DEFAULT_BIBTEX_FIELDS`, ``cv_bibtex_fields``): a field nobody listed,
however a tool names it, stays on the owner's machine. Fields are written in
a stable order, so the same entry always reads the same; values as they are
in the file (LaTeX included: a BibTeX user's tools expect it), each in braces.

A key that BibTeX or LaTeX's ``\cite`` could not read back (a brace, a comma,
a space, ``%``, ``#``, a backslash or a quote: possible in a ``.bib`` file
whose entries are delimited by parentheses) is written as a safe key with a
short digest of the original (:func:`bibtex_key`), so a downloaded file keeps
every entry and parses.

The BibTeX twins the reader adds for pybtex's styles (``journal`` for
``journaltitle``, ``year``/``month`` from a plain ``date``) are left out
again when their biblatex original is there with the same meaning.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from typing import Final

from pybtex.database import Entry, Person

from .cjk import cjk_family_given
from .dates import plain_date_years
from .persons import kept_all, per_spelling

__all__ = [
    "DEFAULT_BIBTEX_FIELDS",
    "FIELD_ORDER",
    "bibtex_key",
    "clean_bibtex",
    "person_text",
    "short_digest",
]

#: Fields in the order they are written; any other field follows, alphabetically.
FIELD_ORDER: tuple[str, ...] = (
    "collaboration",
    "title",
    "subtitle",
    "booktitle",
    "journal",
    "journaltitle",
    "series",
    "volume",
    "number",
    "pages",
    "eid",
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
    "eventtitle",
    "venue",
    "eventdate",
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
    "reportnumber",
    "isbn",
    "issn",
    "url",
    "urldate",
    "note",
)

#: The fields a clean entry may have: the citation fields of BibTeX's and
#: biblatex's standard data model. ``note`` is in: every standard style prints
#: it, and so does the CV's own line, so it tells no more than the page.
#: INSPIRE's ``collaboration`` and ``reportNumber`` and ADS's ``eid`` (an article
#: number) are: physics styles print them.
#: ``abstract`` and ``keywords`` are not: they are no part of a citation (the
#: abstract is on the page already, behind its toggle). ``crossref`` is not: a
#: copied entry must stand alone.
DEFAULT_BIBTEX_FIELDS: Final[tuple[str, ...]] = (
    "author",
    "editor",
    "translator",
    *FIELD_ORDER,
    "titleaddon",
    "shorttitle",
    "maintitle",
    "issue",
    "version",
    "language",
    "langid",
)

_PERSON_ROLES = ("author", "editor")
#: What a key written in braces may not hold: BibTeX ends the key at a space,
#: a comma or a closing brace, and ``\cite`` breaks on the rest.
_UNSAFE_KEY_RE: Final = re.compile(r'[\s,{}%#\\"\x00-\x1f\x7f]')
_NOT_BRACE_RE: Final = re.compile(r"[^{}]+")


def short_digest(text: str) -> str:
    """Eight hex digits that stand for *text*: a stable suffix that tells names apart."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


def bibtex_key(key: str) -> str:
    """*key* as BibTeX writes it: itself, or a safe key with a digest of the original.

    ``bad}key`` becomes ``bad_key-1a2b3c4d``: the same characters but the unsafe
    ones, and a suffix that keeps two keys differing only in those apart.
    """
    if not _UNSAFE_KEY_RE.search(key):
        return key
    return f"{_UNSAFE_KEY_RE.sub('_', key)}-{short_digest(key)}"


def _balanced(value: str) -> bool:
    """Whether a value's braces pair up, so that writing it in braces keeps it one value.

    The reader only keeps balanced values; this holds for entries made
    elsewhere too, so that no value can close its entry and open another.
    """
    braces = _NOT_BRACE_RE.sub("", value)
    depth = 0
    for char in braces:
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


_TWINS = (("journaltitle", "journal"), ("location", "address"))


def _expanded(expand: Callable[[str], str], value: str) -> str:
    """*value* with its macros expanded, if that keeps it one balanced value."""
    if "\\" not in value:
        return value
    result = " ".join(expand(value).split())
    return result if _balanced(result) else value


@per_spelling
def person_text(person: Person) -> str:
    """A name in the form BibTeX reads back unchanged.

    "First von Last" when that is unambiguous; "von Last, Jr, First" when the
    name has a lineage or a last name of several words; a name in CJK scripts
    as "Family, Given" ("田中, 宏"), whichever way it was written.
    """
    cjk = cjk_family_given(person)
    if cjk is not None and cjk[1]:
        return f"{cjk[0]}, {cjk[1]}"
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


def clean_bibtex(
    entry: Entry,
    stripped: Iterable[str] = (),
    allowed: Iterable[str] = DEFAULT_BIBTEX_FIELDS,
    expand: Callable[[str], str] | None = None,
) -> str:
    """*entry* as BibTeX with the fields of *allowed*, but not those of *stripped*.

    An annotation field (``author+an``) is never written, even if listed.
    *expand* rewrites each value's source (the macros the reader of the copy
    will not have: :func:`cvbib.latex.source_expander`); a result that would
    unbalance the value's braces is not used.
    """
    keep = {name.lower() for name in allowed} - {name.lower() for name in stripped}
    fields = {
        lowered: text
        for name, value in entry.fields.items()
        if (lowered := name.lower()) in keep
        and "+an" not in lowered
        and (text := str(value)).strip()
        and _balanced(text)
    }
    for twin in _dropped_twins(fields):
        fields.pop(twin, None)
    values: list[tuple[str, str]] = []
    for role in _PERSON_ROLES:
        persons = entry.persons.get(role)
        if persons and role in keep:
            values.append((role, " and ".join(kept_all(person_text, persons))))
    values.extend((name, " ".join(fields[name].split())) for name in _ordered(fields))
    if expand is not None:
        values = [(name, _expanded(expand, value)) for name, value in values]
    width = max((len(name) for name, _value in values), default=0)
    lines = [f"@{entry.type.lower()}{{{bibtex_key(entry.key)},"]
    lines.extend(f"  {name.ljust(width)} = {{{value}}}," for name, value in values)
    if len(lines) > 1:
        lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines)
