"""The CV's doctree as a Word document: one visitor, python-docx for the file.

The same output-neutral doctree that the HTML and LaTeX writers read becomes
Word's own structures, so the file behaves as a Word user and an HR system
expect:

* the owner's name in the **Title** style, each CV section a **Heading 1**
  (deeper ones Heading 2, 3; a list's group heading Heading 2), so Word's
  navigation pane and a parser see the sections;
* bold, italic, superscript and subscript as run properties: the owner bold in
  every author list, co-first and other marks as superscripts, as cvbib's
  ``strong`` and ``superscript`` nodes say;
* links as real hyperlinks (``http``, ``https`` and ``mailto`` only);
* a typed CV entry (cventries' nodes) as one **CV Entry** paragraph: each line
  of its left column (title, subtitle, details) on a line of its own, the
  right column's line beside it (the dates beside the title, the place beside
  the subtitle) after a tab, against a right-aligned tab stop at the right
  margin, as the PDF sets them flush right; its body as ordinary paragraphs.
  The old untyped entries' ``cv-dates`` spans are set the same way;
* lists in Word's List Bullet / List Number styles; the highlights' figures
  and descriptions indented under their entry; the legend of the marks in a
  small grey paragraph; the contact line centred, its items separated by a
  middle dot, without the icons (they are pictures in the PDF and no text for
  a parser; the Word file keeps the details themselves);
* MyST's hard line breaks as line breaks.

Anything the web page alone shows (link buttons, toggles, hidden author
names, the site navigation and download menu) is skipped; any other node is
written as its text, so nothing a reader should see is lost to a node this
writer does not know.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from docutils import nodes
from docx.document import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from sphinx.util import logging
from sphinx.util.docutils import SphinxTranslator

from cventries.render import cv_entry_aside, cv_entry_line, cv_entry_main
from cvtext import lstrip_icons

from .document import ACCENT, MUTED, hyperlink_element, text_width

__all__ = ["SKIPPED", "DocxTranslator"]

logger = logging.getLogger(__name__)

#: Nodes of the web page only, and bookkeeping: nothing of theirs reaches the file.
SKIPPED = frozenset(
    {
        "actions",
        "toggle",
        "bibtex_block",
        "collapsed",
        "cv_nav",
        "cv_downloads",
        "comment",
        "target",
        "substitution_definition",
        "system_message",
        "meta",
        "index",
        "toctree",
        "problematic",
    }
)
#: Link schemes that become hyperlinks; any other link is written as its text.
SAFE_SCHEMES = ("http://", "https://", "mailto:")
#: The indentation of a list's text in Word's List Bullet style (0.25 in).
LIST_INDENT = Cm(0.635)
#: Classes of inline figures shown as badges (sphinx-design's, cvbib's).
BADGES = ("sd-badge", "cvbib-badge")


@dataclass(frozen=True)
class RunFormat:
    """What a run of text looks like, from the inline nodes around it."""

    bold: bool = False
    italic: bool = False
    superscript: bool = False
    subscript: bool = False
    mono: bool = False
    small_caps: bool = False
    color: RGBColor | None = None
    size: float | None = None


@dataclass
class _ListState:
    style: str
    first_paragraph: bool = True


@dataclass
class _Context:
    """Where the writer is: what kind of block its paragraphs belong to."""

    style: str = "Normal"
    indent: int = 0  # EMU of left indentation (highlight cards)
    lists: list[_ListState] = field(default_factory=list)


class DocxTranslator(SphinxTranslator):
    """Writes a doctree into a python-docx :class:`~docx.document.Document`."""

    def __init__(self, document: nodes.document, builder: Any, docx: Document) -> None:
        super().__init__(document, builder)
        self.docx = docx
        self.paragraph: Paragraph | None = None
        self.link: Any | None = None
        self.formats: list[RunFormat] = [RunFormat()]
        self.context = _Context()
        self.contexts: list[_Context] = []
        self.section_level = 0
        self.contact_items = -1  # >= 0 inside the contact line
        self.strip_icon = False

    # -- dispatch -------------------------------------------------------------

    def dispatch_visit(self, node: nodes.Node) -> None:
        if type(node).__name__ in SKIPPED:
            raise nodes.SkipNode
        super().dispatch_visit(node)

    def unknown_visit(self, node: nodes.Node) -> None:
        """A node this writer does not know: write its text (its children)."""
        classes = node.get("classes", []) if isinstance(node, nodes.Element) else []
        self._push_inline_classes(classes)

    def unknown_departure(self, node: nodes.Node) -> None:
        classes = node.get("classes", []) if isinstance(node, nodes.Element) else []
        self._pop_inline_classes(classes)

    # -- context -------------------------------------------------------------

    def _enter(self, **changes: Any) -> None:
        self.contexts.append(self.context)
        self.context = _Context(
            style=changes.get("style", self.context.style),
            indent=changes.get("indent", self.context.indent),
            lists=changes.get("lists", self.context.lists),
        )

    def _leave(self) -> None:
        self.context = self.contexts.pop()

    def _push(self, **changes: Any) -> None:
        self.formats.append(replace(self.formats[-1], **changes))

    def _pop(self) -> None:
        self.formats.pop()

    # -- paragraphs and runs ----------------------------------------------------

    def _new_paragraph(self, style: str | None = None) -> Paragraph:
        lists = self.context.lists
        chosen = style or self.context.style
        indent = self.context.indent
        if style is None and lists:
            current = lists[-1]
            if current.first_paragraph:
                # The list style's numbering indents the bullet and its text.
                chosen = current.style
                current.first_paragraph = False
                indent = 0
            else:
                chosen = "Normal"
                indent += int(LIST_INDENT) * len(lists)
        paragraph = self.docx.add_paragraph(style=chosen)
        if indent:
            paragraph.paragraph_format.left_indent = indent
        self.paragraph = paragraph
        return paragraph

    def _text(self, text: str) -> None:
        if not text:
            return
        if self.paragraph is None:
            self._new_paragraph()
        assert self.paragraph is not None
        fmt = self.formats[-1]
        run = self.paragraph.add_run(text)
        run.bold = fmt.bold or None
        run.italic = fmt.italic or None
        if fmt.superscript:
            run.font.superscript = True
        if fmt.subscript:
            run.font.subscript = True
        if fmt.mono:
            run.font.name = "Courier New"
        if fmt.small_caps:
            run.font.small_caps = True
        if fmt.color is not None:
            run.font.color.rgb = fmt.color
        if fmt.size is not None:
            run.font.size = Pt(fmt.size)
        if self.link is not None:
            run.style = "Hyperlink"
            self.link.append(run._r)

    def _break(self) -> None:
        if self.paragraph is None:
            return
        run = self.paragraph.add_run()
        run.add_break()
        if self.link is not None:
            self.link.append(run._r)

    # -- structure ---------------------------------------------------------------

    def visit_document(self, node: nodes.document) -> None:
        pass

    def depart_document(self, node: nodes.document) -> None:
        pass

    def visit_section(self, node: nodes.section) -> None:
        self.section_level += 1

    def depart_section(self, node: nodes.section) -> None:
        self.section_level -= 1

    def visit_title(self, node: nodes.title) -> None:
        if isinstance(node.parent, nodes.section):
            level = self.section_level
            style = "Title" if level <= 1 else f"Heading {min(level - 1, 9)}"
            self._new_paragraph(style)
        else:
            self._new_paragraph("Normal")
            self._push(bold=True)

    def depart_title(self, node: nodes.title) -> None:
        if not isinstance(node.parent, nodes.section):
            self._pop()
        self.paragraph = None

    def visit_rubric(self, node: nodes.rubric) -> None:
        self._new_paragraph("Heading 2")

    def depart_rubric(self, node: nodes.rubric) -> None:
        self.paragraph = None

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        self._new_paragraph()

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        self.paragraph = None

    def visit_container(self, node: nodes.container) -> None:
        classes = node.get("classes", ())
        if "cv-contact" in classes:
            self._enter(style="CV Contact")
            self.contact_items = 0
        elif "cvbib-legend" in classes:
            self._enter(style="CV Legend")
        elif "cv-highlight" in classes:
            self._enter(indent=self.context.indent + int(LIST_INDENT))
        else:
            self._enter()

    def depart_container(self, node: nodes.container) -> None:
        if "cv-contact" in node.get("classes", ()):
            self.contact_items = -1
        self._leave()
        self.paragraph = None

    def _list(self, style: str) -> None:
        depth = len(self.context.lists)
        name = style if depth == 0 else f"{style} {min(depth + 1, 3)}"
        self._enter(lists=[*self.context.lists, _ListState(name)])

    def visit_bullet_list(self, node: nodes.bullet_list) -> None:
        self._list("List Bullet")

    def depart_bullet_list(self, node: nodes.bullet_list) -> None:
        self._leave()

    def visit_enumerated_list(self, node: nodes.enumerated_list) -> None:
        self._list("List Number")

    def depart_enumerated_list(self, node: nodes.enumerated_list) -> None:
        self._leave()

    def visit_list_item(self, node: nodes.list_item) -> None:
        if self.context.lists:
            self.context.lists[-1].first_paragraph = True
        self.paragraph = None

    def depart_list_item(self, node: nodes.list_item) -> None:
        self.paragraph = None

    def visit_definition_list(self, node: nodes.definition_list) -> None:
        pass

    def depart_definition_list(self, node: nodes.definition_list) -> None:
        pass

    def visit_term(self, node: nodes.term) -> None:
        self._new_paragraph()
        self._push(bold=True)

    def depart_term(self, node: nodes.term) -> None:
        self._pop()
        self.paragraph = None

    def visit_definition(self, node: nodes.definition) -> None:
        self._enter(indent=self.context.indent + int(LIST_INDENT))

    def depart_definition(self, node: nodes.definition) -> None:
        self._leave()

    def visit_line(self, node: nodes.line) -> None:
        if self.paragraph is None:
            self._new_paragraph()

    def depart_line(self, node: nodes.line) -> None:
        self._break()

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        self._new_paragraph("Normal")
        self._push(mono=True)
        for index, line in enumerate(node.astext().splitlines()):
            if index:
                self._break()
            self._text(line)
        self._pop()
        self.paragraph = None
        raise nodes.SkipNode

    def visit_image(self, node: nodes.image) -> None:
        uri = str(node.get("uri", ""))
        path = Path(self.builder.srcdir) / uri
        if (
            path.suffix.lower() not in (".png", ".jpg", ".jpeg", ".gif", ".bmp")
            or not path.is_file()
        ):
            logger.warning(
                "%s: Word takes PNG, JPEG, GIF or BMP pictures: this one is left out of the "
                "Word file; give a PNG or JPEG version of it",
                uri,
                location=node,
                type="cvdocx",
                subtype="image",
            )
            raise nodes.SkipNode
        paragraph = self.paragraph or self._new_paragraph()
        paragraph.add_run().add_picture(str(path), width=min(Cm(4), text_width(self.docx)))
        raise nodes.SkipNode

    def visit_table(self, node: nodes.table) -> None:
        rows = [row for row in node.findall(nodes.row)]
        if not rows:
            raise nodes.SkipNode
        width = max(len(row.children) for row in rows)
        table = self.docx.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, entry in enumerate(row.children):
                table.cell(r, c).text = " ".join(entry.astext().split())
        self.paragraph = None
        raise nodes.SkipNode

    # -- typed CV entries (cventries) -------------------------------------------

    def _right_tab(self) -> None:
        """A right-aligned tab stop at the right margin (Word measures from the margin)."""
        assert self.paragraph is not None
        stops = self.paragraph.paragraph_format.tab_stops
        stops.add_tab_stop(text_width(self.docx), WD_TAB_ALIGNMENT.RIGHT)

    def visit_cv_entry(self, node: nodes.Element) -> None:
        self.paragraph = None

    def depart_cv_entry(self, node: nodes.Element) -> None:
        self.paragraph = None

    def visit_cv_entry_head(self, node: nodes.Element) -> None:
        """The two columns as rows of one paragraph: left line, tab, right line."""

        def lines(kind: type[nodes.Element]) -> list[nodes.Element]:
            column = next((c for c in node.children if isinstance(c, kind)), None)
            return [] if column is None else list(column.findall(cv_entry_line))

        left, right = lines(cv_entry_main), lines(cv_entry_aside)
        paragraph = self._new_paragraph("CV Entry")
        entry = node.parent
        if entry is not None and len(entry.children) > 1:
            paragraph.paragraph_format.keep_with_next = True  # with the entry's body
        if right:
            self._right_tab()
        for row in range(max(len(left), len(right))):
            if row:
                self._break()
            if row < len(left):
                left[row].walkabout(self)
            if row < len(right):
                self._text("\t")
                right[row].walkabout(self)
        self.paragraph = None
        raise nodes.SkipNode

    def visit_cv_entry_line(self, node: nodes.Element) -> None:
        # The right column is muted, as in the PDF and on the web page.
        muted = isinstance(node.parent, cv_entry_aside)
        self._push(color=MUTED if muted else self.formats[-1].color)

    def depart_cv_entry_line(self, node: nodes.Element) -> None:
        self._pop()

    def visit_cv_updated(self, node: nodes.Element) -> None:
        self._new_paragraph("CV Updated")

    def depart_cv_updated(self, node: nodes.Element) -> None:
        self.paragraph = None

    # -- inline ------------------------------------------------------------------

    def visit_Text(self, node: nodes.Text) -> None:
        text = node.astext().replace("\n", " ")
        if self.contact_items >= 0 and not text.strip():
            return  # between the contact items: the middle dot separates them
        if self.strip_icon:
            stripped = lstrip_icons(text)
            if stripped or text.strip():
                self.strip_icon = False
            text = stripped
        self._text(text)

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    def visit_strong(self, node: nodes.strong) -> None:
        self._push(bold=True)

    def depart_strong(self, node: nodes.strong) -> None:
        self._pop()

    def visit_emphasis(self, node: nodes.emphasis) -> None:
        # Emphasis inside emphasis turns upright, as LaTeX's \emph and the web page do.
        self._push(italic=not self.formats[-1].italic)

    def depart_emphasis(self, node: nodes.emphasis) -> None:
        self._pop()

    def visit_superscript(self, node: nodes.superscript) -> None:
        self._push(superscript=True)

    def depart_superscript(self, node: nodes.superscript) -> None:
        self._pop()

    def visit_subscript(self, node: nodes.subscript) -> None:
        self._push(subscript=True)

    def depart_subscript(self, node: nodes.subscript) -> None:
        self._pop()

    def visit_literal(self, node: nodes.literal) -> None:
        self._push(mono=True)

    def depart_literal(self, node: nodes.literal) -> None:
        self._pop()

    def visit_reference(self, node: nodes.reference) -> None:
        uri = str(node.get("refuri", ""))
        if self.link is None and uri.lower().startswith(SAFE_SCHEMES):
            if self.paragraph is None:
                self._new_paragraph()
            assert self.paragraph is not None
            self.link = hyperlink_element(self.paragraph, uri)
            node["cvdocx_link"] = True

    def depart_reference(self, node: nodes.reference) -> None:
        if node.get("cvdocx_link"):
            self.link = None

    def visit_raw(self, node: nodes.raw) -> None:
        formats = str(node.get("format", "")).split()
        if "html" in formats and node.astext().strip().lower().startswith("<br"):
            self._break()
        raise nodes.SkipNode

    def visit_inline(self, node: nodes.inline) -> None:
        classes = node.get("classes", ())
        if "cv-item" in classes and self.contact_items >= 0:
            if self.contact_items:
                self._push(color=MUTED)
                self._text(" \N{MIDDLE DOT} ")
                self._pop()
            self.contact_items += 1
            self.strip_icon = True
        if "cv-dates" in classes and self.paragraph is not None:
            # Word measures tab stops from the margin: this one is at the right margin.
            runs = self.paragraph.runs
            if runs and runs[-1].text.endswith(" "):
                runs[-1].text = runs[-1].text.rstrip()
            self._right_tab()
            self._text("\t")
        self._push_inline_classes(classes)

    def depart_inline(self, node: nodes.inline) -> None:
        self._pop_inline_classes(node.get("classes", ()))

    def _push_inline_classes(self, classes: Any) -> None:
        current = self.formats[-1]
        changes: dict[str, Any] = {}
        if "cv-dates" in classes:
            changes["color"] = MUTED
        if any(cls in classes for cls in BADGES):
            changes.update(bold=True, color=ACCENT)
        if "cvbib-smallcaps" in classes:
            changes["small_caps"] = True
        self.formats.append(replace(current, **changes))

    def _pop_inline_classes(self, classes: Any) -> None:
        self.formats.pop()

    def visit_cvbib_math(self, node: nodes.Element) -> None:
        self._text(node.astext())
        raise nodes.SkipNode

    def visit_math(self, node: nodes.math) -> None:
        self._text(node.astext())
        raise nodes.SkipNode
