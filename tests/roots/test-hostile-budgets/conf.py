extensions = ["cvbib"]
cv_owner = "Kaiyan Zhang"
bibtex_bibfiles = ["refs.bib"]
