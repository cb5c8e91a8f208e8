"""Rich text that pybtex lacks: math and small capitals.

pybtex's rich text (``Text``, ``Tag``, ``HRef``, ``Protected``) is
output-neutral: each backend (docutils, LaTeX, HTML, plain text, Markdown)
renders it its own way. Two things a bibliography field can hold have no
pybtex class:

* :class:`Math` -- ``$\\alpha$-helix``. It is one atom: case changes leave it
  alone (a sentence-casing style must not turn ``\\mathrm{Ca}`` into
  ``\\mathrm{ca}``), it is never split, and it counts as one character when a
  style slices text (as ``Symbol`` does), so ``capfirst`` cannot cut it.
  Rendered as a ``cvbib_math`` node for docutils (MathML on the web, TeX math
  in the PDF), as ``$...$`` for pybtex's own LaTeX backend, and as its
  Unicode approximation everywhere else; ``str()`` is the approximation.
* :class:`SmallCaps` -- ``\\textsc{...}``: a classed ``inline`` for docutils
  (``cvbib-smallcaps``, styled by ``cvbib.css`` and ``\\DUrole`` in LaTeX),
  ``\\textsc`` for pybtex's LaTeX backend, a styled ``<span>`` in HTML.

Both pickle (the formatted entries are kept in the Sphinx environment).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pybtex.richtext import BaseMultipartText, BaseText, HRef, Protected, String, Symbol, Text

__all__ = ["SMALLCAPS_CLASS", "Math", "SmallCaps", "compacted", "refused_math", "visible_text"]

#: The docutils class of small capitals (``_ext/cvbib/static/cvbib.css`` styles it).
SMALLCAPS_CLASS = "cvbib-smallcaps"


class Math(BaseText):
    """Inline math: the TeX every output uses, its Unicode approximation, and its source.

    *tex* is the math re-written through :func:`cvbib.latex.mathsafe.safe_tex`'s
    allowlist, or ``""`` when it was refused; then every output shows *plain*
    and *problem* says why (a ``cvbib.unsafe_math`` warning). *source* is the
    field's math as written, kept for messages only: no output writes it.
    """

    def __init__(
        self, tex: str, plain: str, *, source: str | None = None, problem: str | None = None
    ) -> None:
        self.latex = tex
        self.plain = plain
        self.source = source if source is not None else tex
        self.problem = problem
        self.info = (tex, plain)

    @property
    def tex_safe(self) -> bool:
        """Whether the math is typeset (MathML, TeX) rather than shown as text."""
        return bool(self.latex)

    def __repr__(self) -> str:
        return f"Math({self.latex!r}, {self.plain!r})"

    def __str__(self) -> str:
        return self.plain

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Math)
            and type(other) is type(self)
            and (other.latex, other.plain) == (self.latex, self.plain)
        )

    def __hash__(self) -> int:
        return hash(("Math", self.latex, self.plain))

    def __len__(self) -> int:
        return 1  # an atom, like pybtex's Symbol: slicing keeps or drops it whole

    def __contains__(self, item: object) -> bool:
        return isinstance(item, str) and item in self.plain

    def __getitem__(self, index: Any) -> BaseText:
        return self if "a"[index] else String()

    def split(self, sep: Any = None, keep_empty_parts: Any = None) -> list[BaseText]:
        return [self]

    def startswith(self, prefix: Any) -> bool:
        return False

    def endswith(self, suffix: Any) -> bool:
        return False

    def isalpha(self) -> bool:
        return False

    def lower(self) -> Math:
        return self

    def upper(self) -> Math:
        return self

    def capfirst(self) -> Math:
        return self

    def capitalize(self) -> Math:
        return self

    def _typeinfo(self) -> tuple[None, tuple[()]]:
        return None, ()  # never merged with a neighbour

    def render(self, backend: Any) -> Any:
        name = _backend_name(backend)
        if name == "docutils":
            from .nodes import make_math_node

            return [make_math_node(self.latex, self.plain)]
        if name == "latex" and self.tex_safe:
            return f"${self.latex}$"
        return backend.format_str(self.plain)


class SmallCaps(BaseMultipartText):
    """Text in small capitals."""

    def __repr__(self) -> str:
        return "SmallCaps({})".format(", ".join(repr(part) for part in self.parts))

    def render(self, backend: Any) -> Any:
        text = super().render(backend)
        name = _backend_name(backend)
        if name == "docutils":
            from docutils import nodes

            return [nodes.inline("", "", *text, classes=[SMALLCAPS_CLASS])]
        if name == "latex":
            return rf"\textsc{{{text}}}" if text else ""
        if name == "html":
            return f'<span style="font-variant: small-caps">{text}</span>' if text else ""
        return text


def _backend_name(backend: Any) -> str:
    """ "docutils", "latex", "html", "plaintext", "markdown": pybtex's own backends
    have no name attribute, so the name of their module says which one it is."""
    name = getattr(backend, "name", None)
    if isinstance(name, str):
        return name
    return type(backend).__module__.rsplit(".", 1)[-1]


def visible_text(text: BaseText) -> str:
    """The plain text a reader sees, with math left out.

    The leftover-markup check looks for ``\\`` and braces in what is
    shown; math legitimately holds braces in its approximation (a set), and a
    link shows its URL verbatim, so neither is part of the text checked.
    """
    return "".join(_visible_parts(text))


def refused_math(text: BaseText) -> Iterator[Math]:
    """The math in *text* that was refused (:attr:`Math.problem`), in order."""
    if isinstance(text, Math):
        if text.problem:
            yield text
        return
    parts = getattr(text, "parts", None)
    if isinstance(text, BaseMultipartText) and parts is not None:
        for part in parts:
            yield from refused_math(part)


def _visible_parts(text: BaseText) -> Iterator[str]:
    if isinstance(text, Math | HRef):
        return  # math has its own syntax; a link's label is its URL, verbatim
    if isinstance(text, Symbol):
        yield " "  # pybtex's "<newblock>", "<nbsp>": a space on every backend
        return
    parts = getattr(text, "parts", None)
    if isinstance(text, BaseMultipartText) and parts is not None:
        for part in parts:
            yield from _visible_parts(part)
    else:
        yield str(text)


#: pybtex's symbols as its docutils backend renders them (pybtex_docutils).
_DOCUTILS_SYMBOLS = {"ndash": "\N{EN DASH}", "newblock": " ", "nbsp": "\N{NO-BREAK SPACE}"}


def compacted(text: BaseText) -> BaseText:
    """*text* as the docutils backend renders it, in as few pieces as possible.

    A style's output is a tree of small pieces: a ``Protected`` group for every
    brace pair of the ``.bib`` file, a ``Symbol`` between blocks, a string per
    template field. Once formatting is done none of that matters (protection
    only guards against case changes), but each piece would become its own
    docutils node, and every post-transform, the HTML writer and the search
    indexer walk every node of a 5,000-entry page. Here protected groups are
    opened, symbols become the text the docutils backend gives them, and
    adjacent strings are merged (``Text`` merges them as it is built): the same
    rendering with about half the nodes.
    """
    if isinstance(text, Symbol):
        value = _DOCUTILS_SYMBOLS.get(text.name)
        return String(value) if value is not None else text
    if not isinstance(text, BaseMultipartText):
        return text
    parts: list[BaseText] = []
    pending: list[str] = []  # adjacent strings, joined when something else comes
    _open_into(parts, pending, text.parts)
    if pending:
        parts.append(String("".join(pending)))
    if type(text) in (Text, Protected):
        return Text(*parts)
    return text._create_similar(parts)


def _open_into(parts: list[BaseText], pending: list[str], children: list[BaseText]) -> None:
    """Append *children* to *parts*, opening plain groups and joining strings."""
    for child in children:
        kind = type(child)
        if kind is String:
            pending.append(child.value)
        elif kind is Text or kind is Protected:
            _open_into(parts, pending, child.parts)
        elif kind is Symbol and child.name in _DOCUTILS_SYMBOLS:
            pending.append(_DOCUTILS_SYMBOLS[child.name])
        else:
            if pending:
                parts.append(String("".join(pending)))
                pending.clear()
            parts.append(compacted(child))
