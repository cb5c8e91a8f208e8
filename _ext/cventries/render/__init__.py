"""The nodes of CV entries and their layout on every builder (:mod:`.visitors`)."""

from __future__ import annotations

from .nodes import (
    cv_date,
    cv_entry,
    cv_entry_aside,
    cv_entry_head,
    cv_entry_line,
    cv_entry_main,
    cv_updated,
)
from .visitors import setup_visitors, text_rows

__all__ = [
    "cv_date",
    "cv_entry",
    "cv_entry_aside",
    "cv_entry_head",
    "cv_entry_line",
    "cv_entry_main",
    "cv_updated",
    "setup_visitors",
    "text_rows",
]
