"""The docutils nodes that cvbib's rich text renders to: classes only, no visitors.

Rich text (:mod:`cvbib.text.richtext`, :mod:`cvbib.text.markup`) becomes these
nodes through pybtex's docutils backend; each builder's visitors for them are
in the render layer (:mod:`cvbib.render.entries`, :mod:`cvbib.render.mathnodes`),
so that the text layer depends on no output.
"""

from __future__ import annotations

from docutils import nodes

__all__ = [
    "TITLE_CLASS",
    "collapsed",
    "cvbib_math",
    "make_math_node",
    "text_run",
    "web_only_reference",
]

#: The class of a title that links to the entry's own page.
TITLE_CLASS = "cvbib-title"


class collapsed(nodes.Inline, nodes.TextElement):
    """Text that is hidden until the reader asks for it (HTML), absent elsewhere."""


class text_run(nodes.Inline, nodes.TextElement):
    """Plain text written out in one piece: the thousands of names of a long author list.

    The same as its text in every output; the HTML writer escapes it whole
    (:func:`html.escape`) rather than character by character, which is what
    makes a 2,900-name list cheap to write.
    """


class web_only_reference(nodes.reference):
    """A link shown as a link on the web page and as plain text in the PDF."""


class cvbib_math(nodes.inline):
    """Inline math: ``latex`` (attribute) and its Unicode approximation (text)."""


def make_math_node(tex: str, plain: str) -> cvbib_math:
    """A ``cvbib_math`` node for allowlisted *tex* (or ``""``), showing *plain* where
    math cannot be drawn."""
    return cvbib_math(plain, plain, latex=tex, classes=["cvbib-math"])
