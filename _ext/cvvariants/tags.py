"""Keep or drop tagged content while a variant's documents are read.

A tag is a docutils class ``cv-tag-<tag>``; the sources give it in the ways
they already give classes:

* a section, by MyST's block attributes on its heading::

      {.cv-tag-full}
      ## Vision towards AGI

* a list item or a paragraph, by a span around its text:
  ``- [Lenovo Scholarship (Top 5%)]{.cv-tag-full}`` (a tagged span tags the list
  item it is in, else its paragraph, else the section whose heading holds it);
* an entry or any block, by block attributes: ``{.cv-entry .cv-tag-full}``;
* a card, by its class option: ``:class-card: cv-highlight cv-tag-full``;
* a ``{bibliography}`` list, by a container around it:
  ``:::{container} cv-tag-full`` (or by choosing its entries with the
  variant's ``publications`` keyword);
* a typed CV entry, by its ``:tags:`` option, which writes the same classes.

What is kept follows RenderCV's permissive rule (its pull request #654):
untagged content is in every variant; content with an excluded tag is left
out; when the variant lists tags to ``include``, tagged content stays only if
one of its tags is among them. Leaving a node out leaves out everything in
it; a section, list or container that is left empty (a heading alone) goes
too, so the CV never shows an empty heading.

This is a read-time transform, before Sphinx collects the table of contents:
the PDF's bookmarks, the web page's contents and every builder see the same
filtered document, and the variant gets its own environment (``cv_variant``
rebuilds it). The default variant filters nothing.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .config import active_variant
from .settings import TAG_PREFIX

__all__ = ["VariantFilter", "node_tags"]


def node_tags(node: nodes.Element) -> frozenset[str]:
    """The tags a node carries itself (its ``cv-tag-*`` classes)."""
    return frozenset(
        cls[len(TAG_PREFIX) :]
        for cls in node.get("classes", ())
        if cls.startswith(TAG_PREFIX) and len(cls) > len(TAG_PREFIX)
    )


def _unit(node: nodes.Element) -> nodes.Element:
    """What a tag on *node* applies to: itself, or for a span the item it is in."""
    if not isinstance(node, nodes.Inline):
        return node
    ancestor = node.parent
    paragraph: nodes.Element | None = None
    while ancestor is not None:
        if isinstance(ancestor, nodes.list_item):
            return ancestor
        if isinstance(ancestor, nodes.title) and isinstance(ancestor.parent, nodes.section):
            return ancestor.parent
        if paragraph is None and isinstance(ancestor, nodes.paragraph):
            paragraph = ancestor
        ancestor = ancestor.parent
    return paragraph or node


def _attached(node: nodes.Node, document: nodes.document) -> bool:
    while node.parent is not None:
        node = node.parent
    return node is document


def _is_empty(node: nodes.Element) -> bool:
    """Whether *node*, once its content went, would show nothing worth its place."""
    if isinstance(node, nodes.section):
        return all(isinstance(c, nodes.title | nodes.target | nodes.comment) for c in node)
    if isinstance(node, nodes.bullet_list | nodes.enumerated_list | nodes.definition_list):
        return len(node.children) == 0
    if isinstance(node, nodes.container | nodes.list_item):
        return all(isinstance(c, nodes.Element) and _is_empty(c) for c in node.children)
    return False


class VariantFilter(SphinxTransform):
    """Leave out what the variant being built does not keep."""

    # After {private} leaves headings (cvsite, 200), before the table of
    # contents is collected (doctree-read, after every transform).
    default_priority = 210

    def apply(self, **kwargs: Any) -> None:
        variant = active_variant(self.config)
        if not variant.filters:
            return
        dropped: list[nodes.Element] = []
        for node in list(self.document.findall(nodes.Element)):
            tags = node_tags(node)
            if not tags or variant.keeps(tags):
                continue
            unit = _unit(node)
            if unit is self.document or not _attached(unit, self.document):
                continue
            dropped.append(unit)
        for unit in dropped:
            if _attached(unit, self.document):
                self._remove(unit)

    def _remove(self, node: nodes.Element) -> None:
        """Remove *node*, then every ancestor it leaves empty."""
        parent = node.parent
        parent.remove(node)
        while isinstance(parent, nodes.Element) and parent is not self.document:
            above = parent.parent
            if above is None or isinstance(above, nodes.document) or not _is_empty(parent):
                break
            above.remove(parent)
            parent = above
