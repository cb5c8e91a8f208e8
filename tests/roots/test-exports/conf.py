extensions = ["cvbib"]
cv_owner = "María José García López"
bibtex_bibfiles = ["refs.bib"]
