"""One publication's facts, derived once: the model every output reads.

Fields as read (:mod:`.fields`), identifiers and links (:mod:`.identifiers`),
which files may be published (:mod:`.files`), the venue and its line
(:mod:`.venue`), and the :class:`Publication` itself (:mod:`.publication`).
"""

from __future__ import annotations

from .fields import plain_field, raw_field, text_field, verbatim_field
from .files import (
    TOOL_DIRS,
    Refused,
    Shippable,
    check_file,
    looks_like_path,
    not_inside,
    refusal_message,
)
from .identifiers import (
    FILE_FIELDS,
    Link,
    doi_of,
    is_fake_pages,
    links_and_rejected,
    links_of,
    preprint_of,
    rejected_link_problem,
    thesis_kind,
)
from .publication import (
    SELECTED_FILTER,
    SELECTED_KEYWORD_RE,
    Contributor,
    Publication,
    is_selected,
    publication_of,
    selected_filter_for,
)
from .venue import venue_line, venue_of

__all__ = [
    "FILE_FIELDS",
    "SELECTED_FILTER",
    "SELECTED_KEYWORD_RE",
    "TOOL_DIRS",
    "Contributor",
    "Link",
    "Publication",
    "Refused",
    "Shippable",
    "check_file",
    "doi_of",
    "is_fake_pages",
    "is_selected",
    "links_and_rejected",
    "links_of",
    "looks_like_path",
    "not_inside",
    "plain_field",
    "preprint_of",
    "publication_of",
    "raw_field",
    "refusal_message",
    "rejected_link_problem",
    "selected_filter_for",
    "text_field",
    "thesis_kind",
    "venue_line",
    "venue_of",
    "verbatim_field",
]
