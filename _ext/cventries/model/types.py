"""The kinds of CV entry: which facts each has, which are required, how each reads.

One :class:`EntryType` per kind (education, position, grant, talk, teaching,
student, service, award, skill, language). Each names its facts
(:class:`Fact`: the directive's argument and options), the ones it cannot do
without, and where each fact goes in the entry's layout, which is the same on
every output: a main column (``primary`` in bold, ``secondary`` in italics
under it), an aside (the dates, the place) and a line of ``details``, then the
owner's own MyST text for highlights.

The facts are plain strings here; the directive layer checks dates, numbers
and choices, and the exports (:mod:`cventries.exports`) map each kind to the
nearest section of JSON Resume.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cvbib.i18n import N_

__all__ = ["COMMON", "ENTRY_TYPES", "GENERIC", "EntryType", "Fact", "entry_type"]


@dataclass(frozen=True)
class Fact:
    """One fact of an entry: an option of its directive (or its argument)."""

    name: str
    #: "text", "date", "int", "amount", "choice", "name" (a person) or "url".
    kind: str = "text"
    #: The label shown before the value in the details line ("Advisor"), or "".
    label: str = ""
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class EntryType:
    """One kind of entry and its layout."""

    name: str
    #: The fact the directive's argument holds (the entry's title).
    argument: str
    facts: tuple[Fact, ...]
    required: tuple[str, ...]
    #: The facts shown in bold on the first line, and in italics under it.
    primary: str
    secondary: str = ""
    #: Facts shown on the details line, in this order, as "Label: value".
    details: tuple[str, ...] = ()
    #: One line "**primary:** secondary" (skills, languages, service) rather than two.
    inline: bool = False
    #: Whether the primary fact is bold (an award's title reads as plain text).
    bold: bool = True
    #: Other names the owner may write for a fact (RenderCV's "company").
    aliases: dict[str, str] = field(default_factory=dict)

    def fact(self, name: str) -> Fact | None:
        return next((f for f in (*self.facts, *COMMON) if f.name == name), None)

    @property
    def option_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in (*self.facts, *COMMON) if f.name != self.argument)


_DATES = (Fact("start", "date"), Fact("end", "date"), Fact("date", "date"))

#: Facts every kind accepts.
COMMON = (
    Fact("location"),
    Fact("url", "url"),
    Fact("tags"),
    *_DATES,
)

ENTRY_TYPES: dict[str, EntryType] = {
    t.name: t
    for t in (
        EntryType(
            "education",
            argument="degree",
            facts=(
                Fact("degree"),
                Fact("institution"),
                Fact("area"),
                Fact("advisor", "text", N_("Advisor")),
                Fact("thesis", "text", N_("Thesis")),
                Fact("score", "text", N_("GPA")),
            ),
            required=("degree", "institution"),
            primary="institution",
            secondary="degree",
            details=("thesis", "advisor", "score"),
            aliases={"school": "institution", "university": "institution", "gpa": "score"},
        ),
        EntryType(
            "position",
            argument="position",
            facts=(
                Fact("position"),
                Fact("organization"),
                Fact("department"),
                Fact("supervisor", "text", N_("Supervisor")),
            ),
            required=("position", "organization"),
            primary="organization",
            secondary="position",
            details=("department", "supervisor"),
            aliases={"company": "organization", "institution": "organization"},
        ),
        EntryType(
            "grant",
            argument="title",
            facts=(
                Fact("title"),
                Fact("agency"),
                Fact(
                    "role",
                    "choice",
                    N_("Role"),
                    # Shown in the build's language (cventries' catalog).
                    (
                        N_("PI"),
                        N_("co-PI"),
                        N_("co-I"),
                        N_("senior personnel"),
                        N_("collaborator"),
                        N_("fellow"),
                        N_("recipient"),
                    ),
                ),
                Fact("amount", "amount", N_("Amount")),
                Fact("currency"),
                Fact("number", "text", N_("Grant")),
            ),
            required=("title", "agency"),
            primary="title",
            secondary="agency",
            details=("role", "amount", "number"),
            aliases={"funder": "agency", "awarder": "agency"},
        ),
        EntryType(
            "talk",
            argument="title",
            facts=(
                Fact("title"),
                Fact("event"),
                Fact(
                    "kind",
                    "choice",
                    "",
                    ("invited", "contributed", "keynote", "poster", "seminar", "panel"),
                ),
            ),
            required=("title", "event"),
            primary="title",
            secondary="event",
            details=("kind",),
            aliases={"venue": "event", "conference": "event", "type": "kind"},
        ),
        EntryType(
            "teaching",
            argument="course",
            facts=(
                Fact("course"),
                Fact("institution"),
                Fact("role", "text", N_("Role")),
                Fact("term"),
                Fact("size", "int", N_("Students")),
            ),
            required=("course", "institution"),
            primary="course",
            secondary="institution",
            details=("role", "size"),
            aliases={"university": "institution", "students": "size"},
        ),
        EntryType(
            "student",
            argument="name",
            facts=(
                Fact("name", "name"),
                Fact("level"),
                Fact("institution"),
                Fact("outcome", "text", N_("Now")),
                Fact("thesis", "text", N_("Thesis")),
                Fact("coadvisor", "text", N_("Co-advised with")),
            ),
            required=("name",),
            primary="name",
            secondary="level",
            details=("thesis", "coadvisor", "outcome"),
            aliases={"degree": "level", "now": "outcome"},
        ),
        EntryType(
            "service",
            argument="role",
            facts=(Fact("role"), Fact("body")),
            required=("role", "body"),
            primary="role",
            secondary="body",
            inline=True,
            aliases={"venue": "body", "organization": "body", "committee": "body"},
        ),
        EntryType(
            "award",
            argument="title",
            facts=(Fact("title"), Fact("awarder")),
            required=("title",),
            primary="title",
            secondary="awarder",
            bold=False,
            inline=True,
            aliases={"agency": "awarder", "by": "awarder"},
        ),
        EntryType(
            "skill",
            argument="name",
            facts=(Fact("name"), Fact("keywords"), Fact("level")),
            required=("name",),
            primary="name",
            secondary="keywords",
            inline=True,
            details=("level",),
            aliases={"items": "keywords"},
        ),
        EntryType(
            "language",
            argument="language",
            facts=(Fact("language"), Fact("fluency")),
            required=("language",),
            primary="language",
            secondary="fluency",
            inline=True,
            aliases={"level": "fluency"},
        ),
    )
}


#: A plain entry (``{cv-entry}`` without a kind, or with one this CV does not know).
GENERIC = EntryType(
    "generic", argument="title", facts=(Fact("title"),), required=(), primary="title"
)


def entry_type(name: str) -> EntryType | None:
    return ENTRY_TYPES.get(name)
