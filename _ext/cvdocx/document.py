"""The Word document around the CV's text: page, styles, properties, footer, and OOXML helpers.

python-docx writes what Word's object model offers (paragraphs, runs, styles,
sections, core properties); three things a CV needs are below it and are built
here as WordprocessingML elements, each the way Word itself writes it:

* a hyperlink (``<w:hyperlink r:id=…>`` around runs, the target an external
  relationship), so that links stay clickable and are read as links by parsers;
* a field (``<w:fldSimple w:instr="PAGE">``), for "Page 1 of 2" in the footer;
* the document's language (``<w:lang>`` in the default run properties), which
  spelling checkers and screen readers use.

The look follows the PDF (``_latex/cvstyle.sty``): a sans-serif face (Arial,
which every Word and LibreOffice has, metric-compatible with the PDF's Heros),
10 pt text, the accent colour for the name and the headings, a rule under each
heading, the same margins and paper size, and the same footer.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.text.paragraph import Paragraph

from cvbib.i18n import translator

#: The Word file's words come from cvweb's catalog (the site's and the CV's own words).
_ = translator("cvweb")

__all__ = [
    "ACCENT",
    "MUTED",
    "add_field",
    "hyperlink_element",
    "set_up_document",
    "text_width",
]

ACCENT = RGBColor(0x1F, 0x4E, 0x79)
MUTED = RGBColor(0x55, 0x55, 0x55)
FONT = "Arial"
#: (width, height) of the paper sizes ``cv_paper`` names.
PAPER = {"a4": (Cm(21.0), Cm(29.7)), "letter": (Cm(21.59), Cm(27.94))}
#: The PDF's margins (``sphinxsetup`` in ``_ext/cvconf.py``): left/right, top, bottom.
MARGINS = (Cm(1.6), Cm(1.5), Cm(1.7))


def _set_font(
    style: Any, size: float, *, bold: bool = False, color: RGBColor | None = None
) -> None:
    font = style.font
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    if color is not None:
        font.color.rgb = color
    # The theme's fonts would otherwise win for the other script ranges.
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)


def _bottom_rule(style: Any) -> None:
    """A thin accent-coloured line under a heading, as the PDF draws one."""
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "1"), ("w:color", "1F4E79")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def _language(document: Document, language: str) -> None:
    """Declare the text's language in the default run properties of the styles part."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        return
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)


def _styles(document: Document) -> None:
    styles = document.styles
    _set_font(styles["Normal"], 10)
    normal = styles["Normal"].paragraph_format
    normal.space_before = Pt(0)
    normal.space_after = Pt(2)
    normal.line_spacing = 1.1
    _set_font(styles["Title"], 24, bold=True, color=ACCENT)
    title = styles["Title"].paragraph_format
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.space_after = Pt(2)
    # The template draws a rule under the title; the PDF has none there.
    ppr = styles["Title"].element.pPr
    if ppr is not None:
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)
    for level, size in ((1, 12.5), (2, 11), (3, 10)):
        heading = styles[f"Heading {level}"]
        _set_font(heading, size, bold=True, color=ACCENT)
        heading.font.italic = False
        heading.paragraph_format.space_before = Pt(9 if level == 1 else 6)
        heading.paragraph_format.space_after = Pt(3)
        heading.paragraph_format.keep_with_next = True
    _bottom_rule(styles["Heading 1"])
    for name in ("List Bullet", "List Bullet 2", "List Number"):
        styles[name].paragraph_format.space_after = Pt(2)
    if "Hyperlink" not in [s.name for s in styles]:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = ACCENT
        link.font.underline = False
    legend = styles.add_style("CV Legend", WD_STYLE_TYPE.PARAGRAPH)
    legend.base_style = styles["Normal"]
    legend.font.size = Pt(8)
    legend.font.color.rgb = MUTED
    # "Last updated", at the end, as small and muted as in the PDF.
    updated = styles.add_style("CV Updated", WD_STYLE_TYPE.PARAGRAPH)
    updated.base_style = styles["Normal"]
    updated.font.size = Pt(8)
    updated.font.color.rgb = MUTED
    updated.paragraph_format.space_before = Pt(8)
    # A typed CV entry's head (its body, when it has one, is kept with it).
    entry = styles.add_style("CV Entry", WD_STYLE_TYPE.PARAGRAPH)
    entry.base_style = styles["Normal"]
    entry.paragraph_format.space_before = Pt(4)
    contact = styles.add_style("CV Contact", WD_STYLE_TYPE.PARAGRAPH)
    contact.base_style = styles["Normal"]
    contact.font.size = Pt(9)
    contact.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    contact.paragraph_format.space_after = Pt(6)


def text_width(document: Document) -> Length:
    """The width between the margins: where a right-aligned tab stop goes."""
    section = document.sections[0]
    width, left, right = section.page_width, section.left_margin, section.right_margin
    return Length(int(width or PAPER["a4"][0]) - int(left or 0) - int(right or 0))


def add_field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A simple field (``PAGE``, ``NUMPAGES``) that Word computes when it lays out the page."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _footer(document: Document, left: str) -> None:
    footer = document.sections[0].footer
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.paragraph_format.tab_stops.add_tab_stop(text_width(document), WD_TAB_ALIGNMENT.RIGHT)
    # "Page {page} of {pages}" in the build's language, the numbers as Word's fields.
    words = _("Page {page} of {pages}")
    before, _sep, rest = words.partition("{page}")
    between, _sep, after = rest.partition("{pages}")
    run = paragraph.add_run(f"{left}\t{before}")
    for part in (run,):
        part.font.size = Pt(8)
        part.font.color.rgb = MUTED
    add_field(paragraph, "PAGE", "1")
    paragraph.add_run(between).font.size = Pt(8)
    add_field(paragraph, "NUMPAGES", "1")
    if after:
        paragraph.add_run(after)
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED


def _build_time() -> dt.datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` for a reproducible file."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(tz=dt.UTC).replace(tzinfo=None, microsecond=0)


def set_up_document(
    document: Document,
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    language: str,
    paper: str,
    footer: str,
) -> None:
    """Page, styles, document properties and footer of a new CV document."""
    section = document.sections[0]
    width, height = PAPER.get(paper, PAPER["a4"])
    section.page_width, section.page_height = width, height
    side, top, bottom = MARGINS
    section.left_margin = section.right_margin = side
    section.top_margin, section.bottom_margin = top, bottom
    section.footer_distance = Cm(0.8)
    _styles(document)
    _language(document, language)
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.subject = subject
    properties.keywords = keywords
    properties.language = language
    properties.comments = ""
    properties.category = "Curriculum Vitae"
    properties.revision = 1
    when = _build_time()
    properties.created = properties.modified = when
    _footer(document, footer)


def hyperlink_element(paragraph: Paragraph, url: str) -> Any:
    """An empty ``<w:hyperlink>`` to *url*, appended to *paragraph*; runs go inside it."""
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    link.set(qn("w:history"), "1")
    paragraph._p.append(link)
    return link
