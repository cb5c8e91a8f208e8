"""Several CVs from one source: variants, their files, and the web page's Download menu.

- :mod:`.settings`: a variant as a frozen value, parsed from ``cv_variants``;
- :mod:`.config`: validation on ``config-inited`` and what each variant changes
  in the build (file names, the publication list, the PDF's metadata);
- :mod:`.tags`: the read-time transform that keeps or drops tagged content;
- :mod:`.budget` and :mod:`.pagecheck`: the page budget, checked when latexmk exits;
- :mod:`.downloads`: the files the web page offers;
- :mod:`.plan`: the variants and file names of a CV, for the Makefile and
  ``tools/downloads.py``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .budget import setup_budget
from .config import active_variant, declared_variants, output_name, setup_config
from .downloads import setup_downloads
from .settings import DEFAULT, TAG_PREFIX, Variant, parse_variants, tag_class
from .tags import VariantFilter, node_tags

__all__ = [
    "DEFAULT",
    "TAG_PREFIX",
    "Variant",
    "active_variant",
    "declared_variants",
    "node_tags",
    "output_name",
    "parse_variants",
    "tag_class",
]


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    app.add_transform(VariantFilter)
    setup_budget(app)
    setup_downloads(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
