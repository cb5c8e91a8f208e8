"""cvbib's options as one frozen value: declared here, validated by :mod:`cvbib.config`.

Every option is a field of :class:`CvbibConfig` with its type, default and help;
:mod:`cvbib.config` turns the fields into Sphinx config values named
``cv_<field>``, validates them once on ``config-inited`` and stores the result,
which every part of cvbib reads through :func:`get_config`. This module sits
low in the layers (it needs only the BibTeX writer's default field list) so
that the people, model, style and render layers can all take the value; the
validation, which needs the name parser, sits at the top.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

from .bib import DEFAULT_BIBTEX_FIELDS
from .i18n import N_

__all__ = [
    "AUTO_AUTHORS_LONG",
    "AUTO_AUTHORS_SHOWN",
    "DEFAULT_FILES_DIR",
    "HIGHLIGHT",
    "CvbibConfig",
    "get_config",
    "store_config",
    "with_marked_people",
]

#: The folder, next to the ``.bib`` file, whose files may be published.
DEFAULT_FILES_DIR: Final = "files"

#: Keywords with a built-in meaning that is not a mark or a role.
HIGHLIGHT = "highlight"

#: ``cv_max_authors = "auto"``: a list of more names than this is cut...
AUTO_AUTHORS_LONG: Final = 50
#: ...to this many first names, the owner in place and "and N more". A CV's
#: own papers (a dozen names, two dozen for a big ML paper) stay whole; a
#: collaboration's thousands do not fill twenty screens and eighteen pages.
AUTO_AUTHORS_SHOWN: Final = 10

_VALIDATED_ATTR = "_cvbib_validated"


def _default_marks() -> dict[str, tuple[str, str]]:
    # Translated where they are shown (the legend), like any text given here.
    return {
        "equal": ("*", N_("co-first authors")),
        "corresponding": ("\N{DAGGER}", N_("corresponding author")),
        "student": ("\N{DOUBLE DAGGER}", N_("student or mentee")),
    }


def _default_roles() -> dict[str, str]:
    return {"lead": N_("Project Lead")}


@dataclass(frozen=True)
class CvbibConfig:
    """The validated options (``cv_<name>`` in ``conf.py``)."""

    owner: str = field(
        default="",
        metadata={"help": "The CV owner's name in any BibTeX form ('Kaiyan Zhang', 'Zhang, K.')."},
    )
    owner_aliases: tuple[str, ...] = field(
        default=(),
        metadata={"help": "Other spellings of the owner's name (maiden name, CJK form)."},
    )
    owner_native: str = field(
        default="",
        metadata={
            "help": "The owner's name in another script ('张凯岩', '김민수'): matched and "
            "bolded like the owner in every author list (in any of its written forms: "
            "'张凯岩', '张 凯岩', '张, 凯岩'), and given with its language in the page's data."
        },
    )
    match_initials: bool = field(
        default=True,
        metadata={"help": "Also bold the owner when given names are initials ('K. Zhang')."},
    )
    marks: dict[str, tuple[str, str]] = field(
        default_factory=_default_marks,
        metadata={
            "help": "Annotation keyword -> (superscript symbol, legend text).",
        },
    )
    roles: dict[str, str] = field(
        default_factory=_default_roles,
        metadata={"help": "Annotation keyword -> role shown in parentheses after the name."},
    )
    legend: bool = field(
        default=True,
        metadata={"help": "Explain the marks used, once at the end of each section."},
    )
    collaborations: tuple[str, ...] = field(
        default=(),
        metadata={
            "help": "Collaborations the owner is a member of ('ATLAS'): their papers are the "
            "owner's even where the author list does not name them.",
        },
    )
    warn_missing_owner: bool = field(
        default=True,
        metadata={"help": "Warn about an entry in which no author or editor is the owner."},
    )

    max_authors: int | str = field(
        default="auto",
        metadata={
            "help": "The most names shown per entry (0: all; 'auto': all up to 50, else "
            "the first 10); the owner is never hidden.",
        },
    )
    coauthor_urls: dict[str, str] = field(
        default_factory=dict,
        metadata={"help": "A coauthor's name (any form) -> homepage, linked on the web page."},
    )
    marked_people: dict[str, tuple[str, ...]] = field(
        default_factory=dict,
        metadata={
            "help": "A cv_marks keyword -> names (any form) that get its mark in every author "
            "list, matched like the owner; the CV's student entries add theirs to 'student'.",
        },
    )
    bibtex_fields: tuple[str, ...] = field(
        default=DEFAULT_BIBTEX_FIELDS,
        metadata={
            "help": "The only fields of the BibTeX shown and offered for download (an "
            "allowlist: any other field, such as a reference manager's notes, is left out).",
        },
    )
    bibtex_strip_fields: tuple[str, ...] = field(
        default=(),
        metadata={
            "help": "Fields left out of the BibTeX shown and offered for download even "
            "though cv_bibtex_fields lists them (taken from that list).",
        },
    )
    files_dir: str = field(
        default=DEFAULT_FILES_DIR,
        metadata={
            "help": "The folder, relative to each .bib file, whose documents and media a "
            "pdf/slides/poster/supp field may publish (copied to _files/); no other file is.",
        },
    )
    publication_pages: bool = field(
        default=True,
        metadata={"help": "Write a web page per publication (pub/<key>.html)."},
    )
    selected_keyword: str = field(
        default="selected",
        metadata={
            "help": "The keyword (in an entry's keywords) that puts it in :selected: lists; "
            "a variant of the CV may choose another (cvvariants' 'publications').",
        },
    )

    def author_limit(self, count: int) -> int:
        """The most names a list of *count* names shows (0: every one).

        ``cv_max_authors = "auto"`` shows every name of a list of up to
        :data:`AUTO_AUTHORS_LONG`, and :data:`AUTO_AUTHORS_SHOWN` of a longer one.
        """
        if isinstance(self.max_authors, int):
            return self.max_authors
        return AUTO_AUTHORS_SHOWN if count > AUTO_AUTHORS_LONG else 0

    @cached_property
    def keywords(self) -> frozenset[str]:
        """Every annotation keyword this configuration understands."""
        return frozenset({HIGHLIGHT, *self.marks, *self.roles})

    @cached_property
    def fingerprint(self) -> str:
        """A short digest of everything that changes how an entry is formatted."""
        return hashlib.blake2b(repr(self).encode("utf-8"), digest_size=12).hexdigest()


def with_marked_people(config: CvbibConfig, extra: dict[str, list[str]]) -> CvbibConfig:
    """*config* with *extra* names added to ``marked_people`` (keywords of ``cv_marks`` only).

    Other extensions answer the ``cvbib-marked-people`` event with such names
    (the CV's student entries); the result is part of the cache key, so a new
    student reformats the entries that list them.
    """
    merged = {key: list(names) for key, names in config.marked_people.items()}
    for keyword, names in extra.items():
        if keyword in config.marks:
            merged.setdefault(keyword, []).extend(n for n in names if n and n.strip())
    people = {k: tuple(dict.fromkeys(v)) for k, v in merged.items() if v}
    if people == config.marked_people:
        return config
    return dataclasses.replace(config, marked_people=people)


def store_config(config: Any, validated: CvbibConfig) -> None:
    """Keep the validated options with Sphinx's config, for :func:`get_config`."""
    setattr(config, _VALIDATED_ATTR, validated)


def get_config(config: Any) -> CvbibConfig:
    """The validated options (the defaults if ``config-inited`` has not run)."""
    validated = getattr(config, _VALIDATED_ATTR, None)
    return validated if isinstance(validated, CvbibConfig) else CvbibConfig()
