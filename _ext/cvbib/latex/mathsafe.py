"""Math from an untrusted field, rewritten token by token through an allowlist.

A ``.bib`` file is pasted from coauthors and scrapers, and the site is built
on machines that hold secrets (Read the Docs' build environment). Math is the
one place where a field's text reaches an output as markup rather than as
escaped text, so it never goes there as written:

* :func:`safe_tex` re-writes the parsed math token by token. Only characters
  from :data:`MATH_CHARS`, the commands of :data:`SYMBOLS`,
  :data:`MATH_ARGUMENT`, :data:`TWO_ARGUMENTS`, :data:`TEXT_ARGUMENT` and
  :data:`DELIMITED` and brace groups are written; scripts always take a
  braced argument (``x^{2}``), so TeX's ``^^5c`` notation for a backslash
  cannot be spelled; ``\\left``/``\\right`` must pair, a script must have an
  argument, no atom gets two superscripts. Anything else raises
  :class:`UnsafeMath`, and the field's math is shown as its Unicode
  approximation (plain text, escaped by every writer) with a warning. The
  result is both what the PDF typesets and what the web page converts.
* The web page converts that same TeX to MathML and writes it through an
  element and attribute allowlist (:mod:`cvbib.render.mathml`).

Why a token allowlist and not a check of the written source: TeX reads ``^^5c`` as
a backslash and ``\\csname`` builds any name, so a check of the source misses
what TeX will execute; what is written token by token cannot hide a command.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pylatexenc import latexwalker

from .tables import VERBATIM_COMMANDS

__all__ = [
    "COMMANDS",
    "MAX_MATH_LENGTH",
    "UnsafeMath",
    "safe_tex",
]

#: Math longer than this (in characters of source) is shown as text: no
#: real title has it, and it bounds the work of both conversions.
MAX_MATH_LENGTH = 1000
#: Deeper nesting of groups and arguments is shown as text.
MAX_DEPTH = 24

#: Characters written as they are in math mode. No backslash, brace, ``^``,
#: ``_``, ``$``, ``%``, ``#``, ``&``, ``~`` or ``"``: those are TeX's own
#: syntax and are handled (or refused) as tokens.
MATH_CHARS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-=<>()[]|/.,;:!?'* "
)
#: Characters of ``\\text{..}`` besides letters and digits of any script.
TEXT_PUNCTUATION = frozenset(" .,;:!?'()[]/+-=*")
#: Escaped characters written as the same escape (``\\{``, ``\\%`` ...).
ESCAPED = frozenset("{}%#&$_|")


def _words(*texts: str) -> frozenset[str]:
    return frozenset(" ".join(texts).split())


_GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda "
    "mu nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega "
    "Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega"
)
_OPERATORS = (
    "pm mp times div cdot ast star circ bullet cap cup wedge vee land lor setminus oplus "
    "ominus otimes oslash odot dagger ddagger amalg uplus sqcap sqcup wr diamond "
    "bigtriangleup bigtriangledown triangleleft triangleright"
)
_RELATIONS = (
    "leq le geq ge neq ne equiv sim simeq approx cong propto prec succ preceq succeq ll gg "
    "subset supset subseteq supseteq sqsubseteq sqsupseteq in ni notin mid parallel perp "
    "models vdash dashv asymp doteq lesssim gtrsim leqslant geqslant approxeq ncong nleq "
    "ngeq subsetneq supsetneq smile frown bowtie not"
)
_ARROWS = (
    "to gets rightarrow leftarrow leftrightarrow Rightarrow Leftarrow Leftrightarrow "
    "mapsto longrightarrow longleftarrow longleftrightarrow Longrightarrow Longleftarrow "
    "Longleftrightarrow longmapsto uparrow downarrow updownarrow Uparrow Downarrow "
    "Updownarrow nearrow searrow swarrow nwarrow rightleftharpoons leftrightharpoons "
    "hookrightarrow hookleftarrow rightharpoonup rightharpoondown leftharpoonup "
    "leftharpoondown iff implies impliedby"
)
_MISC = (
    "infty partial nabla forall exists nexists emptyset varnothing neg lnot hbar hslash ell "
    "wp Re Im aleph beth prime angle triangle surd top bot ldots cdots vdots ddots dots "
    "colon backslash langle rangle lceil rceil lfloor rfloor lbrace rbrace vert Vert "
    "sharp flat natural clubsuit diamondsuit heartsuit spadesuit imath jmath checkmark "
    "square blacksquare lozenge complement mho circledast P S pounds dag ddag"
)
#: LaTeX 2.09's font switches, still in old bibliographies (``{\\cal O}(n)``,
#: ``{\\rm SO}(3)``); LaTeX2e's classes define them for math too.
_FONT_SWITCHES = "rm bf it sf tt cal"
_BIG_OPERATORS = (
    "sum prod coprod int iint iiint oint bigcup bigcap bigoplus bigotimes bigodot bigvee "
    "bigwedge bigsqcup biguplus"
)
_FUNCTIONS = (
    "sin cos tan cot sec csc arcsin arccos arctan sinh cosh tanh coth log ln lg exp lim "
    "liminf limsup max min sup inf det dim ker deg gcd Pr arg hom mod bmod"
)
#: Commands that take no argument: symbols, operators, functions and spaces.
SYMBOLS = _words(
    _GREEK,
    _OPERATORS,
    _RELATIONS,
    _ARROWS,
    _MISC,
    _BIG_OPERATORS,
    _FUNCTIONS,
    _FONT_SWITCHES,
    "quad qquad",
) | {",", ";", ":", "!", " "}
#: Commands whose one argument is math (fonts, accents, roots).
MATH_ARGUMENT = _words(
    "mathrm mathbf mathit mathsf mathtt mathcal mathbb mathfrak boldsymbol hat widehat bar "
    "overline underline vec tilde widetilde dot ddot check breve acute grave mathring "
    "overrightarrow overleftarrow overbrace underbrace sqrt operatorname pmod boxed"
)
#: Commands whose two arguments are math.
TWO_ARGUMENTS = _words("frac dfrac tfrac binom dbinom tbinom stackrel overset underset")
#: Commands whose one argument is text (``\\text{if}``).
TEXT_ARGUMENT = _words("text textrm textit textbf textsf texttt textnormal mbox")
#: Commands followed by a delimiter (``\\left(``, ``\\big|``).
DELIMITED = _words(
    "left right middle big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr Biggl Biggr"
)
#: What may follow :data:`DELIMITED`: characters and commands.
DELIMITER_CHARS = frozenset("()[]|/.<>")
DELIMITER_COMMANDS = _words(
    "langle rangle lceil rceil lfloor rfloor lbrace rbrace vert Vert backslash uparrow "
    "downarrow updownarrow Uparrow Downarrow Updownarrow { } |"
)
#: Commands with an optional first argument (``\\sqrt[3]{x}``).
OPTIONAL_ARGUMENT = frozenset({"sqrt"})


#: Commands that are spacing or a font switch, not an atom a script attaches to.
_NOT_ATOMS = _words(_FONT_SWITCHES, "quad qquad , ; : !") | {" "}


#: Every command :func:`safe_tex` may write.
COMMANDS = SYMBOLS | MATH_ARGUMENT | TWO_ARGUMENTS | TEXT_ARGUMENT | DELIMITED | DELIMITER_COMMANDS


class UnsafeMath(ValueError):
    """Math that is not written: the reason says what was refused, for the warning."""


@dataclass
class _Group:
    """What is written for one brace group, and the script state of its last atom."""

    out: list[str] = field(default_factory=list)
    has_base: bool = False
    sup: bool = False
    sub: bool = False
    lefts: int = 0

    def atom(self, text: str) -> None:
        self.out.append(text)
        self.has_base = True
        self.sup = self.sub = False


def safe_tex(nodes: Sequence[Any], source: str = "") -> str:
    """The math of *nodes* (pylatexenc's parse of ``$...$``) as TeX from the allowlist.

    Raises :class:`UnsafeMath` with the reason for anything else. *source*
    is the math as written, used only to refuse what is too long.
    """
    if len(source) > MAX_MATH_LENGTH:
        raise UnsafeMath(f"it is longer than {MAX_MATH_LENGTH} characters")
    # Only the space that ends a control word (or follows a letter) is
    # dropped at the end: "\\ " must keep its space, or it would escape
    # what follows the math.
    text = _TRAILING_SPACE.sub("", _write(_tokens(nodes), 0).lstrip())
    if not text:
        raise UnsafeMath("it is empty")
    return text


_TRAILING_SPACE = re.compile(r"(?<=[A-Za-z0-9)\]}]) +$")


def _tokens(nodes: Sequence[Any]) -> list[Any]:
    """The nodes with character runs split into single characters (as TeX reads them)."""
    tokens: list[Any] = []
    for node in nodes:
        if node is None:
            continue
        if isinstance(node, latexwalker.LatexCharsNode):
            tokens.extend(" " if char.isspace() else char for char in node.chars)
        elif isinstance(node, latexwalker.LatexSpecialsNode) and set(node.specials_chars) <= (
            MATH_CHARS
        ):
            tokens.extend(node.specials_chars)  # x'' (a quote ligature in text), a--b
        else:
            tokens.append(node)
    return tokens


def _write(tokens: list[Any], depth: int) -> str:
    if depth > MAX_DEPTH:
        raise UnsafeMath(f"it nests deeper than {MAX_DEPTH} groups")
    group = _Group()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if isinstance(token, str):
            index = _char(token, tokens, index, group, depth)
        elif isinstance(token, latexwalker.LatexGroupNode):
            group.atom("{" + _write(_tokens(token.nodelist), depth + 1) + "}")
        elif isinstance(token, latexwalker.LatexMacroNode):
            index = _macro(token, tokens, index, group, depth)
        elif isinstance(token, latexwalker.LatexSpecialsNode) and token.specials_chars == "~":
            group.out.append("~")
        else:
            raise UnsafeMath(f"'{_verbatim(token)}' is not math the CV can typeset")
    if group.lefts:
        raise UnsafeMath("a \\left has no matching \\right")
    return "".join(group.out)


def _char(char: str, tokens: list[Any], index: int, group: _Group, depth: int) -> int:
    if char in {"^", "_"}:
        if (char == "^" and group.sup) or (char == "_" and group.sub):
            raise UnsafeMath(f"an atom has two {'superscripts' if char == '^' else 'subscripts'}")
        argument, index = _script_argument(tokens, index, depth)
        group.out.append(f"{char}{{{argument}}}")
        if char == "^":
            group.sup = True
        else:
            group.sub = True
        return index
    if char == "'":
        if group.sup:
            raise UnsafeMath("a prime follows a superscript")
        group.out.append(char)
        return index
    if char not in MATH_CHARS:
        shown = char if char.isprintable() else f"U+{ord(char):04X}"
        raise UnsafeMath(f"the character '{shown}' is not one the CV typesets as math")
    if char == " ":
        group.out.append(" ")
    else:
        group.atom(char)
    return index


def _script_argument(tokens: list[Any], index: int, depth: int) -> tuple[str, int]:
    """The argument of ``^`` or ``_``: one character, command or group (spaces skipped).

    A group is returned without its braces (the caller writes them)."""
    while index < len(tokens) and _is_space(tokens[index]):
        index += 1
    if index >= len(tokens):
        raise UnsafeMath("a superscript or subscript has nothing after it")
    token = tokens[index]
    if isinstance(token, str):
        if token not in MATH_CHARS or token in {" ", "'"}:
            raise UnsafeMath(f"'{token}' cannot be a superscript or subscript")
        return token, index + 1
    if isinstance(token, latexwalker.LatexGroupNode):
        return _write(_tokens(token.nodelist), depth + 1), index + 1
    if isinstance(token, latexwalker.LatexMacroNode) and token.macroname in SYMBOLS:
        if _arguments(token):
            raise UnsafeMath(f"\\{token.macroname} takes no argument")
        return _command(token.macroname), index + 1
    raise UnsafeMath("a superscript or subscript needs braces around a command")


def _macro(node: Any, tokens: list[Any], index: int, group: _Group, depth: int) -> int:
    name: str = node.macroname
    arguments = _arguments(node)
    if name in ESCAPED and len(name) == 1:
        if name == "|":
            group.atom("\\|")
        else:
            group.atom("\\" + name)
        return index
    if name == "not" and len(arguments) == 1:  # \not= (pylatexenc reads "=" as its argument)
        negated, _end = _script_argument(_argument_tokens(arguments[0]), 0, depth)
        braced = getattr(arguments[0], "delimiters", None) == ("{", "}")
        group.atom(f"\\not{{{negated}}}" if braced else f"\\not{negated}")
        return index
    if name in SYMBOLS:
        _no_arguments(name, arguments)
        if name in _NOT_ATOMS:
            group.out.append(_command(name))
        else:
            group.atom(_command(name))
        return index
    if name in DELIMITED:
        _no_arguments(name, arguments)
        delimiter, index = _delimiter(name, tokens, index)
        if name == "left":
            group.lefts += 1
        elif name in {"right", "middle"}:
            if not group.lefts:
                raise UnsafeMath(f"\\{name} has no \\left before it in its group")
            if name == "right":
                group.lefts -= 1
        group.atom(f"\\{name}{delimiter}")
        return index
    if name in MATH_ARGUMENT or name in TWO_ARGUMENTS or name in TEXT_ARGUMENT:
        wanted = 2 if name in TWO_ARGUMENTS else 1
        optional = [a for a in arguments if _is_optional(a)]
        required = [a for a in arguments if not _is_optional(a)]
        # A command pylatexenc reads no arguments for takes what follows, as TeX does.
        while len(required) < wanted and not arguments:
            while index < len(tokens) and _is_space(tokens[index]):
                index += 1
            if index >= len(tokens) or not _can_be_argument(tokens[index]):
                break
            required.append(tokens[index])
            index += 1
        if optional and (name not in OPTIONAL_ARGUMENT or len(optional) > 1):
            raise UnsafeMath(f"\\{name} takes no optional argument")
        if len(required) != wanted:
            raise UnsafeMath(f"\\{name} needs {wanted} argument{'s' if wanted > 1 else ''}")
        written = _command(name).rstrip()
        for argument in optional:
            written += "[" + _write(_tokens(argument.nodelist), depth + 1) + "]"
        for argument in required:
            if name in TEXT_ARGUMENT:
                written += "{" + _text(argument, depth + 1) + "}"
            else:
                written += "{" + _write(_argument_tokens(argument), depth + 1) + "}"
        group.atom(written)
        return index
    shown = VERBATIM_COMMANDS.get(name, name)
    raise UnsafeMath(f"\\{shown} is not a math command the CV typesets")


def _can_be_argument(token: Any) -> bool:
    if isinstance(token, str):
        return token in MATH_CHARS and token not in {" ", "'"}
    if isinstance(token, latexwalker.LatexMacroNode):
        return token.macroname in SYMBOLS and not _arguments(token)
    return isinstance(token, latexwalker.LatexGroupNode)


def _delimiter(name: str, tokens: list[Any], index: int) -> tuple[str, int]:
    while index < len(tokens) and _is_space(tokens[index]):
        index += 1
    token = tokens[index] if index < len(tokens) else None
    if isinstance(token, str) and token in DELIMITER_CHARS:
        return token, index + 1
    if isinstance(token, latexwalker.LatexMacroNode) and token.macroname in DELIMITER_COMMANDS:
        if _arguments(token):
            raise UnsafeMath(f"\\{token.macroname} takes no argument")
        return "\\" + token.macroname + (" " if token.macroname.isalpha() else ""), index + 1
    raise UnsafeMath(f"\\{name} is not followed by a delimiter such as ( or \\langle")


def _text(argument: Any, depth: int) -> str:
    """The argument of ``\\text``: letters and digits of any script, spaces, punctuation."""
    out: list[str] = []
    for token in _argument_tokens(argument):
        if isinstance(token, str):
            if not (token in TEXT_PUNCTUATION or _is_letter_or_digit(token)):
                raise UnsafeMath(f"the character '{token}' is not one the CV typesets in \\text")
            out.append(token)
        elif isinstance(token, latexwalker.LatexMacroNode) and token.macroname in ESCAPED:
            if _arguments(token) or token.macroname == "|":
                raise UnsafeMath(f"\\{token.macroname} is not text")
            out.append("\\" + token.macroname)
        elif isinstance(token, latexwalker.LatexSpecialsNode) and token.specials_chars == "~":
            out.append("~")
        elif isinstance(token, latexwalker.LatexGroupNode) and depth < MAX_DEPTH:
            out.append("{" + _text(token, depth + 1) + "}")
        else:
            raise UnsafeMath(f"'{_verbatim(token)}' is not text the CV typesets in \\text")
    return "".join(out)


def _is_space(token: Any) -> bool:
    # pylatexenc's nodes compare only with nodes: test the type first.
    return isinstance(token, str) and token == " "


def _is_letter_or_digit(char: str) -> bool:
    return unicodedata.category(char)[0] in {"L", "N", "M"}


def _argument_tokens(argument: Any) -> list[Any]:
    if isinstance(argument, str):  # a character taken from the stream
        return [argument]
    if isinstance(argument, latexwalker.LatexGroupNode):
        return _tokens(argument.nodelist)
    return _tokens([argument])


def _arguments(node: Any) -> list[Any]:
    argd = getattr(node, "nodeargd", None)
    return [a for a in (getattr(argd, "argnlist", None) or []) if a is not None]


def _is_optional(argument: Any) -> bool:
    return isinstance(argument, latexwalker.LatexGroupNode) and argument.delimiters == ("[", "]")


def _no_arguments(name: str, arguments: list[Any]) -> None:
    if arguments:
        raise UnsafeMath(f"\\{name} takes no argument")


def _command(name: str) -> str:
    """``\\name`` with the space that ends a control word (``\\alpha x``, not ``\\alphax``)."""
    return f"\\{name} " if name.isalpha() else f"\\{name}"


def _verbatim(node: Any) -> str:
    try:
        text = str(node.latex_verbatim())
    except Exception:  # pylatexenc nodes of a broken parse may lack their source
        text = type(node).__name__
    return text if len(text) <= 40 else text[:39] + "…"
