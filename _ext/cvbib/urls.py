"""Which URLs may become links: the one allowlist every output goes through."""

from __future__ import annotations

import re
from urllib.parse import quote

__all__ = ["SAFE_SCHEMES", "href", "safe_url"]

#: The schemes that may become links.  Everything else (``javascript:``, ``data:``,
#: ``file:``, relative URLs) would be an injection or a broken link on a public page.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_URL_INVALID_RE = re.compile(r'[\s"<>\\^`{|}]')


def safe_url(url: str) -> str | None:
    """Return *url*, stripped, if it is an ``http``, ``https`` or ``mailto`` URL, else None.

    The bib file is data, and the CV is a public web page: a ``javascript:`` or
    ``data:`` URL must never become a clickable link.  Browsers drop tabs and newlines
    inside URLs, so "java\\nscript:" would run as "javascript:"; any control character
    left after stripping the ends therefore rejects the URL instead of being cleaned.
    URLs without a scheme are rejected too: on the CV a relative link is always a
    mistake.
    """
    candidate = url.strip()
    if not candidate or _CONTROL_RE.search(candidate):
        return None
    match = _SCHEME_RE.match(candidate)
    if match is None or match.group(1).lower() not in SAFE_SCHEMES:
        return None
    return candidate


def href(url: str) -> str | None:
    """*url* ready for an ``href`` attribute, or None when it may not be a link.

    Characters that are never valid in a URL (RFC 3986: space, ``"``, ``<``,
    ``>``, backslash, ``^``, backtick, ``{``, ``|``, ``}``) are percent-encoded,
    as a browser would encode them anyway, so a ``"`` in a bib file's URL can
    never add attributes to a link; every other character is left as written.
    """
    safe = safe_url(url)
    if safe is None:
        return None
    return _URL_INVALID_RE.sub(lambda m: quote(m.group(0), safe=""), safe)
