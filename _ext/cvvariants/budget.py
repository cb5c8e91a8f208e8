"""The PDF's page budget, checked where the PDF is made, and the LaTeX folder kept tidy.

The page count exists only once latexmk has run, after Sphinx is done; and
latexmk is run by Sphinx's Makefile (``make latexpdf``) or by Read the Docs,
never by this extension. Both read the ``latexmkrc`` that the LaTeX builder
writes, as cvbib's glyph check does (:mod:`cvbib.render.latexmkrc`): so the
check (:mod:`cvvariants.pagecheck`) is copied next to the ``.tex`` and run from
a Perl ``END`` block, which keeps latexmk's exit status as it was. The block
sits between markers and is written afresh by every build, since the folder
is shared by the variants and each has its own budget.

The same hook removes what an earlier build left that this one would wrongly
build or offer: ``.tex`` files other than this build's (Sphinx's Makefile
compiles every ``.tex`` in the folder) and PDFs named after no variant of the
current owner (an earlier ``cv_owner``). The other variants' PDFs stay:
``make latexpdf VARIANT=short`` does not delete the full CV.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from sphinx.application import Sphinx

from . import pagecheck
from .config import active_variant, declared_variants, output_name

__all__ = ["page_check_block", "setup_budget"]

#: The page check's file name in the LaTeX output folder.
PAGE_CHECK = "cvvariants_pagecheck.py"
BEGIN = "# cvvariants: page budget (begin)"
END = "# cvvariants: page budget (end)"


def _perl_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def page_check_block(python: str, stem: str, budget: int, variant: str) -> str:
    """The Perl ``END`` block that warns when the PDF of *stem* is over *budget* pages."""
    args = ", ".join(_perl_string(a) for a in (python, PAGE_CHECK, ".", stem, str(budget), variant))
    return f"""{BEGIN}
END {{
  my $status = $?;
  system({args}) if -e '{PAGE_CHECK}';
  $? = $status;
}}
{END}
"""


def _without_block(text: str) -> str:
    start = text.find(BEGIN)
    if start < 0:
        return text
    stop = text.find(END, start)
    return text[:start] + (text[stop + len(END) + 1 :] if stop >= 0 else "")


def write_page_check(app: Sphinx, exception: BaseException | None) -> None:
    """Put the page check into ``latexmkrc`` (or take it out when there is no budget)."""
    if exception is not None or app.builder.name != "latex":
        return
    outdir = Path(app.outdir)
    _tidy(app, outdir)
    variant = active_variant(app.config)
    path = outdir / "latexmkrc"
    if not path.is_file():
        return
    text = _without_block(path.read_text("utf-8"))
    if variant.pages is not None:
        shutil.copyfile(pagecheck.__file__, outdir / PAGE_CHECK)
        stem = output_name(app.config)
        text = (
            text.rstrip("\n")
            + "\n"
            + page_check_block(sys.executable, stem, variant.pages, variant.name)
        )
    path.write_text(text, "utf-8")


def _tidy(app: Sphinx, outdir: Path) -> None:
    """Remove the ``.tex`` and PDF files of other owners and other builds, not the build's own.

    Images and ``latex_additional_files`` copied into the folder (a logo as a
    PDF, an ``\\input`` file) are this build's too, and stay.
    """
    copied = {Path(str(name)).name for name in app.config.latex_additional_files}
    copied |= {Path(str(name)).name for name in getattr(app.builder, "images", {}).values()}
    written = {str(document[1]) for document in app.config.latex_documents} | copied
    for tex in outdir.glob("*.tex"):
        if tex.name not in written:
            tex.unlink()
    names = {output_name(app.config, v) for v in declared_variants(app.config).values()}
    for pdf in outdir.glob("*.pdf"):
        if pdf.stem not in names and pdf.name not in copied:
            pdf.unlink()


def setup_budget(app: Sphinx) -> None:
    # After cvbib has hardened latexmkrc (build-finished, default priority).
    app.connect("build-finished", write_page_check, priority=800)
