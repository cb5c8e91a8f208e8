"""cvbib: an academic CV's bibliography, with the owner in bold and authorship marks.

Add ``"cvbib"`` to ``extensions`` and set ``cv_owner`` in ``conf.py``; every
``{bibliography}`` then bolds the owner's name and shows the co-first,
corresponding and role marks given as biblatex data annotations
(``author+an = {1=equal; 2=equal,lead}``). See the README for the options.
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
        "env_version": 3,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
