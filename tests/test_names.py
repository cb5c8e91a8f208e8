"""Owner-name matching: every spelling of the owner is bold, nobody else is.

The table pairs each accepted spelling with near misses, because the costly
error is bolding a different person (a co-author with the same family name).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pybtex.database import Person

from cvbib.people import InvalidName, NameKey, OwnerMatcher, name_key, parse_owner_name

KZ = "Kaiyan Zhang"
MJ = "María José García-López"
LB = "Ludwig van Beethoven"
MLK = "King, Jr., Martin Luther"
#: A two-word surname without a hyphen: BibTeX reads only "López" as the family.
MJ2 = "María José García López"

# (owner, aliases, candidate as written in a .bib file, expected)
CASES: list[tuple[str, tuple[str, ...], str, bool]] = [
    # Both BibTeX orders, case, braces, ties.
    (KZ, (), "Kaiyan Zhang", True),
    (KZ, (), "Zhang, Kaiyan", True),
    (KZ, (), "KAIYAN ZHANG", True),
    (KZ, (), "zhang, kaiyan", True),
    (KZ, (), "{Zhang}, Kaiyan", True),
    (KZ, (), "{Kaiyan} {Zhang}", True),
    (KZ, (), "Kaiyan~Zhang", True),
    (KZ, (), "  Zhang ,   Kaiyan  ", True),
    # Hyphens and spaces inside the given name.
    (KZ, (), "Kai-Yan Zhang", True),
    (KZ, (), "Kai Yan Zhang", True),
    (KZ, (), "Zhang, Kai-Yan", True),
    # Initials.
    (KZ, (), "K. Zhang", True),
    (KZ, (), "Zhang, K.", True),
    (KZ, (), "K Zhang", True),
    (KZ, (), "K.~Zhang", True),
    # Near misses: other people called Zhang, or another family.
    (KZ, (), "Kai Zhang", False),
    (KZ, (), "Wei Zhang", False),
    (KZ, (), "Kaiyan Zhao", False),
    (KZ, (), "Kaiyan, Zhang", False),
    (KZ, (), "Y. Zhang", False),
    (KZ, (), "K. Y. Zhang", False),
    (KZ, (), "K.-Y. Zhang", False),
    (KZ, (), "Zhang", False),
    (KZ, (), "Kaiyang Zhang", False),
    (KZ, (), "Kaiyan Zhang-Li", False),
    (KZ, (), "others", False),
    # An owner with a hyphenated given name has two initials.
    ("Kai-Yan Zhang", (), "K.-Y. Zhang", True),
    ("Kai-Yan Zhang", (), "K. Y. Zhang", True),
    ("Kai-Yan Zhang", (), "Kaiyan Zhang", True),
    ("Kai-Yan Zhang", (), "K. Zhang", False),
    # CJK names written as one token.
    (KZ, ("张凯岩",), "张凯岩", True),
    (KZ, ("张凯岩",), "{张凯岩}", True),
    (KZ, ("张凯岩",), "张凯", False),
    ("张凯岩", (), "Kaiyan 张凯岩", False),
    # However an export spaces a CJK name: family first, "Last, First", "First Last".
    (KZ, ("张凯岩",), "张 凯岩", True),
    (KZ, ("张凯岩",), "张, 凯岩", True),
    (KZ, ("张凯岩",), "凯岩 张", True),
    (KZ, ("张凯岩",), "张 凯", False),
    (KZ, ("张凯岩",), "凯岩", False),
    (KZ, ("김민수",), "김 민수", True),
    (KZ, ("김민수",), "김 민", False),
    # Accents: LaTeX in every usual form, UTF-8 and plain ASCII are one name.
    (MJ, (), "María José García-López", True),
    (MJ, (), r"Mar{\'\i}a Jos{\'e} Garc{\'\i}a-L{\'o}pez", True),
    (MJ, (), r"Mar\'{i}a Jos\'{e} Garc\'{i}a-L\'{o}pez", True),
    (MJ, (), r"Mar\'ia Jos\'e Garc\'ia-L\'opez", True),
    (MJ, (), "Maria Jose Garcia-Lopez", True),
    (MJ, (), "GARCÍA-LÓPEZ, MARÍA JOSÉ", True),
    (MJ, (), "M. J. García-López", True),
    (MJ, (), "M.J. García-López", True),
    (MJ, (), "M.-J. García-López", True),
    (MJ, (), "María J. García-López", True),
    (MJ, (), "García-López, M. J.", True),
    (MJ, (), "M. García-López", False),
    (MJ, (), "Marta García-López", False),
    (MJ, (), "María José García", False),
    (MJ, (), "M. J. K. García-López", False),
    ("Ayşe Öztürk", (), r"Ay{\c{s}}e {\"O}zt{\"u}rk", True),
    ("Ayşe Öztürk", (), "Ayse Ozturk", True),
    ("Ayşe Öztürk", (), r"{\"O}zt{\"u}rk, A.", True),
    ("Ayşe Öztürk", (), r"Ay{\c{s}}e {\"O}zt{\"u}rkmen", False),
    (r"{\v{S}}koda, J.", (), "Jan Škoda", True),
    (r"{\v{S}}koda, J.", (), "Skoda, J.", True),
    (r"{\v{S}}koda, J.", (), "P. Škoda", False),
    # von parts belong to the family name, in any case and order.
    (LB, (), "van Beethoven, Ludwig", True),
    (LB, (), "Ludwig van Beethoven", True),
    (LB, (), "Van Beethoven, Ludwig", True),
    (LB, (), "{van Beethoven}, Ludwig", True),
    (LB, (), "L. van Beethoven", True),
    (LB, (), "Ludwig Beethoven", False),
    (LB, (), "Ludwig von Beethoven", False),
    # Lineage: must agree when both sides give one.
    (MLK, (), "King, Jr., Martin Luther", True),
    (MLK, (), "King, Jr, Martin Luther", True),
    (MLK, (), "Martin Luther King", True),
    (MLK, (), "King, III, Martin Luther", False),
    (MLK, (), "M. L. King", True),
    (MLK, (), "Martin King", False),
    # Aliases: any of them may match.
    (KZ, ("Zhang, Kai-Yan", "Kaiyan Li"), "Kaiyan Li", True),
    (KZ, ("Kaiyan Li",), "K. Li", True),
    (KZ, ("Kaiyan Li",), "Wei Li", False),
    # Two-word surnames, with or without hyphen, in every order (Crossref, Scholar, DBLP).
    (MJ2, (), "García López, María José", True),
    (MJ2, (), "García-López, María José", True),
    (MJ2, (), "María José García-López", True),
    (MJ2, (), r"Mar{\'{\i}}a Jos{\'{e}} Garc{\'{\i}}a L{\'{o}}pez", True),
    (MJ2, (), "García-López, MJ", True),
    (MJ2, (), "García López, M.J.", True),
    (MJ2, (), "García López, M. J.", True),
    (MJ2, (), "García López, M.-J.", True),
    (MJ2, (), "MJ García López", True),
    (MJ2, (), "M. J. García López", True),
    (MJ2, (), "María José García López 0002", True),
    (MJ, (), "García López, María José", True),
    (MJ, (), "García-López, MJ", True),
    (KZ, ("María José García López",), "García López, María José", True),
    (MJ2, (), "Marta García-López", False),
    (MJ2, (), "Marta García López", False),
    (MJ2, (), "José García López", False),
    (MJ2, (), "García López, José", False),
    (MJ2, (), "María José García", False),
    (MJ2, (), "García, María José", False),
    (MJ2, (), "M. García López", False),
    (MJ2, (), "García López, M", False),
    (MJ2, (), "García López, MJK", False),
    (MJ2, (), "María José López", False),
    (MJ, (), "Marta García-López", False),
    (MJ, (), "García-López, MT", False),
    # Glued initials only in a name that is not all capitals.
    (KZ, (), "Zhang, K", True),
    (KZ, (), "Zhang, KY", False),
    ("Kai Yan Zhang", (), "Zhang, KY", True),
    ("Yu Zhang", (), "YU ZHANG", True),
    ("Yu Zhang", (), "Zhang, YU", False),
    # DBLP homonym numbers are no part of the name; the namesake stays a namesake.
    ("Wei Wang", (), "Wei Wang 0001", True),
    ("Wei Wang", (), "Wang 0001, Wei", True),
    ("Wei Wang 0003", (), "Wei Wang", True),
    ("Wei Wang", (), "Wei Wang Wang 0001", False),
    (KZ, (), "Kai Zhang 0001", False),
    (KZ, (), "0001", False),
    # al-folio's co-first and corresponding marks glued to the name.
    (KZ, (), "Zhang*, Kaiyan", True),
    (KZ, (), "Kaiyan Zhang*", True),
    (KZ, (), "Zhang†, K.", True),
    (KZ, (), "Kai Zhang*", False),
    # Leftover TeX: \relax, lone backslashes, unbalanced braces.
    ("Christine Smith", (), r"{\relax Ch}ristine Smith", True),
    (KZ, (), r"Kaiyan Zhang\relax", True),
    (KZ, (), "\\", False),
    (KZ, (), "{Kaiyan Zhang", False),
    (KZ, (), "Kaiyan}, Zhang", False),
]


def _case_id(case: tuple[str, tuple[str, ...], str, bool]) -> str:
    owner, aliases, candidate, expected = case
    return f"{owner}|{'+'.join(aliases)}|{candidate}|{expected}"


@pytest.mark.parametrize(
    ("owner", "aliases", "candidate", "expected"), CASES, ids=[_case_id(c) for c in CASES]
)
def test_match_table(owner: str, aliases: tuple[str, ...], candidate: str, expected: bool) -> None:
    matcher = OwnerMatcher(owner, aliases)
    assert matcher.matches_text(candidate) is expected
    assert matcher.matches(Person(candidate)) is expected


def test_table_is_large_and_balanced() -> None:
    assert len(CASES) >= 45
    assert sum(expected for *_, expected in CASES) >= 20
    assert sum(not expected for *_, expected in CASES) >= 20


@pytest.mark.parametrize("candidate", ["K. Zhang", "Zhang, K.", "K Zhang", "M. Zhang"])
def test_initials_off_rejects_initials(candidate: str) -> None:
    assert not OwnerMatcher(KZ, match_initials=False).matches_text(candidate)


@pytest.mark.parametrize("candidate", ["Kaiyan Zhang", "Zhang, Kai-Yan", "KAIYAN ZHANG"])
def test_initials_off_keeps_full_names(candidate: str) -> None:
    assert OwnerMatcher(KZ, match_initials=False).matches_text(candidate)


def test_initials_off_keeps_owner_written_with_initials() -> None:
    assert OwnerMatcher("J. Škoda", match_initials=False).matches_text("Škoda, J.")


@pytest.mark.parametrize(
    "candidate", ["Kaiyan Zhang", "Zhang, K.", "Kai-Yan Zhang", "Kai Zhang", "Kaiyan Zhao"]
)
def test_owner_order_does_not_matter(candidate: str) -> None:
    first_last = OwnerMatcher("Kaiyan Zhang")
    last_first = OwnerMatcher("Zhang, Kaiyan")
    assert first_last.matches_text(candidate) == last_first.matches_text(candidate)
    assert parse_owner_name("Zhang, Kaiyan") == parse_owner_name("Kaiyan Zhang")


def test_name_key_shape() -> None:
    assert name_key(Person(r"García-López, M.-J.")) == NameKey(("m", "j"), "garcia lopez", "")
    assert name_key(Person("García-López, MJ")) == NameKey(("m", "j"), "garcia lopez", "")
    assert name_key(Person("Wei Wang 0001")) == NameKey(("wei",), "wang", "")
    assert name_key(Person("Zhang*, Kaiyan")) == NameKey(("kaiyan",), "zhang", "")
    assert name_key(Person("van Beethoven, Ludwig")) == NameKey(("ludwig",), "van beethoven", "")
    assert name_key(Person("King, Jr., Martin Luther")).lineage == "jr"
    assert parse_owner_name(r"{\v{S}}koda, J.") == NameKey(("j",), "skoda", "")


@pytest.mark.parametrize("text", ["", "   ", ",", "and", "others", "{}", "Kaiyan and Wei"])
def test_unusable_names_are_rejected(text: str) -> None:
    with pytest.raises(InvalidName, match=re.escape(repr(text))):
        parse_owner_name(text)


@pytest.mark.parametrize(
    ("owner", "reason"), [("", "empty"), ("   ", "empty"), ("others", "others")]
)
def test_bad_owner_is_named(owner: str, reason: str) -> None:
    with pytest.raises(InvalidName, match=reason) as raised:
        OwnerMatcher(owner)
    assert "owner" in str(raised.value)
    assert repr(owner) in str(raised.value)


def test_bad_alias_is_named() -> None:
    with pytest.raises(InvalidName, match="alias 2 '' is empty"):
        OwnerMatcher(KZ, aliases=["张凯岩", ""])


def test_single_string_alias_is_one_alias() -> None:
    assert OwnerMatcher(KZ, aliases="Kaiyan Li").matches_text("Kaiyan Li")


def test_others_never_matches_even_as_alias_family() -> None:
    matcher = OwnerMatcher("Kaiyan Others")
    assert not matcher.matches(Person("others"))
    assert matcher.matches_text("Kaiyan Others")


@pytest.mark.parametrize(
    "person",
    [
        Person(),
        Person(first="{", last="}"),
        Person(last="{}"),
        Person(first="\\", last="\\"),
        Person(first=r"\relax", last=r"{\relax}"),
        Person(first="%", last="~"),
        Person(r"{\relax Ch}ristine {\"{\i}}"),
    ],
)
def test_odd_persons_never_raise(person: Person) -> None:
    assert isinstance(name_key(person), NameKey)
    assert OwnerMatcher(KZ).matches(person) is False


NAMEISH = st.text(
    alphabet=st.sampled_from(list("KaiyZhng {}\\,.~-'\"% and others\u00e9\u5f20"))
    | st.characters(),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(NAMEISH)
def test_matching_never_raises(text: str) -> None:
    matcher = OwnerMatcher(KZ, aliases=("张凯岩",))
    assert isinstance(matcher.matches_text(text), bool)
    try:
        person = Person(text)
    except Exception:
        assume(False)
        return
    assert isinstance(matcher.matches(person), bool)
    assert isinstance(name_key(person), NameKey)
