"""Names parsed once per spelling and shared by every entry that lists them.

A collaboration's fifty papers list the same 2,900 names, so a ``.bib`` of
them holds 145,000 names but only 2,900 spellings. The reader parses each
spelling once into a :class:`SharedPerson` and puts that one object in every
entry that lists it. Whatever the build derives from a name (its match keys,
its plain text, its BibTeX form) is derived once per spelling too: the
functions that compute it are decorated with :func:`per_spelling`, which keeps
the result on the shared object.

A shared person is never changed after it is made (nothing in a build edits a
name), which is what makes the kept results safe. Any other ``Person`` (made
by a test, by a user's style, by pybtex's own parser) is computed afresh every
time, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import wraps
from operator import attrgetter
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from pybtex.database import Person

from ..upstream.pybtex import split_tex_string

T = TypeVar("T")

#: The prefix of the attributes that hold results kept on a shared person.
_KEPT = "_cvbib_"
#: Each kept function's reader of the kept results (see :func:`kept_all`).
_GETTERS: WeakKeyDictionary[Callable[..., Any], attrgetter[Any]] = WeakKeyDictionary()


class SharedPerson(Person):
    """A pybtex ``Person`` that may be listed by many entries, and is never changed.

    It also keeps whether the name was written "Family, Given" (``comma_form``):
    pybtex's parts do not say, and a name in CJK scripts written without a
    comma puts its family first (:mod:`cvbib.bib.cjk`).
    """

    def __init__(self, string: str = "", **parts: str) -> None:
        super().__init__(string, **parts)
        self.comma_form = not string or len(split_tex_string(string, ",")) > 1

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the name without the kept results (they are recomputed on demand)."""
        return {name: value for name, value in self.__dict__.items() if not name.startswith(_KEPT)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def keeper(label: str, compute: Callable[[Person], T]) -> Callable[[Person], T]:
    """``compute``, computed once per :class:`SharedPerson` and kept on it under *label*.

    For any other person it is computed every time. *label* must be unique to
    what is computed (see :func:`per_spelling`). The result can also be asked
    of a whole list at once (:func:`kept_all`).
    """
    slot = _KEPT + re.sub(r"\W", "_", label)

    def once(person: Person) -> T:
        if type(person) is not SharedPerson:
            return compute(person)
        state = person.__dict__
        try:
            return state[slot]
        except KeyError:
            value = state[slot] = compute(person)
            return value

    _GETTERS[once] = attrgetter(slot)
    return once


def kept_all(function: Callable[[Person], T], persons: Sequence[Person]) -> list[T]:
    """``[function(person) for person in persons]`` for a function made by :func:`keeper`.

    When every person already keeps its result (the second and later entries
    listing a collaboration's 2,900 names), the results are read in one pass
    at C speed, without a Python call per name; otherwise each is computed
    (and kept) one by one.
    """
    getter = _GETTERS.get(function)
    if getter is not None:
        try:
            return list(map(getter, persons))
        except AttributeError:  # a name not met yet, or a person that is not shared
            pass
    return [function(person) for person in persons]


def per_spelling(compute: Callable[[Person], T]) -> Callable[[Person], T]:
    """Decorate a function of one person: for a :class:`SharedPerson`, compute it once.

    The result is kept on the object under the function's qualified name, so
    each decorated function has its own slot and any number of entries listing
    the name share the work.
    """
    label = compute.__module__.rpartition(".")[2] + "." + compute.__qualname__
    return wraps(compute)(keeper(label, compute))


@per_spelling
def spelling(person: Person) -> str:
    """The name as pybtex writes it back ("von Last, Jr, First"): the name's identity."""
    return str(person)


@per_spelling
def is_others(person: Person) -> bool:
    """Whether *person* is BibTeX's ``others`` (from "... and others")."""
    return str(person) == "others"
