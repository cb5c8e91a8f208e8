"""The PDF build's guards, in the ``latexmkrc`` that every way of building the PDF reads.

There are two ways the PDF is built, and only one of them is ours: ``make
latexpdf`` (Sphinx's Makefile runs latexmk in the LaTeX output folder) and
Read the Docs, which runs ``latexmk -r latexmkrc -pdf -f ...`` there itself and
never sees our Makefile. Both read the ``latexmkrc`` that the LaTeX builder
writes into that folder, so the guards go there, after the builder has
written it (``build-finished``):

* **No command, no file outside the build folder.** The ``.tex`` is made from a
  ``.bib`` file pasted from coauthors and scrapers, and the machine that
  builds the PDF holds secrets (Read the Docs' build environment, a CI
  token). cvbib writes only allowlisted TeX (:mod:`cvbib.latex.mathsafe`); this is
  the second wall, for anything that slips through or that a user's own
  template adds: TeX may not run a command (``\\write18``), read a file by an
  absolute path, through ``..`` or a dot-file (``\\input{/proc/self/environ}``),
  or write one outside the build folder. kpathsea, which every TeX engine uses
  to open files, takes these settings from the environment that latexmk
  passes to each run.
* **No character silently dropped.** xelatex leaves a gap where no font has a
  character and exits with success; :mod:`cvbib.render.glyphcheck` reads its log.
  It is copied next to the ``.tex`` and run from a Perl ``END`` block, which
  runs when latexmk exits, whatever the rule that ran last, and turns a
  missing character into a failed build with the character's name and place.

Sphinx's own lines (which engine, makeindex) stay as they are, whatever
``latex_engine`` is.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from sphinx.application import Sphinx

from . import glyphcheck

__all__ = ["HARDENING", "glyph_check_block", "harden_latexmkrc"]

#: The lines put at the top of ``latexmkrc`` (Perl, read by latexmk).
HARDENING = """\
# cvbib: TeX runs no command and reads or writes no file outside this folder
# (kpathsea's settings, from the environment of every run latexmk starts).
$ENV{'shell_escape'} = 'f';
$ENV{'openin_any'} = 'p';
$ENV{'openout_any'} = 'p';
"""

#: The glyph check's file name in the LaTeX output folder.
GLYPH_CHECK = "cvbib_check_glyphs.py"


def _perl_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def glyph_check_block(python: str) -> str:
    """The Perl ``END`` block that fails latexmk when the PDF lacks a character.

    *python* is the interpreter of the Sphinx build: the same environment runs
    latexmk right after it, in the Makefile and on Read the Docs.
    """
    return f"""
# cvbib: a character that no font has fails the build (xelatex only logs it).
END {{
  my $status = $?;
  if (-e '{GLYPH_CHECK}') {{
    my $missing = system({_perl_string(python)}, '{GLYPH_CHECK}', '.');
    $? = $status ? $status : ($missing ? 1 : 0);
  }} else {{
    $? = $status;
  }}
}}
"""


def harden_latexmkrc(app: Sphinx, exception: BaseException | None) -> None:
    """Put the guards into the LaTeX output's ``latexmkrc`` and the glyph check beside it."""
    if exception is not None or app.builder.name != "latex":
        return
    outdir = Path(app.outdir)
    shutil.copyfile(glyphcheck.__file__, outdir / GLYPH_CHECK)
    path = outdir / "latexmkrc"
    text = path.read_text("utf-8") if path.is_file() else ""
    if not text.startswith(HARDENING):
        path.write_text(HARDENING + text + glyph_check_block(sys.executable), "utf-8")


def setup_latexmkrc(app: Sphinx) -> None:
    app.connect("build-finished", harden_latexmkrc)
