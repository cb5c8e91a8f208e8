"""Every name a style formats, through cvbib: the owner bold, marks, CJK order.

A pybtex style formats each person with ``style.format_name``; during a
build that is a :class:`MarkingNameFormatter`, which adds the marks of the
entry being formatted and writes a name in CJK scripts family name first,
without a space ("田中宏"), whatever the style's name template would do
with it (pybtex's give "宏 田中", or "H. 田中" abbreviated).
"""

from __future__ import annotations

from collections.abc import Callable

from pybtex.database import Person
from pybtex.style.template import Node, join

from ..bib import cjk_name, is_others
from ..people import EntryMarks, decorate


class MarkingNameFormatter:
    """A drop-in for ``style.format_name`` that applies the current entry's marks.

    ``current`` is set by the caller around each ``format_entry`` call; styles
    format entries one at a time, so a single slot is enough.
    """

    def __init__(self, format_name: Callable[[Person, bool], Node]) -> None:
        self._format_name = format_name
        self.current: EntryMarks | None = None

    def __call__(self, person: Person, abbr: bool = False) -> Node | str:
        if is_others(person):
            return "et al."
        cjk = cjk_name(person)
        text = join[cjk] if cjk is not None else self._format_name(person, abbr)
        marks = self.current.by_person.get(id(person)) if self.current else None
        return decorate(text, marks) if marks else text
