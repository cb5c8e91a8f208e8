"""Another owner's CV, written over a copy of this one, as a fork would have it.

The generic content tests (test_site.py, test_pdf.py) must hold for any owner,
so they also run against this CV (the ``other-owner`` parameter of the
``any_cv_*`` fixtures in conftest.py): the same code (``_ext``, ``_static``,
``_latex``) with another ``cv_owner`` in conf.py, a ``.bib`` pasted from the
tools people use (DBLP, Google Scholar, Crossref, arXiv, Zotero, al-folio),
each with the quirks those tools write, and sections of her own:

* Crossref's ``<i>`` tags and a ``$\\mathrm{Ca}^{2+}$`` in a title, which a
  reader sees as "In vivo imaging of Ca2+ waves";
* a title with math (``$H \\to b\\bar{b}$``), typeset in both outputs, in a
  list chosen by ``:filter: journal % "arXiv"``;
* ``[2022 – 2024]{.cv-dates}`` inside a list item;
* a DBLP homonym number on the owner, Google Scholar's ``Søndergaard, I``, and
  one entry she did not author (``cv_warn_missing_owner = False``), whose list
  must have no name in bold.

It is written from this checkout, whatever its owner: the sample or a fork.
"""

from __future__ import annotations

from pathlib import Path

from cvbuild import write_fork

NAME = "Ingrid Søndergaard"

BIB = r"""% Ingrid's publications, pasted from the tools that exported them.

% Crossref (doi.org, application/x-bibtex): <i> tags, Unicode, math, a month macro.
@article{S_ndergaard_2023,
  title={<i>In vivo</i> imaging of $\mathrm{Ca}^{2+}$ waves},
  volume={12},
  ISSN={2050-084X},
  url={http://dx.doi.org/10.7554/elife.80001},
  DOI={10.7554/elife.80001},
  journal={eLife},
  publisher={eLife Sciences Publications, Ltd},
  author={Søndergaard, Ingrid and Okafor, Chidi},
  year={2023},
  month=jun,
  keywords={selected},
}

% DBLP: {\o} and {\"{u}} accents, homonym numbers, on the owner too.
@inproceedings{DBLP:conf/nips/Sondergaard0M22,
  author       = {Ingrid S{\o}ndergaard 0002 and
                  Wei Wang 0001 and
                  J{\"{u}}rgen M{\"{u}}ller},
  title        = {Learning Calcium Dynamics with Sparse Rewards},
  booktitle    = {NeurIPS},
  year         = {2022},
  url          = {https://proceedings.neurips.cc/paper/2022/hash/abc.html},
  timestamp    = {Thu, 11 May 2023 17:08:21 +0200},
  biburl       = {https://dblp.org/rec/conf/nips/Sondergaard0M22.bib},
  bibsource    = {dblp computer science bibliography, https://dblp.org},
  keywords     = {selected}
}

% Google Scholar: one initial, the arXiv "journal", no keywords (not selected).
@article{sondergaard2021search,
  title={Search for $H \to b\bar{b}$ in boosted topologies},
  author={S{\o}ndergaard, I and Rossi, Paolo and Tanaka, Hiroshi},
  journal={arXiv preprint arXiv:2104.01234},
  year={2021}
}

% al-folio: selected = {true} instead of a keyword.
@inproceedings{sondergaard2020wave,
  title = {Wave Propagation in Excitable Tissue},
  author = {Søndergaard, Ingrid and Dupont, Pierre},
  booktitle = {Proceedings of the Biophysical Society},
  year = {2020},
  selected = {true},
}

% Zotero, Better BibLaTeX: a data set she helped curate but did not author.
@dataset{okafor2019atlas,
  title = {An Atlas of Cardiac Calcium Transients},
  author = {Okafor, Chidi and Müller, Jürgen},
  date = {2019-03-01},
  publisher = {Zenodo},
  keywords = {selected, data},
}
"""

SECTIONS = {
    "contact.md": """\
:::{container} cv-contact
[📍 Aarhus]{.cv-item}
[✉ [ingrid@example.org](mailto:ingrid@example.org)]{.cv-item}
:::
""",
    "vision.md": """\
## Research Interests

- **Calcium imaging.** Waves of calcium read from live tissue.
- **Excitable media.** How a wave starts, travels and stops.
""",
    "education.md": """\
## Education

- **Aarhus University**, PhD in Biophysics [2022 – 2024]{.cv-dates}
- **University of Copenhagen**, MSc in Physics [2019 – 2021]{.cv-dates}
""",
    "highlights.md": """\
## Highlights

:::{card}
:class-card: cv-highlight

```{bibliography}
:list: bullet
:filter: False

S_ndergaard_2023
```

First images of calcium waves in a living heart.
:::
""",
    "publications.md": """\
## Selected Publications

```{bibliography}
:list: bullet
:selected:
```

### Preprints

```{bibliography}
:list: bullet
:filter: journal % "arXiv"
```
""",
    "honors.md": """\
## Honors & Awards

- Marie Skłodowska-Curie Fellowship [2022 – 2024]{.cv-dates}
- Best Poster, Biophysical Society Meeting, 2021
""",
    "services.md": """\
## Services

- Reviewer: eLife, Biophysical Journal
""",
}


def write_other_cv(target: Path, source: Path | None = None) -> Path:
    """This CV's code with Ingrid's conf.py settings, .bib and sections, in *target*."""
    # One entry (the data set) is not hers: she lists it knowingly.
    return write_fork(
        target,
        source,
        owner=NAME,
        bib=BIB,
        sections=SECTIONS,
        conf_extra='\ncv_warn_missing_owner = False\nbibtex_bibfiles = ["refs.bib"]\n',
    )
