"""MathML for the web page, written through an element and attribute allowlist.

The TeX comes from :func:`cvbib.latex.mathsafe.safe_tex` (allowlisted
already); latex2mathml converts it to an element tree, and :func:`safe_mathml`
writes that tree itself: only the elements of :data:`MATHML_ELEMENTS`, only
the attributes of :data:`MATHML_ATTRIBUTES` whose values match their pattern,
every text escaped. latex2mathml's own ``convert`` returns its text
unescaped (``\\text{<img ...>}`` came out as a live element), and an
element outside the list makes the whole math fall back to its text.

Why not nh3/bleach: they clean HTML strings after the fact, with HTML
parsing rules that differ inside ``<math>`` (the mXSS class of bugs); here
the tree is at hand before it becomes a string, and writing only what the
allowlist names is a few lines.
"""

from __future__ import annotations

import html
import re
from xml.etree.ElementTree import Element

from ..latex.mathsafe import MAX_DEPTH

__all__ = ["MATHML_ATTRIBUTES", "MATHML_ELEMENTS", "safe_mathml"]

MATHML_NAMESPACE = "http://www.w3.org/1998/Math/MathML"

#: MathML Core's presentation elements that latex2mathml writes; nothing
#: that links (``href``), styles, or embeds (``annotation-xml``, ``semantics``).
MATHML_ELEMENTS = frozenset(
    {
        "math",
        "mrow",
        "mi",
        "mn",
        "mo",
        "ms",
        "mtext",
        "mspace",
        "msub",
        "msup",
        "msubsup",
        "mfrac",
        "msqrt",
        "mroot",
        "munder",
        "mover",
        "munderover",
        "mstyle",
        "mpadded",
        "mphantom",
        "menclose",
        "mtable",
        "mtr",
        "mtd",
        "mmultiscripts",
        "mprescripts",
        "none",
    }
)

_LENGTH = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:em|ex|px|pt|mu|%)?|0"
_BOOLEAN = r"true|false"
#: Attribute -> the pattern its whole value must match. No ``style``,
#: ``class``, ``href``, ``src``, ``on*``: an attribute not here is dropped.
MATHML_ATTRIBUTES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "display": r"inline|block",
        "mathvariant": r"normal|bold|italic|bold-italic|double-struck|bold-fraktur|script"
        r"|bold-script|fraktur|sans-serif|bold-sans-serif|sans-serif-italic"
        r"|sans-serif-bold-italic|monospace",
        "stretchy": _BOOLEAN,
        "fence": _BOOLEAN,
        "separator": _BOOLEAN,
        "accent": _BOOLEAN,
        "accentunder": _BOOLEAN,
        "movablelimits": _BOOLEAN,
        "largeop": _BOOLEAN,
        "symmetric": _BOOLEAN,
        "displaystyle": _BOOLEAN,
        "form": r"prefix|infix|postfix",
        "lspace": _LENGTH,
        "rspace": _LENGTH,
        "width": _LENGTH,
        "height": _LENGTH,
        "depth": _LENGTH,
        "voffset": _LENGTH,
        "minsize": _LENGTH,
        "maxsize": _LENGTH,
        "linethickness": _LENGTH,
        "scriptlevel": r"[+-]?\d",
        "notation": r"[a-z ]{1,40}",
        "columnalign": r"(?:left|center|right)(?: (?:left|center|right))*",
        "rowspacing": r"(?:" + _LENGTH + r")(?: (?:" + _LENGTH + r"))*",
        "columnspacing": r"(?:" + _LENGTH + r")(?: (?:" + _LENGTH + r"))*",
    }.items()
}


def safe_mathml(tex: str) -> str | None:
    """Inline MathML for *tex* (the output of :func:`safe_tex`), or None.

    None when latex2mathml cannot convert it or writes an element outside
    :data:`MATHML_ELEMENTS`: the caller shows the Unicode approximation.
    """
    try:
        from latex2mathml.converter import convert_to_element
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        root = convert_to_element(tex, display="inline")
    except Exception:  # latex2mathml raises many kinds of errors on what it does not know
        return None
    out: list[str] = []
    if not _element(root, out, 0):
        return None
    return "".join(out)


def _element(element: Element, out: list[str], depth: int) -> bool:
    tag = element.tag.rsplit("}", 1)[-1]
    if tag not in MATHML_ELEMENTS or depth > 4 * MAX_DEPTH:
        return False
    attributes = "".join(
        f' {name}="{html.escape(value, quote=True)}"'
        for name, value in element.attrib.items()
        if name in MATHML_ATTRIBUTES and MATHML_ATTRIBUTES[name].fullmatch(value)
    )
    if tag == "math":
        attributes = f' xmlns="{MATHML_NAMESPACE}"' + attributes
    out.append(f"<{tag}{attributes}>")
    out.append(_text_content(element.text))
    for child in element:
        if not _element(child, out, depth + 1):
            return False
        out.append(_text_content(child.tail))
    out.append(f"</{tag}>")
    return True


def _text_content(text: str | None) -> str:
    """Element text, escaped. latex2mathml writes symbols as character references
    (``&#x0211D;``) in the text itself, so they are decoded first; the math it
    came from holds no ``&`` of its own (:data:`MATH_CHARS`)."""
    if not text:
        return ""
    return html.escape(html.unescape(text), quote=False)
