"""Formatting entries: marked styles, a generic fallback, and a persistent cache.

Stock sphinxcontrib-bibtex formats every entry again on every build, twice when
tooltips are on. Here a formatted entry is kept in the Sphinx environment under
a key made of everything its text depends on: the entry's own content (type,
key, fields and persons), the style, and the fingerprint of cvbib's options
(and its label, for a style whose text might show it), and the formatting
code itself. A no-op rebuild then
formats nothing, an edit of one ``.bib`` entry formats that entry only, even
when it renumbers the others, and a change of ``cv_owner`` misses the cache
(no stale bold). Tooltips reuse the entry's text when their style is the same,
instead of formatting it a second time.

Entries are formatted without ``bib_data`` (as sphinxcontrib-bibtex does), so
a ``crossref`` parent's fields never reach an entry's text and are not part of
its key.

What is formatted is formatted in one batch (:func:`formatting_batch`): each
distinct LaTeX string is decoded once (a journal name, a month, a person's
name recur in thousands of entries, and decoding is the slowest step of
formatting), and the cyclic garbage collector waits until the batch
is done (the batch allocates millions of objects and frees none in cycles,
while each collection would walk the whole environment again). A batch of
thousands (a cold build of a long bibliography) is shared with forked helper
processes, one per spare CPU (:func:`format_all`).

Any failure of a style on one entry (an entry type the style does not know, a
missing required field, a bug in a user's style) falls back to the CV's generic
form with a warning, so no entry is ever lost or rendered as an error message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from pybtex.database import Entry
from pybtex.style import FormattedEntry

from ..i18n import translation_fingerprint
from ..latex import (
    MacroTable,
    macros_in_effect,
)
from .cache import (
    CACHE_VERSION,
    FormatCache,
    Formatted,
    digest,
    entry_fingerprint,
)
from .marked import MarkedStyle
from .pool import format_all


def format_entries(
    cache: FormatCache,
    style: MarkedStyle,
    entries: list[Entry],
    labelprefix: str = "",
    fingerprint: Callable[[Entry], str] = entry_fingerprint,
    macros: MacroTable | None = None,
) -> list[tuple[Entry, Formatted, bool]]:
    """Sort, label and format *entries*: (entry, formatted, from_cache) in order.

    Only the entries missing from *cache* are formatted, all in one batch.
    With a label-free style the label is not part of the key, and a cached
    entry is given its current label: numeric labels shift for every entry
    after a new one (or after one whose sort position changed), and those
    entries must not be formatted again for that. *fingerprint* may be a
    memoized :func:`entry_fingerprint`. *macros* are the ``@preamble``
    definitions the LaTeX is decoded under; their digest is part of the key,
    so that a changed definition formats the entries again.
    """
    sorted_entries = style.sort(entries)
    labels = [labelprefix + label for label in style.labels(sorted_entries)]
    macro_digest = macros.digest if macros else ""
    # Roles, statuses and "et al." are translated when an entry is formatted.
    words = translation_fingerprint()
    prefix = digest(
        f"{CACHE_VERSION}|{style.style_id}|{style.config.fingerprint}|{macro_digest}"
        + (f"|{words}" if words else "")
    )
    if style.label_free:
        keys = [f"{prefix}|{fingerprint(entry)}" for entry in sorted_entries]
    else:
        keys = [
            f"{prefix}|{label}|{fingerprint(entry)}"
            for label, entry in zip(labels, sorted_entries, strict=False)
        ]
    found = [cache.get(key) for key in keys]
    missing = [index for index, formatted in enumerate(found) if formatted is None]
    jobs = [(labels[index], sorted_entries[index]) for index in missing]
    with macros_in_effect(macros):
        formatted_jobs = format_all(style, jobs)
    for index, formatted in zip(missing, formatted_jobs, strict=True):
        cache.put(keys[index], formatted)
        found[index] = formatted
    fresh = set(missing)
    result = []
    for index, (label, entry) in enumerate(zip(labels, sorted_entries, strict=False)):
        formatted = cast(Formatted, found[index])
        if formatted.entry.label != label:
            relabelled = FormattedEntry(formatted.entry.key, formatted.entry.text, label)
            formatted = formatted._replace(entry=relabelled)
        result.append((entry, formatted, index not in fresh))
    return result
