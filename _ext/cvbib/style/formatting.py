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

import gc
import hashlib
import importlib.metadata
import multiprocessing
import os
import pickle
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, NamedTuple, cast

import pybtex.plugin
from pybtex.database import Entry
from pybtex.richtext import BaseText, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import FieldIsMissing

from ..bib.persons import kept_all, spelling
from ..config import CvbibConfig
from ..latex.decode import (
    MacroTable,
    collect_cuts,
    collect_unknown,
    decode,
    leftover_markup,
    macros_in_effect,
)
from ..model.identifiers import links_and_rejected, rejected_link_problem
from ..model.publication import Publication, publication_of
from ..people.marks import EntryMarks, MarkingNameFormatter, compute_marks, matcher_for
from ..text.richtext import compacted, refused_math
from .cv import CvStyle, generic_template, names_template

#: Bump when the cache's own layout changes; a cache of another version
#: (pickled by an older cvbib) is dropped whole. Changes of the formatting code
#: need no bump: the code is part of every key (:func:`code_fingerprint`).
CACHE_VERSION = 3

#: Below this many entries to format, helper processes cost more than they save.
PARALLEL_MIN_ENTRIES = 1000
#: This process's share of the work relative to a helper's (see :func:`deal`).
PARENT_WEIGHT = 1.1
#: More helpers than this gain little: the results all come back through this process.
MAX_JOBS = 4

#: ``format_entry`` implementations whose text does not depend on the label:
#: pybtex's own and the CV style's pass the label through to the
#: ``FormattedEntry`` untouched, while a user's style may put it in the text.
LABEL_FREE_FORMATTERS: tuple[object, ...] = (BaseStyle.format_entry, CvStyle.format_entry)


class Formatted(NamedTuple):
    """One formatted entry and what the legend and warnings need from it.

    A named tuple rather than a dataclass: thousands of them are pickled with
    the environment, and a tuple is smaller and loads faster (a quarter less
    time) than an object with a ``__dict__``; it is also immutable, as a
    cached value shared by several bibliographies should be.
    """

    entry: FormattedEntry
    used_marks: frozenset[str]
    owner_found: bool
    #: (warning subtype, message) pairs, reported when the entry is formatted.
    problems: tuple[tuple[str, str], ...] = ()
    #: The entry's facts for every other output (buttons, pages, metadata).
    publication: Publication | None = None
    #: Macros in the entry's fields that are neither standard nor defined in
    #: a ``@preamble``: warned once per name and bib file by the domain.
    unknown_macros: frozenset[str] = frozenset()


class FormatCache:
    """Formatted entries kept with the environment, keyed by content.

    The counters describe the current (or, between builds, the last) build:
    they are reset by :meth:`begin_build`, so that a test or a benchmark can
    read after a build how many entries it formatted.

    The entries are pickled as one ``bytes`` object inside the environment
    pickle and read back on first use. Sphinx loads the environment with the
    garbage collector running, and thousands of formatted entries are a
    hundred thousand small objects: each collection during the load walks
    all of them again, which made loading several times slower than reading
    the same objects with the collector paused, as :attr:`items` does. When
    a build changes no entry, the bytes it was loaded from are saved again.
    """

    def __init__(self, items: dict[str, Formatted] | None = None) -> None:
        self._reset(dict(items or {}), pickled=None)

    def _reset(self, items: dict[str, Formatted], pickled: bytes | None) -> None:
        self.version = CACHE_VERSION
        self._items = items
        #: What the entries were loaded from, while they are unchanged.
        self._pickled = pickled
        self._loaded = pickled is None
        #: Keys looked up in this build; :meth:`prune` forgets the others.
        self.touched: set[str] = set()
        #: Entries formatted (cache misses) in this build.
        self.misses = 0
        #: Entries taken from the cache in this build.
        self.hits = 0

    @property
    def items(self) -> dict[str, Formatted]:
        if not self._loaded:
            self._loaded = True
            self._items = _unpickle_items(self._pickled or b"")
        return self._items

    def __getstate__(self) -> dict[str, Any]:
        pickled = self._pickled
        if pickled is None:
            pickled = pickle.dumps(self._items, pickle.HIGHEST_PROTOCOL)
        return {"version": self.version, "items": pickled}

    def __setstate__(self, state: dict[str, Any]) -> None:
        pickled = state.get("items")
        self._reset({}, pickled if isinstance(pickled, bytes) else b"")
        self.version = state.get("version", 0)

    def begin_build(self) -> None:
        """Start counting and touching afresh."""
        self.touched = set()
        self.misses = 0
        self.hits = 0

    def prune(self) -> None:
        """Forget the entries no bibliography asked for in this build.

        Keeps the environment pickle from growing with every edit of the
        ``.bib`` file.
        """
        items = self.items
        if len(self.touched) != len(items):
            self._items = {k: v for k, v in items.items() if k in self.touched}
            self._pickled = None

    def get(self, key: str) -> Formatted | None:
        self.touched.add(key)
        cached = self.items.get(key)
        if cached is not None:
            self.hits += 1
        return cached

    def put(self, key: str, formatted: Formatted) -> None:
        self.touched.add(key)
        self.items[key] = formatted
        self._pickled = None
        self.misses += 1


def _unpickle_items(pickled: bytes) -> dict[str, Formatted]:
    """The cached entries, or none if they cannot be read (a changed class)."""
    if not pickled:
        return {}
    with _collector_paused():
        try:
            items = pickle.loads(pickled)
        except Exception:
            return {}
    return items if isinstance(items, dict) else {}


def usable_cache(candidate: object) -> FormatCache | None:
    """*candidate* if it is a cache of this version, else None (start afresh)."""
    if isinstance(candidate, FormatCache) and getattr(candidate, "version", None) == CACHE_VERSION:
        return candidate
    return None


def entry_fingerprint(entry: Entry) -> str:
    """A digest of the entry content its formatted text can depend on."""
    parts = [entry.type, entry.key or ""]
    parts.extend(f"{name}={value}" for name, value in entry.fields.items())
    for role, persons in entry.persons.items():
        parts.append(f"{role}=" + " and ".join(kept_all(spelling, persons)))
    return _digest("\x1f".join(parts))


def _digest(text: str) -> str:
    """A short, stable digest: keys stay small in the environment pickle."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


@lru_cache(maxsize=32)
def code_fingerprint(style_class: type) -> str:
    """A digest of the code that formats with *style_class*.

    The cache must not outlive the code that filled it: ``make livehtml``
    watches ``_ext/``, and an edit of the CV style must show on the next
    rebuild. So the key holds the text of every cvbib module, of the modules
    of the style's classes outside pybtex (a user's style), and the versions
    of pybtex and of the LaTeX libraries. Read once per style and process (a few
    milliseconds); every ``sphinx-build`` is a new process.
    """
    paths = set(Path(__file__).parent.glob("*.py"))
    pybtex_dir = Path(pybtex.__file__).parent
    for cls in style_class.__mro__:
        module_file = getattr(sys.modules.get(cls.__module__), "__file__", None)
        if module_file and pybtex_dir not in Path(module_file).parents:
            paths.add(Path(module_file))
    digest = hashlib.blake2b(digest_size=12)
    for package in ("pybtex", "pylatexenc", "latex2mathml"):
        digest.update(_version(package).encode())
    for path in sorted(paths):
        digest.update(str(path.name).encode())
        with suppress(OSError):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "?"


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
        #: Read by :func:`cvbib.style.cv.author_list` (truncation that keeps the owner).
        self.style.cvbib_max_authors = config.max_authors
        if getattr(style_class, "format_names", None) is UnsrtStyle.format_names:
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
        return Formatted(
            entry=formatted,
            used_marks=frozenset(marks.used),
            owner_found=marks.owner_found,
            problems=tuple(problems),
            publication=publication,
            unknown_macros=frozenset(unknown),
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


# --- batches -----------------------------------------------------------------


@contextmanager
def formatting_batch() -> Iterator[None]:
    """Decode with cvbib's LaTeX decoder, with the collector out of the way.

    pybtex's templates and name styles call ``Text.from_latex`` on every field
    and name part they show, through a class attribute: :func:`cvbib.latex.decode`
    (memoized: each distinct string is decoded once) is put there only for the
    duration of the batch, so every pybtex style (``plain``, ``alpha``, the
    ``cv`` style) decodes the same way, and the original is always restored.
    The garbage collector is paused (not disabled for good: its previous state
    comes back) because the batch makes no cyclic garbage worth collecting.
    """
    original = Text.__dict__["from_latex"]
    Text.from_latex = classmethod(_from_latex)
    try:
        with _collector_paused():
            yield
    finally:
        Text.from_latex = original


def _from_latex(cls: type[Text], latex: str) -> Text:
    """``Text.from_latex`` through :func:`cvbib.latex.decode` (a subclass gets its own type)."""
    text = decode(latex)
    return text if cls is Text else cls(*text.parts)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, and restore its previous state.

    Before it resumes, what the batch made is frozen (:func:`freeze_once`):
    otherwise the collector's first pass after the pause walks every object
    the batch allocated (the formatted entries, which live as long as the
    process), only to find them all alive.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            freeze_once()
            gc.enable()


def freeze_once() -> None:
    """Put every object alive now in the collector's permanent generation, once per process.

    Only the first time in a process, and only when nothing else has frozen
    objects: a long-lived process (a test session, ``make livehtml``) then
    keeps at most one build's objects frozen, and a host application's own
    use of ``gc.freeze()`` is left alone. Frozen objects are still freed when
    nothing refers to them any more; they are only no longer walked.
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()


def _format_share(style: MarkedStyle, jobs: Sequence[tuple[str, Entry]]) -> list[Formatted]:
    with formatting_batch():
        return [style.format(label, entry) for label, entry in jobs]


def _send_share(sender: Connection, style: MarkedStyle, jobs: Sequence[tuple[str, Entry]]) -> None:
    """The body of a helper process: format *jobs* and send them back.

    A failure sends nothing and prints nothing: the parent then formats this
    share itself, and reports the error there if it happens again.
    """
    with suppress(Exception):
        sender.send(_format_share(style, jobs))
    sender.close()


def format_jobs(count: int) -> int:
    """How many processes should format *count* entries (1: this one alone).

    Several only for a batch large enough to repay starting a process and
    sending the results back (a cold build of a long bibliography), and only
    where forking is safe (:func:`_can_fork`); forked helpers inherit the
    style and the entries, so nothing but results is pickled. ``CVBIB_JOBS``
    in the environment sets the number; ``CVBIB_JOBS=1`` turns helpers off.
    """
    wanted = os.environ.get("CVBIB_JOBS", "").strip()
    if wanted.isdigit():
        limit = max(1, int(wanted))
    else:
        if count < PARALLEL_MIN_ENTRIES:
            return 1
        limit = min(_cpu_count(), MAX_JOBS)
    if limit > 1 and not _can_fork():
        return 1
    return max(1, min(limit, count))


def _can_fork() -> bool:
    """Whether helper processes can be forked safely.

    The platform must fork, no other thread may exist (it could hold a lock
    in the copy), and a daemonic process may not have children.
    """
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
    )


def deal(count: int, processes: int) -> list[list[int]]:
    """Deal indices ``0..count-1`` to *processes* in turn, the first a larger share.

    The first share is this process's: a helper's results still have to be
    pickled and read back here, so this process takes about
    ``PARENT_WEIGHT`` times a helper's share and all finish together.
    """
    weights = [PARENT_WEIGHT] + [1.0] * (processes - 1)
    total = sum(weights)
    credit = [0.0] * processes
    shares: list[list[int]] = [[] for _ in range(processes)]
    for index in range(count):
        for process, weight in enumerate(weights):
            credit[process] += weight / total
        chosen = max(range(processes), key=credit.__getitem__)
        credit[chosen] -= 1.0
        shares[chosen].append(index)
    return shares


def _cpu_count() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def format_all(style: MarkedStyle, jobs: Sequence[tuple[str, Entry]]) -> list[Formatted]:
    """Format each (label, entry) of *jobs*, in order, in one or more processes.

    Entries are dealt out in turn (:func:`deal`), so that every process gets
    a similar mix; this process formats its own share while the helpers
    format theirs.
    """
    processes = format_jobs(len(jobs))
    if processes <= 1:
        return _format_share(style, jobs)
    context = multiprocessing.get_context("fork")
    shares = deal(len(jobs), processes)
    helpers: list[tuple[BaseProcess, Connection, list[int]]] = []
    for share in shares[1:]:
        receiver, sender = context.Pipe(duplex=False)
        helper = context.Process(
            target=_send_share, args=(sender, style, [jobs[i] for i in share]), daemon=True
        )
        helper.start()
        sender.close()
        helpers.append((helper, receiver, share))
    results: dict[int, Formatted] = dict(
        zip(shares[0], _format_share(style, [jobs[i] for i in shares[0]]), strict=True)
    )
    for process, receiver, share in helpers:
        results.update(zip(share, _receive(process, receiver, style, share, jobs), strict=True))
    return [results[index] for index in range(len(jobs))]


def _receive(
    helper: BaseProcess,
    receiver: Connection,
    style: MarkedStyle,
    share: list[int],
    jobs: Sequence[tuple[str, Entry]],
) -> list[Formatted]:
    """A helper's results, or the share formatted here if the helper failed."""
    formatted: list[Formatted] | None = None
    try:
        formatted = receiver.recv()
    except (EOFError, OSError):
        formatted = None
    finally:
        receiver.close()
        helper.join()
    if not isinstance(formatted, list) or len(formatted) != len(share):
        formatted = _format_share(style, [jobs[i] for i in share])
    return formatted


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
    prefix = _digest(f"{CACHE_VERSION}|{style.style_id}|{style.config.fingerprint}|{macro_digest}")
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
