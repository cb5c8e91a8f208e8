"""A physicist's CV as a reader sees it: on the web page, in the PDF and in its metadata.

The CV is tests/physicscv.py (INSPIRE-HEP, NASA ADS, CiNii, HAL, Zenodo and
GitHub entries, a 2,997-author paper, talks, software, a data set), built once
per session and shared with the content tests (test_site.py, test_pdf.py).
Every expected text below is typed by hand from what a physicist would write
on a CV; none is produced by the code under test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from cvbuild import BuiltHtml, BuiltPdf
from physicscv import AUTHORS, NAME, POSITION

#: The entries' page names (their keys with ":" made "_").
HIGGS = "pub/ATLAS_2012yve.html"
HBB = "pub/ATLAS_2018kot.html"
MASS = "pub/ATLAS_2023xyz.html"
ADS = "pub/2020PhRvD.101a2002A.html"
CINII = "pub/110009876543.html"
GITHUB = "pub/Dubois-Nakamura_trackml-gnn_2023.html"
ZENODO = "pub/dubois_nakamura_2023_7654321.html"
THESIS = "pub/duboisnakamura_tel-01234567.html"


def text_of(tag: Tag) -> str:
    """What a reader reads: hidden names left out, spaces as they show."""
    for hidden in tag.select(".cvbib-authors-hidden"):
        hidden.decompose()
    return " ".join(tag.get_text().replace("\N{NO-BREAK SPACE}", " ").split())


def entry(built: BuiltHtml, title: str) -> Tag:
    """The list item whose paragraph holds *title*, exactly one."""
    found = [li for li in built.soup.select("article li[id]") if title in li.get_text()]
    assert len(found) == 1, title
    return found[0]


def line(built: BuiltHtml, title: str) -> str:
    paragraph = entry(built, title).find("p")
    assert isinstance(paragraph, Tag)
    return text_of(BeautifulSoup(str(paragraph), "html.parser"))


def bold(built: BuiltHtml, title: str) -> list[str]:
    return [
        " ".join(s.get_text().replace("\N{NO-BREAK SPACE}", " ").split())
        for s in entry(built, title).find("p").find_all("strong")  # type: ignore[union-attr]
    ]


def page(built: BuiltHtml, name: str) -> BeautifulSoup:
    return BeautifulSoup((built.outdir / name).read_text("utf-8"), "html.parser")


def metas(soup: BeautifulSoup, name: str) -> list[str]:
    return [str(m["content"]) for m in soup.find_all("meta", attrs={"name": name})]


def json_ld(soup: BeautifulSoup) -> dict:
    (found,) = [
        json.loads(s.string)
        for s in soup.find_all("script", type="application/ld+json")
        if json.loads(s.string).get("@type") != "Person"
    ]
    return found


@pytest.fixture(scope="module")
def site(physics_cv_html: BuiltHtml) -> BuiltHtml:
    return physics_cv_html


# --- the CV page --------------------------------------------------------------------


def test_no_warning_and_none_suppressed(site: BuiltHtml, physics_cv_root: Path) -> None:
    assert site.warnings == ""
    assert "suppress_warnings" not in (physics_cv_root / "conf.py").read_text("utf-8")


def test_a_collaboration_paper_reads_as_a_physicist_cites_it(site: BuiltHtml) -> None:
    text = line(site, "Observation of a new particle")
    assert text == (
        "ATLAS Collaboration, Georges Aad et al. Observation of a new particle in the search "
        "for the Standard Model Higgs boson with the ATLAS detector at the LHC. "
        "Phys. Lett. B 716:1–29, 2012."
    )
    # She is a member the list does not name: the collaboration is where her name would be.
    assert bold(site, "Observation of a new particle") == ["ATLAS Collaboration"]


def test_the_3000_author_paper_keeps_her_and_cuts_the_rest(site: BuiltHtml) -> None:
    text = line(site, "Measurement of the Higgs boson mass")
    names = ", ".join(f"Person{n:04d} Member{n:04d}" for n in range(2, 10))
    assert text.startswith(
        f"ATLAS Collaboration, Georges Aad, {names}, …, {NAME}, and 2,987 more. Measurement"
    )
    assert bold(site, "Measurement of the Higgs boson mass") == [NAME]
    # The button says "and 2,987 more", the comma before it is no part of it.
    more = entry(site, "Measurement of the Higgs boson mass").select(".cvbib-authors-more")
    assert [m.get_text() for m in more] == ["and 2,987 more"]
    hidden = entry(site, "Measurement of the Higgs boson mass").select(".cvbib-authors-hidden")
    assert sum(len(h.get_text().strip(", ").split(", ")) for h in hidden) == AUTHORS - 10


def test_ads_entry_journal_macro_and_et_al(site: BuiltHtml) -> None:
    text = line(site, "Combined measurements of Higgs boson")
    assert text.startswith("ATLAS Collaboration, G. Aad, C. Dubois-Nakamura, H. Tanaka, et al.")
    assert text.endswith("Phys. Rev. D 101(1):012002, 2020.")
    assert bold(site, "Combined measurements of Higgs boson") == ["C. Dubois-Nakamura"]


def test_cjk_names_family_first(site: BuiltHtml) -> None:
    text = line(site, "グラフニューラルネットワーク")
    assert text.startswith(
        f"田中宏, 鈴木一郎, and {NAME}. グラフニューラルネットワークによる飛跡再構成."
    )
    assert "宏 田中" not in text
    assert line(site, "Equivariant Transformers").startswith(
        f"Xiaoming Wang*, {NAME}*†, and 李明. Equivariant"
    )


def test_marks_in_the_legends_order(site: BuiltHtml) -> None:
    assert bold(site, "Equivariant Transformers") == [f"{NAME}*†"]
    legends = [" ".join(t.get_text().split()) for t in site.soup.select(".cvbib-legend")]
    assert legends == ["* co-first authors · † corresponding author"]


@pytest.mark.parametrize(
    ("title", "ending"),
    [
        ("Recherche de nouvelle", "PhD thesis, Université Paris-Saclay, 2015."),
        ("Graph neural networks", "Invited talk, LHCP 2023, Belgrade, Serbia, May 2023."),
        (
            "Equivariant networks",
            "Contributed talk, ML4Jets 2022, Rutgers University, New Brunswick, November 2022.",
        ),
        ("trackml-gnn", "trackml-gnn. Software, version 2.1.0, 2023."),
        ("Simulated ttH events", "Dataset, version 1.0, Zenodo, 2023."),
        ("Tracking with graph", "Journal of Physics: Conference Series 1525(1):012045, 2020."),
    ],
)
def test_each_kind_of_work(site: BuiltHtml, title: str, ending: str) -> None:
    assert line(site, title).endswith(ending)


def test_software_links_its_doi_and_its_repository(site: BuiltHtml) -> None:
    links = [a["href"] for a in entry(site, "trackml-gnn").select("a.cvbib-link")]
    assert links == [
        "https://doi.org/10.5281/zenodo.8012345",
        "https://github.com/cdubois/trackml-gnn",
    ]


# --- publication pages and their metadata ---------------------------------------------


def test_a_long_list_comes_after_the_venue_and_the_links(site: BuiltHtml) -> None:
    body = page(site, MASS).select_one(".cvbib-publication-page")
    assert body is not None
    parts = [
        child.get_text() if "rubric" in child.get("class", []) else child["class"][0]
        for child in body.find_all(recursive=False)
    ]
    assert parts[:4] == [
        "cvbib-page-venue",
        "cvbib-actions",
        "Authors (2,997)",
        "cvbib-page-authors",
    ]
    authors = body.select_one(".cvbib-page-authors")
    assert authors is not None
    assert authors.get_text().count(", ") == AUTHORS  # the collaboration, then every name
    assert [s.get_text() for s in authors.find_all("strong")] == [NAME]


def test_a_short_list_comes_first(site: BuiltHtml) -> None:
    body = page(site, HIGGS).select_one(".cvbib-publication-page")
    assert body is not None
    first = body.find(recursive=False)
    assert first is not None and "cvbib-page-authors" in first["class"]
    assert " ".join(first.get_text().split()) == "ATLAS Collaboration, Georges Aad, et al."
    assert [s.get_text() for s in first.find_all("strong")] == ["ATLAS Collaboration"]


def test_highwire_and_json_ld_name_the_collaboration_first(site: BuiltHtml) -> None:
    soup = page(site, MASS)
    authors = metas(soup, "citation_author")
    assert len(authors) == AUTHORS + 1
    assert authors[:2] == ["ATLAS Collaboration", "Georges Aad"]
    assert authors[POSITION] == NAME
    data = json_ld(soup)
    assert data["@type"] == "ScholarlyArticle"
    assert data["author"][0] == {"@type": "Organization", "name": "ATLAS Collaboration"}
    assert len(data["author"]) == AUTHORS + 1
    assert metas(soup, "citation_journal_title") == ["Phys. Rev. Lett."]


def test_description_has_one_period(site: BuiltHtml) -> None:
    soup = page(site, HIGGS)
    assert metas(soup, "description") == [
        "ATLAS Collaboration, Georges Aad et al. Phys. Lett. B 2012"
    ]


def test_math_in_plain_text_metadata(site: BuiltHtml) -> None:
    soup = page(site, HBB)
    title = "Observation of H → bb̄ decays and VH production with the ATLAS detector"
    assert metas(soup, "citation_title") == [title]
    assert soup.title is not None and soup.title.get_text().startswith(title)


def test_ads_journal_in_metadata_and_bibtex(site: BuiltHtml) -> None:
    soup = page(site, ADS)
    assert [
        m.replace("\N{NO-BREAK SPACE}", " ") for m in metas(soup, "citation_journal_title")
    ] == ["Phys. Rev. D"]
    bibtex = soup.select_one(".cvbib-publication-page pre")
    assert bibtex is not None
    assert "journal       = {Phys.~Rev.~D}," in bibtex.get_text()
    assert "\\prd" not in bibtex.get_text()
    download = (site.outdir / "publications.bib").read_text("utf-8")
    assert "\\prd" not in download and "{Phys.~Rev.~D}" in download


def test_cjk_names_in_metadata_and_bibtex(site: BuiltHtml) -> None:
    soup = page(site, CINII)
    assert metas(soup, "citation_author") == ["田中宏", "鈴木一郎", NAME]
    assert [a["name"] for a in json_ld(soup)["author"]] == ["田中宏", "鈴木一郎", NAME]
    bibtex = soup.select_one(".cvbib-publication-page pre")
    assert bibtex is not None
    assert f"author    = {{田中, 宏 and 鈴木, 一郎 and {NAME}}}," in bibtex.get_text()


def test_software_dataset_and_thesis_in_json_ld(site: BuiltHtml) -> None:
    software = json_ld(page(site, GITHUB))
    assert software["@type"] == "SoftwareSourceCode"
    assert software["softwareVersion"] == "2.1.0"
    assert software["codeRepository"] == "https://github.com/cdubois/trackml-gnn"
    dataset = json_ld(page(site, ZENODO))
    assert (dataset["@type"], dataset["version"]) == ("Dataset", "v1.0")
    assert dataset["publisher"] == {"@type": "Organization", "name": "Zenodo"}
    thesis = page(site, THESIS)
    assert json_ld(thesis)["@type"] == "Thesis"
    assert metas(thesis, "citation_dissertation_institution") == ["Université Paris-Saclay"]


# --- the PDF ---------------------------------------------------------------------------------


@pytest.mark.pdf
def test_pdf_text(physics_cv_pdf: BuiltPdf) -> None:
    text = " ".join(physics_cv_pdf.text.replace("\N{NO-BREAK SPACE}", " ").split())
    flat = re.sub(r"\s+", "", physics_cv_pdf.text)
    assert "ATLAS Collaboration, Georges Aad et al." in text
    assert "ATLASCollaboration" in physics_cv_pdf.bold_runs
    assert f"…,{NAME.replace(' ', '')},and2,987more." in flat
    assert "Person0010" not in flat  # the hidden names are not in the PDF
    assert "Phys.Rev.D101(1):012002,2020." in flat
    assert "田中宏,鈴木一郎,and" in flat
    assert "PhDthesis,UniversitéParis-Saclay,2015." in flat
    assert "Invitedtalk,LHCP2023,Belgrade,Serbia,May2023." in flat
    assert "Software,version2.1.0,2023." in flat
    assert "Dataset,version1.0,Zenodo,2023." in flat
    assert "JournalofPhysics:ConferenceSeries1525(1):012045,2020." in flat
    assert len(physics_cv_pdf.pages) == 1
