"""Papers from every field, entry by entry: what a reader sees of each kind of work.

Entries are written by hand, exactly as the tools that export them write
them (INSPIRE-HEP, NASA ADS, CiNii, HAL, Zenodo, GitHub's "Cite this
repository", Google Scholar), and the expected text is what a careful author
would type on a CV. The whole of a physicist's CV built with Sphinx is
tests/test_physics.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pybtex.database import Entry, parse_string

from cvbib.bib import BibProblem, clean_bibtex, read_bibfiles
from cvbib.latex import (
    JOURNAL_MACROS,
    MacroTable,
    collect_unknown,
    decode,
    macros_in_effect,
    read_preamble,
    source_expander,
)
from cvbib.model import links_of, publication_of, thesis_kind, venue_line
from cvbib.people import OwnerMatcher, compute_marks, legend_items, matcher_for, plain_name
from cvbib.settings import CvbibConfig
from cvbib.style import MarkedStyle, register_styles


def one_entry(bib: str) -> Entry:
    (entry,) = parse_string(bib, "bibtex").entries.values()
    return entry


# --- marks in the legend's order ------------------------------------------------


@pytest.mark.parametrize("written", ["equal,corresponding", "corresponding,equal"])
def test_a_names_marks_follow_the_legend(written: str) -> None:
    entry = one_entry(
        "@article{k, author = {Ada Lovelace and Charles Babbage},"
        f" author+an = {{2={written}}}, title = {{T}}}}"
    )
    config = CvbibConfig(owner="Ada Lovelace")
    marks = compute_marks(entry, config, matcher_for(config))
    assert marks.positions["author"][1].symbols == ("*", "†")
    assert legend_items(config, marks.used) == [
        ("*", "co-first authors"),
        ("†", "corresponding author"),
    ]


def test_the_order_of_cv_marks_is_the_order_of_both() -> None:
    entry = one_entry(
        "@article{k, author = {Ada Lovelace}, author+an = {1=equal,corresponding}, title = {T}}"
    )
    config = CvbibConfig(
        owner="Ada Lovelace",
        marks={"corresponding": ("†", "corresponding author"), "equal": ("*", "co-first")},
    )
    marks = compute_marks(entry, config, matcher_for(config))
    assert marks.positions["author"][0].symbols == ("†", "*")
    assert [symbol for symbol, _text in legend_items(config, marks.used)] == ["†", "*"]


# --- math as plain text (<title>, citation_title) -----------------------------------


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"Observation of $H \to b\bar{b}$ decays", "Observation of H → bb̄ decays"),
        (r"$H\rightarrow b \bar b$", "H → bb̄"),
        (r"$t\bar{t}H$ production", "tt̄H production"),
        (r"$pp$ collisions at $\sqrt{s}=13$ TeV", "pp collisions at √s = 13 TeV"),
        (r"$\text{if and only if}$", "if and only if"),
        (r"$\mathrm{Ca}^{2+}$ waves", "Ca²⁺ waves"),
    ],
)
def test_math_reads_as_tex_sets_it(latex: str, plain: str) -> None:
    assert str(decode(latex)) == plain


# --- entries as the tools export them ---------------------------------------------

# HAL's BibTeX: upper-case field names, TYPE = {Theses} on every thesis.
HAL_THESIS = r"""
@phdthesis{duboisnakamura:tel-01234567,
  TITLE = {{Recherche de nouvelle physique dans les {\'e}tats finals {\`a} deux photons avec le d{\'e}tecteur ATLAS}},
  AUTHOR = {Dubois-Nakamura, Chlo{\'e}},
  URL = {https://theses.hal.science/tel-01234567},
  NUMBER = {2015SACLS123},
  SCHOOL = {{Universit{\'e} Paris-Saclay}},
  YEAR = {2015},
  MONTH = Sep,
  KEYWORDS = {Higgs boson ; ATLAS ; Boson de Higgs},
  TYPE = {Theses},
  PDF = {https://theses.hal.science/tel-01234567/file/DUBOIS-NAKAMURA_Chloe_2015.pdf},
  HAL_ID = {tel-01234567},
  HAL_VERSION = {v1},
}
"""  # noqa: E501

# GitHub's "Cite this repository" (ruby-cff's BibTeX): no indent, keys sorted,
# the month a bare macro, the title in double braces.
GITHUB_SOFTWARE = r"""
@software{Dubois-Nakamura_trackml-gnn_2023,
author = {Dubois-Nakamura, Chloé and Tanaka, Hiroshi},
doi = {10.5281/zenodo.8012345},
license = {Apache-2.0},
month = may,
title = {{trackml-gnn}},
url = {https://github.com/cdubois/trackml-gnn},
version = {2.1.0},
year = {2023}
}
"""

# Zenodo's (InvenioRDM's) BibTeX: names padded to 12, a wrapped title, bare year.
ZENODO_DATASET = r"""
@dataset{dubois_nakamura_2023_7654321,
  author       = {Dubois-Nakamura, Chloé and
                  Tanaka, Hiroshi},
  title        = {{Simulated ttH events for graph-network tracking 
                   studies}},
  month        = mar,
  year         = 2023,
  publisher    = {Zenodo},
  version      = {v1.0},
  doi          = {10.5281/zenodo.7654321},
  url          = {https://doi.org/10.5281/zenodo.7654321},
}
"""  # noqa: W291

ZENODO_SOFTWARE = r"""
@software{dubois_nakamura_2024_10987654,
  author       = {Dubois-Nakamura, Chloé},
  title        = {cdubois/trackml-gnn: v2.2.0},
  month        = jan,
  year         = 2024,
  publisher    = {Zenodo},
  version      = {v2.2.0},
  doi          = {10.5281/zenodo.10987654},
  url          = {https://doi.org/10.5281/zenodo.10987654},
}
"""

# Google Scholar: a J. Phys.: Conf. Ser. paper is an @inproceedings.
SCHOLAR_JPCS = r"""
@inproceedings{dubois2020tracking,
  title={Tracking with graph neural networks at the HL-LHC},
  author={Dubois-Nakamura, Chlo{\'e} and Tanaka, Hiroshi},
  booktitle={Journal of Physics: Conference Series},
  volume={1525},
  number={1},
  pages={012045},
  year={2020},
  organization={IOP Publishing}
}
"""

# Talks as a careful author writes them: BibTeX's @unpublished, biblatex's @misc.
TALK_UNPUBLISHED = r"""
@unpublished{dubois2023lhcp,
  author = {Dubois-Nakamura, Chlo{\'e}},
  title = {Graph neural networks for tracking at the HL-LHC},
  note = {Invited talk, LHCP 2023},
  address = {Belgrade, Serbia},
  month = may,
  year = {2023},
}
"""

TALK_BIBLATEX = r"""
@misc{dubois2022ml4jets,
  author = {Dubois-Nakamura, Chloé},
  title = {Equivariant networks for jet tagging},
  type = {Contributed talk},
  eventtitle = {ML4Jets 2022},
  venue = {Rutgers University, New Brunswick},
  eventdate = {2022-11-02},
}
"""


@pytest.mark.parametrize(
    ("bib", "line", "kind"),
    [
        (
            HAL_THESIS,
            "PhD thesis, Université Paris-Saclay, 2015",
            "thesis",
        ),
        (GITHUB_SOFTWARE, "Software, version 2.1.0, 2023", "software"),
        (ZENODO_SOFTWARE, "Software, version 2.2.0, Zenodo, 2024", "software"),
        (ZENODO_DATASET, "Dataset, version 1.0, Zenodo, 2023", "dataset"),
        (SCHOLAR_JPCS, "Journal of Physics: Conference Series 1525(1):012045, 2020", "proceedings"),
        (TALK_UNPUBLISHED, "Invited talk, LHCP 2023, Belgrade, Serbia, May 2023", "talk"),
        (
            TALK_BIBLATEX,
            "Contributed talk, ML4Jets 2022, Rutgers University, New Brunswick, November 2022",
            "talk",
        ),
    ],
    ids=["hal", "github", "zenodo-software", "zenodo-dataset", "scholar-jpcs", "talk", "biblatex"],
)
def test_each_kind_of_work_reads_as_its_author_writes_it(bib: str, line: str, kind: str) -> None:
    entry = one_entry(bib)
    assert str(venue_line(entry)) == line
    config = CvbibConfig(owner="Chloé Dubois-Nakamura")
    publication = publication_of(entry, compute_marks(entry, config, matcher_for(config)), config)
    assert publication.venue_kind == kind


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("@phdthesis{k, TYPE = {Theses}}", "PhD thesis"),
        ("@mastersthesis{k, TYPE = {Theses}}", "Master's thesis"),
        (
            r"@phdthesis{k, TYPE = {Habilitation {\`a} diriger des recherches}}",
            "Habilitation thesis",
        ),
        ("@thesis{k, type = {Thèse de doctorat}}", "PhD thesis"),
        (r"@mastersthesis{k, type = {M{\'e}moire de master}}", "Master's thesis"),
        ("@thesis{k, type = {Dissertation}}", "PhD thesis"),
        ("@thesis{k, type = {Masterarbeit}}", "Master's thesis"),
        ("@thesis{k, type = {Bachelorarbeit}}", "Bachelor's thesis"),
        ("@thesis{k, type = {Diplomarbeit}}", "Diploma thesis"),
        ("@thesis{k, type = {mathesis}}", "Master's thesis"),
        ("@thesis{k, type = {Ph.D. thesis}}", "PhD thesis"),
    ],
)
def test_a_thesis_in_any_type_spelling(written: str, kind: str) -> None:
    assert thesis_kind(one_entry(written)) == kind


def test_software_keeps_its_repository_next_to_its_doi() -> None:
    """A release's DOI is not its repository: both are links."""
    links = [(link.kind, link.url) for link in links_of(one_entry(GITHUB_SOFTWARE))]
    assert links == [
        ("doi", "https://doi.org/10.5281/zenodo.8012345"),
        ("url", "https://github.com/cdubois/trackml-gnn"),
    ]


@pytest.mark.parametrize(
    ("doi", "url", "same"),
    [
        ("10.5281/zenodo.7654321", "https://doi.org/10.5281/zenodo.7654321", True),
        ("10.5281/zenodo.7654321", "https://zenodo.org/records/7654321", True),
        ("10.5281/zenodo.7654321", "https://zenodo.org/records/7654322", False),
        ("10.1103/PhysRevD.101.012002", "https://link.aps.org/doi/10.1103/PhysRevD.101.012002", True),  # noqa: E501
        ("10.1016/j.physletb.2012.08.020", "https://www.sciencedirect.com/science/article/pii/S037026931200857X", True),  # noqa: E501
        ("10.18653/v1/2023.emnlp-main.597", "https://aclanthology.org/2023.emnlp-main.597", True),
        ("10.1016/j.physletb.2012.08.020", "https://github.com/atlas/analysis", False),
        ("10.1103/PhysRevD.101.012002", "https://atlas.cern/Updates/Briefing/Higgs", False),
    ],
)  # fmt: skip
def test_the_doi_wins_only_over_a_url_to_the_same_object(doi: str, url: str, same: bool) -> None:
    entry = Entry("article", fields={"title": "T", "doi": doi, "url": url})
    shown = [link.url for link in links_of(entry)]
    assert shown == ([f"https://doi.org/{doi}"] if same else [f"https://doi.org/{doi}", url])


# --- reading what BibTeX stops at ----------------------------------------------------------


def read(tmp_path: Path, bib: str) -> tuple[dict[str, Entry], list[BibProblem]]:
    """The entries of *bib* as cvbib's reader reads a file, and the problems found."""
    path = tmp_path / "refs.bib"
    path.write_text(bib, "utf-8")
    data, _files, problems = read_bibfiles([path])
    return dict(data.entries), problems


INSPIRE_UNBRACED_ACCENT = r"""
@article{ATLAS:2019abc,
    author = "Aad, Georges and M\"uller, Thomas and Dubois-Nakamura, Chlo\'e and others",
    collaboration = "ATLAS",
    title = "{Search for something}",
    year = "2019"
}
"""


def test_an_unbraced_accent_in_quotes_is_named_and_the_entry_kept(tmp_path: Path) -> None:
    entries, problems = read(tmp_path, INSPIRE_UNBRACED_ACCENT + "@misc{after, title={A}}\n")
    assert list(entries) == ["ATLAS:2019abc", "after"]
    names = [plain_name(person) for person in entries["ATLAS:2019abc"].persons["author"]]
    assert names == ["Georges Aad", "Thomas Müller", "Chloé Dubois-Nakamura", "others"]
    assert [(problem.subtype, problem.line) for problem in problems] == [("syntax_repaired", 3)]
    message = problems[0].message
    assert "field 'author' (line 3) holds the accent \\\" without braces" in message
    assert 'write the accent in braces, {\\"u}' in message
    assert "comma" not in message  # the old advice pointed at a comma


def test_ads_et_al_is_bibtex_others(tmp_path: Path) -> None:
    """ADS ends a list it cut with "and et al.", not a person called "al., et"."""
    entries, problems = read(tmp_path, "@misc{k, author = {{Aad}, G. and {Abbott}, B. and et al.}}")
    assert problems == []
    assert [str(person) for person in entries["k"].persons["author"]] == [
        "{Aad}, G.",
        "{Abbott}, B.",
        "others",
    ]


# --- ADS and the AAS journal macros -------------------------------------------------

# NASA ADS's BibTeX: names as {Family}, Initials, a journal macro, "and et al."
# for a list it cut, the collaboration as the first author.
ADS_ARTICLE = r"""
@ARTICLE{2020PhRvD.101a2002A,
       author = {{ATLAS Collaboration} and {Aad}, G. and {Dubois-Nakamura}, C. and {Tanaka}, H. and et al.},
        title = "{Combined measurements of Higgs boson production and decay using up to 80 fb$^{-1}$ of proton-proton collision data at $\sqrt{s}=$ 13 TeV collected with the ATLAS experiment}",
      journal = {\prd},
     keywords = {High Energy Physics - Experiment},
         year = 2020,
        month = jan,
       volume = {101},
       number = {1},
          eid = {012002},
        pages = {012002},
          doi = {10.1103/PhysRevD.101.012002},
archivePrefix = {arXiv},
       eprint = {1909.02845},
 primaryClass = {hep-ex},
       adsurl = {https://ui.adsabs.harvard.edu/abs/2020PhRvD.101a2002A},
      adsnote = {Provided by the SAO/NASA Astrophysics Data System}
}
"""  # noqa: E501


@pytest.mark.parametrize(
    ("macro", "text"),
    [
        (r"\prd", "Phys. Rev. D"),
        (r"\prl", "Phys. Rev. Lett."),
        (r"\apj", "ApJ"),
        (r"\apjl", "ApJ"),
        (r"\apjs", "ApJS"),
        (r"\aj", "AJ"),
        (r"\aap", "A&A"),
        (r"\aaps", "A&AS"),
        (r"\mnras", "MNRAS"),
        (r"\jcap", "J. Cosmology Astropart. Phys."),
        (r"\nat", "Nature"),
        (r"\pasp", "PASP"),
        (r"\araa", "ARA&A"),
        (r"\physrep", "Phys. Rep."),
        (r"\ssr", "Space Sci. Rev."),
        (r"\psj", "PSJ"),
        (r"\astap", "A&A"),
    ],
)
def test_ads_journal_macros_read_as_journals(macro: str, text: str) -> None:
    assert str(decode(macro)).replace("\N{NO-BREAK SPACE}", " ") == text


def test_every_macro_of_aas_macros_sty_is_built_in() -> None:
    """ADS's list (aas_macros.sty), typed here from the file, and AASTeX's newer five."""
    aas_macros_sty = """
        aj actaa araa apj apjl apjs ao apss aap aapr aaps azh baas bac caa cjaa icarus jcap
        jrasc memras mnras na nar pra prb prc prd pre prl pasa pasp pasj rmxaa qjras skytel
        solphys sovast ssr zap nat iaucirc aplett apspr bain fcp gca grl jcp jgr jqsrt memsai
        nphysa physrep physscr planss procspie astap apjlett apjsupp applopt
    """.split()  # noqa: SIM905 (the file's order, as typed from it)
    aastex_631 = ["psj", "jaavso", "maps", "aas", "dps"]
    assert list(JOURNAL_MACROS) == [*aas_macros_sty, *aastex_631]


def test_ads_entry_reads_and_is_offered_without_macros(tmp_path: Path) -> None:
    entries, problems = read(tmp_path, ADS_ARTICLE)
    assert problems == []
    entry = entries["2020PhRvD.101a2002A"]
    # "and et al." is BibTeX's "others", not a person called "al., et".
    assert str(entry.persons["author"][-1]) == "others"
    line = str(venue_line(entry)).replace("\N{NO-BREAK SPACE}", " ")
    assert line == "Phys. Rev. D 101(1):012002, 2020"
    with collect_unknown() as unknown:
        decode(entry.fields["journal"])
    assert unknown == set()
    bibtex = clean_bibtex(entry, expand=source_expander(MacroTable()))
    assert r"journal       = {Phys.~Rev.~D}," in bibtex
    assert "\\prd" not in bibtex


def test_preamble_macros_are_expanded_in_the_bibtex_offered(tmp_path: Path) -> None:
    bib = (
        '@preamble{"\\newcommand{\\LHC}{Large Hadron Collider}'
        ' \\newcommand{\\apj}{Astrophys.~J.}"}\n'
        "@article{k, author = {Ada Lovelace}, title = {Run 3 of the \\LHC},"
        " journal = {\\apj}, year = 2024}\n"
    )
    path = tmp_path / "refs.bib"
    path.write_text(bib, "utf-8")
    data, _files, problems = read_bibfiles([path])
    assert problems == []
    table = read_preamble("\n".join(data.preamble_list))
    bibtex = clean_bibtex(data.entries["k"], expand=source_expander(table))
    assert "title   = {Run 3 of the Large Hadron Collider}," in bibtex
    # The file's own definition wins over the AAS one, as in LaTeX.
    assert "journal = {Astrophys.~J.}," in bibtex
    with macros_in_effect(table):
        assert str(decode("\\apj")) == "Astrophys.\N{NO-BREAK SPACE}J."


# --- names in CJK scripts -----------------------------------------------------------------

# CiNii's BibTeX: quoted values, family and given names with a comma.
CINII_ARTICLE = r"""
@article{110009876543,
 author="田中, 宏 and 鈴木, 一郎 and Dubois-Nakamura, Chloé",
 title="グラフニューラルネットワークによる飛跡再構成",
 journal="日本物理学会誌",
 ISSN="00290181",
 publisher="一般社団法人 日本物理学会",
 year="2021",
 month="",
 volume="76",
 number="3",
 pages="150-155",
 URL="https://ci.nii.ac.jp/naid/110009876543/",
 DOI="10.11316/butsuri.76.3_150",
}
"""


def test_cinii_names_read_family_first(tmp_path: Path) -> None:
    entries, problems = read(tmp_path, CINII_ARTICLE)
    assert problems == []
    entry = entries["110009876543"]
    names = [plain_name(person) for person in entry.persons["author"]]
    assert names == ["田中宏", "鈴木一郎", "Chloé Dubois-Nakamura"]
    assert "author    = {田中, 宏 and 鈴木, 一郎 and Chloé Dubois-Nakamura}," in (
        clean_bibtex(entry)
    )


@pytest.mark.parametrize(
    ("written", "shown", "bibtex"),
    [
        ("田中, 宏", "田中宏", "田中, 宏"),  # CiNii, CNKI: family, given
        ("田中 宏", "田中宏", "田中, 宏"),  # single-field: written family first
        ("{田中宏}", "田中宏", "{田中宏}"),  # one literal
        ("王 小明", "王小明", "王, 小明"),
        ("김, 민수", "김민수", "김, 민수"),
        ("김 민수", "김민수", "김, 민수"),
        ("デュボワ＝ナカムラ, クロエ", "クロエ・デュボワ＝ナカムラ", "デュボワ＝ナカムラ, クロエ"),
        ("Tanaka, Hiroshi", "Hiroshi Tanaka", "Hiroshi Tanaka"),  # stays Western
        ("Hiroshi Tanaka", "Hiroshi Tanaka", "Hiroshi Tanaka"),
    ],
)
def test_cjk_names_in_every_form(tmp_path: Path, written: str, shown: str, bibtex: str) -> None:
    entries, _problems = read(tmp_path, f"@misc{{k, author = {{{written} and Ada Lovelace}}}}")
    entry = entries["k"]
    (person, _ada) = entry.persons["author"]
    assert plain_name(person) == shown
    assert f"author = {{{bibtex} and Ada Lovelace}}" in clean_bibtex(entry)
    register_styles()
    style = MarkedStyle("plain", CvbibConfig(owner="Ada Lovelace"))
    text = style.format("1", entry).entry.text.render_as("text")
    assert text.startswith(f"{shown} and ")  # pybtex's plain style, abbreviating: no "H. 田中"


def test_cjk_owner_matching_follows_the_name_as_read(tmp_path: Path) -> None:
    """A CJK name is one name however an export spaces it, as it is shown (issue #20).

    ``田中, 宏``, ``田中 宏`` and ``{田中宏}`` all read "田中宏" in the list, so the
    owner written any of these ways is bold in all of them; a name in Latin
    letters is another spelling (an alias), never the same characters.
    """
    entries, _problems = read(
        tmp_path, "@misc{k, author = {田中, 宏 and 田中 宏 and {田中宏} and Hiroshi Tanaka}}"
    )
    persons = entries["k"].persons["author"]
    matcher = OwnerMatcher("田中, 宏")
    assert [matcher.matches(person) for person in persons] == [True, True, True, False]
    assert [OwnerMatcher("田中宏").matches(person) for person in persons] == [
        True,
        True,
        True,
        False,
    ]


# --- collaborations ---------------------------------------------------------------------

# INSPIRE-HEP's BibTeX: four spaces, quoted values, the title braced inside them,
# the list cut at the first author, the collaboration in its own field.
INSPIRE_ATLAS = r"""
@article{ATLAS:2012yve,
    author = "Aad, Georges and others",
    collaboration = "ATLAS",
    title = "{Observation of a new particle in the search for the Standard Model Higgs boson with the ATLAS detector at the LHC}",
    eprint = "1207.7214",
    archivePrefix = "arXiv",
    primaryClass = "hep-ex",
    reportNumber = "CERN-PH-EP-2012-218",
    doi = "10.1016/j.physletb.2012.08.020",
    journal = "Phys. Lett. B",
    volume = "716",
    pages = "1--29",
    year = "2012"
}
"""  # noqa: E501

OWNER = "Chloé Dubois-Nakamura"


def formatted(entry: Entry, **options: object) -> tuple[str, bool]:
    """The entry's line as HTML (no-break spaces as spaces) and whether it is the owner's."""
    register_styles()
    style = MarkedStyle("cv", CvbibConfig(owner=OWNER, **options))  # type: ignore[arg-type]
    result = style.format("1", entry)
    html = result.entry.text.render_as("html").replace("\N{NO-BREAK SPACE}", " ")
    return html, result.owner_found


def test_inspire_collaboration_comes_first() -> None:
    html, found = formatted(one_entry(INSPIRE_ATLAS))
    assert html.startswith("ATLAS Collaboration, Georges Aad et al. <em>Observation")
    assert "<strong>" not in html and not found  # not declared: not the owner's


def test_a_declared_collaboration_is_the_owners_paper() -> None:
    html, found = formatted(one_entry(INSPIRE_ATLAS), collaborations=("ATLAS",))
    assert html.startswith("<strong>ATLAS Collaboration</strong>, Georges Aad et al. <em>")
    assert found


@pytest.mark.parametrize(
    "declared", ["atlas", "ATLAS Collaboration", "The ATLAS Collaboration", " ATLAS "]
)
def test_collaboration_names_compare_leniently(declared: str) -> None:
    assert formatted(one_entry(INSPIRE_ATLAS), collaborations=(declared,))[1]


def test_a_collaboration_listed_as_an_author_stays_in_place(tmp_path: Path) -> None:
    entries, _problems = read(tmp_path, ADS_ARTICLE)
    entry = entries["2020PhRvD.101a2002A"]
    html, found = formatted(entry, collaborations=("ATLAS",))
    # ADS names the owner: her name is bold, the collaboration is not.
    assert html.startswith(
        "ATLAS Collaboration, G. Aad, <strong>C. Dubois-Nakamura</strong>, H. Tanaka, et al."
    )
    assert found
    entry.persons["author"].pop(2)  # a list without her: the collaboration is bold
    html, found = formatted(entry, collaborations=("ATLAS",))
    assert html.startswith("<strong>ATLAS Collaboration</strong>, G. Aad, H. Tanaka, et al.")
    assert found


def test_only_the_declared_one_of_several_collaborations_is_bold() -> None:
    entry = one_entry(
        "@article{k, author = {{LIGO Scientific Collaboration} and {Virgo Collaboration}"
        " and Abbott, B. P.}, title = {T}}"
    )
    html, found = formatted(entry, collaborations=("Virgo",))
    assert html.startswith(
        "LIGO Scientific Collaboration, <strong>Virgo Collaboration</strong>, and B. P. Abbott."
    )
    assert found


@pytest.mark.parametrize(
    ("fields", "shown"),
    [
        ('collaboration = "ATLAS, CMS"', "ATLAS and CMS Collaborations"),
        ("organization = {ATLAS Collaboration}", "ATLAS Collaboration"),
        ("organization = {ATLAS}, authortype = {collaboration}", "ATLAS Collaboration"),
        ("collaboration = {LIGO Scientific Collaboration}", "LIGO Scientific Collaboration"),
    ],
)
def test_collaboration_fields(fields: str, shown: str) -> None:
    entry = one_entry(f"@article{{k, author = {{Aad, Georges and others}}, {fields}, title={{T}}}}")
    assert formatted(entry)[0].startswith(f"{shown}, Georges Aad et al.")


def test_an_organization_that_is_no_collaboration_is_not_one() -> None:
    entry = one_entry("@manual{k, author = {Ada Lovelace}, organization = {CERN}, title = {T}}")
    assert formatted(entry)[0].startswith("Ada Lovelace. <em>T</em>")


def test_the_collaboration_is_in_the_publication_model() -> None:
    entry = one_entry(INSPIRE_ATLAS)
    config = CvbibConfig(owner=OWNER, collaborations=("ATLAS",))
    marks = compute_marks(entry, config, matcher_for(config))
    publication = publication_of(entry, marks, config)
    assert publication.collaboration is not None
    assert (publication.collaboration.name, publication.collaboration.owner) == (
        "ATLAS Collaboration",
        True,
    )
    assert [person.name for person in publication.authors] == ["Georges Aad"]
    assert publication.et_al


# --- long author lists by default -------------------------------------------------------------


def test_long_lists_are_cut_by_default_and_keep_the_owner() -> None:
    names = [f"Member{i}, Person{i}" for i in range(1, 2998)]
    names[1233] = "Dubois-Nakamura, Chlo{\\'e}"
    entry = one_entry(f'@article{{k, author = "{" and ".join(names)}", title = "T"}}')
    text = formatted(entry)[0]
    shown = "Person1 Member1, Person2 Member2, Person3 Member3, Person4 Member4"
    assert text.startswith(shown)
    assert "Person9 Member9, …" in text and "Person10 Member10" not in text.split("…")[0]
    assert "<strong>Chloé Dubois-Nakamura</strong>" in text
    assert text.count("and 2,987 more") == 1


@pytest.mark.parametrize(("count", "limit"), [(24, 0), (50, 0), (51, 10), (2997, 10)])
def test_auto_limit(count: int, limit: int) -> None:
    assert CvbibConfig().author_limit(count) == limit
    assert CvbibConfig(max_authors=0).author_limit(count) == 0
    assert CvbibConfig(max_authors=8).author_limit(count) == 8
