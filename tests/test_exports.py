"""Names as export tools write them: DBLP homonym numbers and al-folio's glued marks.

The unit tests read real DBLP and al-folio text with :func:`read_bibfiles`; the
build test renders tests/roots/test-exports and reads the page as a visitor
does: no "0001" on screen, the marks shown as superscripts, the owner bold.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from cvbib_roots import build, strongs

from cvbib.bib import clean_name, merge_annotation, read_bibfiles

ROOT_BIB = Path(__file__).parent / "roots" / "test-exports" / "refs.bib"


@pytest.mark.parametrize(
    ("written", "name", "keywords"),
    [
        ("Wei Wang 0001", "Wei Wang", ()),
        ("Wang 0001, Wei", "Wang, Wei", ()),
        (r"Mar{\'{\i}}a Garc{\'{\i}}a 0002", r"Mar{\'{\i}}a Garc{\'{\i}}a", ()),
        ("Zhang*, Kaiyan", "Zhang, Kaiyan", ("equal",)),
        ("Kaiyan Zhang*", "Kaiyan Zhang", ("equal",)),
        ("Zhang†, K.", "Zhang, K.", ("corresponding",)),
        ("Kaiyan Zhang*†", "Kaiyan Zhang", ("equal", "corresponding")),
        ("Wei Wang 0001†", "Wei Wang", ("corresponding",)),
        # Left alone: a braced name, a number that is the whole name, a year-like word inside.
        ("{Zhang*}, K.", "{Zhang*}, K.", ()),
        ("{Wei Wang 0001}", "{Wei Wang 0001}", ()),
        ("0001", "0001", ()),
        ("Kaiyan Zhang", "Kaiyan Zhang", ()),
    ],
)
def test_clean_name(written: str, name: str, keywords: tuple[str, ...]) -> None:
    assert clean_name(written) == (name, keywords)


def test_merge_annotation() -> None:
    assert merge_annotation(None, "1=equal") == "1=equal"
    assert merge_annotation("2=lead;", "1=equal") == "2=lead; 1=equal"
    assert merge_annotation("2=lead", "") == "2=lead"


def test_dblp_and_alfolio_entries_are_read_clean() -> None:
    data, _, problems = read_bibfiles([ROOT_BIB])
    assert problems == []
    dblp = data.entries["DBLP:conf/ismb/GarciaLopezW023"]
    assert [str(p) for p in dblp.persons["author"]] == [
        r"L{\'{o}}pez, Mar{\'{\i}}a Jos{\'{e}} Garc{\'{\i}}a",
        "Wang, Wei",
        "Li, Jun",
    ]
    assert "author+an" not in dblp.fields
    alfolio = data.entries["alfolio2024"]
    assert [str(p) for p in alfolio.persons["author"]] == [
        "Zhang, Kaiyan",
        "García López, María José",
        "Dupont, Pierre",
    ]
    assert alfolio.fields["author+an"] == "1=equal; 2=equal; 3=corresponding"
    merged = data.entries["alfolio2022"]
    assert merged.fields["author+an"] == "2=corresponding; 1=equal; 3=corresponding"


@pytest.mark.parametrize("style", ["cv", "plain"])
def test_exports_render_as_an_author_would_write_them(make_app, tmp_path: Path, style: str) -> None:
    built = build(make_app, "exports", tmp_path, bibtex_default_style=style)
    assert built.warnings == []
    texts = built.texts()
    assert len(texts) == 3
    assert not any(number in text for text in texts for number in ("0001", "0002"))
    # Each mark once, as the superscript the annotation makes (not also the glyph as text).
    assert not any(twice in text for text in texts for twice in ("**", "††", "*†*"))

    dblp = built.item("Homonym Numbers")
    assert "Wei Wang" in dblp.get_text() and "Jun Li" in dblp.get_text()
    assert len(strongs(dblp)) == 1

    alfolio = built.item("Co-first Marks")
    assert strongs(alfolio) == ["María José García López*"]
    assert [s.get_text() for s in alfolio.find_all("sup")] == ["*", "*", "†"]

    merged = built.item("Marks Merged")
    assert strongs(merged) == ["María José García López†"]
    assert [s.get_text() for s in merged.find_all("sup")] == ["*", "†", "†"]
