"""One CV entry as data: its kind, its facts, its dates and its highlights.

What the directive read, checked, kept in the build environment for the
outputs that are not the page: ``resume.json``, the page's JSON-LD, the
students whose names are marked in author lists. Plain, immutable and
picklable, so it survives incremental builds and parallel reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import CvDate, DateRange
from .types import ENTRY_TYPES, GENERIC, EntryType

__all__ = ["CvEntry"]


@dataclass(frozen=True)
class CvEntry:
    """An entry of the CV, in the order the page shows it."""

    type: str
    #: Fact name -> the text the owner wrote (after aliases are resolved).
    facts: dict[str, str]
    dates: DateRange = field(default_factory=DateRange)
    #: The bullet items (or paragraphs) of the entry's own MyST text, as plain text.
    highlights: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    docname: str = ""
    line: int | None = None
    #: The section (its id) the entry is in, e.g. "education".
    section: str = ""

    @property
    def kind(self) -> EntryType:
        return ENTRY_TYPES.get(self.type, GENERIC)

    def get(self, name: str) -> str:
        return self.facts.get(name, "")

    @property
    def title(self) -> str:
        return self.get(self.kind.argument)

    @property
    def start(self) -> CvDate | None:
        return self.dates.start

    @property
    def end(self) -> CvDate | None:
        return self.dates.end
