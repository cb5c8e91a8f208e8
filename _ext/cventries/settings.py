"""cventries' options as one frozen value, declared with their defaults and help.

Registered as ``cv_<name>`` Sphinx config values and validated once on
``config-inited`` by :mod:`cventries.config`, which stores the result on the
config for :func:`get_settings`; every other module reads that, never
``app.config.cv_*`` directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["DEFAULT_DATE_FORMAT", "EntriesSettings", "get_settings", "store_settings"]

#: CLDR skeletons (Babel) per precision of a date: "Sept 2022", "2022", "1 Sept 2022".
DEFAULT_DATE_FORMAT = {"year": "y", "month": "yMMM", "day": "yMMMd"}

_ATTR = "_cventries_settings"


def _date_format() -> dict[str, str]:
    return dict(DEFAULT_DATE_FORMAT)


@dataclass(frozen=True)
class EntriesSettings:
    """The validated options of CV entries (``cv_<name>`` in ``conf.py``)."""

    date_format: dict[str, str] = field(
        default_factory=_date_format,
        metadata={
            "help": "CLDR date skeletons (Babel) for a date known to the year, the month "
            "or the day; the locale decides the order and the month names."
        },
    )
    date_locale: str = field(
        default="",
        metadata={
            "help": "The locale of dates ('de', 'zh_Hans'); '' follows Sphinx's language, "
            "English as en_GB ('Sept 2022')."
        },
    )
    date_separator: str = field(
        default=" \N{EN DASH} ", metadata={"help": "Between the start and the end of a range."}
    )
    date_durations: bool = field(
        default=False,
        metadata={"help": "Add the length of each range: 'Sept 2022 – Jun 2026 (3 yrs 10 mths)'."},
    )
    entry_order: str = field(
        default="newest",
        metadata={
            "help": "'newest': the entries of a section newest first (ongoing ones on top); "
            "'source': as written."
        },
    )
    last_updated: bool = field(
        default=True, metadata={"help": "'Last updated: <date>' at the end of the CV."}
    )
    last_updated_format: str = field(
        default="yMMMd", metadata={"help": "The CLDR skeleton of the 'Last updated' date."}
    )
    data_exports: bool = field(
        default=True,
        metadata={"help": "Write resume.json and publications.json at the site's root."},
    )
    student_mark: str = field(
        default="student",
        metadata={
            "help": "The cv_marks keyword given to the owner's students and mentees in "
            "author lists ('' turns the marking off)."
        },
    )


def store_settings(config: Any, settings: EntriesSettings) -> None:
    setattr(config, _ATTR, settings)


def get_settings(config: Any) -> EntriesSettings:
    """The validated options (the defaults before ``config-inited``)."""
    found = getattr(config, _ATTR, None)
    return found if isinstance(found, EntriesSettings) else EntriesSettings()
