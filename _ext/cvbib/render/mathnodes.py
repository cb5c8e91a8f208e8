"""The ``cvbib_math`` node: math from a bibliography field, for every builder.

A title such as ``$\\mathrm{Ca}^{2+}$ signalling`` is decoded into a
:class:`cvbib.text.richtext.Math`, which the docutils backend renders as this node.
Each builder then shows it the best way it can, with no ``$`` anywhere:

* HTML (and the builders of the HTML family): MathML made by latex2mathml
  and written through an element and attribute allowlist
  (:func:`cvbib.latex.mathsafe.safe_mathml`), so the page needs no JavaScript and
  no CDN;
* LaTeX: real TeX math, ``\\(...\\)``, written from the allowlist of
  :func:`cvbib.latex.mathsafe.safe_tex`; math it refused is the Unicode
  approximation as text;
* text, man, texinfo and any other builder: the Unicode approximation, which
  is the node's text (the node is an ``inline``, so a builder that knows
  nothing of it shows its text).

Why not Sphinx's own ``math`` node: its HTML rendering needs MathJax from a
CDN (or images), and a publication list should not load a script for a few
symbols.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from ..text import cvbib_math
from .mathml import safe_mathml

__all__ = ["setup_math"]


def visit_math_html(translator: Any, node: cvbib_math) -> None:
    tex = node.get("latex") or ""
    markup = safe_mathml(tex) if tex else None
    if markup is None:
        translator.body.append(
            f'<span class="cvbib-math">{translator.encode(node.astext())}</span>'
        )
    else:
        translator.body.append(markup)
    raise nodes.SkipNode


def visit_math_latex(translator: Any, node: cvbib_math) -> None:
    tex = node.get("latex") or ""
    if tex:
        translator.body.append(r"\(" + tex + r"\)")
    else:
        translator.body.append(translator.encode(node.astext()))
    raise nodes.SkipNode


def visit_math_text(translator: Any, node: cvbib_math) -> None:
    translator.add_text(node.astext())
    raise nodes.SkipNode


def _depart(translator: Any, node: cvbib_math) -> None:
    """Never reached: every visitor skips the node's children."""


def setup_math(app: Any) -> None:
    """Register ``cvbib_math`` with a visitor per builder family.

    Its stylesheet is cvbib's ``cvbib.css`` (:func:`cvbib.extension.add_static_files`).
    """
    app.add_node(
        cvbib_math,
        override=True,
        html=(visit_math_html, _depart),
        latex=(visit_math_latex, _depart),
        text=(visit_math_text, _depart),
    )
