"""Tests of cvbib.bib.read: lenient .bib reading that loses only what is unreadable.

Each test writes small .bib texts and checks which keys came through (in order),
which problems were reported (subtype, line, key, key words of the message) and
that the entries after a broken one are intact.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pybtex.errors
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pybtex.bibtex.utils import split_name_list

from cvbib.bib import SUBTYPES, BibFileData, BibProblem, read_bibfiles, split_names
from cvbib.bib.parse import CommandParser

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------


def write(directory: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = directory / name
    path.write_bytes(text.encode(encoding))
    return path


def read(*paths: Path, encoding: str = "utf-8-sig"):
    data, files, problems = read_bibfiles(list(paths), encoding=encoding)
    check_problems(problems)
    return data, files, problems


def check_problems(problems: list[BibProblem]) -> None:
    """Invariants of every problem: known subtype, sane line, no path repeated."""
    for problem in problems:
        assert problem.subtype in SUBTYPES
        assert problem.line is None or problem.line >= 1
        assert str(problem.path) not in problem.message
        assert problem.message


def summary(problems: list[BibProblem]) -> list[tuple[str, int | None, str | None]]:
    return [(p.subtype, p.line, p.key) for p in problems]


def keys(data) -> list[str]:
    return list(data.entries.keys())


def authors(entry, role: str = "author") -> list[str]:
    return [str(person) for person in entry.persons.get(role, [])]


GOOD_TAIL = """
@article{after1,
  author = {Doe, Jane and Roe, Richard},
  title = {After One},
  year = 2021,
}
@book{after2, title = "After Two", editor = "Ed Itor"}
"""


def assert_tail_intact(data) -> None:
    """The entries written after a broken one are all there, with their data."""
    after1 = data.entries["after1"]
    assert after1.type == "article"
    assert after1.fields["title"] == "After One"
    assert after1.fields["year"] == "2021"
    assert authors(after1) == ["Doe, Jane", "Roe, Richard"]
    after2 = data.entries["after2"]
    assert after2.fields["title"] == "After Two"
    assert authors(after2, "editor") == ["Itor, Ed"]


# --------------------------------------------------------------------------
# files: missing, unreadable, encodings, empty
# --------------------------------------------------------------------------


def test_missing_file_is_reported_and_other_files_still_read(tmp_path: Path) -> None:
    good = write(tmp_path, "good.bib", "@misc{a, title={A}}\n")
    missing = tmp_path / "nope.bib"
    data, files, problems = read(missing, good)
    assert keys(data) == ["a"]
    assert files == [BibFileData(missing, []), BibFileData(good, ["a"], {"a": 1})]
    assert summary(problems) == [("bibfile_missing", None, None)]
    assert problems[0].path == missing
    assert "bibtex_bibfiles" in problems[0].message
    assert "conf.py" in problems[0].message


def test_directory_is_unreadable(tmp_path: Path) -> None:
    directory = tmp_path / "refs.bib"
    directory.mkdir()
    data, files, problems = read(directory)
    assert keys(data) == []
    assert files[0].keys == []
    assert summary(problems) == [("bibfile_unreadable", None, None)]
    assert "cannot be read" in problems[0].message


def test_file_without_permission_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod 0 does not stop root (CI runs as root), so the denial is simulated.
    path = write(tmp_path, "locked.bib", "@misc{a, title={A}}\n")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    data, _files, problems = read(path)
    assert keys(data) == []
    assert summary(problems) == [("bibfile_unreadable", None, None)]
    assert "Permission denied" in problems[0].message


def test_latin1_file_is_decoded_without_loss(tmp_path: Path) -> None:
    text = (
        "@article{first, title={Plain}}\n"
        "\n"
        "@article{garcia,\n"
        "  author = {García, José and Müller, Jürgen},\n"
        "  title = {Éléments},\n"
        "}\n"
        "@misc{last, title={Last}}\n"
    )
    path = write(tmp_path, "latin.bib", text, encoding="latin-1")
    data, files, problems = read(path)
    assert files[0].keys == ["first", "garcia", "last"]
    assert authors(data.entries["garcia"]) == ["García, José", "Müller, Jürgen"]
    assert data.entries["garcia"].fields["title"] == "Éléments"
    assert summary(problems) == [("bibfile_encoding", 4, None)]
    message = problems[0].message
    assert "not valid UTF-8" in message
    assert "0xED" in message  # the 'í' of García, the first non-UTF-8 byte
    assert "iconv" in message
    assert "Windows-1252" in message


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path: Path) -> None:
    path = tmp_path / "odd.bib"
    path.write_bytes(b"@misc{a, title={x\x81y}}\n")
    data, _files, problems = read(path)
    assert data.entries["a"].fields["title"] == "x\x81y"
    assert summary(problems) == [("bibfile_encoding", 1, None)]
    assert "Latin-1" in problems[0].message
    assert "iconv -f latin1 -t utf-8" in problems[0].message


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.bib", "\ufeff@article{bom, author={Çelik, Ayşe}, title={T}}\n")
    data, files, problems = read(path)
    assert problems == []
    assert files[0].keys == ["bom"]
    assert authors(data.entries["bom"]) == ["Çelik, Ayşe"]


def test_utf16_file_is_read_and_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "win.bib", "@article{w, author={Łukasz Nowak}}\n", encoding="utf-16")
    data, files, problems = read(path)
    assert files[0].keys == ["w"]
    assert authors(data.entries["w"]) == ["Nowak, Łukasz"]
    assert summary(problems) == [("bibfile_encoding", 1, None)]
    assert "UTF-16" in problems[0].message


def test_custom_encoding_is_used(tmp_path: Path) -> None:
    path = write(tmp_path, "l1.bib", "@misc{a, author={Gödel, Kurt}}\n", encoding="latin-1")
    data, _files, problems = read(path, encoding="latin-1")
    assert problems == []
    assert authors(data.entries["a"]) == ["Gödel, Kurt"]


def test_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.bib", "")
    blank = write(tmp_path, "blank.bib", "  \n\n")
    data, files, problems = read(path, blank)
    assert keys(data) == []
    assert [f.keys for f in files] == [[], []]
    assert summary(problems) == [("empty_file", None, None), ("empty_file", None, None)]
    assert "is empty" in problems[0].message


def test_file_with_only_comments(tmp_path: Path) -> None:
    text = "% just a comment\nSome text.\n@comment{jabref-meta: databaseType:bibtex;}\n"
    path = write(tmp_path, "comments.bib", text)
    data, files, problems = read(path)
    assert keys(data) == []
    assert files[0].keys == []
    assert summary(problems) == [("empty_file", None, None)]
    assert "only comments" in problems[0].message


def test_file_with_only_strings_is_not_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "abbrev.bib", '@string{jacs = "J. Am. Chem. Soc."}\n')
    _data, files, problems = read(path)
    assert files[0].keys == []
    assert problems == []


# --------------------------------------------------------------------------
# syntax errors: only the broken entry is lost
# --------------------------------------------------------------------------


def test_entry_missing_its_closing_brace(tmp_path: Path) -> None:
    text = (
        "@article{before, title={Before}}\n"  # 1
        "@article{broken,\n"  # 2
        "  title = {Broken},\n"  # 3
        "  year = 2020,\n"  # 4
        "\n" + GOOD_TAIL  # 5; after1 starts on line 7
    )
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["before", "after1", "after2"]
    assert summary(problems) == [("syntax_error", 2, "broken")]
    message = problems[0].message
    assert "entry 'broken' (line 2)" in message
    assert "not closed before the next '@article' on line 7" in message
    assert "skipped" in message
    assert_tail_intact(data)


def test_last_entry_missing_its_closing_brace(tmp_path: Path) -> None:
    text = "@article{a, title={A}}\n@article{b,\n  title = {B"
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["a"]
    assert data.entries["a"].fields["title"] == "A"
    assert summary(problems) == [("syntax_error", 3, "b")]
    assert "file ends inside it in field 'title'" in problems[0].message


def test_missing_comma_between_fields(tmp_path: Path) -> None:
    """Only a comma is missing: the entry is kept, both fields read, the comma asked for."""
    text = "@article{nocomma,\n  title = {T}\n  year = 2020\n}\n" + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["nocomma", "after1", "after2"]
    assert dict(data.entries["nocomma"].fields) == {"title": "T", "year": "2020"}
    assert summary(problems) == [("syntax_repaired", 3, "nocomma")]
    message = problems[0].message
    assert "no comma between field 'title' and field 'year' (line 3)" in message
    assert message.endswith("add the missing comma")
    assert_tail_intact(data)


def test_field_without_equals(tmp_path: Path) -> None:
    text = "@article{noeq,\n  title {T},\n  year = 2020\n}\n" + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["after1", "after2"]
    assert summary(problems) == [("syntax_error", 2, "noeq")]
    assert "field 'title' has no '='" in problems[0].message
    assert_tail_intact(data)


def test_field_without_value(tmp_path: Path) -> None:
    text = "@article{noval,\n  title = ,\n}\n" + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["after1", "after2"]
    assert summary(problems) == [("syntax_error", 2, "noval")]
    assert "field 'title' has no value" in problems[0].message
    assert_tail_intact(data)


def test_unopened_brace_in_title(tmp_path: Path) -> None:
    text = "@article{extra,\n  title = {A} b},\n  year = 2020\n}\n" + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["after1", "after2"]
    assert summary(problems) == [("syntax_error", 2, "extra")]
    assert "found 'b},'" in problems[0].message
    assert_tail_intact(data)


def test_unclosed_brace_in_title_does_not_swallow_later_entries(tmp_path: Path) -> None:
    text = "@article{open,\n  title = {A {b} c,\n  year = 2020\n}\n" + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["after1", "after2"]
    assert summary(problems) == [("syntax_error", 1, "open")]
    message = problems[0].message
    assert "not closed before the next '@article' on line 6" in message
    assert "field 'title' (line 2) seems to hold the fields after it ('year = ...')" in message
    assert "probably missing in field 'title'" in message
    assert_tail_intact(data)


def test_value_running_past_the_next_entry(tmp_path: Path) -> None:
    text = "@article{open,\n  note = {x},\n  title = {A {b c,\n}\n" + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["after1", "after2"]
    assert summary(problems) == [("syntax_error", 1, "open")]
    message = problems[0].message
    assert "value of field 'title' (line 3) runs past the next '@article' on line 6" in message
    assert "unbalanced" in message
    assert_tail_intact(data)


def test_stray_closing_brace_in_quoted_title(tmp_path: Path) -> None:
    text = '@article{quoted,\n  title = "A} b",\n}\n' + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["after1", "after2"]
    assert summary(problems) == [("syntax_error", 2, "quoted")]
    assert "a '}' in field 'title' closes a brace that was never opened" in problems[0].message
    assert_tail_intact(data)


def test_missing_closing_quote(tmp_path: Path) -> None:
    text = '@article{q,\n  title = "Open quote,\n  year = 2020,\n}\n' + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["after1", "after2"]
    assert summary(problems) == [("syntax_error", 4, "q")]
    assert "closing '\"' is missing" in problems[0].message
    assert_tail_intact(data)


def test_entry_without_key(tmp_path: Path) -> None:
    text = "@article{, title = {No key}}\n" + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["after1", "after2"]
    assert summary(problems) == [("syntax_error", 1, None)]
    assert "@article entry (line 1): its key is missing" in problems[0].message
    assert_tail_intact(data)


def test_several_broken_entries_each_reported_once(tmp_path: Path) -> None:
    text = (
        "@article{one, title = {1}}\n"  # 1
        "@article{bad1, title {x}}\n"  # 2
        "@article{two, title = {2}}\n"  # 3
        "@article{bad2, title = {x} year = 1}\n"  # 4: only a comma missing, kept
        "@article{three, title = {3}}\n"  # 5
    )
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["one", "two", "bad2", "three"]
    assert [data.entries[k].fields["title"] for k in files[0].keys] == ["1", "2", "x", "3"]
    assert summary(problems) == [("syntax_error", 2, "bad1"), ("syntax_repaired", 4, "bad2")]


def test_stray_text_between_entries_is_ignored(tmp_path: Path) -> None:
    text = (
        "Exported from somewhere.\n"
        "@article{a, title={A}}\n"
        "these words are outside entries, as BibTeX allows\n"
        "@article{b, title={B}}\n" + GOOD_TAIL
    )
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["a", "b", "after1", "after2"]
    assert problems == []
    assert_tail_intact(data)


def test_stray_at_in_text_is_reported_and_nothing_lost(tmp_path: Path) -> None:
    text = (
        "% Contact: someone@example.org\n"  # 1: a % line, not reported
        "@article{a, title={A}}\n"  # 2
        "write to me@example.org if needed\n" + GOOD_TAIL  # 3
    )
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["a", "after1", "after2"]
    assert summary(problems) == [("stray_at", 3, None)]
    message = problems[0].message
    assert "'@example.org' on line 3 does not start an entry" in message
    assert "remove the '@'" in message
    assert_tail_intact(data)


def test_comment_and_preamble(tmp_path: Path) -> None:
    text = (
        "@comment{This file was made by hand.}\n"
        '@preamble{"\\newcommand{\\noop}[1]{}"}\n'
        "@Comment{jabref-meta: databaseType:biblatex;}\n"
        "@article{a, title={A}}\n" + GOOD_TAIL
    )
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert problems == []
    assert files[0].keys == ["a", "after1", "after2"]
    assert data.preamble == "\\newcommand{\\noop}[1]{}"
    assert_tail_intact(data)


def test_broken_preamble_and_preamble_macro(tmp_path: Path) -> None:
    text = '@preamble{ "a" "b" }\n@preamble{ oops # "c" }\n' + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["after1", "after2"]
    assert summary(problems) == [("syntax_error", 1, None), ("undefined_macro", 2, None)]
    assert "@preamble (line 1)" in problems[0].message
    assert "the preamble was skipped" in problems[0].message
    assert "'oops'" in problems[1].message
    assert data.preamble == "c"
    assert_tail_intact(data)


def test_broken_string_leaves_its_macro_undefined(tmp_path: Path) -> None:
    text = (
        '@string{jacs = "J. Am. Chem. Soc." oops}\n'  # 1
        "@article{a, journal = jacs}\n" + GOOD_TAIL  # 2
    )
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["a", "after1", "after2"]
    assert summary(problems) == [("syntax_error", 1, None), ("undefined_macro", 2, "a")]
    assert "@string 'jacs' (line 1)" in problems[0].message
    assert "the macro was not defined" in problems[0].message
    assert data.entries["a"].fields["journal"] == ""
    assert_tail_intact(data)


def test_parenthesized_entries_and_crlf_lines(tmp_path: Path) -> None:
    text = "@article(p1, title={P1})\r\n@article(p2, title {x})\r\n@misc{p3, title={P3}}\r\n"
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["p1", "p3"]
    assert summary(problems) == [("syntax_error", 2, "p2")]
    assert data.entries["p3"].fields["title"] == "P3"


# --------------------------------------------------------------------------
# macros
# --------------------------------------------------------------------------


def test_undefined_macros_become_empty_and_the_entry_is_kept(tmp_path: Path) -> None:
    text = (
        "@article{chem,\n"  # 1
        "  author = {Curie, Marie},\n"  # 2
        "  journal = JACS,\n"  # 3
        "  month = foo,\n"  # 4
        "  year = 1903,\n"  # 5
        "}\n"
        "@article{dated, month = jan, note = {x} # dec}\n"  # 7
    )
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["chem", "dated"]
    chem = data.entries["chem"]
    assert authors(chem) == ["Curie, Marie"]
    assert chem.fields["journal"] == ""
    assert chem.fields["month"] == ""
    assert chem.fields["year"] == "1903"
    assert data.entries["dated"].fields["month"] == "January"
    assert data.entries["dated"].fields["note"] == "xDecember"
    assert summary(problems) == [("undefined_macro", 3, "chem"), ("undefined_macro", 4, "chem")]
    message = problems[0].message
    assert "entry 'chem' (line 1)" in message
    assert "field 'journal' uses the macro 'JACS'" in message
    assert '@string{JACS = "..."}' in message
    assert "journal = {JACS}" in message
    assert "'foo'" in problems[1].message
    assert "'month'" in problems[1].message


def test_undefined_macro_in_a_broken_entry_is_not_reported_twice(tmp_path: Path) -> None:
    text = "@article{bad, journal = JACS, title {x}}\n" + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["after1", "after2"]
    assert summary(problems) == [("syntax_error", 1, "bad")]
    assert_tail_intact(data)


def test_two_files_share_string_macros_in_order(tmp_path: Path) -> None:
    first = write(
        tmp_path,
        "strings.bib",
        '@string{jacs = "Journal of the American Chemical Society"}\n'
        "@article{early, journal = later}\n",
    )
    second = write(
        tmp_path,
        "refs.bib",
        "@string{later = {Defined Later}}\n@article{chem, journal = JACS # { (JACS)}}\n",
    )
    data, files, problems = read(first, second)
    assert [f.keys for f in files] == [["early"], ["chem"]]
    assert data.entries["chem"].fields["journal"] == (
        "Journal of the American Chemical Society (JACS)"
    )
    # BibTeX reads in order: a macro defined in a later file is undefined before it
    assert summary(problems) == [("undefined_macro", 2, "early")]
    assert problems[0].path == first


# --------------------------------------------------------------------------
# duplicates
# --------------------------------------------------------------------------


def test_duplicate_field_keeps_the_first_value(tmp_path: Path) -> None:
    text = (
        "@article{dup,\n"  # 1
        "  title = {First},\n"  # 2
        "  author = {One, A.},\n"  # 3
        "  Title = {Second},\n"  # 4
        "  AUTHOR = {Two, B.},\n"  # 5
        "}\n" + GOOD_TAIL
    )
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["dup", "after1", "after2"]
    entry = data.entries["dup"]
    assert entry.fields["title"] == "First"
    assert authors(entry) == ["One, A."]
    assert summary(problems) == [("duplicate_field", 4, "dup"), ("duplicate_field", 5, "dup")]
    message = problems[0].message
    assert "field 'Title' appears again on line 4 (first on line 2)" in message
    assert "first value was kept" in message
    assert_tail_intact(data)


def test_duplicate_key_in_one_file_keeps_the_first_entry(tmp_path: Path) -> None:
    text = "@article{Smith2020, title={First}}\n@book{smith2020, title={Second}}\n" + GOOD_TAIL
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["Smith2020", "after1", "after2"]
    assert data.entries["smith2020"].fields["title"] == "First"
    assert data.entries["smith2020"].type == "article"
    assert summary(problems) == [("duplicate_key", 2, "smith2020")]
    assert "same key as the entry at line 1" in problems[0].message
    assert_tail_intact(data)


def test_duplicate_key_across_files_names_both_places(tmp_path: Path) -> None:
    first = write(tmp_path, "one.bib", "\n@misc{k, title={One}}\n")
    second = write(tmp_path, "two.bib", "@misc{other, title={O}}\n@misc{k, title={Two}}\n")
    data, files, problems = read(first, second)
    assert [f.keys for f in files] == [["k"], ["other"]]
    assert data.entries["k"].fields["title"] == "One"
    assert summary(problems) == [("duplicate_key", 2, "k")]
    assert problems[0].path == second
    assert f"{first}:2" in problems[0].message
    assert "this later entry was ignored" in problems[0].message


# --------------------------------------------------------------------------
# names
# --------------------------------------------------------------------------


def test_name_with_too_many_commas_is_kept_whole(tmp_path: Path) -> None:
    text = (
        "@article{names,\n"  # 1
        "  title = {T},\n"  # 2
        "  author = {Smith, J., Doe, A. and Roe, Richard},\n"  # 3
        "  editor = {von Neumann, Jr, John},\n"  # 4
        "}\n" + GOOD_TAIL
    )
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert files[0].keys == ["names", "after1", "after2"]
    people = data.entries["names"].persons["author"]
    assert len(people) == 2
    assert " ".join(people[0].last_names) == "Smith, J., Doe, A."
    assert str(people[1]) == "Roe, Richard"
    assert str(data.entries["names"].persons["editor"][0]) == "von Neumann, Jr, John"
    assert summary(problems) == [("bad_name", 3, "names")]
    message = problems[0].message
    assert "'Smith, J., Doe, A.'" in message
    assert "more than two commas" in message
    assert "' and '" in message
    assert_tail_intact(data)


def test_extra_and_is_dropped_and_reported(tmp_path: Path) -> None:
    text = (
        "@article{e,\n"  # 1
        "  author = {Smith, Ann and and Doe, Bo and},\n"  # 2
        "  editor = {and Roe, Cy},\n"  # 3
        "}\n"
    )
    data, _files, problems = read(write(tmp_path, "a.bib", text))
    assert authors(data.entries["e"]) == ["Smith, Ann", "Doe, Bo"]
    assert authors(data.entries["e"], "editor") == ["Roe, Cy"]
    assert summary(problems) == [("bad_name", 2, "e"), ("bad_name", 3, "e")]
    assert "'and' too many" in problems[0].message
    assert "field 'editor'" in problems[1].message


def test_bad_names_do_not_depend_on_pybtex_strict_mode(tmp_path: Path) -> None:
    text = "@article{x, author = {a, b, c, d}}\n@article{X, title={dup}}\n"
    assert pybtex.errors.strict  # pybtex's default: report_error raises
    data, _files, problems = read(write(tmp_path, "a.bib", text))
    assert pybtex.errors.strict
    assert keys(data) == ["x"]
    assert [p.subtype for p in problems] == ["bad_name", "duplicate_key"]


# --------------------------------------------------------------------------
# what comes through untouched
# --------------------------------------------------------------------------


def test_case_types_and_biblatex_fields_are_kept(tmp_path: Path) -> None:
    text = (
        "@Online{WebPage, URL = {https://example.org}, Author = {Ng, Andrew},\n"
        "  author+an = {1=highlight; 2=equal}, Title+an:short = {x}}\n"
        "@set{bundle, entryset = {WebPage,Tool}}\n"
        "@SOFTWARE{Tool, title = {Tool}}\n"
    )
    data, files, problems = read(write(tmp_path, "a.bib", text))
    assert problems == []
    assert files[0].keys == ["WebPage", "bundle", "Tool"]
    web = data.entries["WebPage"]
    assert web.type == "online"
    assert web.original_type == "Online"
    assert list(web.fields.keys()) == ["URL", "author+an", "Title+an:short"]
    assert web.fields["author+an"] == "1=highlight; 2=equal"
    assert authors(web) == ["Ng, Andrew"]
    assert data.entries["bundle"].type == "set"
    assert data.entries["tool"].type == "software"


# --------------------------------------------------------------------------
# never raises
# --------------------------------------------------------------------------

TOKENS = st.sampled_from(
    [
        "@",
        "@article",
        "@string",
        "@preamble",
        "@comment",
        "{",
        "}",
        "(",
        ")",
        '"',
        ",",
        "=",
        "#",
        "%",
        " ",
        "\n",
        "\r\n",
        "key",
        "title",
        "author",
        " and ",
        "jan",
        "Müller",
        "\\",
        "0",
    ]
)
BIB_LIKE = st.lists(TOKENS, max_size=60).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.one_of(BIB_LIKE, st.text(max_size=80)),
    second=st.one_of(BIB_LIKE, st.binary(max_size=80)),
)
def test_read_bibfiles_never_raises(first: str, second: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        one = Path(directory) / "one.bib"
        one.write_bytes(first.encode("utf-8", "surrogatepass"))
        two = Path(directory) / "two.bib"
        two.write_bytes(second if isinstance(second, bytes) else second.encode("utf-8"))
        data, files, problems = read_bibfiles([one, two])
    check_problems(problems)
    read_keys = [key for file in files for key in file.keys]
    assert [key.lower() for key in read_keys] == [key.lower() for key in data.entries]


# --------------------------------------------------------------------------
# the fast path for simple fields reads what pybtex's tokenizer reads
# --------------------------------------------------------------------------


def _reading(path: Path) -> tuple[list, list]:
    data, _files, problems = read_bibfiles([path])
    entries = [
        (key, entry.type, list(entry.fields.items()), {r: authors(entry, r) for r in entry.persons})
        for key, entry in data.entries.items()
    ]
    return entries, [(p.subtype, p.line, p.key, p.message) for p in problems]


def _both_ways(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[tuple, tuple]:
    """The reading of *path* with the simple-field fast path, and with the tokenizer only."""
    fast = _reading(path)
    with monkeypatch.context() as patch:
        patch.setattr(CommandParser, "_parse_simple_field", lambda self: False)
        slow = _reading(path)
    return fast, slow


FIELD_VALUES = st.lists(
    st.sampled_from(["{", "}", '"', "#", " ", "\n", "a", "jan", "2024", ",", "\\{", "=", "@x"]),
    max_size=12,
).map("".join)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(FIELD_VALUES, min_size=1, max_size=4), paren=st.booleans())
def test_simple_fields_read_as_the_tokenizer_reads_them(
    values: list[str], paren: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Values as written (braced, quoted, numbers, macros, concatenations, broken)."""
    body = ",\n".join(f"  f{i} = {value}" for i, value in enumerate(values))
    opener, closer = ("(", ")") if paren else ("{", "}")
    text = (
        f'@string{{jan = "January"}}\n@misc{opener}k,\n{body}\n{closer}\n'
        "@misc{after, title={T}}\n"
    )
    path = tmp_path / "fields.bib"
    path.write_text(text, "utf-8")
    fast, slow = _both_ways(path, monkeypatch)
    assert fast == slow


@pytest.mark.parametrize(
    "path",
    [
        *sorted((Path(__file__).parent / "roots").glob("*/**/*.bib")),
        Path(__file__).parent.parent / "refs.bib",
    ],
    ids=lambda p: p.parent.name + "/" + p.name,
)
def test_every_test_file_reads_the_same_both_ways(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast, slow = _both_ways(path, monkeypatch)
    assert fast == slow


def test_entry_fields_get_is_case_insensitive_and_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "a.bib", "@misc{k, Title = {T}, year = 2020}")
    data, _files, _problems = read(path)
    fields = data.entries["k"].fields
    assert fields.get("title") == fields.get("TITLE") == "T"
    assert fields.get("arxiv") is None
    assert fields.get("arxiv", "none") == "none"
    assert list(fields) == ["Title", "year"]


@settings(max_examples=500)
@given(
    st.lists(
        st.sampled_from(["a", "and", "AnD", " ", "  ", "{", "}", "x y", ",", "\t"]), max_size=14
    )
)
def test_names_split_as_pybtex_splits_them(parts: list[str]) -> None:
    value = "".join(parts)
    assert split_names(value) == split_name_list(value)
