"""Render: what a reader sees of each publication, on every output, from its model.

The nodes under each entry (:mod:`.entries`), sorted and grouped lists
(:mod:`.listing`), the legend and safe links (:mod:`.legend`), a page per
publication (:mod:`.pages`) under the names :mod:`.published` decides, its
head metadata (:mod:`.headtags`), math (:mod:`.math`), the PDF build's guards
(:mod:`.latexmkrc`) and the web page's assets (:mod:`.assets`).
:func:`setup_render` registers them all.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from .assets import setup_assets
from .entries import setup_entry_nodes
from .headtags import json_ld, link_tag, meta_tag, opengraph_tags
from .latexmkrc import setup_latexmkrc
from .legend import setup_legend
from .listing import OPTION_SPEC, selected_filter, setup_listing, wrap
from .mathml import MATHML_ATTRIBUTES, MATHML_ELEMENTS, safe_mathml
from .mathnodes import setup_math
from .pages import setup_pages
from .published import setup_published

__all__ = [
    "MATHML_ATTRIBUTES",
    "MATHML_ELEMENTS",
    "OPTION_SPEC",
    "json_ld",
    "link_tag",
    "meta_tag",
    "opengraph_tags",
    "safe_mathml",
    "selected_filter",
    "setup_render",
    "wrap",
]


def setup_render(app: Sphinx) -> None:
    """Register every node, transform, page writer and asset of the render layer."""
    setup_legend(app)
    setup_entry_nodes(app)
    setup_published(app)
    setup_listing(app)
    setup_pages(app)
    setup_math(app)
    setup_latexmkrc(app)
    setup_assets(app)
