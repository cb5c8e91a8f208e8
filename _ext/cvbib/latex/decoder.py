"""One LaTeX decoder for every field, name and style: LaTeX (and HTML) to rich text.

BibTeX fields hold LaTeX written by people and by export tools: accents in
every form (DBLP's ``Mar{\\'{\\i}}a``), ``\\emph``, ``{\\em ..}``, ``$..$``
math, ``\\textsubscript``, mhchem's ``\\ce``, macros the file defines in its
``@preamble``, and, from Crossref and PubMed, HTML tags. :func:`decode` turns
such a string into pybtex rich text, so that every pybtex style (the ``cv``
style, ``plain``, ``alpha`` ...) and every backend shows formatting as
formatting and never a backslash; :func:`to_plain` gives the same decoding as
plain Unicode, for owner matching and plain-text outputs.

Why pylatexenc and not latexcodec (pybtex's own decoder): latexcodec is a
codec, a table of token sequences to characters. It cannot decode an accent
over a braced ``\\i`` (``\\'{\\i}``; its maintainers closed this as not
fixable in its design), knows nothing of formatting commands, math or macro
arguments, and leaves what it does not know as raw text. pylatexenc 2.11
parses LaTeX into a tree (groups, macros with their arguments, math,
comments), tolerantly: broken input still yields a tree. This module walks
that tree; pylatexenc's latex2text tables supply the Unicode of the symbol
macros it knows.

Decisions a reader may want to know:

* Brace groups become ``Protected`` text, as pybtex's own decoder makes them,
  so sentence-casing styles keep their case.
* Emphasis inside emphasis turns upright as in LaTeX: nested emphasis stays
  nested (``Tag("em", ..., Tag("em", ...))``); LaTeX's ``\\emph`` toggles by
  itself, and on the web ``cvbib.css`` sets ``em em`` upright. So an
  ``\\emph{in vivo}`` inside the CV style's italic title is upright.
* An unescaped ``%`` does not start a comment: a field is one line in
  BibTeX, and "50% faster" means fifty percent, so the text is kept.
* A preamble definition never replaces a macro this module knows (a
  preamble's ``\\def\\TeX`` is kerning for TeX, not a new meaning).
* An unknown macro keeps its arguments (``\\foo{bar}`` shows "bar"); an
  unknown macro without an argument shows its name without the backslash
  (``\\MFB`` shows "MFB"). Both are reported to :func:`collect_unknown`.
* Nothing here raises: whatever pylatexenc cannot parse is shown as text.

What each command means is in :mod:`cvbib.latex.tables`, math and mhchem in
:mod:`cvbib.latex.mathtext`, ``@preamble`` definitions in :mod:`cvbib.latex.preamble`,
and what the text goes through before parsing (HTML, verbatim arguments,
macro expansion) in :mod:`cvbib.latex.input`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from pybtex.richtext import BaseText, HRef, Protected, String, Tag, Text
from pylatexenc import latexwalker
from pylatexenc.macrospec import MacroSpec
from sphinx.util import logging

from ..text import Math, link_target, visible_text
from .context import (
    EMPTY_TABLE,
    MEMO_LIMIT,
    Decoding,
    active_decoding,
    active_table,
    collect_cuts,
    collect_unknown,
    decoding,
    macros_in_effect,
    report,
)
from .input import ExpansionCut, expand, html_to_latex, protect_verbatim
from .journals import JOURNAL_TEXT
from .mathsafe import COMMANDS, UnsafeMath, safe_tex
from .mathtext import chemistry, math_plain, math_source, math_unknown
from .preamble import MacroTable, read_preamble
from .tables import (
    ACCENTS,
    ARG_SPECS,
    DECLARATIONS,
    DIMENSION_MACROS,
    DROPPED,
    FORMATTING,
    HANDLED,
    LAST_ARGUMENT,
    MATH_ENVIRONMENTS,
    SPACING_ACCENTS,
    SPECIALS,
    SYMBOLS,
    UNDOTTED,
    known_symbol,
)

logger = logging.getLogger(__name__)

__all__ = [
    "Decoding",
    "ExpansionCut",
    "MacroTable",
    "collect_cuts",
    "collect_unknown",
    "decode",
    "decoding",
    "leftover_markup",
    "macros_in_effect",
    "read_preamble",
    "to_plain",
]

# ---------------------------------------------------------------------------
# Patterns (the tables of what commands mean are in cvbib.latex.tables)

_DIMENSION_RE = re.compile(
    r"^\s*[-+]?\s*(?:\d+\.?\d*|\.\d+)\s*(?:em|ex|pt|mu|sp|in|cm|mm|bp|pc|dd|cc)?\s*", re.ASCII
)
#: Strings without any of these need no parsing at all (the fast path).
_NEEDS_PARSING_RE = re.compile(r"[\\{}$~<&%]|--|''|``|[!?]`")


# ---------------------------------------------------------------------------
# pylatexenc set-up


def _spec(name: str, argspec: str) -> MacroSpec:
    return MacroSpec(name, argspec)


@lru_cache(maxsize=1)
def _base_specs() -> tuple[MacroSpec, ...]:
    return tuple(_spec(name, argspec) for name, argspec in ARG_SPECS.items())


@lru_cache(maxsize=16)
def _context(table: MacroTable) -> Any:
    """pylatexenc's parsing context: its defaults, this module's, the table's."""
    db = latexwalker.get_default_latex_context_db()
    db.add_context_category("cvbib", macros=list(_base_specs()), prepend=True)
    if table:
        specs = []
        for macro in table.macros:
            argspec = "{" * macro.nargs
            if macro.default is not None and macro.nargs:
                argspec = "[" + "{" * (macro.nargs - 1)
            specs.append(_spec(macro.name, argspec))
        db.add_context_category("cvbib-preamble", macros=specs, prepend=True)
    return db


def parse_latex(latex: str, table: MacroTable) -> list[Any]:
    """pylatexenc's node list for *latex*; never raises.

    pylatexenc's tolerant mode still raises its own error on some broken
    input: the text is then one run of characters. Any other exception is a
    bug in pylatexenc, counted as a fallback (see :func:`decode`) and logged.
    """
    try:
        walker = latexwalker.LatexWalker(
            latex, latex_context=_context(table), tolerant_parsing=True
        )
        nodes, _pos, _len = walker.get_latex_nodes(pos=0)
        return list(nodes)
    except latexwalker.LatexWalkerError:
        pass
    except Exception as error:  # a bug upstream must not cost an entry
        _fell_back(latex, error)
    return [latexwalker.LatexCharsNode(chars=latex, pos=0, len=len(latex))]


# ---------------------------------------------------------------------------
# The tree walk


class _Walker:
    """Turns one parsed field into rich text; collects the unknown macros met."""

    def __init__(self, verbatim: list[str], table: MacroTable = EMPTY_TABLE) -> None:
        self.verbatim = verbatim
        self.table = table
        #: The names of the preamble's macros.
        self.defined = frozenset(macro.name for macro in table.macros)
        self.unknown: set[str] = set()
        self.quote_depth = 0
        self.skip_dimension = False
        #: Whether the node being converted is followed by a brace group.
        self.group_follows = False

    # -- lists and nodes

    def convert_list(self, nodes: Sequence[Any]) -> list[BaseText]:
        out: list[BaseText] = []
        for index, node in enumerate(nodes):
            if (
                isinstance(node, latexwalker.LatexMacroNode)
                and node.macroname in DECLARATIONS
                and not _has_args(node)
            ):
                rest = self.convert_list(nodes[index + 1 :])
                wrapper = DECLARATIONS[node.macroname]
                out.append(wrapper(*rest) if wrapper is not None else Text(*rest))
                break
            following = nodes[index + 1] if index + 1 < len(nodes) else None
            self.group_follows = isinstance(following, latexwalker.LatexGroupNode)
            out.extend(self.convert(node))
        return out

    def convert(self, node: Any) -> list[BaseText]:
        if node is None:
            return []
        if isinstance(node, latexwalker.LatexCharsNode):
            chars = node.chars
            if self.skip_dimension:
                chars = _DIMENSION_RE.sub("", chars, count=1)
                self.skip_dimension = False
            return [String(chars)] if chars else []
        self.skip_dimension = False
        if isinstance(node, latexwalker.LatexGroupNode):
            parts = self.convert_list(node.nodelist)
            return [Protected(*parts)] if parts else []
        if isinstance(node, latexwalker.LatexCommentNode):
            # "50% faster": a field is one line, so the percent sign is text
            # and what follows it is decoded as the rest of the field
            rest = node.comment + (node.comment_post_space or "")
            return [String("%"), *self.convert_list(parse_latex(rest, self.table))]
        if isinstance(node, latexwalker.LatexSpecialsNode):
            return [String(SPECIALS.get(node.specials_chars, node.specials_chars))]
        if isinstance(node, latexwalker.LatexMathNode):
            return [self.math(node.nodelist, node.latex_verbatim(), node.delimiters)]
        if isinstance(node, latexwalker.LatexEnvironmentNode):
            if getattr(node, "environmentname", "") in MATH_ENVIRONMENTS:
                return [self.math(node.nodelist, None, None)]
            return self.convert_list(node.nodelist)
        if isinstance(node, latexwalker.LatexMacroNode):
            return self.macro(node)
        return []

    # -- macros

    def args(self, node: Any) -> list[Any]:
        return [a for a in (getattr(node.nodeargd, "argnlist", None) or [])]

    def arg_parts(self, arg: Any) -> list[BaseText]:
        if arg is None:
            return []
        if isinstance(arg, latexwalker.LatexGroupNode):
            return self.convert_list(arg.nodelist)
        return self.convert(arg)

    def arg_plain(self, arg: Any) -> str:
        return str(Text(*self.arg_parts(arg)))

    def last_arg(self, node: Any) -> Any:
        args = [a for a in self.args(node) if a is not None]
        return args[-1] if args else None

    def macro(self, node: Any) -> list[BaseText]:
        name: str = node.macroname
        post_space = node.macro_post_space or ""
        if name in ACCENTS:
            args = self.args(node)
            return [String(_accent(name, self.arg_plain(args[0]) if args else None))]
        if name in FORMATTING:
            if name == "ensuremath":
                arg = self.last_arg(node)
                nodes = arg.nodelist if isinstance(arg, latexwalker.LatexGroupNode) else [arg]
                return [self.math([n for n in nodes if n is not None], None, None)]
            arg = self.last_arg(node) if name in LAST_ARGUMENT else _first(self.args(node))
            parts = self.arg_parts(arg)
            if name in {"MakeUppercase", "uppercase"}:
                parts = [Text(*parts).upper()]
            elif name in {"MakeLowercase", "lowercase"}:
                parts = [Text(*parts).lower()]
            return [FORMATTING[name](*parts)] if parts else []
        if name in DROPPED:
            return []
        if name in HANDLED:
            return self.special_macro(name, node)
        if name in DIMENSION_MACROS:
            self_args = self.args(node)
            if not any(a is not None for a in self_args):
                self.skip_dimension = True
            return []
        if name in DECLARATIONS:  # with arguments parsed after it: no effect here
            return []
        symbol = SYMBOLS.get(name)
        if symbol is None:
            symbol = known_symbol(name)
        if symbol is not None:
            # A control word eats the space after it in TeX, but "\TeX users"
            # means "TeX users": a word (a logo) keeps the space, a letter
            # ("Stra\ss e") does not.
            if len(symbol) > 1 and symbol.isalnum():
                # a logo keeps its letters' case in sentence-casing styles
                return [Protected(symbol), String(" " if post_space else "")]
            return [String(symbol)] if symbol else []
        if name in self.defined:
            return []  # a preamble macro still there after the last round: recursive
        journal = JOURNAL_TEXT.get(name)
        if journal is not None:  # ADS's \apj, \prd (a @preamble's own was expanded)
            return [Protected(journal), String(" " if post_space else "")]
        # unknown: keep its arguments, or show its name if it has none
        self.unknown.add(name)
        kept: list[BaseText] = []
        for arg in self.args(node):
            kept.extend(self.arg_parts(arg))
        if kept or self.group_follows:
            return kept  # "\foo{bar}": the group that follows is its argument
        if not name.isalpha():
            return []
        return [String(name + (" " if post_space else ""))]

    def special_macro(self, name: str, node: Any) -> list[BaseText]:
        args = self.args(node)
        if name in {"enquote", "mkbibquote"}:
            arg = self.last_arg(node)
            self.quote_depth += 1
            try:
                inner = self.arg_parts(arg)
            finally:
                self.quote_depth -= 1
            open_, close = ("“", "”") if self.quote_depth % 2 == 0 else ("‘", "’")
            return [String(open_), *inner, String(close)]
        if name == "ce":
            return [chemistry(self.arg_plain(_first(args)))]
        if name in {"cvbibverb", "cvbibdoi", "cvbibtt", "cvbibhref"}:
            number = self.arg_plain(_first(args)).strip()
            raw = self.verbatim[int(number)] if number.isdigit() else number
            if name == "cvbibtt":
                return [Tag("tt", String(raw))]
            if name == "cvbibdoi":
                doi = raw.strip()
                return [_link("https://doi.org/" + doi, [String(doi)])]
            if name == "cvbibhref":
                label = self.arg_parts(args[1]) if len(args) > 1 else []
                return [_link(raw, label or [String(raw)])]
            return [_link(raw, [String(raw)])]
        # \url, \href... without a usable argument (malformed): show what there is
        parts: list[BaseText] = []
        for arg in args:
            parts.extend(self.arg_parts(arg))
        return parts

    # -- math

    def math(self, nodes: Sequence[Any], verbatim: str | None, delimiters: Any) -> BaseText:
        source = math_source(nodes, verbatim, delimiters).strip()
        if not source:
            return Text()
        plain = math_plain(nodes).strip() or _bare(source).strip()
        unknown = math_unknown(nodes) - COMMANDS
        if unknown:
            self.unknown.update(unknown)
        try:
            return Math(safe_tex(nodes, source), plain, source=source)
        except UnsafeMath as refused:
            # An unknown macro is reported as such (cvbib.unknown_macro); any
            # other refusal is the math's own problem (cvbib.unsafe_math).
            problem = None if unknown else str(refused)
            return Math("", plain, source=source, problem=problem)


def _has_args(node: Any) -> bool:
    argd = getattr(node, "nodeargd", None)
    return bool(argd and any(a is not None for a in (getattr(argd, "argnlist", None) or [])))


def _first(args: Sequence[Any]) -> Any:
    for arg in args:
        if arg is not None:
            return arg
    return None


def _accent(name: str, base: str | None) -> str:
    """*base* with the accent of ``\\name`` on its first letter, composed (NFC)."""
    if not base:
        return SPACING_ACCENTS.get(name, "")
    base = base.strip() or base
    first = base[0].translate(UNDOTTED)
    return unicodedata.normalize("NFC", first + ACCENTS[name] + base[1:])


def _link(url: str, label: list[BaseText]) -> BaseText:
    """A link for an http, https or mailto URL; any other URL is shown as text."""
    href = link_target(url)
    if href is None:
        return Text(*label)
    return HRef(href, *label)


# ---------------------------------------------------------------------------
# Public API


_Decoded = tuple[Text, frozenset[str], ExpansionCut | None]


def decode(latex: str) -> Text:
    """*latex* (a field, or a part of a name) as pybtex rich text. Never raises.

    Memoized per string and macro table within a build (:func:`cvbib.latex.context.decoding`):
    rich text is immutable, so one decoded ``Text`` serves every entry with the
    same journal, month or name.
    """
    if not isinstance(latex, str):
        latex = str(latex)
    table = active_table()
    state = active_decoding()
    if state is None:
        found = _decode_uncached(latex, table)
    else:
        key = (table.digest if table else "", latex)
        cached: _Decoded | None = state.memo.get(key)
        if cached is not None:
            found = cached
        else:
            found = _decode_uncached(latex, table)
            if len(state.memo) >= MEMO_LIMIT:
                state.memo.clear()
            state.memo[key] = found
    if found[1] or found[2] is not None:
        report(found[1], found[2])
    return found[0]


def _fell_back(latex: str, error: Exception) -> None:
    """Count a field shown bare after a decoder error, and say what it was at debug level."""
    state = active_decoding()
    if state is not None:
        state.fallbacks += 1
    logger.debug(
        "cvbib: the LaTeX decoder failed on %r (%r); shown as plain text", latex[:80], error
    )


def decode_parsed(latex: str, table: MacroTable = EMPTY_TABLE) -> Text:
    """*latex* decoded by the parser and the tree walk alone, without the fast path.

    What :func:`decode_simple` must agree with (a property test checks it).
    """
    walker = _Walker([], table)
    return Text(*walker.convert_list(parse_latex(latex, table)))


def _decode_uncached(latex: str, table: MacroTable) -> _Decoded:
    if not _NEEDS_PARSING_RE.search(latex):
        return Text(latex), frozenset(), None
    if not _NEEDS_PARSER_RE.search(latex):
        simple = decode_simple(latex, table)
        if simple is not None:
            return simple, frozenset(), None
    try:
        source = html_to_latex(latex)
        source, cut = expand(source, table, parse_latex)
        verbatim: list[str] = []
        source = protect_verbatim(source, verbatim)
        walker = _Walker(verbatim, table)
        parts = walker.convert_list(parse_latex(source, table))
        return Text(*parts), frozenset(walker.unknown), cut
    except Exception as error:  # a bug here must not cost an entry: show the text bare
        _fell_back(latex, error)
        return Text(_bare(latex).replace("$", "")), frozenset(), None


def _bare(latex: str) -> str:
    """*latex* without backslashes and braces: the last resort, readable and inert."""
    return re.sub(r"\\([A-Za-z]+|.)?", r"\1", latex, flags=re.DOTALL).translate(_NO_BRACES)


_NO_BRACES = str.maketrans("", "", "{}")


#: Markup the decoder would have consumed: a control sequence or a brace. (A
#: visible "$" is always an escaped dollar: every math delimiter becomes Math.)
_LEFTOVER_RE = re.compile(r"\\[A-Za-z]+|\\.|[{}]")


def leftover_markup(text: BaseText) -> str | None:
    """The first piece of LaTeX markup still visible in rendered *text* (math excluded)."""
    visible = visible_text(text)
    if "\\" not in visible and "{" not in visible and "}" not in visible:
        return None  # the usual answer, found without the regex (70 KB for 2,900 names)
    match = _LEFTOVER_RE.search(visible)
    return match.group(0) if match else None


#: What only the full parser handles; without these, braces, ligatures,
#: symbol macros and accents on a letter suffice (:func:`decode_simple`).
_NEEDS_PARSER_RE = re.compile(r"[$<&%]")
_SIMPLE_TOKEN_RE = re.compile(
    r"\\(?P<accent>['`^\"~=.])(?:\{(?P<a1>[A-Za-z])\}|\{\\(?P<a2>[ij])\}|\\(?P<a3>[ij])"
    r"(?![A-Za-z])\s*|(?P<a4>[A-Za-z]))"
    r"|\\(?P<waccent>[uvHckdbrtGUh])\{(?:(?P<w1>[A-Za-z])|\\(?P<w2>[ij]))\}"
    r"|\\(?P<word>[A-Za-z]+)(?P<space>\s*)"
    r"|\\(?P<symbol>[^A-Za-z\\])"
    r"|(?P<backslash>\\)"
    r"|(?P<brace>[{}])"
    r"|(?P<special>---|--|``|''|!`|\?`|~)"
    r"|(?P<text>[^\\{}~`'!?\-]+|.)",
    re.DOTALL,
)


def decode_simple(latex: str, table: MacroTable) -> Text | None:
    """Decode without the parser what needs no parser; None for anything else.

    Braces, ligatures, symbol macros without arguments (``\\TeX``, ``\\ss``,
    ``\\&``) and accents on one letter (``\\'e``, ``\\'{\\i}``, ``\\v{S}``) are
    most of the LaTeX in real bibliographies ("Making {Type 1} fonts",
    "Stra\\ss e", "Garc{\\'\\i}a"); the result is the one the parser gives (a
    test checks it). Anything else -- a macro with arguments, an unknown one,
    unbalanced braces -- is left to the parser.
    """
    stack: list[list[BaseText]] = [[]]
    for match in _SIMPLE_TOKEN_RE.finditer(latex):
        kind = match.lastgroup
        if kind in {"a1", "a2", "a3", "a4"}:
            base = match.group(kind)
            letter = SYMBOLS[base] if kind in {"a2", "a3"} else base
            stack[-1].append(String(_accent(match.group("accent"), letter)))
        elif kind in {"w1", "w2"}:
            base = match.group(kind)
            letter = SYMBOLS[base] if kind == "w2" else base
            stack[-1].append(String(_accent(match.group("waccent"), letter)))
        elif kind in {"word", "space", "symbol"}:
            name = match.group("word") or match.group("symbol")
            symbol = _simple_symbol(name, table)
            if symbol is None:
                return None
            if len(symbol) > 1 and symbol.isalnum():
                stack[-1].append(Protected(symbol))
                if match.group("space"):
                    stack[-1].append(String(" "))
            elif symbol:
                stack[-1].append(String(symbol))
        elif kind == "brace":
            if match.group(kind) == "{":
                stack.append([])
            elif len(stack) == 1:
                return None
            else:
                parts = stack.pop()
                if parts:
                    stack[-1].append(Protected(*parts))
        elif kind == "special":
            stack[-1].append(String(SPECIALS[match.group(kind)]))
        elif kind == "text":
            stack[-1].append(String(match.group(kind)))
        else:
            return None
    if len(stack) != 1:
        return None
    return Text(*stack[0])


def _simple_symbol(name: str, table: MacroTable) -> str | None:
    """The text of a macro that takes no argument, or None if the parser must decide."""
    if table and name in table.names:
        return None
    if name in _NOT_SIMPLE or _takes_arguments(name):
        return None
    symbol = SYMBOLS.get(name)
    if symbol is None:
        symbol = known_symbol(name)
    if symbol is None and name in JOURNAL_TEXT:
        return None  # the walk shows it (a space after it is its own)
    return symbol


#: Macros with a meaning beyond their text, which the walk handles.
_NOT_SIMPLE = frozenset(
    {*ACCENTS, *FORMATTING, *DROPPED, *HANDLED, *DIMENSION_MACROS, *DECLARATIONS}
)


@lru_cache(maxsize=4096)
def _takes_arguments(name: str) -> bool:
    """Whether pylatexenc reads arguments after ``\\name`` (then the parser decides)."""
    spec = _context(EMPTY_TABLE).get_macro_spec(name)
    argspec = getattr(getattr(spec, "args_parser", None), "argspec", "")
    return bool(argspec)


def to_plain(latex: str) -> str:
    """*latex* decoded to plain Unicode (math as its Unicode approximation)."""
    return str(decode(latex))
