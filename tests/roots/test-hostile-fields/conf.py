extensions = ["cvbib"]
cv_owner = "Ada Lovelace"
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cv"
html_baseurl = "https://ada.example.org/"
exclude_patterns = ["_build"]
