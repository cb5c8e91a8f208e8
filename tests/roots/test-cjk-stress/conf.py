# CJK in every context the PDF must set (tests/test_cjk.py): the CV's own style.
extensions = ["myst_parser", "cvbib"]
bibtex_default_style = "cv"
cv_owner = "Kaiyan Zhang"
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
latex_engine = "xelatex"
latex_documents = [("index", "cjk.tex", "CJK", "Kaiyan Zhang", "howto")]
# The CV's own PDF style (the test copies _latex/cvstyle.sty next to this file).
latex_additional_files = ["cvstyle.sty"]
latex_elements = {
    "fontpkg": "",
    "fontenc": r"\usepackage{fontspec}",
    "babel": "",
    "polyglossia": "",
    "maketitle": r"\cvmaketitle",
    "tableofcontents": "",
    "preamble": r"\newcommand{\cvowner}{Kaiyan Zhang}\usepackage{cvstyle}",
}
