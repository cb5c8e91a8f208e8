"""Lenient reading of real-world ``.bib`` files, with every problem reported.

Stock sphinxcontrib-bibtex hands the files to pybtex, which in strict mode stops
at the first data error (everything after it is lost) and turns an undefined
``@string`` macro into a traceback. A CV's ``.bib`` file has usually passed
through Zotero, Google Scholar, DBLP, JabRef and decades of hand edits, so this
module reads it the way BibTeX does -- skipping only what cannot be read -- and
returns a precise :class:`BibProblem` for each thing it had to skip or repair.

It uses pybtex's own tokenizer (:class:`~pybtex.database.input.bibtex.LowLevelParser`)
over the whole text once, but builds the entries itself, so pybtex's global
``report_error`` (which raises in strict mode) is never reached and pybtex's
global strict mode is neither relied on nor changed. Nothing here imports Sphinx.

Problem subtypes (``BibProblem.subtype``):

``bibfile_missing``
    The file does not exist; no keys come from it.
``bibfile_unreadable``
    The file exists but cannot be read (permissions, a directory, ...).
``bibfile_encoding``
    The bytes are not in the configured encoding; the file was decoded as
    Windows-1252 (or Latin-1, or UTF-16 when it has a UTF-16 byte-order mark)
    so that nothing is lost.
``syntax_error``
    One entry, ``@string`` or ``@preamble`` could not be parsed and was
    skipped whole; reading resumes at the next ``@`` command after its start.
``stray_at``
    An ``@`` outside entries does not start a command (``me@example.org`` in
    text between entries); BibTeX complains too. Nothing is lost. Not reported
    when a ``%`` precedes the ``@`` on its line (biber treats that as a comment).
``undefined_macro``
    A value uses a macro that no ``@string`` defines; it became empty text.
``duplicate_field``
    A field appears twice in one entry; the first value was kept.
``duplicate_key``
    Two entries (in one file or across files) share a key, compared
    case-insensitively as BibTeX does; the first entry was kept.
``bad_name``
    A name in a person field (``author``, ``editor``) has more than two
    commas (kept whole, as its last name), or the list has an "and" too many
    (the extra "and" is dropped).
``empty_file``
    The file was read but holds no entries, ``@string`` or ``@preamble``
    (empty, or only comments and text), which usually means a wrong file.

Messages never repeat the file's path: callers prefix ``path:line:``.

biblatex input: entries keep their type and fields as written, and a biblatex
field that has a BibTeX twin which the entry lacks also gets the twin
(``journaltitle`` -> ``journal``, ``location`` -> ``address``, a plain ISO
``date`` -> ``year`` and ``month``), because pybtex's styles (``plain``,
``alpha``, ...) read only BibTeX's names. The CV's own style reads both and
shows the same text either way; a field written in the file always wins.
"""

from __future__ import annotations

import bisect
import codecs
import copy
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from string import digits
from typing import Final

from pybtex.bibtex.utils import split_name_list, split_tex_string
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import NAME_CHARS, LowLevelParser, SkipEntry, month_names
from pybtex.scanner import PrematureEOF, PybtexSyntaxError
from pybtex.utils import CaseInsensitiveDict

from .exports import annotation_items, clean_name, merge_annotation
from .people import SharedPerson
from .styles import PLAIN_DATE, plain_date_years

__all__ = ["SUBTYPES", "BibFileData", "BibProblem", "read_bibfiles"]

SUBTYPES: Final = (
    "bibfile_missing",
    "bibfile_unreadable",
    "bibfile_encoding",
    "syntax_error",
    "stray_at",
    "undefined_macro",
    "duplicate_field",
    "duplicate_key",
    "bad_name",
    "empty_file",
)

#: Where reading may resume after a broken command: an ``@`` followed by a
#: name and an opening brace or parenthesis, i.e. what pybtex would read as the
#: start of a command (it skips whitespace between these tokens too).
_NAME_RE: Final = rf"[{re.escape(NAME_CHARS)}][{re.escape(NAME_CHARS + digits)}]*"
_COMMAND_START: Final = re.compile(rf"(?<!\\)@\s*({_NAME_RE})\s*[{{(]")
#: Line breaks exactly as pybtex's scanner counts them.
_NEWLINE: Final = re.compile(r"\r\n|\r|\n")
#: Fallback decodings, tried in order; Latin-1 never fails.
_FALLBACK_ENCODINGS: Final = (("cp1252", "Windows-1252"), ("latin-1", "Latin-1"))
_UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SNIPPET_LENGTH: Final = 30
#: A field name and '=' after a comma inside a value: the value swallowed the
#: fields after it, so a closing brace or quote is probably missing in it.
_SWALLOWED_FIELD: Final = re.compile(rf",\s*({_NAME_RE})\s*=")


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


@dataclass
class BibFileData:
    """The keys one file contributed, in file order (repeated keys excluded)."""

    path: Path
    keys: list[str] = field(default_factory=list)
    #: key -> 1-based line where the entry starts, so later warnings can point at it.
    lines: dict[str, int] = field(default_factory=dict)


def read_bibfiles(
    paths: Sequence[Path], encoding: str = "utf-8-sig"
) -> tuple[BibliographyData, list[BibFileData], list[BibProblem]]:
    """Read ``paths`` in order into one :class:`BibliographyData`.

    As in BibTeX, ``@string`` macros defined in a file are visible in the later
    files, and a key already read keeps its first entry. Never raises because
    of what a file contains (or whether it exists); an unknown ``encoding``
    name raises :class:`LookupError`, as that is a configuration error.
    """
    codecs.lookup(encoding)
    reader = _Reader(encoding)
    files = [reader.read_file(Path(path)) for path in paths]
    return reader.data, files, reader.problems


# --------------------------------------------------------------------------
# Reading and decoding
# --------------------------------------------------------------------------


@dataclass
class _Origin:
    """Where an entry was read, to name the first one when a key repeats."""

    path: Path
    line: int


class _Reader:
    """Accumulates the entries, macros and problems of several files."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.data = BibliographyData()
        self.problems: list[BibProblem] = []
        self.macros = CaseInsensitiveDict(month_names)
        self.origins: dict[str, _Origin] = {}

    def read_file(self, path: Path) -> BibFileData:
        """Read one file; problems go to ``self.problems``."""
        result = BibFileData(path)
        raw = self._read_bytes(path)
        if raw is None:
            return result
        text = self._decode(path, raw)
        problems_before = len(self.problems)
        lines = _LineIndex(text)
        parser = _CommandParser(text, self.macros, path, lines)
        command_count = 0
        for command in parser.commands():
            command_count += 1
            # the parser's problems so far come first, to keep them in file order
            self.problems.extend(parser.take_problems())
            if command.kind == "preamble":
                self.data.add_to_preamble(_normalize_whitespace(command.value))
            elif command.kind != "string":
                self._add_entry(path, lines, command, result)
        self.problems.extend(parser.take_problems())
        if command_count == 0 and len(self.problems) == problems_before:
            self.problems.append(_empty_file_problem(path, text))
        return result

    def _read_bytes(self, path: Path) -> bytes | None:
        """Return the file's bytes, or ``None`` after reporting why not."""
        try:
            return path.read_bytes()
        except (FileNotFoundError, NotADirectoryError):
            self.problems.append(
                BibProblem(
                    path,
                    None,
                    None,
                    "bibfile_missing",
                    "the bibliography file does not exist; no entries were read from it: "
                    "check the path in `bibtex_bibfiles` in conf.py "
                    "(relative to the source directory)",
                )
            )
        except OSError as error:
            reason = error.strerror or type(error).__name__
            self.problems.append(
                BibProblem(
                    path,
                    None,
                    None,
                    "bibfile_unreadable",
                    f"the bibliography file cannot be read ({reason}); no entries were read "
                    "from it: make it a readable file or fix `bibtex_bibfiles` in conf.py",
                )
            )
        return None

    def _decode(self, path: Path, raw: bytes) -> str:
        """Decode ``raw``; when that fails, report it and decode losslessly anyway."""
        utf16 = _decode_utf16(raw, self.encoding)
        if utf16 is not None:
            self.problems.append(
                BibProblem(
                    path,
                    1,
                    None,
                    "bibfile_encoding",
                    "the file is UTF-16 (it starts with a UTF-16 byte-order mark); "
                    "it was read as UTF-16: save it as UTF-8",
                )
            )
            return utf16
        try:
            return raw.decode(self.encoding)
        except UnicodeDecodeError as error:
            text, label = _decode_fallback(raw)
            self.problems.append(_encoding_problem(path, raw, text, error, self.encoding, label))
            return text

    # ----------------------------------------------------------------------
    # Entries
    # ----------------------------------------------------------------------

    def _add_entry(
        self, path: Path, lines: _LineIndex, command: _Command, result: BibFileData
    ) -> None:
        """Build the entry of ``command`` unless its key was already read."""
        key = command.key
        assert key is not None  # the parser only returns entries with a key
        line = lines.line(command.start)
        first = self.origins.get(key.lower())
        if first is not None:
            self.problems.append(_duplicate_key_problem(path, line, key, first))
            return
        entry = self._build_entry(path, lines, command, key, line)
        self.data.add_entry(key, entry)  # cannot report: the key is new
        self.origins[key.lower()] = _Origin(path, line)
        result.keys.append(key)
        result.lines[key] = line

    def _build_entry(
        self, path: Path, lines: _LineIndex, command: _Command, key: str, line: int
    ) -> Entry:
        """Turn the parsed fields into an Entry, keeping the first of repeated fields."""
        entry = Entry(command.name)
        seen: dict[str, _Field] = {}
        glued: dict[str, str] = {}  # role -> annotation items from al-folio marks
        for fld in command.fields:
            first = seen.get(fld.name.lower())
            if first is not None:
                self.problems.append(_duplicate_field_problem(path, lines, key, line, fld, first))
                continue
            seen[fld.name.lower()] = fld
            if fld.name.lower() in _PERSON_ROLES:
                persons, marks = self._persons(path, lines, key, line, fld)
                if persons:
                    entry.persons[fld.name] = persons
                glued[fld.name.lower()] = annotation_items(marks)
            else:
                entry.fields[fld.name] = fld.value
        for role, items in glued.items():
            if items:
                entry.fields[f"{role}+an"] = merge_annotation(entry.fields.get(f"{role}+an"), items)
        _add_bibtex_twins(entry)
        return entry

    def _persons(
        self, path: Path, lines: _LineIndex, key: str, line: int, fld: _Field
    ) -> tuple[list[Person], dict[int, tuple[str, ...]]]:
        """Split a person field as pybtex does, but never lose or crash on a name.

        Returns the persons and the mark keywords of those that carry some, by
        1-based position. Export quirks are taken off each name
        (:func:`.exports.clean_name`): a DBLP homonym number is dropped, and
        al-folio's ``*`` / ``†`` come back as annotation keywords.

        ``Person`` reports "Too many commas" through pybtex's global (raising)
        ``report_error``, so such names are caught beforehand and kept whole.
        pybtex also turns a doubled or dangling "and" into part of a name;
        BibTeX treats it as a separator, so it is dropped here (and reported).

        A 2,900-name list is read here name by name, so the loop does no more
        than look each spelling up (:func:`_read_name`) and keep it.
        """
        persons: list[Person] = []
        marks: dict[int, tuple[str, ...]] = {}
        role = fld.name
        for raw_name in split_name_list(fld.value):
            person, keywords, complaints = _read_name(raw_name, role)
            if complaints:
                self.problems.extend(
                    BibProblem(
                        path,
                        lines.line(fld.pos),
                        key,
                        "bad_name",
                        f"entry '{key}' (line {line}): {complaint}",
                    )
                    for complaint in complaints
                )
            if person is None:
                continue
            persons.append(person)
            if keywords:
                marks[len(persons)] = keywords
        if len(set(map(id, persons))) != len(persons):
            persons = _distinct_objects(persons)
        return persons, marks


_MONTH_MACROS: Final = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
#: biblatex fields whose BibTeX twin pybtex's styles read instead.
_BIBTEX_TWINS: Final = (("journaltitle", "journal"), ("location", "address"))
#: What BibTeX's month macros expand to (not the locale's names).
_MONTHS: Final = tuple(month_names[m] for m in _MONTH_MACROS)


def _distinct_objects(persons: list[Person]) -> list[Person]:
    """*persons* with a copy wherever one shared name is listed again (marks are per object)."""
    seen: set[int] = set()
    result = []
    for person in persons:
        if id(person) in seen:
            person = copy.copy(person)
        seen.add(id(person))
        result.append(person)
    return result


@lru_cache(maxsize=65536)
def _read_name(
    raw_name: str, role: str
) -> tuple[SharedPerson | None, tuple[str, ...], tuple[str, ...]]:
    """One name of a person list: the person, its mark keywords and the complaints.

    Once per distinct spelling: a collaboration's fifty papers list the same
    2,900 names, and every entry gets the same :class:`~cvbib.people.SharedPerson`
    (see that module). The person is None when nothing usable is left.
    """
    name, complaints = _check_name(raw_name, role)
    if not name:
        return None, (), complaints
    name, keywords = clean_name(name)
    person = SharedPerson(last=name) if _has_too_many_commas(name) else SharedPerson(name)
    return person, keywords, complaints


def _add_bibtex_twins(entry: Entry) -> None:
    """Give a biblatex-only entry the BibTeX fields pybtex's styles look for.

    Only missing fields are added, so nothing written in the file changes.
    ``date`` gives ``year`` only when it is a plain ISO date or a range of them
    (the years joined by "/", as the CV style shows them) and ``month`` only
    for a single date; an EDTF date ("2024~", "../2024") is left to the CV
    style, which shows it as written, rather than guessed at.
    """
    for biblatex, bibtex in _BIBTEX_TWINS:
        value = entry.fields.get(biblatex)
        if value and bibtex not in entry.fields:
            entry.fields[bibtex] = value
    date = entry.fields.get("date")
    if not date or "year" in entry.fields:
        return
    years = plain_date_years(str(date))
    if years is None:
        return
    entry.fields["year"] = years
    single = PLAIN_DATE.fullmatch(str(date).strip())
    if single is not None and single.group(2) and "month" not in entry.fields:
        month = int(single.group(2))
        if 1 <= month <= 12:
            entry.fields["month"] = _MONTHS[month - 1]


def _check_name(raw_name: str, role: str) -> tuple[str, tuple[str, ...]]:
    """Return the usable part of one name of a person list, and what was wrong with it."""
    name = _EXTRA_AND.sub("", raw_name).strip()
    complaints = []
    if name != raw_name.strip():
        complaints.append(
            f"field '{role}' has an 'and' too many in '{raw_name}'; "
            "the extra 'and' was ignored: remove it"
        )
    if name and _has_too_many_commas(name):
        complaints.append(
            f"the {role} name '{name}' has more than two commas, so it cannot be split into "
            "last, junior and first names; it was kept as written: separate people with "
            "' and ' (not commas) and write each one as 'Last, First'"
        )
    return name, tuple(complaints)


_PERSON_ROLES: Final = frozenset(role.lower() for role in Person.valid_roles)
#: An "and" at either end of a name split by pybtex: the trace of "and and".
_EXTRA_AND: Final = re.compile(r"^(?:and(?:\s+|$))+|(?:\s+and)+$", re.IGNORECASE)


def _normalize_whitespace(text: str) -> str:
    """Every run of whitespace as one space, and none at the ends (as BibTeX reads values).

    The same result as pybtex's ``normalize_whitespace`` (Python's whitespace
    is the same set for ``str.split`` and the regular expression ``\\s``), about
    five times faster on the 70 KB author field of a collaboration paper.
    """
    return " ".join(text.split())


def _has_too_many_commas(name: str) -> bool:
    """Whether pybtex's ``Person`` would report "Too many commas" for ``name``."""
    return len(split_tex_string(name, ",")) > 3


def _decode_utf16(raw: bytes, encoding: str) -> str | None:
    """Decode a file that starts with a UTF-16 byte-order mark (Windows exports)."""
    if not raw.startswith(_UTF16_BOMS) or "16" in codecs.lookup(encoding).name:
        return None
    try:
        return raw.decode("utf-16")
    except UnicodeDecodeError:
        return None


def _decode_fallback(raw: bytes) -> tuple[str, str]:
    """Decode with a one-byte-per-character encoding, so nothing is lost."""
    for codec, label in _FALLBACK_ENCODINGS:
        try:
            return raw.decode(codec), label
        except UnicodeDecodeError:
            continue
    raise AssertionError("Latin-1 decodes any bytes")  # pragma: no cover


def _encoding_problem(
    path: Path, raw: bytes, text: str, error: UnicodeDecodeError, encoding: str, label: str
) -> BibProblem:
    """Report the first undecodable byte; ``text`` has one character per byte."""
    line = _LineIndex(text).line(error.start)
    byte = raw[error.start] if error.start < len(raw) else 0
    name = "UTF-8" if codecs.lookup(encoding).name.startswith("utf-8") else encoding
    iconv = "latin1" if label == "Latin-1" else "cp1252"
    return BibProblem(
        path,
        line,
        None,
        "bibfile_encoding",
        f"the file is not valid {name}: byte 0x{byte:02X} on line {line} cannot be decoded; "
        f"the whole file was read as {label} so that nothing is lost, but check its "
        f"accented letters: convert it to UTF-8 "
        f"(e.g. `iconv -f {iconv} -t utf-8 old.bib > new.bib`) "
        "or set `bibtex_encoding` in conf.py to its real encoding",
    )


def _empty_file_problem(path: Path, text: str) -> BibProblem:
    what = "is empty" if not text.strip() else "holds only comments or text outside entries"
    return BibProblem(
        path,
        None,
        None,
        "empty_file",
        f"the bibliography file {what}; no entries were read from it: check that "
        "`bibtex_bibfiles` in conf.py names the file you meant and that it is saved",
    )


def _duplicate_key_problem(path: Path, line: int, key: str, first: _Origin) -> BibProblem:
    where = f"line {first.line}" if first.path == path else f"{first.path}:{first.line}"
    return BibProblem(
        path,
        line,
        key,
        "duplicate_key",
        f"entry '{key}' (line {line}) has the same key as the entry at {where} "
        "(keys ignore case); this later entry was ignored: rename or delete one of them",
    )


def _duplicate_field_problem(
    path: Path, lines: _LineIndex, key: str, line: int, repeat: _Field, first: _Field
) -> BibProblem:
    repeat_line = lines.line(repeat.pos)
    return BibProblem(
        path,
        repeat_line,
        key,
        "duplicate_field",
        f"entry '{key}' (line {line}): field '{repeat.name}' appears again on line "
        f"{repeat_line} (first on line {lines.line(first.pos)}); the first value was kept "
        "and this one ignored: delete the one you do not want",
    )


# --------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------


class _LineIndex:
    """Maps text offsets to 1-based line numbers in O(log n), built in one pass."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(match.end() for match in _NEWLINE.finditer(text))]

    def line(self, pos: int) -> int:
        return bisect.bisect_right(self._starts, pos)

    def start_of(self, pos: int) -> int:
        """Offset of the start of the line holding ``pos``."""
        return self._starts[self.line(pos) - 1]


@dataclass
class _Field:
    name: str  # as written
    value: str  # macros substituted, whitespace normalized (as pybtex does)
    pos: int  # offset of the field name


@dataclass
class _Command:
    """One successfully parsed ``@`` command (``@comment`` is never returned)."""

    kind: str  # the command name lower-cased: "string", "preamble" or an entry type
    name: str  # the command name as written
    start: int  # offset of the "@"
    key: str | None = None  # entries only
    fields: list[_Field] = field(default_factory=list)  # entries only
    value: str = ""  # @string and @preamble only


@dataclass
class _MacroUse:
    """An undefined macro met while parsing the current command."""

    name: str
    field_name: str | None
    pos: int


#: ``name =`` of a field, the name as pybtex's tokenizer reads one.
_FIELD_HEAD_RE: Final = re.compile(
    rf"([{re.escape(NAME_CHARS)}][{re.escape(NAME_CHARS + digits)}]*)\s*=\s*"
)
#: A value that is a number (group 1) or a macro name.
_VALUE_WORD_RE: Final = re.compile(
    rf"([{digits}]+)|[{re.escape(NAME_CHARS)}][{re.escape(NAME_CHARS + digits)}]*"
)
_WHITESPACE_RE: Final = re.compile(r"\s*")
_BRACE_OR_QUOTE_RE: Final = re.compile(r'[{}"]')
#: The most nested braces pybtex reads in a value.
_MAX_BRACE_LEVEL: Final = 100


def _string_end(text: str, pos: int, opener: str) -> int | None:
    """The offset of the ``}`` or ``"`` that closes a value opened just before *pos*.

    As pybtex reads it: braces nest, a quote ends a quoted value only outside
    inner braces. None when the value is not closed (or nests too deep), for
    pybtex's tokenizer to report.
    """
    depth = 0
    for match in _BRACE_OR_QUOTE_RE.finditer(text, pos):
        char = match.group()
        if char == "{":
            depth += 1
            if depth > _MAX_BRACE_LEVEL:
                return None
        elif char == "}":
            if depth == 0:
                return match.start() if opener == "{" else None
            depth -= 1
        elif depth == 0 and opener == '"':
            return match.start()
    return None


class _CommandParser(LowLevelParser):
    """pybtex's tokenizer, with recovery that loses only the broken command.

    pybtex's ``parse_bibliography`` keeps a half-parsed entry after an error
    and resumes at the next ``@`` *after the error*, so an entry missing its
    closing brace swallows the next one, and an unbalanced ``{`` can swallow
    the rest of the file. Here a broken command is dropped whole and reading
    resumes at the next command start after the broken command's own ``@``.
    """

    def __init__(
        self, text: str, macros: CaseInsensitiveDict, path: Path, lines: _LineIndex
    ) -> None:
        super().__init__(text, macros=macros, filename=str(path))
        self.path = path
        self.lines = lines
        self._problems: list[BibProblem] = []
        self._begin(0)

    def take_problems(self) -> list[BibProblem]:
        """Hand over the problems found so far, in file order."""
        problems, self._problems = self._problems, []
        return problems

    def commands(self) -> Iterator[_Command]:
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
            yield command

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
        self.fields: list[_Field] = []
        self.macro_uses: list[_MacroUse] = []

    # -- grammar ------------------------------------------------------------

    def _parse_command(self) -> _Command:
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
        return _Command(
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
            if not self.optional([self.COMMA]):
                return

    def _parse_field(self) -> bool:
        """Read ``name = value``; return False when there is no field name."""
        self.stage = "field_or_end"
        self.current_field_name = None
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
        value = _normalize_whitespace("".join(self.current_value))
        self.fields.append(_Field(name.value, value, self.field_start))
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
            end = _string_end(text, pos + 1, opener)
            if end is None:
                return False
            part: str | None = text[pos + 1 : end]
            pos = end + 1
            macro = None
        else:
            word = _VALUE_WORD_RE.match(text, pos)
            if word is None:
                return False
            pos = word.end()
            part, macro = (word.group(), None) if word.group(1) else (None, word.group())
        after = _WHITESPACE_RE.match(text, pos)
        assert after is not None  # "\s*" always matches
        following = text[after.end() : after.end() + 1]
        if following not in (",", "}", ")"):
            return False  # a concatenation, or something for the tokenizer to report
        self.current_field_name = head.group(1)
        self.pos = pos
        if macro is not None:
            part = self.substitute_macro(macro)
        self.current_value = [part or ""]
        self.pos = self.value_end = after.end()
        self.stage = "value"
        value = _normalize_whitespace(part or "")
        self.fields.append(_Field(head.group(1), value, self.field_start))
        return True

    def substitute_macro(self, name: str) -> str:
        """Undefined macros become empty text and are reported, as BibTeX does."""
        try:
            return str(self.macros[name])
        except KeyError:
            self.macro_uses.append(_MacroUse(name, self.current_field_name, self.pos))
            return ""

    # -- problems -----------------------------------------------------------

    def _recover(self, error: PybtexSyntaxError) -> None:
        """Report the broken command and resume at the next command start after it."""
        next_start = _COMMAND_START.search(self.text, self.command_start + 1)
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
        return "%" in self.text[self.lines.start_of(pos) : pos]

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

    def _macro_problems(self, command: _Command) -> Iterator[BibProblem]:
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
