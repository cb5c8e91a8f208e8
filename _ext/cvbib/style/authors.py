"""Author lists as a CV shows them: every name, "et al." for ``others``, owner kept.

pybtex's ``names`` joins every name with "and"; a CV's list says "A, B, and
C", ends a cut list with "et al." rather than "and others", and, past
``cv_max_authors`` names, shows the first ones, the owner where they stand,
and "and N more" (the hidden names kept for the web page to reveal in place).
Every name goes through ``style.format_name``, so cvbib's marking formatter
(:mod:`cvbib.style.marking`) bolds the owner and adds the marks. A
collaboration named by a field (INSPIRE's ``collaboration = "ATLAS"``) comes
first, "ATLAS Collaboration, Georges Aad et al.", in bold where the owner is
a member the list does not name (:mod:`cvbib.people.collaborations`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pybtex.database import Entry, Person
from pybtex.exceptions import PybtexError
from pybtex.richtext import Tag, Text
from pybtex.style.template import FieldIsMissing, Node, first_of, join, node, optional, sentence

from ..bib import is_others, kept_all
from ..i18n import N_, _, number
from ..latex import decode
from ..people import Collaboration, collaboration_of, plain_name
from ..text import Classed, Collapsed

__all__ = [
    "ET_AL",
    "NAME_SEPARATORS",
    "author_list",
    "collaboration_first",
    "creators_template",
    "names_template",
]

#: What a trailing ``and others`` in a name list becomes.
ET_AL = N_("et al.")

#: The name separators of the CV: "A and B", "A, B, and C".
NAME_SEPARATORS: Mapping[str, str] = {"sep": ", ", "sep2": " and ", "last_sep": ", and "}

#: Errors that formatting a name raises on text it cannot parse: pybtex's "unbalanced
#: braces" (a PybtexError) and a decoding error of a user's own name style.
_DECODE_ERRORS = (PybtexError, UnicodeError, ValueError)


def _format_person(style: Any, person: Person, context: Mapping[str, Any]) -> Text:
    """Format one person through ``style.format_name``.

    Every real person goes through ``style.format_name``, so that a caller can wrap
    that method on a style instance (to bold the CV's owner, say).  It may return a
    template, as pybtex's name styles do, or rich text.  If the name's LaTeX cannot
    be decoded, the name is shown decoded leniently instead of aborting the build.
    """
    try:
        formatted = style.format_name(person, style.abbreviate_names)
        format_data = getattr(formatted, "format_data", None)
        if format_data is not None:
            formatted = format_data(context)
        return Text(formatted)
    except _DECODE_ERRORS:
        return decode(str(person))


@node
def author_list(
    children: Sequence[Any], context: Mapping[str, Any], role: str, **kwargs: Any
) -> Text:
    """Format the persons of *role* like pybtex's ``names``, with "et al." for ``others``.

    A trailing ``others`` (BibTeX's "and others") means the list is cut short, so it
    is not joined with "and": "A et al.", "A, B, et al.", "A, B, C, et al.", and
    ``others`` alone is "et al.".  Without ``others`` the names are joined with the
    ``sep``/``sep2``/``last_sep`` keyword arguments, as ``names`` joins them; ``sep``
    defaults to ", " rather than to nothing, since run-together names are never
    wanted.  Raises ``FieldIsMissing`` when the entry has no such role, like ``names``.

    A list longer than ``cv_max_authors`` is truncated without hiding the owner
    (see :func:`_truncated`).
    """
    if children:
        raise ValueError(children)
    entry = context["entry"]
    try:
        persons = list(entry.persons[role])
    except KeyError:
        raise FieldIsMissing(role, entry) from None

    cut_short = False
    while persons and is_others(persons[-1]):
        persons.pop()
        cut_short = True

    style = context["style"]
    sep = kwargs.get("sep", ", ")
    first = _collaboration_first(style, entry) if role == "author" else None
    names = _names(style, role, persons, cut_short, sep, context, kwargs)
    return Text(first, sep, names) if first is not None else names


def _names(
    style: Any,
    role: str,
    persons: list[Person],
    cut_short: bool,
    sep: str,
    context: Mapping[str, Any],
    kwargs: Mapping[str, Any],
) -> Text:
    """The names of the list, cut past the style's limit (:func:`author_list`)."""
    limit_of = getattr(style, "cvbib_author_limit", None)
    limit = limit_of(len(persons)) if limit_of is not None else 0
    if limit and len(persons) > limit:
        return _truncated(style, role, persons, limit, sep, cut_short, context)
    formatted = [_format_person(style, person, context) for person in persons]
    if not cut_short:
        return join(sep=sep, sep2=kwargs.get("sep2"), last_sep=kwargs.get("last_sep"))[
            formatted
        ].format_data(context)
    if not formatted:
        return Text(_(ET_AL))
    if len(formatted) == 1:
        return Text(formatted[0], " ", _(ET_AL))
    return Text(sep).join([*formatted, Text(_(ET_AL))])


def _collaboration(style: Any, entry: Entry) -> tuple[Collaboration | None, bool]:
    """The entry's collaboration, and whether the owner is a member the list does not name.

    Read from the marks of the entry being formatted (cvbib's marking
    formatter knows the declared collaborations); found afresh, never bold,
    when the style is used on its own.
    """
    current = getattr(style.format_name, "current", None)
    if current is not None:
        return current.collaboration, current.member
    return collaboration_of(entry), False


def _collaboration_first(style: Any, entry: Entry) -> Text | None:
    """The collaboration's name before the list, when a field names it; None otherwise."""
    collaboration, member = _collaboration(style, entry)
    if collaboration is None or not collaboration.shown_first:
        return None
    name = Text(collaboration.name)
    return Text(Tag("strong", name)) if member else name


@node
def collaboration_first(children: Sequence[Any], context: Mapping[str, Any]) -> Text:
    """The collaboration alone, for an entry that has no author list of its own."""
    if children:
        raise ValueError(children)
    entry = context["entry"]
    first = _collaboration_first(context["style"], entry)
    if first is None:
        raise FieldIsMissing("collaboration", entry)
    return first


def _shown_positions(bold: Sequence[int], count: int, limit: int) -> list[int]:
    """Which of *count* names a list of at most *limit* names shows.

    The first names, as many as leave room for every bold name (the owner)
    further down, plus those bold names in place: the owner is never hidden,
    even at position 1,734 of 2,900.
    """
    late = [position for position in bold if position >= limit]
    first = max(1, limit - len(late))
    return sorted(set(range(min(first, count))) | set(bold))


def _bold_positions(style: Any, role: str, persons: Sequence[Person]) -> list[int]:
    """The 0-based positions of the bold names (the owner) among *persons*.

    Read from the marks of the entry being formatted (``style.format_name``
    is cvbib's marking formatter during a build), which found them while
    matching; none when the style is used on its own.
    """
    current = getattr(style.format_name, "current", None)
    if current is None:
        return []
    return [position for position in current.bold(role) if position < len(persons)]


def _truncated(
    style: Any,
    role: str,
    persons: Sequence[Person],
    limit: int,
    sep: str,
    cut_short: bool,
    context: Mapping[str, Any],
) -> Text:
    """ "A, B, C, …, **Owner**, and 2,894 more": the owner kept in place.

    The hidden names are kept as :class:`~cvbib.text.markup.Collapsed` text where
    they stand, so the web page can reveal them in place; they are plain names
    (marks belong to the names shown). The PDF leaves them out.
    """
    bold = _bold_positions(style, role, persons)
    shown = _shown_positions(bold, len(persons), limit)
    hidden_count = len(persons) - len(shown)
    parts: list[Any] = []
    previous = -1
    for position in shown:
        gap = persons[previous + 1 : position]
        if parts:
            parts.append(sep)
        if gap:
            parts.append(Classed("cvbib-authors-ellipsis", "\N{HORIZONTAL ELLIPSIS}"))
            parts.append(Collapsed(sep.join(kept_all(plain_name, gap))))
            parts.append(sep)
        parts.append(_format_person(style, persons[position], context))
        previous = position
    rest = persons[previous + 1 :]
    if rest:
        parts.append(Collapsed(sep + sep.join(kept_all(plain_name, rest))))
    # The comma stays outside what the web page makes a button (the button
    # reads "and 2,894 more", underlined from its first letter); both go when
    # the names are revealed.
    more = Classed("cvbib-authors-more", _("and {count} more").format(count=number(hidden_count)))
    parts.append(Classed("cvbib-authors-tail", sep, more))
    if cut_short:
        parts.append(Text(sep, _(ET_AL)))
    return Text(*parts)


def names_template(role: str, as_sentence: bool = True) -> Node:
    """The CV's name list for *role*; a sentence ("A, B, and C.") unless told not."""
    formatted = author_list(role, **NAME_SEPARATORS)
    if as_sentence:
        return sentence[formatted]
    return formatted


def creators_template(entry: Entry) -> Node:
    """Authors; or, for an entry without authors, its editors ("A and B, editors.").

    Editors are shown only in place of absent authors: for a chapter in an edited
    book, the CV is about the chapter, and its venue already says where it appeared.
    The singular/plural word is chosen from the entry, as pybtex's ``unsrt`` does.
    """
    editors = entry.persons.get("editor", [])
    real_editors = [person for person in editors if not is_others(person)]
    word = _("editor") if len(real_editors) == 1 and len(editors) == 1 else _("editors")
    return first_of[
        optional[names_template("author")],
        optional[sentence[join(sep=", ")[names_template("editor", as_sentence=False), word]]],
        optional[sentence[collaboration_first]],
    ]


# ---------------------------------------------------------------------------
# The template and the style
