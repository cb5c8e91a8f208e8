extensions = ["cvbib"]
cv_owner = ""
bibtex_bibfiles = ["refs.bib"]
