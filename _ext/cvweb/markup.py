"""Small corrections to the HTML that Sphinx and furo write, made on the page's context.

- A page's title section becomes a ``<div>``: furo puts the body in an
  ``<article>``, and a heading inside a nested ``<section>`` does not name the
  article (the Nu HTML checker warns "Article lacks heading"). The ``<h1>`` and
  everything else stay as they are, ids included.
"""

from __future__ import annotations

import re
from typing import Any

_OPENING = re.compile(r"\A(\s*)<section(\s[^>]*)?>")
_CLOSING = re.compile(r"</section>(\s*)\Z")


def unwrap_title_section(context: dict[str, Any]) -> None:
    """Turn the one ``<section>`` around a whole page body into a ``<div>``."""
    body = context.get("body")
    if not isinstance(body, str):
        return
    opening = _OPENING.match(body)
    closing = _CLOSING.search(body)
    if opening is None or closing is None or not _wraps_everything(body):
        return
    head = f"{opening.group(1)}<div{opening.group(2) or ''}>"
    context["body"] = head + body[opening.end() : closing.start()] + "</div>" + closing.group(1)


def _wraps_everything(body: str) -> bool:
    """Whether the first ``<section>`` closes at the very end (not a list of sibling sections)."""
    depth = 0
    for match in re.finditer(r"<(/?)section[\s>]", body):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return body[match.end() :].strip() == ""
    return False
