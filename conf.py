"""The CV's settings that are its owner's: who it belongs to and how it is published.

`make new-cv` writes ``cv_owner``; the rest of this block is yours to change,
and any other option of the README's "Options" (``cv_max_authors = 8``,
``html_baseurl = "https://…"``, ``language = "de"``) may be added to it.
Everything else (extensions, theme, PDF layout) is the engine's, computed from
these values by ``_ext/cvconf.py``, so `make upgrade` brings a newer engine
without touching this file. Read the Docs runs ``sphinx-build`` and ``latexmk``
on this file directly: nothing here depends on the Makefile.
"""

import sys
from pathlib import Path

# -- The CV owner -------------------------------------------------------------

cv_owner = "Kaiyan Zhang"
cv_owner_aliases: list[str] = []
#: The phone number (marked {private} in sections/contact.md) is left out of the
#: web page unless this is True; the PDF always has it.
cv_show_private = False
#: "a4" or "letter": the PDF's paper size.
cv_paper = "a4"
#: "selected" (as the CV reads) or "all": which publication list the PDF carries.
#: The web page always has both: the selected list on the CV, every entry by
#: year on publications.html.
cv_pdf_publications = "selected"
#: The CV's versions (README, "Variants"). The default is the whole CV, as on the
#: web page; "short" is the one-page CV (make latexpdf VARIANT=short): it leaves
#: out whatever the sections tag {.cv-tag-full}. A PDF over its "pages" warns.
cv_variants = {
    "default": {"title": "Full CV", "pages": 3},
    "short": {"title": "One-page CV", "exclude": ["full"], "pages": 1},
}

# -- The engine ---------------------------------------------------------------
# Every other setting. One written above replaces the engine's (a dict is
# merged into it); below, adjust the engine's: html_css_files.append("mine.css").

sys.path.insert(0, str(Path(__file__).resolve().parent / "_ext"))
from cvconf import configure  # noqa: E402

configure(globals())
