"""Reading problems as Sphinx warnings: typed, located, saying what to do.

A problem found while reading a ``.bib`` file is a value
(:class:`cvbib.bib.read.BibProblem`: the file, the line, a subtype and a
message that ends with what to write instead); it becomes one warning of
``type="cvbib"`` here, so that ``suppress_warnings = ["cvbib.<subtype>"]``
silences one kind and nothing else.
"""

from __future__ import annotations

from sphinx.util import logging

from .bib import BibProblem

__all__ = ["warn_problem"]

logger = logging.getLogger(__name__)


def warn_problem(problem: BibProblem) -> None:
    """Report one reading problem at ``file:line``.

    A problem without a line (a missing file) puts the path in the message
    instead: a location without a colon would be taken for a document name.
    """
    if problem.line is None:
        logger.warning(
            "%s: %s", problem.path, problem.message, type="cvbib", subtype=problem.subtype
        )
        return
    logger.warning(
        "%s",
        problem.message,
        location=f"{problem.path}:{problem.line}",
        type="cvbib",
        subtype=problem.subtype,
    )
