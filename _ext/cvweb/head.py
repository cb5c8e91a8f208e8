"""Add metadata to a page's ``<head>`` from an ``html-page-context`` handler.

Sphinx renders ``context["metatags"]`` (a string of HTML) inside ``<head>`` in
every theme, furo included, so that string is where page metadata goes. These
helpers put tags there; the tags themselves are written by
:mod:`cvbib.render.headtags`, the one writer (and escaper) of head markup that the
publication pages use too, so a title with ``<`` or ``"`` or a JSON value with
``</script>`` or ``<!--<script>`` cannot break the page. Call them from a
handler of ``html-page-context``::

    from cvweb.head import add_json_ld, add_meta

    def on_page(app, pagename, templatename, context, doctree):
        add_meta(context, "citation_title", "TTRL: Test-Time Reinforcement Learning")
        add_json_ld(context, {"@context": "https://schema.org", "@type": "ScholarlyArticle"})
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cvbib.render import json_ld, link_tag, meta_tag

#: docutils' HTML writer puts its own viewport tag into ``metatags``; furo has one already.
_VIEWPORT = re.compile(r"\s*<meta\s+name=\"viewport\"[^>]*>", re.IGNORECASE)


def add_meta(context: dict[str, Any], name: str, content: str, *, attribute: str = "name") -> None:
    """Append ``<meta {attribute}="{name}" content="{content}">`` to the page's head.

    *attribute* is ``"name"`` for ordinary and Highwire ``citation_*`` tags and
    ``"property"`` for OpenGraph. A repeated *name* is kept (``citation_author``
    is one tag per author, in order).
    """
    _append(context, meta_tag(name, content, attribute=attribute))


def add_link(context: dict[str, Any], rel: str, href: str, **attributes: str) -> None:
    """Append ``<link rel=... href=...>`` (extra attributes such as ``type``, ``sizes``)."""
    _append(context, link_tag(rel, href, **attributes))


def add_json_ld(context: dict[str, Any], data: Mapping[str, Any]) -> None:
    """Append *data* as a ``<script type="application/ld+json">`` block."""
    _append(context, json_ld(data))


def set_description(context: dict[str, Any], description: str) -> None:
    """The page's ``<meta name="description">`` and ``og:description``.

    Call it from a handler connected with a priority below 500, so that
    sphinxext-opengraph (priority 500) sees it and does not add its own
    description taken from the page's first paragraph.
    """
    if not has_meta(context, "description"):
        add_meta(context, "description", description)
    fields = context.get("meta")
    if isinstance(fields, dict):
        fields.setdefault("og:description", description)


def has_meta(context: dict[str, Any], name: str) -> bool:
    """Whether the head already has a ``<meta name=...>`` or ``property=...`` of *name*."""
    pattern = rf"<meta\s+(?:name|property)=\"{re.escape(name)}\""
    return re.search(pattern, context.get("metatags") or "") is not None


def drop_viewport_duplicate(context: dict[str, Any]) -> None:
    """Remove docutils' viewport tag from ``metatags``: the theme writes its own."""
    context["metatags"] = _VIEWPORT.sub("", context.get("metatags") or "")


def _append(context: dict[str, Any], tag: str) -> None:
    metatags = context.get("metatags") or ""
    context["metatags"] = f"{metatags}\n{tag}" if metatags else tag
