"""Every date and label of an entry as the reader sees it: the one place to translate.

Dates go through Babel (CLDR skeletons, so each language orders and names
months its own way: "Sept 2022 – Jun 2026", "2022年9月 – 2026年6月",
"Sept. 2022 – Juni 2026"), in the locale of Sphinx's ``language`` unless
``cv_date_locale`` says otherwise; the few words an entry shows ("present",
"Advisor", "Invited talk", "Last updated") are in :data:`LABELS` and the
facts' labels, and pass through :func:`label`, which translates them with
cventries' message catalog (``locale/<lang>/LC_MESSAGES/cventries.po``,
Sphinx's ``get_translation``). Nothing else in :mod:`cventries` formats a
date or writes an English word.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton
from babel.numbers import format_decimal
from babel.units import format_unit

from cvbib.i18n import N_, translator

from .model import CvDate, DateRange
from .settings import EntriesSettings

__all__ = ["CATALOG", "LABELS", "LOCALE_DIR", "DateFormatter", "_", "label", "locale_of"]

#: cventries' message catalog: ``_ext/cventries/locale/<lang>/LC_MESSAGES/cventries.po``.
CATALOG = "cventries"
LOCALE_DIR = Path(__file__).parent / "locale"

_ = translator(CATALOG)

#: Every English word an entry may show, by key.
LABELS = {
    "present": N_("present"),
    "last_updated": N_("Last updated"),
    "invited": N_("Invited talk"),
    "contributed": N_("Contributed talk"),
    "keynote": N_("Keynote"),
    "poster": N_("Poster"),
    "seminar": N_("Seminar"),
    "panel": N_("Panel"),
    "students": N_("{count} students"),
    "degree_in": N_("{degree} in {area}"),
}


def label(key: str, default: str = "") -> str:
    """The words for *key* in the build's language; a fact's label (``fact:advisor``)
    is its own default. A word the catalog lacks is shown as written."""
    return _(LABELS.get(key, default or key))


def locale_of(settings: EntriesSettings, language: str | None) -> Locale:
    """The locale of dates: ``cv_date_locale``, else Sphinx's language (``en`` as en_GB)."""
    name = settings.date_locale or (language or "en")
    if name in ("en", "en_US") and not settings.date_locale:
        name = "en_GB"
    try:
        return Locale.parse(name.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en_GB")


@dataclass(frozen=True)
class DateFormatter:
    """Dates and ranges in the CV's one format."""

    settings: EntriesSettings
    locale: Locale

    def date(self, value: CvDate) -> str:
        if value.present:
            return label("present")
        day = datetime.date(value.year, value.month or 1, value.day or 1)
        skeleton = self.settings.date_format.get(value.precision, "y")
        return str(format_skeleton(skeleton, day, locale=self.locale))

    def range(self, dates: DateRange, today: CvDate | None = None) -> str:
        """ "Sept 2022 – Jun 2026"; one date alone; "" without dates."""
        parts = [self.date(d) for d in (dates.start, dates.end) if d is not None]
        if len(parts) == 2 and parts[0] == parts[1]:
            parts = parts[:1]
        text = self.settings.date_separator.join(parts)
        if self.settings.date_durations and today is not None:
            months = dates.months(today)
            if months:
                text += f" ({self.duration(months)})"
        return text

    def duration(self, months: int) -> str:
        years, rest = divmod(months, 12)
        pieces = []
        if years:
            pieces.append(format_unit(years, "duration-year", length="short", locale=self.locale))
        if rest:
            pieces.append(format_unit(rest, "duration-month", length="short", locale=self.locale))
        return " ".join(str(p) for p in pieces)

    def amount(self, value: str, currency: str) -> str:
        """ "1200000" + "USD" -> "USD 1,200,000" (the number grouped for the locale)."""
        try:
            number = Decimal(value.replace(",", "").replace("_", "").strip())
        except InvalidOperation:
            return " ".join(filter(None, [currency, value]))
        shown = format_decimal(number, locale=self.locale)
        return " ".join(filter(None, [currency.strip().upper(), str(shown)]))

    def updated(self, day: datetime.date) -> str:
        skeleton = self.settings.last_updated_format
        shown = format_skeleton(skeleton, day, locale=self.locale)
        return _("{label}: ").format(label=label("last_updated")) + shown


def is_amount(value: str) -> bool:
    try:
        Decimal(value.replace(",", "").replace("_", "").strip())
    except InvalidOperation:
        return False
    return True
