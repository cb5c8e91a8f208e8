extensions = ["myst_parser", "cvbib", "cvsite"]
cv_owner = "Ada Lovelace"
cv_coauthor_urls = {"Charles Babbage": "https://example.org/babbage"}
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cv"
html_baseurl = "https://ada.example.org/"
exclude_patterns = ["_build"]
