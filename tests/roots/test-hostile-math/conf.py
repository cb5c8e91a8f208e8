extensions = ["cvbib"]
cv_owner = "Ada Lovelace"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cv"
html_theme = "furo"
exclude_patterns = ["_build"]
latex_engine = "xelatex"
latex_documents = [("index", "hostile.tex", "Hostile math", "Ada Lovelace", "howto")]
# The CV's own PDF style and fallback fonts (the PDF test copies _latex/cvstyle.sty here):
# the Unicode approximation of refused math (x⁵, ₚ) must have its glyphs.
latex_additional_files = ["cvstyle.sty"]
latex_elements = {
    "fontpkg": "",
    "fontenc": r"\usepackage{fontspec}",
    "babel": "",
    "polyglossia": "",
    "preamble": r"\newcommand{\cvowner}{Ada Lovelace}\usepackage{cvstyle}",
}
