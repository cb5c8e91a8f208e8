"""Which URLs may become links: one allowlist for the styles and the LaTeX decoder.

The bib file is data and the CV is a public web page, so a ``javascript:`` or
``data:`` URL in a field (or in a ``\\url``/``\\href`` inside a title) must never
become a clickable link. This module sits at the bottom of the layers (it
imports nothing of cvbib) so that :mod:`cvbib.latex.decoder` and :mod:`cvbib.style.cv`
share the one rule.
"""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["SAFE_SCHEMES", "link_target", "safe_url"]

#: The schemes that may become links.  Everything else (``javascript:``, ``data:``,
#: ``file:``, relative URLs) would be an injection or a broken link on a public page.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_URL_INVALID_RE = re.compile(r'[\s"<>\\^`{|}]')


def safe_url(url: str) -> str | None:
    """Return *url*, stripped, if it is an ``http``, ``https`` or ``mailto`` URL, else None.

    Browsers drop tabs and newlines inside URLs, so "java\\nscript:" would run as
    "javascript:"; any control character left after stripping the ends therefore
    rejects the URL instead of being cleaned. URLs without a scheme are rejected
    too: on the CV a relative link is always a mistake.
    """
    candidate = url.strip()
    if not candidate or _CONTROL_RE.search(candidate):
        return None
    match = _SCHEME_RE.match(candidate)
    if match is None or match.group(1).lower() not in SAFE_SCHEMES:
        return None
    return candidate


def link_target(url: str) -> str | None:
    """The ``href`` for *url*: None unless :func:`safe_url`, invalid characters encoded.

    pybtex's HTML backend writes the URL into ``href="..."`` unescaped, so a ``"``
    in a bib file's URL could add attributes to the link. Characters that are never
    valid in a URL (RFC 3986: space, ``"``, ``<``, ``>``, backslash, ``^``, backtick,
    ``{``, ``|``, ``}``) are therefore percent-encoded, as a browser would encode
    them anyway; every other character is left as written.
    """
    href = safe_url(url)
    if href is None:
        return None
    return _URL_INVALID_RE.sub(lambda m: quote(m.group(0), safe=""), href)
