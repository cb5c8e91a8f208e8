"""Every TeX run of the PDF build with shell escape off and files confined to the build folder.

The ``.tex`` is made from a ``.bib`` file pasted from coauthors and scrapers,
and the machine that builds the PDF holds secrets (Read the Docs' build
environment, a CI token). cvbib writes only allowlisted TeX
(:mod:`cvbib.mathsafe`); this is the second wall, for anything that slips
through or that a user's own template adds: TeX may not run a command
(``\\write18``), read a file by an absolute path, through ``..`` or a
dot-file (``\\input{/proc/self/environ}``), or write one outside the build
folder.

Both PDF builds read the ``latexmkrc`` that Sphinx writes into the LaTeX
output folder: ``make latexpdf`` (Sphinx's Makefile runs latexmk there) and
Read the Docs (``latexmk -r latexmkrc -pdf ...``). So after the LaTeX
builder has written it, the settings are put at its top; kpathsea, which
every TeX engine uses to open files, takes them from the environment that
latexmk passes to each run. Sphinx's own lines (which engine, makeindex)
stay as they are, whatever ``latex_engine`` is.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

__all__ = ["HARDENING", "harden_latexmkrc"]

#: The lines put at the top of ``latexmkrc`` (Perl, read by latexmk).
HARDENING = """\
# cvbib: TeX runs no command and reads or writes no file outside this folder
# (kpathsea's settings, from the environment of every run latexmk starts).
$ENV{'shell_escape'} = 'f';
$ENV{'openin_any'} = 'p';
$ENV{'openout_any'} = 'p';
"""


def harden_latexmkrc(app: Sphinx, exception: BaseException | None) -> None:
    """Put :data:`HARDENING` at the top of the LaTeX output's ``latexmkrc``."""
    if exception is not None or app.builder.name != "latex":
        return
    path = Path(app.outdir) / "latexmkrc"
    text = path.read_text("utf-8") if path.is_file() else ""
    if not text.startswith(HARDENING):
        path.write_text(HARDENING + text, "utf-8")


def setup_latexmkrc(app: Sphinx) -> None:
    app.connect("build-finished", harden_latexmkrc)
