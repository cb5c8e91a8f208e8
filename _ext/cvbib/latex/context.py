"""What decoding depends on besides the text, held in context variables, never in globals.

A build decodes thousands of fields under one ``@preamble`` macro table,
reports the unknown macros and the budget cuts of each entry, and shares a
memo so that each distinct string (a journal, a month, a name) is decoded
once. None of that is process-wide state: each is a :class:`~contextvars.ContextVar`
set for the extent of a ``with`` block, so two builds in one process
(sphinx-autobuild, a test session) never see each other's tables, collectors
or memo, and outside a build :func:`cvbib.latex.decode` simply decodes.

:class:`Decoding` is one build's shared part: the memo, and the count of
fields shown as bare text because the decoder failed on them (logged at
debug level, and counted in the build's summary line).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .preamble import MacroTable

if TYPE_CHECKING:
    from .input import ExpansionCut

__all__ = [
    "EMPTY_TABLE",
    "Decoding",
    "active_decoding",
    "active_table",
    "collect_cuts",
    "collect_unknown",
    "decoding",
    "macros_in_effect",
    "report",
]

EMPTY_TABLE = MacroTable()
#: A memo this large is cleared rather than grown (a long bibliography's
#: distinct strings number in the tens of thousands).
MEMO_LIMIT = 200_000


@dataclass
class Decoding:
    """One build's decoding: the memo of decoded strings and the count of fallbacks."""

    memo: dict[tuple[str, str], Any] = field(default_factory=dict)
    #: Fields shown as bare text because the decoder raised on them.
    fallbacks: int = 0


_TABLE: ContextVar[MacroTable] = ContextVar("cvbib_macro_table", default=EMPTY_TABLE)
_UNKNOWN: ContextVar[tuple[set[str], ...]] = ContextVar("cvbib_unknown", default=())
_CUTS: ContextVar[tuple[list[ExpansionCut], ...]] = ContextVar("cvbib_cuts", default=())
_DECODING: ContextVar[Decoding | None] = ContextVar("cvbib_decoding", default=None)


def active_table() -> MacroTable:
    """The macro table :func:`macros_in_effect` set (empty outside one)."""
    return _TABLE.get()


def active_decoding() -> Decoding | None:
    """The build's :class:`Decoding`, if :func:`decoding` set one."""
    return _DECODING.get()


@contextmanager
def macros_in_effect(table: MacroTable | None) -> Iterator[None]:
    """Make :func:`cvbib.latex.decode` and ``to_plain`` expand the macros of *table*."""
    token = _TABLE.set(table or EMPTY_TABLE)
    try:
        yield
    finally:
        _TABLE.reset(token)


@contextmanager
def decoding(state: Decoding) -> Iterator[Decoding]:
    """Share *state*'s memo (and count its fallbacks) for the strings decoded inside."""
    token = _DECODING.set(state)
    try:
        yield state
    finally:
        _DECODING.reset(token)


@contextmanager
def collect_unknown() -> Iterator[set[str]]:
    """Yield a set that receives the name of every unknown macro decoded inside."""
    names: set[str] = set()
    token = _UNKNOWN.set((*_UNKNOWN.get(), names))
    try:
        yield names
    finally:
        _UNKNOWN.reset(token)


@contextmanager
def collect_cuts() -> Iterator[list[ExpansionCut]]:
    """Yield a list that receives each :class:`~cvbib.latex.input.ExpansionCut` decoded inside.

    A string whose ``@preamble`` macros went over their budget is reported
    every time it is decoded, from the memo too, so that each entry that
    shows it can say so.
    """
    cuts: list[ExpansionCut] = []
    token = _CUTS.set((*_CUTS.get(), cuts))
    try:
        yield cuts
    finally:
        _CUTS.reset(token)


def report(unknown: frozenset[str], cut: ExpansionCut | None) -> None:
    """Tell every collector in effect about a decoded string's unknown macros and cut."""
    if unknown:
        for names in _UNKNOWN.get():
            names.update(unknown)
    if cut is not None:
        for cuts in _CUTS.get():
            cuts.append(cut)
