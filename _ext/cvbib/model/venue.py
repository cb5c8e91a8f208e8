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

from ..bib import plain_date_years
from ..i18n import N_, _
from ..text import Classed
from .fields import raw_field, text_field, verbatim_field
from .identifiers import is_fake_pages, preprint_of, thesis_kind

__all__ = ["JOURNAL_FIELDS", "PUBSTATE_KEYS", "VENUE_FIELDS", "venue_line", "venue_of"]

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


def _article_details(context: Mapping[str, Any]) -> tuple[Text | None, str]:
    """A journal article's "volume(number):pages", and the separator it needs before it.

    The compact form "12(3):45–67" follows the venue with a space; pages without a
    volume read "pages 45–67" and follow it with a comma.  A number is shown only with
    its volume, as in ``unsrt``.
    """
    volume = _text(context, "volume")
    number = _text(context, "number")
    pages = _pages(context)
    if volume is not None:
        issue = Text(volume, "(", number, ")") if number is not None else volume
        if pages is not None:
            return Text(issue, ":", pages), " "
        return issue, " "
    if pages is not None:
        return Text("pages ", pages), ", "
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
    venue_name, venue = _venue(context)
    details, details_sep = None, " "
    if venue_name in JOURNAL_FIELDS or (entry.type == "article" and venue_name != "preprint"):
        details, details_sep = _article_details(context)
    status = _pubstate(context)
    if venue_name == "preprint" and str(status) == _(PUBSTATE_KEYS["prepublished"]):
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
    if award is not None:
        head = Text(head, " ", award) if head else award
    if note is not None:
        head = Text(head, " (", note, ")") if head else note
    return head
