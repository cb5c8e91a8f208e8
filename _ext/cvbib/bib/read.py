"""Lenient reading of real-world ``.bib`` files, with every problem reported.

Stock sphinxcontrib-bibtex hands the files to pybtex, which in strict mode stops
at the first data error (everything after it is lost) and turns an undefined
``@string`` macro into a traceback. A CV's ``.bib`` file has usually passed
through Zotero, Google Scholar, DBLP, JabRef and decades of hand edits, so this
module reads it the way BibTeX does -- skipping only what cannot be read -- and
returns a precise :class:`BibProblem` for each thing it had to skip or repair.

It uses pybtex's own tokenizer (through :mod:`cvbib.bib.parse`) over the whole
text once, but builds the entries itself, so pybtex's global ``report_error``
(which raises in strict mode) is never reached and pybtex's global strict mode
is neither relied on nor changed. Nothing here imports Sphinx.

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
``syntax_repaired``
    A mistake BibTeX stops at, but whose meaning is plain, was read as meant
    and the entry kept: an unbraced accent ``\"`` or a ``"`` inside a value
    written in quotes (read to its real closing quote), a missing comma
    between two fields.
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
``field_too_long``
    A field, ``@string`` or ``@preamble`` value is longer than
    :data:`~cvbib.limits.MAX_VALUE_LENGTH` (a million characters); it was cut
    to that length and its entry is still read.
``macro_budget``
    ``@string`` macros added more to the file's values than
    :func:`~cvbib.limits.macro_budget` allows (a ``@string`` doubling the one
    before it, forty times over); the use that reached it was cut and the
    uses after it became empty text. Reported once per file.

Messages never repeat the file's path: callers prefix ``path:line:``.

biblatex input: entries keep their type and fields as written, and a biblatex
field that has a BibTeX twin which the entry lacks also gets the twin
(``journaltitle`` -> ``journal``, ``location`` -> ``address``, a plain ISO
``date`` -> ``year`` and ``month``), because pybtex's styles (``plain``,
``alpha``, ...) read only BibTeX's names. The CV's own style reads both and
shows the same text either way; a field written in the file always wins.
"""

from __future__ import annotations

import codecs
import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Final

from pybtex.database import BibliographyData, Entry, Person

from ..upstream.pybtex import (
    MONTH_NAMES,
    CaseInsensitiveDict,
    OrderedCaseInsensitiveDict,
    split_tex_string,
)
from .dates import MONTH_MACROS, PLAIN_DATE, plain_date_years
from .namelist import split_names, strip_extra_and
from .parse import (
    BibProblem,
    Command,
    CommandParser,
    Field,
    LineIndex,
    normalize_whitespace,
)
from .persons import SharedPerson
from .quirks import annotation_items, clean_name, merge_annotation

__all__ = ["SUBTYPES", "BibFileData", "BibProblem", "read_bibfiles", "split_names"]

SUBTYPES: Final = (
    "bibfile_missing",
    "bibfile_unreadable",
    "bibfile_encoding",
    "syntax_error",
    "syntax_repaired",
    "stray_at",
    "undefined_macro",
    "duplicate_field",
    "duplicate_key",
    "bad_name",
    "empty_file",
    "field_too_long",
    "macro_budget",
)

#: Fallback decodings, tried in order; Latin-1 never fails.
_FALLBACK_ENCODINGS: Final = (("cp1252", "Windows-1252"), ("latin-1", "Latin-1"))
_UTF16_BOMS: Final = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


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
        self.macros = CaseInsensitiveDict(MONTH_NAMES)
        self.origins: dict[str, _Origin] = {}

    def read_file(self, path: Path) -> BibFileData:
        """Read one file; problems go to ``self.problems``."""
        result = BibFileData(path)
        raw = self._read_bytes(path)
        if raw is None:
            return result
        text = self._decode(path, raw)
        problems_before = len(self.problems)
        lines = LineIndex(text)
        parser = CommandParser(text, self.macros, path, lines)
        command_count = 0
        for command in parser.commands():
            command_count += 1
            # the parser's problems so far come first, to keep them in file order
            self.problems.extend(parser.take_problems())
            if command.kind == "preamble":
                self.data.add_to_preamble(normalize_whitespace(command.value))
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
        self, path: Path, lines: LineIndex, command: Command, result: BibFileData
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
        self, path: Path, lines: LineIndex, command: Command, key: str, line: int
    ) -> Entry:
        """Turn the parsed fields into an Entry, keeping the first of repeated fields."""
        entry = Entry(command.name)
        entry.fields = EntryFields()
        seen: dict[str, Field] = {}
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
        self, path: Path, lines: LineIndex, key: str, line: int, fld: Field
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

        Each spelling is looked up (:func:`_read_name`); a list of names that
        carry no mark and no complaint, as a collaboration's 2,900 are, is then
        taken in one pass without a Python step per name.
        """
        role = fld.name
        names = list(map(_read_name, split_names(fld.value), repeat(role)))
        persons: list[Person]
        marks: dict[int, tuple[str, ...]] = {}
        if all(map(_IS_PLAIN, names)):
            persons = list(map(_PERSON, names))
        else:
            persons = self._marked_persons(path, lines, key, line, fld, names, marks)
        if len(set(map(id, persons))) != len(persons):
            persons = _distinct_objects(persons)
        return persons, marks

    def _marked_persons(
        self,
        path: Path,
        lines: LineIndex,
        key: str,
        line: int,
        fld: Field,
        names: list[_Name],
        marks: dict[int, tuple[str, ...]],
    ) -> list[Person]:
        """The persons of *names*, their keywords put in *marks*, their complaints reported."""
        persons: list[Person] = []
        for person, keywords, complaints, _plain in names:
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
        return persons


#: biblatex fields whose BibTeX twin pybtex's styles read instead.
_BIBTEX_TWINS: Final = (("journaltitle", "journal"), ("location", "address"))
#: What BibTeX's month macros expand to (not the locale's names).
_MONTHS: Final = tuple(MONTH_NAMES[m] for m in MONTH_MACROS)


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


class EntryFields(OrderedCaseInsensitiveDict):
    """An entry's fields as pybtex keeps them, with a ``get`` that does not raise.

    pybtex's dictionary inherits ``get`` from ``Mapping``, which raises and
    catches a ``KeyError`` for every missing field; the publication model
    asks each entry about a dozen fields it mostly lacks (``arxiv``,
    ``eprint``, ``pdf``, ``code``...), and those exceptions were a tenth of the
    time it takes to format a 5,000-entry file.
    """

    def get(self, key: str, default: object = None) -> object:
        return self[key] if key in self else default  # noqa: SIM401 (that get raises)


#: One name of a person list: the person (None when nothing usable is left),
#: its mark keywords, the complaints about it, and whether it is plain (a
#: person with no keyword and no complaint).
_Name = tuple[SharedPerson | None, tuple[str, ...], tuple[str, ...], bool]
_PERSON = itemgetter(0)
_IS_PLAIN = itemgetter(3)


@lru_cache(maxsize=65536)
def _read_name(raw_name: str, role: str) -> _Name:
    """One name of a person list (see :data:`_Name`), read once per distinct spelling.

    A collaboration's fifty papers list the same 2,900 names, and every entry
    gets the same :class:`~cvbib.bib.persons.SharedPerson` (see that module).
    """
    name, complaints = _check_name(raw_name, role)
    if not name:
        return None, (), complaints, False
    name, keywords = clean_name(name)
    person = SharedPerson(last=name) if _has_too_many_commas(name) else SharedPerson(name)
    return person, keywords, complaints, not (keywords or complaints)


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
    name = strip_extra_and(raw_name).strip()
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
    line = LineIndex(text).line(error.start)
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
    path: Path, lines: LineIndex, key: str, line: int, repeat: Field, first: Field
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
