"""A hostile or careless ``.bib`` cannot hang the build: budgets, limits and linear scans.

Each attack class of the security issue has a test that asserts on outcomes,
never on time: the typed warning (its subtype, the file, line, entry and field
it names), the size of what was made, the entry still on the page, or, for a
scan that used to take time in the square of its input, the result for an
input so large that the old scan ran for minutes (each finishes here in a
fraction of a second) and, where the work can be counted, the work. Benign
input -- every test root's ``.bib``, a 3,000-author collaboration paper, a
long abstract -- passes untouched and without a new warning.
"""

from __future__ import annotations

import bisect
import re
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cvbib_roots import ROOTS, copy_root, finished
from hypothesis import given, settings
from hypothesis import strategies as st

from cvbib.bib import BibProblem, clean_name, read_bibfiles, split_names, strip_extra_and
from cvbib.bib.positions import NAME_RE, LineIndex, next_command_start
from cvbib.latex import (
    collect_cuts,
    decode,
    macros_in_effect,
    preamble,
    read_preamble,
    to_plain,
)
from cvbib.latex.decoder import parse_latex
from cvbib.latex.input import expand, protect_verbatim
from cvbib.limits import MAX_EXPANSION_ADDED, MAX_EXPANSION_PARSES, MAX_VALUE_LENGTH, macro_budget
from cvbib.settings import CvbibConfig
from cvbib.style import FormatCache, MarkedStyle, format_entries, register_styles

BUDGET_SUBTYPES = {"field_too_long", "macro_budget", "preamble_budget"}


def read(tmp_path: Path, text: str) -> tuple[Any, list[BibProblem]]:
    path = tmp_path / "refs.bib"
    path.write_text(text, "utf-8")
    data, _files, problems = read_bibfiles([path])
    return data, problems


def doubling(levels: int) -> str:
    """``@string{a1 = a0 # a0}`` ... *levels* deep: 2 ** (levels + 1) characters unbounded."""
    lines = ['@string{a0 = "ab"}']
    lines += [f"@string{{a{i} = a{i - 1} # a{i - 1}}}" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


# --- @string concatenation ---------------------------------------------------------


def test_string_doubling_stops_at_the_budget_and_names_where(tmp_path: Path) -> None:
    text = doubling(40) + "@misc{late, title = {Late} # a40, year = 2020}\n"
    data, problems = read(tmp_path, text)  # 2 ** 41 characters before: MemoryError
    spent = [p for p in problems if p.subtype == "macro_budget"]
    assert len(spent) == 1
    assert spent[0].message.startswith("@string 'a")
    assert "became empty or shorter text (entry 'late' (line 42), field 'title'" in spent[0].message
    assert f"{macro_budget(len(text)):,}" in spent[0].message
    assert spent[0].line is not None and spent[0].key is None
    cut = [p for p in problems if p.subtype == "field_too_long"]
    assert cut and all("limit of 1,000,000" in p.message for p in cut)
    assert cut[0].message.startswith("@string 'a19' (line 20)")
    # the entry is read, its value bounded, the uses after the budget empty
    assert str(data.entries["late"].fields["title"]) == "Late"


def test_string_budget_bounds_all_values_of_a_file(tmp_path: Path) -> None:
    uses = "".join(f"@misc{{k{i}, title = a18, year = 2020}}\n" for i in range(40))
    text = doubling(18) + uses
    data, problems = read(tmp_path, text)
    total = sum(len(str(entry.fields.get("title", ""))) for entry in data.entries.values())
    assert total <= macro_budget(len(text))  # 21 million characters unbounded
    assert len(data.entries) == 40  # every entry is still read
    assert [p.subtype for p in problems] == ["macro_budget"]
    assert "entry 'k" in problems[0].message and problems[0].key is not None


def test_a_long_macro_used_in_a_few_entries_is_within_budget(tmp_path: Path) -> None:
    authors = " and ".join(f"Family{i}, Given{i}" for i in range(3000))
    uses = "".join(f"@article{{p{i}, author = atlas, year = 2020}}\n" for i in range(30))
    data, problems = read(tmp_path, f'@string{{atlas = "{authors}"}}\n{uses}')
    assert problems == []
    assert all(len(entry.persons["author"]) == 3000 for entry in data.entries.values())


# --- one long field ----------------------------------------------------------------


def test_a_field_over_the_limit_is_cut_and_reported(tmp_path: Path) -> None:
    long = "x" * (MAX_VALUE_LENGTH + 12345)
    text = (
        f"@article{{big,\n  title = {{Big}},\n  abstract = {{{long}}},\n"
        f'  note = "{long}" # {{!}},\n  year = 2020,\n}}\n'
    )
    data, problems = read(tmp_path, text)
    fields = data.entries["big"].fields
    assert len(fields["abstract"]) == len(fields["note"]) == MAX_VALUE_LENGTH
    assert fields["title"] == "Big" and fields["year"] == "2020"
    assert [(p.subtype, p.line, p.key) for p in problems] == [
        ("field_too_long", 3, "big"),
        ("field_too_long", 4, "big"),
    ]
    abstract = problems[0].message
    assert abstract.startswith("entry 'big' (line 1): field 'abstract' is 1,012,345 characters")
    assert "limit of 1,000,000" in abstract and "the entry is shown" in abstract


def test_a_long_preamble_is_cut_too(tmp_path: Path) -> None:
    data, problems = read(tmp_path, '@preamble{"' + "y" * (MAX_VALUE_LENGTH + 1) + '"}')
    assert [p.subtype for p in problems] == ["field_too_long"]
    assert problems[0].message.startswith("@preamble (line 1): the @preamble is 1,000,001")
    assert len(data.preamble_list[0]) == MAX_VALUE_LENGTH


# --- @preamble macros: bodies times uses -------------------------------------------


def test_preamble_bodies_times_uses_stop_at_the_budget() -> None:
    body = r"\emph{x}\,y" * 500  # 6,000 characters
    table = read_preamble(rf"\def\zz{{{body}}}")
    field = r"\zz" * 2000  # before: 20 times its length, 120 KB, parsed round after round
    parsed: list[int] = []

    def counting_parse(latex: str, table: Any) -> list[Any]:
        parsed.append(len(latex))
        return parse_latex(latex, table)

    expanded, cut = expand(field, table, counting_parse)
    assert cut is not None and cut.macro == "zz" and cut.uses == 2000
    assert len(expanded) <= len(field) + MAX_EXPANSION_ADDED
    assert sum(parsed) <= MAX_EXPANSION_PARSES * (len(field) + MAX_EXPANSION_ADDED)
    with macros_in_effect(table), collect_cuts() as cuts:
        shown = to_plain(field)
        to_plain(field)  # from the memo: reported again
    assert len(shown) <= MAX_EXPANSION_ADDED and "zz" not in shown
    assert len(cuts) == 2 and "would add more than 1,000 characters" in cuts[0].message()
    assert "(at \\zz)" in cuts[0].message() and "2,000 macro uses left" in cuts[0].message()


def test_macros_that_expand_to_each_other_parse_a_field_a_few_times() -> None:
    chain = "".join(rf"\def\m{chr(97 + i)}{{\m{chr(98 + i)}}}" for i in range(11))
    table = read_preamble(chain + r"\def\ml{z}")
    field = r"\ma " * 3000
    parsed: list[int] = []

    def counting_parse(latex: str, table: Any) -> list[Any]:
        parsed.append(len(latex))
        return parse_latex(latex, table)

    _expanded, cut = expand(field, table, counting_parse)
    assert cut is not None and cut.macro == ""  # the parsing budget, not the size
    assert sum(parsed) <= MAX_EXPANSION_PARSES * (len(field) + MAX_EXPANSION_ADDED)
    assert "expand to one another too many times" in cut.message()


def test_real_preamble_macros_are_expanded_as_before() -> None:
    table = read_preamble(
        r"\ifx \undefined \booktitle \def \booktitle #1{{{\em #1}}} \fi"
        r"\def\TUB{TUGboat}\def\Dash{\unskip\nobreak\thinspace---\thinspace\ignorespaces}"
        r"\providecommand{\Loop}{\Loop x}"
    )
    with macros_in_effect(table), collect_cuts() as cuts:
        assert to_plain(r"\booktitle{Proc. X}, \TUB\ 12\Dash{}3") == "Proc. X, TUGboat 12—3"
        assert "Loop" not in to_plain(r"A \Loop{} ends")  # rounds, not a budget
    assert cuts == []


# --- quadratic scans become linear -------------------------------------------------


def test_a_run_of_glued_marks_is_read_in_one_pass() -> None:
    stars = "*" * 200_000  # before: the expression tried each star, minutes
    assert clean_name(f"Zhang{stars}x, Kaiyan") == (f"Zhang{stars}x, Kaiyan", ())
    assert clean_name(f"Zhang{stars}, Kaiyan") == ("Zhang, Kaiyan", ("equal",))


@settings(max_examples=500)
@given(st.text(alphabet="ab *†∗,\t", max_size=14))
def test_glued_marks_match_as_the_plain_expression_did(name: str) -> None:
    plain = re.compile(r"(?<=\S)([*∗†]+)(?=\s*(?:,|$))")
    from cvbib.bib import quirks

    assert [m.span() for m in quirks.MARKS_AT_END_RE.finditer(name)] == [
        m.span() for m in plain.finditer(name)
    ]


def test_a_braced_and_and_and_name_is_read_in_one_pass(tmp_path: Path) -> None:
    ands = " and" * 200_000  # before: the expression tried each "and", minutes
    assert strip_extra_and(f"{{x{ands} y}}") == f"{{x{ands} y}}"
    assert strip_extra_and(f"x{ands}") == "x"
    data, problems = read(tmp_path, f"@article{{k, author = {{{{x{ands[:4000]} y}}}}}}")
    assert problems == [] and len(data.entries["k"].persons["author"]) == 1


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["a", "and", "AnD", " ", "  ", "{", "}", "x", "\t"]), max_size=12))
def test_extra_and_is_stripped_as_the_plain_expression_did(parts: list[str]) -> None:
    plain = re.compile(r"^(?:and(?:\s+|$))+|(?:\s+and)+$", re.IGNORECASE)
    name = "".join(parts)
    assert strip_extra_and(name) == plain.sub("", name)


def test_braced_names_are_split_in_one_pass() -> None:
    value = "{A} and " * 300_000 + "{B}"  # before: a copy of the rest per brace, 25 s
    names = split_names(value)
    assert len(names) == 300_001 and names[0] == "{A}" and names[-1] == "{B}"


@pytest.fixture
def brace_work(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The braces :func:`cvbib.latex.preamble.brace_depths` yields, counted per call."""
    counts: list[int] = []
    original = preamble.brace_depths

    def counting(text: str, start: int = 0, depth: int = 0) -> Iterator[tuple[int, int]]:
        counts.append(0)
        for item in original(text, start, depth):
            counts[-1] += 1
            yield item

    monkeypatch.setattr(preamble, "brace_depths", counting)
    return counts


def test_escaped_braces_in_a_preamble_are_scanned_once(brace_work: list[int]) -> None:
    text = r"\def\zq{\}" * 3000 + r"\newcommand\d[1][" * 3000
    assert read_preamble(text).macros == ()
    # before: each definition's body was scanned to the end, 4.5 million braces
    assert sum(brace_work) <= text.count("{") + text.count("}")


def test_url_delimiters_that_never_close_are_scanned_once() -> None:
    # before: the backreference ran to the end once per \url: minutes
    text = "".join("\\url" + chr(0x20000 + index) for index in range(60_000))
    verbatim: list[str] = []
    assert protect_verbatim(text, verbatim) == text and verbatim == []
    verbatim = []
    assert protect_verbatim(r"\url|a%b| \path!x~y! \url{c#d}", verbatim) == (
        r"\cvbibverb{0} \cvbibtt{1} \cvbibverb{2}"
    )
    assert verbatim == ["a%b", "x~y", "c#d"]


def test_a_run_of_at_signs_is_searched_once(tmp_path: Path) -> None:
    # "@" is a name character: the expression backtracked over the run from
    # each "@" of it (20,000: 13 s; 1,000,000: hours)
    assert next_command_start("@" * 1_000_000, 1) is None
    text = "@" * 1_000_000 + "\n@misc{kept, title = {Kept}, year = 2020}\n"
    data, problems = read(tmp_path, text)
    assert list(data.entries) == ["kept"]
    assert [(p.subtype, p.line) for p in problems] == [("stray_at", 1)]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["@", "a", " ", "\n", "{", "(", "\\", "m@", "%"]), max_size=16))
def test_command_starts_are_found_as_the_plain_expression_found_them(parts: list[str]) -> None:
    plain = re.compile(rf"(?<!\\)@\s*({NAME_RE})\s*[{{(]")
    text = "".join(parts)
    for pos in range(len(text) + 1):
        found, expected = next_command_start(text, pos), plain.search(text, pos)
        assert (found and found.span()) == (expected and expected.span())


def test_the_line_index_is_small_for_a_field_of_line_breaks() -> None:
    text = "\n" * 5_000_000
    tracemalloc.start()
    index = LineIndex(text)
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 100_000  # one start per line: 200 MB
    assert index.line(0) == 1 and index.line(len(text)) == 5_000_001


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["\r", "\n", "\r\n", "a", "bc"]), max_size=3000))
def test_line_numbers_are_counted_as_before(parts: list[str]) -> None:
    text = "".join(parts)
    starts = [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]
    index = LineIndex(text)
    for pos in range(0, len(text) + 1, 7):
        assert index.line(pos) == bisect.bisect_right(starts, pos)


# --- a whole build -----------------------------------------------------------------


def test_the_build_reports_each_budget_and_shows_every_entry(make_app, tmp_path: Path) -> None:
    srcdir = copy_root("hostile-budgets", tmp_path / "src")
    big = "word " * (MAX_VALUE_LENGTH // 5 + 1000)  # 5 MB: not kept in the repository
    with (srcdir / "refs.bib").open("a", encoding="utf-8") as bib:
        bib.write(
            "\n@article{big,\n  author = {Kaiyan Zhang},\n  title = {A Big Abstract},\n"
            f"  journal = {{Journal of Tests}},\n  year = {{2024}},\n  abstract = {{{big}}},\n}}\n"
        )
    app = make_app("html", srcdir=srcdir)
    app.build()
    built = finished(app)
    subtypes = [s for s in built.subtypes() if s != "cvbib.field_too_long"]
    assert subtypes == ["cvbib.macro_budget", "cvbib.preamble_budget"], built.warnings
    preamble_warning = built.of("preamble_budget")[0]
    assert "refs.bib:" in preamble_warning and "entry 'expanded'" in preamble_warning
    assert "(at \\zz)" in preamble_warning
    big_warning = [w for w in built.of("field_too_long") if "entry 'big'" in w]
    assert len(big_warning) == 1 and "field 'abstract'" in big_warning[0]
    assert "refs.bib:" in big_warning[0] and "limit of 1,000,000" in big_warning[0]
    texts = built.texts()
    for title in ("Doubling Macros", "Macro Bodies Times Uses", "Benign Paper", "Big Abstract"):
        assert any(title.lower() in t.lower() for t in texts), (title, texts)
    page = (built.outdir / "index.html").stat().st_size
    assert page < 3 * MAX_VALUE_LENGTH  # the page holds the cut abstract, not 5 MB of it


# --- benign input is untouched -----------------------------------------------------


def test_the_test_roots_give_no_budget_warning() -> None:
    register_styles()
    style = MarkedStyle("cv", CvbibConfig(owner="Kaiyan Zhang"))
    paths = [p for p in ROOTS.glob("test-*/*.bib") if p.parent.name != "test-hostile-budgets"]
    assert paths
    for path in paths:
        data, _files, problems = read_bibfiles([path])
        assert not {p.subtype for p in problems} & BUDGET_SUBTYPES, path
        table = read_preamble("\n".join(data.preamble_list))
        entries = list(data.entries.values())
        for _entry, formatted, _hit in format_entries(FormatCache(), style, entries, macros=table):
            assert not {s for s, _m in formatted.problems} & BUDGET_SUBTYPES, path


def test_a_collaboration_paper_and_a_long_abstract_pass_untouched(tmp_path: Path) -> None:
    names = [f"Abdelmalek-{i:04d}, Georges Jean-Pierre" for i in range(3000)]
    authors = " and ".join(names)  # as INSPIRE writes an ATLAS paper: about 120 KB
    abstract = "A measurement of the top quark mass is presented. " * 400
    text = (
        f"@article{{ATLAS:2023abc,\n  author = {{{authors}}},\n  collaboration = {{ATLAS}},\n"
        f'  title = "{{Measurement of the top quark mass}}",\n  abstract = "{abstract}",\n'
        f"  journal = {{Phys. Rev. Lett.}},\n  year = {{2023}},\n}}\n"
    )
    assert len(authors) > 100_000
    data, problems = read(tmp_path, text)
    assert problems == []
    entry = data.entries["ATLAS:2023abc"]
    assert len(entry.persons["author"]) == 3000
    assert entry.fields["abstract"] == abstract.strip()
    register_styles()
    style = MarkedStyle("cv", CvbibConfig(owner="Kaiyan Zhang"))
    [(_entry, formatted, _hit)] = format_entries(FormatCache(), style, [entry])
    assert not {s for s, _m in formatted.problems} & BUDGET_SUBTYPES
    assert "top quark mass" in str(decode(str(entry.fields["title"]))).lower()
