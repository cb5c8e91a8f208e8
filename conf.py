"""Sphinx configuration of the CV: the one file a new owner edits besides content.

To make this CV yours: set ``cv_owner`` (and ``cv_owner_aliases``), replace
``refs.bib``, and rewrite ``sections/``. Everything else is presentation.
Read the Docs runs ``sphinx-build`` and ``latexmk`` on this file directly, so
nothing here depends on the Makefile.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from slugify import slugify

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

# -- The CV owner -------------------------------------------------------------

cv_owner = "Kaiyan Zhang"
cv_owner_aliases: list[str] = []
#: The phone number (marked {private} in sections/contact.md) is left out of the
#: web page unless this is True; the PDF always has it.
cv_show_private = False
#: "a4" or "letter": the PDF's paper size.
cv_paper = "a4"
#: "selected" (as the CV reads) or "all": which publication list the PDF carries.
#: The web page always has both: the selected list on the CV, every entry by
#: year on publications.html.
cv_pdf_publications = "selected"

# -- Project ------------------------------------------------------------------

project = f"{cv_owner} — Curriculum Vitae"
author = cv_owner
copyright = f"{author}"
language = "en"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "cvbib",
    "cvsite",
    "cvweb",
]

root_doc = "index"
exclude_patterns = [
    "_build",
    ".venv",
    "README.md",
    "sections",
    "tests",
    "bench",
    ".ci",
    "_ext",
    "node_modules",
]

myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block", "substitution"]
#: index.md's heading is ``# {{ cv_owner }}``: the name is written only above.
myst_substitutions = {"cv_owner": cv_owner}
myst_heading_anchors = 2

bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cv"
# Citations are not used in a CV; tooltips would only cost time.
bibtex_tooltips = False

if cv_show_private:
    tags.add("cv_show_private")  # type: ignore[name-defined]  # noqa: F821
if cv_pdf_publications == "all":
    tags.add("cv_pdf_all_publications")  # type: ignore[name-defined]  # noqa: F821

# -- HTML ---------------------------------------------------------------------

html_theme = "furo"
html_title = cv_owner
html_short_title = cv_owner
html_static_path = ["_static"]
html_css_files = ["cv.css"]
html_copy_source = False
html_show_sphinx = False
html_show_sourcelink = False
html_use_index = False
html_domain_indices = False
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
html_theme_options = {
    "navigation_with_keys": False,
    "top_of_page_buttons": [],
}
html_sidebars: dict[str, list[str]] = {"**": []}

# -- LaTeX / PDF --------------------------------------------------------------

latex_engine = "xelatex"
#: The PDF's file name in ASCII, which every system and URL keeps as it is:
#: "María José García López" -> maria-jose-garcia-lopez-cv.pdf, "张凯岩" -> zhang-kai-yan-cv.pdf.
_pdf_name = "-".join(filter(None, [slugify(cv_owner), "cv"]))
latex_documents = [(root_doc, f"{_pdf_name}.tex", project, author, "howto")]
latex_toplevel_sectioning = "section"
latex_show_urls = "no"
latex_show_pagerefs = False
latex_domain_indices = False
latex_use_xindy = False
latex_additional_files = ["_latex/cvstyle.sty"]
latex_elements = {
    "papersize": f"{cv_paper}paper",
    "pointsize": "10pt",
    "fontpkg": "",
    "fontenc": r"\usepackage{fontspec}",
    "babel": "",
    "polyglossia": "",
    "fncychap": "",
    "maketitle": r"\cvmaketitle",
    "tableofcontents": "",
    "printindex": "",
    "makeindex": "",
    "sphinxsetup": "hmargin={1.6cm,1.6cm}, vmargin={1.5cm,1.7cm}",
    "passoptionstopackages": r"\PassOptionsToPackage{hyphens}{url}",
    "preamble": rf"""
\hypersetup{{
  pdftitle={{{cv_owner} — Curriculum Vitae}},
  pdfauthor={{{cv_owner}}},
  pdfsubject={{Curriculum Vitae}},
  pdfkeywords={{{cv_owner}, curriculum vitae, CV, publications}},
}}
\newcommand{{\cvowner}}{{{cv_owner}}}
\usepackage{{cvstyle}}
""",
}
