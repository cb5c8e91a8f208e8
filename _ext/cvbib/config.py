"""cvbib's options: declared once, validated once, read through one accessor.

Every option is a field of :class:`CvbibConfig` with its type, default and help.
``setup_config`` turns the fields into Sphinx config values named ``cv_<field>``;
``validate_config`` runs on ``config-inited``, warns (``type="cvbib"``,
``subtype="config"``) once about each bad value and falls back to the default, so
a typo in ``conf.py`` never stops the CV from building. The rest of the extension
reads the validated values through :func:`get_config` only.

The owner's name is checked here too, not at first use: an empty or unparsable
``cv_owner`` is reported once and replaced by ``""`` (no bold), rather than
reported again for every entry as "no author matches the owner"; a bad alias is
dropped on its own, so the owner and the other aliases still work.

A few of sphinxcontrib-bibtex's own options are checked as well
(``bibtex_bibfiles``, ``bibtex_encoding`` and the referencing styles): a wrong
value there ends the build with a traceback or reads each letter of a file name
as a file, and the CV can be built with a sensible fallback instead.

Sphinx's own type check is switched off for the ``cv_*`` values
(``types=Any``): it would print a second, untyped warning for the same mistake.

All options are registered with ``rebuild="env"``: bold names and marks are
decided when the documents are read, so changing them must re-read the
documents (an incremental build would otherwise keep stale bold names).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

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

    @property
    def keywords(self) -> frozenset[str]:
        """Every annotation keyword this configuration understands."""
        return frozenset({HIGHLIGHT, *self.marks, *self.roles})

    @property
    def fingerprint(self) -> str:
        """A short digest of everything that changes how an entry is formatted."""
        return hashlib.blake2b(repr(self).encode("utf-8"), digest_size=12).hexdigest()


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _check_owner(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a string such as 'Kaiyan Zhang'"
    return None


def _check_aliases(value: Any) -> str | None:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        return "must be a list of strings such as ['Zhang, K.', '张凯岩']"
    if not all(_is_str(item) and item.strip() for item in value):
        return "every alias must be a non-empty string"
    return None


def _check_bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be True or False"


def _check_marks(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a dict such as {'equal': ('*', 'co-first authors')}"
    for key, item in value.items():
        if not (_is_str(key) and key.strip() and key == key.strip().lower()):
            return f"keyword {key!r} must be a non-empty lower-case string"
        if not (
            isinstance(item, list | tuple) and len(item) == 2 and all(_is_str(i) for i in item)
        ):
            return f"the value for {key!r} must be a pair (symbol, legend text)"
        if not item[0].strip():
            return f"the symbol for {key!r} must not be empty"
    return None


def _check_roles(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a dict such as {'lead': 'Project Lead'}"
    for key, item in value.items():
        if not (_is_str(key) and key.strip() and key == key.strip().lower()):
            return f"keyword {key!r} must be a non-empty lower-case string"
        if not (_is_str(item) and item.strip()):
            return f"the role text for {key!r} must be a non-empty string"
    return None


_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "owner": _check_owner,
    "owner_aliases": _check_aliases,
    "match_initials": _check_bool,
    "marks": _check_marks,
    "roles": _check_roles,
    "legend": _check_bool,
    "warn_missing_owner": _check_bool,
}


def _defaults() -> dict[str, Any]:
    instance = CvbibConfig()
    return {f.name: getattr(instance, f.name) for f in dataclasses.fields(CvbibConfig)}


def setup_config(app: Sphinx) -> None:
    """Register ``cv_<field>`` for every field of :class:`CvbibConfig`."""
    for name, default in _defaults().items():
        if isinstance(default, tuple):
            default = list(default)
        app.add_config_value(f"cv_{name}", default, "env")
    app.connect("config-inited", validate_config, priority=400)


def validate_config(app: Sphinx, config: Config) -> None:
    """Check every ``cv_*`` value once; a bad one is warned about and replaced."""
    values: dict[str, Any] = {}
    defaults = _defaults()
    for name, check in _CHECKS.items():
        value = getattr(config, f"cv_{name}")
        problem = check(value)
        if problem is not None:
            logger.warning(
                "conf.py: cv_%s = %r %s; using the default %r instead.",
                name,
                value,
                problem,
                defaults[name],
                type="cvbib",
                subtype="config",
            )
            value = defaults[name]
        values[name] = value
    values["owner_aliases"] = tuple(alias.strip() for alias in values["owner_aliases"])
    values["marks"] = {k: (v[0], v[1]) for k, v in values["marks"].items()}
    clash = set(values["marks"]) & set(values["roles"]) | {HIGHLIGHT} & (
        set(values["marks"]) | set(values["roles"])
    )
    if clash:
        logger.warning(
            "conf.py: keyword(s) %s are defined more than once in cv_marks, cv_roles or as "
            "the built-in 'highlight'; rename one of them.",
            ", ".join(sorted(clash)),
            type="cvbib",
            subtype="config",
        )
    setattr(config, _VALIDATED_ATTR, CvbibConfig(**values))


def get_config(config: Config) -> CvbibConfig:
    """The validated options (the defaults if ``config-inited`` has not run)."""
    validated = getattr(config, _VALIDATED_ATTR, None)
    return validated if isinstance(validated, CvbibConfig) else CvbibConfig()
