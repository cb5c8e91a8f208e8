"""Small pieces of the CV site that are not about publications.

- The ``cv-nav`` directive: the small navigation between the CV and the full
  publication list (HTML only; the PDF is one document and needs none).
- The ``{private}`` role: text the owner wants in the PDF but not on the
  public web page (a phone number). It becomes an ``only`` node with the
  expression ``not format_html or cv_show_private``, which Sphinx resolves per
  builder when writing; the same doctree serves HTML and LaTeX, and the text
  never reaches the HTML (not even hidden by CSS) unless conf.py asks for it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
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


#: The pages of the navigation: (document, label). Missing documents are left out.
NAV_PAGES = (("index", "Curriculum vitae"), ("publications", "Publications"))


class cv_nav(nodes.General, nodes.Element):
    """The navigation between the site's pages, written by the HTML translator."""


class CvNavDirective(Directive):
    """``cv-nav``: links to the CV and to the full publication list."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [cv_nav()]


def visit_cv_nav_html(self: Any, node: cv_nav) -> None:
    builder = self.builder
    current = builder.current_docname
    root = builder.config.root_doc
    found = builder.env.found_docs
    links = []
    for docname, label in NAV_PAGES:
        target = root if docname == "index" else docname
        if target not in found:
            continue
        uri = builder.get_relative_uri(current, target)
        if target == current:
            uri = builder.get_target_uri(current).rsplit("/", 1)[-1] or "./"
        here = ' aria-current="page"' if target == current else ""
        links.append(f'<a href="{self.encode(uri)}"{here}>{self.encode(label)}</a>')
    if len(links) > 1:
        self.body.append('<nav class="cv-nav" aria-label="Site">' + " ".join(links) + "</nav>\n")
    raise nodes.SkipNode


def skip_node(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_role("private", private_role)
    app.setup_extension("cvquiet")  # progress and real warnings only
    app.add_node(
        cv_nav,
        html=(visit_cv_nav_html, None),
        latex=(skip_node, None),
        text=(skip_node, None),
        man=(skip_node, None),
        texinfo=(skip_node, None),
    )
    app.add_directive("cv-nav", CvNavDirective)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
