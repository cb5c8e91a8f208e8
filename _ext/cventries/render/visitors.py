"""The layout of an entry, per builder, from the same nodes.

- HTML: ``<div>`` elements with classes; ``_ext/cventries/static/cventries.css``
  puts the aside to the right of the main column (a grid: the dates and the
  place line up with the title and the subtitle), stacks them on a phone, and
  follows furo's light and dark colours and the print style.
- LaTeX: top-aligned ``minipage``\\ s of fixed width (``\\cventryhead`` in
  ``static/cventries.sty``), RenderCV's layout: the right column has the same
  width in every entry, so dates align down the page, and the left column is
  the rest of the line, so nothing is overfull; an entry without dates or
  place uses the whole line. The first line of each column (the title, the
  dates) is its own argument, set as one row joined by invisible space
  characters before the other lines: a text extractor then reads the title,
  its dates, then the rest, as a reader does.
- Text: each line of the main column with the aside's line of the same row
  after a bar (``Tsinghua University | Sept 2022 – Jun 2026``), the way
  ``make text`` (``_ext/cvtext.py``) writes every date: plain text is pasted
  into web forms and read by parsers, which reflow it or read it in a
  proportional font, so columns padded with spaces would not stay columns.

No builder sees HTML or LaTeX written anywhere else.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from .nodes import (
    cv_date,
    cv_entry,
    cv_entry_aside,
    cv_entry_head,
    cv_entry_line,
    cv_entry_main,
    cv_updated,
)

__all__ = ["setup_visitors"]

#: Between a line of the main column and the aside's line of the same row, in text.
TEXT_SEPARATOR = " | "


def _classes(node: nodes.Element) -> str:
    return " ".join(node.get("classes", []))


# --- HTML -------------------------------------------------------------------


def _open_div(self: Any, node: nodes.Element, extra: str = "") -> None:
    classes = " ".join(filter(None, [extra, _classes(node)]))
    ids = node.get("ids", [])
    attributes = f' id="{self.attval(ids[0])}"' if ids else ""
    self.body.append(f'<div class="{self.attval(classes)}"{attributes}>')


def _close_div(self: Any, node: nodes.Element) -> None:
    self.body.append("</div>\n")


def visit_head_html(self: Any, node: nodes.Element) -> None:
    _open_div(self, node, "cv-entry-head")


def visit_main_html(self: Any, node: nodes.Element) -> None:
    _open_div(self, node, "cv-entry-main")


def visit_aside_html(self: Any, node: nodes.Element) -> None:
    _open_div(self, node, "cv-entry-aside")


def visit_line_html(self: Any, node: nodes.Element) -> None:
    _open_div(self, node, "cv-entry-line")


def visit_date_html(self: Any, node: nodes.Element) -> None:
    value = node.get("datetime", "")
    if value:
        self.body.append(f'<time datetime="{self.attval(value)}">')
    else:
        self.body.append("<span>")


def depart_date_html(self: Any, node: nodes.Element) -> None:
    self.body.append("</time>" if node.get("datetime", "") else "</span>")


def visit_updated_html(self: Any, node: nodes.Element) -> None:
    _open_div(self, node)
    self.body.append("<p>")


def depart_updated_html(self: Any, node: nodes.Element) -> None:
    self.body.append("</p></div>\n")


# --- LaTeX ------------------------------------------------------------------


def visit_entry_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("\n\\begin{cventry}\n")


def depart_entry_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("\n\\end{cventry}\n")


def visit_head_latex(self: Any, node: nodes.Element) -> None:
    # \cventryhead{<left first line>}{<left other lines>}{<right first>}{<right others>}
    self.body.append("\\cventryhead{")


def depart_head_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("}\n")


def _close_column(self: Any, node: nodes.Element) -> None:
    """End a column's arguments: its first line, then the others (either may be empty)."""
    if len(list(node.findall(cv_entry_line))) < 2:
        self.body.append("}{")


def visit_main_latex(self: Any, node: nodes.Element) -> None:
    pass


def depart_main_latex(self: Any, node: nodes.Element) -> None:
    _close_column(self, node)
    self.body.append("}{")


def visit_aside_latex(self: Any, node: nodes.Element) -> None:
    pass


def depart_aside_latex(self: Any, node: nodes.Element) -> None:
    _close_column(self, node)


def visit_line_latex(self: Any, node: nodes.Element) -> None:
    parent = node.parent
    index = parent.index(node) if parent is not None else 0
    if index == 1:
        self.body.append("}{")  # the first line is an argument of its own
    elif index > 1:
        self.body.append("\\cventrynewline ")


def depart_line_latex(self: Any, node: nodes.Element) -> None:
    pass


def visit_updated_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("\n\\cvupdated{")


def depart_updated_latex(self: Any, node: nodes.Element) -> None:
    self.body.append("}\n")


# --- text ---------------------------------------------------------------------


def _lines(column: nodes.Element | None) -> list[str]:
    if column is None:
        return []
    return [" ".join(line.astext().split()) for line in column.findall(cv_entry_line)]


def text_rows(head: nodes.Element) -> list[str]:
    """The head as lines of text: each main line, then the aside's line of its row."""
    main = next(iter(head.findall(cv_entry_main)), None)
    aside = next(iter(head.findall(cv_entry_aside)), None)
    left, right = _lines(main), _lines(aside)
    rows = []
    for index in range(max(len(left), len(right))):
        one = left[index] if index < len(left) else ""
        other = right[index] if index < len(right) else ""
        rows.append(TEXT_SEPARATOR.join(part for part in (one, other) if part))
    return rows


def visit_head_text(self: Any, node: nodes.Element) -> None:
    self.new_state(0)
    self.add_text("\n".join(text_rows(node)))
    self.end_state(wrap=False)
    raise nodes.SkipNode


def visit_updated_text(self: Any, node: nodes.Element) -> None:
    self.new_state(0)
    self.add_text(node.astext())
    self.end_state()
    raise nodes.SkipNode


def _pass(self: Any, node: nodes.Element) -> None:
    pass


def _skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup_visitors(app: Any) -> None:
    """Register the nodes with a visitor for HTML, LaTeX and text (others show the text)."""
    generic = {"man": (_pass, _pass), "texinfo": (_pass, _pass)}
    app.add_node(
        cv_entry,
        html=(lambda s, n: _open_div(s, n), _close_div),
        latex=(visit_entry_latex, depart_entry_latex),
        text=(_pass, _pass),
        **generic,
    )
    app.add_node(
        cv_entry_head,
        html=(visit_head_html, _close_div),
        latex=(visit_head_latex, depart_head_latex),
        text=(visit_head_text, _pass),
        **generic,
    )
    app.add_node(
        cv_entry_main,
        html=(visit_main_html, _close_div),
        latex=(visit_main_latex, depart_main_latex),
        text=(_pass, _pass),
        **generic,
    )
    app.add_node(
        cv_entry_aside,
        html=(visit_aside_html, _close_div),
        latex=(visit_aside_latex, depart_aside_latex),
        text=(_pass, _pass),
        **generic,
    )
    app.add_node(
        cv_entry_line,
        html=(visit_line_html, _close_div),
        latex=(visit_line_latex, depart_line_latex),
        text=(_pass, _pass),
        **generic,
    )
    app.add_node(
        cv_date,
        html=(visit_date_html, depart_date_html),
        latex=(_pass, _pass),
        text=(_pass, _pass),
        **generic,
    )
    app.add_node(
        cv_updated,
        html=(visit_updated_html, depart_updated_html),
        latex=(visit_updated_latex, depart_updated_latex),
        text=(visit_updated_text, _pass),
        man=(_skip, _pass),
        texinfo=(_skip, _pass),
    )
