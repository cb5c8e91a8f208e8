extensions = ["myst_parser", "sphinx_design", "cvbib", "cvsite", "cvvariants", "cvdocx", "cvtext"]
cv_owner = "Kaiyan Zhang"
bibtex_bibfiles = ["test.bib"]
bibtex_default_style = "cv"
myst_enable_extensions = ["colon_fence", "attrs_inline", "attrs_block"]
latex_documents = [("index", "kaiyan-zhang-cv.tex", "CV", "Kaiyan Zhang", "howto")]
exclude_patterns = ["_build"]
cv_variants = {
    "default": {"title": "Full CV", "pages": 3},
    "short": {"title": "One-page CV", "exclude": ["full"], "pages": 1},
    "industry": {"title": "Industry CV", "include": ["industry"], "publications": "industry"},
    "all": {"title": "All papers", "publications": "all", "suffix": "-all-papers"},
}
