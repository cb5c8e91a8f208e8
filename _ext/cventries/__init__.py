"""cventries: the CV's sections as typed entries, and the CV as data.

Education, positions, grants, talks, teaching, students, service, awards,
skills and languages are directives (``{cv-education}`` …) whose options are
the entry's facts; the same nodes lay out on the web page, in the PDF and as
text, sort newest first, and feed ``resume.json`` (JSON Resume),
``publications.json`` (CSL-JSON), the page's JSON-LD and the students' marks
in author lists. Layers, top to bottom: ``extension`` > ``directives`` |
``transforms`` | ``updated`` | ``exports`` > ``domain`` | ``render`` | ``config``
> ``formatting`` > ``settings`` > ``model``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__version__ = "1.0.0"


def setup(app: Sphinx) -> dict[str, Any]:
    from .extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
