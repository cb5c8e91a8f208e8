"""Decide whether a BibTeX name is the CV owner's, so that it can be set in bold.

A CV's bibliography spells its owner's name in many ways: ``Zhang, Kaiyan``,
``K. Zhang``, ``Kai-Yan Zhang``, with LaTeX accents, braces or UTF-8. Bolding a
*different* person is worse than missing the owner once (the reader trusts the
bold), so the rules are lenient about spelling and strict about identity.

Both sides are reduced to a :class:`NameKey` by the same normalization: LaTeX
decoded, braces and leftover control sequences dropped, ``~`` read as a space,
Unicode NFKC, case folded, accents stripped (``Garc{\\'\\i}a`` = ``García`` =
``Garcia``), a few letters without a decomposition mapped to ASCII (``ł``,
``ø``, dotless ``ı``...) and whitespace collapsed. Given names are then split
into tokens at spaces, hyphens and dots, so ``M.-J.``, ``M.J.`` and ``M. J.``
are all the tokens ``m``, ``j``.

A candidate matches the owner (or any alias) when all of these hold:

* **Family**: von part and last name, as words split at spaces and hyphens,
  are equal ("van Beethoven, Ludwig" = "Ludwig van Beethoven";
  "García-López" = "García López", as Crossref and Google Scholar write one
  two-word surname differently).
* **Where the family starts**: "María José García López" does not say that
  "García López" is one surname (BibTeX reads only "López" as the family), and
  Crossref writes it "García López, María José". So a name is also read with
  its last given words moved into the family, as long as one given word stays
  and no moved word is an initial; two names match when any of their readings
  do. The words and their order are still all compared: "José García López"
  is not "María José García López".
* **Lineage** (Jr., III): equal when both sides have one, ignored otherwise.
* **Given names**, one of:

  - the tokens are equal;
  - neither side has a one-letter token and the tokens joined without spaces
    or hyphens are equal ("Kai-Yan" = "Kai Yan" = "Kaiyan");
  - with ``match_initials``: both sides have the same number of tokens and
    each pair is equal or is an initial (a one-letter token) of the other
    ("K. Zhang" or "Zhang, K." for "Kaiyan Zhang"; "M. J." and "María J."
    for "María José"). Fewer tokens never match ("M. García-López" may be
    someone else than "María José García-López"), nor do more ("K. Y. Zhang"
    is not "Kaiyan Zhang", whose initials are just "K."). The rule is
    symmetric: an owner written with initials (``{\\v{S}}koda, J.``) matches
    "Jan Škoda".

* **Glued initials**: a given word of two or three capitals in a name that
  is not all capitals (Google Scholar's ``García-López, MJ``) is initials,
  the tokens ``m``, ``j``.
* **Export quirks**: a DBLP homonym number (``Wei Wang 0001``) and al-folio's
  ``*`` / ``†`` glued to a name are not part of the name (see :mod:`.exports`).
* An empty given part matches only an empty given part.
* **Names in a CJK script** (Han, kana, Hangul; ``cv_owner_native`` or an
  alias) are compared as their characters in the name's own order, family
  name first, however an export spaced them: ``张凯岩``, ``{张凯岩}``,
  ``张 凯岩`` (written family first), ``张, 凯岩`` ("Last, First") and
  ``凯岩 张`` ("First Last") are one name; ``김민수`` is ``김 민수``. They
  never match a name in Latin letters (``Kaiyan Zhang`` is a separate
  alias, as a transliteration is not a spelling).
* ``others`` (pybtex's person for ``and others``) never matches.

Multi-letter abbreviations such as ``Ch.`` are compared as written; list such
spellings as aliases. Everything here is cached: the matcher runs for every
author of every entry of every bibliography of a build.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pybtex.database import Person

from ..bib import clean_name, is_homonym_number, keeper, per_spelling
from ..latex import to_plain
from ..upstream.pybtex import split_tex_string

__all__ = ["InvalidName", "NameKey", "OwnerMatcher", "name_key", "parse_owner_name"]

#: A name part as pybtex stores it: the list of its whitespace-separated words.
_Parts = tuple[tuple[str, ...], ...]

#: BibTeX's ``~`` is a tie (a space); ``\~`` is the tilde accent and is kept.
_TIE_RE = re.compile(r"(?<!\\)~")
#: What makes a name part LaTeX rather than plain text.
_LATEX_NAME_RE = re.compile(r"[\\{}$~%&#^_]|--|``|''")
#: A bare ``%`` would start a LaTeX comment and swallow the rest of the name.
_PERCENT_RE = re.compile(r"(?<!\\)%")
#: Whatever latexcodec left undecoded: control words (``\relax``), control
#: symbols (``\"``), a control space (``\ ``) and a lone final backslash.
_CONTROL_RE = re.compile(r"\\(?:(?P<word>[A-Za-z]+)\s*|(?P<space>\s)|.|$)", re.DOTALL)
#: Where given names split into tokens: whitespace, hyphens and dots.
_GIVEN_SPLIT_RE = re.compile(r"[\s.\-\u2010\u2011\u2012\u2013\u2014]+")
#: Where a family name splits into words: whitespace and hyphens.
_FAMILY_SPLIT_RE = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014]+")
#: al-folio's marks glued to a word (``Zhang*``): not part of the name.
_GLUED_MARKS = "*\N{ASTERISK OPERATOR}†"
#: Letters with no Unicode decomposition, so stripping accents misses them.
_FOLD = str.maketrans(
    {
        "ı": "i",
        "ȷ": "j",
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2010": "-",
        "\u2011": "-",
    }
)


class InvalidName(ValueError):
    """An owner or alias name that cannot identify anyone.

    Raised at configuration time so that a typo in ``conf.py`` is reported
    instead of silently bolding nobody (or, worse, everybody).
    """


@dataclass(frozen=True)
class NameKey:
    """A name reduced to what the matching rules compare.

    ``given`` holds the first and middle names as tokens split at whitespace,
    hyphens and dots (``"M.-J."`` -> ``("m", "j")``), so initials can be
    compared one by one; ``family`` is the von and last parts joined by single
    spaces; ``lineage`` is the Jr. part without dots, ``""`` when absent.
    """

    given: tuple[str, ...]
    family: str
    lineage: str


# --- normalization ---------------------------------------------------------


@lru_cache(maxsize=65536)
def _decode_latex(text: str) -> str:
    """The Unicode text of a BibTeX name part (``Mar{\\'{\\i}}a`` -> ``María``).

    The one decoder of :mod:`cvbib.latex.decoder`, so that a name matches the owner
    exactly when it reads as the owner's name on the page. A bare ``%``
    is escaped first (it would otherwise be read as the rest of a comment).
    """
    if not _LATEX_NAME_RE.search(text):
        return text  # plain text (most names): nothing to decode
    return to_plain(_PERCENT_RE.sub(r"\\%", _TIE_RE.sub(" ", text)))


def _drop_control(match: re.Match[str]) -> str:
    """Keep a control space as a space; drop every other control sequence."""
    return " " if match.group("space") else ""


def _fold_case_and_accents(text: str) -> str:
    """Compare-ready text: NFKC, case folded, accents stripped.

    Case folding comes before the accent pass so that capitals without a
    decomposition (``Ł``) reach the ``_FOLD`` table in their lower-case form.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    """One name part as Unicode text, LaTeX and braces gone, case and accents kept."""
    text = _CONTROL_RE.sub(_drop_control, _decode_latex(text))
    return " ".join(text.replace("{", "").replace("}", "").split())


@lru_cache(maxsize=65536)
def _normalize(text: str) -> str:
    """One name part, normalized: the basis of every comparison in this module."""
    return " ".join(_fold_case_and_accents(_plain(text)).split())


def _is_glued_initials(plain_word: str) -> bool:
    """Whether a given word such as ``MJ`` is initials written without dots."""
    return 2 <= len(plain_word) <= 3 and plain_word.isalpha() and plain_word.isupper()


def _word_tokens(word: str, glued_initials: bool) -> tuple[str, ...]:
    """The tokens of one given word: hyphen and dot parts, or one per glued initial."""
    if glued_initials and _is_glued_initials(_plain(word)):
        return tuple(_normalize(word))
    text = _normalize(word)
    return tuple(token for token in _GIVEN_SPLIT_RE.split(text) if token)


def _family_words(words: Sequence[str]) -> tuple[str, ...]:
    """The family name as words split at spaces and hyphens ("García-López" -> 2)."""
    text = _normalize(" ".join(words))
    return tuple(word for word in _FAMILY_SPLIT_RE.split(text) if word)


def _lineage(words: Sequence[str]) -> str:
    """The Jr. part without dots, so "Jr." and "Jr" are the same lineage."""
    return " ".join(_normalize(" ".join(words)).replace(".", " ").split())


# --- keys ------------------------------------------------------------------


def _words(person: Person, attribute: str) -> tuple[str, ...]:
    """One name part of *person* as a hashable tuple of strings, whatever it holds."""
    value = getattr(person, attribute, None) or ()
    return tuple(str(word) for word in value)


def _unmarked(words: tuple[str, ...]) -> tuple[str, ...]:
    """*words* without al-folio marks glued to their ends (a word of marks only stays)."""
    return tuple(word.rstrip(_GLUED_MARKS) or word for word in words)


@per_spelling
def _parts(person: Person) -> _Parts:
    """All five pybtex name parts, export quirks removed: the cache key of the keys.

    A DBLP homonym number ends the last name ("Wei Wang 0001" is read by
    pybtex as given "Wei Wang", last "0001"); it is dropped, and when nothing
    else was in the last name, the last given word becomes the last name again.
    """
    first, middle, prelast, last, lineage = (
        _unmarked(_words(person, attribute))
        for attribute in (
            "first_names",
            "middle_names",
            "prelast_names",
            "last_names",
            "lineage_names",
        )
    )
    if last and is_homonym_number(last[-1]) and (len(last) > 1 or first or middle):
        last = last[:-1]
        if not last:
            given = first + middle
            first, middle, last = given[:1], given[1:-1], given[-1:]
            if len(given) == 1:
                first = ()
    return (first, middle, prelast, last, lineage)


def _key(
    given: Sequence[tuple[str, ...]], family: tuple[str, ...], lineage: tuple[str, ...]
) -> NameKey:
    """A :class:`NameKey` from given words (as tokens) and family words."""
    return NameKey(
        given=tuple(token for word in given for token in word),
        family=" ".join(family),
        lineage=_lineage(lineage),
    )


@lru_cache(maxsize=65536)
def _readings(parts: _Parts) -> tuple[NameKey, ...]:
    """Every :class:`NameKey` a name may mean, the written one first (cached).

    The others move the last given words into the family (the module
    docstring's "where the family starts"), never all of them, never an
    initial. A name in a CJK script has its own readings (:func:`_cjk_readings`).
    """
    cjk = _cjk_readings(parts)
    if cjk:
        return cjk
    first, middle, prelast, last, lineage = parts
    given_words = first + middle
    family = _family_words(prelast + last)
    # Glued initials need a look at the whole name's case; most names have none.
    glued = any(_is_glued_initials(word) for word in given_words) and any(
        char.islower() for char in _plain(" ".join(given_words + prelast + last))
    )
    given = [_word_tokens(word, glued) for word in given_words]
    readings = [_key(given, family, lineage)]
    for split in range(len(given) - 1, 0, -1):
        moved = given[split:]
        if any(len(word) != 1 or len(word[0]) == 1 for word in moved):
            break  # a hyphenated word or an initial cannot start a family name
        family = (moved[0][0], *family)
        readings.append(_key(given[:split], family, lineage))
    return tuple(readings)


#: Characters of the CJK scripts: Han (with its extensions and compatibility
#: ideographs), kana, Hangul.
_CJK_RE = re.compile(
    "[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f\U00020000-\U0003134f]"
)
#: What may stand between the parts of a CJK name: spaces, middle dots (transliterated
#: foreign names, 阿卜杜勒·卡里姆), hyphens.
_CJK_JOINERS = " \u00b7\u30fb\u2027-"


def _cjk_readings(parts: _Parts) -> tuple[NameKey, ...]:
    """The readings of a name written in a CJK script, or ``()`` for any other name.

    Family name first, as the script writes it: the words in the order written
    (``张 凯岩``) and in "Last, First" order (``张, 凯岩``), spaces and dots left
    out; both have no given part, so they match only each other's readings.
    """
    first, middle, prelast, last, lineage = parts
    written = [_normalize(word) for word in (*first, *middle, *prelast, *last)]
    text = "".join(written)
    letters = [char for char in text if char not in _CJK_JOINERS]
    if not letters or not all(_CJK_RE.match(char) for char in letters):
        return ()
    comma = [_normalize(word) for word in (*prelast, *last, *first, *middle)]
    keys = ("".join(c for c in "".join(w) if c not in _CJK_JOINERS) for w in (written, comma))
    return tuple(NameKey((), key, _lineage(lineage)) for key in dict.fromkeys(keys))


def _key_from_parts(parts: _Parts) -> NameKey:
    """The :class:`NameKey` of a name as written, given as its pybtex parts."""
    return _readings(parts)[0]


def name_key(person: Person) -> NameKey:
    """The :class:`NameKey` of *person*; cached on its name parts, never raises."""
    return _key_from_parts(_parts(person))


def _is_others(parts: _Parts) -> bool:
    """Whether the parts are pybtex's person for ``and others``.

    Only the bare word counts, as in BibTeX: ``{others}`` is a literal name.
    """
    return parts == ((), (), (), ("others",), ())


# --- owner names -------------------------------------------------------------


def _has_and(text: str) -> bool:
    """Whether *text* holds BibTeX's name separator, i.e. is a list of names."""
    try:
        words = split_tex_string(text)
    except Exception:
        words = text.split()
    return any(word.lower() == "and" for word in words)


def _problem(text: object) -> str | None:
    """Why *text* is not a usable owner name before parsing, or None."""
    if not isinstance(text, str):
        return f"is of type {type(text).__name__}, not a string"
    if not text.strip():
        return "is empty: give a name such as 'Kaiyan Zhang' or 'Zhang, Kaiyan'"
    if _has_and(text):
        return (
            "contains the word 'and', which separates names in BibTeX: give one person's "
            "name (other spellings of it go in cv_owner_aliases, one per item)"
        )
    return None


def _parse_keys(text: str, label: str = "name") -> tuple[NameKey, ...]:
    """Parse one owner or alias name into its readings; InvalidName says which and why."""
    problem = _problem(text)
    if problem is not None:
        raise InvalidName(f"{label} {text!r} {problem}")
    try:
        person = Person(clean_name(text)[0])
    except Exception as error:
        raise InvalidName(f"{label} {text!r} cannot be parsed by pybtex: {error}") from error
    parts = _parts(person)
    if _is_others(parts):
        raise InvalidName(f"{label} {text!r} is BibTeX's 'others' (et al.), not a person")
    keys = _readings(parts)
    if not keys[0].family:
        raise InvalidName(f"{label} {text!r} has no family name: write it as 'Given Family'")
    return keys


def parse_owner_name(text: str, label: str = "name") -> NameKey:
    """The :class:`NameKey` of an owner or alias written in BibTeX form.

    Accepts every form BibTeX does ("Kaiyan Zhang", "Zhang, Kaiyan",
    ``{\\v{S}}koda, J.``). Raises :class:`InvalidName` for text that names
    nobody: empty, ``,``, ``and``, ``others``, unparsable, or without a family.
    The message starts with *label* ("owner name", "alias 2"), so the
    configuration check can say which value is wrong.
    """
    return _parse_keys(text, label)[0]


# --- matching ----------------------------------------------------------------


def _has_initial(tokens: tuple[str, ...]) -> bool:
    """Whether a one-letter token makes joined-up comparison unsafe ("K. Y" vs "Ky")."""
    return any(len(token) == 1 for token in tokens)


def _tokens_agree(candidate: str, owner: str) -> bool:
    """Equal tokens, or one is the initial of the other."""
    if candidate == owner:
        return True
    return (len(candidate) == 1 or len(owner) == 1) and candidate[0] == owner[0]


def _given_match(candidate: tuple[str, ...], owner: tuple[str, ...], initials: bool) -> bool:
    """The given-name rule of the module docstring."""
    if candidate == owner:
        return True
    if not candidate or not owner:
        return False
    if not (_has_initial(candidate) or _has_initial(owner)) and (
        "".join(candidate) == "".join(owner)
    ):
        return True
    if not initials or len(candidate) != len(owner):
        return False
    return all(_tokens_agree(c, o) for c, o in zip(candidate, owner, strict=True))


def _same_person(candidate: NameKey, owner: NameKey, initials: bool) -> bool:
    """Whether two keys may name the same person under the module's rules."""
    if candidate.family != owner.family:
        return False
    if candidate.lineage and owner.lineage and candidate.lineage != owner.lineage:
        return False
    return _given_match(candidate.given, owner.given, initials)


#: Numbers each matcher, so that their answers kept on a name never mix.
_MATCHERS = itertools.count()


class OwnerMatcher:
    """Recognizes the CV owner, under any of their names, in pybtex persons.

    Built once per configuration; names are parsed and validated here so that
    :meth:`matches` is a dictionary lookup plus a few tuple comparisons.
    """

    def __init__(
        self, owner: str, aliases: Sequence[str] = (), match_initials: bool = True
    ) -> None:
        """Parse *owner* and *aliases*; raise InvalidName naming the bad one.

        A single string passed as *aliases* is taken as one alias rather than
        as a sequence of one-letter aliases.
        """
        if isinstance(aliases, str):
            aliases = (aliases,)
        keys = list(_parse_keys(owner, "owner name"))
        for i, alias in enumerate(aliases, 1):
            keys += _parse_keys(alias, f"alias {i}")
        self.match_initials = bool(match_initials)
        self._by_family: dict[str, tuple[NameKey, ...]] = {}
        for key in dict.fromkeys(keys):
            self._by_family[key.family] = (*self._by_family.get(key.family, ()), key)
        #: Whether a person is the owner; never raises. The answer is kept on
        #: each shared name (see cvbib.bib.persons), so each spelling of a long
        #: author list is matched once however many entries list it.
        self.matches: Callable[[Person], bool] = keeper(f"owner-{next(_MATCHERS)}", self._matches)

    def _matches(self, person: Person) -> bool:
        parts = _parts(person)
        if _is_others(parts):
            return False
        for candidate in _readings(parts):
            owners = self._by_family.get(candidate.family, ())
            if any(_same_person(candidate, key, self.match_initials) for key in owners):
                return True
        return False

    def matches_text(self, name: str) -> bool:
        """Whether the BibTeX name string *name* is the owner; False if unparsable."""
        try:
            person = Person(clean_name(name)[0])
        except Exception:
            return False
        return self.matches(person)
