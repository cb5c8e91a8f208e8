"""The one writer of what goes into a page's ``<head>``: meta tags, link tags and JSON-LD.

cvbib's publication pages (Highwire ``citation_*`` tags, OpenGraph,
``ScholarlyArticle``) and cvweb's CV page (description, OpenGraph, ``Person``)
write their head through these functions only, so the escaping is decided once:

* attribute values are HTML-escaped, quotes included;
* JSON-LD is JSON with ``<``, ``>``, ``&``, U+2028 and U+2029 written as
  ``\\uXXXX`` escapes. Inside ``<script>`` the HTML parser knows nothing of
  JSON: a ``</script>`` in a title would end the element, and a ``<!--`` with
  a ``<script`` after it (``<!--<script>`` in a field) puts the parser in a
  state where the real ``</script>`` no longer ends it, so the rest of the
  head (title, stylesheets) is eaten. With no ``<`` left in the text neither
  can happen; the JSON value is unchanged (every JSON reader decodes the
  escapes), and the two line separators, legal in JSON but not in older
  JavaScript, cannot break a script that reads it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["json_for_script", "json_ld", "link_tag", "meta_tag", "opengraph_tags"]

_SCRIPT_SAFE = str.maketrans(
    {
        "<": "\\u003c",
        ">": "\\u003e",
        "&": "\\u0026",
        "\u2028": "\\u2028",
        "\u2029": "\\u2029",
    }
)


def json_for_script(text: str) -> str:
    """JSON *text* with the characters escaped that could end or confuse a ``<script>``.

    Only valid inside JSON strings is where these characters can be, so the
    whole text is translated at once (a collaboration's 3,000 authors included).
    """
    return text.translate(_SCRIPT_SAFE)


def json_ld(data: Mapping[str, Any], members: str = "") -> str:
    """A ``<script type="application/ld+json">`` of *data*.

    *members* is more of the object, already serialized (``"author":[...]``),
    for data too large to build as dictionaries each time.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    if members:
        text = f"{text[:-1]}{',' if data else ''}{members}}}"
    return f'<script type="application/ld+json">{json_for_script(text)}</script>'


def meta_tag(name: str, content: str, *, attribute: str = "name") -> str:
    """``<meta {attribute}="{name}" content="{content}">``, every value escaped.

    *attribute* is ``"name"`` for ordinary and Highwire ``citation_*`` tags and
    ``"property"`` for OpenGraph.
    """
    return (
        f'<meta {html.escape(attribute)}="{html.escape(name)}" '
        f'content="{html.escape(content, quote=True)}">'
    )


def opengraph_tags(properties: Iterable[tuple[str, str]]) -> list[str]:
    """OpenGraph's ``<meta property="og:…" content="…">`` tags, in order, empty values left out.

    Link previews (Slack, Mastodon, LinkedIn, a messenger) read these, not the
    ``<title>`` or Highwire tags; an ``og:url`` or ``og:image`` must be absolute.
    """
    return [meta_tag(name, value, attribute="property") for name, value in properties if value]


def link_tag(rel: str, href: str, **attributes: str) -> str:
    """``<link rel=... href=...>`` with extra attributes (``type``, ``sizes``), escaped."""
    extra = "".join(
        f' {html.escape(key)}="{html.escape(value)}"' for key, value in attributes.items()
    )
    return f'<link rel="{html.escape(rel)}" href="{html.escape(href)}"{extra}>'
