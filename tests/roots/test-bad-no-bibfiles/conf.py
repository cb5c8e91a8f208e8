extensions = ["cvbib"]
cv_owner = "Kaiyan Zhang"
# No bibtex_bibfiles: refs.bib is read by convention.
