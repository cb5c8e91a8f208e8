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

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Final

from .bib import DEFAULT_BIBTEX_FIELDS

__all__ = ["DEFAULT_FILES_DIR", "HIGHLIGHT", "CvbibConfig", "get_config", "store_config"]

#: The folder, next to the ``.bib`` file, whose files may be published.
DEFAULT_FILES_DIR: Final = "files"

#: Keywords with a built-in meaning that is not a mark or a role.
HIGHLIGHT = "highlight"

_VALIDATED_ATTR = "_cvbib_validated"


def _default_marks() -> dict[str, tuple[str, str]]:
    return {
        "equal": ("*", "co-first authors"),
        "corresponding": ("\N{DAGGER}", "corresponding author"),
    }


def _default_roles() -> dict[str, str]:
    return {"lead": "Project Lead"}


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
    warn_missing_owner: bool = field(
        default=True,
        metadata={"help": "Warn about an entry in which no author or editor is the owner."},
    )

    max_authors: int = field(
        default=0,
        metadata={
            "help": "The most names shown per entry (0: all); the owner is never hidden.",
        },
    )
    coauthor_urls: dict[str, str] = field(
        default_factory=dict,
        metadata={"help": "A coauthor's name (any form) -> homepage, linked on the web page."},
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

    @cached_property
    def keywords(self) -> frozenset[str]:
        """Every annotation keyword this configuration understands."""
        return frozenset({HIGHLIGHT, *self.marks, *self.roles})

    @cached_property
    def fingerprint(self) -> str:
        """A short digest of everything that changes how an entry is formatted."""
        return hashlib.blake2b(repr(self).encode("utf-8"), digest_size=12).hexdigest()


def store_config(config: Any, validated: CvbibConfig) -> None:
    """Keep the validated options with Sphinx's config, for :func:`get_config`."""
    setattr(config, _VALIDATED_ATTR, validated)


def get_config(config: Any) -> CvbibConfig:
    """The validated options (the defaults if ``config-inited`` has not run)."""
    validated = getattr(config, _VALIDATED_ATTR, None)
    return validated if isinstance(validated, CvbibConfig) else CvbibConfig()
