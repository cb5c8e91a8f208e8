extensions = ["cvbib"]
# "and" separates names in BibTeX: this names nobody.
cv_owner = "Kaiyan Zhang and Yuxin Zuo"
bibtex_bibfiles = ["refs.bib"]
