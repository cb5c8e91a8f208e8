"""A quiet build: progress and real warnings only.

Two extensions log, at the INFO level of every build, text that is not
progress: myst-parser prints its whole configuration (a 1,000-character
``myst v5.2.0: MdParserConfig(...)`` line) and Sphinx's LaTeX builder names each
template it evaluates. A user who reads the build log for warnings should not
have to scroll past them, so a logging filter drops exactly those INFO records
(identified by their logger and message); warnings and errors always pass.
The PDF's TeX chatter is silenced in the Makefile instead (``latexmk
-silent``), and the full TeX logs stay in ``_build/latex/``.

Two more lines are noise on every rebuild:

* "The configuration has changed (3 options: 'html_css_files',
  'html_static_path', 'pygments_dark_style')": nothing in ``conf.py`` changed;
  extensions add to these values while they set up (sphinx-copybutton appends
  its static folder, the theme its stylesheets), so the values pickled with the
  environment always differ from those just read from ``conf.py``. Those
  options (:data:`SET_BY_EXTENSIONS`; none changes how a document is read) are
  left out of the line, and the line is dropped when nothing else is left; a
  real change of any other option is still reported.
* sphinxext-opengraph's "matplotlib is not installed, social cards will not
  be generated", a ``print`` at import time: cvweb imports it with standard
  output set aside (:func:`import_quietly`).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
import re
from types import ModuleType
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


#: Options that extensions change while setting up, whatever ``conf.py`` says.
SET_BY_EXTENSIONS = frozenset(
    {"html_css_files", "html_js_files", "html_static_path", "html_context", "pygments_dark_style"}
)
_QUOTED = re.compile(r"'([^']+)'")


class _DropSpuriousConfigChange(logging.Filter):
    """Leave :data:`SET_BY_EXTENSIONS` out of "The configuration has changed (...)".

    The line is dropped when it names nothing else, and names only the rest
    otherwise (a changed ``html_title`` reads "(1 option: 'html_title')").
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.msg if isinstance(record.msg, str) else ""
        if record.levelno != logging.INFO or "configuration has changed" not in message:
            return True
        names = {match for arg in record.args or () for match in _QUOTED.findall(repr(arg))}
        if "..." in message or not names:
            return True  # more than five (Sphinx lists only five): leave it whole
        kept = sorted(names - SET_BY_EXTENSIONS)
        if not kept:
            return False
        if len(kept) == 1:
            record.msg, record.args = "The configuration has changed (1 option: %r)", (kept[0],)
        else:
            record.msg = "The configuration has changed (%d options: %s)"
            record.args = (len(kept), ", ".join(map(repr, kept)))
        return True


def import_quietly(name: str) -> ModuleType:
    """Import *name* with whatever it prints to standard output set aside."""
    with contextlib.redirect_stdout(io.StringIO()):
        return importlib.import_module(name)


def setup(app: Sphinx) -> dict[str, Any]:
    """Install the filters once per process (a second app must not stack them)."""
    for name, prefix in NOISE.items():
        logger = logging.getLogger(name)
        if not any(isinstance(f, _DropNoise) for f in logger.filters):
            logger.addFilter(_DropNoise(prefix))
    environment = logging.getLogger("sphinx.sphinx.environment")
    if not any(isinstance(f, _DropSpuriousConfigChange) for f in environment.filters):
        environment.addFilter(_DropSpuriousConfigChange())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
