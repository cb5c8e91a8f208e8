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

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from pybtex.database import Person

T = TypeVar("T")

#: The prefix of the attributes that hold results kept on a shared person.
_KEPT = "_cvbib_"


class SharedPerson(Person):
    """A pybtex ``Person`` that may be listed by many entries, and is never changed."""

    def __getstate__(self) -> dict[str, Any]:
        """Pickle the name without the kept results (they are recomputed on demand)."""
        return {name: value for name, value in self.__dict__.items() if not name.startswith(_KEPT)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)


def keeper(label: str, compute: Callable[[Person], T]) -> Callable[[Person], T]:
    """``compute``, computed once per :class:`SharedPerson` and kept on it under *label*.

    For any other person it is computed every time. *label* must be unique to
    what is computed (see :func:`per_spelling`).
    """
    slot = _KEPT + label

    def once(person: Person) -> T:
        if type(person) is not SharedPerson:
            return compute(person)
        state = person.__dict__
        try:
            return state[slot]
        except KeyError:
            value = state[slot] = compute(person)
            return value

    return once


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
