"""The entry directives: ``{cv-education}``, ``{cv-position}``, … and ``{cv-entry}``.

One directive per kind of entry (:data:`cventries.model.ENTRY_TYPES`). The
argument is the entry's title (the degree, the position, the talk's title,
the student's name), the options are its facts, and the content is ordinary
MyST for highlights::

    :::{cv-education} PhD in Electronic Engineering
    :institution: Tsinghua University
    :start: 2022-09
    :end: 2026-06
    :advisor: Bowen Zhou
    :tags: short

    **Interest:** Large Language Models, Test-Time Scaling
    :::

Nothing the owner writes is lost: an unknown option, a missing required fact,
a date that is not ISO 8601 or an unknown choice is a typed warning
(``type="cventries"``) at the file and line, saying what to write instead,
and the entry is still shown with what it has (a bad date as written).
``{cv-entry}`` is a plain entry (a title, dates, a place, text; any other
option is shown as "name: value"), and with ``:type: <kind>`` the same
directive as ``{cv-<kind>}``; an unknown kind is warned about and shown in
the plain layout.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .formatting import DateFormatter, _, is_amount, label, locale_of
from .model import (
    COMMON,
    ENTRY_TYPES,
    GENERIC,
    CvDate,
    CvEntry,
    DateProblem,
    DateRange,
    EntryType,
    Fact,
    parse_date,
)
from .render import (
    cv_date,
    cv_entry,
    cv_entry_aside,
    cv_entry_head,
    cv_entry_line,
    cv_entry_main,
)
from .settings import get_settings

__all__ = ["CvEntryDirective", "EntryDirective", "directive_for", "setup_directives"]

logger = logging.getLogger(__name__)

#: A tag as a class name: letters, digits and hyphens.
_TAG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_GENERIC = GENERIC


class AnyOption(dict[str, Any]):
    """An option spec that lets every option through to the directive.

    docutils and MyST reject an unknown option with their own message and
    drop the whole entry (docutils) or the option (MyST); the directive
    checks options itself instead, to say what the option is probably meant
    to be and to keep the entry.
    """

    def __missing__(self, key: str) -> Any:
        return directives.unchanged

    def __contains__(self, key: object) -> bool:
        return True

    def __bool__(self) -> bool:  # MyST reads no options for a directive whose spec is empty
        return True


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean :{close[0]}:?" if close else f"the options are :{': :'.join(choices)}:"


class EntryDirective(SphinxDirective):
    """One typed entry; subclasses fix :attr:`kind`."""

    kind: ClassVar[EntryType] = _GENERIC
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = AnyOption()

    # -- warnings ---------------------------------------------------------

    def warn(self, subtype: str, message: str, *args: Any) -> None:
        logger.warning(
            f"{{{self.name}}} " + message,
            *args,
            location=self.get_location(),
            type="cventries",
            subtype=subtype,
        )

    # -- reading ------------------------------------------------------------

    def entry_kind(self) -> EntryType:
        return self.kind

    def read_facts(self, kind: EntryType) -> dict[str, str]:
        """The facts as written, aliases resolved, unknown options warned about."""
        facts: dict[str, str] = {}
        if self.arguments:
            facts[kind.argument] = self.arguments[0].strip()
        known = list(kind.option_names)
        for name, value in self.options.items():
            if name == "type":
                continue
            canonical = kind.aliases.get(name, name)
            if kind.fact(canonical) is None:
                self.warn(
                    "unknown_option",
                    "has no option :%s: (%s); it is left out: rename or remove it",
                    name,
                    _suggest(name, known),
                )
                continue
            text = "" if value is None else " ".join(str(value).split())
            if canonical == kind.argument and kind.argument in facts:
                self.warn(
                    "unknown_option",
                    "gives its %s twice (as the argument and as :%s:); the argument is used",
                    kind.argument,
                    name,
                )
                continue
            facts[canonical] = text
        for name in kind.required:
            if not facts.get(name):
                where = "as the directive's argument" if name == kind.argument else f":{name}:"
                self.warn(
                    "missing_field",
                    "lacks its %s: write it %s (the entry is shown without it)",
                    name,
                    where,
                )
        return facts

    def read_dates(self, facts: dict[str, str]) -> tuple[DateRange, dict[str, str]]:
        """The entry's dates, and the ones that could not be read (shown as written)."""
        parsed: dict[str, CvDate] = {}
        raw: dict[str, str] = {}
        for name in ("start", "end", "date"):
            text = facts.get(name, "")
            if not text:
                continue
            try:
                parsed[name] = parse_date(text)
            except DateProblem as problem:
                self.warn("bad_date", ":%s: %s; it is shown as written", name, problem)
                raw[name] = text
        if "date" in facts and ("start" in facts or "end" in facts):
            self.warn(
                "bad_date",
                "has both :date: and :start:/:end:; :date: is for one day or year, "
                ":start: and :end: for a range: keep one",
            )
        if "date" in parsed:
            return DateRange(end=parsed["date"]), raw
        start, end = parsed.get("start"), parsed.get("end")
        if start is not None and start.present:
            self.warn("bad_date", ":start: cannot be 'present': write the date it began")
            start = None
        if start and end and not end.present and end < start:
            self.warn(
                "bad_date", ":end: %s is before :start: %s: swap them", end.iso(), start.iso()
            )
        return DateRange(start, end), raw

    def check_values(self, kind: EntryType, facts: dict[str, str]) -> None:
        for name, value in facts.items():
            fact = kind.fact(name)
            if fact is None or not value:
                continue
            if fact.kind == "int" and not value.replace(",", "").isdigit():
                self.warn("bad_value", ":%s: %r must be a whole number such as 120", name, value)
            elif fact.kind == "amount" and not is_amount(value):
                self.warn(
                    "bad_value",
                    ":%s: %r must be a number such as 1200000 (the currency goes in :currency:)",
                    name,
                    value,
                )
            elif fact.kind == "choice" and fact.name == "kind" and value not in fact.choices:
                self.warn(
                    "bad_value",
                    ":%s: %r is not one of %s; it is shown as written",
                    name,
                    value,
                    ", ".join(fact.choices),
                )
            elif fact.kind == "url" and not value.startswith(("https://", "http://")):
                self.warn("bad_value", ":%s: %r must be an http(s) address", name, value)
        if facts.get("amount") and not facts.get("currency"):
            self.warn("missing_field", "has an :amount: without :currency: (USD, EUR, CNY, …)")

    def read_tags(self, facts: dict[str, str]) -> tuple[str, ...]:
        tags = []
        for tag in re.split(r"[,\s]+", facts.get("tags", "").strip().lower()):
            if not tag:
                continue
            if not _TAG.match(tag):
                self.warn("bad_value", ":tags: %r must be letters, digits and hyphens", tag)
                continue
            tags.append(tag)
        return tuple(dict.fromkeys(tags))

    # -- nodes ----------------------------------------------------------------

    def inline(self, text: str) -> list[nodes.Node]:
        """*text* parsed as MyST inline markup (emphasis, links, math)."""
        parsed, messages = self.state.inline_text(text, self.lineno)
        return [*parsed, *messages]

    def fact(self, kind: EntryType, name: str, text: str, whole: bool = True) -> list[nodes.Node]:
        """A fact's text as MyST inline markup, translatable when it is words.

        A fact of the kind "text" (an institution, a degree, an award, a
        place) is one message of the document's catalog, as a paragraph is:
        an inline node marked ``translatable``, as Sphinx marks its own
        placeholders, whose text Sphinx's ``Locale`` transform replaces with
        the translation ("Tsinghua University" -> "清华大学") and which Sphinx
        removes afterwards, leaving its content. Names of people, dates,
        numbers, addresses and choices stay as written. *whole* says that
        *text* is the fact's whole value (not a phrase made of two facts),
        so that the entry's data takes the translation too
        (:class:`cventries.transforms.TranslatedFacts`).
        """
        parsed = self.inline(text)
        described = kind.fact(name)
        if described is None or described.kind != "text":
            return parsed
        holder = nodes.inline(text, "", *parsed, translatable=True, cv_fact=name if whole else "")
        self.set_source_info(holder)
        return [holder]

    def run(self) -> list[nodes.Node]:
        kind = self.entry_kind()
        facts = self.read_facts(kind)
        self.check_values(kind, facts)
        dates, unread = self.read_dates(facts)
        tags = self.read_tags(facts)
        settings = get_settings(self.config)
        formatter = DateFormatter(settings, locale_of(settings, self.config.language))

        node = cv_entry(entrytype=kind.name)
        node["classes"] += ["cv-entry", f"cv-entry-{kind.name}", *(f"cv-tag-{t}" for t in tags)]
        self.set_source_info(node)
        head = cv_entry_head()
        main = cv_entry_main()
        aside = cv_entry_aside()
        head += [main, aside]
        node += head
        main += self.main_lines(kind, facts, formatter)
        when = self.dates_line(dates, unread, formatter)
        if when is not None:
            aside += when
        if facts.get("location"):
            place = self.fact(kind, "location", facts["location"])
            aside += cv_entry_line("", "", *place, classes=["cv-place"])
        if self.content:
            body = nodes.container(classes=["cv-entry-body"])
            self.state.nested_parse(self.content, self.content_offset, body)
            node += body
        node["cventry"] = CvEntry(
            type=kind.name,
            facts={k: v for k, v in facts.items() if k != "tags"},
            dates=dates,
            tags=tags,
            docname=self.env.docname,
            line=self.lineno,
        )
        return [node]

    def main_lines(
        self, kind: EntryType, facts: dict[str, str], formatter: DateFormatter
    ) -> list[nodes.Node]:
        primary = facts.get(kind.primary, "")
        secondary = facts.get(kind.secondary, "") if kind.secondary else ""
        if kind.name == "education" and facts.get("area"):
            secondary = (
                label("degree_in").format(degree=secondary, area=facts["area"])
                if secondary
                else facts["area"]
            )
        combined = secondary != facts.get(kind.secondary, "")
        title: list[nodes.Node] = self.fact(kind, kind.primary, primary) if primary else []
        if kind.bold and title:
            title = [nodes.strong("", "", *title)]
        lines: list[nodes.Node] = []
        if kind.inline:
            first = cv_entry_line("", "", *title, classes=["cv-entry-title"])
            if secondary:
                first += nodes.Text(_(": ") if kind.bold else _(", "))
                first += self.fact(kind, kind.secondary, secondary, not combined)
            lines.append(first)
        else:
            lines.append(cv_entry_line("", "", *title, classes=["cv-entry-title"]))
            if secondary:
                shown = self.fact(kind, kind.secondary, secondary, not combined)
                subtitle = nodes.emphasis("", "", *shown)
                lines.append(cv_entry_line("", "", subtitle, classes=["cv-entry-subtitle"]))
        details = self.details(kind, facts, formatter)
        if details:
            lines.append(cv_entry_line("", "", *details, classes=["cv-entry-details"]))
        return lines

    def details(
        self, kind: EntryType, facts: dict[str, str], formatter: DateFormatter
    ) -> list[nodes.Node]:
        parts: list[list[nodes.Node]] = []
        for name in kind.details:
            value = facts.get(name, "")
            if not value:
                continue
            fact = kind.fact(name)
            assert fact is not None
            if name == "amount":
                parts.append([nodes.Text(formatter.amount(value, facts.get("currency", "")))])
            elif name == "kind":
                parts.append([nodes.Text(label(value, value))])
            elif name == "size":
                parts.append([nodes.Text(label("students").format(count=value))])
            elif fact.label and fact.kind == "choice":
                # One of the engine's words ("PI"): translated by its catalog, as labels are.
                shown = label(f"fact:{name}", fact.label)
                parts.append([nodes.Text(_("{label}: ").format(label=shown) + label(value, value))])
            elif fact.label:
                shown = label(f"fact:{name}", fact.label)
                parts.append(
                    [nodes.Text(_("{label}: ").format(label=shown)), *self.fact(kind, name, value)]
                )
            else:
                parts.append(self.fact(kind, name, value))
        result: list[nodes.Node] = []
        for index, part in enumerate(parts):
            if index:
                result.append(nodes.Text(" \N{MIDDLE DOT} "))
            result += part
        return result

    def dates_line(
        self, dates: DateRange, unread: dict[str, str], formatter: DateFormatter
    ) -> cv_entry_line | None:
        line = cv_entry_line("", classes=["cv-dates"])
        pieces: list[nodes.Node] = []
        for value in (dates.start, dates.end):
            if value is not None:
                pieces.append(cv_date("", formatter.date(value), datetime=value.iso()))
        for name in ("start", "date", "end"):
            if name in unread:
                pieces.append(nodes.Text(unread[name]))
        if len(pieces) == 2 and pieces[0].astext() == pieces[1].astext():
            pieces = pieces[:1]
        for index, piece in enumerate(pieces):
            if index:
                line += nodes.Text(get_settings(self.config).date_separator)
            line += piece
        if not pieces:
            return None
        settings = get_settings(self.config)
        if settings.date_durations:
            months = dates.months(_today_date())
            if months:
                line += nodes.Text(f" ({formatter.duration(months)})")
        return line


def _today_date() -> CvDate:
    import datetime

    today = datetime.date.today()
    return CvDate(today.year, today.month, today.day)


class CvEntryDirective(EntryDirective):
    """``{cv-entry}`` with ``:type: <kind>``: any kind, named in an option."""

    def entry_kind(self) -> EntryType:
        name = str(self.options.get("type") or "").strip().lower()
        found = ENTRY_TYPES.get(name)
        if not name:  # a plain entry: a title, dates, a place and text
            return _GENERIC
        if found is None:
            choices = sorted(ENTRY_TYPES)
            close = difflib.get_close_matches(name, choices, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            self.warn(
                "unknown_type",
                "has the type %r, which this CV does not know; %sthe types are %s "
                "(the entry is shown in a plain layout)",
                name,
                hint,
                ", ".join(choices),
            )
            return _GENERIC
        return found

    def read_facts(self, kind: EntryType) -> dict[str, str]:
        if kind.name == _GENERIC.name:  # a kind we do not know: every fact kept as written
            facts = {k: " ".join(str(v or "").split()) for k, v in self.options.items()}
            facts.pop("type", None)
            if self.arguments:
                facts["title"] = self.arguments[0].strip()
            return facts
        return super().read_facts(kind)

    def main_lines(
        self, kind: EntryType, facts: dict[str, str], formatter: DateFormatter
    ) -> list[nodes.Node]:
        if kind.name != _GENERIC.name:
            return super().main_lines(kind, facts, formatter)
        common = {f.name for f in COMMON}
        others = [k for k in facts if k != "title" and k not in common]
        generic = EntryType(
            "generic",
            argument="title",
            facts=(Fact("title"), *(Fact(k, label=k) for k in others)),
            required=(),
            primary="title",
            details=tuple(others),
        )
        return super().main_lines(generic, facts, formatter)


def directive_for(kind: EntryType) -> type[EntryDirective]:
    return type(f"Cv{kind.name.title()}Directive", (EntryDirective,), {"kind": kind})


def setup_directives(app: Any) -> None:
    for kind in ENTRY_TYPES.values():
        app.add_directive(f"cv-{kind.name}", directive_for(kind))
    app.add_directive("cv-entry", CvEntryDirective)
