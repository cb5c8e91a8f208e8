"""Names shared by the entries that list them (``cvbib.bib.persons``), and what relies on it.

A collaboration's papers list the same thousands of names; the reader parses
each spelling once and every entry gets the same object. These tests check
that sharing never mixes up what is per entry (marks, positions) or per
configuration (who the owner is), and that the long-list fast paths write what
the slow ones did.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import Person
from pybtex.plugin import find_plugin
from pybtex.richtext import HRef, Protected, String, Symbol, Tag, Text
from pybtex.textutils import normalize_whitespace

from cvbib.bib import SharedPerson, kept_all, per_spelling, read_bibfiles
from cvbib.bib.parse import normalize_whitespace as cvbib_normalize_whitespace
from cvbib.model import publication_of
from cvbib.people import OwnerMatcher, compute_marks, matcher_for, plain_name
from cvbib.settings import CvbibConfig
from cvbib.text import compacted

BIB = r"""
@article{first,
  author = {Ada Lovelace and Charles Babbage and Mary Somerville},
  title = {First}, journal = {J}, year = {2020},
}
@article{second,
  author = {Mary Somerville and Charles Babbage and Charles Babbage and Ada Lovelace},
  author+an = {3=equal},
  title = {Second}, journal = {J}, year = {2021},
}
"""


@pytest.fixture
def entries(tmp_path: Path) -> dict:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, "utf-8")
    data, _files, problems = read_bibfiles([path])
    assert problems == []
    return dict(data.entries)


def test_one_object_per_spelling_across_entries(entries: dict) -> None:
    first, second = entries["first"].persons["author"], entries["second"].persons["author"]
    assert all(type(person) is SharedPerson for person in first + second)
    assert first[0] is second[3]  # Ada Lovelace
    assert first[2] is second[0]  # Mary Somerville


def test_a_name_listed_twice_in_one_entry_is_two_objects(entries: dict) -> None:
    authors = entries["second"].persons["author"]
    assert str(authors[1]) == str(authors[2]) == "Babbage, Charles"
    assert authors[1] is not authors[2]
    assert authors[1] is entries["first"].persons["author"][1]


def test_marks_stay_with_their_position(entries: dict) -> None:
    """The co-first mark of the second "Charles Babbage" is not on the first."""
    config = CvbibConfig(owner="Ada Lovelace")
    second = entries["second"]
    marks = compute_marks(second, config, matcher_for(config))
    people = publication_of(second, marks, config).authors
    assert [(p.name, p.owner, p.symbols) for p in people] == [
        ("Mary Somerville", False, ()),
        ("Charles Babbage", False, ()),
        ("Charles Babbage", False, ("*",)),
        ("Ada Lovelace", True, ()),
    ]
    assert (marks.bold("author"), marks.bold("editor")) == ([3], [])
    # The shared names carry no trace of this entry's marks into the other one.
    first = entries["first"]
    marks = compute_marks(first, config, matcher_for(config))
    assert [p.symbols for p in publication_of(first, marks, config).authors] == [(), (), ()]


def test_each_owner_keeps_its_own_answer_on_a_shared_name() -> None:
    person = SharedPerson("Charles Babbage")
    ada, charles = OwnerMatcher("Ada Lovelace"), OwnerMatcher("Babbage, C.")
    for _ in range(2):  # the second round reads the kept answers
        assert ada.matches(person) is False
        assert charles.matches(person) is True


def test_kept_results_are_per_shared_person_only() -> None:
    calls: list[str] = []

    @per_spelling
    def family(person: Person) -> str:
        calls.append(str(person))
        return " ".join(person.last_names)

    shared, plain = SharedPerson("Ada Lovelace"), Person("Ada Lovelace")
    assert [family(shared), family(shared), family(plain), family(plain)] == ["Lovelace"] * 4
    assert calls == ["Lovelace, Ada"] * 3  # once for the shared one, every time otherwise


def test_a_whole_list_reads_what_each_name_keeps() -> None:
    """kept_all: computed one by one the first time, read in one pass after, same answers."""
    shared = [SharedPerson(name) for name in ("Ada Lovelace", "Babbage, Charles", "{others}")]
    mixed = [*shared, Person("Mary Somerville")]
    expected = ["Ada Lovelace", "Charles Babbage", "others", "Mary Somerville"]
    assert kept_all(plain_name, mixed) == expected  # a person that is not shared: one by one
    assert kept_all(plain_name, shared) == expected[:3]  # all kept: one pass
    assert kept_all(plain_name, []) == []
    matcher = OwnerMatcher("Lovelace, A.")
    assert kept_all(matcher.matches, shared) == [True, False, False]
    assert kept_all(matcher.matches, shared) == [True, False, False]


def test_a_pickled_shared_person_drops_what_it_kept() -> None:
    person = SharedPerson("Somerville, Mary")
    assert plain_name(person) == "Mary Somerville"
    assert any(name.startswith("_cvbib_") for name in vars(person))
    again = pickle.loads(pickle.dumps(person))
    assert type(again) is SharedPerson and str(again) == str(person)
    assert not any(name.startswith("_cvbib_") for name in vars(again))
    assert plain_name(again) == "Mary Somerville"


# --- the reader's whitespace ------------------------------------------------------


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("ab {}\t\n\r\x0b\x0c\x1c\x85\xa0\u2000\u3000é")))
def test_whitespace_is_normalized_as_pybtex_does(text: str) -> None:
    assert cvbib_normalize_whitespace(text) == normalize_whitespace(text)


# --- compacted rich text -------------------------------------------------------------


def _paragraph(text: Text) -> nodes.paragraph:
    return nodes.paragraph("", "", *text.render(find_plugin("pybtex.backends", "docutils")()))


def _merge(element: nodes.Element) -> None:
    """Merge adjacent text nodes, and adjacent elements of one kind with one set of attributes.

    Two renderings that differ only so (``<em>a</em><em>a</em>`` and
    ``<em>aa</em>``) read the same.
    """
    merged: list[nodes.Node] = []
    for child in element.children:
        last = merged[-1] if merged else None
        if isinstance(child, nodes.Text) and isinstance(last, nodes.Text):
            merged[-1] = nodes.Text(last.astext() + child.astext())
        elif (
            isinstance(child, nodes.Element)
            and type(last) is type(child)
            and last.attributes == child.attributes
        ):
            last.extend(child.children)
        else:
            merged.append(child)
    element.children = []
    element.extend(merged)
    for child in element.children:
        if isinstance(child, nodes.Element):
            _merge(child)


def _render(text: Text) -> str:
    """The docutils rendering of *text*, as it reads, as a pseudo-XML dump."""
    paragraph = _paragraph(text)
    _merge(paragraph)
    return paragraph.pformat()


_LEAVES = st.one_of(
    st.text(alphabet="ab ,.", min_size=1, max_size=4).map(String),
    st.sampled_from(["newblock", "nbsp", "ndash"]).map(Symbol),
)
_RICH = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda parts: Text(*parts)),
        st.lists(inner, max_size=4).map(lambda parts: Protected(*parts)),
        st.lists(inner, max_size=4).map(lambda parts: Tag("em", *parts)),
        st.lists(inner, max_size=3).map(lambda parts: HRef("https://example.org", *parts)),
    ),
    max_leaves=12,
)


@settings(max_examples=300)
@given(st.lists(_RICH, max_size=5))
def test_compacted_text_renders_the_same_in_fewer_nodes(parts: list) -> None:
    text = Text(*parts)
    small = compacted(text)
    assert _render(small) == _render(text)
    assert len(list(_paragraph(small).findall())) <= len(list(_paragraph(text).findall()))


def test_compacted_entry_is_one_text_node_per_run() -> None:
    entry = Text(
        "Anonymous.",
        Symbol("newblock"),
        "Summary of the ",
        Protected(Protected("TeX"), " User Group meeting"),
        ".",
        Symbol("newblock"),
        Tag("em", "TUGboat"),
        ", 4(2):55",
        Symbol("ndash"),
        "57.",
    )
    assert compacted(entry) == Text(
        "Anonymous. Summary of the TeX User Group meeting. ",
        Tag("em", "TUGboat"),
        ", 4(2):55\N{EN DASH}57.",
    )
