"""Rich text that pybtex lacks, the docutils nodes it renders to, and safe links.

The lowest layer with :mod:`cvbib.limits`: math and small capitals
(:mod:`.richtext`), classed and web-only text (:mod:`.markup`), their nodes
(:mod:`.nodes`, no visitors: those are the render layer's) and the one rule
for which URLs may become links (:mod:`.urls`).
"""

from __future__ import annotations

from .markup import Classed, Collapsed, WebLink
from .nodes import TITLE_CLASS, collapsed, cvbib_math, make_math_node, text_run, web_only_reference
from .richtext import SMALLCAPS_CLASS, Math, SmallCaps, compacted, refused_math, visible_text
from .urls import SAFE_SCHEMES, link_target, safe_url

__all__ = [
    "SAFE_SCHEMES",
    "SMALLCAPS_CLASS",
    "TITLE_CLASS",
    "Classed",
    "Collapsed",
    "Math",
    "SmallCaps",
    "WebLink",
    "collapsed",
    "compacted",
    "cvbib_math",
    "link_target",
    "make_math_node",
    "refused_math",
    "safe_url",
    "text_run",
    "visible_text",
    "web_only_reference",
]
