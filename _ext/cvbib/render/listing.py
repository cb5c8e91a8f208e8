"""How a bibliography lists its entries: selection, order, groups and counts.

Three options of the ``bibliography`` directive, usable on any page:

``:selected:``
    Only the selected entries: ``keywords`` holds ``selected`` as one keyword,
    or ``selected = {true}`` (al-folio). It becomes a ``:filter:`` expression,
    so sphinxcontrib-bibtex's own safe filter evaluates it (and a ``:filter:``
    given as well must also hold).
``:sort:``
    ``file`` (the order of the ``.bib`` file, the default), ``newest``
    (newest year first, undated last, file order within a year) or ``type``
    (journal articles, conference papers, ... then newest first).
``:actions:``
    What the web page shows under each entry: ``all`` (link buttons, and the
    abstract and BibTeX toggles), ``links`` (the default) or ``none``. The PDF
    shows the links as labels unless ``none``.
``:group:``
    ``year`` (newest first, undated entries last under "No year"), ``type``
    (readable names: "Journal articles", "Conference papers", ...) or ``none``.
    Each group gets a heading with its number of entries, and the list starts
    with the total. Grouping by year sorts newest first unless ``:sort:`` says
    otherwise.

The directive wraps its placeholder in a container carrying these options;
:class:`ListingTransform` reorders and groups the finished list after
sphinxcontrib-bibtex has filled it, reading each entry's year and kind from
its :class:`~cvbib.model.publication.Publication`. Headings are ``rubric`` nodes,
groups classed containers: every writer knows them. On the web page a group's
heading is a real heading (``<h2>``, ``<h3>``: Sphinx's ``heading-level`` of a
rubric), so that a screen reader's user moves through a long list year by
year (WCAG 1.3.1); its level is one below the section the list is in
(:func:`heading_level`), so the page's outline skips no level. The PDF and the
text builder keep the rubric as they always set it (a run-in
``\\subsubsection*``, "-[ 2025 (5) ]-"): their outline is the CV's sections.

The ``publist`` role writes the link to the full list with its count:
``{publist}`all publications <publications>``` reads "all publications (18)".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, cast

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.states import Inliner
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..domain import CvBibtexDomain
from ..i18n import N_, _
from ..i18n import number as shown_number
from ..model import Publication, selected_filter_for
from .entries import DEFAULT_ACTIONS, builder_of, entry_key_map, entry_nodes, to_root
from .priorities import LISTING, PUBLIST
from .published import BIB_DOWNLOAD

logger = logging.getLogger(__name__)

SORTS = ("file", "newest", "type")
#: What the web page shows under each entry: link buttons and the abstract and
#: BibTeX toggles (``all``), the link buttons only, or nothing.
ACTIONS = ("all", "links", "none")
GROUPS = ("none", "year", "type")
NO_YEAR = N_("No year")

#: Entry kinds in the order ``:sort: type`` and ``:group: type`` list them.
KIND_NAMES: dict[str, str] = {
    "journal": N_("Journal articles"),
    "proceedings": N_("Conference papers"),
    "chapter": N_("Book chapters"),
    "book": N_("Books"),
    "thesis": N_("Theses"),
    "preprint": N_("Preprints"),
    "report": N_("Reports"),
    "other": N_("Other works"),
}

LISTING_CLASS = "cvbib-listing"


def choice(values: Sequence[str]) -> Callable[[str | None], str]:
    def check(argument: str | None) -> str:
        return str(directives.choice((argument or "").strip().lower(), values))

    return check


#: Options added to sphinxcontrib-bibtex's ``bibliography`` directive.
OPTION_SPEC: dict[str, Callable[[str | None], Any]] = {
    "selected": directives.flag,
    "sort": choice(SORTS),
    "group": choice(GROUPS),
    "actions": choice(ACTIONS),
}


def selected_filter(options: dict[str, Any], keyword: str = "selected") -> None:
    """Turn ``:selected:`` into sphinxcontrib-bibtex's ``:filter:`` (in place).

    *keyword* is ``cv_selected_keyword``: the keyword that marks the selection
    (a variant of the CV may choose its own).
    """
    if "selected" not in options:
        return
    rule = selected_filter_for(keyword)
    given = options.get("filter")
    options["filter"] = f"({given}) and ({rule})" if given else rule


def wrap(result: list[nodes.Node], options: dict[str, Any]) -> list[nodes.Node]:
    """Put the bibliography placeholder (the last node) in a container with the options."""
    sort = options.get("sort")
    group = options.get("group", "none")
    actions = options.get("actions", DEFAULT_ACTIONS)
    if sort is None and group == "none" and actions == DEFAULT_ACTIONS:
        return result
    if sort is None:
        sort = "newest" if group == "year" else "type" if group == "type" else "file"
    box = nodes.container(
        classes=[LISTING_CLASS], cvbib_sort=sort, cvbib_group=group, cvbib_actions=actions
    )
    box += result[-1]
    return [*result[:-1], box]


def _year(publication: Publication | None) -> int | None:
    if publication is None or not publication.year:
        return None
    match = re.search(r"\d{4}", publication.year)
    return int(match.group(0)) if match else None


def _kind_rank(publication: Publication | None) -> int:
    kinds = list(KIND_NAMES)
    kind = publication.venue_kind if publication is not None else "other"
    return kinds.index(kind) if kind in kinds else len(kinds)


def sort_key(sort: str) -> Callable[[tuple[int, Publication | None]], tuple[Any, ...]]:
    """The sort key of (file position, publication) for a ``:sort:`` value."""

    def newest(item: tuple[int, Publication | None]) -> tuple[Any, ...]:
        position, publication = item
        year = _year(publication)
        return (year is None, -(year or 0), position)

    if sort == "newest":
        return newest
    if sort == "type":
        return lambda item: (_kind_rank(item[1]), *newest(item))
    return lambda item: (item[0],)


def group_label(group: str, publication: Publication | None) -> str:
    if group == "year":
        year = _year(publication)
        return str(year) if year is not None else NO_YEAR
    kind = publication.venue_kind if publication is not None else "other"
    return KIND_NAMES.get(kind, KIND_NAMES["other"])


def _count(number: int, singular: str = "publication") -> str:
    words = _("{count} publication") if number == 1 else _("{count} publications")
    return words.format(count=shown_number(number))


class ListingTransform(SphinxPostTransform):
    """Sort and group the lists of bibliographies that ask for it."""

    default_priority = LISTING

    def run(self, **kwargs: Any) -> None:
        domain = cast(CvBibtexDomain, self.env.get_domain("cite"))
        for box in list(self.document.findall(nodes.container)):
            if "cvbib_sort" not in box.attributes:
                continue
            items = [node for node in entry_nodes(box) if node.parent is not None]
            if not items:
                continue
            listing = items[0].parent
            by_id: dict[str, tuple[str, str]] = {}
            for docname in {node["docname"] for node in items}:
                by_id.update(entry_key_map(domain, docname))
            publications = [
                domain.publications.get(by_id.get((node.get("ids") or [""])[0], ("", ""))[0])
                for node in items
            ]
            order = sorted(
                range(len(items)),
                key=lambda i: sort_key(box["cvbib_sort"])((i, publications[i])),
            )
            group = box["cvbib_group"]
            if group == "none" and box["cvbib_sort"] == "file":
                continue
            if group == "none":
                listing.children = []
                for index in order:
                    listing += items[index]
                continue
            self._group(box, listing, [(items[i], publications[i]) for i in order], group)

    def _group(
        self,
        box: nodes.container,
        listing: nodes.Element,
        ordered: list[tuple[nodes.Element, Publication | None]],
        group: str,
    ) -> None:
        groups: dict[str, list[nodes.Element]] = {}
        for item, publication in ordered:
            groups.setdefault(group_label(group, publication), []).append(item)
        total = nodes.paragraph(classes=["cvbib-total"])
        total += nodes.Text(_count(len(ordered)))
        builder = builder_of(self.env)
        if builder.format == "html":
            total += nodes.Text(" \N{MIDDLE DOT} ")
            uri = to_root(self.env.docname) + BIB_DOWNLOAD
            total += nodes.reference(
                "", _("BibTeX of all"), refuri=uri, classes=["cvbib-bib-download"]
            )
            cast(CvBibtexDomain, self.env.get_domain("cite")).bib_download_wanted = True
        replacement: list[nodes.Node] = [total]
        base_id = (listing.get("ids") or box.get("ids") or ["cvbib-list"])[0]
        for label, members in groups.items():
            slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")
            section = nodes.container(classes=["cvbib-group"], ids=[f"{base_id}-{slug}"])
            heading = nodes.rubric("", "", classes=["cvbib-group-heading"])
            if builder.format == "html":
                heading["heading-level"] = heading_level(box)
            heading += nodes.Text(_(label))
            count = _(" ({count})").format(count=shown_number(len(members)))
            heading += nodes.inline("", count, classes=["cvbib-group-count"])
            section += heading
            sublist = listing.copy()
            sublist["ids"] = []
            for member in members:
                sublist += member
            section += sublist
            replacement.append(section)
        listing.replace_self(replacement)


def heading_level(node: nodes.Node) -> int:
    """The HTML heading level of a group heading at *node*: one below its section's.

    The page's title is ``<h1>``, a section in it ``<h2>``, and so on: a list
    in "# Publications" gets ``<h2>`` years, one in "## Selected Publications"
    of the CV page ``<h3>``. HTML has six levels: deeper lists stay at ``<h6>``.
    """
    depth = 0
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.section):
            depth += 1
        parent = parent.parent
    return min(depth + 1, 6)


class publist_reference(nodes.Inline, nodes.TextElement):
    """The link to the full list, resolved once the number of entries is known."""


def publist_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    """``{publist}`label <docname>```: the label, the count, and a link to the list page."""
    match = re.fullmatch(r"\s*(.*?)\s*<([^<>]+)>\s*", text, re.DOTALL)
    label, target = (match.group(1), match.group(2)) if match else (text.strip(), "publications")
    node = publist_reference(rawtext, "", label=label or _("full list"), target=target.strip())
    return [node], []


class PublistTransform(SphinxPostTransform):
    """Write each ``publist`` as "label (N)", linked where the page exists."""

    default_priority = PUBLIST

    def run(self, **kwargs: Any) -> None:
        domain = cast(CvBibtexDomain, self.env.get_domain("cite"))
        count = len(domain.bibdata.data.entries)
        for node in list(self.document.findall(publist_reference)):
            text = _("{label} ({count})").format(label=node["label"], count=shown_number(count))
            target = node["target"]
            uri = self._uri(target)
            if uri is None:
                node.replace_self(nodes.inline(text, text, classes=["cvbib-publist"]))
                continue
            reference = nodes.reference(text, text, refuri=uri, classes=["cvbib-publist"])
            reference["internal"] = builder_of(self.env).format == "html"
            node.replace_self(reference)

    def _uri(self, target: str) -> str | None:
        if target not in self.env.found_docs:
            logger.warning(
                "publist: there is no document '%s' to link to; write {publist}`label <name>` "
                "with the name of the page that lists every publication",
                target,
                location=self.document,
                type="cvbib",
                subtype="publist",
            )
            return None
        if builder_of(self.env).format == "html":
            return builder_of(self.env).get_relative_uri(self.env.docname, target)
        base = (self.config.html_baseurl or "").rstrip("/")
        return f"{base}/{target}.html" if base else None


def setup_listing(app: Any) -> None:
    app.add_post_transform(ListingTransform)
    app.add_node(publist_reference)
    app.add_role("publist", publist_role)
    app.add_post_transform(PublistTransform)
