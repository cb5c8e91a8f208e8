"""Rich text pieces that become classed docutils nodes: one text, every output.

pybtex's rich text knows emphasis, bold and links; a CV entry also has parts a
reader sees differently per output: the title that links to the entry's own
page, an award badge, a coauthor's homepage (a link on the web, plain text in
the PDF), and the names a truncated author list hides (revealed in place on
the web, absent from the PDF). Each is a rich text class here whose docutils
rendering is a node with a class (``inline``) or a node of cvbib's own
(:class:`collapsed`), which the HTML and LaTeX writers render through
``\\DUrole``-style class hooks or the visitors in :mod:`cvbib.render.entries`.
For any other pybtex backend (plain text, LaTeX, HTML strings) they render
as their text, so a user's backend still works.

They are immutable and picklable, as the formatted-entry cache needs.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from pybtex.richtext import BaseMultipartText

from .nodes import collapsed, text_run, web_only_reference

__all__ = ["Classed", "Collapsed", "WebLink", "collapsed", "text_run", "web_only_reference"]


def _is_docutils(backend: Any) -> bool:
    return getattr(backend, "name", None) == "docutils"


class Classed(BaseMultipartText):
    """Text with classes: an ``inline`` node with those classes for docutils."""

    def __init__(self, classes: str, *parts: Any) -> None:
        self.classes = classes
        self.info = (classes,)
        super().__init__(*parts)

    def __repr__(self) -> str:
        return f"Classed({self.classes!r}, {', '.join(repr(p) for p in self.parts)})"

    def render(self, backend: Any) -> Any:
        text = super().render(backend)
        if _is_docutils(backend):
            return [nodes.inline("", "", *text, classes=self.classes.split())]
        return text


class Collapsed(BaseMultipartText):
    """Text hidden until revealed on the web page; nothing in other outputs.

    The node is left out of Sphinx's search index (its ``no-search`` class):
    it holds the thousands of names a collaboration paper lists, which would
    weigh down the index every search loads, and the entry is still found by
    its title, venue and the names shown.
    """

    def render(self, backend: Any) -> Any:
        text = super().render(backend)
        if _is_docutils(backend):
            return [collapsed("", "", *text, classes=["no-search"])]
        return backend.format_str("") if hasattr(backend, "format_str") else ""


class WebLink(BaseMultipartText):
    """A link on the web page; plain text in the PDF (a coauthor's homepage)."""

    def __init__(self, url: str, *parts: Any) -> None:
        self.url = url
        self.info = (url,)
        super().__init__(*parts)

    def __repr__(self) -> str:
        return f"WebLink({self.url!r}, {', '.join(repr(p) for p in self.parts)})"

    def render(self, backend: Any) -> Any:
        text = super().render(backend)
        if _is_docutils(backend):
            return [web_only_reference("", "", *text, refuri=self.url)]
        return backend.format_href(self.url, text)
