"""Names in Chinese, Japanese and Korean scripts: family name first, no space.

A reader of 田中宏 expects the family name first and the given name right
after it, without a space; BibTeX's parts and pybtex's "First Last" order
give "宏 田中" instead. Exporters write such a name in three forms, and each
means the same person:

* ``田中, 宏`` (CiNii, CNKI, Zotero's two-field names): family, comma, given;
* ``田中 宏`` (a single-field name, J-STAGE, hand-typed): written in the
  language's own order, family first, so the word BibTeX calls "first" is
  the family name;
* ``{田中宏}``: one literal, shown as written.

All three read "田中宏" (:func:`cjk_name`) and are written back to BibTeX as
``田中, 宏`` (:func:`cjk_family_given`), the form every BibTeX tool reads with
the family in its place. A Western name (``Tanaka, Hiroshi``) is not touched,
nor is a name that mixes scripts. A name all in katakana is a foreign name
transcribed (クロエ・デュボワ): Japanese writes it given name first with a
middle dot, and so does this module.

Owner and coauthor matching read BibTeX's parts as before; only how a name
is shown and written changes. Which form a name was written in is kept on the
:class:`~cvbib.bib.persons.SharedPerson` the reader makes (``comma_form``); a
person made elsewhere is taken as written "Family, Given".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from pybtex.database import Person

from .persons import per_spelling

__all__ = ["cjk_family_given", "cjk_name"]

#: Name characters that are not letters of a script: separators a name keeps.
_KEPT_MARKS = frozenset("・＝=-‐.'’ ")


def _script(char: str) -> str | None:
    """ "han", "kana" (hiragana), "katakana", "hangul" or None for any other letter."""
    code = ord(char)
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "katakana"
    if 0x3040 <= code <= 0x309F:
        return "kana"
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
        or char in "々〆〇"
    ):
        return "han"
    return None


def _scripts(words: Sequence[str]) -> set[str] | None:
    """The CJK scripts of *words*, or None when a letter of another script is there."""
    found: set[str] = set()
    for char in "".join(words):
        if char in "{}" or char in _KEPT_MARKS:
            continue
        script = _script(char)
        if script is not None:
            found.add(script)
        elif unicodedata.category(char)[0] in "LN" or char == "\\":
            return None
    return found


def _text(words: Sequence[str]) -> str:
    return "".join(words).replace("{", "").replace("}", "")


@per_spelling
def _cjk_parts(person: Person) -> tuple[str, str, bool] | None:
    """(family, given, foreign) of a name in CJK scripts, else None.

    ``foreign``: all katakana, a transcribed foreign name.
    """
    if person.lineage_names:
        return None
    given_words = [*person.first_names, *person.middle_names]
    family_words = [*person.prelast_names, *person.last_names]
    scripts = _scripts([*given_words, *family_words])
    if not scripts:
        return None
    foreign = scripts == {"katakana"}
    if given_words and not foreign and not getattr(person, "comma_form", True):
        # "田中 宏": written family first, which BibTeX read as "first last".
        words = [*given_words, *family_words]
        family_words, given_words = words[:1], words[1:]
    return _text(family_words), _text(given_words), foreign


def cjk_name(person: Person) -> str | None:
    """How a reader expects a CJK name: "田中宏", "김민수", "クロエ・デュボワ"; None if not one."""
    parts = _cjk_parts(person)
    if parts is None:
        return None
    family, given, foreign = parts
    if not given:
        return family
    if foreign:  # "デュボワ, クロエ" and "クロエ デュボワ" alike
        return f"{given}・{family}"
    return family + given


def cjk_family_given(person: Person) -> tuple[str, str] | None:
    """(family, given) of a CJK name, for BibTeX's "Family, Given"; None if not one."""
    parts = _cjk_parts(person)
    return None if parts is None else (parts[0], parts[1])
