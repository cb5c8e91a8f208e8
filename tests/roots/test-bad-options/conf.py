extensions = ["cvbib"]
cv_owner = "Kaiyan Zhang"
# Each value below is wrong; each gets one warning and a fallback.
cv_marks = 3
cv_owner_aliases = "Zhang, K."
cv_roles = {"Lead": "Project Lead"}
cv_legend = "yes"
bibtex_encoding = "no-such-encoding"
bibtex_reference_style = "no-such-style"
bibtex_bibfiles = "refs.bib"
