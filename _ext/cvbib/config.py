"""cvbib's options: declared once, validated once, read through one accessor.

Every option is a field of :class:`cvbib.settings.CvbibConfig` with its type,
default and help. ``setup_config`` turns the fields into Sphinx config values
named ``cv_<field>``;
``validate_config`` runs on ``config-inited``, warns (``type="cvbib"``,
``subtype="config"``) once about each bad value and falls back to the default, so
a typo in ``conf.py`` never stops the CV from building. The rest of the extension
reads the validated values through :func:`cvbib.settings.get_config` only.

The owner's name is checked here too, not at first use: an empty or unparsable
``cv_owner`` is reported once and replaced by ``""`` (no bold), rather than
reported again for every entry as "no author matches the owner"; a bad alias is
dropped on its own, so the owner and the other aliases still work.

A few of sphinxcontrib-bibtex's own options are checked as well
(``bibtex_bibfiles``, ``bibtex_encoding`` and the referencing styles): a wrong
value there ends the build with a traceback or reads each letter of a file name
as a file, and the CV can be built with a sensible fallback instead. An unset
``bibtex_bibfiles`` means ``["refs.bib"]`` when that file exists.

Sphinx's own type check is switched off for the ``cv_*`` values
(``types=Any``): it would print a second, untyped warning for the same mistake.

All options are registered with ``rebuild="env"``: a changed option re-reads
every document, so every bibliography is written again; the options are also
part of each cached entry's key, so no entry keeps a stale bold name or mark.
"""

from __future__ import annotations

import codecs
import dataclasses
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .model import SELECTED_KEYWORD_RE, TOOL_DIRS
from .people import InvalidName, parse_owner_name
from .settings import HIGHLIGHT, CvbibConfig, store_config

logger = logging.getLogger(__name__)


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _check_owner(value: Any) -> str | None:
    # Only the type: whether the text names someone is _usable_owner's question.
    if not isinstance(value, str):
        return "must be a string such as 'Kaiyan Zhang'"
    return None


def _check_aliases(value: Any) -> str | None:
    # Only the container: each alias is checked (and dropped alone) by _usable_aliases.
    if isinstance(value, str) or not isinstance(value, list | tuple):
        return "must be a list of strings such as ['Zhang, K.', '张凯岩']"
    return None


def _check_native(value: Any) -> str | None:
    # Only the type: whether the text names someone is _usable_native's question.
    if not isinstance(value, str):
        return "must be a string: the owner's name in another script, such as '张凯岩'"
    return None


def _check_bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be True or False"


def _bad_keyword(key: Any) -> str | None:
    """What is wrong with an annotation keyword used as a key of cv_marks / cv_roles."""
    if _is_str(key) and key.strip() and key == key.strip().lower():
        return None
    return f"keyword {key!r} must be a non-empty lower-case string"


def _check_marks(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a dict such as {'equal': ('*', 'co-first authors')}"
    for key, item in value.items():
        if problem := _bad_keyword(key):
            return problem
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
        if problem := _bad_keyword(key):
            return problem
        if not (_is_str(item) and item.strip()):
            return f"the role text for {key!r} must be a non-empty string"
    return None


def _check_max_authors(value: Any) -> str | None:
    if value == "auto":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return (
            "must be 'auto' (every name up to 50, the first 10 of a longer list) or a whole "
            "number: 0 shows every name, 8 shows at most eight"
        )
    if 0 < value < 2:
        return "must be 0 (no limit) or at least 2, so that a list can show a name and the owner"
    return None


def _check_collaborations(value: Any) -> str | None:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        return "must be a list of collaboration names such as ['ATLAS', 'CMS']"
    if not all(_is_str(item) and item.strip() for item in value):
        return "must hold collaboration names (non-empty strings) only, such as ['ATLAS']"
    return None


def _check_coauthor_urls(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a dict such as {'Bowen Zhou': 'https://example.org/~zhou'}"
    for name, url in value.items():
        if not (_is_str(name) and name.strip()):
            return f"the name {name!r} must be a non-empty string"
        if not (_is_str(url) and url.strip().lower().startswith(("http://", "https://"))):
            return f"the URL for {name!r} must be an http(s) URL, not {url!r}"
    return None


def _check_marked_people(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a dict such as {'student': ['Jane Doe', 'Li Wei']}"
    for key, names in value.items():
        if problem := _bad_keyword(key):
            return problem
        if isinstance(names, str) or not isinstance(names, list | tuple):
            return f"the names for {key!r} must be a list of names"
        if not all(_is_str(name) and name.strip() for name in names):
            return f"the names for {key!r} must be non-empty strings"
    return None


def _check_files_dir(value: Any) -> str | None:
    if not (_is_str(value) and value.strip()):
        return "must name a folder next to the .bib file, such as 'files'"
    path = PurePosixPath(value.strip().replace("\\", "/"))
    if path.is_absolute() or ":" in value or not path.parts or ".." in path.parts:
        return "must be a folder inside the project, relative to the .bib file, such as 'files'"
    if any(part.startswith(".") or part in TOOL_DIRS for part in path.parts):
        return "must not be hidden or a build or tool folder (_build, node_modules, ...)"
    return None


def _check_selected_keyword(value: Any) -> str | None:
    if _is_str(value) and SELECTED_KEYWORD_RE.match(value):
        return None
    return "must be one lower-case keyword of letters, digits, '-' or '_', such as 'selected'"


def _check_field_names(value: Any) -> str | None:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        return "must be a list of field names such as ['keywords', 'file']"
    if not all(_is_str(item) and item.strip() for item in value):
        return "must hold field names (non-empty strings) only"
    return None


_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "owner": _check_owner,
    "owner_aliases": _check_aliases,
    "owner_native": _check_native,
    "match_initials": _check_bool,
    "marks": _check_marks,
    "roles": _check_roles,
    "legend": _check_bool,
    "collaborations": _check_collaborations,
    "warn_missing_owner": _check_bool,
    "max_authors": _check_max_authors,
    "coauthor_urls": _check_coauthor_urls,
    "marked_people": _check_marked_people,
    "bibtex_fields": _check_field_names,
    "bibtex_strip_fields": _check_field_names,
    "files_dir": _check_files_dir,
    "publication_pages": _check_bool,
    "selected_keyword": _check_selected_keyword,
}

#: What happens instead of a bad value, when "using the default" says too little.
_CONSEQUENCES = {"owner": "no name will be bold until it is fixed"}

#: sphinxcontrib-bibtex's defaults for the options checked here.
_BIBTEX_ENCODING_DEFAULT = "utf-8-sig"
_REFERENCE_STYLES = {
    "bibtex_reference_style": "label",
    "bibtex_foot_reference_style": "foot",
}


def _defaults() -> dict[str, Any]:
    instance = CvbibConfig()
    return {f.name: getattr(instance, f.name) for f in dataclasses.fields(CvbibConfig)}


def _warn(message: str, *args: Any) -> None:
    """One configuration warning; every one starts with "conf.py:" to say where to look."""
    logger.warning("conf.py: " + message, *args, type="cvbib", subtype="config")


def setup_config(app: Sphinx) -> None:
    """Register ``cv_<field>`` for every field of :class:`CvbibConfig`."""
    for name, default in _defaults().items():
        if isinstance(default, tuple):
            default = list(default)
        # types=Any: validate_config checks the values, with a message that says
        # what to write; Sphinx's own check would add a second, vaguer warning.
        app.add_config_value(f"cv_{name}", default, "env", types=frozenset({Any}))
    app.connect("config-inited", validate_config, priority=400)


def validate_config(app: Sphinx, config: Config) -> None:
    """Check every ``cv_*`` value once; a bad one is warned about and replaced."""
    values, replaced = _typed_values(config)
    values["owner"] = _usable_owner(values["owner"], already_warned="owner" in replaced)
    values["owner_aliases"] = _usable_aliases(values["owner_aliases"])
    values["owner_native"] = _usable_native(values["owner_native"])
    if values["owner_native"] and values["owner_native"] not in values["owner_aliases"]:
        # Matched as one more spelling of the owner, whatever the list's language.
        values["owner_aliases"] = (*values["owner_aliases"], values["owner_native"])
    values["marks"] = {k: (v[0], v[1]) for k, v in values["marks"].items()}
    _check_keyword_clash(values["marks"], values["roles"])
    for name in ("bibtex_fields", "bibtex_strip_fields"):
        values[name] = tuple(f.strip().lower() for f in values[name])
    values["collaborations"] = tuple(" ".join(c.split()) for c in values["collaborations"])
    values["files_dir"] = PurePosixPath(values["files_dir"].strip().replace("\\", "/")).as_posix()
    values["coauthor_urls"] = _usable_coauthors(values["coauthor_urls"])
    values["marked_people"] = _usable_marked_people(values["marked_people"], values["marks"])
    store_config(config, CvbibConfig(**values))
    _validate_bibtex_options(app, config)


def _typed_values(config: Config) -> tuple[dict[str, Any], set[str]]:
    """Every option, with a value of the wrong shape replaced by its default (warned)."""
    values: dict[str, Any] = {}
    replaced: set[str] = set()
    defaults = _defaults()
    for name, check in _CHECKS.items():
        value = getattr(config, f"cv_{name}")
        if name == "max_authors" and isinstance(value, str) and value.strip().isdigit():
            # sphinx-build -D cv_max_authors=8: a string, as the default ("auto") is one.
            value = int(value.strip())
        if name in ("owner_aliases", "collaborations") and isinstance(value, str):
            # One name without the list around it: its meaning is clear, so keep it.
            _warn("cv_%s = %r must be a list: it was read as [%r]", name, value, value)
            value = [value]
        problem = check(value)
        if problem is not None:
            consequence = _CONSEQUENCES.get(name, f"using the default {defaults[name]!r} instead")
            _warn("cv_%s = %r %s; %s", name, value, problem, consequence)
            value = defaults[name]
            replaced.add(name)
        values[name] = value
    return values, replaced


def _usable_owner(owner: str, already_warned: bool) -> str:
    """The owner's name if it names someone, else ``""`` (warned once).

    ``""`` switches the owner off everywhere: nothing is bold and no entry is
    reported as lacking the owner, since the one warning here already says why.
    """
    if not owner.strip():
        if not already_warned:
            _warn(
                "cv_owner is not set, so no name will be bold: "
                "set cv_owner = 'First Last' to the CV owner's name"
            )
        return ""
    try:
        parse_owner_name(owner, label="owner name")
    except InvalidName as exc:
        _warn("cv_owner: %s; no name will be bold until it is fixed", exc)
        return ""
    return owner


def _usable_aliases(aliases: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The aliases that name someone, stripped; each bad one is dropped alone (warned)."""
    usable: list[str] = []
    for index, alias in enumerate(aliases, start=1):
        if not isinstance(alias, str):
            _warn(
                "cv_owner_aliases: alias %d is %r, not a string; this alias is ignored: "
                "write it as a name in quotes, such as 'Zhang, K.'",
                index,
                alias,
            )
            continue
        try:
            parse_owner_name(alias, label=f"alias {index}")
        except InvalidName as exc:
            _warn("cv_owner_aliases: %s; this alias is ignored: fix or remove it", exc)
            continue
        usable.append(alias.strip())
    return tuple(usable)


def _usable_native(native: str) -> str:
    """``cv_owner_native`` if it names someone, else ``""`` (warned)."""
    if not native.strip():
        return ""
    try:
        parse_owner_name(native, label="native name")
    except InvalidName as exc:
        _warn("cv_owner_native: %s; it is ignored: fix or remove it", exc)
        return ""
    return native.strip()


def _usable_coauthors(urls: dict[str, str]) -> dict[str, str]:
    """The coauthor links whose names parse (each bad name is dropped alone, warned)."""
    usable: dict[str, str] = {}
    for name, url in urls.items():
        try:
            parse_owner_name(name, label="coauthor")
        except InvalidName as exc:
            _warn("cv_coauthor_urls: %s; this link is ignored: fix or remove it", exc)
            continue
        usable[name.strip()] = url.strip()
    return usable


def _usable_marked_people(
    people: dict[str, list[str]], marks: dict[str, Any]
) -> dict[str, tuple[str, ...]]:
    """The marked people whose keyword is a mark; a name that does not parse is dropped."""
    usable: dict[str, tuple[str, ...]] = {}
    for keyword, names in people.items():
        if keyword not in marks:
            _warn(
                "cv_marked_people: %r is not a keyword of cv_marks, so these names get no "
                "mark: add it to cv_marks, such as cv_marks[%r] = ('\u2021', 'student')",
                keyword,
                keyword,
            )
            continue
        kept = []
        for name in names:
            try:
                parse_owner_name(name, label="marked person")
            except InvalidName as exc:
                _warn("cv_marked_people: %s; this name is ignored: fix or remove it", exc)
                continue
            kept.append(name.strip())
        usable[keyword] = tuple(kept)
    return usable


def _check_keyword_clash(marks: dict[str, Any], roles: dict[str, str]) -> None:
    """A keyword defined twice would make an annotation mean two things."""
    clash = set(marks) & set(roles) | {HIGHLIGHT} & (set(marks) | set(roles))
    if clash:
        _warn(
            "keyword(s) %s are defined more than once in cv_marks, cv_roles or as "
            "the built-in 'highlight'; rename one of them.",
            ", ".join(sorted(clash)),
        )


# --------------------------------------------------------------------------
# sphinxcontrib-bibtex's options
# --------------------------------------------------------------------------


def _validate_bibtex_options(app: Sphinx, config: Config) -> None:
    """Repair the sphinxcontrib-bibtex options whose bad values would break the build.

    Runs on ``config-inited``, before sphinxcontrib-bibtex reads them on
    ``builder-inited``, and writes the repaired values back into the config so
    that cvbib's reader and sphinxcontrib-bibtex's cache check see the same files.
    """
    if "bibtex_bibfiles" in config:
        confdir = Path(app.confdir)
        if config.bibtex_bibfiles is None:
            config.bibtex_bibfiles = _default_bibfiles(confdir)
        else:
            config.bibtex_bibfiles = _usable_bibfiles(config.bibtex_bibfiles, confdir)
    if "bibtex_encoding" in config:
        config.bibtex_encoding = _usable_encoding(config.bibtex_encoding)
    for name, default in _REFERENCE_STYLES.items():
        if name in config:
            setattr(config, name, _usable_reference_style(name, getattr(config, name), default))


#: The bib file a CV project has by convention (the README says to replace it).
DEFAULT_BIBFILE = "refs.bib"


def _default_bibfiles(confdir: Path) -> list[str]:
    """What to read when ``bibtex_bibfiles`` is not set.

    sphinxcontrib-bibtex stops the build ("You must configure the
    bibtex_bibfiles setting"); a CV project configured with just
    ``extensions`` and ``cv_owner`` reads its ``refs.bib`` instead, and one
    without it is built without publications (warned).
    """
    if (confdir / DEFAULT_BIBFILE).is_file():
        logger.info("cvbib: bibtex_bibfiles is not set; reading %s", DEFAULT_BIBFILE)
        return [DEFAULT_BIBFILE]
    _warn(
        "bibtex_bibfiles is not set and there is no %s next to conf.py, so no "
        "publications are read: set bibtex_bibfiles = ['your.bib']",
        DEFAULT_BIBFILE,
    )
    return []


def _usable_bibfiles(value: Any, confdir: Path) -> list[str]:
    """``bibtex_bibfiles`` as a list of distinct file names.

    A bare string would be read letter by letter as file names; a file listed
    twice would have every entry reported as a duplicate key.
    """
    if isinstance(value, str):
        _warn(
            "bibtex_bibfiles = %r must be a list: it was read as [%r]; write "
            "bibtex_bibfiles = [%r]",
            value,
            value,
            value,
        )
        value = [value]
    if not isinstance(value, list | tuple):
        _warn(
            "bibtex_bibfiles = %r must be a list of file names such as ['refs.bib']; "
            "no bibliography file is read",
            value,
        )
        return []
    names: list[str] = []
    seen: set[Path] = set()
    for name in value:
        if not isinstance(name, str) or not name.strip():
            _warn(
                "bibtex_bibfiles: %r is not a file name; it is ignored: write file names "
                "relative to the source directory, such as 'refs.bib'",
                name,
            )
            continue
        path = (confdir / name).resolve()
        if path in seen:
            _warn("bibtex_bibfiles lists %r twice; it is read once: remove the repeat", name)
            continue
        seen.add(path)
        names.append(name)
    return names


def _usable_encoding(value: Any) -> str:
    """``bibtex_encoding`` if Python knows it, else sphinxcontrib-bibtex's default."""
    try:
        codecs.lookup(value)
    except (LookupError, TypeError):
        _warn(
            "bibtex_encoding = %r is not an encoding Python knows; the bibliography files "
            "are read as %r instead: write a name such as 'utf-8' or 'latin-1'",
            value,
            _BIBTEX_ENCODING_DEFAULT,
        )
        return _BIBTEX_ENCODING_DEFAULT
    return str(value)


def _usable_reference_style(name: str, value: Any, default: str) -> str:
    """A referencing style sphinxcontrib-bibtex can load, else its default."""
    from .upstream.sphinxcontrib_bibtex import find_plugin

    try:
        find_plugin("sphinxcontrib.bibtex.style.referencing", value)
    except (ImportError, TypeError):
        _warn(
            "%s = %r is not a referencing style sphinxcontrib-bibtex knows; using %r "
            "instead: write one such as 'label', 'author_year' or 'super'",
            name,
            value,
            default,
        )
        return default
    return str(value)
