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
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from pybtex.richtext import BaseText, HRef, Protected, String, Tag, Text
from pylatexenc import latexwalker
from pylatexenc.macrospec import MacroSpec

from .richtext import Math, SmallCaps, visible_text
from .urls import link_target

__all__ = [
    "MacroTable",
    "collect_unknown",
    "decode",
    "leftover_markup",
    "macros_in_effect",
    "read_preamble",
    "to_plain",
]

# ---------------------------------------------------------------------------
# Tables

NBSP = "\u00a0"
THIN_SPACE = "\u2009"

#: Accent macros and the combining character each puts on its argument.
ACCENTS: dict[str, str] = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "d": "\u0323",
    "b": "\u0331",
    "r": "\u030a",
    "t": "\u0361",
    "G": "\u030f",
    "U": "\u030e",
    "h": "\u0309",
}
#: An accent with nothing under it (``\\'{}``): the spacing form.
SPACING_ACCENTS: dict[str, str] = {
    "'": "\u00b4",
    "`": "`",
    "^": "^",
    '"': "\u00a8",
    "~": "~",
    "=": "\u00af",
    ".": "\u02d9",
    "u": "\u02d8",
    "v": "\u02c7",
    "H": "\u02dd",
    "c": "\u00b8",
    "k": "\u02db",
    "r": "\u02da",
}
#: Dotless letters take the accent in place of their dot.
_UNDOTTED = str.maketrans({"ı": "i", "ȷ": "j"})

#: Macros without arguments and the text they stand for. pylatexenc's
#: latex2text tables supply the rest (Greek letters, most text symbols).
SYMBOLS: dict[str, str] = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2ε",
    "LaTeXTeX": "(La)TeX",
    "BibTeX": "BibTeX",
    "BibLaTeX": "BibLaTeX",
    "biblatex": "biblatex",
    "AmSTeX": "AMS-TeX",
    "AMSTeX": "AMS-TeX",
    "AmSLaTeX": "AMS-LaTeX",
    "AMSLaTeX": "AMS-LaTeX",
    "AmS": "AMS",
    "AMS": "AMS",
    "ConTeXt": "ConTeXt",
    "XeTeX": "XeTeX",
    "XeLaTeX": "XeLaTeX",
    "LuaTeX": "LuaTeX",
    "LuaLaTeX": "LuaLaTeX",
    "pdfTeX": "pdfTeX",
    "pdfLaTeX": "pdfLaTeX",
    "eTeX": "ε-TeX",
    "SliTeX": "SLiTeX",
    "PiCTeX": "PiCTeX",
    "MF": "METAFONT",
    "METAFONT": "METAFONT",
    "MP": "MetaPost",
    "METAPOST": "MetaPost",
    "TUB": "TUGboat",
    "TUG": "TUG",
    # logos of TeX-world bibliographies (tugboat.def and friends)
    "AllTeX": "(La)TeX",
    "AMSTEX": "AMS-TeX",
    "LAMSTeX": "LAMS-TeX",
    "PS": "PostScript",
    "POSTSCRIPT": "PostScript",
    "PDF": "PDF",
    "XML": "XML",
    "HTML": "HTML",
    "CSS": "CSS",
    "CTAN": "CTAN",
    "DVI": "DVI",
    "GNU": "GNU",
    "WEB": "WEB",
    "VAX": "VAX",
    "Thanh": "Hàn Thế Thành",
    # biblatex punctuation commands
    "adddot": ".",
    "addperiod": ".",
    "addcomma": ",",
    "addcolon": ":",
    "addsemicolon": ";",
    "addspace": " ",
    "addnbspace": NBSP,
    "addthinspace": THIN_SPACE,
    "bibrangedash": "–",
    "isdot": "",
    "nopunct": "",
    "slash": "/",
    "hyphen": "-",
    "textendash": "–",
    "textemdash": "—",
    "emdash": "—",
    "endash": "–",
    "Dash": "—",
    "dash": "–",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textunderscore": "_",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "textquotesingle": "'",
    "textquotedbl": '"',
    "quotedblbase": "„",
    "quotesinglbase": "‚",
    "glqq": "„",
    "grqq": "“",
    "glq": "‚",
    "grq": "‘",
    "flqq": "«",
    "frqq": "»",
    "flq": "‹",
    "frq": "›",
    "guillemotleft": "«",
    "guillemotright": "»",
    "guilsinglleft": "‹",
    "guilsinglright": "›",
    "textellipsis": "…",
    "ldots": "…",
    "dots": "…",
    "textbullet": "•",
    "textperiodcentered": "·",
    "textdegree": "°",
    "textregistered": "®",
    "texttrademark": "™",
    "textcopyright": "©",
    "copyright": "©",
    "textsection": "§",
    "S": "§",
    "textparagraph": "¶",
    "P": "¶",
    "pounds": "£",
    "textsterling": "£",
    "euro": "€",
    "texteuro": "€",
    "textdollar": "$",
    "textdagger": "†",
    "textdaggerdbl": "‡",
    "dag": "†",
    "ddag": "‡",
    "textmu": "µ",
    "textohm": "Ω",
    "textpm": "±",
    "texttimes": "×",
    "textminus": "−",
    "i": "ı",
    "j": "ȷ",
    "l": "ł",
    "L": "Ł",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "ss": "ß",
    "SS": "SS",
    "dh": "ð",
    "DH": "Ð",
    "dj": "đ",
    "DJ": "Đ",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "&": "&",
    "%": "%",
    "_": "_",
    "#": "#",
    "$": "$",
    "{": "{",
    "}": "}",
    " ": " ",
    ",": THIN_SPACE,
    ";": " ",
    ":": " ",
    "!": "",
    "/": "",
    "-": "",
    "@": "",
    "\\": " ",
    "newline": " ",
    "linebreak": " ",
    "par": " ",
    "quad": " ",
    "qquad": " ",
    "enspace": " ",
    "thinspace": THIN_SPACE,
    "space": " ",
    "nobreakspace": NBSP,
    "nobreak": "",
    "allowbreak": "",
    "break": " ",
    "relax": "",
    "protect": "",
    "null": "",
    "unskip": "",
    "ignorespaces": "",
    "noindent": "",
    "sloppy": "",
    "bibnamedash": "———",
    "mbox": "",
    "hbox": "",
    "leavevmode": "",
    "xspace": "",
    "hfill": " ",
    "hfil": " ",
    "smallskip": " ",
    "medskip": " ",
    "bigskip": " ",
    "today": "",
    "textvisiblespace": "␣",
    "textordfeminine": "ª",
    "textordmasculine": "º",
    "textexclamdown": "¡",
    "textquestiondown": "¿",
    "textcent": "¢",
    "textyen": "¥",
    "textnumero": "№",
    "textonehalf": "½",
    "textonequarter": "¼",
    "textthreequarters": "¾",
    "textsuperscripttwo": "²",
    "checkmark": "✓",
}

#: Macros whose following dimension ("-.1667em") is typesetting, not text.
DIMENSION_MACROS = frozenset(
    {"kern", "hskip", "vskip", "mkern", "mskip", "lower", "raise", "hspace", "vspace", "penalty"}
)

#: Formatting commands of one argument: the rich text each wraps its argument in.
TextWrapper = Callable[..., BaseText]
_EM: TextWrapper = lambda *parts: Tag("em", *parts)  # noqa: E731
_STRONG: TextWrapper = lambda *parts: Tag("strong", *parts)  # noqa: E731
_TT: TextWrapper = lambda *parts: Tag("tt", *parts)  # noqa: E731
_SUP: TextWrapper = lambda *parts: Tag("sup", *parts)  # noqa: E731
_SUB: TextWrapper = lambda *parts: Tag("sub", *parts)  # noqa: E731
_PLAIN: TextWrapper = lambda *parts: Text(*parts)  # noqa: E731

FORMATTING: dict[str, TextWrapper] = {
    "emph": _EM,
    "textit": _EM,
    "textsl": _EM,
    "mkbibemph": _EM,
    "mkbibitalic": _EM,
    "textbf": _STRONG,
    "mkbibbold": _STRONG,
    "texttt": _TT,
    "textsc": SmallCaps,
    "textsmallcaps": SmallCaps,
    "mkbibsuperscript": _SUP,
    "textsuperscript": _SUP,
    "textsubscript": _SUB,
    "mkbibsubscript": _SUB,
    "textrm": _PLAIN,
    "textsf": _PLAIN,
    "textup": _PLAIN,
    "textmd": _PLAIN,
    "textnormal": _PLAIN,
    "mbox": _PLAIN,
    "hbox": _PLAIN,
    "makebox": _PLAIN,
    "fbox": _PLAIN,
    "text": _PLAIN,
    "NoCaseChange": _PLAIN,
    "nocorr": _PLAIN,
    "ensuremath": _PLAIN,  # handled as math below; listed for its argument spec
    "MakeUppercase": _PLAIN,
    "MakeLowercase": _PLAIN,
    "uppercase": _PLAIN,
    "lowercase": _PLAIN,
    "textcolor": _PLAIN,
    "colorbox": _PLAIN,
    "underline": _PLAIN,
    "uline": _PLAIN,
    "foreignlanguage": _PLAIN,
    "textlatin": _PLAIN,
    "textgreek": _PLAIN,
    "textcyrillic": _PLAIN,
    "raisebox": _PLAIN,
    "smash": _PLAIN,
    "llap": _PLAIN,
    "rlap": _PLAIN,
}
#: Commands whose argument is not text to show.
DROPPED = frozenset(
    {
        "footnote",
        "thanks",
        "cite",
        "citep",
        "citet",
        "nocite",
        "label",
        "ref",
        "pageref",
        "index",
        "hyphenation",
        "phantom",
        "vspace",
        "hspace",
        "hphantom",
        "vphantom",
        "color",
        "selectlanguage",
        "noopsort",
        "sortnoop",
        "SortNoop",
        "nosort",
        "bibsortkey",
        "IfFileExists",
        "input",
        "include",
        "usepackage",
    }
)
#: Declarations (``{\\em ..}``) and what they apply to the rest of their group.
DECLARATIONS: dict[str, TextWrapper | None] = {
    "em": _EM,
    "it": _EM,
    "itshape": _EM,
    "sl": _EM,
    "slshape": _EM,
    "bf": _STRONG,
    "bfseries": _STRONG,
    "tt": _TT,
    "ttfamily": _TT,
    "sc": SmallCaps,
    "scshape": SmallCaps,
    "rm": None,
    "sf": None,
    "normalfont": None,
    "upshape": None,
    "mdseries": None,
    "rmfamily": None,
    "sffamily": None,
    "tiny": None,
    "scriptsize": None,
    "footnotesize": None,
    "small": None,
    "normalsize": None,
    "large": None,
    "Large": None,
    "LARGE": None,
    "huge": None,
    "Huge": None,
    "boldmath": None,
    "unboldmath": None,
    "frenchspacing": None,
    "nonfrenchspacing": None,
    "raggedright": None,
    "centering": None,
}
#: Argument specifications (pylatexenc's ``argspec``) of the macros handled here
#: that pylatexenc's default table lacks or reads differently.
ARG_SPECS: dict[str, str] = {
    **dict.fromkeys(FORMATTING, "{"),
    **dict.fromkeys(ACCENTS, "{"),
    **dict.fromkeys(DROPPED, "{"),
    "footnote": "[{",
    "cite": "*[[{",
    "citep": "*[[{",
    "citet": "*[[{",
    "textcolor": "[{{",
    "colorbox": "[{{",
    "color": "[{",
    "foreignlanguage": "[{{",
    "selectlanguage": "{",
    "raisebox": "{[[{",
    "makebox": "[[{",
    "hspace": "*{",
    "vspace": "*{",
    "enquote": "*{",
    "mkbibquote": "{",
    "ce": "{",
    "IfFileExists": "{{{",
    "cvbibverb": "{",
    "cvbibhref": "{{",
    "cvbibdoi": "{",
    "cvbibtt": "{",
    "\\": "*[",
}
#: Commands whose LAST argument is shown (the others are options, colours, ...).
_LAST_ARGUMENT = frozenset({"textcolor", "colorbox", "foreignlanguage", "raisebox", "makebox"})

#: Math commands TeX knows without extra packages beyond those Sphinx loads
#: (amsmath, amssymb), on top of pylatexenc's symbol table.
MATH_COMMANDS = frozenset(
    {
        "frac",
        "dfrac",
        "tfrac",
        "sqrt",
        "mathrm",
        "mathbf",
        "mathit",
        "mathsf",
        "mathtt",
        "mathcal",
        "mathbb",
        "mathfrak",
        "boldsymbol",
        "operatorname",
        "text",
        "textrm",
        "textit",
        "textbf",
        "mbox",
        "left",
        "right",
        "big",
        "Big",
        "bigl",
        "bigr",
        "Bigl",
        "Bigr",
        "bigg",
        "Bigg",
        "log",
        "ln",
        "exp",
        "sin",
        "cos",
        "tan",
        "min",
        "max",
        "lim",
        "sup",
        "inf",
        "det",
        "dim",
        "ker",
        "deg",
        "gcd",
        "Pr",
        "arg",
        "hat",
        "bar",
        "tilde",
        "vec",
        "dot",
        "ddot",
        "overline",
        "underline",
        "widehat",
        "widetilde",
        "prime",
        "cdot",
        "cdots",
        "ldots",
        "dots",
        "infty",
        "ell",
        "emptyset",
        "varnothing",
        "quad",
        "qquad",
        ",",
        ";",
        ":",
        "!",
        " ",
        "{",
        "}",
        "|",
        "lbrace",
        "rbrace",
        "langle",
        "rangle",
        "lfloor",
        "rfloor",
        "lceil",
        "rceil",
        "binom",
        "pmod",
        "bmod",
        "mod",
        "top",
        "bot",
        "star",
        "ast",
        "circ",
        "bullet",
        # old-style font switches, valid in math
        "rm",
        "bf",
        "it",
        "sf",
        "tt",
        "cal",
        "hbox",
        "phantom",
        "hphantom",
        "llap",
        "rlap",
    }
)
_MATH_FONTS: dict[str, Callable[[str], str]] = {
    "mathbb": lambda s: s.translate(str.maketrans("RNZQCPHE", "ℝℕℤℚℂℙℍ𝔼")),
}
_MATH_TEXT = frozenset(
    {
        "mathrm",
        "mathbf",
        "mathit",
        "mathsf",
        "mathtt",
        "mathcal",
        "mathfrak",
        "boldsymbol",
        "operatorname",
        "text",
        "textrm",
        "textit",
        "textbf",
        "mbox",
        "hat",
        "bar",
        "tilde",
        "vec",
        "dot",
        "ddot",
        "overline",
        "underline",
        "widehat",
        "widetilde",
        "ensuremath",
    }
)
_MATH_SKIP = frozenset(
    {"left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr", "bigg", "Bigg", "displaystyle"}
)
_SUPERSCRIPTS = str.maketrans("0123456789+-=()niN−", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᴺ⁻")
_SUBSCRIPTS = str.maketrans(
    "0123456789+-=()aehijklmnoprstuvx−", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ₋"
)

#: HTML tags from Crossref / PubMed titles and the LaTeX they stand for.
HTML_TAGS: dict[str, str] = {
    "i": "emph",
    "em": "emph",
    "italic": "emph",
    "jats:italic": "emph",
    "b": "textbf",
    "strong": "textbf",
    "bold": "textbf",
    "jats:bold": "textbf",
    "sub": "textsubscript",
    "inf": "textsubscript",
    "jats:sub": "textsubscript",
    "sup": "textsuperscript",
    "jats:sup": "textsuperscript",
    "scp": "textsc",
    "sc": "textsc",
    "jats:sc": "textsc",
    "tt": "texttt",
    "code": "texttt",
    "jats:monospace": "texttt",
}
_HTML_TAG_RE = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*)?(/?)>")
_HTML_ENTITY_RE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
_TEX_SPECIAL_ESCAPES = {c: "\\" + c for c in "%$#&_{}"} | {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_VERBATIM_RE = re.compile(
    r"\\(url|path|verb|doi|nolinkurl)\s*(?:\{([^{}]*)\}|([^\sA-Za-z{])(.*?)\3)", re.DOTALL
)
_VERBATIM_COMMANDS = {"doi": "cvbibdoi", "path": "cvbibtt", "verb": "cvbibtt"}
_HREF_RE = re.compile(r"\\href\s*\{([^{}]*)\}")
_DIMENSION_RE = re.compile(
    r"^\s*[-+]?\s*(?:\d+\.?\d*|\.\d+)\s*(?:em|ex|pt|mu|sp|in|cm|mm|bp|pc|dd|cc)?\s*", re.ASCII
)
#: Strings without any of these need no parsing at all (the fast path).
_NEEDS_PARSING_RE = re.compile(r"[\\{}$~<&%]|--|''|``|[!?]`")

#: Expansion of preamble macros stops after this many rounds (a recursive
#: definition must not hang the build) or once the text grows past this factor.
MAX_EXPANSION_ROUNDS = 12
MAX_EXPANSION_GROWTH = 20


# ---------------------------------------------------------------------------
# Preamble macros


@dataclass(frozen=True)
class Macro:
    """One definition from a ``@preamble``: ``\\name`` with ``nargs`` arguments."""

    name: str
    nargs: int
    default: str | None  # the optional first argument's default, if any
    body: str


@dataclass(frozen=True)
class MacroTable:
    """The macros a bibliography defines, in definition order (the last one wins)."""

    macros: tuple[Macro, ...] = ()

    @cached_property
    def digest(self) -> str:
        """A stable digest of the definitions, for cache keys."""
        text = "\x1e".join(f"{m.name}\x1f{m.nargs}\x1f{m.default}\x1f{m.body}" for m in self.macros)
        return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()

    def by_name(self) -> dict[str, Macro]:
        return {macro.name: macro for macro in self.macros}

    def __bool__(self) -> bool:
        return bool(self.macros)


_DEF_RE = re.compile(r"\\[egx]?def\s*\\([A-Za-z@]+)\s*((?:#\d\s*)*)\{")
_NEWCOMMAND_RE = re.compile(
    r"\\(?:renewcommand|newcommand|providecommand|DeclareRobustCommand)\s*\*?\s*"
    r"(?:\{\s*\\(?P<braced>[A-Za-z@]+)\s*\}|\\(?P<bare>[A-Za-z@]+))"
    r"\s*(?:\[\s*(?P<nargs>\d)\s*\])?\s*(?:\[(?P<default>[^\]]*)\])?\s*\{"
)


def _braced(text: str, start: int) -> tuple[str, int] | None:
    """The text inside the brace group that opens at ``text[start - 1]``, and its end."""
    depth = 1
    index = start
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[start:index], index + 1
        index += 1
    return None


def read_preamble(text: str) -> MacroTable:
    """The macro definitions in *text* (the ``@preamble`` strings of a bib file).

    Understands ``\\def\\X#1#2{..}``, ``\\newcommand``, ``\\renewcommand``,
    ``\\providecommand`` (with ``[n]`` arguments and an optional default) and
    Beebe's guards ``\\ifx\\undefined\\X \\def\\X..\\fi``. A definition of a
    macro that this module already knows is ignored when it is guarded or
    made with ``\\providecommand`` (the file only supplies it for TeX
    installations that lack it), and also otherwise: redefinitions of
    standard macros in preambles are typesetting details (kerning), not a
    different meaning. Anything else in *text* (``\\input``,
    ``\\hyphenation``) is ignored.
    """
    macros: list[Macro] = []
    for match in _DEF_RE.finditer(text):
        body = _braced(text, match.end())
        if body is None:
            continue
        nargs = len(re.findall(r"#\d", match.group(2)))
        macros.append(Macro(match.group(1), nargs, None, body[0]))
    for match in _NEWCOMMAND_RE.finditer(text):
        body = _braced(text, match.end())
        if body is None:
            continue
        name = match.group("braced") or match.group("bare")
        nargs = int(match.group("nargs") or 0)
        default = match.group("default") if nargs else None
        macros.append(Macro(name, nargs, default, body[0]))
    # in file order, so that a later definition wins
    positions = {id(m): text.find("\\" + m.name) for m in macros}
    macros.sort(key=lambda m: positions[id(m)])
    kept = [m for m in macros if not _is_standard(m.name)]
    return MacroTable(tuple(kept))


def _is_standard(name: str) -> bool:
    """Whether this module decodes ``\\name`` on its own."""
    return (
        name in SYMBOLS
        or name in FORMATTING
        or name in DECLARATIONS
        or name in ACCENTS
        or name in DROPPED
        or name in _HANDLED
        or _l2t_symbol(name) is not None
    )


# ---------------------------------------------------------------------------
# Context: the macros in effect, the collectors of unknown macros

_EMPTY_TABLE = MacroTable()
_active_table: list[MacroTable] = [_EMPTY_TABLE]
_collectors: list[set[str]] = []


@contextmanager
def macros_in_effect(table: MacroTable | None) -> Iterator[None]:
    """Make :func:`decode` and :func:`to_plain` expand the macros of *table*."""
    _active_table.append(table or _EMPTY_TABLE)
    try:
        yield
    finally:
        _active_table.pop()


@contextmanager
def collect_unknown() -> Iterator[set[str]]:
    """Yield a set that receives the name of every unknown macro decoded inside."""
    names: set[str] = set()
    _collectors.append(names)
    try:
        yield names
    finally:
        _collectors.remove(names)


def _report_unknown(names: frozenset[str]) -> None:
    for collector in _collectors:
        collector.update(names)


# ---------------------------------------------------------------------------
# pylatexenc set-up


@lru_cache(maxsize=1)
def _l2t_db() -> Any:
    from pylatexenc import latex2text

    return latex2text.get_default_latex_context_db()


@lru_cache(maxsize=4096)
def _l2t_symbol(name: str) -> str | None:
    """The Unicode pylatexenc's latex2text gives a macro without arguments, if any."""
    spec = _l2t_db().get_macro_spec(name)
    repl = getattr(spec, "simplify_repl", None)
    if isinstance(repl, str) and "%" not in repl and repl.strip():
        return repl
    return None


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


def _parse(latex: str, table: MacroTable) -> list[Any]:
    """pylatexenc's node list for *latex*; never raises."""
    try:
        walker = latexwalker.LatexWalker(
            latex, latex_context=_context(table), tolerant_parsing=True
        )
        nodes, _pos, _len = walker.get_latex_nodes(pos=0)
        return list(nodes)
    except Exception:
        return [latexwalker.LatexCharsNode(chars=latex, pos=0, len=len(latex))]


# ---------------------------------------------------------------------------
# Pre-passes: HTML, verbatim arguments, macro expansion


def _html_to_latex(text: str) -> str:
    """Crossref/PubMed HTML tags as LaTeX commands, other tags dropped, entities decoded.

    A known tag becomes its LaTeX command only where its opening and closing
    tags pair up; an unpaired one is dropped, as is every other tag (its text
    is kept). Nothing of the markup is shown or executed.
    """
    if "<" in text:
        matches = list(_HTML_TAG_RE.finditer(text))
        paired: dict[int, str] = {}
        stack: list[tuple[str, int]] = []
        for index, match in enumerate(matches):
            name = match.group(2).lower()
            if name not in HTML_TAGS or match.group(3):
                continue
            if not match.group(1):
                stack.append((name, index))
            elif stack and stack[-1][0] == name:
                _name, opened = stack.pop()
                paired[opened] = "\\" + HTML_TAGS[name] + "{"
                paired[index] = "}"
        pieces: list[str] = []
        last = 0
        for index, match in enumerate(matches):
            pieces.append(text[last : match.start()])
            pieces.append(paired.get(index, ""))
            last = match.end()
        pieces.append(text[last:])
        text = "".join(pieces)
    if "&" in text:
        text = _HTML_ENTITY_RE.sub(_entity, text)
    return text


def _entity(match: re.Match[str]) -> str:
    char = html.unescape(match.group(0))
    if char == match.group(0):
        return char
    return "".join(_TEX_SPECIAL_ESCAPES.get(c, c) for c in char)


def _protect_verbatim(text: str, verbatim: list[str]) -> str:
    """Replace ``\\url{..}``, ``\\path|..|``, ``\\verb``, ``\\doi`` and ``\\href``'s URL.

    Their arguments are verbatim in LaTeX (``%``, ``~``, ``#`` are characters),
    so they are taken out before parsing and referred to by number.
    """

    def verb(match: re.Match[str]) -> str:
        verbatim.append(match.group(2) if match.group(2) is not None else match.group(4))
        command = _VERBATIM_COMMANDS.get(match.group(1), "cvbibverb")
        return f"\\{command}{{{len(verbatim) - 1}}}"

    def href(match: re.Match[str]) -> str:
        verbatim.append(match.group(1))
        return f"\\cvbibhref{{{len(verbatim) - 1}}}"

    if "\\href" in text:
        text = _HREF_RE.sub(href, text)
    return _VERBATIM_RE.sub(verb, text)


def _expand(latex: str, table: MacroTable) -> str:
    """*latex* with the table's macros expanded, outermost first, round by round."""
    if not table or "\\" not in latex:
        return latex
    by_name = table.by_name()
    limit = len(latex) * MAX_EXPANSION_GROWTH + 1000
    for _round in range(MAX_EXPANSION_ROUNDS):
        if not any("\\" + name in latex for name in by_name):
            break
        replacements: list[tuple[int, int, str]] = []
        _find_macros(_parse(latex, table), by_name, latex, replacements)
        if not replacements:
            break
        for start, end, text in sorted(replacements, reverse=True):
            latex = latex[:start] + text + latex[end:]
        if len(latex) > limit:
            break
    return latex


def _find_macros(
    nodes: Sequence[Any], by_name: dict[str, Macro], source: str, out: list[tuple[int, int, str]]
) -> None:
    for node in nodes:
        if node is None:
            continue
        if isinstance(node, latexwalker.LatexMacroNode) and node.macroname in by_name:
            macro = by_name[node.macroname]
            args = list(getattr(node.nodeargd, "argnlist", None) or [])
            values: list[str] = []
            for index in range(macro.nargs):
                arg = args[index] if index < len(args) else None
                if arg is None:
                    values.append(macro.default if index == 0 and macro.default else "")
                elif isinstance(arg, latexwalker.LatexGroupNode):
                    values.append(source[arg.pos + 1 : arg.pos + arg.len - 1])
                else:
                    values.append(source[arg.pos : arg.pos + arg.len])
            body = _substitute(macro.body, values)
            # a body ending in a control word must not run into a following letter
            end = node.pos + node.len
            if re.search(r"\\[A-Za-z]+$", body) and source[end : end + 1].isalpha():
                body += " "
            out.append((node.pos, end, body))
            continue
        for child in _children(node):
            _find_macros(child, by_name, source, out)


def _substitute(body: str, values: list[str]) -> str:
    """*body* with ``#1``... replaced by *values* and ``##`` by ``#``."""

    def one(match: re.Match[str]) -> str:
        if match.group(0) == "##":
            return "#"
        number = int(match.group(1))
        return values[number - 1] if 0 < number <= len(values) else ""

    return re.sub(r"##|#(\d)", one, body)


def _children(node: Any) -> Iterator[Sequence[Any]]:
    nodelist = getattr(node, "nodelist", None)
    if nodelist:
        yield nodelist
    argd = getattr(node, "nodeargd", None)
    if argd is not None:
        yield [arg for arg in (getattr(argd, "argnlist", None) or []) if arg is not None]


# ---------------------------------------------------------------------------
# The tree walk

_HANDLED = frozenset(
    {
        "enquote",
        "mkbibquote",
        "ce",
        "cvbibverb",
        "cvbibtt",
        "cvbibhref",
        "cvbibdoi",
        "ensuremath",
        "url",
        "href",
        "path",
        "verb",
        "doi",
    }
)


class _Walker:
    """Turns one parsed field into rich text; collects the unknown macros met."""

    def __init__(self, verbatim: list[str], table: MacroTable = _EMPTY_TABLE) -> None:
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
            return [String("%"), *self.convert_list(_parse(rest, self.table))]
        if isinstance(node, latexwalker.LatexSpecialsNode):
            return [String(_SPECIALS.get(node.specials_chars, node.specials_chars))]
        if isinstance(node, latexwalker.LatexMathNode):
            return [self.math(node.nodelist, node.latex_verbatim(), node.delimiters)]
        if isinstance(node, latexwalker.LatexEnvironmentNode):
            if getattr(node, "environmentname", "") in _MATH_ENVIRONMENTS:
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
            arg = self.last_arg(node) if name in _LAST_ARGUMENT else _first(self.args(node))
            parts = self.arg_parts(arg)
            if name in {"MakeUppercase", "uppercase"}:
                parts = [Text(*parts).upper()]
            elif name in {"MakeLowercase", "lowercase"}:
                parts = [Text(*parts).lower()]
            return [FORMATTING[name](*parts)] if parts else []
        if name in DROPPED:
            return []
        if name in _HANDLED:
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
            symbol = _l2t_symbol(name)
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
        latex = _math_source(nodes, verbatim, delimiters)
        plain = _math_plain(nodes).strip()
        unknown = _math_unknown(nodes)
        tex_safe = not unknown and _balanced(latex) and not re.search(r"[#%&]|\\\\", latex)
        if unknown:
            self.unknown.update(unknown)
        if not latex.strip():
            return Text()
        return Math(latex.strip(), plain or _bare(latex).strip(), tex_safe)


_SPECIALS = {
    "~": NBSP,
    "--": "–",
    "---": "—",
    "``": "“",
    "''": "”",
    "!`": "¡",
    "?`": "¿",
    "&": "&",
}
_MATH_ENVIRONMENTS = frozenset({"equation", "equation*", "math", "displaymath"})


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
    first = base[0].translate(_UNDOTTED)
    return unicodedata.normalize("NFC", first + ACCENTS[name] + base[1:])


def _link(url: str, label: list[BaseText]) -> BaseText:
    """A link for an http, https or mailto URL; any other URL is shown as text."""
    href = link_target(url)
    if href is None:
        return Text(*label)
    return HRef(href, *label)


# ---------------------------------------------------------------------------
# Math


def _math_source(nodes: Sequence[Any], verbatim: str | None, delimiters: Any) -> str:
    if verbatim is not None and delimiters:
        opening, closing = delimiters
        if verbatim.startswith(opening) and verbatim.endswith(closing):
            return verbatim[len(opening) : len(verbatim) - len(closing)]
    return "".join(node.latex_verbatim() for node in nodes if node is not None)


def _balanced(latex: str) -> bool:
    depth = 0
    index = 0
    while index < len(latex):
        char = latex[index]
        if char == "\\":
            index += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
        index += 1
    return depth == 0


def _math_unknown(nodes: Sequence[Any]) -> set[str]:
    unknown: set[str] = set()
    for node in nodes:
        if node is None:
            continue
        if isinstance(node, latexwalker.LatexMacroNode):
            name = node.macroname
            if name not in MATH_COMMANDS and name not in SYMBOLS and _l2t_symbol(name) is None:
                unknown.add(name)
        for child in _children(node):
            unknown |= _math_unknown(child)
    return unknown


def _math_plain(nodes: Sequence[Any]) -> str:
    """The Unicode approximation of math: symbols, Unicode super- and subscripts."""
    tokens: list[str | tuple[str]] = []  # text, or a ("^",) / ("_",) marker
    for node in nodes:
        if node is None:
            continue
        if isinstance(node, latexwalker.LatexCharsNode):
            for piece in re.split(r"([\^_])", node.chars):
                if piece in {"^", "_"}:
                    tokens.append((piece,))
                elif piece:
                    tokens.append(piece)
        else:
            tokens.append(_math_node_plain(node))
    out: list[str] = []
    pending: str | None = None
    for token in tokens:
        if isinstance(token, tuple):
            pending = token[0]
            continue
        if pending is None:
            out.append(token.replace("\x00", ""))
            continue
        script, rest = token, ""
        if not _is_group_text(token):
            stripped = token.lstrip()
            script, rest = stripped[:1], stripped[1:]
        out.append(_script(pending, script) + rest)
        pending = None
    return "".join(out)


def _is_group_text(token: str) -> bool:
    return token.startswith("\x00")


def _math_node_plain(node: Any) -> str:
    """One non-character math node as text; groups are marked so a script takes them whole."""
    if isinstance(node, latexwalker.LatexGroupNode):
        return "\x00" + _math_plain(node.nodelist)
    if isinstance(node, latexwalker.LatexSpecialsNode):
        return " " if node.specials_chars == "~" else node.specials_chars
    if isinstance(node, latexwalker.LatexMacroNode):
        name = node.macroname
        args = [a for a in (getattr(node.nodeargd, "argnlist", None) or []) if a is not None]
        arg_texts = [_math_plain([a]).replace("\x00", "") for a in args]
        if name in {"frac", "dfrac", "tfrac", "binom"} and len(arg_texts) >= 2:
            return "\x00" + f"{_wrap(arg_texts[0])}/{_wrap(arg_texts[1])}"
        if name == "sqrt":
            return "\x00√" + _wrap(arg_texts[-1] if arg_texts else "")
        if name in _MATH_FONTS:
            return "\x00" + _MATH_FONTS[name]("".join(arg_texts))
        if name in _MATH_TEXT:
            return "\x00" + "".join(arg_texts)
        if name in _MATH_SKIP:
            return ""
        symbol = SYMBOLS.get(name)
        if symbol is None:
            symbol = _l2t_symbol(name)
        if symbol is not None:
            return symbol + "".join(arg_texts)
        if name in MATH_COMMANDS:
            return name + "".join(arg_texts)
        return (name if name.isalpha() else "") + "".join(arg_texts)
    if isinstance(node, latexwalker.LatexMathNode):
        return _math_plain(node.nodelist)
    nodelist = getattr(node, "nodelist", None)
    return _math_plain(nodelist) if nodelist else ""


def _wrap(text: str) -> str:
    return text if len(text) <= 1 or text.isalnum() else f"({text})"


def _script(kind: str, text: str) -> str:
    text = text.replace("\x00", "")
    table = _SUPERSCRIPTS if kind == "^" else _SUBSCRIPTS
    mapped = text.translate(table)
    if text and all(ch != mapped_ch for ch, mapped_ch in zip(text, mapped, strict=True)):
        return mapped
    if len(text) == 1:
        return kind + text
    return f"{kind}({text})"


# ---------------------------------------------------------------------------
# mhchem

_CE_TOKEN_RE = re.compile(
    r"(?P<arrow><=>|<->|->|<-)"
    r"|\^\{(?P<supb>[^{}]*)\}|\^(?P<sup>[0-9]*[+\-]|[0-9]+)"
    r"|_\{(?P<subb>[^{}]*)\}|_(?P<sub>[0-9]+)"
    r"|(?P<lead>(?:(?<=^)|(?<=\s))[0-9]+(?:/[0-9]+)?)"
    r"|(?P<count>(?<=[A-Za-z)\]])[0-9]+)"
    r"|(?P<charge>(?<=[A-Za-z0-9)\]])[+\-](?=\s|$|\)))"
    r"|(?P<text>.)",
    re.DOTALL,
)
_ARROWS = {"->": " → ", "<-": " ← ", "<=>": " ⇌ ", "<->": " ↔ "}


def chemistry(formula: str) -> BaseText:
    """mhchem's ``\\ce{..}``: element counts as subscripts, charges as superscripts.

    ``H2O2`` -> H₂O₂, ``Ca^2+`` and ``Ca^{2+}`` -> Ca²⁺, ``SO4^2-`` -> SO₄²⁻, a
    leading number (``2H2O``) stays a coefficient, arrows become arrows.
    """
    parts: list[BaseText] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            parts.append(String("".join(text)))
            text.clear()

    for match in _CE_TOKEN_RE.finditer(formula):
        kind = match.lastgroup
        value = match.group(kind or "text")
        if kind == "arrow":
            text.append(_ARROWS[value])
        elif kind in {"supb", "sup", "charge"}:
            flush()
            parts.append(Tag("sup", String(value.replace("-", "−"))))
        elif kind in {"subb", "sub", "count"}:
            flush()
            parts.append(Tag("sub", String(value)))
        else:
            text.append(value)
    flush()
    return Text(*parts)


# ---------------------------------------------------------------------------
# Public API


_MEMO: dict[tuple[str, str], tuple[Text, frozenset[str]]] = {}
_MEMO_LIMIT = 200_000


def decode(latex: str) -> Text:
    """*latex* (a field, or a part of a name) as pybtex rich text. Never raises.

    Memoized per string and macro table: rich text is immutable, so one
    decoded ``Text`` serves every entry with the same journal, month or name.
    """
    if not isinstance(latex, str):
        latex = str(latex)
    table = _active_table[-1]
    key = (table.digest if table else "", latex)
    found = _MEMO.get(key)
    if found is None:
        found = _decode_uncached(latex, table)
        if len(_MEMO) >= _MEMO_LIMIT:
            _MEMO.clear()
        _MEMO[key] = found
    if found[1] and _collectors:
        _report_unknown(found[1])
    return found[0]


def _decode_uncached(latex: str, table: MacroTable) -> tuple[Text, frozenset[str]]:
    if not _NEEDS_PARSING_RE.search(latex):
        return Text(latex), frozenset()
    if not _NEEDS_PARSER_RE.search(latex):
        simple = _decode_simple(latex)
        if simple is not None:
            return simple, frozenset()
    try:
        source = _html_to_latex(latex)
        source = _expand(source, table)
        verbatim: list[str] = []
        source = _protect_verbatim(source, verbatim)
        walker = _Walker(verbatim, table)
        parts = walker.convert_list(_parse(source, table))
        return Text(*parts), frozenset(walker.unknown)
    except Exception:  # a bug here must not cost an entry: show the text bare
        return Text(_bare(latex).replace("$", "")), frozenset()


def _bare(latex: str) -> str:
    """*latex* without backslashes and braces: the last resort, readable and inert."""
    return re.sub(r"\\([A-Za-z]+|.)?", r"\1", latex, flags=re.DOTALL).translate(_NO_BRACES)


_NO_BRACES = str.maketrans("", "", "{}")


#: Markup the decoder would have consumed: a control sequence or a brace. (A
#: visible "$" is always an escaped dollar: every math delimiter becomes Math.)
_LEFTOVER_RE = re.compile(r"\\[A-Za-z]+|\\.|[{}]")


def leftover_markup(text: BaseText) -> str | None:
    """The first piece of LaTeX markup still visible in rendered *text* (math excluded)."""
    match = _LEFTOVER_RE.search(visible_text(text))
    return match.group(0) if match else None


#: What only the full parser handles; without these, braces and ligatures suffice.
_NEEDS_PARSER_RE = re.compile(r"[\\$<&%]")
_SIMPLE_TOKEN_RE = re.compile(r"(\{|\}|---|--|``|''|!`|\?`|~)")


def _decode_simple(latex: str) -> Text | None:
    """Braces and ligatures only ("Making {Type 1} fonts", "284--288"): no parser needed.

    Half the strings of a real bibliography are like this; the result is the
    one the parser would give. None for unbalanced braces (the parser's job).
    """
    stack: list[list[BaseText]] = [[]]
    for token in _SIMPLE_TOKEN_RE.split(latex):
        if not token:
            continue
        if token == "{":
            stack.append([])
        elif token == "}":
            if len(stack) == 1:
                return None
            parts = stack.pop()
            if parts:
                stack[-1].append(Protected(*parts))
        else:
            stack[-1].append(String(_SPECIALS.get(token, token)))
    if len(stack) != 1:
        return None
    return Text(*stack[0])


def to_plain(latex: str) -> str:
    """*latex* decoded to plain Unicode (math as its Unicode approximation)."""
    return str(decode(latex))
