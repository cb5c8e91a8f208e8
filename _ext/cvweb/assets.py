"""Each page loads only the CSS and JavaScript it uses.

Sphinx gives every page the same list of files. Some serve only a kind of
content: Pygments' colours and sphinx-copybutton's files only code blocks,
sphinx-design's tab script only tab sets, Sphinx's search-term highlighter and
``doctools.js`` only the search page and the pages it links to with
``?highlight=``. The rules below drop a file from a page whose doctree has no
such content; a page that has it keeps it. Files not named here always load.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePosixPath
from typing import Any

from docutils import nodes


def _has_code(doctree: nodes.document | None, body: str) -> bool:
    if doctree is None:  # a page an extension made (a publication's page): read its HTML
        return 'class="highlight' in body
    return next(iter(doctree.findall(nodes.literal_block)), None) is not None


def _has_tabs(doctree: nodes.document | None, body: str) -> bool:
    if doctree is None:
        return "sd-tab-set" in body
    return any("sd-tab-set" in n.get("classes", ()) for n in doctree.findall(nodes.Element))


def _never(doctree: nodes.document | None, body: str) -> bool:
    return False


#: file name (without directories) -> does a page with this doctree (or, for a
#: page without one, this body) use it?
USED_BY: dict[str, Callable[[nodes.document | None, str], bool]] = {
    "pygments.css": _has_code,
    "copybutton.css": _has_code,
    "copybutton.js": _has_code,
    "copybutton_funcs.js": _has_code,
    "clipboard.min.js": _has_code,
    "design-tabs.js": _has_tabs,
    "sphinx_highlight.js": _never,
    "doctools.js": _never,
}

#: Pages made by Sphinx itself that need everything they ask for.
KEEP_ALL = {"search", "genindex"}


def prune_assets(pagename: str, context: dict[str, Any], doctree: nodes.document | None) -> None:
    """Replace the page's ``css_files``/``script_files`` with the ones it uses."""
    if pagename in KEEP_ALL:
        return
    for key in ("css_files", "script_files"):
        files = context.get(key)
        if not isinstance(files, list):
            continue
        body = str(context.get("body", ""))
        context[key] = [asset for asset in files if _used(asset, doctree, body)]


def _used(asset: object, doctree: nodes.document | None, body: str) -> bool:
    filename = getattr(asset, "filename", asset)
    if not isinstance(filename, str) or not filename:
        return True  # an inline script, or something this module does not know
    rule = USED_BY.get(PurePosixPath(filename.split("?", 1)[0]).name)
    return rule is None or rule(doctree, body)
