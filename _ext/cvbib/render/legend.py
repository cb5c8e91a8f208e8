"""The legend that explains the marks, and the last safety pass on links.

The legend is computed per section rather than per bibliography: a CV shows a
section of highlights as several one-entry bibliographies (one per card), and a
legend under each card would repeat itself. So each section that holds marked
entries gets one line, at the end of its own text (before any subsection),
naming only the marks its entries use. A bibliography outside any section gets
the line right after it.

Both passes are post-transforms on output-neutral docutils nodes (``paragraph``,
``superscript``), so the HTML and LaTeX builders need nothing special.
"""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..domain import CvBibtexDomain
from ..people import legend_items
from ..settings import get_config
from ..text import safe_url
from ..upstream.sphinxcontrib_bibtex import BibliographyKey, bibliography_node
from .priorities import LEGEND, SAFE_LINKS

LEGEND_CLASS = "cvbib-legend"


def legend_node(items: list[tuple[str, str]]) -> nodes.container:
    """ "* co-first authors · † corresponding author" as docutils nodes.

    A classed container around the paragraph: HTML gets ``<div
    class="cvbib-legend">``, LaTeX the environment ``sphinxclasscvbib-legend``
    (which the CV's PDF style sets in a small font), with no translator code.
    """
    paragraph = nodes.paragraph()
    for index, (symbol, text) in enumerate(items):
        if index:
            paragraph += nodes.Text(" \N{MIDDLE DOT} ")
        paragraph += nodes.superscript(symbol, symbol)
        paragraph += nodes.Text(f"\N{NO-BREAK SPACE}{text}")
    return nodes.container("", paragraph, classes=[LEGEND_CLASS])


def _insert_at_end_of_text(container: nodes.Element, node: nodes.Node) -> None:
    for index, child in enumerate(container.children):
        if isinstance(child, nodes.section):
            container.insert(index, node)
            return
    container.append(node)


class LegendTransform(SphinxPostTransform):
    """Add one legend line per section that shows marks.

    Runs before sphinxcontrib-bibtex's ``BibliographyTransform`` (priority 5),
    while the ``bibliography`` placeholders still say where each one is.
    """

    default_priority = LEGEND

    def run(self, **kwargs: Any) -> None:
        config = get_config(self.env.config)
        if not config.legend:
            return
        domain = cast(CvBibtexDomain, self.env.get_domain("cite"))
        by_section: dict[int, tuple[nodes.Element, set[str]]] = {}
        loose: list[tuple[nodes.Element, set[str]]] = []
        for bibnode in self.document.findall(bibliography_node):
            bib_key = BibliographyKey(docname=bibnode["docname"], id_=bibnode["ids"][0])
            used = set(domain.used_marks.get(bib_key, ()))
            if not used:
                continue
            section = bibnode.parent
            while section is not None and not isinstance(section, nodes.section):
                section = section.parent
            if section is None:
                loose.append((bibnode, used))
            else:
                by_section.setdefault(id(section), (section, set()))[1].update(used)
        for section, used in by_section.values():
            _insert_at_end_of_text(section, legend_node(legend_items(config, used)))
        for bibnode, used in loose:
            parent = cast(nodes.Element, bibnode.parent)
            parent.insert(parent.index(bibnode) + 1, legend_node(legend_items(config, used)))


class SafeLinksTransform(SphinxPostTransform):
    """Unlink any bibliography link whose scheme is not http, https or mailto.

    The CV style already refuses such links, but other styles and
    sphinxcontrib-bibtex's ``\\url`` handling turn field text into links too.
    Runs after ``BibliographyTransform``, on the entries it produced (the nodes
    it marks with a ``docname`` attribute).
    """

    default_priority = SAFE_LINKS

    def run(self, **kwargs: Any) -> None:
        for entry_node in self.document.findall(nodes.Element):
            if "docname" not in entry_node.attributes or not isinstance(
                entry_node, nodes.list_item | nodes.citation
            ):
                continue
            for reference in list(entry_node.findall(nodes.reference)):
                uri = reference.get("refuri")
                if uri is not None and safe_url(uri) is None:
                    reference.replace_self(nodes.inline("", "", *reference.children))


def setup_legend(app: Any) -> None:
    app.add_post_transform(LegendTransform)
    app.add_post_transform(SafeLinksTransform)
