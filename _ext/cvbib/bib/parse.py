"""The ``.bib`` tokenizer: commands, fields and values, and what went wrong reading them.

pybtex's :class:`~pybtex.database.input.bibtex.LowLevelParser` reads the text;
:class:`CommandParser` adds what :mod:`cvbib.bib.read` needs of it: each
command with the offsets of its fields (for line numbers in messages), a
recovery that loses only the broken command, undefined macros recorded rather
than raised, values bounded in length and in what macros add to them while
they are built (:mod:`cvbib.bib.budget`), and a fast path for the fields nearly
every real file is made of. Building entries from the commands is
:mod:`cvbib.bib.read`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from string import digits
from typing import Final

from ..limits import MAX_VALUE_LENGTH
from ..upstream.pybtex import (
    CaseInsensitiveDict,
    LowLevelParser,
    PrematureEOF,
    PybtexSyntaxError,
    SkipEntry,
)
from .budget import MacroBudget, ValueCut, cut_message
from .positions import NAME_RE, LineIndex, PercentComments, next_command_start, string_end
from .repairs import missing_comma_message, quote_message, reread_quoted

__all__ = ["BibProblem", "Command", "CommandParser", "Field", "LineIndex", "normalize_whitespace"]

#: Line breaks exactly as pybtex's scanner counts them.
_NEWLINE: Final = re.compile(r"\r\n|\r|\n")
_SNIPPET_LENGTH: Final = 30
#: A field name and '=' after a comma inside a value: the value swallowed the
#: fields after it, so a closing brace or quote is probably missing in it.
_SWALLOWED_FIELD: Final = re.compile(rf",\s*({NAME_RE})\s*=")


@dataclass(frozen=True)
class BibProblem:
    """One thing that was skipped or repaired while reading a ``.bib`` file.

    ``message`` says what is wrong and what to do, without the file's path.
    """

    path: Path
    line: int | None
    key: str | None
    subtype: str
    message: str


def normalize_whitespace(text: str) -> str:
    """Every run of whitespace as one space, and none at the ends (as BibTeX reads values).

    The same result as pybtex's ``normalize_whitespace`` (Python's whitespace
    is the same set for ``str.split`` and the regular expression ``\\s``), about
    five times faster on the 70 KB author field of a collaboration paper.
    """
    return " ".join(text.split())


@dataclass
class Field:
    name: str  # as written
    value: str  # macros substituted, whitespace normalized (as pybtex does)
    pos: int  # offset of the field name


@dataclass
class Command:
    """One successfully parsed ``@`` command (``@comment`` is never returned)."""

    kind: str  # the command name lower-cased: "string", "preamble" or an entry type
    name: str  # the command name as written
    start: int  # offset of the "@"
    key: str | None = None  # entries only
    fields: list[Field] = field(default_factory=list)  # entries only
    value: str = ""  # @string and @preamble only


@dataclass
class _MacroUse:
    """An undefined macro met while parsing the current command."""

    name: str
    field_name: str | None
    pos: int


#: ``name =`` of a field, the name as pybtex's tokenizer reads one.
_FIELD_HEAD_RE: Final = re.compile(rf"({NAME_RE})\s*=\s*")
#: A value that is a number (group 1) or a macro name.
_VALUE_WORD_RE: Final = re.compile(rf"([{digits}]+)|{NAME_RE}")
_WHITESPACE_RE: Final = re.compile(r"\s*")


class CommandParser(LowLevelParser):
    """pybtex's tokenizer, with recovery that loses only the broken command.

    pybtex's ``parse_bibliography`` keeps a half-parsed entry after an error
    and resumes at the next ``@`` *after the error*, so an entry missing its
    closing brace swallows the next one, and an unbalanced ``{`` can swallow
    the rest of the file. Here a broken command is dropped whole and reading
    resumes at the next command start after the broken command's own ``@``.
    """

    def __init__(
        self, text: str, macros: CaseInsensitiveDict, path: Path, lines: LineIndex
    ) -> None:
        super().__init__(text, macros=macros, filename=str(path))
        self.path = path
        self.lines = lines
        self._problems: list[BibProblem] = []
        self._budget = MacroBudget(len(text))
        self._percent = PercentComments(text)
        self._begin(0)

    def take_problems(self) -> list[BibProblem]:
        """Hand over the problems found so far, in file order."""
        problems, self._problems = self._problems, []
        return problems

    def commands(self) -> Iterator[Command]:
        """Yield each readable command; record a problem for each broken one."""
        while self.skip_to([self.AT]):
            self._begin(self.pos - 1)
            try:
                command = self._parse_command()
            except SkipEntry:
                continue
            except PybtexSyntaxError as error:
                self._recover(error)
                continue
            self._problems.extend(self._macro_problems(command))
            self._problems.extend(self._cut_problems(command))
            yield command
        if self._budget.spent_at is not None:
            self._problems.append(self._budget_problem())

    # -- state --------------------------------------------------------------

    def _begin(self, start: int) -> None:
        """Reset the per-command state; ``stage`` says what is being read."""
        self.command_start = start
        self.command_name: str | None = None
        self.current_entry_key: str | None = None
        self.current_field_name: str | None = None
        self.current_value: list[str] = []
        self.closer_char = "}"
        self.stage = "command_name"
        self.field_start = self.value_end = start
        self.fields: list[Field] = []
        self.macro_uses: list[_MacroUse] = []
        self.cuts: list[ValueCut] = []
        #: Whether the value being read has reached MAX_VALUE_LENGTH.
        self.value_full = False
        #: Whether it lost text to the file's macro budget (MacroBudget.short).
        self.value_short = False
        #: Whether a macro was left out of it because it was full.
        self.value_skipped = False

    # -- grammar ------------------------------------------------------------

    def _parse_command(self) -> Command:
        self.command_name = self.required([self.NAME]).value
        kind = self.command_name.lower()
        if kind == "comment":  # BibTeX skips just the word (pybtex wants a brace too)
            raise SkipEntry
        self.stage = "opener"
        opener = self.required([self.LBRACE, self.LPAREN])
        closer = self.RPAREN if opener.pattern is self.LPAREN else self.RBRACE
        self.closer_char = ")" if closer is self.RPAREN else "}"
        if kind == "string":
            self._parse_macro_definition()
        elif kind == "preamble":
            self.stage = "value"
            self.parse_value()
        else:
            self._parse_entry_body(closer)
        if kind in ("string", "preamble"):
            self.stage = "closer"
        self.required([closer])
        value = "".join(self.current_value)
        if kind == "string":
            # defined only once complete, so a broken @string defines nothing
            self.macros[self.current_field_name] = value
            if self.value_short:
                self._budget.short.add(str(self.current_field_name).lower())
        return Command(
            kind, self.command_name, self.command_start, self.current_entry_key, self.fields, value
        )

    def _parse_macro_definition(self) -> None:
        self.stage = "macro_name"
        self.current_field_name = self.required([self.NAME]).value
        self.stage = "equals"
        self.required([self.EQUALS])
        self.stage = "value"
        self.parse_value()

    def _parse_entry_body(self, closer: object) -> None:
        self.stage = "key"
        key_pattern = self.KEY_PAREN if closer is self.RPAREN else self.KEY_BRACE
        self.current_entry_key = self.required([key_pattern]).value
        while True:
            read_field = self._parse_field()
            self.stage = "after_field" if read_field else "field_or_end"
            if self.text.startswith(",", self.pos):  # where a simple field leaves it
                self.pos += 1
            elif not self.optional([self.COMMA]):
                following = _FIELD_HEAD_RE.match(self.text, self.pos) if read_field else None
                if following is not None:
                    # "title = {A} year = {2020}": the comma is all that is missing.
                    before = self.fields[-1].name
                    self._problems.append(self._missing_comma_problem(before, following.group(1)))
                elif not (read_field and self._reread_quoted()):
                    return

    def _parse_field(self) -> bool:
        """Read ``name = value``; return False when there is no field name."""
        self.stage = "field_or_end"
        self.current_field_name = None
        self.value_full = self.value_short = False
        self.eat_whitespace()
        self.field_start = self.pos
        if self._parse_simple_field():
            return True
        name = self.optional([self.NAME])
        if name is None:
            return False
        self.current_field_name = name.value
        self.stage = "equals"
        self.required([self.EQUALS])
        self.stage = "value"
        self.parse_value()
        self.value_end = self.pos
        value = normalize_whitespace("".join(self.current_value))
        self.fields.append(Field(name.value, value, self.field_start))
        return True

    def _parse_simple_field(self) -> bool:
        """Read a ``name = value`` of one part with regular expressions, if it is one.

        Nearly every field of a real file is ``name = {text}``, ``"text"``, a
        number or a macro, without ``#``. pybtex's tokenizer reads such a value
        a brace at a time (most of the time it takes to read a file); here the
        whole value is found at once, with the same result. Anything else (a
        concatenation, an unbalanced brace, the end of the file) returns False
        with nothing consumed, and the tokenizer reads it, and reports it, as
        before.
        """
        text: str = self.text
        head = _FIELD_HEAD_RE.match(text, self.field_start)
        if head is None:
            return False
        pos = head.end()
        opener = text[pos : pos + 1]
        if opener == "{" or opener == '"':
            end = string_end(text, pos + 1, opener)
            if end is None:
                return False
            length = end - pos - 1
            part: str | None = text[pos + 1 : pos + 1 + min(length, MAX_VALUE_LENGTH)]
            pos = end + 1
            macro = None
        else:
            word = _VALUE_WORD_RE.match(text, pos)
            if word is None:
                return False
            pos = word.end()
            part, macro = (word.group(), None) if word.group(1) else (None, word.group())
            length = 0
        after = _WHITESPACE_RE.match(text, pos)
        assert after is not None  # "\s*" always matches
        following = text[after.end() : after.end() + 1]
        if following not in (",", "}", ")"):
            return False  # a concatenation, or something for the tokenizer to report
        self.current_field_name = head.group(1)
        self.pos = pos
        if length > MAX_VALUE_LENGTH:
            self.cuts.append(ValueCut(head.group(1), self.field_start, length))
        if macro is not None:
            part = self.substitute_macro(macro)
        self.current_value = [part or ""]
        self.pos = self.value_end = after.end()
        self.stage = "value"
        value = normalize_whitespace(part or "")
        self.fields.append(Field(head.group(1), value, self.field_start))
        return True

    def _reread_quoted(self) -> bool:
        """Read the last field again to its real closing quote (:mod:`.repairs`), if wrong.

        Both ways of reading a field (the fast path and pybtex's tokenizer)
        end a quoted value at the same quote, so this runs after either.
        """
        last = self.fields[-1]
        found = reread_quoted(self.text, last.pos, self.pos)
        if found is None:
            return False
        start, end, real = found
        self._problems.append(self._quote_problem(last.name, last.pos, end, real))
        value = normalize_whitespace(self.text[start:real][:MAX_VALUE_LENGTH])
        self.fields[-1] = Field(last.name, value, last.pos)
        self.pos = self.value_end = real + 1
        return True

    def _quote_problem(self, name: str, field_pos: int, end: int, real: int) -> BibProblem:
        lines = self.lines
        return BibProblem(
            self.path,
            lines.line(end),
            self.current_entry_key,
            "syntax_repaired",
            quote_message(
                self.text,
                str(self.current_entry_key),
                lines.line(self.command_start),
                name,
                (lines.line(field_pos), field_pos),
                end,
                lines.line(real),
            ),
        )

    def _missing_comma_problem(self, before: str, name: str) -> BibProblem:
        line = self.lines.line(self.pos)
        key = str(self.current_entry_key)
        start_line = self.lines.line(self.command_start)
        return BibProblem(
            self.path,
            line,
            self.current_entry_key,
            "syntax_repaired",
            missing_comma_message(key, start_line, before, name, line),
        )

    def parse_value(self) -> None:
        """pybtex's ``parse_value`` (parts joined by ``#``), the value bounded as it grows.

        The parts after the value reaches :data:`~cvbib.limits.MAX_VALUE_LENGTH`
        are still read (the file goes on after them) but not kept, and the
        macros among them are not expanded.
        """
        self.value_full = self.value_short = self.value_skipped = False
        parts: list[str] = []
        length = read = 0
        while True:
            part = self.parse_value_part()
            read += len(part)
            if length + len(part) > MAX_VALUE_LENGTH:
                part = part[: MAX_VALUE_LENGTH - length]
                self.value_full = True
            parts.append(part)
            length += len(part)
            if not self.optional([self.HASH]):
                break
        if self.value_full:
            exact = not (self.value_skipped or self.value_short)  # else more was cut
            cut = ValueCut(self.current_field_name, self.field_start, read, exact)
            self.cuts.append(cut)
        self.current_value = parts

    def substitute_macro(self, name: str) -> str:
        """A macro's value, within the file's budget (:class:`~cvbib.bib.budget.MacroBudget`).

        Undefined macros become empty text and are reported, as BibTeX does;
        so do the uses after the budget is spent.
        """
        try:
            value = str(self.macros[name])
        except KeyError:
            self.macro_uses.append(_MacroUse(name, self.current_field_name, self.pos))
            return ""
        if self.value_full:
            self.value_skipped = True
            return ""
        budget = self._budget
        if budget.short and name.lower() in budget.short:
            self.value_short = True
            budget.note(self._place())
        if len(value) <= budget.left:  # nearly always: no message to prepare
            budget.left -= len(value)
            return value
        self.value_short = True
        place = self._place()
        return budget.take(name, value, place, self.lines.line(self.pos), self.current_entry_key)

    def _place(self) -> str:
        """What is being read, for a message: "entry 'k' (line 3), field 'title'"."""
        place = self._subject(self.lines.line(self.command_start))[0]
        if self.current_entry_key is not None and self.current_field_name is not None:
            place += f", field '{self.current_field_name}'"
        return place

    # -- problems -----------------------------------------------------------

    def _recover(self, error: PybtexSyntaxError) -> None:
        """Report the broken command and resume at the next command start after it."""
        next_start = next_command_start(self.text, self.command_start + 1)
        if self.stage in ("command_name", "opener"):
            if not self._in_percent_comment(self.command_start):
                self._problems.append(self._stray_at_problem())
        else:
            self._problems.append(self._syntax_problem(error, next_start))
        self.pos = next_start.start() if next_start else self.end_pos
        self.lineno = self.lines.line(self.pos)

    def _in_percent_comment(self, pos: int) -> bool:
        """Whether a ``%`` precedes ``pos`` on its line.

        BibTeX has no comments, so it complains about an ``@`` in a ``%`` line
        outside entries (an e-mail address in a header, say); biber ignores such
        lines. Nothing is lost either way, so this is not reported.
        """
        return self._percent.before(pos)

    def _stray_at_problem(self) -> BibProblem:
        line = self.lines.line(self.command_start)
        text = f"'@{self.command_name}'" if self.command_name else "'@'"
        expected = "an entry type" if self.command_name is None else "'{' or '('"
        return BibProblem(
            self.path,
            line,
            None,
            "stray_at",
            f"{text} on line {line} does not start an entry ({expected} expected, found "
            f"{self._found(self.pos)}); the text after it was ignored up to the next entry: "
            "if it is meant to start an entry, add the entry type and its opening brace; "
            "otherwise remove the '@' (BibTeX reads every '@' outside entries as a command)",
        )

    def _syntax_problem(
        self, error: PybtexSyntaxError, next_start: re.Match[str] | None
    ) -> BibProblem:
        error_pos = self.pos
        start_line = self.lines.line(self.command_start)
        ran_on = next_start is not None and error_pos >= next_start.start()
        if ran_on and next_start is not None:
            what, fix = self._explain_run_on(next_start)
        else:
            what, fix = self._explain(error, error_pos)
        subject, consequence = self._subject(start_line)
        return BibProblem(
            self.path,
            start_line if ran_on else self.lines.line(error_pos),
            self.current_entry_key,
            "syntax_error",
            f"{subject}: {what}; {consequence}: {fix}",
        )

    def _explain_run_on(self, next_start: re.Match[str]) -> tuple[str, str]:
        """Explain an error found only after reading past the next command start.

        Either a value swallowed the text after it (an unbalanced brace or
        quote), or the command itself lacks its closing brace.
        """
        boundary = next_start.start()
        next_command = f"the next '@{next_start.group(1)}' on line {self.lines.line(boundary)}"
        value_ran_on = (self.stage == "value" and self.field_start < boundary) or (
            self.stage == "after_field" and self.value_end > boundary
        )
        if value_ran_on:
            return (
                f"the value of {self._label()} (line "
                f"{self.lines.line(self.field_start)}) runs past {next_command}",
                "a brace or quote in that value is probably unbalanced: balance them",
            )
        for fld in self.fields:
            swallowed = _SWALLOWED_FIELD.search(fld.value)
            if swallowed:
                return (
                    f"it is not closed before {next_command} because field '{fld.name}' "
                    f"(line {self.lines.line(fld.pos)}) seems to hold the fields after it "
                    f"('{swallowed.group(1)} = ...')",
                    f"a closing brace or quote is probably missing in field '{fld.name}': "
                    "balance its braces and quotes",
                )
        return (
            f"it is not closed before {next_command}",
            f"add its missing closing '{self.closer_char}' (or balance the braces in its values)",
        )

    def _subject(self, start_line: int) -> tuple[str, str]:
        """Name the broken command and say what was lost."""
        kind = (self.command_name or "").lower()
        if kind == "string":
            name = f" '{self.current_field_name}'" if self.current_field_name else ""
            return f"@string{name} (line {start_line})", "the macro was not defined"
        if kind == "preamble":
            return f"@preamble (line {start_line})", "the preamble was skipped"
        if self.current_entry_key is None:
            return f"@{self.command_name} entry (line {start_line})", "the entry was skipped"
        return f"entry '{self.current_entry_key}' (line {start_line})", "the entry was skipped"

    def _label(self) -> str:
        """Name what is being read: a field, a macro or the preamble."""
        kind = (self.command_name or "").lower()
        if kind == "preamble":
            return "the preamble"
        noun = "macro" if kind == "string" else "field"
        return f"{noun} '{self.current_field_name}'"

    def _explain(self, error: PybtexSyntaxError, error_pos: int) -> tuple[str, str]:
        """Say in plain words what pybtex's error means here, and how to fix it."""
        in_field = f" in {self._label()}" if self.stage == "value" else ""
        message = str(error.args[0]) if error.args else ""
        if isinstance(error, PrematureEOF):
            return (
                f"the file ends inside it{in_field}",
                f"close its braces and quotes and end it with '{self.closer_char}'",
            )
        if message == "unbalanced braces":  # only raised inside "quoted" values
            return (
                f"a '}}'{in_field} closes a brace that was never opened",
                "if the value's closing '\"' is missing, add it; otherwise balance its braces",
            )
        if message == "too many nested braces":
            return (
                f"braces are nested more than 100 deep{in_field}",
                "balance the braces of the value",
            )
        return self._explain_missing_token(self._found(error_pos))

    def _explain_missing_token(self, found: str) -> tuple[str, str]:
        fld = self.current_field_name
        label = self._label()
        example = f" ({fld} = {{...}})" if fld else ""
        closer = self.closer_char
        explanations = {
            "key": (
                f"its key is missing (found {found})",
                f"add a key: @{self.command_name}{{key, ...",
            ),
            "macro_name": (
                f"the macro name is missing (found {found})",
                'write it as @string{name = "value"}',
            ),
            "equals": (
                f"{label} has no '=' after its name (found {found})",
                f"write it as {fld} = {{value}}",
            ),
            "value": (
                f"{label} has no value (found {found})",
                f"give it a value in braces{example} or delete it",
            ),
            "after_field": (
                f"',' or '{closer}' expected after field '{fld}' but found {found}",
                f"add the missing comma between the fields (or the entry's closing '{closer}')",
            ),
            "field_or_end": (
                f"found {found} where a field (name = value) or the closing '{closer}' "
                "was expected",
                "remove the stray text or complete the field",
            ),
            "closer": (
                f"found {found} where the closing '{closer}' was expected",
                f"add the closing '{closer}'",
            ),
        }
        return explanations[self.stage]

    def _found(self, pos: int) -> str:
        """Quote the text at ``pos`` (one line, shortened) for a message."""
        if pos >= self.end_pos:
            return "the end of the file"
        snippet = _NEWLINE.split(self.text[pos : pos + _SNIPPET_LENGTH + 1], maxsplit=1)[0]
        if len(snippet) > _SNIPPET_LENGTH:
            snippet = snippet[:_SNIPPET_LENGTH] + "..."
        return f"'{snippet}'"

    def _cut_problems(self, command: Command) -> Iterator[BibProblem]:
        """Report the values of a command that was kept that were cut to the limit."""
        subject = self._subject(self.lines.line(command.start))[0]
        kind = command.kind if command.kind in ("string", "preamble") else "entry"
        for cut in self.cuts:
            yield BibProblem(
                self.path,
                self.lines.line(cut.pos),
                command.key,
                "field_too_long",
                cut_message(subject, cut, kind),
            )

    def _budget_problem(self) -> BibProblem:
        """Report where the file's macro budget ran out, once per file."""
        assert self._budget.spent_at is not None
        _place, line, key, _macro = self._budget.spent_at
        return BibProblem(self.path, line, key, "macro_budget", self._budget.message())

    def _macro_problems(self, command: Command) -> Iterator[BibProblem]:
        """Report the undefined macros of a command that was kept."""
        start_line = self.lines.line(command.start)
        if command.kind == "string":
            subject = f"@string '{self.current_field_name}' (line {start_line})"
        elif command.kind == "preamble":
            subject = f"@preamble (line {start_line})"
        else:
            subject = f"entry '{command.key}' (line {start_line})"
        for use in self.macro_uses:
            is_field = command.key is not None
            where = f"field '{use.field_name}'" if is_field else "its value"
            literal = f" ({use.field_name} = {{{use.name}}})" if is_field else ""
            yield BibProblem(
                self.path,
                self.lines.line(use.pos),
                command.key,
                "undefined_macro",
                f"{subject}: {where} uses the macro '{use.name}', which no @string defines; "
                f"it was replaced by empty text: define it before its use with "
                f'@string{{{use.name} = "..."}}, or put the value in braces{literal} '
                "if it is meant literally",
            )
