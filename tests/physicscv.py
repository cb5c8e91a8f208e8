"""A physicist's CV, written over a copy of this one, as her fork would have it.

Chloé Dubois-Nakamura is an ATLAS member who also publishes machine-learning
papers with Chinese and Japanese coauthors. Her ``.bib`` is pasted from the
tools she uses, each entry exactly as the tool writes it (typed by hand from
the tools' documented formats):

* INSPIRE-HEP: quoted values, four spaces, ``collaboration = "ATLAS"``, the
  list cut to ``Aad, Georges and others`` (she is not named: she is a member,
  ``cv_collaborations = ["ATLAS"]``), a title with ``$H \\to b\\bar{b}$``, and
  one paper with its whole list of 2,997 names, her at position 1,234;
* NASA ADS: ``{Family}, I.`` names, ``{ATLAS Collaboration}`` as the first
  author, ``journal = {\\prd}``, ``eid``, and ``and et al.``;
* CiNii: a Japanese article, ``田中, 宏`` names;
* arXiv: a machine-learning preprint with Chinese coauthors and
  ``author+an = {1=equal; 2=equal,corresponding}``;
* Google Scholar: a J. Phys.: Conf. Ser. paper as ``@inproceedings``;
* HAL: her thesis (``TYPE = {Theses}``);
* talks as ``@unpublished`` and biblatex's ``@misc`` with ``eventtitle``;
* GitHub's "Cite this repository" (``@software``) and Zenodo (``@dataset``).

The content tests (test_site.py, test_pdf.py) run against it like any fork's
CV: zero warnings, every entry shown with the owner in bold (here, where she
is a member not named, the collaboration's name), the PDF within its pages.
tests/test_physics.py checks what a reader sees of each kind of entry.
"""

from __future__ import annotations

from pathlib import Path

from cvbuild import write_fork

NAME = "Chloé Dubois-Nakamura"
#: Where she stands in the list of the 2,997 authors (1-based).
POSITION = 1234
AUTHORS = 2997


def _inspire_names() -> str:
    """2,997 names as INSPIRE writes a whole list, hers among them."""
    names = [f"Member{n:04d}, Person{n:04d}" for n in range(1, AUTHORS + 1)]
    names[0] = "Aad, Georges"
    names[POSITION - 1] = "Dubois-Nakamura, Chlo\\'e"
    return " and ".join(names)


BIB = (
    r"""% Chloé's publications, pasted from the tools that exported them.

% INSPIRE-HEP: the list cut at the first author, the collaboration in its field.
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
    year = "2012",
    keywords = "selected"
}

@article{ATLAS:2018kot,
    author = "Aaboud, Morad and others",
    collaboration = "ATLAS",
    title = "{Observation of $H \to b\bar{b}$ decays and $VH$ production with the ATLAS detector}",
    eprint = "1808.08238",
    archivePrefix = "arXiv",
    primaryClass = "hep-ex",
    reportNumber = "CERN-EP-2018-215",
    doi = "10.1016/j.physletb.2018.09.013",
    journal = "Phys. Lett. B",
    volume = "786",
    pages = "59--86",
    year = "2018",
    keywords = "selected"
}

% INSPIRE-HEP, the whole list.
@article{ATLAS:2023xyz,
    author = "AUTHORS",
    collaboration = "ATLAS",
    title = "{Measurement of the Higgs boson mass with the full Run 2 data set}",
    eprint = "2308.04775",
    archivePrefix = "arXiv",
    primaryClass = "hep-ex",
    reportNumber = "CERN-EP-2023-153",
    doi = "10.1103/PhysRevLett.131.251802",
    journal = "Phys. Rev. Lett.",
    volume = "131",
    pages = "251802",
    year = "2023",
    keywords = "selected"
}

% NASA ADS: the collaboration as the first author, the journal as an AAS macro.
@ARTICLE{2020PhRvD.101a2002A,
       author = {{ATLAS Collaboration} and {Aad}, G. and {Dubois-Nakamura}, C. and {Tanaka}, H. and et al.},
        title = "{Combined measurements of Higgs boson production and decay using up to 80 fb$^{-1}$ of proton-proton collision data at $\sqrt{s}=$ 13 TeV collected with the ATLAS experiment}",
      journal = {\prd},
     keywords = {High Energy Physics - Experiment, selected},
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

% CiNii: a Japanese article, family and given names with a comma.
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
 keywords="selected",
}

% arXiv: co-first and corresponding authors marked for the CV.
@misc{wang2024equivariant,
      title={Equivariant Transformers for Particle Tracking},
      author={Xiaoming Wang and Chloé Dubois-Nakamura and 李, 明},
      author+an={1=equal; 2=equal,corresponding},
      year={2024},
      eprint={2405.01234},
      archivePrefix={arXiv},
      primaryClass={cs.LG},
      url={https://arxiv.org/abs/2405.01234},
      keywords={selected},
}

% Google Scholar: a J. Phys.: Conf. Ser. paper as a conference paper.
@inproceedings{dubois2020tracking,
  title={Tracking with graph neural networks at the HL-LHC},
  author={Dubois-Nakamura, Chlo{\'e} and Tanaka, Hiroshi},
  booktitle={Journal of Physics: Conference Series},
  volume={1525},
  number={1},
  pages={012045},
  year={2020},
  organization={IOP Publishing},
  keywords={selected}
}

% HAL: the thesis.
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

% Talks.
@unpublished{dubois2023lhcp,
  author = {Dubois-Nakamura, Chlo{\'e}},
  title = {Graph neural networks for tracking at the HL-LHC},
  note = {Invited talk, LHCP 2023},
  address = {Belgrade, Serbia},
  month = may,
  year = {2023},
}

@misc{dubois2022ml4jets,
  author = {Dubois-Nakamura, Chloé},
  title = {Equivariant networks for jet tagging},
  type = {Contributed talk},
  eventtitle = {ML4Jets 2022},
  venue = {Rutgers University, New Brunswick},
  eventdate = {2022-11-02},
}

% GitHub's "Cite this repository".
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

% Zenodo.
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
"""  # noqa: E501, W291
).replace('"AUTHORS"', '"' + _inspire_names() + '"')

SECTIONS = {
    "contact.md": """\
:::{container} cv-contact
[📍 Geneva]{.cv-item}
[✉ [chloe@example.org](mailto:chloe@example.org)]{.cv-item}
:::
""",
    "vision.md": """\
## Research Interests

- **Higgs physics.** Measurements of the Higgs boson with the ATLAS detector.
- **Machine learning for tracking.** Graph and equivariant networks for the HL-LHC.
""",
    "education.md": """\
## Education

- **Université Paris-Saclay**, PhD in Particle Physics [2012 – 2015]{.cv-dates}
- **Kyoto University**, MSc in Physics [2010 – 2012]{.cv-dates}

```{bibliography}
:list: bullet
:filter: False

duboisnakamura:tel-01234567
```
""",
    "publications.md": """\
## Selected Publications

```{bibliography}
:list: bullet
:selected:
```
""",
    "talks.md": """\
## Talks

```{bibliography}
:list: bullet
:filter: False

dubois2023lhcp
dubois2022ml4jets
```
""",
    "software.md": """\
## Software and Data

```{bibliography}
:list: bullet
:filter: False

Dubois-Nakamura_trackml-gnn_2023
dubois_nakamura_2023_7654321
```
""",
    "honors.md": """\
## Honors & Awards

- ATLAS Outstanding Achievement Award [2019]{.cv-dates}
""",
}


def write_physics_cv(target: Path, source: Path | None = None) -> Path:
    """This CV's code with Chloé's conf.py settings, .bib and sections, in *target*."""
    # Her ATLAS papers are hers as a member: declared once, and nothing suppressed.
    return write_fork(
        target,
        source,
        owner=NAME,
        bib=BIB,
        sections=SECTIONS,
        conf_extra='\ncv_collaborations = ["ATLAS"]\nbibtex_bibfiles = ["refs.bib"]\n',
    )
