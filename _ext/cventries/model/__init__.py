"""The model of CV entries: kinds and their facts, dates, and an entry as data.

The lowest layer of :mod:`cventries`: no Sphinx, no docutils. Dates
(:mod:`.dates`), the kinds of entry (:mod:`.types`) and one entry
(:mod:`.entry`).
"""

from __future__ import annotations

from .dates import PRESENT, CvDate, DateProblem, DateRange, parse_date
from .entry import CvEntry
from .types import COMMON, ENTRY_TYPES, GENERIC, EntryType, Fact, entry_type

__all__ = [
    "COMMON",
    "ENTRY_TYPES",
    "GENERIC",
    "PRESENT",
    "CvDate",
    "CvEntry",
    "DateProblem",
    "DateRange",
    "EntryType",
    "Fact",
    "entry_type",
    "parse_date",
]
