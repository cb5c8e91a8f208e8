"""Dates as BibTeX and biblatex write them: ``year``, ``month`` and ISO ``date``.

The one place that knows the date forms: the reader fills BibTeX's ``year``
and ``month`` from a plain biblatex ``date``, the CV style shows the years of
a date or range, the publication model gives an ISO date to Google Scholar's
tags and schema.org, and the BibTeX writer leaves out the twins the reader
added. A date beyond plain ISO (an open range, EDTF's ``2024~``) is better
shown as written than guessed at, so these functions answer None for it.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "MONTH_MACROS",
    "PLAIN_DATE",
    "iso_date",
    "month_name",
    "month_number",
    "plain_date_years",
    "year_of_date",
]

#: A biblatex date without EDTF extras: "2024", "2024-05" or "2024-05-01".
PLAIN_DATE: Final = re.compile(r"(\d{4})(?:-(\d{2})(?:-\d{2})?)?")

#: BibTeX's month macros, in order (``month = may``).
MONTH_MACROS: Final = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)

_MONTH_NAMES: Final = (
    ("jan", "january"),
    ("feb", "february"),
    ("mar", "march"),
    ("apr", "april"),
    ("may",),
    ("jun", "june"),
    ("jul", "july"),
    ("aug", "august"),
    ("sep", "sept", "september"),
    ("oct", "october"),
    ("nov", "november"),
    ("dec", "december"),
)
_MONTHS: Final = {
    name: index for index, names in enumerate(_MONTH_NAMES, start=1) for name in names
}


def plain_date_years(date: str) -> str | None:
    """The years of a plain ISO date or range ("2024-05-01" -> "2024", "2023/2024").

    None for anything else (an open range, EDTF "2024~"). The reader fills
    BibTeX's ``year`` with this, and the CV style shows it.
    """
    matches = [PLAIN_DATE.fullmatch(part.strip()) for part in date.split("/")]
    if not all(matches):
        return None
    return "/".join(dict.fromkeys(m.group(1) for m in matches if m is not None))


def year_of_date(date: str) -> str | None:
    """The year of one plain ISO date ("2024-05" -> "2024"), or None."""
    match = PLAIN_DATE.fullmatch(date.strip())
    return match.group(1) if match else None


def month_number(month: str) -> int:
    """1–12 for a month as BibTeX files write it ("may", "May.", "September", "5"), else 0."""
    text = month.strip().lower().rstrip(".")
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else 0
    return _MONTHS.get(text, 0)


#: The months as a date on a CV names them ("March 2023").
_FULL_NAMES: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def month_name(number: int) -> str:
    """ "March" for 3; "" for a number that is no month."""
    return _FULL_NAMES[number - 1] if 1 <= number <= 12 else ""


def iso_date(date: str | None, year: str | None, month: str | None) -> str | None:
    """The publication date in ISO form, as precise as the entry says.

    A plain ``date`` as written; else ``year`` with ``month`` when it names one
    ("2024-05"), or the year alone.
    """
    if date:
        match = PLAIN_DATE.fullmatch(date.strip())
        if match:
            return match.group(0)
    if not year or not re.fullmatch(r"\d{4}", year):
        return None
    number = month_number(month or "")
    return f"{year}-{number:02d}" if number else year
