"""Formatting: the ``cv`` pybtex style, the owner marked in every style, and the cache.

The style (:mod:`.cv`) and its author lists (:mod:`.authors`); any pybtex
style with the owner bold and the marks (:mod:`.marking`, :mod:`.marked`);
the persistent cache (:mod:`.cache`), batches (:mod:`.batch`), helper
processes (:mod:`.pool`) and the whole of it (:mod:`.formatting`).
"""

from __future__ import annotations

from .authors import ET_AL, author_list, names_template
from .batch import (
    collector_paused,
    formatting_batch,
    freeze_more,
    lasting_objects,
    thaw_after_build,
)
from .cache import (
    CACHE_VERSION,
    FormatCache,
    Formatted,
    code_fingerprint,
    entry_fingerprint,
    usable_cache,
)
from .cv import STYLE_NAME, CvStyle, generic_template, register_styles
from .formatting import format_entries
from .marked import MarkedStyle
from .marking import MarkingNameFormatter
from .pool import deal, format_jobs

__all__ = [
    "CACHE_VERSION",
    "ET_AL",
    "STYLE_NAME",
    "CvStyle",
    "FormatCache",
    "Formatted",
    "MarkedStyle",
    "MarkingNameFormatter",
    "author_list",
    "code_fingerprint",
    "collector_paused",
    "deal",
    "entry_fingerprint",
    "format_entries",
    "format_jobs",
    "formatting_batch",
    "freeze_more",
    "generic_template",
    "lasting_objects",
    "names_template",
    "register_styles",
    "thaw_after_build",
    "usable_cache",
]
