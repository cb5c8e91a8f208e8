extensions = ["cvbib"]
cv_owner = "Kaiyan Zhang"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cv"
exclude_patterns = ["_build", "sections"]
