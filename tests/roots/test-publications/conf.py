extensions = ["myst_parser", "cvbib", "cvsite"]
cv_owner = "Ada Lovelace"
cv_coauthor_urls = {"Charles Babbage": "https://example.org/babbage"}
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "cv"
html_baseurl = "https://ada.example.org/"
exclude_patterns = ["_build"]
latex_engine = "xelatex"
latex_documents = [("publications", "ada.tex", "Ada Lovelace", "Ada Lovelace", "howto")]
latex_elements = {
    "fontpkg": r"\setmainfont{TeX Gyre Termes}\setsansfont{TeX Gyre Heros}"
    r"\setmonofont{TeX Gyre Cursor}",
}
