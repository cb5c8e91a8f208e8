"""A quiet build: progress and real warnings only.

Two extensions log, at the INFO level of every build, text that is not
progress: myst-parser prints its whole configuration (a 1,000-character
``myst v5.2.0: MdParserConfig(...)`` line) and Sphinx's LaTeX builder names each
template it evaluates. A user who reads the build log for warnings should not
have to scroll past them, so a logging filter drops exactly those INFO records
(identified by their logger and message); warnings and errors always pass.
The PDF's TeX chatter is silenced in the Makefile instead (``latexmk
-silent``), and the full TeX logs stay in ``_build/latex/``.
"""

from __future__ import annotations

import logging
from typing import Any

from sphinx.application import Sphinx

#: Logger name -> the start of the INFO messages of that logger that are dropped.
NOISE: dict[str, str] = {
    "sphinx.myst_parser.sphinx_ext.main": "myst v",
    "sphinx.sphinx.util.fileutil": "Writing evaluated template result to",
}


class _DropNoise(logging.Filter):
    """Drop the INFO records of one logger whose unformatted message starts with *prefix*."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO:
            return True
        message = record.msg if isinstance(record.msg, str) else ""
        # myst wraps its prefix in colour codes: look past them.
        return self.prefix not in message[:80]


def setup(app: Sphinx) -> dict[str, Any]:
    """Install the filters once per process (a second app must not stack them)."""
    for name, prefix in NOISE.items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, _DropNoise) for f in logger.filters):
            logger.addFilter(_DropNoise(prefix))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
