"""The ``cv`` pybtex formatting style: one publication per line, as a CV lists them.

pybtex's own styles (``plain``, ``unsrt``, ``alpha``) are written for reference lists
in papers, which is the wrong shape for a CV:

* they sentence-case titles ("TTRL: Test-Time ..." becomes "Ttrl: test-time ..."),
  while a CV must show each title exactly as its authors wrote it;
* they have one template per BibTeX type and raise ``AttributeError`` on a type they
  do not know (biblatex's ``@online``, ``@report``, ``@software`` ...), and
  ``FieldIsMissing`` when a "required" field is absent -- one odd entry would then
  break the whole page;
* they know nothing of biblatex's ``pubstate``, ``date`` or ``journaltitle``, and a CV
  has many preprints and papers under review.

So :class:`CvStyle` formats *every* entry with one generic template,
:func:`generic_template`:

    authors. *Title*. venue volume(number):pages, pubstate, year (note). links

Every block is optional, so any entry renders, and an entry with nothing to show
renders as its key in brackets rather than as an empty bullet.  The template is a
plain pybtex template built from pybtex's own nodes (``toplevel``, ``sentence``,
``tag``, ``optional``, ``first_of``) plus a few nodes defined here, so that it can
also serve as the fallback of another style instance.

Field text is decoded from LaTeX as pybtex's ``field`` node does
(:meth:`pybtex.richtext.Text.from_latex`), with a lenient fallback for text that
pybtex cannot parse, so that a stray brace or backslash in one field never stops the
build.  Link fields (``url``, ``doi``, ``eprint``) are verbatim fields in biblatex and
``raw`` fields in pybtex's ``unsrt``; they keep their characters (``~``, ``%``) and
only lose BibTeX escapes and protective braces.  All text is passed to the backend as
rich text, which escapes it; only :func:`safe_url` URLs ever become links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import pybtex.plugin
from pybtex.database import Entry, Person
from pybtex.exceptions import PybtexError
from pybtex.richtext import String, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.template import (
    FieldIsMissing,
    Node,
    first_of,
    join,
    node,
    optional,
    sentence,
    tag,
)

from ..bib.persons import kept_all, per_spelling
from ..latex.decode import decode
from ..model.identifiers import is_fake_pages, preprint_of, thesis_kind
from ..text.markup import TITLE_CLASS, Classed, Collapsed
from ..text.urls import SAFE_SCHEMES, safe_url

__all__ = [
    "SAFE_SCHEMES",
    "CvStyle",
    "author_list",
    "generic_template",
    "register_styles",
    "safe_url",
]

#: The plugin name under which :func:`register_styles` registers :class:`CvStyle`.
STYLE_NAME = "cv"

#: Where the venue comes from: the first of these fields that is present and non-empty.
#: BibTeX and biblatex names for the same thing are both listed, so that an entry
#: exported by any tool shows *some* venue.
VENUE_FIELDS: tuple[str, ...] = (
    "booktitle",
    "journal",
    "journaltitle",
    "eventtitle",
    "howpublished",
    "institution",
    "school",
    "organization",
    "publisher",
)

#: Venues that are journals: after them come volume(number):pages.
JOURNAL_FIELDS = frozenset({"journal", "journaltitle"})

#: biblatex's standard ``pubstate`` keys and how they read; any other value is
#: shown as written ("Preprint", "Under Review").
PUBSTATE_KEYS: Mapping[str, str] = {
    "inpreparation": "In preparation",
    "submitted": "Submitted",
    "forthcoming": "Forthcoming",
    "inpress": "In press",
    "prepublished": "Preprint",
}

#: What a trailing ``and others`` in a name list becomes.
ET_AL = "et al."

#: The name separators of the CV: "A and B", "A, B, and C".
NAME_SEPARATORS: Mapping[str, str] = {"sep": ", ", "sep2": " and ", "last_sep": ", and "}

#: A biblatex date without EDTF extras: "2024", "2024-05" or "2024-05-01".
PLAIN_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-\d{2})?)?")
_PAGE_DASH_RE = re.compile(r"\s*[\-\u2010-\u2015]+\s*")
_BIBTEX_ESCAPE_RE = re.compile(r"\\([_%#&$~{}])|[{}]")
_EN_DASH = "\u2013"


#: Errors that LaTeX decoding raises on text it cannot parse: pybtex's "unbalanced
#: braces" (a PybtexError) and latexcodec's "unknown token" (a UnicodeDecodeError).
_DECODE_ERRORS = (PybtexError, UnicodeError, ValueError)


# ---------------------------------------------------------------------------
# URLs


# ---------------------------------------------------------------------------
# Field access and decoding


def decode_latex(value: str) -> Text:
    """Decode a field's LaTeX into rich text, never raising (see :mod:`cvbib.latex.decode`).

    Brace groups become ``Protected`` text, accents and symbols Unicode,
    formatting commands and HTML tags formatting, math a :class:`~cvbib.text.richtext.Math`.
    """
    return decode(value)


def _raw_field(context: Mapping[str, Any], name: str) -> str | None:
    """The field *name* as written (following ``crossref`` as pybtex does), or None.

    Blank values count as missing, so an empty ``note = {}`` does not leave "()"
    behind.  A ``crossref`` cycle is treated as a missing field, not a crash.
    """
    entry = context["entry"]
    try:
        value = entry._find_field(name, bib_data=context.get("bib_data"))
    except (KeyError, RecursionError):
        return None
    if not isinstance(value, str) or not value.strip():
        return None
    return value


def _text_field(context: Mapping[str, Any], name: str) -> Text | None:
    """The field *name* decoded from LaTeX, or None if missing or empty."""
    value = _raw_field(context, name)
    if value is None:
        return None
    text = decode_latex(value)
    return text if text else None


def _verbatim_field(context: Mapping[str, Any], name: str) -> str | None:
    """A link field (``url``, ``doi``, ``eprint``) as a plain string, or None.

    These are verbatim in biblatex: LaTeX decoding would turn ``~`` into a no-break
    space and drop everything after ``%``.  Only the escapes BibTeX users add for
    BibTeX's sake (``\\_``, ``\\%``, ``\\#`` ...) and protective braces are removed.
    """
    value = _raw_field(context, name)
    if value is None:
        return None
    cleaned = _BIBTEX_ESCAPE_RE.sub(lambda m: m.group(1) or "", value).strip()
    return cleaned or None


@node
def latex_field(children: Sequence[Any], context: Mapping[str, Any], name: str) -> Text:
    """Like pybtex's ``field``, but never fails on malformed LaTeX.

    Raises ``FieldIsMissing`` when the field is absent or blank, so that it composes
    with ``optional`` and ``first_of`` exactly as ``field`` does.
    """
    if children:
        raise ValueError(children)
    text = _text_field(context, name)
    if text is None:
        raise FieldIsMissing(name, context["entry"])
    return text


# ---------------------------------------------------------------------------
# Names


@per_spelling
def is_others(person: Person) -> bool:
    """Whether *person* is BibTeX's ``others`` (from "... and others")."""
    return str(person) == "others"


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
        return decode_latex(str(person))


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
    limit = getattr(style, "cvbib_max_authors", 0)
    if limit and len(persons) > limit:
        return _truncated(style, role, persons, limit, sep, cut_short, context)
    formatted = [_format_person(style, person, context) for person in persons]
    if not cut_short:
        return join(sep=sep, sep2=kwargs.get("sep2"), last_sep=kwargs.get("last_sep"))[
            formatted
        ].format_data(context)
    if not formatted:
        return Text(ET_AL)
    if len(formatted) == 1:
        return Text(formatted[0], " ", ET_AL)
    return Text(sep).join([*formatted, Text(ET_AL)])


def _shown_positions(bold: Sequence[int], count: int, limit: int) -> list[int]:
    """Which of *count* names a list of at most *limit* names shows.

    The first names, as many as leave room for every bold name (the owner)
    further down, plus those bold names in place: the owner is never hidden,
    even at position 1,734 of 2,900.
    """
    late = [position for position in bold if position >= limit]
    first = max(1, limit - len(late))
    return sorted(set(range(min(first, count))) | set(bold))


@per_spelling
def plain_name(person: Person) -> str:
    """A person's name as plain text in natural order ("Ludwig van Beethoven, Jr.")."""
    words = (*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names)
    return _plain_name(words, tuple(person.lineage_names))


@lru_cache(maxsize=65536)
def _plain_name(words: tuple[str, ...], lineage: tuple[str, ...]) -> str:
    text = str(decode_latex(" ".join(words)))
    return f"{text}, {decode_latex(' '.join(lineage))}" if lineage else text


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
    more = f"and {hidden_count:,} more"
    parts.append(Classed("cvbib-authors-more", sep, more))
    if cut_short:
        parts.append(Text(sep, ET_AL))
    return Text(*parts)


def names_template(role: str, as_sentence: bool = True) -> Node:
    """The CV's name list for *role*; a sentence ("A, B, and C.") unless told not."""
    formatted = author_list(role, **NAME_SEPARATORS)
    if as_sentence:
        return sentence[formatted]
    return formatted


def _creators_template(entry: Entry) -> Node:
    """Authors; or, for an entry without authors, its editors ("A and B, editors.").

    Editors are shown only in place of absent authors: for a chapter in an edited
    book, the CV is about the chapter, and its venue already says where it appeared.
    The singular/plural word is chosen from the entry, as pybtex's ``unsrt`` does.
    """
    editors = entry.persons.get("editor", [])
    real_editors = [person for person in editors if not is_others(person)]
    word = "editor" if len(real_editors) == 1 and len(editors) == 1 else "editors"
    return first_of[
        optional[names_template("author")],
        optional[sentence[join(sep=", ")[names_template("editor", as_sentence=False), word]]],
    ]


# ---------------------------------------------------------------------------
# Venue, status, year, note


def _first_text_field(
    context: Mapping[str, Any], names: Iterable[str]
) -> tuple[str | None, Text | None]:
    """The first of *names* that is present and non-empty, with its decoded text."""
    for name in names:
        text = _text_field(context, name)
        if text is not None:
            return name, text
    return None, None


def _pages(context: Mapping[str, Any]) -> Text | None:
    """The ``pages`` field with its ranges drawn with an en dash ("45–67").

    latexcodec already turns "--" into "–"; single hyphens and other dashes are
    normalised too, as ``unsrt``'s ``dashify`` does, but with the character itself
    so that the plain-text rendering shows an en dash as well.
    """
    pages = _text_field(context, "pages")
    if pages is None or is_fake_pages(context["entry"], str(pages)):
        return None
    return Text(String(_EN_DASH)).join(pages.split(_PAGE_DASH_RE))


def _article_details(context: Mapping[str, Any]) -> tuple[Text | None, str]:
    """A journal article's "volume(number):pages", and the separator it needs before it.

    The compact form "12(3):45–67" follows the venue with a space; pages without a
    volume read "pages 45–67" and follow it with a comma.  A number is shown only with
    its volume, as in ``unsrt``.
    """
    volume = _text_field(context, "volume")
    number = _text_field(context, "number")
    pages = _pages(context)
    if volume is not None:
        issue = Text(volume, "(", number, ")") if number is not None else volume
        if pages is not None:
            return Text(issue, ":", pages), " "
        return issue, " "
    if pages is not None:
        return Text("pages ", pages), ", "
    return None, " "


def plain_date_years(date: str) -> str | None:
    """The years of a plain ISO date or range ("2024-05-01" -> "2024", "2023/2024").

    None for anything else (an open range, EDTF "2024~"), which is better shown
    as written than guessed at. The reader fills BibTeX's ``year`` with this,
    and the CV style shows it.
    """
    matches = [PLAIN_DATE.fullmatch(part.strip()) for part in date.split("/")]
    if not all(matches):
        return None
    return "/".join(dict.fromkeys(m.group(1) for m in matches if m is not None))


def _year(context: Mapping[str, Any]) -> Text | None:
    """The ``year``, or the year of biblatex's ``date``.

    A plain ISO date ("2024-05-01") or a range of them ("2023/2024") shows only
    years; anything else in ``date`` (an open range, EDTF "2024~") is shown as written,
    since guessing at it could show a wrong year.  ``date`` is not LaTeX in biblatex
    but an ISO 8601 / EDTF string, so it is read like a link field: an EDTF "~" must
    stay a tilde, not become a no-break space.
    """
    year = _text_field(context, "year")
    if year is not None:
        return year
    date = _verbatim_field(context, "date")
    if date is None:
        return None
    years = plain_date_years(date)
    if years is not None:
        return Text(years)
    return Text(String(date))


def _pubstate(context: Mapping[str, Any]) -> Text | None:
    """biblatex's ``pubstate``: a standard key spelled out, anything else as written."""
    value = _raw_field(context, "pubstate")
    if value is None:
        return None
    known = PUBSTATE_KEYS.get(value.strip().lower())
    if known is not None:
        return Text(known)
    return _text_field(context, "pubstate")


def venue_of(entry: Entry) -> tuple[str | None, Text | None]:
    """The venue of *entry* and the field it came from ("thesis" and "preprint" too)."""
    return _venue({"entry": entry, "bib_data": None})


def _venue(context: Mapping[str, Any]) -> tuple[str | None, Text | None]:
    """Where the work appeared, and from which field: the venue as a careful author writes it.

    A thesis names its kind and institution ("PhD thesis, Universitat Pompeu
    Fabra"); a preprint its server ("arXiv:2305.14321", "bioRxiv") however the
    export spelled it (DBLP's "CoRR", Google Scholar's "arXiv preprint
    arXiv:…"); anything else its first venue field.
    """
    entry = context["entry"]
    kind = thesis_kind(entry)
    if kind is not None:
        _name, school = _first_text_field(context, ("school", "institution", *VENUE_FIELDS))
        if school is not None:
            return "thesis", Text(kind, ", ", school)
        if entry.persons or _raw_field(context, "title") is not None:
            return "thesis", Text(kind)
        return None, None  # nothing else to say: the entry shows as its key
    preprint = preprint_of(entry)
    if preprint is not None:
        return "preprint", Text(String(preprint.label))
    return _first_text_field(context, VENUE_FIELDS)


#: Venues that read "Name Year" ("EMNLP 2023"); every other venue takes a comma.
_PROCEEDINGS_FIELDS = frozenset({"booktitle", "eventtitle"})


def _award(context: Mapping[str, Any]) -> Text | None:
    """The ``award`` (al-folio's ``award_name`` too) as a badge in parentheses.

    The parentheses are their own classed pieces: the web page shows the award
    as a badge without them, the PDF and plain text as "(Spotlight)".
    """
    award = _text_field(context, "award") or _text_field(context, "award_name")
    if award is None:
        return None
    return Text(
        Classed("cvbib-paren", "("),
        Classed("cvbib-badge cvbib-badge-award", award),
        Classed("cvbib-paren", ")"),
    )


@node
def venue_line(children: Sequence[Any], context: Mapping[str, Any]) -> Text:
    """Venue, volume(number):pages, pubstate, year, award and note, in one phrase.

    The year follows a one-word proceedings venue with a space, as CVs write
    conference papers ("EMNLP 2023"), and a comma after anything else ("Nature 12(3):45–67,
    2020", "PhD thesis, Universitat Pompeu Fabra, 2019", "arXiv:2504.16084, 2025"),
    so that venue, volume, pages and year never run together; it is left out if
    the venue already ends with it ("ICML 2025"). The award follows as a badge,
    the note comes last in parentheses ("NeurIPS 2024 (Spotlight)"). Returns empty
    text when there is nothing to say, so that ``sentence`` adds no lone period.
    """
    if children:
        raise ValueError(children)
    entry = context["entry"]
    venue_name, venue = _venue(context)
    details, details_sep = None, " "
    if venue_name in JOURNAL_FIELDS or (entry.type == "article" and venue_name != "preprint"):
        details, details_sep = _article_details(context)
    status = _pubstate(context)
    if venue_name == "preprint" and str(status) == PUBSTATE_KEYS["prepublished"]:
        status = None  # "arXiv:2504.16084" says it already (Better BibLaTeX writes both)
    year = _year(context)
    note = _text_field(context, "note")
    award = _award(context)

    head = Text(venue) if venue is not None else Text()
    if details is not None:
        head = Text(head, details_sep, details) if head else details
    # "EMNLP 2023", as CVs write a conference; a longer name takes a comma.
    spaced = details is None and venue_name in _PROCEEDINGS_FIELDS and " " not in str(venue)
    if status is not None:
        head = Text(head, ", ", status) if head else status
        spaced = False
    if year is not None:
        venue_text = str(head)
        if not head:
            head = year
        elif venue_text.endswith(str(year)):
            pass  # "ICML 2025" already says when
        elif spaced and not venue_text[-1:].isdigit():
            head = Text(head, " ", year)
        else:
            head = Text(head, ", ", year)
    if award is not None:
        head = Text(head, " ", award) if head else award
    if note is not None:
        head = Text(head, " (", note, ")") if head else note
    return head


# ---------------------------------------------------------------------------
# The template and the style


@node
def classed(children: Sequence[Any], context: Mapping[str, Any], classes: str) -> Text:
    """A template node: its children as :class:`~cvbib.text.markup.Classed` text."""
    text = Text(*(child.format_data(context) for child in children))
    return Text(Classed(classes, text)) if text else text


@node
def key_if_empty(children: Sequence[Any], context: Mapping[str, Any]) -> Text:
    """The formatted children, or the entry's key in brackets if they are empty.

    An entry with no field the template shows would otherwise be an empty bullet on
    the CV, easy to miss; "[key]" says which entry needs fixing.  A biblatex
    ``@set`` has only its members' keys (``entryset``), so those are named too:
    "[key] (entry set: a, b)".
    """
    text = Text(*(child.format_data(context) for child in children))
    if text:
        return text
    entry = context["entry"]
    key = entry.key if entry.key is not None else f"@{entry.type}"
    members = _verbatim_field(context, "entryset")
    if members is not None:
        listed = ", ".join(m.strip() for m in members.split(",") if m.strip())
        return Text("[", String(str(key)), "] (entry set: ", String(listed), ")")
    return Text("[", String(str(key)), "]")


def generic_template(style: BaseStyle, entry: Entry) -> Node:
    """The CV template: authors. *Title*. venue, status, year (note). links

    It suits every entry type, known to pybtex or not, and never raises
    ``FieldIsMissing``.  It takes *style* and *entry* like a pybtex
    ``get_<type>_template`` method so that it can be used for any style instance (as
    the fallback of pybtex's ``unsrt``, for example); names are formatted at format
    time by ``context["style"].format_name``, so the formatting style's name style
    and abbreviation apply.
    """
    return key_if_empty[
        toplevel[
            _creators_template(entry),
            optional[sentence[classed(TITLE_CLASS)[tag("em")[latex_field("title")]]]],
            sentence[venue_line],
        ]
    ]


class CvStyle(BaseStyle):
    """The CV's formatting style: one generic template for every entry type.

    No sorting (entries keep the order of the bib file or of the directive, which is
    the order the CV's owner chose) and numeric labels, as in ``unsrt``.
    """

    default_sorting_style = "none"
    default_label_style = "number"
    default_name_style = "plain"

    def format_names(self, role: str, as_sentence: bool = True) -> Node:
        """Names of *role* through :func:`author_list`: "A, B, and C." or "A et al."."""
        return names_template(role, as_sentence=as_sentence)

    def get_generic_template(self, entry: Entry) -> Node:
        """The template for any entry: :func:`generic_template` for this style."""
        return generic_template(self, entry)

    def get_template(self, entry: Entry) -> Node:
        """A ``get_<type>_template`` method if a subclass defines one, else the generic one.

        ``BaseStyle.format_entry`` raises ``AttributeError`` for a type without a
        template; here the generic template catches every type instead, while a
        subclass can still special-case one.
        """
        get_type_template = getattr(self, f"get_{entry.type}_template", None)
        if callable(get_type_template):
            template: Node = get_type_template(entry)
            return template
        return self.get_generic_template(entry)

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        """Format *entry* with :meth:`get_template`, whatever its type."""
        context = {"entry": entry, "style": self, "bib_data": bib_data}
        text = self.get_template(entry).format_data(context)
        return FormattedEntry(entry.key, text, label)


def register_styles() -> None:
    """Make ``CvStyle`` available to pybtex (and sphinxcontrib-bibtex) as ``cv``.

    ``force=True`` replaces any earlier registration, so calling this again (Sphinx
    re-running ``setup``, tests) is harmless.
    """
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, CvStyle, force=True)
