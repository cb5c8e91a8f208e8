"""The docutils nodes of a CV entry: structure only, the visitors are per builder.

An entry is a :class:`cv_entry` holding a :class:`cv_entry_head` (a
:class:`cv_entry_main` column of :class:`cv_entry_line` lines, and a
:class:`cv_entry_aside` column of the dates and the place) and then, when the
owner wrote some, a ``container`` (class ``cv-entry-body``) of ordinary MyST
content. Lines hold ordinary inline nodes (``strong``, ``emphasis``, links,
math); dates are :class:`cv_date` nodes (HTML writes ``<time datetime>``).
Every builder gets the same nodes: :mod:`.html`, :mod:`.latex` and
:mod:`.text` lay them out.
"""

from __future__ import annotations

from docutils import nodes

__all__ = [
    "cv_date",
    "cv_entry",
    "cv_entry_aside",
    "cv_entry_head",
    "cv_entry_line",
    "cv_entry_main",
    "cv_updated",
]


class cv_entry(nodes.General, nodes.Element):
    """One typed entry. Attributes: ``entrytype``; classes ``cv-entry``,
    ``cv-entry-<type>`` and ``cv-tag-<tag>`` (which CV variants select by)."""


class cv_entry_head(nodes.General, nodes.Element):
    """The two columns of an entry: what and where (main), when and where (aside)."""


class cv_entry_main(nodes.General, nodes.Element):
    """The left column: the entry's lines (title, subtitle, details)."""


class cv_entry_aside(nodes.General, nodes.Element):
    """The right column: the dates, then the place."""


class cv_entry_line(nodes.Part, nodes.TextElement):
    """One line of a column; its classes say which (``cv-entry-title``, ``cv-dates``, ...)."""


class cv_date(nodes.Inline, nodes.TextElement):
    """A formatted date; ``datetime`` holds its ISO 8601 form (empty for "present")."""


class cv_updated(nodes.General, nodes.TextElement):
    """ "Last updated: …", filled in when the page is written (see :mod:`cventries.updated`)."""
