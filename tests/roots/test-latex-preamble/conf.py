extensions = ["cvbib"]
bibtex_default_style = "cv"
cv_owner = "Kaiyan Zhang"
bibtex_bibfiles = ["refs.bib"]
latex_engine = "xelatex"
latex_documents = [("index", "preamble.tex", "Exports", "Kaiyan Zhang", "howto")]
# The CV's own PDF style (the test copies _latex/cvstyle.sty next to this file).
latex_additional_files = ["cvstyle.sty"]
latex_elements = {
    "fontpkg": "",
    "fontenc": r"\usepackage{fontspec}",
    "babel": "",
    "polyglossia": "",
    "preamble": r"\newcommand{\cvowner}{Kaiyan Zhang}\usepackage{cvstyle}",
}
