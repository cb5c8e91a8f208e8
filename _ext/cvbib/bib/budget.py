"""Bounds on what reading a ``.bib`` file may make: long values and ``@string`` expansion.

:mod:`cvbib.bib.parse` builds each value part by part (a literal, a number, a
macro's value, joined by ``#``). Two things can make that far larger than the
file: a value written out at great length (a pasted 50 MB field), and macros
(each use copies the macro's value; a ``@string`` that joins a macro to
itself doubles it, forty such lines make a trillion characters). The parser
asks this module *while* it joins the parts: a value stops at
:data:`~cvbib.limits.MAX_VALUE_LENGTH`, and the macros of one file may add at
most :func:`~cvbib.limits.macro_budget` characters in all, after which each
use becomes empty text. Both are reported as a
:class:`~cvbib.bib.parse.BibProblem` naming the file, the line, the entry (or
``@string``) and the field, and saying what to do; the entry is still read.

One :class:`MacroBudget` belongs to one parser, that is one file of one read:
nothing here outlives the read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..limits import MACRO_BUDGET_BASE, MACRO_BUDGET_FACTOR, MAX_VALUE_LENGTH, macro_budget

__all__ = ["MacroBudget", "ValueCut", "cut_message"]

#: How many of the places where macro uses became empty a message names.
_PLACES_SHOWN = 3


@dataclass(frozen=True)
class ValueCut:
    """A value longer than :data:`~cvbib.limits.MAX_VALUE_LENGTH`, cut to it."""

    field_name: str | None  # None for a @preamble
    pos: int  # offset of the field (or command) in the file
    length: int  # the characters read for it: more than the limit
    #: Whether *length* is the whole value (written out) or what was read of
    #: it before the rest was left out (macros joined with ``#``).
    exact: bool = True


def cut_message(subject: str, cut: ValueCut, kind: str) -> str:
    """Say that a value of *kind* ("entry", "string", "preamble") was cut, and what to do."""
    if kind == "preamble":
        what, rest = "the @preamble", "the rest of it was not read"
    elif kind == "string":
        what, rest = "the value of the macro", "the macro holds the beginning only"
    else:
        what = f"field '{cut.field_name}'"
        rest = "the entry is shown with the beginning of the field only"
    length = f"{cut.length:,}" if cut.exact else f"at least {cut.length:,}"
    return (
        f"{subject}: {what} is {length} characters long, more than the limit of "
        f"{MAX_VALUE_LENGTH:,}; it was cut to its first {MAX_VALUE_LENGTH:,} characters and "
        f"{rest}: shorten it (a long text belongs in a file that the entry links to)"
    )


@dataclass
class MacroBudget:
    """What ``@string`` macros may still add to the values of one file.

    The parser asks :meth:`take` for the value of each use of a defined macro
    that does not fit in what is :attr:`left` (the ones that fit it takes
    itself, without a call): the first such use gets what is left, the later
    ones nothing. A ``@string`` whose value lost text that way is
    :attr:`short`, and so is one that uses a short macro; the uses of short
    macros are counted with the emptied ones (:meth:`note`), so that the
    message names the entries that show less than the file says.
    """

    file_length: int
    left: int = field(init=False)
    #: (place, line, entry key, macro) where the budget ran out; None while it lasts.
    spent_at: tuple[str, int, str | None, str] | None = None
    #: The macros (lower-cased) whose values are shorter than written.
    short: set[str] = field(default_factory=set)
    affected: int = 0
    places: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.left = self.allowance

    @property
    def allowance(self) -> int:
        return macro_budget(self.file_length)

    def take(self, macro: str, value: str, place: str, line: int, key: str | None) -> str:
        """What is left of the budget for the *value* of a use of *macro* that does not fit."""
        if self.spent_at is None:
            self.spent_at = (place, line, key, macro)
            kept, self.left = value[: self.left], 0
            return kept
        self.note(place)
        return ""

    def note(self, place: str) -> None:
        """Count one use, at *place*, that became empty or shorter because of the budget."""
        self.affected += 1
        if place not in self.places:
            self.places.append(place)

    def message(self) -> str:
        """The problem's text: where the budget ran out, what it cost, what to do."""
        assert self.spent_at is not None
        place, _line, _key, macro = self.spent_at
        later = ""
        if self.affected:
            # the entries first: they are what a reader sees shortened
            places = sorted(self.places, key=lambda place: not place.startswith("entry"))
            shown = ", ".join(places[:_PLACES_SHOWN])
            more = len(self.places) - _PLACES_SHOWN
            shown += f" and {more} more" if more > 0 else ""
            uses = "use" if self.affected == 1 else "uses"
            later = (
                f", and the {self.affected:,} macro {uses} after it that it affects "
                f"became empty or shorter text ({shown})"
            )
        return (
            f"{place}: @string macros in this file have added {self.allowance:,} characters to "
            f"its values, its budget ({MACRO_BUDGET_BASE:,} plus {MACRO_BUDGET_FACTOR} times the "
            f"file's length); this use of '{macro}' was cut{later}: look for a @string that joins "
            "a macro to itself with '#' (a1 = a0 # a0 doubles the text at each level) or a long "
            "macro used very many times"
        )
