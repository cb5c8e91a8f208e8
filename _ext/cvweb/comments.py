"""Source comments stay in the source.

MyST passes an HTML comment (``<!-- ... -->``) through as a raw HTML node, so a
note the author wrote for the next editor (how ``{private}`` works, how cards
are made) would be sent to every visitor. This transform removes raw HTML
nodes that hold nothing but comments; raw HTML with content is left alone.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms import SphinxTransform

_ONLY_COMMENTS = re.compile(r"\A\s*(?:<!--.*?-->\s*)+\Z", re.DOTALL)


def is_comment_only(node: nodes.raw) -> bool:
    formats = node.get("format", "").split()
    return "html" in formats and _ONLY_COMMENTS.match(node.astext()) is not None


class DropHtmlComments(SphinxTransform):
    default_priority = 200

    def apply(self, **kwargs: object) -> None:
        for node in list(self.document.findall(nodes.raw)):
            if is_comment_only(node):
                node.parent.remove(node)
