"""Dates of CV entries: what the owner writes (ISO 8601 or ``present``) and what it means.

An entry's dates are written as ``2022``, ``2022-09``, ``2022-09-01`` or
``present`` (any case), so that they can be sorted, formatted in any language
and exported (JSON Resume's ``iso8601`` pattern takes exactly these three
forms). Anything else is a :class:`DateProblem` naming what to write instead;
the entry keeps the text as written, so nothing the owner typed is lost.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

__all__ = ["PRESENT", "CvDate", "DateProblem", "DateRange", "parse_date"]

_ISO = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$")
_PRESENT_WORDS = frozenset({"present", "now", "current", "ongoing", "today"})


class DateProblem(ValueError):
    """A date that is not ISO 8601 nor ``present``; the message says what to write."""


@dataclass(frozen=True, order=True)
class CvDate:
    """A calendar date known to the year, the month or the day; or ``present``.

    Ordered by time, ``present`` after every date: sorting newest first puts
    an entry that is still going on at the top.
    """

    year: int
    month: int = 0
    day: int = 0
    present: bool = False

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``: how much the owner wrote."""
        if self.day:
            return "day"
        return "month" if self.month else "year"

    def iso(self) -> str:
        """As written in ISO 8601 (``""`` for ``present``, which has no date)."""
        if self.present:
            return ""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    def sort_key(self) -> tuple[int, int, int, int]:
        return (1, 0, 0, 0) if self.present else (0, self.year, self.month, self.day)


#: The date of something still going on.
PRESENT = CvDate(9999, 12, 31, present=True)


def parse_date(text: str) -> CvDate:
    """``"2022-09"`` -> ``CvDate(2022, 9)``; ``"present"`` -> :data:`PRESENT`.

    Raises :class:`DateProblem` for anything else, with the fix in the message.
    """
    value = text.strip()
    if value.lower() in _PRESENT_WORDS:
        return PRESENT
    match = _ISO.match(value)
    if match is None:
        raise DateProblem(
            f"{value!r} is not a date this CV reads: write it as 2022, 2022-09 or "
            "2022-09-01 (ISO 8601), or 'present'"
        )
    year = int(match["year"])
    month = int(match["month"] or 0)
    day = int(match["day"] or 0)
    if match["month"] is not None and not 1 <= month <= 12:
        raise DateProblem(f"{value!r} has no month {month}: months are 01 to 12")
    if match["day"] is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise DateProblem(f"{value!r} is not a day of {year}-{month:02d}")
    return CvDate(year, month, day)


@dataclass(frozen=True)
class DateRange:
    """When an entry happened: one date (a talk, an award) or a start and an end.

    ``start`` without ``end`` reads "since"; ``end`` alone (a degree's
    completion) is one date. Either may be None when the owner wrote none.
    """

    start: CvDate | None = None
    end: CvDate | None = None

    @property
    def empty(self) -> bool:
        return self.start is None and self.end is None

    @property
    def ongoing(self) -> bool:
        return self.end is not None and self.end.present

    def sort_key(self) -> tuple[tuple[int, int, int, int], tuple[int, int, int, int]]:
        """Newest first sorts by the end (``present`` last), then by the start."""
        end = self.end or self.start
        start = self.start or self.end
        assert end is not None and start is not None
        return (end.sort_key(), start.sort_key())

    def months(self, today: CvDate) -> int | None:
        """Whole months from start to end (to *today* when ongoing), or None."""
        if self.start is None or self.start.present or self.end is None:
            return None
        end = today if self.end.present else self.end
        start_month = self.start.month or 1
        end_month = end.month or 12
        count = (end.year - self.start.year) * 12 + end_month - start_month + 1
        return count if count > 0 else None
