"""What a reader sees under each publication, built from its model.

After sphinxcontrib-bibtex has put the formatted text of every entry into the
document, :class:`EntryExtrasTransform` adds, from the entry's
:class:`~cvbib.model.publication.Publication`:

* a venue badge (``abbr``) before the text, and the award badge after it when
  the style did not already show it;
* the links (DOI, arXiv, PDF, Code, ...): on the web page a row of small
  buttons under the entry, in the PDF and plain text compact clickable labels
  at the end of the entry ("[PDF] [Code] [arXiv]");
* on the web page only, the abstract and the clean BibTeX, each behind its own
  toggle (``<details>``: closed, keyboard-usable and working without
  JavaScript), the BibTeX with a copy button (sphinx-copybutton);
* on the web page only, the title as a link to the entry's own page.

The nodes are docutils' own (``inline``, ``reference``) plus four of
cvbib's (:class:`actions`, :class:`toggle`, :class:`bibtex_block`,
:class:`~cvbib.text.markup.collapsed`) with one visitor per builder: HTML writes
``<div>``, ``<details>`` and a hidden ``<span>``; every other writer skips the
web-only parts. Coauthor homepages (:class:`~cvbib.text.markup.web_only_reference`)
become plain text outside HTML.

A ``pdf``/``slides``/``poster``/``supp`` field that names a file rather than a
URL links the file this build publishes for it (:mod:`cvbib.render.published`): a
file that is not published (missing, or refused by :mod:`cvbib.model.files`)
gets no button and no ``[Label]``.
"""

from __future__ import annotations

import html
from typing import Any, cast

from docutils import nodes
from pybtex_docutils import Backend as DocutilsBackend
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from ..domain import CvBibtexDomain
from ..i18n import _
from ..model import Link, Publication
from ..settings import get_config
from ..text import TITLE_CLASS, collapsed, link_target, text_run, web_only_reference
from .priorities import ENTRY_EXTRAS
from .published import published_of

#: What a bibliography shows under each entry unless its ``:actions:`` says
#: otherwise (see :mod:`cvbib.render.listing`): the link buttons, without the
#: toggles, as a long list's every abstract and BibTeX would make the page
#: (and its search index) several times larger.
DEFAULT_ACTIONS = "links"


class actions(nodes.General, nodes.Element):
    """The row of link buttons and toggles under an entry (HTML only)."""


class toggle(nodes.General, nodes.Element):
    """A closed-by-default disclosure: ``<details><summary>label</summary>…``."""


class bibtex_block(nodes.literal_block):
    """An entry's BibTeX: a code block the HTML writer writes without Pygments.

    A long list has thousands of them, and highlighting each costs more than
    formatting its entry; plain text in the same ``div.highlight pre`` markup
    keeps the theme's code style and sphinx-copybutton's button.

    It is left out of Sphinx's search index (the ``no-search`` class): it
    repeats the entry's own words, and a collaboration paper's runs to 2,900
    names that would weigh down the index every search loads.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self["classes"].append("no-search")


def entry_key_map(domain: CvBibtexDomain, docname: str) -> dict[str, tuple[str, str]]:
    """Citation node id -> (entry key, bibliography id) for the bibliographies of *docname*."""
    found: dict[str, tuple[str, str]] = {}
    for bib_key, bibliography in domain.bibliographies.items():
        if bib_key.docname != docname:
            continue
        prefix = bibliography.keyprefix
        for key, citation_node in bibliography.citation_nodes.items():
            ids = citation_node.get("ids") or []
            if ids:
                found[ids[0]] = (key[len(prefix) :] if prefix else key, bib_key.id_)
    return found


def entry_nodes(document: nodes.Node) -> list[nodes.Element]:
    """The entries sphinxcontrib-bibtex put in *document* (they carry ``docname``)."""
    return [
        node
        for node in document.findall(nodes.Element)
        if "docname" in node.attributes and isinstance(node, nodes.list_item | nodes.citation)
    ]


def _badge(text: str, kind: str) -> nodes.inline:
    return nodes.inline(text, text, classes=["cvbib-badge", f"cvbib-badge-{kind}"])


def _link_node(link: Link, refuri: str | None) -> nodes.Node:
    """A link button; inside an ``inline``, as a reference must sit in text."""
    label = link.label
    classes = ["cvbib-link", f"cvbib-link-{link.kind}"]
    if refuri is None:
        return nodes.inline(label, label, classes=classes)
    return nodes.inline("", "", nodes.reference(label, label, refuri=refuri, classes=classes))


def remember_builder(app: Sphinx) -> None:
    """Keep this build's builder on the domain: post-transforms need its URIs and format.

    Sphinx 9 deprecates a transform's ``app``; the domain lives as long as the
    environment and is not pickled with this attribute, so it is per build.
    """
    cast(CvBibtexDomain, app.env.get_domain("cite")).builder = app.builder


def builder_of(env: BuildEnvironment) -> Builder:
    builder = cast(CvBibtexDomain, env.get_domain("cite")).builder
    if builder is None:  # pragma: no cover - builder-inited always runs first
        raise RuntimeError("cvbib: no builder yet")
    return builder


class EntryExtrasTransform(SphinxPostTransform):
    """Badges, links, toggles and the title link of every bibliography entry.

    Runs after sphinxcontrib-bibtex's ``BibliographyTransform`` (priority 5),
    on the entries it inserted, for every builder; what differs per output is
    only where the links go and which parts are web-only.
    """

    default_priority = ENTRY_EXTRAS

    def run(self, **kwargs: Any) -> None:
        domain = cast(CvBibtexDomain, self.env.get_domain("cite"))
        config = get_config(self.env.config)
        is_html = builder_of(self.env).format == "html"
        if not is_html:
            for reference in list(self.document.findall(web_only_reference)):
                reference.replace_self(nodes.inline("", "", *reference.children))
        keys: dict[str, dict[str, tuple[str, str]]] = {}
        for entry_node in entry_nodes(self.document):
            docname = entry_node["docname"]
            by_id = keys.get(docname)
            if by_id is None:
                by_id = keys[docname] = entry_key_map(domain, docname)
            ids = entry_node.get("ids") or []
            found = by_id.get(ids[0]) if ids else None
            publication = domain.publications.get(found[0]) if found else None
            if publication is None:
                continue
            self._current_key = publication.key
            paragraph = next(iter(entry_node.findall(nodes.paragraph)), None)
            if paragraph is None:
                continue
            self._badges(paragraph, publication)
            shown = _actions_option(entry_node)
            if is_html:
                if config.publication_pages:
                    self._link_title(paragraph, publication)
                row = self._actions(
                    self._new_links(paragraph, publication), publication, toggles=shown == "all"
                )
                if shown != "none" and row.children:
                    entry_node += row
            elif shown != "none":
                self._inline_links(paragraph, publication)

    # -- every output -----------------------------------------------------

    def _badges(self, paragraph: nodes.paragraph, publication: Publication) -> None:
        if publication.abbr:
            paragraph.insert(0, nodes.Text(" "))
            paragraph.insert(0, _badge(publication.abbr, "venue"))
        has_award = any(
            "cvbib-badge-award" in node.get("classes", ())
            for node in paragraph.findall(nodes.inline)
        )
        if publication.award and not has_award:
            paragraph += nodes.Text(" ")
            paragraph += _badge(publication.award, "award")

    def _refuri(self, link: Link) -> str | None:
        """Where a link points from this document: a URL, or a published file."""
        if link.url is not None:
            return link_target(link.url)
        published = published_of(self.env).file(self._current_key, link)
        if published is None:
            return None
        if builder_of(self.env).format == "html":
            return to_root(self.env.docname) + published.href
        base = (self.config.html_baseurl or "").rstrip("/")
        return link_target(f"{base}/{published.href}") if base else None

    # -- PDF and plain text ---------------------------------------------------

    def _new_links(self, paragraph: nodes.paragraph, publication: Publication) -> list[Link]:
        """The links to show that the style did not already put in the text.

        pybtex's own styles print URLs; a file that is not published is no link.
        """
        shown = {ref.get("refuri") for ref in paragraph.findall(nodes.reference)}
        return [
            link
            for link in published_of(self.env).links(publication)
            if link.url is None or link_target(link.url) not in shown
        ]

    def _inline_links(self, paragraph: nodes.paragraph, publication: Publication) -> None:
        for link in self._new_links(paragraph, publication):
            paragraph += nodes.Text(" ")
            label = f"[{link.label}]"
            refuri = self._refuri(link)
            classes = ["cvbib-link", f"cvbib-link-{link.kind}"]
            if refuri is None:
                paragraph += nodes.inline(label, label, classes=classes)
            else:
                paragraph += nodes.reference(label, label, refuri=refuri, classes=classes)

    # -- web page ---------------------------------------------------------------

    def _link_title(self, paragraph: nodes.paragraph, publication: Publication) -> None:
        title = next(
            (n for n in paragraph.findall(nodes.inline) if TITLE_CLASS in n.get("classes", ())),
            None,
        )
        if title is None or any(True for _ in title.findall(nodes.reference)):
            return
        page = published_of(self.env).page(publication.key)
        uri = builder_of(self.env).get_relative_uri(self.env.docname, page)
        reference = nodes.reference("", "", *title.children, refuri=uri, internal=True)
        title.children = []
        title += reference

    def _actions(self, links: list[Link], publication: Publication, toggles: bool) -> actions:
        row = actions(classes=["cvbib-actions"])
        for link in links:
            row += _link_node(link, self._refuri(link))
        if not toggles:
            return row
        if publication.abstract is not None:
            box = toggle(label=_("Abstract"), classes=["cvbib-toggle", "cvbib-abstract"])
            box += nodes.paragraph("", "", *publication.abstract.render(_docutils_backend()))
            row += box
        bibtex = cast(CvBibtexDomain, self.env.get_domain("cite")).clean_bibtex(publication.key)
        if bibtex:
            box = toggle(label="BibTeX", classes=["cvbib-toggle", "cvbib-bibtex"])
            box += bibtex_block(bibtex, bibtex)
            row += box
        return row


def _actions_option(entry_node: nodes.Element) -> str:
    """The ``:actions:`` of the bibliography an entry is in (see :mod:`cvbib.render.listing`)."""
    ancestor = entry_node.parent
    while ancestor is not None:
        if "cvbib_actions" in ancestor.attributes:
            return str(ancestor["cvbib_actions"])
        ancestor = ancestor.parent
    return DEFAULT_ACTIONS


def to_root(docname: str) -> str:
    """The relative path from the page of *docname* up to the output's root."""
    return "../" * docname.count("/")


def _docutils_backend() -> Any:
    """pybtex's docutils backend (stateless), imported rather than looked up.

    ``pybtex.plugin.find_plugin`` reads the metadata of every installed
    distribution on each call (10 ms in a large environment), and this is
    called for every abstract a list shows.
    """
    return DocutilsBackend()


# --- visitors ------------------------------------------------------------------


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def _visit_actions_html(self: HTML5Translator, node: actions) -> None:
    self.body.append(self.starttag(node, "div", ""))


def _depart_actions_html(self: HTML5Translator, node: actions) -> None:
    self.body.append("</div>\n")


def _visit_toggle_html(self: HTML5Translator, node: toggle) -> None:
    self.body.append(self.starttag(node, "details", ""))
    self.body.append(f"<summary>{self.encode(node['label'])}</summary>\n")


def _depart_toggle_html(self: HTML5Translator, node: toggle) -> None:
    self.body.append("</details>\n")


def _escaped(text: str) -> str:
    """Text for an HTML element's content, escaped in one pass over the whole string.

    The writer's own ``encode`` maps character by character, which is slow on
    the 100 KB a collaboration paper's author list or BibTeX takes.
    """
    return html.escape(text, quote=False)


def _visit_bibtex_html(self: HTML5Translator, node: bibtex_block) -> None:
    self.body.append(
        '<div class="highlight-bibtex notranslate"><div class="highlight"><pre>'
        + _escaped(node.astext())
        + "</pre></div></div>\n"
    )
    raise nodes.SkipNode


def _visit_collapsed_html(self: HTML5Translator, node: collapsed) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="cvbib-authors-hidden", hidden=""))
    if all(isinstance(child, nodes.Text) for child in node.children):  # names only
        self.body.append(_escaped(node.astext()) + "</span>")
        raise nodes.SkipNode


def _depart_collapsed_html(self: HTML5Translator, node: collapsed) -> None:
    self.body.append("</span>")


def _visit_text_run_html(self: HTML5Translator, node: text_run) -> None:
    self.body.append(_escaped(node.astext()))
    raise nodes.SkipNode


def _visit_web_reference_html(self: HTML5Translator, node: web_only_reference) -> None:
    node["classes"] = [*node.get("classes", []), "cvbib-coauthor"]
    self.visit_reference(node)


def _depart_web_reference_html(self: HTML5Translator, node: web_only_reference) -> None:
    self.depart_reference(node)


def _passthrough(self: Any, node: nodes.Node) -> None:
    pass


def _add_web_only_node(app: Sphinx, node: type[nodes.Element], visit: Any, depart: Any) -> None:
    """Register *node*: rendered by the HTML writer, skipped by every other one."""
    app.add_node(
        node,
        html=(visit, depart),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )


def setup_entry_nodes(app: Sphinx) -> None:
    _add_web_only_node(app, actions, _visit_actions_html, _depart_actions_html)
    _add_web_only_node(app, toggle, _visit_toggle_html, _depart_toggle_html)
    _add_web_only_node(app, collapsed, _visit_collapsed_html, _depart_collapsed_html)
    _add_web_only_node(app, bibtex_block, _visit_bibtex_html, None)
    app.add_node(
        text_run,
        html=(_visit_text_run_html, None),
        latex=(_passthrough, _passthrough),
        text=(_passthrough, _passthrough),
        man=(_passthrough, _passthrough),
        texinfo=(_passthrough, _passthrough),
    )
    app.add_node(
        web_only_reference,
        html=(_visit_web_reference_html, _depart_web_reference_html),
        latex=(_passthrough, _passthrough),
        text=(_passthrough, _passthrough),
        man=(_passthrough, _passthrough),
        texinfo=(_passthrough, _passthrough),
    )
    app.connect("builder-inited", remember_builder)
    app.add_post_transform(EntryExtrasTransform)
