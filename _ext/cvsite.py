"""Small pieces of the CV site that are not about publications.

- The ``{private}`` role: text the owner wants in the PDF but not on the
  public web page (a phone number). It becomes an ``only`` node with the
  expression ``not format_html or cv_show_private``, which Sphinx resolves per
  builder when writing; the same doctree serves HTML and LaTeX, and the text
  never reaches the HTML (not even hidden by CSS) unless conf.py asks for it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx import addnodes
from sphinx.application import Sphinx

PRIVATE_EXPR = "not format_html or cv_show_private"


def private_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: dict[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    node = addnodes.only(expr=PRIVATE_EXPR)
    node += nodes.inline(text, text, classes=["cv-private"])
    return [node], []


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_role("private", private_role)
    app.setup_extension("cvquiet")  # progress and real warnings only
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
