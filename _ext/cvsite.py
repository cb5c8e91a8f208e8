"""Small pieces of the CV site that are not about publications.

- The ``cv-nav`` directive: the small navigation between the CV and the full
  publication list (HTML only; the PDF is one document and needs none).
- The ``{private}`` role: text the owner wants in the PDF but not on the
  public web page (a phone number). It becomes an ``only`` node with the
  expression ``not format_html or cv_show_private``, which Sphinx resolves per
  builder when writing; the same doctree serves HTML and LaTeX, and the text
  never reaches the HTML (not even hidden by CSS) unless conf.py asks for it.
  Not in a heading: a heading is also copied into the table of contents, the
  page's ``<title>`` and the PDF's bookmarks, where no builder resolves the
  ``only`` node (the HTML build stopped with "unknown node type: only"). The
  private text is taken out of the heading, with a warning naming the file
  and line (``cvsite.private_heading``). And no copy of the sources: Sphinx
  would publish each page's Markdown, private text included, as
  ``_sources/*.txt`` (``html_copy_source`` is turned off, with a warning if
  ``conf.py`` asked for it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.parsers.rst.states import Inliner
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from cvbib.i18n import N_, register_catalog, translator

logger = logging.getLogger(__name__)

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


class PrivateOutOfHeadings(SphinxTransform):
    """Take ``{private}`` text out of headings, and say where and why."""

    default_priority = 200  # early: before the table of contents is collected

    def apply(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(addnodes.only)):
            if node.get("expr") != PRIVATE_EXPR:
                continue
            title = node.parent
            while title is not None and not isinstance(title, nodes.title):
                title = title.parent
            if title is None:
                continue
            logger.warning(
                # The text itself is not repeated: build logs are often public.
                "a {private} text is in a heading, which is also written into the table of "
                "contents, the page title and the PDF's bookmarks: it was left out of the "
                "heading; put the private text in the section's text instead",
                location=title,
                type="cvsite",
                subtype="private_heading",
            )
            node.parent.remove(node)
            if isinstance(title.parent, nodes.section):
                self._rename(title.parent, title)

    def _rename(self, section: nodes.section, title: nodes.title) -> None:
        """Name the section (its id, its anchor) after the heading without the private text."""
        document = self.document
        old_ids = set(section["ids"])
        for name in section["names"]:
            document.nameids.pop(name, None)
            document.nametypes.pop(name, None)
        for old in old_ids:
            document.ids.pop(old, None)
        section["ids"] = []
        section["names"] = [nodes.fully_normalize_name(title.astext())]
        document.note_implicit_target(section, section)
        # MyST's heading anchors (myst_heading_anchors) are slugs of the old text.
        new_id = section["ids"][0]
        metadata = self.env.metadata.get(self.env.docname, {})
        for slugs in (getattr(document, "myst_slugs", None), metadata.get("myst_slugs")):
            if not isinstance(slugs, dict):
                continue
            for slug, (line, old_id, _text) in list(slugs.items()):
                if old_id in old_ids:
                    del slugs[slug]
                    slugs[new_id] = (line, new_id, title.astext())


#: The pages of the navigation: (document, label). Missing documents are left out.
#: The labels are cvweb's messages (its catalog holds the site's own words).
NAV_PAGES = (("index", N_("Curriculum vitae")), ("publications", N_("Publications")))


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
        links.append(f'<a href="{self.encode(uri)}"{here}>{self.encode(_(label))}</a>')
    if len(links) > 1:
        site = self.attval(_("Site"))
        self.body.append(f'<nav class="cv-nav" aria-label="{site}">' + " ".join(links) + "</nav>\n")
    raise nodes.SkipNode


def skip_node(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def no_copied_sources(app: Sphinx, config: Config) -> None:
    """Turn ``html_copy_source`` off: the sources hold the ``{private}`` text."""
    if not config.html_copy_source:
        return
    if "html_copy_source" in config._raw_config:
        logger.warning(
            "html_copy_source = True would publish every page's source, {private} text "
            "included, under _sources/: it is turned off; remove it from conf.py",
            type="cvsite",
            subtype="copy_source",
        )
    config.html_copy_source = False


#: The site's own words are in cvweb's catalog: ``cvweb/locale/<lang>/LC_MESSAGES/cvweb.po``.
CATALOG = "cvweb"
LOCALE_DIR = Path(__file__).parent / "cvweb" / "locale"
_ = translator(CATALOG)


def setup(app: Sphinx) -> dict[str, Any]:
    register_catalog(app, CATALOG, LOCALE_DIR)
    app.connect("config-inited", no_copied_sources)
    app.add_role("private", private_role)
    app.add_transform(PrivateOutOfHeadings)
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
