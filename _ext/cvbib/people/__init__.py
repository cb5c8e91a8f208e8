"""People in author lists: who is the owner, and what marks and roles each name carries.

Owner matching (:mod:`.names`), biblatex annotations (:mod:`.annotations`),
collaborations (:mod:`.collaborations`), the marks of an entry and the legend
(:mod:`.marks`), and a name as plain text (:mod:`.plain`).
"""

from __future__ import annotations

from .annotations import AnnotationProblem, parse_annotations
from .collaborations import Collaboration, collaboration_key, collaboration_of
from .marks import EntryMarks, compute_marks, decorate, legend_items, matcher_for
from .names import InvalidName, NameKey, OwnerMatcher, name_key, parse_owner_name
from .plain import plain_name

__all__ = [
    "AnnotationProblem",
    "Collaboration",
    "EntryMarks",
    "InvalidName",
    "NameKey",
    "OwnerMatcher",
    "collaboration_key",
    "collaboration_of",
    "compute_marks",
    "decorate",
    "legend_items",
    "matcher_for",
    "name_key",
    "parse_annotations",
    "parse_owner_name",
    "plain_name",
]
