"""cventries' options: registered as ``cv_<name>``, checked once, read through one accessor.

A bad value is warned about (``type="cventries"``, ``subtype="config"``) and
replaced by its default, so a typo in ``conf.py`` never stops the CV from
building. Babel checks the locale and the date skeletons here, once, rather
than failing on the first entry.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .settings import EntriesSettings, store_settings

__all__ = ["setup_config"]

logger = logging.getLogger(__name__)

_PRECISIONS = ("year", "month", "day")


def _check_bool(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be True or False"


def _check_str(value: Any) -> str | None:
    return None if isinstance(value, str) else "must be a string"


def _skeleton_problem(skeleton: Any) -> str | None:
    if not isinstance(skeleton, str) or not skeleton.strip():
        return "must be a CLDR date skeleton such as 'yMMM'"
    try:
        format_skeleton(skeleton, datetime.date(2022, 9, 1), locale="en")
    except Exception as exc:  # Babel's own words for a broken skeleton
        return f"is not a date skeleton Babel reads ({exc})"
    return None


def _check_date_format(value: Any) -> str | None:
    if not isinstance(value, dict) or set(value) - set(_PRECISIONS):
        return "must be a dict with the keys 'year', 'month', 'day', such as {'month': 'yMMM'}"
    for key, skeleton in value.items():
        problem = _skeleton_problem(skeleton)
        if problem:
            return f"[{key!r}] {problem}"
    return None


def _check_locale(value: Any) -> str | None:
    if not isinstance(value, str):
        return "must be a locale name such as 'de' or 'zh_Hans', or ''"
    if not value:
        return None
    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return "is not a locale Babel knows: write one such as 'en_GB', 'de' or 'zh_Hans'"
    return None


def _check_order(value: Any) -> str | None:
    return None if value in ("newest", "source") else "must be 'newest' or 'source'"


def _check_mark(value: Any) -> str | None:
    if not isinstance(value, str) or value != value.strip().lower():
        return "must be a lower-case cv_marks keyword such as 'student', or ''"
    return None


_CHECKS: dict[str, Callable[[Any], str | None]] = {
    "date_format": _check_date_format,
    "date_locale": _check_locale,
    "date_separator": _check_str,
    "date_durations": _check_bool,
    "entry_order": _check_order,
    "last_updated": _check_bool,
    "last_updated_format": _skeleton_problem,
    "data_exports": _check_bool,
    "student_mark": _check_mark,
}


def _defaults() -> dict[str, Any]:
    instance = EntriesSettings()
    return {f.name: getattr(instance, f.name) for f in dataclasses.fields(EntriesSettings)}


def validate(app: Sphinx, config: Config) -> None:
    defaults = _defaults()
    values: dict[str, Any] = {}
    for name, check in _CHECKS.items():
        value = getattr(config, f"cv_{name}")
        problem = check(value)
        if problem is not None:
            logger.warning(
                "conf.py: cv_%s = %r %s; using the default %r instead",
                name,
                value,
                problem,
                defaults[name],
                type="cventries",
                subtype="config",
            )
            value = defaults[name]
        values[name] = value
    values["date_format"] = {**defaults["date_format"], **values["date_format"]}
    store_settings(config, EntriesSettings(**values))


def setup_config(app: Sphinx) -> None:
    for name, default in _defaults().items():
        app.add_config_value(f"cv_{name}", default, "env", types=frozenset({Any}))
    app.connect("config-inited", validate, priority=400)
