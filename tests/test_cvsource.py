"""The content tests' own reader of a CV's sources (tests/cvsource.py), checked by hand.

The reader decides what the page and the PDF must show without the code under
test, so it gets its own tests: titles as a reader sees them (Crossref tags,
math), names as the export tools write them, the options of ``{bibliography}``,
the list items of a section, and whether a checkout is the sample. On the
sample, what it reads must agree with the facts typed by hand in cv_facts.py.
"""

from __future__ import annotations

from pathlib import Path

import pybtex.database
import pytest
from cv_facts import HIGHLIGHTS, OWNER, SELECTED
from cvbuild import BUILD_FIXTURES, BUILD_MODULES, copy_cv, not_the_sample, sample_only, source_root
from cvsource import (
    Entry,
    Name,
    UnknownFilter,
    comparable,
    folded,
    read_cv,
    read_name,
    read_section,
    reader_text,
    same_person,
    selects,
)
from othercv import NAME as OTHER_OWNER


def name(text: str) -> Name:
    return read_name(pybtex.database.Person(text))


@pytest.mark.parametrize(
    ("field", "seen"),
    [
        (r"<i>In vivo</i> imaging of $\mathrm{Ca}^{2+}$ waves", "In vivo imaging of Ca2+ waves"),
        (r"Search for $H \to b\bar{b}$ decays", "Search for H → b b̄ decays"),
        (r"Caf{\'e} \& {B}ar: the {\"U}ber-{\o}l", "Café & Bar: the Über-øl"),
        ("Tom &amp; Jerry<sub>2</sub>", "Tom & Jerry2"),
        (r"\emph{Deep} {Learning} -- a \textsc{Survey}", "Deep Learning – a Survey"),
    ],
)
def test_titles_as_a_reader_sees_them(field: str, seen: str) -> None:
    assert comparable(reader_text(field)) == comparable(seen)
    assert "<" not in reader_text(field) and "$" not in reader_text(field)


OWNER_SPELLINGS = [
    # (owner, spelling in the .bib, same person?)
    ("Kaiyan Zhang", "Zhang, Kaiyan", True),
    ("Kaiyan Zhang", "Zhang, K.", True),
    ("Kaiyan Zhang", "Kai-Yan Zhang", True),
    ("Kaiyan Zhang", "K. Y. Zhang", False),
    ("Kaiyan Zhang", "Yuchen Zhang", False),
    ("Kaiyan Zhang", "Zhang-Ren Chen", False),
    ("Kaiyan Zhang", "Kaiyan Zhang*", True),
    ("Wei Wang", "Wei Wang 0001", True),
    ("María José García López", r"Mar{\'{\i}}a Jos{\'{e}} Garc{\'{\i}}a L{\'{o}}pez 0002", True),
    ("María José García López", r"Garc{\'\i}a-L{\'o}pez, MJ", True),
    ("María José García López", "García López, María José", True),
    ("María José García López", "Garcia, Maria J.", False),
    ("María José García López", "José García López", False),
    ("Ingrid Søndergaard", r"S{\o}ndergaard, I", True),
    ("Ludwig van Beethoven", "van Beethoven, Ludwig", True),
]


@pytest.mark.parametrize(("owner", "spelling", "same"), OWNER_SPELLINGS)
def test_the_owner_as_export_tools_spell_them(owner: str, spelling: str, same: bool) -> None:
    assert same_person(name(spelling), name(owner)) is same


def test_initials_only_when_the_owner_allows_them() -> None:
    assert same_person(name("Zhang, K."), name("Kaiyan Zhang"), initials=True)
    assert not same_person(name("Zhang, K."), name("Kaiyan Zhang"), initials=False)


def test_names_read_as_shown() -> None:
    assert name(r"Ingrid S{\o}ndergaard 0002").shown == "Ingrid Søndergaard"
    assert folded(name(r"Garc{\'\i}a-L{\'o}pez, MJ").shown) == "mjgarcialopez"


def entry(key: str, **fields: str) -> Entry:
    source = pybtex.database.Entry("article", fields=fields)
    return Entry(key, "article", fields.get("title", ""), (), source)


@pytest.mark.parametrize(
    ("fields", "selected"),
    [
        ({"keywords": "selected"}, True),
        ({"keywords": "imaging; Selected , data"}, True),
        ({"keywords": "Selected reaction monitoring"}, False),
        ({"selected": "{true}"}, True),
        ({"selected": "yes"}, True),
        ({"selected": "false"}, False),
        ({}, False),
    ],
)
def test_selected_as_the_readme_words_it(fields: dict[str, str], selected: bool) -> None:
    assert selects({"selected": ""}, [])(entry("k", **fields)) is selected


def test_bibliography_options() -> None:
    arxiv = entry("a", journal="arXiv preprint arXiv:2104.01234")
    nature = entry("n", journal="Nature", keywords="selected")
    assert selects({"all": ""}, [])(arxiv)
    assert selects({"filter": "False"}, ["n"])(nature)
    assert not selects({"filter": "False"}, ["n"])(arxiv)
    assert not selects({}, [])(nature)  # the default filter is "cited": a CV cites nothing
    by_journal = selects({"filter": 'journal % "arxiv"'}, [])
    assert by_journal(arxiv) and not by_journal(nature)
    both = selects({"filter": 'not journal % "arxiv"', "selected": ""}, [])
    assert both(nature) and not both(arxiv)
    assert selects({"filter": 'type == "article" and key != "x"'}, [])(arxiv)


def test_a_filter_the_reader_does_not_know_stops_the_test() -> None:
    with pytest.raises(UnknownFilter, match=r"tests/cvsource\.py"):
        selects({"filter": 'year > "2020"'}, [])(entry("k"))


def test_list_items_as_shown(tmp_path: Path) -> None:
    path = tmp_path / "honors.md"
    path.write_text(
        "## Honors\n\n- Marie Curie Fellowship [2022 – 2024]{.cv-dates}\n"
        "- **Best Poster**{#poster}, 2021\n- {private}`a secret`\n",
        "utf-8",
    )
    honors, _ = read_section(path, {})
    assert honors.headings == ["Honors"]
    assert honors.items == ["Marie Curie Fellowship 2022 – 2024", "Best Poster, 2021"]
    assert honors.bold == ["Best Poster"]


@sample_only()
def test_the_reader_agrees_with_the_hand_typed_facts() -> None:
    cv = read_cv(source_root())
    shown = cv.shown("html")
    assert [e.key for e in shown] == [pub.key for pub in HIGHLIGHTS + SELECTED]
    assert [comparable(e.title) for e in shown] == [
        comparable(pub.title) for pub in HIGHLIGHTS + SELECTED
    ]
    assert all([n.shown for n in e.owner] == [OWNER] for e in shown)
    assert cv.shown("latex") == shown  # the PDF carries the selected list, as the source does


@sample_only()
def test_the_sample_is_recognised() -> None:
    assert not_the_sample(source_root()) is None


def test_another_owner_is_not_the_sample(other_cv_root: Path) -> None:
    reason = not_the_sample(other_cv_root)
    assert reason is not None and OTHER_OWNER in reason


@sample_only()
def test_the_sample_with_placeholders_is_not_the_sample(tmp_path: Path) -> None:
    root = copy_cv(tmp_path / "cv")
    (root / "sections" / "vision.md").write_text("## Vision\n\n- Placeholder: yours\n", "utf-8")
    assert not_the_sample(root) == "make new-cv placeholders in sections/: vision.md"


def test_the_modules_reading_the_builds_share_a_worker(request: pytest.FixtureRequest) -> None:
    """cvbuild.BUILD_MODULES names every module that reads a session build, so xdist
    runs them on one worker and each CV is built once (a module left out would
    build it again on another worker: slower, not wrong)."""
    readers = {
        item.path.name
        for item in request.session.items
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ()))
    }
    assert readers <= BUILD_MODULES, readers - BUILD_MODULES
