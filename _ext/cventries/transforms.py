"""What happens to entries and section text between reading and writing.

- :class:`SortEntries` (read time): the entries of a section newest first
  (``cv_entry_order = "newest"``, the default): each run of consecutive
  entries is sorted by end date, then start date, an ongoing entry first and
  an entry without dates after the dated ones, otherwise in the order
  written. ``{cv-order} source`` in a section keeps that section as written.
- :class:`SectionMath` (read time): ``$...$`` math written in a section file
  (MyST's ``dollarmath``) becomes cvbib's math node, the node ``.bib`` math
  becomes: MathML made at build time on the web page (no JavaScript, no CDN),
  TeX math in the PDF, a Unicode approximation as text. Math cvbib's
  allowlist refuses is shown as that approximation.
- :class:`SeparateBadges` (write time, not HTML): two sphinx-design badges
  side by side read as one phrase in the PDF and as text ("ATLAS observation
  paper 1,000+ citations"): a middle dot goes between them. On the web page
  each badge has its own box.
- :class:`TranslatedFacts` (read time, after Sphinx's ``Locale``): in a
  translated build, an entry's facts that the catalog translates
  ("Tsinghua University" -> "清华大学") are taken into the entry's data too,
  so ``resume.json``, the JSON-LD and the description say what the page says.
- :func:`collect_entries` (``doctree-read``): each entry's data, with the id
  of its section, for the exports, the page's JSON-LD and the students
  marked in author lists (:mod:`cventries.domain`).
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, cast

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex_docutils import Backend
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from cvbib.latex import decode

from .model import CvEntry
from .render import cv_entry
from .settings import get_settings

__all__ = ["setup_transforms"]

logger = logging.getLogger(__name__)

BADGE_CLASS = "sd-badge"


class cv_order(nodes.Invisible, nodes.Element):
    """``{cv-order}``'s marker: how its section's entries are ordered (removed on reading)."""


class OrderDirective(SphinxDirective):
    """``{cv-order} source`` (as written) or ``newest``, for the section it is in."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {}

    def run(self) -> list[nodes.Node]:
        value = self.arguments[0].strip().lower()
        try:
            directives.choice(value, ("source", "newest"))
        except ValueError:
            logger.warning(
                "{cv-order} %r is not an order: write {cv-order} source (as written) or "
                "{cv-order} newest",
                value,
                location=self.get_location(),
                type="cventries",
                subtype="bad_value",
            )
            return []
        return [cv_order(order=value)]


def _section_of(node: nodes.Node) -> nodes.Element | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return parent


def _entry_data(node: cv_entry) -> CvEntry | None:
    data = node.get("cventry")
    return data if isinstance(data, CvEntry) else None


def _sort_key(node: cv_entry) -> tuple[int, Any]:
    data = _entry_data(node)
    if data is None or data.dates.empty:
        return (1, 0)
    end, start = data.dates.sort_key()
    # Newest first: negate every number of the keys.
    return (0, (tuple(-n for n in end), tuple(-n for n in start)))


class SortEntries(SphinxTransform):
    """Newest first within each run of consecutive entries (see the module docstring)."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        default = get_settings(self.config).entry_order
        orders: dict[int, str] = {}
        for marker in list(self.document.findall(cv_order)):
            section = _section_of(marker)
            orders[id(section)] = marker["order"]
            cast(nodes.Element, marker.parent).remove(marker)
        parents = {id(n.parent): n.parent for n in self.document.findall(cv_entry)}
        for parent in parents.values():
            if parent is None:
                continue
            section = parent if isinstance(parent, nodes.section) else _section_of(parent)
            if orders.get(id(section), default) == "newest":
                _sort_runs(cast(nodes.Element, parent))


def _sort_runs(parent: nodes.Element) -> None:
    children = list(parent.children)
    index = 0
    changed = False
    while index < len(children):
        if not isinstance(children[index], cv_entry):
            index += 1
            continue
        end = index
        while end < len(children) and isinstance(children[end], cv_entry):
            end += 1
        run = children[index:end]
        ordered = sorted(run, key=lambda n: _sort_key(cast(cv_entry, n)))
        if ordered != run:
            children[index:end] = ordered
            changed = True
        index = end
    if changed:
        parent.children = []
        parent.extend(children)


class TranslatedFacts(SphinxTransform):
    """The translated facts into each entry's data (see the module docstring).

    Runs after Sphinx's ``Locale`` transform (priority 20) and before it
    removes the translatable placeholders (999) that mark which text is which
    fact (:meth:`cventries.directives.EntryDirective.fact`).
    """

    default_priority = 30

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(cv_entry):
            data = _entry_data(node)
            if data is None:
                continue
            translated = {
                holder["cv_fact"]: " ".join(holder.astext().split())
                for holder in node.findall(nodes.inline)
                if holder.get("cv_fact") and holder.get("translated")
            }
            facts = {**data.facts, **{k: v for k, v in translated.items() if k in data.facts}}
            if facts != data.facts:
                node["cventry"] = dataclasses.replace(data, facts=facts)


class UnwrapFacts(SphinxTransform):
    """Each fact's translatable holder replaced by its content, in place.

    Sphinx's own ``RemoveTranslatableInline`` (priority 999) moves a holder's
    content to the *end* of its parent, which is right for its placeholders
    (alone in their parent) but reorders an entry's line ("Thesis: · Advisor:
    On the Engine…"). This runs just before it, for every builder but the
    message catalogs' (which reads the holders to extract the facts).
    """

    default_priority = 998

    def apply(self, **kwargs: Any) -> None:
        from sphinx.builders.gettext import MessageCatalogBuilder

        # Sphinx 9 keeps the builder's class on the environment (and deprecates
        # a transform's app); Sphinx 8 has only the application's builder.
        builder_cls = getattr(self.env, "_builder_cls", None) or type(self.app.builder)
        if issubclass(builder_cls, MessageCatalogBuilder):
            return
        for holder in list(self.document.findall(nodes.inline)):
            if "cv_fact" in holder.attributes and holder.parent is not None:
                holder.parent.replace(holder, list(holder.children))


class SectionMath(SphinxTransform):
    """Section math as cvbib's math node (see the module docstring)."""

    default_priority = 710

    def apply(self, **kwargs: Any) -> None:
        for math in list(self.document.findall(nodes.math)):
            math.replace_self(_math_nodes(math.astext()))
        for block in list(self.document.findall(nodes.math_block)):
            paragraph = nodes.paragraph("", "", *_math_nodes(block.astext()))
            paragraph["classes"].append("cv-math-block")
            block.replace_self(paragraph)


def _math_nodes(tex: str) -> list[nodes.Node]:
    rendered = decode("$" + tex.strip() + "$").render(Backend())
    return list(rendered) if isinstance(rendered, list) else [rendered]


class SeparateBadges(SphinxPostTransform):
    """A middle dot between adjacent badges outside the web page."""

    default_priority = 400
    #: Every output but the web page, where badges are boxes of their own.
    formats = ("latex", "text", "man", "texinfo", "docx")

    def run(self, **kwargs: Any) -> None:
        for badge in list(self.document.findall(nodes.inline)):
            if BADGE_CLASS not in badge["classes"]:
                continue
            parent = badge.parent
            if parent is None:
                continue
            index = parent.index(badge)
            following = parent.children[index + 1 : index + 3]
            if (
                len(following) == 2
                and isinstance(following[0], nodes.Text)
                and not following[0].astext().strip()
                and isinstance(following[1], nodes.inline)
                and BADGE_CLASS in following[1]["classes"]
            ):
                parent.replace(following[0], nodes.Text(" \N{MIDDLE DOT} "))
            elif (
                following
                and isinstance(following[0], nodes.inline)
                and BADGE_CLASS in following[0]["classes"]
            ):
                parent.insert(index + 1, nodes.Text(" \N{MIDDLE DOT} "))


def highlights_of(body: nodes.Element) -> list[str]:
    """The entry's own text as plain lines: each bullet item, else each paragraph.

    Read after :class:`SectionMath`, so math reads as its Unicode approximation.
    """
    items = [
        " ".join(item.astext().split())
        for bullets in body.findall(nodes.bullet_list)
        for item in bullets.children
    ]
    if items:
        return items
    return [" ".join(p.astext().split()) for p in body.findall(nodes.paragraph)]


def collect_entries(app: Sphinx, doctree: nodes.document) -> None:
    """Every entry of the document, in page order, with its section's id."""
    from .domain import EntriesDomain

    domain = cast(EntriesDomain, app.env.get_domain("cventries"))
    found = []
    for node in doctree.findall(cv_entry):
        data = _entry_data(node)
        if data is None:
            continue
        section = _section_of(node)
        ids = section["ids"] if section is not None else []
        body = next((c for c in node.children if "cv-entry-body" in c.get("classes", ())), None)
        found.append(
            CvEntry(
                type=data.type,
                facts=data.facts,
                dates=data.dates,
                highlights=tuple(highlights_of(body)) if body is not None else (),
                tags=data.tags,
                docname=app.env.docname,
                line=data.line,
                section=ids[0] if ids else "",
            )
        )
    domain.set_entries(app.env.docname, found)


def setup_transforms(app: Sphinx) -> None:
    app.add_node(cv_order)
    app.add_directive("cv-order", OrderDirective)
    app.add_transform(SortEntries)
    app.add_transform(TranslatedFacts)
    app.add_transform(UnwrapFacts)
    app.add_transform(SectionMath)
    app.add_post_transform(SeparateBadges)
    app.connect("doctree-read", collect_entries)
