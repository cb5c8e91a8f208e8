"""Read biblatex data annotations that mark co-first and corresponding authors.

biblatex lets a ``.bib`` file annotate single names of a list::

    author+an = {1=equal; 2=equal,corresponding}

Items are separated by ``;``; each is ``position=keywords`` with positions
counted from 1 and keywords separated by ``,``; whitespace is free. This is the
format the CV's ``.bib`` file already uses for biblatex, so the web and PDF
builds read the same data instead of a second, Sphinx-only notation.

Supported beyond the basic form:

* part annotations, ``2:family=highlight``: applied to the *whole* name (this
  extension marks names, not name parts);
* quoted literals, ``1="some text"``: the text between the quotes is one
  keyword, so it may contain ``,`` ``;`` or ``=``.

Not supported: field annotations (``=foo``, no position), which annotate the
list as a whole. They are reported like every other mistake.

Mistakes never stop a build: :func:`parse_annotations` keeps what it can read
and returns an :class:`AnnotationProblem` for each thing it could not, with a
message that says what to write instead. The caller adds the file and the entry
key, which this module does not know.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Literal

__all__ = ["AnnotationProblem", "parse_annotations"]

#: A position as biblatex writes it: ASCII digits only (``int`` would also take
#: ``"١"`` or ``" 1_0 "``).
_DIGITS_RE = re.compile(r"[0-9]+")
#: A name part in ``2:family=...``: a word, as in biblatex's data model.
_PART_RE = re.compile(r"[A-Za-z]+")
#: Longer positions are out of range for any real author list, and bounding
#: them keeps ``int()`` clear of Python's limit on digits.
_MAX_POSITION_DIGITS = 6
#: How much of an offending item a message quotes.
_QUOTE_LIMIT = 40
_EXAMPLE = "as in '1=equal'"

Subtype = Literal["bad_annotation", "unknown_keyword"]


@dataclass(frozen=True)
class AnnotationProblem:
    """One thing wrong in an annotation field.

    ``message`` is one sentence saying what is wrong and what to write
    instead; it leaves out the file and entry key, which the caller adds.
    """

    subtype: Subtype
    message: str


def _bad(message: str) -> AnnotationProblem:
    return AnnotationProblem("bad_annotation", message)


def _show(text: str) -> str:
    """*text* quoted for a message, shortened so a huge field stays readable."""
    text = " ".join(text.split())
    if len(text) > _QUOTE_LIMIT:
        text = text[: _QUOTE_LIMIT - 1] + "…"
    return f"'{text}'"


def _split_unquoted(text: str, separator: str) -> list[str]:
    """*text* split at *separator*, except inside a double-quoted literal.

    A quote left open runs to the end of the text; the keyword check then
    reports it, so nothing here can fail.
    """
    pieces: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            pieces.append("".join(current))
            current = []
        else:
            current.append(char)
    pieces.append("".join(current))
    return pieces


# --- one item: position[:part]=keywords ----------------------------------------


def _position(target: str, item: str, count: int) -> tuple[int | None, AnnotationProblem | None]:
    """The 1-based position that *target* (left of ``=``) names, or a problem."""
    number, colon, part = (piece.strip() for piece in target.partition(":"))
    if not number:
        return None, _bad(
            f"item {_show(item)} has no position before '=' (a field annotation, "
            f"not supported here): write the author's position counted from 1, {_EXAMPLE}"
        )
    if colon and not _PART_RE.fullmatch(part):
        return None, _bad(
            f"name part {_show(part)} in {_show(item)} is not a word: write a part "
            f"such as 'family' after the ':', as in '2:family=highlight', or drop ':'"
        )
    if not _DIGITS_RE.fullmatch(number):
        return None, _bad(
            f"position {_show(number)} in {_show(item)} is not a number: write the "
            f"author's position counted from 1, {_EXAMPLE}"
        )
    return _in_range(number, item, count)


def _in_range(number: str, item: str, count: int) -> tuple[int | None, AnnotationProblem | None]:
    """The position if it names one of the *count* names, else a problem."""
    position = int(number) if len(number) <= _MAX_POSITION_DIGITS else count + 1
    if 1 <= position <= count:
        return position, None
    if position == 0:
        fix = f"positions count from 1, so the first name is {_EXAMPLE}"
    elif count == 0:
        fix = "the list has no names, so remove the annotation"
    else:
        names = "name" if count == 1 else "names"
        fix = f"the list has {count} {names}, so use a position from 1 to {count}"
    return None, _bad(f"position {number} in {_show(item)} is out of range: {fix}")


def _keyword(raw: str, item: str) -> tuple[str | None, AnnotationProblem | None]:
    """One keyword, lower-cased, with a quoted literal unwrapped; or a problem."""
    word = raw.strip()
    if word.startswith('"'):
        if len(word) < 2 or not word.endswith('"') or '"' in word[1:-1]:
            return None, _bad(
                f"the quote in {_show(item)} is not closed: end the quoted "
                f"keyword with '\"', as in '1=\"some text\"'"
            )
        word = word[1:-1].strip()
    elif '"' in word:
        return None, _bad(
            f"keyword {_show(word)} in {_show(item)} has a stray '\"': quote a "
            f"whole keyword, as in '1=\"some text\"', or remove the quote"
        )
    if not word:
        return None, _bad(
            f"{_show(item)} has an empty keyword (two commas in a row, or a comma "
            f"at an end): remove the extra comma, as in '1=equal,corresponding'"
        )
    return word.lower(), None


def _unknown(word: str, item: str, known: frozenset[str]) -> AnnotationProblem:
    """The problem for a keyword that no mark or role defines."""
    choices = ", ".join(f"'{k}'" for k in sorted(known)) or "none are defined"
    return AnnotationProblem(
        "unknown_keyword",
        f"keyword {_show(word)} in {_show(item)} is not known (known: {choices}): "
        f"fix its spelling, or add it in conf.py to the cv_roles option "
        f"(or to cv_marks for a symbol)",
    )


def _keywords(value: str, item: str, known: frozenset[str]) -> Iterator[str | AnnotationProblem]:
    """The known keywords of one item's value, interleaved with its problems."""
    if not value.strip():
        yield _bad(
            f"{_show(item)} has no keywords after '=': write at least one, {_EXAMPLE}, "
            f"or remove the item"
        )
        return
    reported: set[str] = set()
    for raw in _split_unquoted(value, ","):
        word, problem = _keyword(raw, item)
        if problem is not None:
            # "1=,," has two empty keywords but one mistake: say it once per item.
            if problem.message not in reported:
                reported.add(problem.message)
                yield problem
        elif word is not None:
            yield word if word in known else _unknown(word, item, known)


def _parse_item(
    item: str, count: int, known: frozenset[str]
) -> tuple[int | None, set[str], list[AnnotationProblem]]:
    """Position, known keywords and problems of one ``;``-separated item."""
    target, *values = _split_unquoted(item, "=")
    if not values:
        return (
            None,
            set(),
            [_bad(f"item {_show(item)} has no '=': write position=keywords, {_EXAMPLE}")],
        )
    if len(values) > 1:
        return (
            None,
            set(),
            [
                _bad(
                    f"item {_show(item)} has more than one '=': separate items with ';', "
                    f"as in '1=equal; 2=corresponding'"
                )
            ],
        )
    position, problem = _position(target, item, count)
    if problem is not None:
        return None, set(), [problem]
    words: set[str] = set()
    problems: list[AnnotationProblem] = []
    for result in _keywords(values[0], item, known):
        if isinstance(result, str):
            words.add(result)
        else:
            problems.append(result)
    return position, words, problems


# --- the whole field -----------------------------------------------------------


def parse_annotations(
    text: str, count: int, known: Collection[str]
) -> tuple[dict[int, frozenset[str]], list[AnnotationProblem]]:
    """Marks by 1-based position, and the problems found, for one annotation field.

    *count* is the number of names in the annotated list; *known* holds the
    keywords that mean something (compared case-insensitively). Keywords come
    back lower-cased; the same position given twice merges its keywords; a
    position left with no known keyword is absent. Never raises: bad items and
    unknown keywords are dropped and reported instead.
    """
    known_words = frozenset(str(word).strip().lower() for word in known)
    merged: dict[int, set[str]] = {}
    problems: list[AnnotationProblem] = []
    for item in _split_unquoted(text if isinstance(text, str) else "", ";"):
        if not item.strip():
            continue  # blank text, a trailing ';' or ';;'
        position, words, item_problems = _parse_item(item.strip(), count, known_words)
        problems.extend(item_problems)
        if position is not None and words:
            merged.setdefault(position, set()).update(words)
    return {position: frozenset(merged[position]) for position in sorted(merged)}, problems
