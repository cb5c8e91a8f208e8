"""A web page per publication, with the metadata Google Scholar reads.

Each entry shown in a bibliography gets ``pub/<key>.html`` (the key made a
safe, distinct file name by :mod:`cvbib.render.published`; HTML builders only),
reached from the entry's title in every list: its full author list with the
owner in bold and the marks, venue, year, badges, links, abstract and clean
BibTeX with a copy button — all from its
:class:`~cvbib.model.publication.Publication`, as docutils nodes rendered by the
builder's own translator. The page's head carries Google Scholar's Highwire
``citation_*`` tags, OpenGraph's (for link previews: cvweb adds the site's
name and preview image, as on the CV page) and a schema.org
``ScholarlyArticle`` (JSON-LD).

Pages come from Sphinx's ``html-collect-pages`` event, so they use the
theme's ``page.html`` like any other page. Which pages a build renders (only
those whose inputs changed: a no-op rebuild renders none), what they share, and
the helper processes that render a large batch are
:mod:`cvbib.render.pagewriter`'s.
"""

from __future__ import annotations

import html
import json
import secrets
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from pathlib import Path
from typing import Any, cast
from weakref import WeakKeyDictionary

from docutils import nodes
from pybtex_docutils import Backend as DocutilsBackend
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from ..domain import CvBibtexDomain
from ..i18n import _, number
from ..model import Contributor, Publication
from ..settings import AUTO_AUTHORS_LONG, get_config
from ..style import collector_paused
from ..text import link_target, text_run
from .entries import _link_node as link_node
from .entries import actions, bibtex_block, builder_of, to_root
from .headtags import json_ld as script_json_ld
from .headtags import meta_tag, opengraph_tags
from .pagetemplate import PageTemplate
from .pagewriter import (
    SHARED_KEY,
    PageRun,
    SharedParts,
    page_jobs,
    plan_pages,
    remove_all_pages,
    save_plan,
    share_common_parts,
)
from .published import BIB_DOWNLOAD, PAGES_DIR, published_of

logger = logging.getLogger(__name__)

#: The page that lists every publication, linked from each publication page.
LIST_PAGE = "publications"
#: The builders that write a page per publication.
PAGE_BUILDERS = ("html", "dirhtml")


def _backend() -> Any:
    """pybtex's docutils backend (stateless: a new one costs nothing worth keeping).

    Imported from pybtex-docutils rather than looked up with
    ``pybtex.plugin.find_plugin``, which reads the metadata of every installed
    distribution on each call: 10 ms in a large environment, three times per page.
    """
    return DocutilsBackend()


# --- the page body ---------------------------------------------------------------


_NAME = attrgetter("name")
_MARKED = attrgetter("marked")
_URL = attrgetter("url")


def _names_run(people: tuple[Contributor, ...], start: int, stop: int) -> text_run:
    """Unmarked names ``start:stop`` as one text node, with the comma before them."""
    lead = ", " if start else ""
    return text_run("", lead + ", ".join(map(_NAME, people[start:stop])))


def contributor_nodes(
    people: tuple[Contributor, ...], et_al: bool, collaboration: Contributor | None = None
) -> list[nodes.Node]:
    """The full author list: owner in bold, mark symbols, roles, coauthor links.

    A collaboration named by a field comes first ("ATLAS Collaboration,
    Georges Aad et al."), in bold when the owner is a member not named.
    """
    result: list[nodes.Node] = []
    if collaboration is not None:
        shown = nodes.Text(collaboration.name)
        result.append(nodes.strong("", "", shown) if collaboration.owner else shown)
        if people or et_al:
            result.append(nodes.Text(", "))
    start = 0  # the first name of the current run of unmarked names
    for index in compress(range(len(people)), map(_MARKED, people)):
        if start < index:
            result.append(_names_run(people, start, index))
        start = index + 1
        person = people[index]
        if index:
            result.append(nodes.Text(", "))
        name: nodes.Node = nodes.Text(person.name)
        if person.url and link_target(person.url):
            name = nodes.reference(
                person.name, person.name, refuri=link_target(person.url), classes=["cvbib-coauthor"]
            )
        parts: list[nodes.Node] = [name]
        parts.extend(nodes.superscript(symbol, symbol) for symbol in person.symbols)
        if person.owner:
            result.append(nodes.strong("", "", *parts))
        else:
            result.extend(parts)
        if person.roles:
            roles = _(", ").join(_(role) for role in person.roles)
            result.append(nodes.Text(_(" ({roles})").format(roles=roles)))
    if start < len(people):
        result.append(_names_run(people, start, len(people)))
    if et_al:
        result.append(nodes.Text(f", {_('et al.')}" if people else _("et al.")))
    return result


def _venue_line(publication: Publication) -> nodes.paragraph:
    """Venue badge, then venue, year and award as the CV's lists write them."""
    paragraph = nodes.paragraph(classes=["cvbib-page-venue"])
    if publication.abbr:
        paragraph += nodes.inline(
            publication.abbr, publication.abbr, classes=["cvbib-badge", "cvbib-badge-venue"]
        )
        paragraph += nodes.Text(" ")
    paragraph.extend(publication.venue_line.render(_backend()))
    return paragraph


def _links_row(app: Sphinx, publication: Publication, docname: str) -> list[nodes.Node]:
    """The row of link buttons (DOI, arXiv, PDF...), or nothing when there is no link."""
    row = actions(classes=["cvbib-actions"])
    published = published_of(app.env)
    for link in published.links(publication):
        refuri = link_target(link.url) if link.url else None
        published_file = published.file(publication.key, link)
        if published_file is not None:
            refuri = to_root(docname) + published_file.href
        row += link_node(link, refuri)
    return [row] if row.children else []


def page_body(app: Sphinx, publication: Publication, docname: str) -> nodes.container:
    """The docutils tree of one publication's page, below its title."""
    builder = builder_of(app.env)
    domain = cast(CvBibtexDomain, app.env.get_domain("cite"))
    section = nodes.container(classes=["cvbib-publication-page"])
    authors = nodes.paragraph(
        "",
        "",
        *contributor_nodes(publication.authors, publication.et_al, publication.collaboration),
        classes=["cvbib-page-authors"],
    )
    # A collaboration's thousands of names come after the venue and the links,
    # which would otherwise be twenty screens down the page.
    long_list = len(publication.authors) > AUTO_AUTHORS_LONG
    if not long_list:
        section += authors
    if publication.editors and not publication.authors:
        section += nodes.paragraph(
            "", _("Edited by") + " ", *contributor_nodes(publication.editors, False)
        )
    section += _venue_line(publication)
    section += _links_row(app, publication, docname)
    if long_list:
        section += nodes.rubric(
            "", _("Authors ({count})").format(count=number(len(publication.authors)))
        )
        section += authors
    if publication.abstract is not None:
        section += nodes.rubric("", _("Abstract"))
        section += nodes.paragraph("", "", *publication.abstract.render(_backend()))
    section += nodes.rubric("", "BibTeX")
    bibtex = domain.clean_bibtex(publication.key)
    section += bibtex_block(bibtex, bibtex)
    back = nodes.paragraph(classes=["cvbib-page-back"])
    root = app.config.root_doc
    back += nodes.reference(
        "", _("Curriculum vitae"), refuri=builder.get_relative_uri(docname, root), internal=True
    )
    if LIST_PAGE in app.env.found_docs:
        back += nodes.Text(" \N{MIDDLE DOT} ")
        back += nodes.reference(
            "",
            _("All publications"),
            refuri=builder.get_relative_uri(docname, LIST_PAGE),
            internal=True,
        )
    section += back
    return section


# --- metadata ----------------------------------------------------------------------


def _absolute(app: Sphinx, path: str) -> str | None:
    base = (app.config.html_baseurl or "").rstrip("/")
    return f"{base}/{path}" if base else None


def highwire_tags(app: Sphinx, publication: Publication) -> list[tuple[str, str]]:
    """Google Scholar's ``citation_*`` tags, in its documented order of importance.

    All but the ``citation_author`` tags, which follow the title:
    :func:`head_tags` writes those from a cache of one tag per name.
    """
    tags: list[tuple[str, str]] = [("citation_title", publication.title_text)]
    if publication.date:
        tags.append(("citation_publication_date", publication.date.replace("-", "/")))
    venue_tag = {
        "journal": "citation_journal_title",
        "proceedings": "citation_conference_title",
        "thesis": "citation_dissertation_institution",
        "report": "citation_technical_report_institution",
    }.get(publication.venue_kind)
    if venue_tag and publication.venue_kind in ("thesis", "report") and publication.institution:
        tags.append((venue_tag, publication.institution))
    elif venue_tag and publication.venue:
        tags.append((venue_tag, publication.venue))
    if publication.volume:
        tags.append(("citation_volume", publication.volume))
    if publication.number:
        tags.append(("citation_issue", publication.number))
    if publication.pages:
        first, _dash, last = publication.pages.replace("\N{EN DASH}", "-").partition("-")
        tags.append(("citation_firstpage", first.strip()))
        if last.strip("- "):
            tags.append(("citation_lastpage", last.strip("- ")))
    if publication.publisher:
        tags.append(("citation_publisher", publication.publisher))
    if publication.doi:
        tags.append(("citation_doi", publication.doi))
    if publication.arxiv:
        tags.append(("citation_arxiv_id", publication.arxiv))
    published = published_of(app.env)
    pdf = publication.link("pdf")
    if pdf is not None:
        pdf_file = published.file(publication.key, pdf)
        url = pdf.url or (_absolute(app, pdf_file.href) if pdf_file else None)
        if url:
            tags.append(("citation_pdf_url", url))
    page = _absolute(app, f"{published.page(publication.key)}.html")
    if page:
        tags.append(("citation_abstract_html_url", page))
    return tags


#: The schema.org type of each kind of work; any other is a ``ScholarlyArticle``.
SCHEMA_TYPES = {
    "thesis": "Thesis",
    "software": "SoftwareSourceCode",
    "dataset": "Dataset",
    "talk": "PresentationDigitalDocument",
}


def scholarly_article(app: Sphinx, publication: Publication) -> dict[str, Any]:
    """The schema.org object of a publication (a ``ScholarlyArticle``...), but for its authors.

    The authors are written by :func:`json_ld` (a name at a time, as a
    collaboration paper lists thousands). Software is ``SoftwareSourceCode``
    with its version and repository, a data set a ``Dataset`` with its
    version, a thesis a ``Thesis``, a talk a ``PresentationDigitalDocument``.
    """
    kind = SCHEMA_TYPES.get(publication.venue_kind, "ScholarlyArticle")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": kind,
        "headline": publication.title_text,
        "name": publication.title_text,
    }
    if publication.version and kind in ("SoftwareSourceCode", "Dataset"):
        data["softwareVersion" if kind == "SoftwareSourceCode" else "version"] = publication.version
    repository = publication.link("url") or publication.link("code")
    if kind == "SoftwareSourceCode" and repository is not None and repository.url:
        data["codeRepository"] = repository.url
    if publication.date:
        data["datePublished"] = publication.date
    if publication.venue_kind == "thesis":
        if publication.institution:
            data["sourceOrganization"] = {"@type": "Organization", "name": publication.institution}
    elif publication.venue_kind == "talk":
        if publication.venue:
            data["recordedAt"] = {"@type": "Event", "name": publication.venue}
    elif publication.venue and publication.venue_kind in ("software", "dataset"):
        data["publisher"] = {"@type": "Organization", "name": publication.venue}
    elif publication.venue:
        part = "Periodical" if publication.venue_kind == "journal" else "CreativeWork"
        data["isPartOf"] = {"@type": part, "name": publication.venue}
    same_as = [link.url for link in publication.links if link.kind in ("doi", "arxiv") and link.url]
    if same_as:
        data["sameAs"] = same_as
    identifiers = []
    if publication.doi:
        identifiers.append(
            {"@type": "PropertyValue", "propertyID": "DOI", "value": publication.doi}
        )
    if publication.arxiv:
        identifiers.append(
            {"@type": "PropertyValue", "propertyID": "arXiv", "value": publication.arxiv}
        )
    if identifiers:
        data["identifier"] = identifiers
    if publication.abstract_text:
        data["abstract"] = publication.abstract_text
    page = _absolute(app, f"{published_of(app.env).page(publication.key)}.html")
    if page:
        data["url"] = page
    return data


def json_ld(
    data: dict[str, Any],
    authors: Sequence[Contributor] = (),
    collaboration: Contributor | None = None,
) -> str:
    """The JSON-LD ``<script>`` (:func:`cvbib.render.headtags.json_ld`), authors included.

    *authors* become the ``author`` array (schema.org ``Person`` objects),
    each name serialized once per build (:func:`_person_json`) and the array
    joined as text, rather than thousands of dictionaries encoded per page.
    A *collaboration* is its first member, an ``Organization``.
    """
    if not authors and collaboration is None:
        return script_json_ld(data)
    if any(map(_URL, authors)):
        people = ",".join(
            _linked_person_json(person.name, person.url)
            if person.url
            else _person_json(person.name)
            for person in authors
        )
    else:  # a collaboration's list: one pass, a cached string per name
        people = ",".join(map(_person_json, map(_NAME, authors)))
    if collaboration is not None:
        first = json.dumps(
            {"@type": "Organization", "name": collaboration.name}, ensure_ascii=False
        )
        people = f"{first},{people}" if people else first
    return script_json_ld(data, f'"author":[{people}]')


@lru_cache(maxsize=65536)
def _person_json(name: str) -> str:
    return json.dumps({"@type": "Person", "name": name}, ensure_ascii=False)


def _linked_person_json(name: str, url: str) -> str:
    return json.dumps({"@type": "Person", "name": name, "url": url}, ensure_ascii=False)


@lru_cache(maxsize=65536)
def _author_meta(name: str) -> str:
    """A ``citation_author`` tag, made once per name: a collaboration's pages repeat 2,900."""
    return meta_tag("citation_author", name)


def head_tags(app: Sphinx, publication: Publication) -> str:
    """The page's ``<meta>`` tags: Highwire, a description, OpenGraph and the JSON-LD.

    OpenGraph's type, title, description and (with a base URL) address are the
    publication's; cvweb completes the set with the site's name and preview
    image, so a shared link previews as the CV page does.
    """
    title, *rest = highwire_tags(app, publication)
    lines = [meta_tag(*title)]
    if publication.collaboration is not None:
        # As INSPIRE and Google Scholar list such a paper: the collaboration first.
        lines.append(_author_meta(publication.collaboration.name))
    lines.extend(map(_author_meta, map(_NAME, publication.authors)))
    lines.extend(meta_tag(name, value) for name, value in rest)
    description = description_of(publication)
    lines.append(meta_tag("description", description))
    page = _absolute(app, f"{published_of(app.env).page(publication.key)}.html")
    lines.extend(
        opengraph_tags(
            [
                ("og:type", "article"),
                ("og:title", publication.title_text or publication.key),
                ("og:description", description),
                ("og:url", page or ""),
            ]
        )
    )
    lines.append(
        json_ld(scholarly_article(app, publication), publication.authors, publication.collaboration)
    )
    return "\n".join(lines)


def description_of(publication: Publication) -> str:
    """ "ATLAS Collaboration, Georges Aad et al. Phys. Lett. B 2012": who, where, when."""
    names = [person.name for person in publication.authors[:3]]
    if publication.collaboration is not None:
        names.insert(0, publication.collaboration.name)
    who = ", ".join(names)
    if len(publication.authors) > 3 or publication.et_al:
        who += " " + _("et al.")
    sentence = who if not who or who.endswith(".") else f"{who}."  # not "et al.."
    return " ".join(
        part for part in (sentence, publication.venue or "", publication.year or "") if part
    )


# --- writing the pages -----------------------------------------------------------


class publication_section(nodes.General, nodes.Element):
    """A publication page's content: ``<section id="publication">`` (HTML only)."""


class publication_heading(nodes.General, nodes.TextElement):
    """A publication page's title, its ``<h1>`` (HTML only).

    Not a docutils ``section`` title: Sphinx's HTML writer numbers those from
    the figure and section numbers it prepares only while it writes documents,
    and a build may render pages without writing any document.
    """


def _visit_section_html(self: HTML5Translator, node: publication_section) -> None:
    self.body.append(self.starttag(node, "section"))


def _depart_section_html(self: HTML5Translator, node: publication_section) -> None:
    self.body.append("</section>\n")


def _visit_heading_html(self: HTML5Translator, node: publication_heading) -> None:
    self.body.append(self.starttag(node, "h1", ""))


def _depart_heading_html(self: HTML5Translator, node: publication_heading) -> None:
    self.body.append("</h1>\n")


def _page_node(body: nodes.container, publication: Publication) -> publication_section:
    """The page's content: the title as its heading, then the body."""
    title = publication.title.render(_backend())
    if not "".join(node.astext() for node in title).strip():
        title = [nodes.Text(publication.key)]
    page = publication_section(ids=["publication"])
    page += publication_heading("", "", *title)
    page += body
    return page


#: The most pages whose HTML one rendering makes (a batch's nodes are held at once).
PAGE_BATCH = 64


def pages_html(
    builder: StandaloneHTMLBuilder, pages: Sequence[tuple[nodes.container, Publication]]
) -> list[str]:
    """Each page's HTML (:func:`_page_node`), the batch rendered at once.

    Sphinx's :meth:`~sphinx.builders.html.StandaloneHTMLBuilder.render_partial`
    makes a document, applies docutils' transforms and a new translator at
    every call: a third of a page's cost when called per page. The batch's
    pages are rendered in one call, with a comment that no text can write
    (text is escaped; the comment's token is new for every batch) between
    them, and cut there. The nodes are unlinked once rendered (:func:`_dismantle`).
    """
    page_nodes = [_page_node(body, publication) for body, publication in pages]
    cut = f"<!--cvbib-page-{secrets.token_hex(8)}-->"
    parts = _render_cut(builder, page_nodes, cut)
    if len(parts) != len(page_nodes):  # not expected: then one page at a time
        parts = [_render_cut(builder, [node], cut)[0] for node in page_nodes]
    for node in page_nodes:
        _dismantle(node)
    return parts


def _render_cut(
    builder: StandaloneHTMLBuilder, page_nodes: list[nodes.Element], cut: str
) -> list[str]:
    """*page_nodes* rendered in one container with *cut* between them, and cut apart."""
    batch = nodes.container()
    for index, node in enumerate(page_nodes):
        if index:
            batch += nodes.raw("", cut, format="html")
        batch += node
    fragment = str(builder.render_partial(batch)["fragment"])
    batch.children = []  # the pages stay whole, for a rendering one at a time
    # The container's own <div> around the batch, then the pages between the cuts.
    inner = fragment[fragment.index(">") + 1 : fragment.rindex("</div>")]
    return [part.strip("\n") + "\n" for part in inner.split(cut)]


def _dismantle(tree: nodes.Element) -> None:
    """Unlink a rendered tree's nodes, for reference counting to free them at once.

    A node and its parent point to each other: a batch of pages would
    otherwise be thousands of objects in cycles, which only the cyclic
    collector frees (and, kept alive until it runs, makes it run).
    """
    for node in list(tree.findall(include_self=True)):
        node.parent = None
        if isinstance(node, nodes.Element):
            node.children = []


class PageText(str):
    """A page's HTML, the same as its text but for a short ``repr``.

    Sphinx writes ``repr()`` of every event's arguments to its debug log, and
    computes it even when that log is off; a collaboration paper's page (its
    2,900 names in the body, the Highwire tags and the JSON-LD) is half a
    megabyte, so its ``html-page-context`` cost more in ``repr`` than in
    rendering. The template reads it as the string it is.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self):,} characters of HTML>"


class PageWriter:
    """Renders and writes one build's publication pages (:mod:`cvbib.render.pagewriter`)."""

    def __init__(self, app: Sphinx) -> None:
        self.app = app
        self.builder = cast(StandaloneHTMLBuilder, app.builder)
        self.domain = cast(CvBibtexDomain, app.env.get_domain("cite"))
        self.published = published_of(app.env)
        self.plan = plan_pages(app, self.domain, self.published, LIST_PAGE)
        self.shared = SharedParts()
        self.template = PageTemplate(self.builder.templates.render)
        if self.plan.render:
            # Long-lived objects out of the collector's way, before any helper is forked.
            self.domain.freeze_written()
        keys = self.plan.render
        jobs = page_jobs(app, len(keys))
        # Batches small enough for each process to take several (all finish together).
        size = max(1, min(PAGE_BATCH, -(-len(keys) // (4 * jobs))))
        batches = [keys[start : start + size] for start in range(0, len(keys), size)]
        self.run = PageRun(app, batches, self.write, jobs)

    def pages(self, keys: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
        """Each page's name and context, its HTML rendered as a batch."""
        app, publications = self.app, self.domain.publications
        batch = [publications[key] for key in keys]
        names = [self.published.page(publication.key) for publication in batch]
        # The batch's nodes are freed at once (pages_html): nothing to collect.
        with collector_paused():
            bodies = pages_html(
                self.builder,
                [
                    (page_body(app, publication, docname), publication)
                    for publication, docname in zip(batch, names, strict=True)
                ],
            )
        for publication, docname, body in zip(batch, names, bodies, strict=True):
            title = publication.title_text or publication.key
            yield (
                docname,
                {
                    # HTML, as Sphinx gives a document's title to the templates.
                    "title": html.escape(title, quote=False),
                    "body": PageText(body),
                    "metatags": PageText(head_tags(app, publication)),
                    SHARED_KEY: self.shared,
                    **self.template.context(),
                },
            )

    def write(self, keys: list[str]) -> int:
        """Render and write the pages of *keys* (a helper process's batch)."""
        with self.template.installed(self.builder.templates):
            for docname, context in self.pages(keys):
                self.builder.handle_page(docname, context, templatename="page.html")
        return len(keys)

    def collect(self) -> Iterator[tuple[str, dict[str, Any], str]]:
        """This process's pages, for Sphinx to write; then the helpers' are waited for."""
        with self.template.installed(self.builder.templates):
            for keys in self.run.own():
                for docname, context in self.pages(keys):
                    yield docname, context, "page.html"
            self.run.join()
        save_plan(self.app, self.plan)
        logger.info(
            "cvbib: %d publication pages (%s/), %d rendered%s",
            len(self.plan.digests),
            PAGES_DIR,
            len(self.plan.render),
            f" ({self.plan.everything})" if self.plan.everything and self.plan.render else "",
        )


#: The page writer started early in a build (:func:`start_pages`), by builder.
_STARTED: WeakKeyDictionary[Any, PageWriter] = WeakKeyDictionary()
#: The application of each environment being built (a transform is given the
#: environment; Sphinx 9 deprecates a transform's ``app``).
_APPS: WeakKeyDictionary[Any, Sphinx] = WeakKeyDictionary()


def _remember_app(app: Sphinx) -> None:
    _APPS[app.env] = app


def _writes_pages(app: Sphinx) -> bool:
    return app.builder.name in PAGE_BUILDERS and get_config(app.config).publication_pages


def start_pages(app: Sphinx) -> None:
    """Start the helpers that render pages while this process writes the documents.

    Called as the first document is resolved (:class:`StartPages`): the
    theme's context exists by then and the static files are copied, and the
    documents (a CV page listing thousands of entries takes seconds) are yet
    to be written, with only this process at work. Helpers start only when
    wanted (:func:`~cvbib.render.pagewriter.page_jobs`); without them, the
    pages wait for ``html-collect-pages``, where they would be rendered anyway.
    """
    builder = app.builder
    if builder in _STARTED or not getattr(builder, "globalcontext", None):
        return
    if _writes_pages(app):
        _STARTED[builder] = PageWriter(app)


def collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """``html-collect-pages``: the pages of publications whose inputs changed.

    Which ones, and what they share, is :mod:`cvbib.render.pagewriter`'s.
    """
    if app.builder.name not in PAGE_BUILDERS:
        return
    if not get_config(app.config).publication_pages:
        remove_all_pages(app)
        return
    writer = _STARTED.pop(app.builder, None) or PageWriter(app)
    yield from writer.collect()


def _end_pages(app: Sphinx, exception: Exception | None) -> None:
    """A build that ends before asking for the pages leaves no helper behind."""
    writer = _STARTED.pop(app.builder, None)
    if writer is not None:
        writer.run.abandon()


class StartPages(SphinxPostTransform):
    """Calls :func:`start_pages` as the first document of a build is resolved."""

    default_priority = 1  # before any other post-transform: the earlier, the more overlap
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        app = _APPS.get(self.env)
        if app is not None:
            start_pages(app)


def write_bib_download(app: Sphinx, exception: Exception | None) -> None:
    """Write every entry of the bib files as clean BibTeX to ``publications.bib``.

    Written when a page offering it was written in this build (a grouped list,
    see :mod:`cvbib.render.listing`: a changed ``.bib`` file writes that page again),
    and then only if its text changed.
    """
    if exception is not None or app.builder.format != "html":
        return
    domain = cast(CvBibtexDomain, app.env.get_domain("cite"))
    if not domain.bib_download_wanted:
        return
    text = "\n\n".join(domain.clean_bibtex(key) for key in domain.bibdata.data.entries)
    target = Path(app.outdir) / BIB_DOWNLOAD
    if not target.is_file() or target.read_text("utf-8") != text + "\n":
        target.write_text(text + "\n", "utf-8")


def setup_pages(app: Sphinx) -> None:
    app.add_node(publication_section, html=(_visit_section_html, _depart_section_html))
    app.add_node(publication_heading, html=(_visit_heading_html, _depart_heading_html))
    app.add_post_transform(StartPages)
    app.connect("builder-inited", _remember_app)
    app.connect("html-collect-pages", collect_pages)
    app.connect("build-finished", _end_pages)
    # Before the theme's own handlers (furo's at the default 500), which call the helpers.
    app.connect("html-page-context", share_common_parts, priority=100)
    app.connect("build-finished", write_bib_download)
