"""What an entry points at: DOI, preprint server and id, thesis kind, and its links.

Export tools write the same facts in many shapes, and a CV must show each fact
once, the way a careful author would type it:

* an arXiv preprint is ``journal = {CoRR}`` + ``volume = {abs/2305.14321}``
  (DBLP), ``journal = {arXiv preprint arXiv:2305.14321}`` (Google Scholar),
  ``eprint`` + ``archiveprefix`` (arXiv itself) or ``eprinttype`` (biblatex),
  ``arxiv = {...}`` (al-folio), or only an arXiv URL or DOI (``10.48550/arXiv.``);
  all of them read "arXiv:2305.14321" with one arXiv link;
* bioRxiv, medRxiv, SSRN and ChemRxiv preprints are named from the venue,
  ``eprinttype`` or their DOI prefix; Google Scholar's ``pages = {2023--04}``
  on such an entry is a date, not pages, and is dropped (:func:`is_fake_pages`);
* a thesis says its kind, from ``@phdthesis``, ``@mastersthesis`` or
  biblatex's ``@thesis`` with ``type``, in any spelling the exporters and
  their users write it (HAL's ``Theses``, biblatex's ``mathesis``, French
  "Thèse de doctorat", German "Dissertation", "Masterarbeit"...);
* a DOI wins over a ``url`` only when the URL resolves to the same object
  (:func:`same_object`: the DOI's own resolver, a URL that holds the DOI or its
  suffix, the DOI registrant's landing site, a Zenodo record of a Zenodo DOI);
  any other URL (a software's repository next to its archived release's DOI,
  a project page) is kept, and a URL is never printed raw: its label is short.

Everything here reads raw fields (the verbatim ones without LaTeX decoding)
and returns plain strings; nothing imports Sphinx or the styles, so the style
(the text line) and the publication model (buttons, metadata) agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, unquote, urlsplit

from pybtex.database import Entry

from ..bib import nonblank, unescape_verbatim
from ..i18n import N_, _
from ..text import safe_url
from .files import looks_like_path, not_inside, refusal_message

__all__ = [
    "LINK_FIELDS",
    "Link",
    "Preprint",
    "clean_verbatim",
    "doi_of",
    "is_fake_pages",
    "links_of",
    "preprint_of",
    "rejected_link_problem",
    "same_object",
    "thesis_kind",
]

_URL_MACRO_RE = re.compile(r"^\\(?:url|href)\s*\{([^{}]*)\}.*$", re.DOTALL)
_DOI_PREFIX_RE = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)\s*", re.IGNORECASE)
_ARXIV_ID = r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)"
_ARXIV_IN_TEXT_RE = re.compile(r"arxiv(?:\s+preprint)?\s*[:/ ]\s*(?:abs/)?" + _ARXIV_ID, re.I)
_ARXIV_URL_RE = re.compile(r"arxiv\.org/(?:abs|pdf)/" + _ARXIV_ID, re.IGNORECASE)
_ARXIV_DOI_RE = re.compile(r"^10\.48550/arxiv\." + _ARXIV_ID + "$", re.IGNORECASE)
_CORR_VOLUME_RE = re.compile(r"^abs/" + _ARXIV_ID + "$", re.IGNORECASE)
_BARE_ARXIV_RE = re.compile(r"^(?:arxiv:\s*)?" + _ARXIV_ID + "$", re.IGNORECASE)
#: Google Scholar's bioRxiv/SSRN "pages": a year and month, or a year alone.
_DATE_PAGES_RE = re.compile(r"^\s*(?:19|20)\d\d\s*(?:-{1,3}|–)\s*(?:0?[1-9]|1[0-2])\s*$")

#: bioRxiv and medRxiv share Cold Spring Harbor's DOI prefix, and Crossref names
#: neither server: their DOIs are dated, with a 6-digit (bioRxiv) or 8-digit
#: (medRxiv) serial, "10.1101/2023.04.12.536567".
_COLD_SPRING_HARBOR_RE = re.compile(r"^10\.1101/(?:19|20)\d\d\.\d\d\.\d\d\.(\d+)(?:v\d+)?$")

#: Where preprints live: (name, words that name it in a venue or eprinttype, DOI prefix).
PREPRINT_SERVERS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("arXiv", ("arxiv", "corr"), "10.48550/arxiv."),
    ("bioRxiv", ("biorxiv",), None),
    ("medRxiv", ("medrxiv",), None),
    ("SSRN", ("ssrn",), "10.2139/ssrn"),
    ("ChemRxiv", ("chemrxiv",), "10.26434/chemrxiv"),
    ("PsyArXiv", ("psyarxiv",), None),
    ("OSF Preprints", ("osf preprints",), None),
    ("Research Square", ("research square",), "10.21203/rs."),
    ("Preprints.org", ("preprints.org",), "10.20944/preprints"),
)


def _words_re(words: Sequence[str]) -> re.Pattern[str]:
    """Any of *words* as whole words (in lower-case text)."""
    return re.compile(r"(?:^|\W)(?:" + "|".join(map(re.escape, words)) + r")(?:$|\W)")


#: Each server's names as whole words, and any server's name.
_SERVER_NAME_RE = {server: _words_re(words) for server, words, _doi in PREPRINT_SERVERS}
_ANY_SERVER_RE = _words_re([word for _server, words, _doi in PREPRINT_SERVERS for word in words])

#: The venue fields a preprint server's name may stand in.
_VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "howpublished", "publisher", "note")

#: Link fields, in the order their buttons are shown, with their labels.
#: (al-folio's names included: ``html`` is the paper's own page, ``supp`` its
#: supplementary material.)
LINK_FIELDS: tuple[tuple[str, str], ...] = (
    ("pdf", "PDF"),
    ("html", "HTML"),
    ("code", N_("Code")),
    ("dataset", N_("Dataset")),
    ("slides", N_("Slides")),
    ("poster", N_("Poster")),
    ("video", N_("Video")),
    ("supp", N_("Supp")),
    ("blog", N_("Blog")),
    ("website", N_("Website")),
    ("openreview", "OpenReview"),
)

#: Link fields whose value may be a file shipped with the site instead of a URL.
FILE_FIELDS = frozenset({"pdf", "slides", "poster", "supp"})

_PHD = N_("PhD thesis")
_MASTERS = N_("Master's thesis")
_BACHELORS = N_("Bachelor's thesis")
_HABILITATION = N_("Habilitation thesis")

#: Thesis kinds by entry type or by the ``type`` field, written as
#: :func:`_type_key` reduces it (lower case, no accents, letters only):
#: biblatex's keys, and the words HAL, French and German theses use.
THESIS_KINDS: Mapping[str, str] = {
    "phdthesis": _PHD,
    "phd": _PHD,
    "phddissertation": _PHD,
    "doctoralthesis": _PHD,
    "thesededoctorat": _PHD,
    "thesedoctorat": _PHD,
    "doctorat": _PHD,
    "doktorarbeit": _PHD,
    "inauguraldissertation": _PHD,
    "promotion": _PHD,
    "mastersthesis": _MASTERS,
    "mathesis": _MASTERS,
    "masterthesis": _MASTERS,
    "masters": _MASTERS,
    "master": _MASTERS,
    "memoiredemaster": _MASTERS,
    "memoire": _MASTERS,
    "masterarbeit": _MASTERS,
    "candthesis": N_("Candidate thesis"),
    "bathesis": _BACHELORS,
    "bachelorthesis": _BACHELORS,
    "bachelorarbeit": _BACHELORS,
    "diplomarbeit": N_("Diploma thesis"),
    "magisterarbeit": N_("Magister thesis"),
    "habilitation": _HABILITATION,
    "habilitationthesis": _HABILITATION,
    "habilitationsschrift": _HABILITATION,
    "habilitationadirigerdesrecherches": _HABILITATION,
    "hdr": _HABILITATION,
    "thesis": N_("Thesis"),
}

#: ``type`` values that say "a thesis" and nothing more (HAL writes ``Theses``
#: on every thesis, whatever its degree): the entry type says which kind.
_GENERIC_THESIS_TYPES = frozenset(
    {"thesis", "theses", "these", "thesisdissertation", "tesis", "tesi", "tese", "dissertation"}
)


@dataclass(frozen=True)
class Preprint:
    """A preprint: its server, its identifier there (if any) and its one link."""

    server: str
    identifier: str | None = None
    url: str | None = None

    @property
    def label(self) -> str:
        """How the venue reads: "arXiv:2305.14321", or the server's name."""
        if self.server == "arXiv" and self.identifier:
            return f"arXiv:{self.identifier}"
        return self.server


@dataclass(frozen=True)
class Link:
    """One link of an entry: a button on the web page, a ``[Label]`` in the PDF.

    ``url`` is an http(s) URL, or ``None`` with ``path`` set when the field
    names a file that may be published with the site (``pdf = {files/ttrl.pdf}``;
    :mod:`cvbib.model.files` decides whether it is).
    """

    kind: str
    label: str
    url: str | None = None
    path: str | None = None


def clean_verbatim(value: str | None) -> str | None:
    """A verbatim field (URL, DOI, eprint) without BibTeX escapes, braces or ``\\url{}``."""
    if value is None:
        return None
    text = value.strip()
    match = _URL_MACRO_RE.match(text)
    if match:
        text = match.group(1)
    return unescape_verbatim(text) or None


def _field(entry: Entry, name: str) -> str | None:
    return nonblank(entry.fields.get(name))


def _verbatim(entry: Entry, name: str) -> str | None:
    return clean_verbatim(_field(entry, name))


def _plain_lower(value: str | None) -> str:
    return re.sub(r"[{}\\]", "", value or "").strip().lower()


def doi_of(entry: Entry) -> str | None:
    """The entry's DOI without "https://doi.org/" or "doi:", or None.

    The DOI arXiv mints for every preprint (``10.48550/arXiv.ID``) is not
    returned: it names the same article as the arXiv link, which wins.
    """
    raw = _verbatim(entry, "doi")
    if raw is None:
        return None
    doi = _DOI_PREFIX_RE.sub("", raw).strip()
    if not doi or _ARXIV_DOI_RE.match(doi):
        return None
    return doi


def doi_url(doi: str) -> str:
    return "https://doi.org/" + quote(doi, safe="/:;()!$&'*+,=@")


def arxiv_url(identifier: str) -> str:
    return "https://arxiv.org/abs/" + quote(identifier, safe="/.")


def _arxiv_id(entry: Entry) -> str | None:
    """The arXiv identifier, whichever way the export wrote it."""
    eprint_type = _plain_lower(_field(entry, "eprinttype") or _field(entry, "archiveprefix"))
    eprint = _verbatim(entry, "eprint")
    if eprint and eprint_type == "arxiv":
        match = _BARE_ARXIV_RE.match(eprint)
        return match.group(1) if match else eprint
    al_folio = _verbatim(entry, "arxiv")
    if al_folio:
        match = _BARE_ARXIV_RE.match(al_folio) or _ARXIV_URL_RE.search(al_folio)
        if match:
            return match.group(1)
    volume = _verbatim(entry, "volume")
    journal = _plain_lower(_field(entry, "journal") or _field(entry, "journaltitle"))
    if volume and journal in ("corr", "arxiv"):  # DBLP; Semantic Scholar writes "ArXiv"
        match = _CORR_VOLUME_RE.match(volume)
        if match:
            return match.group(1)
    for name in _VENUE_FIELDS:
        value = _field(entry, name)
        if value:
            match = _ARXIV_IN_TEXT_RE.search(value) or _ARXIV_URL_RE.search(value)
            if match:
                return match.group(1)
    raw_doi = _verbatim(entry, "doi")
    if raw_doi:
        match = _ARXIV_DOI_RE.match(_DOI_PREFIX_RE.sub("", raw_doi))
        if match:
            return match.group(1)
    url = _verbatim(entry, "url")
    if url:
        match = _ARXIV_URL_RE.search(url)
        if match:
            return match.group(1)
    return None


#: The fields :func:`preprint_of` reads: with the type, the key of its cache.
_PREPRINT_FIELDS = (
    "eprinttype",
    "archiveprefix",
    "eprint",
    "arxiv",
    "volume",
    "doi",
    "url",
    *_VENUE_FIELDS,
    "journaltitle",
)


def preprint_of(entry: Entry) -> Preprint | None:
    """The preprint server the entry is on (see :func:`_preprint_of`), cached.

    The style's venue, its page check and the publication model all ask; the
    answer depends only on a few fields, which make the cache key.
    """
    fields = entry.fields
    return _cached_preprint(entry.type.lower(), tuple(fields.get(n) for n in _PREPRINT_FIELDS))


@lru_cache(maxsize=4096)
def _cached_preprint(kind: str, values: tuple[str | None, ...]) -> Preprint | None:
    fields = {name: value for name, value in zip(_PREPRINT_FIELDS, values, strict=True) if value}
    return _preprint_of(Entry(kind, fields=fields))


def _preprint_of(entry: Entry) -> Preprint | None:
    """The preprint server the entry is on, or None for a published work.

    An entry published in a journal or proceedings that also has an arXiv id
    (``eprint``) is not a preprint: its venue is the journal; its arXiv id
    still gives an arXiv link (:func:`links_of`).
    """
    arxiv = _arxiv_id(entry)
    venue = " ".join(_plain_lower(_field(entry, name)) for name in _VENUE_FIELDS)
    eprint_type = _plain_lower(_field(entry, "eprinttype") or _field(entry, "archiveprefix"))
    doi = (_verbatim(entry, "doi") or "").lower()
    published = _published_venue(entry)
    cold_spring = _COLD_SPRING_HARBOR_RE.match(_DOI_PREFIX_RE.sub("", doi))
    if cold_spring and not published:
        return Preprint("bioRxiv" if len(cold_spring.group(1)) <= 6 else "medRxiv")
    for server, words, doi_prefix in PREPRINT_SERVERS:
        named = bool(_SERVER_NAME_RE[server].search(venue))
        by_type = eprint_type in words
        by_doi = bool(doi_prefix and _DOI_PREFIX_RE.sub("", doi).startswith(doi_prefix))
        if server == "arXiv":
            if arxiv and not published and (named or by_type or by_doi or _is_unpublished(entry)):
                return Preprint("arXiv", arxiv, arxiv_url(arxiv))
            if named and not published:
                return Preprint("arXiv")
            continue
        if named or by_type or (by_doi and not published):
            identifier = _verbatim(entry, "eprint") if by_type else None
            return Preprint(server, identifier, None)
    return None


def _published_venue(entry: Entry) -> bool:
    """Whether a journal or proceedings that is not a preprint server is named."""
    for name in ("journal", "journaltitle", "booktitle"):
        value = _plain_lower(_field(entry, name))
        if value and not _ANY_SERVER_RE.search(value):
            return True
    return False


def _is_unpublished(entry: Entry) -> bool:
    """A ``@misc``/``@online``/``@unpublished``/``@article`` without a real venue."""
    return entry.type.lower() in {"misc", "online", "unpublished", "article", "preprint", "report"}


def is_fake_pages(entry: Entry, pages: str) -> bool:
    """Whether ``pages`` is Google Scholar's date on a preprint ("2023--04")."""
    return preprint_of(entry) is not None and bool(_DATE_PAGES_RE.match(pages.replace("{", "")))


def thesis_kind(entry: Entry) -> str | None:
    """ "PhD thesis", "Master's thesis", ..., or None when the entry is no thesis.

    biblatex's ``@thesis`` names its kind in ``type`` (a key such as
    ``phdthesis`` or free text such as "Doctoral dissertation", shown as
    written); BibTeX's ``@phdthesis`` / ``@mastersthesis`` name it in the
    type itself, which a ``type`` field overrides as in BibTeX's styles.
    """
    kind = entry.type.lower()
    if kind not in {"phdthesis", "mastersthesis", "thesis"}:
        return None
    written = _field(entry, "type")
    if written:
        key = type_key(written)
        if key in _GENERIC_THESIS_TYPES:
            # "Dissertation" is the doctoral thesis (German, US English), unless
            # the entry type says it is a master's.
            if key == "dissertation" and kind != "mastersthesis":
                return _(_PHD)
            return _(THESIS_KINDS[kind])
        known = THESIS_KINDS.get(key)
        return _(known) if known is not None else re.sub(r"[{}]", "", written).strip()
    return _(THESIS_KINDS[kind])


def type_key(written: str) -> str:
    """A ``type`` value reduced to compare: lower case, accents and all but letters gone.

    ``Thèse de doctorat``, ``{Th\\`ese} de doctorat`` and ``these-de-doctorat``
    are all ``thesededoctorat``; ``Ph.D. thesis`` is ``phdthesis``.
    """
    text = re.sub(r"\\[`'^\"~=.]|\\[a-zA-Z]+\s*", "", written)  # LaTeX accents
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalpha() and char.isascii())


#: Where a DOI registrant's DOIs resolve: a URL on one of these sites, on an
#: entry with a DOI of that prefix, is the article's landing page (Zotero and
#: the publishers' own exports write it in ``url``; Elsevier's carries a PII,
#: not the DOI). Only the registrants whose landing pages do not hold the DOI
#: need to be here; a URL that holds it is recognised anyway.
REGISTRANT_SITES: Mapping[str, tuple[str, ...]] = {
    "10.1016": ("sciencedirect.com", "elsevier.com", "cell.com", "thelancet.com"),
    "10.1103": ("aps.org",),
    "10.1007": ("springer.com", "springerlink.com"),
    "10.1140": ("springer.com", "epj.org"),
    "10.1038": ("nature.com",),
    "10.1088": ("iop.org",),
    "10.3847": ("iop.org",),
    "10.1093": ("oup.com",),
    "10.1051": ("aanda.org", "epj-conferences.org", "edpsciences.org"),
    "10.1109": ("ieee.org",),
    "10.1145": ("acm.org",),
    "10.1126": ("science.org", "sciencemag.org"),
    "10.1073": ("pnas.org",),
    "10.1002": ("wiley.com",),
    "10.1111": ("wiley.com",),
    "10.1021": ("acs.org",),
    "10.1063": ("aip.org", "scitation.org"),
    "10.1142": ("worldscientific.com",),
    "10.22323": ("sissa.it",),
    "10.1146": ("annualreviews.org",),
    "10.1017": ("cambridge.org",),
    "10.1080": ("tandfonline.com",),
    "10.1371": ("plos.org",),
    "10.3390": ("mdpi.com",),
    "10.18653": ("aclanthology.org",),
    "10.1101": ("biorxiv.org", "medrxiv.org"),
    "10.5281": ("zenodo.org",),
}

_ZENODO_DOI_RE = re.compile(r"^10\.5281/zenodo\.(\d+)$")
_ZENODO_RECORD_RE = re.compile(r"zenodo\.org/(?:records?|doi/10\.5281/zenodo\.)/?(\d+)")


def same_object(url: str, doi: str) -> bool:
    """Whether *url* resolves to the object the DOI *doi* names.

    Only then does the DOI's link replace the URL's: a DOI resolver's URL of
    that DOI, a URL that holds the DOI or the part after its prefix (ACM's
    ``dl.acm.org/doi/10.1145/...``, the ACL Anthology's
    ``aclanthology.org/2023.emnlp-main.597``), the DOI registrant's landing
    site (:data:`REGISTRANT_SITES`) and, for a Zenodo DOI, the Zenodo record
    of the same number. A software's GitHub repository next to the DOI of
    its archived release, or a project page, is another object: both links
    are shown.
    """
    text = unquote(url).casefold()
    doi = doi.casefold()
    if doi in text:
        return True
    prefix, _slash, suffix = doi.partition("/")
    zenodo = _ZENODO_DOI_RE.match(doi)
    if zenodo is not None:
        record = _ZENODO_RECORD_RE.search(text)
        return record is not None and record.group(1) == zenodo.group(1)
    if len(suffix) >= 6 and suffix in text:
        return True
    last = suffix.rsplit("/", 1)[-1]
    if len(last) >= 6 and text.rstrip("/").endswith("/" + last):
        return True
    host = urlsplit(url).hostname or ""
    sites = REGISTRANT_SITES.get(prefix, ())
    return any(host == site or host.endswith("." + site) for site in sites)


def _host_label(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def _is_file_name(value: str) -> bool:
    """A relative path such as ``files/ttrl.pdf``: no scheme, not absolute, no ``..``."""
    path = value.strip()
    return (
        bool(path)
        and not _SCHEME_RE.match(path)
        and not path.startswith(("/", "\\"))
        and ".." not in path.replace("\\", "/").split("/")
    )


def links_of(entry: Entry) -> list[Link]:
    """Every link of the entry (see :func:`links_and_rejected`)."""
    return links_and_rejected(entry)[0]


def links_and_rejected(entry: Entry) -> tuple[list[Link], list[tuple[str, str]]]:
    """Every link of the entry, one per target, in a stable order.

    DOI first, then the preprint (arXiv), then the link fields of
    :data:`LINK_FIELDS`; a ``url`` comes last and only when it is not the
    article the DOI or the preprint already links to. Values that are not
    http(s) URLs are dropped, except file names in :data:`FILE_FIELDS`, which
    are files shipped with the site. Two fields with the same URL give one link.
    The second list names the (field, value) pairs that could not be links, so
    that they can be reported instead of silently dropped.
    """
    links: list[Link] = []
    rejected: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(link: Link) -> None:
        target = _normalised(link.url) if link.url else f"file:{link.path}"
        if target in seen:
            return
        seen.add(target)
        links.append(link)

    doi = doi_of(entry)
    if doi:
        add(Link("doi", "DOI", doi_url(doi)))
    arxiv = _arxiv_id(entry)
    if arxiv:
        add(Link("arxiv", "arXiv", arxiv_url(arxiv)))
    for name, label in LINK_FIELDS:
        value = _verbatim(entry, name)
        if value is None:
            continue
        if name == "openreview" and "://" not in value:
            value = "https://openreview.net/forum?id=" + quote(value, safe="")
        url = safe_url(value)
        if url is not None and url.lower().startswith(("http://", "https://")):
            add(Link(name, _(label), url))
        elif name in FILE_FIELDS and _is_file_name(value):
            add(Link(name, _(label), None, value))
        else:
            rejected.append((name, value))
    url = _verbatim(entry, "url")
    if url is not None:
        safe = safe_url(url)
        if safe is not None and safe.lower().startswith(("http://", "https://")):
            doi_in_url = _DOI_PREFIX_RE.match(safe)
            if doi_in_url and not doi and not _ARXIV_DOI_RE.match(_DOI_PREFIX_RE.sub("", safe)):
                add(Link("doi", "DOI", doi_url(_DOI_PREFIX_RE.sub("", safe))))
                return links, rejected
            points_at_article = (
                bool(doi and same_object(safe, doi))
                or bool(doi_in_url and _ARXIV_DOI_RE.match(_DOI_PREFIX_RE.sub("", safe)))
                or bool(arxiv and _ARXIV_URL_RE.search(safe))
            )
            pdf_url = safe.lower().split("?")[0].endswith(".pdf")
            if pdf_url and not any(link.kind == "pdf" for link in links):
                add(Link("pdf", "PDF", safe))
            elif not points_at_article:
                add(Link("url", _host_label(safe), safe))
        else:
            rejected.append(("url", url))
    return links, rejected


def rejected_link_problem(name: str, value: str, files_dir: str) -> tuple[str, str]:
    """The warning for a link field that is neither an http(s) URL nor a file to publish.

    A file name that climbs out (``../draft.pdf``) or is absolute
    (``/etc/passwd``) in a file field is a file that will not be published
    (``unsafe_file``, as :mod:`cvbib.model.files` says of the others); anything
    else is a URL that will not be linked (``unsafe_url``).
    """
    if name in FILE_FIELDS and looks_like_path(value):
        return ("unsafe_file", refusal_message(name, value, not_inside(value, name, files_dir)))
    return (
        "unsafe_url",
        f"'{name}' = {value!r} is not an http(s) URL, so it is not linked: write the full "
        "https:// address",
    )


def _normalised(url: str) -> str:
    lowered = url.strip().lower().rstrip("/")
    return re.sub(r"^https?://(?:www\.|dx\.)?", "", lowered)
