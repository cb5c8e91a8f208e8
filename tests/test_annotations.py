"""biblatex data annotations: what is read, and how each mistake is reported.

A mistake in a ``.bib`` annotation must never stop a build; it must say what to
write instead. So every malformed kind asserts its subtype and the words of its
message that point to the fix.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cvbib.people import AnnotationProblem, parse_annotations

KNOWN = frozenset({"equal", "corresponding", "highlight", "lead"})


def parse(text: str, count: int = 3) -> tuple[dict[int, frozenset[str]], list[AnnotationProblem]]:
    return parse_annotations(text, count, KNOWN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1=equal; 2=equal,corresponding", {1: {"equal"}, 2: {"equal", "corresponding"}}),
        ("1=equal;2=equal,corresponding", {1: {"equal"}, 2: {"equal", "corresponding"}}),
        (
            "  1 = equal ;\n\t2 =  equal , corresponding  ",
            {1: {"equal"}, 2: {"equal", "corresponding"}},
        ),
        ("2:family=highlight", {2: {"highlight"}}),
        ("2 : given = highlight", {2: {"highlight"}}),
        ("1=equal; 1=corresponding", {1: {"equal", "corresponding"}}),
        ("1=equal; 2:family=lead; 1=lead", {1: {"equal", "lead"}, 2: {"lead"}}),
        ("1=EQUAL,Corresponding", {1: {"equal", "corresponding"}}),
        ("1=equal;", {1: {"equal"}}),
        ("1=equal;;  ; 3=lead", {1: {"equal"}, 3: {"lead"}}),
        ('1="lead"', {1: {"lead"}}),
        ('1=" Lead "', {1: {"lead"}}),
        ("01=equal", {1: {"equal"}}),
        ("3=equal", {3: {"equal"}}),
    ],
)
def test_valid(text: str, expected: dict[int, set[str]]) -> None:
    marks, problems = parse(text)
    assert problems == []
    assert marks == {position: frozenset(words) for position, words in expected.items()}


@pytest.mark.parametrize("text", ["", "   ", "\n\t", ";", " ; ; "])
def test_blank_is_nothing(text: str) -> None:
    assert parse(text) == ({}, [])


def test_positions_come_back_in_order() -> None:
    marks, _ = parse("3=lead; 1=equal; 2=equal")
    assert list(marks) == [1, 2, 3]


def test_known_keywords_are_case_insensitive_too() -> None:
    marks, problems = parse_annotations("1=Equal", 1, {"EQUAL"})
    assert (marks, problems) == ({1: frozenset({"equal"})}, [])


# (text, count, words every message must contain, marks kept despite the problem)
BAD: list[tuple[str, int, tuple[str, ...], dict[int, set[str]]]] = [
    ("x=equal", 3, ("'x'", "not a number", "counted from 1", "'1=equal'"), {}),
    ("-1=equal", 3, ("'-1'", "not a number"), {}),
    ("1.5=equal", 3, ("not a number",), {}),
    ("0=equal", 3, ("position 0", "out of range", "count from 1"), {}),
    ("4=equal; 1=lead", 3, ("position 4", "out of range", "has 3 names", "1 to 3"), {1: {"lead"}}),
    ("2=equal", 1, ("position 2", "has 1 name,", "1 to 1"), {}),
    ("1=equal", 0, ("no names", "remove"), {}),
    ("99999999999999999999=equal", 3, ("out of range",), {}),
    ("1=", 3, ("no keywords", "'1='"), {}),
    ("1=   ; 2=lead", 3, ("no keywords",), {2: {"lead"}}),
    ("1=equal,,lead", 3, ("empty keyword", "extra comma"), {1: {"equal", "lead"}}),
    ("1=equal,", 3, ("empty keyword",), {1: {"equal"}}),
    ("1=,equal", 3, ("empty keyword",), {1: {"equal"}}),
    ("equal", 3, ("'equal'", "no '='", "'1=equal'"), {}),
    ("1=equal; corresponding", 3, ("no '='",), {1: {"equal"}}),
    ("=equal", 3, ("no position", "field annotation", "not supported", "'1=equal'"), {}),
    ("  = lead", 3, ("no position",), {}),
    ("1=equal 2=lead", 3, ("more than one '='", "';'"), {}),
    ("2:=highlight", 3, ("name part", "'family'"), {}),
    ("2:fam ily=highlight", 3, ("name part",), {}),
    ('1="equal', 3, ("quote", "not closed"), {}),
    ('1="', 3, ("not closed",), {}),
    ('1=""', 3, ("empty keyword",), {}),
    ('1=eq"ual', 3, ("stray",), {}),
]


@pytest.mark.parametrize(
    ("text", "count", "words", "kept"), BAD, ids=[f"{t!r}/{c}" for t, c, *_ in BAD]
)
def test_bad_annotation(
    text: str, count: int, words: tuple[str, ...], kept: dict[int, set[str]]
) -> None:
    marks, problems = parse_annotations(text, count, KNOWN)
    assert [p.subtype for p in problems] == ["bad_annotation"]
    for word in words:
        assert word in problems[0].message
    assert marks == {position: frozenset(w) for position, w in kept.items()}


def test_unknown_keyword_is_dropped_and_explained() -> None:
    marks, problems = parse("1=equal,frist; 2=Senior")
    assert marks == {1: frozenset({"equal"})}
    assert [p.subtype for p in problems] == ["unknown_keyword", "unknown_keyword"]
    first = problems[0].message
    assert "'frist'" in first
    assert "'1=equal,frist'" in first
    for word in ("'corresponding'", "'equal'", "'highlight'", "'lead'", "conf.py", "cv_roles"):
        assert word in first
    assert "'senior'" in problems[1].message


def test_quoted_literal_is_one_keyword() -> None:
    marks, problems = parse('1="some text, with; separators=inside", equal')
    assert marks == {1: frozenset({"equal"})}
    assert [p.subtype for p in problems] == ["unknown_keyword"]
    assert "'some text, with; separators=inside'" in problems[0].message


def test_quoted_literal_can_be_known() -> None:
    marks, problems = parse_annotations('1="co lead"', 2, {"co lead"})
    assert (marks, problems) == ({1: frozenset({"co lead"})}, [])


def test_no_known_keywords_says_so() -> None:
    _, problems = parse_annotations("1=equal", 1, ())
    assert "none are defined" in problems[0].message


def test_long_items_are_shortened_in_messages() -> None:
    _, problems = parse("x" * 500 + "=equal")
    assert len(problems[0].message) < 300


def test_messages_are_one_sentence_without_entry_context() -> None:
    texts = [text for text, *_ in BAD] + ["1=nope"]
    for text in texts:
        for problem in parse(text)[1]:
            assert "\n" not in problem.message
            assert not problem.message.endswith(".")


ANNOTATIONISH = st.text(
    alphabet=st.sampled_from(list('0123456789=;:," \t\nequalcorsping-x')) | st.characters(),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(ANNOTATIONISH, st.integers(min_value=0, max_value=30))
def test_never_raises_and_stays_in_range(text: str, count: int) -> None:
    marks, problems = parse_annotations(text, count, KNOWN)
    assert all(1 <= position <= count for position in marks)
    assert all(words and words <= KNOWN for words in marks.values())
    assert all(isinstance(p, AnnotationProblem) and p.message for p in problems)
    assert all(p.subtype in ("bad_annotation", "unknown_keyword") for p in problems)
