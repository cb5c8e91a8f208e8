r"""The AAS journal macros that NASA ADS writes in ``journal`` fields, built in.

ADS exports most astronomy and physics journals as macros: ``journal =
{\apj}``, ``{\mnras}``, ``{\prd}``, ``{\jcap}``. A LaTeX paper gets them from
AASTeX or from ADS's ``aas_macros.sty``; a CV's ``.bib`` has neither, so each
would show as its bare name ("prd") with an ``unknown_macro`` warning, and the
BibTeX the site offers would keep an undefined macro.

The table is ADS's ``aas_macros.sty`` ("These Macros are taken from the AAS
TeX macro package version 5.2 and are compatible with the macros in the A&A
document class version 7.0"), every definition as it is written there, with
its ``\let`` aliases; then the five journals AASTeX 6.31
(``aastex631.cls``, Debian's ``texlive-publishers``) added since, which
``aas_macros.sty`` lacks (``\psj``, ``\jaavso``, ``\maps``, ``\aas``,
``\dps``), as AASTeX defines them. The value is the argument of
``\ref@jnl``: LaTeX source (``Phys.~Rev.~D``, ``A\&A``).

A definition in the file's own ``@preamble`` wins over this table, as it
would in LaTeX. The decoder shows each macro's text (:data:`JOURNAL_TEXT`),
and :func:`cvbib.latex.source.expand_source` writes the source into the
BibTeX the site offers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

__all__ = ["JOURNAL_MACROS", "JOURNAL_TEXT"]

#: ``\name`` -> the LaTeX its ``\ref@jnl`` holds, in the order of ``aas_macros.sty``.
JOURNAL_MACROS: Final[Mapping[str, str]] = {
    "aj": "AJ",  # Astronomical Journal
    "actaa": "Acta Astron.",  # Acta Astronomica
    "araa": r"ARA\&A",  # Annual Review of Astron and Astrophys
    "apj": "ApJ",  # Astrophysical Journal
    "apjl": "ApJ",  # Astrophysical Journal, Letters
    "apjs": "ApJS",  # Astrophysical Journal, Supplement
    "ao": "Appl.~Opt.",  # Applied Optics
    "apss": r"Ap\&SS",  # Astrophysics and Space Science
    "aap": r"A\&A",  # Astronomy and Astrophysics
    "aapr": r"A\&A~Rev.",  # Astronomy and Astrophysics Reviews
    "aaps": r"A\&AS",  # Astronomy and Astrophysics, Supplement
    "azh": "AZh",  # Astronomicheskii Zhurnal
    "baas": "BAAS",  # Bulletin of the AAS
    "bac": "Bull. astr. Inst. Czechosl.",  # Bull. of the Astronomical Institutes of Czechoslovakia
    "caa": "Chinese Astron. Astrophys.",  # Chinese Astronomy and Astrophysics
    "cjaa": "Chinese J. Astron. Astrophys.",  # Chinese Journal of Astronomy and Astrophysics
    "icarus": "Icarus",  # Icarus
    "jcap": "J. Cosmology Astropart. Phys.",  # Journal of Cosmology and Astroparticle Physics
    "jrasc": "JRASC",  # Journal of the RAS of Canada
    "memras": "MmRAS",  # Memoirs of the RAS
    "mnras": "MNRAS",  # Monthly Notices of the RAS
    "na": "New A",  # New Astronomy
    "nar": "New A Rev.",  # New Astronomy Review
    "pra": "Phys.~Rev.~A",  # Physical Review A: General Physics
    "prb": "Phys.~Rev.~B",  # Physical Review B: Solid State
    "prc": "Phys.~Rev.~C",  # Physical Review C
    "prd": "Phys.~Rev.~D",  # Physical Review D
    "pre": "Phys.~Rev.~E",  # Physical Review E
    "prl": "Phys.~Rev.~Lett.",  # Physical Review Letters
    "pasa": "PASA",  # Publications of the Astron. Soc. of Australia
    "pasp": "PASP",  # Publications of the ASP
    "pasj": "PASJ",  # Publications of the ASJ
    "rmxaa": "Rev. Mexicana Astron. Astrofis.",  # Revista Mexicana de Astronomia y Astrofisica
    "qjras": "QJRAS",  # Quarterly Journal of the RAS
    "skytel": r"S\&T",  # Sky and Telescope
    "solphys": "Sol.~Phys.",  # Solar Physics
    "sovast": "Soviet~Ast.",  # Soviet Astronomy
    "ssr": "Space~Sci.~Rev.",  # Space Science Reviews
    "zap": "ZAp",  # Zeitschrift fuer Astrophysik
    "nat": "Nature",  # Nature
    "iaucirc": "IAU~Circ.",  # IAU Cirulars
    "aplett": "Astrophys.~Lett.",  # Astrophysics Letters
    "apspr": "Astrophys.~Space~Phys.~Res.",  # Astrophysics Space Physics Research
    "bain": "Bull.~Astron.~Inst.~Netherlands",  # Bulletin Astronomical Institute of the Netherlands
    "fcp": "Fund.~Cosmic~Phys.",  # Fundamental Cosmic Physics
    "gca": "Geochim.~Cosmochim.~Acta",  # Geochimica Cosmochimica Acta
    "grl": "Geophys.~Res.~Lett.",  # Geophysics Research Letters
    "jcp": "J.~Chem.~Phys.",  # Journal of Chemical Physics
    "jgr": "J.~Geophys.~Res.",  # Journal of Geophysics Research
    "jqsrt": "J.~Quant.~Spec.~Radiat.~Transf.",  # J. of Quantitative Spectroscopy and Rad. Transfer
    "memsai": "Mem.~Soc.~Astron.~Italiana",  # Mem. Societa Astronomica Italiana
    "nphysa": "Nucl.~Phys.~A",  # Nuclear Physics A
    "physrep": "Phys.~Rep.",  # Physics Reports
    "physscr": "Phys.~Scr",  # Physica Scripta
    "planss": "Planet.~Space~Sci.",  # Planetary Space Science
    "procspie": "Proc.~SPIE",  # Proceedings of the SPIE
    # aas_macros.sty's \let aliases.
    "astap": r"A\&A",  # \let\astap=\aap
    "apjlett": "ApJ",  # \let\apjlett=\apjl
    "apjsupp": "ApJS",  # \let\apjsupp=\apjs
    "applopt": "Appl.~Opt.",  # \let\applopt=\ao
    # AASTeX 6.31's journals that aas_macros.sty does not have.
    "psj": "PSJ",  # Planetary Science Journal
    "jaavso": "JAAVSO",  # Journal of the American Association of Variable Star Observers
    "maps": r"M\&PS",  # Meteoritics and Planetary Science
    "aas": "AAS Meeting Abstracts",  # American Astronomical Society Meeting Abstracts
    "dps": "AAS/DPS Meeting Abstracts",  # AAS Division for Planetary Sciences Meeting Abstracts
}

#: ``\name`` -> the text a reader sees ("Phys. Rev. D", with no-break spaces
#: where the source ties words with ``~``; "A&A").
JOURNAL_TEXT: Final[Mapping[str, str]] = {
    name: source.replace("~", "\N{NO-BREAK SPACE}").replace("\\&", "&")
    for name, source in JOURNAL_MACROS.items()
}
