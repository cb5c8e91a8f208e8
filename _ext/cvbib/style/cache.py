"""TODO."""

from __future__ import annotations

import hashlib
import importlib.metadata
import pickle
import sys
from contextlib import suppress
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pybtex.plugin
from pybtex.database import Entry
from pybtex.style import FormattedEntry

from ..bib import kept_all, spelling
from .batch import collector_paused

if TYPE_CHECKING:
    from ..model import Publication

#: Bump when the cache's own layout changes; a cache of another version
#: (pickled by an older cvbib) is dropped whole. Changes of the formatting code
#: need no bump: the code is part of every key (:func:`code_fingerprint`).
CACHE_VERSION = 4


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
    #: The collaboration the entry is written by: its name as shown, then
    #: each collaboration's own name ("ATLAS Collaboration", "ATLAS"), for
    #: the advice when the owner is not found; empty for other entries.
    collaboration: tuple[str, ...] = ()


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
    with collector_paused():
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
    return digest("\x1f".join(parts))


def digest(text: str) -> str:
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
