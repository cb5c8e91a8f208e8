"""Where a work appeared, as a careful author writes it: the venue and its line.

The model computes the venue (:func:`venue_of`: the field it came from, and
its text: a thesis's kind and school, a preprint's server, a journal, a
proceedings) and the whole venue line (:func:`venue_line`: venue,
volume(number):pages, publication state, year, award and note in one phrase);
the ``cv`` style shows the line and every other output reads the publication
model, so the two never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from pybtex.database import Entry
from pybtex.richtext import String, Text

from ..bib import PLAIN_DATE, month_name, month_number, plain_date_years
from ..i18n import N_, _, month_and_year
from ..text import Classed
from .fields import raw_field, text_field, verbatim_field
from .identifiers import is_fake_pages, preprint_of, thesis_kind, type_key

__all__ = [
    "JOURNAL_FIELDS",
    "PUBSTATE_KEYS",
    "VENUE_FIELDS",
    "venue_line",
    "venue_of",
    "work_kind",
]

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
    "inpreparation": N_("In preparation"),
    "submitted": N_("Submitted"),
    "forthcoming": N_("Forthcoming"),
    "inpress": N_("In press"),
    "prepublished": N_("Preprint"),
}

#: Statuses written as words rather than keys, as CVs write them; in the CV's
#: own language they stay as written ("Under Review"), in a translation they
#: read as the catalog says. Any other text is shown as written in every language.
PUBSTATE_WORDS: Mapping[str, str] = {
    "preprint": N_("Preprint"),
    "under review": N_("Under review"),
    "in review": N_("Under review"),
    "submitted": N_("Submitted"),
    "accepted": N_("Accepted"),
    "to appear": N_("To appear"),
    "in press": N_("In press"),
    "in preparation": N_("In preparation"),
    "forthcoming": N_("Forthcoming"),
    "published": N_("Published"),
}

_PAGE_DASH_RE = re.compile(r"\s*[\-\u2010-\u2015]+\s*")
_EN_DASH = "\u2013"


#: Entry types of software and of data, as biblatex, biblatex-software and the
#: exporters (GitHub's CITATION.cff, Zenodo, Zotero) name them.
SOFTWARE_TYPES = frozenset({"software", "softwareversion", "softwaremodule", "codefragment"})
DATASET_TYPES = frozenset({"dataset", "data"})
#: What a ``@misc``'s ``type`` field says when it is software or data.
_SOFTWARE_WORDS = frozenset({"software", "computersoftware", "computerprogram", "sourcecode"})
_DATASET_WORDS = frozenset({"dataset", "datasets", "data", "database"})
#: Entry types a talk is written as; ``@unpublished`` (BibTeX's) always reads as
#: one: its note, place and date in that order.
_TALK_TYPES = frozenset({"presentation", "talk", "lecture", "speech"})
_MAYBE_TALK_TYPES = frozenset({"unpublished", "misc", "online"})
#: Words of a ``howpublished`` or ``type`` that make a ``@misc`` a talk.
_TALK_WORDS_RE = re.compile(
    r"\b(?:talks?|seminars?|lectures?|keynotes?|colloqui(?:um|a)|presentations?|posters?"
    r"|plenary|tutorials?|webinars?)\b",
    re.IGNORECASE,
)
_URL_RE = re.compile(r"^\s*(?:\\url\s*\{|https?://)", re.IGNORECASE)


def work_kind(entry: Entry) -> str | None:
    """What kind of work an entry is, when that changes its venue line.

    "thesis", "software", "dataset" or "talk"; None for everything else (an
    article, a paper in proceedings, a book, a preprint, a report). A
    ``@misc`` or ``@online`` says it is software or data with its ``type``,
    and is a talk with an ``eventtitle``, ``venue`` or ``eventdate`` or with
    a talk's word ("Invited talk", "Seminar") in ``howpublished`` or ``type``.
    """
    return _work_kind({"entry": entry, "bib_data": None})


#: Entry types whose kind is their type's; any other (an article, a paper in
#: proceedings, a book) is no kind of its own, and is known to be without a
#: look at its fields (most entries of a long list).
_TYPE_KINDS = {
    **dict.fromkeys(SOFTWARE_TYPES, "software"),
    **dict.fromkeys(DATASET_TYPES, "dataset"),
    **dict.fromkeys(_TALK_TYPES, "talk"),
}
_THESIS_TYPES = frozenset({"phdthesis", "mastersthesis", "thesis"})


def _work_kind(context: Mapping[str, Any]) -> str | None:
    entry = context["entry"]
    kind = entry.type.lower()
    if kind in _THESIS_TYPES:
        return "thesis" if thesis_kind(entry) is not None else None
    if kind in _TYPE_KINDS:
        return _TYPE_KINDS[kind]
    if kind not in _MAYBE_TALK_TYPES:
        return None
    written = _raw(context, "type")
    said = type_key(written) if written else ""
    if said in _SOFTWARE_WORDS:
        return "software"
    if said in _DATASET_WORDS:
        return "dataset"
    if preprint_of(entry) is not None:
        return None
    # A manuscript submitted to (or in press at) a journal is no talk.
    manuscript = any(_raw(context, name) for name in ("journal", "journaltitle", "pubstate"))
    if (kind == "unpublished" and not manuscript) or any(
        _raw(context, name) for name in ("eventtitle", "venue", "eventdate")
    ):
        return "talk"
    howpublished = _raw(context, "howpublished")
    for text in (written, howpublished):
        if text and not _URL_RE.match(text) and _TALK_WORDS_RE.search(text):
            return "talk"
    return None


def _raw(context: Mapping[str, Any], name: str) -> str | None:
    return raw_field(context["entry"], name, context.get("bib_data"))


def _text(context: Mapping[str, Any], name: str) -> Text | None:
    return text_field(context["entry"], name, context.get("bib_data"))


def _verbatim(context: Mapping[str, Any], name: str) -> str | None:
    return verbatim_field(context["entry"], name, context.get("bib_data"))


def _first_text_field(
    context: Mapping[str, Any], names: Iterable[str]
) -> tuple[str | None, Text | None]:
    """The first of *names* that is present and non-empty, with its decoded text."""
    for name in names:
        text = _text(context, name)
        if text is not None:
            return name, text
    return None, None


def _pages(context: Mapping[str, Any]) -> Text | None:
    """The ``pages`` field with its ranges drawn with an en dash ("45–67").

    latexcodec already turns "--" into "–"; single hyphens and other dashes are
    normalised too, as ``unsrt``'s ``dashify`` does, but with the character itself
    so that the plain-text rendering shows an en dash as well.
    """
    pages = _text(context, "pages")
    if pages is None or is_fake_pages(context["entry"], str(pages)):
        return None
    return Text(String(_EN_DASH)).join(pages.split(_PAGE_DASH_RE))


def _article_pages(context: Mapping[str, Any]) -> Text | None:
    """The pages, or the article number (ADS's ``eid``) when there are none."""
    pages = _pages(context)
    if pages is None:
        return _text(context, "eid")
    return pages


def _article_details(context: Mapping[str, Any]) -> tuple[Text | None, str]:
    """A journal article's "volume(number):pages", and the separator it needs before it.

    The compact form "12(3):45–67" follows the venue with a space; pages without a
    volume read "pages 45–67" and follow it with a comma.  A number is shown only with
    its volume, as in ``unsrt``.
    """
    volume = _text(context, "volume")
    number = _text(context, "number")
    pages = _article_pages(context)
    if volume is not None:
        issue = Text(volume, "(", number, ")") if number is not None else volume
        if pages is not None:
            return Text(issue, ":", pages), " "
        return issue, " "
    if pages is not None:
        return Text(_("pages") + " ", pages), ", "
    return None, " "


def _year(context: Mapping[str, Any]) -> Text | None:
    """The ``year``, or the year of biblatex's ``date``.

    A plain ISO date ("2024-05-01") or a range of them ("2023/2024") shows only
    years; anything else in ``date`` (an open range, EDTF "2024~") is shown as written,
    since guessing at it could show a wrong year.  ``date`` is not LaTeX in biblatex
    but an ISO 8601 / EDTF string, so it is read like a link field: an EDTF "~" must
    stay a tilde, not become a no-break space.
    """
    year = _text(context, "year")
    if year is not None:
        return year
    date = _verbatim(context, "date")
    if date is None:
        return None
    years = plain_date_years(date)
    if years is not None:
        return Text(years)
    return Text(String(date))


def _pubstate(context: Mapping[str, Any]) -> Text | None:
    """biblatex's ``pubstate``: a standard key spelled out, anything else as written."""
    value = _raw(context, "pubstate")
    if value is None:
        return None
    known = PUBSTATE_KEYS.get(value.strip().lower())
    if known is not None:
        return Text(_(known))
    phrase = PUBSTATE_WORDS.get(" ".join(value.lower().split()))
    if phrase is not None and _(phrase) != phrase:
        return Text(_(phrase))
    return _text(context, "pubstate")


def venue_of(entry: Entry) -> tuple[str | None, Text | None]:
    """The venue of *entry* and the field it came from.

    Or what it is: "thesis" (its kind and school), "preprint" (its server),
    "talk" (the event), "software" and "dataset" (the repository that
    publishes it, if the entry names one).
    """
    context = {"entry": entry, "bib_data": None}
    kind = _work_kind(context)
    if kind == "talk":
        event = _event(context)
        return ("talk", event[1]) if event is not None else ("talk", None)
    if kind in ("software", "dataset"):
        return kind, _publisher(context)
    return _venue(context)


def _event(context: Mapping[str, Any]) -> tuple[str, Text] | None:
    """The event a talk was given at, and the field it came from."""
    name, event = _first_text_field(context, ("eventtitle", "booktitle"))
    if event is not None and name is not None:
        return name, event
    howpublished = _raw(context, "howpublished")
    if howpublished and not _URL_RE.match(howpublished):
        text = _text(context, "howpublished")
        if text is not None:
            return "howpublished", text
    if context["entry"].type.lower() == "unpublished":
        note = _text(context, "note")
        if note is not None:
            return "note", note  # BibTeX's @unpublished: the note says what it is
    return None


def _publisher(context: Mapping[str, Any]) -> Text | None:
    """Where a software or a data set is published (Zenodo, a lab, a journal).

    The first venue field (:data:`VENUE_FIELDS`), but a ``howpublished`` that
    is only its URL, which is a link button instead.
    """
    for name in VENUE_FIELDS:
        raw = _raw(context, name)
        if raw and not _URL_RE.match(raw):
            return _text(context, name)
    return None


def _month_year(month: str | None, year: str | None) -> str | None:
    """ "March 2023" (a month BibTeX's way: ``mar``, ``3``, ``March``), or the year alone."""
    if not month:
        return year
    number = month_number(month)
    if number and year and year.strip().isdigit():
        localized = month_and_year(number, int(year))  # "March 2023", "2023年3月"
        if localized:
            return localized
    written = month_name(number) if number else month.strip()
    return f"{written} {year}" if year else written


def _talk_date(context: Mapping[str, Any]) -> Text | None:
    """When a talk was given: month and year, from ``eventdate``, ``date`` or ``month``/``year``.

    A date that is not plain ISO (EDTF, an open range) is shown as written.
    """
    for name in ("eventdate", "date"):
        value = _verbatim(context, name)
        if value is None:
            continue
        match = PLAIN_DATE.fullmatch(value.split("/")[0].strip())
        if match is None:
            return Text(String(value))
        month = match.group(2)
        return Text(_month_year(month, match.group(1)) or match.group(1))
    year = _text(context, "year")
    month = _text(context, "month")
    shown = _month_year(
        str(month) if month is not None else None, str(year) if year is not None else None
    )
    return Text(shown) if shown else None


def _talk_head(context: Mapping[str, Any]) -> tuple[Text, bool]:
    """Kind, event, place and date of a talk in that order; and whether the note was used.

    "Invited talk, LHC Physics Workshop, CERN, Geneva, March 2023": what a
    reader expects, whichever fields the export used (biblatex's
    ``eventtitle``, ``venue`` and ``eventdate``; BibTeX's ``howpublished``,
    ``address`` and ``month``/``year``; an ``@unpublished``'s ``note``).
    """
    entry = context["entry"]
    parts: list[Text] = []
    said = _text(context, "type")
    if said is not None and entry.type.lower() != "unpublished":
        parts.append(said)
    event = _event(context)
    if event is not None:
        parts.append(event[1])
    place = _first_text_field(context, ("venue", "location", "address"))[1]
    if place is not None:
        parts.append(place)
    date = _talk_date(context)
    if date is not None:
        parts.append(date)
    return Text(", ").join(parts) if parts else Text(), event is not None and event[0] == "note"


def _release_head(context: Mapping[str, Any], label: str) -> Text:
    """ "Software, version 2.0.4, Zenodo": what it is, its version and who publishes it."""
    parts = [Text(label)]
    version = _text(context, "version")
    if version is not None:
        shown = str(version).strip()
        if re.fullmatch(r"[vV]\d.*", shown):
            version = Text(shown[1:])
        parts.append(Text(_("version") + " ", version))
    publisher = _publisher(context)
    if publisher is not None:
        parts.append(publisher)
    return Text(", ").join(parts)


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
        if entry.persons or _raw(context, "title") is not None:
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
    award = _text(context, "award") or _text(context, "award_name")
    if award is None:
        return None
    return Text(
        Classed("cvbib-paren", "("),
        Classed("cvbib-badge cvbib-badge-award", award),
        Classed("cvbib-paren", ")"),
    )


def venue_line(entry: Entry, bib_data: Any = None) -> Text:
    """Venue, volume(number):pages, pubstate, year, award and note, in one phrase.

    The year follows a one-word proceedings venue with a space, as CVs write
    conference papers ("EMNLP 2023"), and a comma after anything else ("Nature 12(3):45–67,
    2020", "PhD thesis, Universitat Pompeu Fabra, 2019", "arXiv:2504.16084, 2025"),
    so that venue, volume, pages and year never run together; it is left out if
    the venue already ends with it ("ICML 2025"). The award follows as a badge,
    the note comes last in parentheses ("NeurIPS 2024 (Spotlight)"). Returns empty
    text when there is nothing to say, so that ``sentence`` adds no lone period.
    """
    context = {"entry": entry, "bib_data": bib_data}
    kind = _work_kind(context)
    if kind == "talk":
        return _talk_line(context)
    if kind in ("software", "dataset"):
        venue_name: str | None = None
        venue: Text | None = None
        if entry.persons or _raw(context, "title") is not None:  # else it shows as its key
            venue = _release_head(context, _("Software") if kind == "software" else _("Dataset"))
    else:
        venue_name, venue = _venue(context)
    details, details_sep = None, " "
    if (
        venue_name in JOURNAL_FIELDS
        or (entry.type == "article" and venue_name != "preprint")
        # A proceedings series with volumes: "J. Phys.: Conf. Ser. 1525(1):012045".
        or (venue_name in _PROCEEDINGS_FIELDS and _raw(context, "volume") is not None)
    ):
        details, details_sep = _article_details(context)
        series = _text(context, "series") if venue_name in _PROCEEDINGS_FIELDS else None
        if series is not None and venue is not None and details is not None:
            venue, details_sep = Text(venue, ", ", series), " "
    status = _pubstate(context)
    preprint = PUBSTATE_KEYS["prepublished"]  # a name, not a literal, for the extractor
    if venue_name == "preprint" and str(status) == _(preprint):
        status = None  # "arXiv:2504.16084" says it already (Better BibLaTeX writes both)
    year = _year(context)
    note = _text(context, "note")
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
    return _tail(head, award, note)


def _tail(head: Text, award: Text | None, note: Text | None) -> Text:
    """The award badge and the note in parentheses after the rest of the line."""
    if award is not None:
        head = Text(head, " ", award) if head else award
    if note is not None:
        head = Text(head, " (", note, ")") if head else note
    return head


def _talk_line(context: Mapping[str, Any]) -> Text:
    """A talk's line: :func:`_talk_head`, its award, and its note unless that was the event."""
    head, used_note = _talk_head(context)
    note = None if used_note else _text(context, "note")
    return _tail(head, _award(context), note)
