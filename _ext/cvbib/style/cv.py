"""The ``cv`` pybtex formatting style: one publication per line, as a CV lists them.

pybtex's own styles (``plain``, ``unsrt``, ``alpha``) are written for reference lists
in papers, which is the wrong shape for a CV:

* they sentence-case titles ("TTRL: Test-Time ..." becomes "Ttrl: test-time ..."),
  while a CV must show each title exactly as its authors wrote it;
* they have one template per BibTeX type and raise ``AttributeError`` on a type they
  do not know (biblatex's ``@online``, ``@report``, ``@software`` ...), and
  ``FieldIsMissing`` when a "required" field is absent -- one odd entry would then
  break the whole page;
* they know nothing of biblatex's ``pubstate``, ``date`` or ``journaltitle``, and a CV
  has many preprints and papers under review.

So :class:`CvStyle` formats *every* entry with one generic template,
:func:`generic_template`:

    authors. *Title*. venue volume(number):pages, pubstate, year (note). links

Every block is optional, so any entry renders, and an entry with nothing to show
renders as its key in brackets rather than as an empty bullet.  The template is a
plain pybtex template built from pybtex's own nodes (``toplevel``, ``sentence``,
``tag``, ``optional``, ``first_of``) plus a few nodes defined here, so that it can
also serve as the fallback of another style instance.

Fields are read through :mod:`cvbib.model.fields` (decoded by cvbib's one LaTeX
decoder, which never fails, so that a stray brace or backslash in one field never
stops the build), the venue line is the publication model's
(:mod:`cvbib.model.venue`) and the author list is :mod:`cvbib.style.authors`'.
All text is passed to the backend as rich text, which escapes it; only
:func:`cvbib.text.urls.safe_url` URLs ever become links.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pybtex.plugin
from pybtex.database import Entry
from pybtex.richtext import String, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle, toplevel
from pybtex.style.template import FieldIsMissing, Node, node, optional, sentence, tag

from ..model import text_field, verbatim_field
from ..model import venue_line as model_venue_line
from ..text import TITLE_CLASS, Classed
from .authors import creators_template, names_template

__all__ = ["STYLE_NAME", "CvStyle", "generic_template", "register_styles"]

#: The plugin name under which :func:`register_styles` registers :class:`CvStyle`.
STYLE_NAME = "cv"


@node
def latex_field(children: Sequence[Any], context: Mapping[str, Any], name: str) -> Text:
    """Like pybtex's ``field``, but never fails on malformed LaTeX.

    Raises ``FieldIsMissing`` when the field is absent or blank, so that it composes
    with ``optional`` and ``first_of`` exactly as ``field`` does.
    """
    if children:
        raise ValueError(children)
    text = text_field(context["entry"], name, context.get("bib_data"))
    if text is None:
        raise FieldIsMissing(name, context["entry"])
    return text


@node
def venue_line(children: Sequence[Any], context: Mapping[str, Any]) -> Text:
    """The entry's venue line, as the publication model computes it (:mod:`cvbib.model.venue`)."""
    if children:
        raise ValueError(children)
    return model_venue_line(context["entry"], context.get("bib_data"))


@node
def classed(children: Sequence[Any], context: Mapping[str, Any], classes: str) -> Text:
    """A template node: its children as :class:`~cvbib.text.markup.Classed` text."""
    text = Text(*(child.format_data(context) for child in children))
    return Text(Classed(classes, text)) if text else text


@node
def key_if_empty(children: Sequence[Any], context: Mapping[str, Any]) -> Text:
    """The formatted children, or the entry's key in brackets if they are empty.

    An entry with no field the template shows would otherwise be an empty bullet on
    the CV, easy to miss; "[key]" says which entry needs fixing.  A biblatex
    ``@set`` has only its members' keys (``entryset``), so those are named too:
    "[key] (entry set: a, b)".
    """
    text = Text(*(child.format_data(context) for child in children))
    if text:
        return text
    entry = context["entry"]
    key = entry.key if entry.key is not None else f"@{entry.type}"
    members = verbatim_field(context["entry"], "entryset", context.get("bib_data"))
    if members is not None:
        listed = ", ".join(m.strip() for m in members.split(",") if m.strip())
        return Text("[", String(str(key)), "] (entry set: ", String(listed), ")")
    return Text("[", String(str(key)), "]")


def generic_template(style: BaseStyle, entry: Entry) -> Node:
    """The CV template: authors. *Title*. venue, status, year (note). links

    It suits every entry type, known to pybtex or not, and never raises
    ``FieldIsMissing``.  It takes *style* and *entry* like a pybtex
    ``get_<type>_template`` method so that it can be used for any style instance (as
    the fallback of pybtex's ``unsrt``, for example); names are formatted at format
    time by ``context["style"].format_name``, so the formatting style's name style
    and abbreviation apply.
    """
    return key_if_empty[
        toplevel[
            creators_template(entry),
            optional[sentence[classed(TITLE_CLASS)[tag("em")[latex_field("title")]]]],
            sentence[venue_line],
        ]
    ]


class CvStyle(BaseStyle):
    """The CV's formatting style: one generic template for every entry type.

    No sorting (entries keep the order of the bib file or of the directive, which is
    the order the CV's owner chose) and numeric labels, as in ``unsrt``.
    """

    default_sorting_style = "none"
    default_label_style = "number"
    default_name_style = "plain"

    def format_names(self, role: str, as_sentence: bool = True) -> Node:
        """Names of *role*: "A, B, and C." or "A et al." (:mod:`cvbib.style.authors`)."""
        return names_template(role, as_sentence=as_sentence)

    def get_generic_template(self, entry: Entry) -> Node:
        """The template for any entry: :func:`generic_template` for this style."""
        return generic_template(self, entry)

    def get_template(self, entry: Entry) -> Node:
        """A ``get_<type>_template`` method if a subclass defines one, else the generic one.

        ``BaseStyle.format_entry`` raises ``AttributeError`` for a type without a
        template; here the generic template catches every type instead, while a
        subclass can still special-case one.
        """
        get_type_template = getattr(self, f"get_{entry.type}_template", None)
        if callable(get_type_template):
            template: Node = get_type_template(entry)
            return template
        return self.get_generic_template(entry)

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        """Format *entry* with :meth:`get_template`, whatever its type."""
        context = {"entry": entry, "style": self, "bib_data": bib_data}
        text = self.get_template(entry).format_data(context)
        return FormattedEntry(entry.key, text, label)


def register_styles() -> None:
    """Make ``CvStyle`` available to pybtex (and sphinxcontrib-bibtex) as ``cv``.

    ``force=True`` replaces any earlier registration, so calling this again (Sphinx
    re-running ``setup``, tests) is harmless.
    """
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, CvStyle, force=True)
