"""``make text``: the CV as clean plain text, for web forms that want it pasted.

Sphinx's text writer writes reStructuredText-like markup (``**bold**``,
``*title*``, ``^*`` for a superscript, underlined headings, ``* `` bullets)
and wraps lines at 70 characters, and it drops MyST's hard line breaks and
the targets of links. Pasted into a form, that is noise. This translator,
used by the ``text`` builder, writes what a reader of the CV needs instead:

* no markup: bold, italic, literals and superscripts are plain text (a co-first
  mark stays a plain ``*`` after the name);
* the owner's name in every author list in CAPITALS, the plain-text way of
  marking it (a name in a script without capitals, such as Chinese, is set
  between underscores instead);
* links as URLs: a link whose text is its address without the scheme reads as
  the full URL (``https://iseesaw.github.io``), any other as "text (URL)", an
  e-mail address as itself, a ``[PDF]`` label as "PDF: URL";
* section headings in capitals on their own line, the name first, bullets as
  ``- ``, an entry's dates after a ``|`` (``Tsinghua University | Sept 2022 –
  Jun 2026``: cventries' text visitor writes a typed entry's rows so, and an
  untyped entry's ``cv-dates`` span is written the same way here), the
  contact details separated by a middle dot without their icons;
* one line per paragraph (a form reflows it; a hard break mid-sentence would
  stay), MyST's hard line breaks kept as line breaks.

The text builder writes ``index.txt``; the same text is also written as
``<owner>-cv.txt`` (with the variant's suffix: ``make text VARIANT=short``),
the name the web page's Download menu offers it under.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.text import TextTranslator

__all__ = ["CvTextTranslator", "mark_owner", "text_name"]

#: Link schemes shown as URLs; a link of another scheme shows its text only.
SHOWN_SCHEMES = ("http://", "https://")
_LABEL = re.compile(r"^\[(.+)\]$")


def mark_owner(text: str) -> str:
    """The owner's name marked without markup: in capitals, or between underscores."""
    upper = text.upper()
    if upper != text:
        return upper
    if any(unicodedata.category(char).startswith("L") for char in text):
        return f"_{text}_"
    return text  # a mark or punctuation inside the bold name: as it is


def lstrip_icons(text: str) -> str:
    """*text* without the icons (📍 ✉ ☎, with their variation selectors) it starts with.

    The contact line's icons are pictures on the page; written out as text
    (plain text, Word) they are noise a form or a parser keeps. The Word
    writer strips them the same way.
    """
    stripped = text.lstrip()
    while stripped and (
        unicodedata.category(stripped[0]) in ("So", "Sk", "Cs") or stripped[0] in "\ufe0f\u200d"
    ):
        stripped = stripped[1:].lstrip()
    return stripped


def _in_entry(node: nodes.Node) -> bool:
    """Whether *node* is inside a bibliography entry (cvbib marks them with ``docname``)."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.list_item | nodes.citation) and "docname" in parent:
            return True
        parent = parent.parent
    return False


class CvTextTranslator(TextTranslator):
    """Sphinx's text translator, writing plain text without markup."""

    def __init__(self, document: nodes.document, builder: Any) -> None:
        super().__init__(document, builder)
        self._owner_depth = 0
        self._contact_items = -1
        self._strip_icon = False

    # -- layout ----------------------------------------------------------------

    def end_state(self, wrap: bool = True, end: Any = ("",), first: str | None = None) -> None:
        # One line per paragraph: a form reflows the text itself.
        super().end_state(wrap=False, end=end, first=first)

    def depart_title(self, node: nodes.Element) -> None:
        text = "".join(x[1] for x in self.states.pop() if x[0] == -1)  # type: ignore[misc]
        self.stateindent.pop()
        if isinstance(node.parent, nodes.section) and self.sectionlevel > 1:
            lines = ["", text.upper(), ""]
        else:
            lines = [text, ""]
        if len(self.states) == 2 and len(self.states[-1]) == 0 and lines[0] == "":
            lines.pop(0)
        self.states[-1].append((0, lines))

    def visit_rubric(self, node: nodes.Element) -> None:
        self.new_state(0)

    def depart_rubric(self, node: nodes.Element) -> None:
        self.end_state()

    def depart_list_item(self, node: nodes.Element) -> None:
        if self.list_counter[-1] == -1:
            self.end_state(first="- ")
        else:
            super().depart_list_item(node)

    def visit_raw(self, node: nodes.Element) -> None:
        formats = str(node.get("format", "")).split()
        if "html" in formats and node.astext().strip().lower().startswith("<br"):
            # A hard line break: end this line, go on in a new one of the same paragraph.
            self.end_state(end=None)
            self.new_state(0)
            raise nodes.SkipNode
        super().visit_raw(node)

    # -- inline: no markup ---------------------------------------------------------

    def visit_strong(self, node: nodes.Element) -> None:
        if _in_entry(node):
            self._owner_depth += 1

    def depart_strong(self, node: nodes.Element) -> None:
        if _in_entry(node):
            self._owner_depth -= 1

    def visit_emphasis(self, node: nodes.Element) -> None:
        pass

    def depart_emphasis(self, node: nodes.Element) -> None:
        pass

    def visit_literal(self, node: nodes.Element) -> None:
        pass

    def depart_literal(self, node: nodes.Element) -> None:
        pass

    def visit_superscript(self, node: nodes.Element) -> None:
        pass

    def visit_subscript(self, node: nodes.Element) -> None:
        pass

    def visit_Text(self, node: nodes.Text) -> None:
        # Plain spaces: a form field or a parser may not take a no-break space for one.
        text = node.astext().replace("\N{NO-BREAK SPACE}", " ").replace("\N{SOFT HYPHEN}", "")
        if self._contact_items >= 0 and not text.strip():
            return  # between the contact items: the middle dot separates them
        if self._strip_icon:
            stripped = lstrip_icons(text)
            if stripped or text.strip():
                self._strip_icon = False
            text = stripped
        if self._owner_depth:
            text = mark_owner(text)
        self.add_text(text)

    def visit_reference(self, node: nodes.Element) -> None:
        uri = str(node.get("refuri", ""))
        text = node.astext()
        if uri.lower().startswith("mailto:"):
            address = uri[len("mailto:") :]
            self.add_text(text if text == address else f"{text} ({address})")
            raise nodes.SkipNode
        if not uri.lower().startswith(SHOWN_SCHEMES):
            return  # written as its text
        bare = re.sub(r"^https?://", "", uri).rstrip("/")
        label = _LABEL.match(text)
        if label:
            self.add_text(f"{label.group(1)}: {uri}")
        elif text.strip().rstrip("/") in (uri, bare):
            self.add_text(uri)
        else:
            self.add_text(f"{text} ({uri})")
        raise nodes.SkipNode

    def visit_inline(self, node: nodes.Element) -> None:
        classes = node.get("classes", ())
        if "cv-item" in classes and self._contact_items >= 0:
            if self._contact_items:
                self.add_text(" \N{MIDDLE DOT} ")
            self._contact_items += 1
            self._strip_icon = True
        if "cv-dates" in classes:
            last = self.states[-1][-1] if self.states[-1] else None
            if last is not None and last[0] == -1 and isinstance(last[1], str):
                self.states[-1][-1] = (-1, last[1].rstrip())
            self.add_text(" | ")

    def depart_inline(self, node: nodes.Element) -> None:
        pass

    def visit_container(self, node: nodes.Element) -> None:
        if "cv-contact" in node.get("classes", ()):
            self._contact_items = 0

    def depart_container(self, node: nodes.Element) -> None:
        if "cv-contact" in node.get("classes", ()):
            self._contact_items = -1


def text_name(app: Sphinx) -> str:
    """The file name of the CV's text (without ``.txt``): the PDF's, for the variant built."""
    if "cvvariants" in app.extensions:
        from cvvariants import output_name

        return output_name(app.config)
    documents = app.config.latex_documents or [("", "cv.tex")]
    return str(documents[0][1]).removesuffix(".tex")


def copy_named(app: Sphinx, exception: BaseException | None) -> None:
    """Write the CV's text also under the name the downloads use."""
    if exception is not None or app.builder.name != "text":
        return
    source = Path(app.outdir) / f"{app.config.root_doc}.txt"
    if source.is_file():
        shutil.copyfile(source, Path(app.outdir) / f"{text_name(app)}.txt")


def setup(app: Sphinx) -> dict[str, Any]:
    app.set_translator("text", CvTextTranslator, override=True)
    app.connect("build-finished", copy_named)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
