"""``make docx``: the CV as a Word file, ``_build/docx/<owner>-cv.docx``, from the same doctree.

HR offices and university systems still ask for Word files, and no CV tool
made one from the source its PDF comes from. This builder writes the root
document (the CV, with its included sections; the separate publication list
is the web page's) as one ``.docx``, named like the PDF (``-short`` and so on
for a variant: ``make docx VARIANT=short``), through the same post-transforms
as every other output, so the Word file shows what the PDF shows: the owner
bold, the marks, the legend, the variant's content.

Why not an existing builder. ``docxbuilder`` 1.2.0 (PyPI, last release May
2020, written for Python 2.7 and Sphinx 1.7 with its own copy of an old docx
library) still runs on Sphinx 9, but on this CV it drops every sphinx-design
badge ("700+ Stars on GitHub": a warning each, so a ``-W`` build fails), runs
the lines of each education entry together ("Jun 2026PhD in Electronic
Engineering": MyST's line breaks are raw HTML/LaTeX nodes it skips), has no
right-aligned dates, and could only be taught the CV's nodes by subclassing
its 2,500-line translator. ``sphinx-docxbuilder`` (2019, a fork of a 2011
extension for Sphinx 1.1) fails to import on Sphinx 9 (``versionlabels`` is
gone from ``sphinx.locale``). python-docx (1.2.0, maintained, typed) is the
library both build on; the writer here is one visitor of the CV's nodes
(:mod:`cvdocx.writer`) and the document set-up (:mod:`cvdocx.document`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.builders import Builder
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.display import progress_message

from cvbib.i18n import translator

#: The Word file's words: cvweb's catalog ("Curriculum Vitae", as the PDF's footer says it).
_ = translator("cvweb")

__all__ = ["DocxBuilder", "docx_name"]

logger = logging.getLogger(__name__)


def docx_name(builder: Builder) -> str:
    """The file name (without ``.docx``): the PDF's, for the variant being built."""
    if "cv_variant" in builder.config:  # cvvariants is loaded
        from cvvariants import output_name

        return output_name(builder.config)
    documents = builder.config.latex_documents or [("", "cv.tex")]
    return str(documents[0][1]).removesuffix(".tex")


class DocxBuilder(Builder):
    """Writes the root document as one Word file."""

    name = "docx"
    format = "docx"
    epilog = __("The Word file is in %(outdir)s.")
    supported_image_types: ClassVar[list[str]] = ["image/png", "image/jpeg", "image/gif"]

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> str:
        return "the Word file"  # one file from every document: always written again

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return ""

    def prepare_writing(self, docnames: Any) -> None:
        pass

    def write_documents(self, _docnames: Any) -> None:
        # python-docx (and lxml) load here, not when Sphinx starts: every other
        # build (make html on each save) would pay a fifth of a second for them.
        from .writer import DocxTranslator

        root = self.config.root_doc
        name = docx_name(self)
        with progress_message(__("writing %s.docx") % name):
            doctree = self.env.get_doctree(root)
            self.env.resolve_references(doctree, root, self)
            document = self._new_document()
            visitor = DocxTranslator(doctree, self, document)
            doctree.walkabout(visitor)
            self.outdir.mkdir(parents=True, exist_ok=True)
            document.save(str(Path(self.outdir) / f"{name}.docx"))

    def _new_document(self) -> Any:
        import docx

        from .document import set_up_document

        config = self.config
        owner = str(getattr(config, "cv_owner", "") or config.author or "")
        title = _("Curriculum Vitae")
        subject = title
        if "cv_variant" in config:  # cvvariants is loaded
            from cvvariants import active_variant

            variant = active_variant(config)
            if not variant.is_default:
                subject = _("{title}: {variant}").format(title=title, variant=variant.title)
        document = docx.Document()
        set_up_document(
            document,
            title=str(config.project),
            author=owner,
            subject=subject,
            keywords=", ".join(filter(None, [owner, "curriculum vitae", "CV", "publications"])),
            language=str(config.language or "en").replace("_", "-"),
            paper=str(getattr(config, "cv_paper", "a4")),
            footer=f"{owner} — {title}" if owner else title,
        )
        return document

    def write_doc(self, docname: str, doctree: nodes.document) -> None:  # pragma: no cover
        raise NotImplementedError  # write_documents writes the one file

    def finish(self) -> None:
        pass
