"""cvbib's LaTeX decoder: a reviewed table of inputs and what a reader must see.

Each expected value was written by hand from what LaTeX (or biblatex, or a
browser for HTML) shows for the input, not copied from the decoder's output.
"""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.richtext import HRef, Protected, String, Tag, Text

from cvbib.latex import (
    collect_unknown,
    decode,
    leftover_markup,
    macros_in_effect,
    read_preamble,
    to_plain,
)
from cvbib.text import Math, SmallCaps

NBSP = "\u00a0"

PLAIN = [
    # accents in every written form
    (r"Mar{\'{\i}}a Garc{\'{\i}}a", "María García"),
    (r"Anton{\'{\i}}n Dvo{\v{r}}{\'{a}}k", "Antonín Dvořák"),
    (r"\'\i \'i {\"{u}} \v{S}koda", "íí ü Škoda"),
    (r"{\L}\'od\'z \c{c}a \H{o} \k{a} \r{u} \u{g} \={o} \.{z} \d{s}", "Łódź ça ő ą ů ğ ō ż ṣ"),
    (r"\ss \o \O \aa \AA \ae \oe", "ßøØåÅæœ"),
    (r"Stra\ss e", "Straße"),
    # ligatures and escapes
    (r"a---b a--b ``q'' x~y", f"a—b a–b “q” x{NBSP}y"),
    (r"\& 50\% a\_b \# \$5 {-}", "& 50% a_b # $5 -"),
    (r"50% faster", "50% faster"),
    (r"50% of \'e", "50% of é"),
    # logos and little commands
    (r"\TeX\ and \LaTeX{} in \BibTeX, \LaTeXe", "TeX and LaTeX in BibTeX, LaTeX2ε"),
    (r"a\slash b \textendash\ \textemdash a\,b A\/B a\\b a\ b", "a/b – —a\u2009b AB a b a b"),
    # formatting keeps its text
    (
        r"\emph{Mixture} {\em of} \textit{in vivo} {\bf B} \textbf{C} \texttt{t} {\tt u}",
        "Mixture of in vivo B C t u",
    ),
    (r"H\textsubscript{2}O x\textsuperscript{th} \textsc{Sam} {\sc Sc}", "H2O xth Sam Sc"),
    (r"\enquote{a \enquote{b}} \mkbibquote{c}", "“a ‘b’” “c”"),
    # biblatex's "and following page(s)", as archaeologie-examples.bib writes them
    (r"9\psq, 98\psq\ Nr. 2176, 132\psqq", f"9{NBSP}sq., 98{NBSP}sq. Nr. 2176, 132{NBSP}sqq."),
    (r"\ce{H2O2} \ce{Ca^2+} \ce{SO4^2-} \ce{2H2O}", "H2O2 Ca2+ SO42− 2H2O"),
    # math: its Unicode approximation
    (r"$\alpha$-helix", "α-helix"),
    (r"$\mathrm{Ca}^{2+}$", "Ca²⁺"),
    (r"$10^{-3}$", "10⁻³"),
    (r"$\mathcal{O}(n^{2})$", "O(n²)"),
    (r"\(x_i\)", "xᵢ"),
    (r"$\frac{1}{2}$", "1/2"),
    # links
    (r"\url{https://example.org/~x%y}", "https://example.org/~x%y"),
    (r"\href{https://example.org}{the site}", "the site"),
    # HTML from Crossref and PubMed
    (
        r"<i>in vivo</i> H<sub>2</sub>O &amp; Ca<sup>2+</sup> <scp>nmr</scp>",
        "in vivo H2O & Ca2+ nmr",
    ),
    (
        r"<jats:italic>E. coli</jats:italic> <span class='x'>kept</span> <script>x</script>",
        "E. coli kept x",
    ),
    # unknown macros: arguments kept, never a backslash
    (r"\foo{bar} and \Baz end", "bar and Baz end"),
    # broken input still reads
    (r"Unbalanced {brace", "Unbalanced brace"),
    (r"lone \ backslash", "lone  backslash"),
    ("plain text, nothing to decode", "plain text, nothing to decode"),
]


@pytest.mark.parametrize(("latex", "expected"), PLAIN)
def test_plain_text(latex: str, expected: str) -> None:
    assert to_plain(latex) == expected


STRUCTURE = [
    (r"Mar{\'{\i}}a", Text("Mar", Protected("í"), "a")),
    (r"\emph{Mixture} of", Text(Tag("em", "Mixture"), " of")),
    (r"{\em a \emph{b}}", Text(Protected(Tag("em", "a ", Tag("em", "b"))))),
    (r"{\bf Bold}", Text(Protected(Tag("strong", "Bold")))),
    (r"{\tt x} \texttt{y}", Text(Protected(Tag("tt", "x")), " ", Tag("tt", "y"))),
    (r"\textsc{Sam}", Text(SmallCaps("Sam"))),
    (r"H\textsubscript{2}O", Text("H", Tag("sub", "2"), "O")),
    (r"x\textsuperscript{th}", Text("x", Tag("sup", "th"))),
    (r"\ce{Ca^{2+}}", Text("Ca", Tag("sup", "2+"))),
    (r"\itshape rest", Text(Tag("em", "rest"))),
    (r"<i>in vivo</i>", Text(Tag("em", "in vivo"))),
    (r"<b>B</b><sub>2</sub>", Text(Tag("strong", "B"), Tag("sub", "2"))),
    (r"<i>unclosed", Text("unclosed")),
    (r"\href{https://example.org}{site}", Text(HRef("https://example.org", "site"))),
    (r"\href{javascript:alert(1)}{bad}", Text("bad")),
    (r"\url{file:///etc/passwd}", Text("file:///etc/passwd")),
    (r"{\LaTeX}", Text(Protected(Protected("LaTeX")))),
]


@pytest.mark.parametrize(("latex", "expected"), STRUCTURE)
def test_rich_structure(latex: str, expected: Text) -> None:
    assert decode(latex) == expected


def test_math_is_one_atom_that_keeps_its_latex() -> None:
    text = decode(r"{$\pi$}-Tuning $\mathrm{Ca}^{2+}$")
    maths = [part for part in text.parts[0].parts if isinstance(part, Math)]
    assert maths == [Math(r"\pi", "π")]
    assert isinstance(text.parts[-1], Math)
    math = text.parts[-1]
    assert math.latex == r"\mathrm{Ca}^{2+}" and str(math) == "Ca²⁺" and math.tex_safe
    assert math.lower() is math and math.upper() is math and math.split() == [math]
    assert text.capitalize().parts[-1] == math
    assert pickle.loads(pickle.dumps(text)) == text


def test_math_with_an_unknown_command_is_not_sent_to_tex() -> None:
    text = decode(r"$\weird{x}$")
    assert isinstance(text.parts[0], Math) and not text.parts[0].tex_safe


def test_renders_in_every_pybtex_backend() -> None:
    text = decode(r"\emph{A} $\alpha$ \textsc{b} H\textsubscript{2}")
    assert text.render_as("text") == "A α b H2"
    assert text.render_as("html") == (
        '<em>A</em> α <span style="font-variant: small-caps">b</span> H<sub>2</sub>'
    )
    latex = text.render_as("latex")
    assert r"\emph{A}" in latex and r"$\alpha$" in latex and r"\textsc{b}" in latex
    assert "$" not in text.render_as("markdown")


def test_unknown_macros_are_collected_also_from_the_memo() -> None:
    with collect_unknown() as first:
        decode(r"\Unknownmacro{x}")
    with collect_unknown() as again:
        decode(r"\Unknownmacro{x}")
    assert first == again == {"Unknownmacro"}
    with collect_unknown() as none:
        decode(r"\emph{x} \TeX")
    assert none == set()


PREAMBLE = r"""
\ifx \undefined \booktitle \def \booktitle #1{{{\em #1}}} \fi
\newcommand{\mkname}[1]{\textsc{#1}}
\providecommand{\Loop}{\Loop x}
\newcommand\Opt[2][dflt]{#1-#2}
\def\TeX{T\kern-.1667em\lower.5ex\hbox{E}\kern-.125emX}
"""


def test_preamble_macros_are_expanded() -> None:
    table = read_preamble(PREAMBLE)
    assert [m.name for m in table.macros] == ["booktitle", "mkname", "Loop", "Opt"]
    assert table.digest == read_preamble(PREAMBLE).digest
    assert pickle.loads(pickle.dumps(table)) == table
    with macros_in_effect(table), collect_unknown() as unknown:
        assert decode(r"\booktitle{X}") == Text(Protected(Protected(Tag("em", "X"))))
        assert to_plain(r"\mkname{Knuth}, \Opt{b}, \Opt[a]{b}, \TeX") == "Knuth, dflt-b, a-b, TeX"
        assert "Loop" not in to_plain(r"A \Loop{} ends")  # stops, does not hang
    assert unknown == set()
    assert to_plain(r"\booktitle{X}") == "X"  # outside: an unknown macro, argument kept


@pytest.mark.parametrize(
    ("text", "leftover"),
    [
        (Text("clean ", Math(r"\{x\}", "{x}")), None),
        (Text("a \\relax b"), "\\relax"),
        (Text("brace { left"), "{"),
        (Text(HRef("https://x.org/{a}", "https://x.org/{a}")), None),
    ],
)
def test_leftover_markup(text: Text, leftover: str | None) -> None:
    assert leftover_markup(text) == leftover


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("\\{}$^_~%&#<>/'`-\"aeiAZ 019ijv=.,[]()*@"))))
def test_decode_never_raises(latex: str) -> None:
    # the alphabet cannot spell \textbackslash or a verbatim command: no backslash may show
    assert isinstance(decode(latex), Text)
    assert "\\" not in to_plain(latex)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_decode_never_raises_on_any_text(latex: str) -> None:
    assert isinstance(decode(latex), Text)
    assert isinstance(str(String(to_plain(latex))), str)


def _parsed(latex: str) -> Text:
    """The parser's answer, bypassing the fast path (for the equivalence test)."""
    from cvbib.latex.decoder import decode_parsed

    return decode_parsed(latex)


_PIECES = [
    "a",
    "Ab",
    " ",
    "{",
    "}",
    "-",
    "--",
    "---",
    "~",
    "``",
    "''",
    "'",
    "\\'",
    "\\'e",
    "\\'{e}",
    "\\'{\\i}",
    "\\'\\i",
    "\\'\\i ",
    '\\"{u}',
    "\\v{S}",
    "\\c{c}",
    "\\TeX",
    "\\TeX ",
    "\\LaTeX{}",
    "\\ss",
    "\\ss ",
    "\\o",
    "\\&",
    "\\_",
    "\\ ",
    "\\,",
    "\\alpha",
    "\\emph",
    "\\foo",
    "\\\\",
    "\\",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_the_fast_path_agrees_with_the_parser(latex: str) -> None:
    from cvbib.latex.decoder import EMPTY_TABLE, decode_simple

    simple = decode_simple(latex, EMPTY_TABLE)
    if simple is not None:
        assert simple == _parsed(latex), latex
