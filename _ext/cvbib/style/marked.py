"""Any pybtex style with cvbib's marks: the owner bold, symbols, roles, and the checks.

:class:`MarkedStyle` wraps one instance of a pybtex style (``cv``, ``plain``,
a user's subclass): its ``format_name`` becomes cvbib's marking formatter, and
each entry is formatted with its marks, its publication model and the
problems found on the way (unknown macros, leftover markup, refused math, a
style that failed on it and fell back to the generic form), as one cached
:class:`~cvbib.style.cache.Formatted`.
"""

from __future__ import annotations

from typing import cast

import pybtex.plugin
from pybtex.database import Entry
from pybtex.richtext import BaseText, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.template import FieldIsMissing

from ..latex import (
    collect_cuts,
    collect_unknown,
    leftover_markup,
)
from ..model import Publication, links_and_rejected, publication_of, rejected_link_problem
from ..people import EntryMarks, compute_marks, matcher_for
from ..settings import CvbibConfig
from ..text import compacted, refused_math
from ..upstream.pybtex import BASE_FORMAT_ENTRY, UNSRT_FORMAT_NAMES
from .authors import names_template
from .cache import (
    Formatted,
    code_fingerprint,
)
from .cv import CvStyle, generic_template
from .marking import MarkingNameFormatter

#: ``format_entry`` implementations whose text does not depend on the label:
#: pybtex's own and the CV style's pass the label through to the
#: ``FormattedEntry`` untouched, while a user's style may put it in the text.
LABEL_FREE_FORMATTERS: tuple[object, ...] = (BASE_FORMAT_ENTRY, CvStyle.format_entry)


class MarkedStyle:
    """A pybtex style instance whose names carry cvbib's marks."""

    def __init__(self, name: str, config: CvbibConfig) -> None:
        style_class = pybtex.plugin.find_plugin("pybtex.style.formatting", name)
        self.name = name
        self.style: BaseStyle = cast(BaseStyle, style_class())
        self.config = config
        self.matcher = matcher_for(config)
        self.names = MarkingNameFormatter(self.style.format_name)
        # Instance attributes: the class, and every other user of it, is untouched.
        self.style.format_name = self.names
        #: Read by :func:`cvbib.style.authors.author_list` (truncation that keeps the owner).
        self.style.cvbib_author_limit = config.author_limit
        if getattr(style_class, "format_names", None) is UNSRT_FORMAT_NAMES:
            self.style.format_names = names_template  # a proper "et al." for `and others`
        self.style_id = (
            f"{style_class.__module__}.{style_class.__qualname__}:{name}:"
            + code_fingerprint(style_class)
        )
        #: Whether the text of an entry is known not to depend on its label, so
        #: that the cache can serve it under another label (see :func:`format_entries`).
        self.label_free = getattr(style_class, "format_entry", None) in LABEL_FREE_FORMATTERS

    def sort(self, entries: list[Entry]) -> list[Entry]:
        return list(self.style.sort(entries))

    def labels(self, entries: list[Entry]) -> list[str]:
        return list(self.style.format_labels(entries))

    def format(self, label: str, entry: Entry) -> Formatted:
        marks = compute_marks(entry, self.config, self.matcher)
        self.names.current = marks
        problems: list[tuple[str, str]] = [
            (problem.subtype, f"'{field_name}': {problem.message}")
            for field_name, problem in marks.problems
        ]
        try:
            with collect_unknown() as unknown, collect_cuts() as cuts:
                try:
                    formatted = self.style.format_entry(label, entry)
                except Exception as exc:  # a style's failure must not lose the entry
                    problems.append(("style_fallback", _fallback_message(self.name, entry, exc)))
                    formatted = FormattedEntry(entry.key, self._generic(entry), label)
                publication = self._publication(entry, marks, problems)
        finally:
            self.names.current = None
        problems += [("preamble_budget", cut.message()) for cut in dict.fromkeys(cuts)]
        formatted = FormattedEntry(formatted.key, compacted(formatted.text), formatted.label)
        residue = leftover_markup(formatted.text)
        if residue is not None:
            problems.append(("leftover_markup", _leftover_message(residue)))
        problems.extend(
            ("unsafe_math", message) for message in _refused_math(formatted, publication)
        )
        collaboration = marks.collaboration
        return Formatted(
            entry=formatted,
            used_marks=frozenset(marks.used),
            # A member of a declared collaboration is the owner of its papers.
            owner_found=marks.owner_found or marks.member,
            problems=tuple(problems),
            publication=publication,
            unknown_macros=frozenset(unknown),
            collaboration=(
                (collaboration.name, *collaboration.written) if collaboration is not None else ()
            ),
        )

    def _publication(
        self, entry: Entry, marks: EntryMarks, problems: list[tuple[str, str]]
    ) -> Publication | None:
        """The entry's model; a failure is reported, never lets the entry be lost."""
        links, rejected = links_and_rejected(entry)
        for name, value in rejected:
            problems.append(rejected_link_problem(name, value, self.config.files_dir))
        try:
            return publication_of(entry, marks, self.config, links)
        except Exception as exc:  # the text line is still shown
            problems.append(
                ("style_fallback", f"its links, badges and page could not be made ({exc!r})")
            )
            return None

    def _generic(self, entry: Entry) -> BaseText:
        context = {"entry": entry, "style": self.style, "bib_data": None}
        try:
            return cast(BaseText, generic_template(self.style, entry).format_data(context))
        except Exception:
            return Text(f"[{entry.key}]")


def _refused_math(formatted: FormattedEntry, publication: Publication | None) -> list[str]:
    """One message per distinct refused math of the entry's text and abstract."""
    found = list(refused_math(formatted.text))
    if publication is not None and publication.abstract is not None:
        found.extend(refused_math(publication.abstract))
    messages: dict[str, str] = {}
    for math in found:
        shown = "".join(c if c.isprintable() else "?" for c in math.source)
        if len(shown) > 60:
            shown = shown[:59] + "…"
        messages.setdefault(
            math.source,
            f"the math ${shown}$ is shown as plain text, not typeset, because {math.problem}: "
            "write it with standard math commands (\\alpha, x^{2}, \\frac{a}{b}, "
            "\\mathrm{..}) or as plain text",
        )
    return list(messages.values())


def _leftover_message(residue: str) -> str:
    return (
        f"the rendered entry still shows LaTeX markup {residue!r}; write it as text "
        "or standard LaTeX (a brace group, \\emph{..}, $..$ math), or define the macro "
        "in the file's @preamble"
    )


def _fallback_message(style: str, entry: Entry, exc: Exception) -> str:
    """Why a style could not format *entry*, and what the owner can do about it."""
    generic = "it is shown in cvbib's generic form"
    if isinstance(exc, AttributeError) and f"format_{entry.type}" in str(exc):
        return (
            f"pybtex's '{style}' style has no template for @{entry.type}; {generic}: "
            "use the 'cv' style, or a BibTeX type such as @misc"
        )
    head = f"the '{style}' style cannot format this @{entry.type} entry"
    if isinstance(exc, FieldIsMissing):
        return (
            f"{head} without the field '{exc.field_name}' (a crossref parent's fields are not "
            f"used); {generic}: add the field, or use the 'cv' style"
        )
    return f"{head} ({type(exc).__name__}: {exc}); {generic}: use the 'cv' style"
