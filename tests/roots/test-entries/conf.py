extensions = ["myst_parser", "sphinx_design", "cvbib", "cventries"]
myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block", "dollarmath"]
cv_owner = "Ada Lovelace"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cv"
exclude_patterns = ["_build"]
cv_last_updated = True
latex_engine = "xelatex"
latex_documents = [("index", "entries.tex", "Entries", "Ada Lovelace", "howto")]
# The CV's own PDF style (the tests copy _latex/cvstyle.sty next to this file).
latex_additional_files = ["cvstyle.sty"]
latex_elements = {
    "fontpkg": "",
    "fontenc": r"\usepackage{fontspec}",
    "babel": "",
    "polyglossia": "",
    "preamble": r"\newcommand{\cvowner}{Ada Lovelace}\usepackage{cvstyle}",
}
