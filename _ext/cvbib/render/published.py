"""What a build publishes, and under which names: publication pages and files.

Two entries must never share a name on the site: the second would replace the
first's page (and its Google Scholar tags) or serve its file, without a word.
So every name is decided once per build, on ``env-updated`` (after the domain
has made the model of every entry shown, before anything is written), and
kept on the domain for this build only (:class:`Published`); the entry lists,
the publication pages, their ``citation_pdf_url`` and the copy all read it.

* **Pages** (``pub/<name>``): the key with every character but letters,
  digits, ``-``, ``_`` and ``.`` as ``_``, and no leading dot (a page named
  ``..`` would be the site's root under ``dirhtml``). A name longer than
  :data:`MAX_NAME_BYTES` is cut and given a digest of the key: a long key is
  no reason for the file system to refuse a page. Keys that come to one name
  (``DBLP:conf/acl/X`` and ``DBLP~conf~acl~X``, or names that differ only in
  case, which a case-insensitive disk merges) are told apart: the key that is
  its own name, else the first in code-point order, keeps the name, each other
  one gets a digest suffix, and ``cvbib.page_name_collision`` names them all.
* **Files** named by ``pdf``/``slides``/``poster``/``supp``: allowed or refused
  by :func:`cvbib.model.files.check_file` (``cvbib.unsafe_file``,
  ``cvbib.missing_file``: then no copy and no link, on the web page or in the
  PDF), and published as ``_files/<path below the files folder>``, so two
  files of one base name in two folders keep two names and one file linked
  twice is one file. Should two files still want one name (two ``.bib``
  files in two folders, names that differ only in case), the same rule as for
  pages applies (``cvbib.file_name_collision``).
* **BibTeX keys** that BibTeX cannot read back are reported
  (``cvbib.unsafe_key``); :func:`cvbib.bib.write.bibtex_key` writes a safe one.

On ``build-finished`` the HTML builders copy the files into ``_files/`` and
delete whatever else is there: a file that an earlier build published and that
is no longer allowed must not stay online.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Final, TypeVar, cast
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from ..bib import bibtex_key, short_digest
from ..domain import CvBibtexDomain
from ..model import Link, Publication, Refused, Shippable, check_file, refusal_message
from ..settings import CvbibConfig, get_config

#: The cleaned BibTeX of every entry, offered for download by grouped lists.
BIB_DOWNLOAD = "publications.bib"

__all__ = [
    "FILES_DIR",
    "MAX_NAME_BYTES",
    "PAGES_DIR",
    "Published",
    "PublishedFile",
    "assign_names",
    "published_of",
    "setup_published",
    "wanted_page_name",
]

logger = logging.getLogger(__name__)

#: Where files named by link fields are copied in the HTML output.
FILES_DIR: Final = "_files"
#: Where the pages of single publications are written (``pub/<name>.html``).
PAGES_DIR: Final = "pub"
#: The longest page name kept whole, in UTF-8 bytes (file systems allow 255,
#: and ``.html``, a digest and a cloud drive's own suffixes must fit too).
MAX_NAME_BYTES: Final = 100
#: How much of a long key a page name keeps, in UTF-8 bytes, before its digest.
_CUT_BYTES: Final = 64

_PAGE_UNSAFE_RE: Final = re.compile(r"[^\w.-]")
_DATA_KEY: Final = "cvbib_published"
_STATE_KEY: Final = "cvbib_published_state"

T = TypeVar("T", bound=Hashable)


def wanted_page_name(key: str) -> str:
    """The document name the page of *key* has unless another key wants it too."""
    safe = _PAGE_UNSAFE_RE.sub("_", key)
    if safe.startswith("."):
        safe = "_" + safe[1:]
    if len(safe.encode("utf-8")) > MAX_NAME_BYTES:
        cut = safe.encode("utf-8")[:_CUT_BYTES].decode("utf-8", "ignore")
        safe = f"{cut}-{short_digest(key)}"
    return f"{PAGES_DIR}/{safe}"


def assign_names(
    wanted: Mapping[T, str],
    rank: Callable[[T], Any],
    stable_text: Callable[[T], str],
    suffixed: Callable[[str, str], str],
) -> tuple[dict[T, str], list[list[T]]]:
    """One distinct name per item, and the groups of items that wanted one name.

    Names are compared case-insensitively. In a group, the item that sorts
    first by *rank* keeps its name; every other gets ``suffixed(name,
    digest)``, the digest made from ``stable_text(item)``, so the outcome
    depends on the items, never on the order they came in.
    """
    groups: dict[str, list[T]] = {}
    for item, name in wanted.items():
        groups.setdefault(name.casefold(), []).append(item)
    taken = set(groups)
    names: dict[T, str] = {}
    collisions: list[list[T]] = []
    for items in groups.values():
        if len(items) == 1:
            names[items[0]] = wanted[items[0]]
            continue
        ordered = sorted(items, key=rank)
        names[ordered[0]] = wanted[ordered[0]]
        collisions.append(ordered)
        for item in ordered[1:]:
            text, attempt = stable_text(item), 0
            while True:
                digest = short_digest(f"{text}#{attempt}" if attempt else text)
                name = suffixed(wanted[item], digest)
                if name.casefold() not in taken:
                    break
                attempt += 1
            taken.add(name.casefold())
            names[item] = name
    return names, collisions


def _file_suffixed(name: str, digest: str) -> str:
    """``a/paper.pdf`` -> ``a/paper-1a2b3c4d.pdf``: the type stays at the end."""
    path = PurePosixPath(name)
    suffixes = "".join(path.suffixes[-2:]) if name.lower().endswith(".tar.gz") else path.suffix
    stem = path.name[: len(path.name) - len(suffixes)]
    return str(path.with_name(f"{stem}-{digest}{suffixes}"))


@dataclass(frozen=True)
class PublishedFile:
    """A file copied to the site: where it comes from, and its name below ``_files/``."""

    source: Path
    name: str

    @property
    def href(self) -> str:
        """The file's path from the output's root, as a URL path (``_files/a%20b.pdf``)."""
        return f"{FILES_DIR}/{quote(self.name)}"


@dataclass
class Published:
    """This build's page names and published files (see the module's docstring).

    Pickled empty, as it is made again in every build.
    """

    #: Entry key -> document name of its page.
    pages: dict[str, str] = field(default_factory=dict)
    #: (Entry key, the link field's value) -> the file published for it.
    files: dict[tuple[str, str], PublishedFile] = field(default_factory=dict)

    def __reduce__(self) -> tuple[type[Published], tuple[()]]:
        return (Published, ())

    def page(self, key: str) -> str:
        """The document name of the page of *key*."""
        return self.pages.get(key) or wanted_page_name(key)

    def file(self, key: str, link: Link) -> PublishedFile | None:
        """The published file of *link*, or None (a URL, or a file that is not published)."""
        return self.files.get((key, link.path)) if link.path is not None else None

    def links(self, publication: Publication) -> list[Link]:
        """The links an output shows: every URL, and the files that are published."""
        return [
            link
            for link in publication.links
            if link.path is None or (publication.key, link.path) in self.files
        ]


def published_of(env: BuildEnvironment) -> Published:
    """This build's :class:`Published` (empty before ``env-updated``)."""
    found = env.get_domain("cite").data.get(_DATA_KEY)
    return found if isinstance(found, Published) else Published()


# --- deciding, on env-updated -----------------------------------------------------


def _warn(domain: CvBibtexDomain, key: str, subtype: str, message: str, *args: Any) -> None:
    logger.warning(
        message, *args, location=domain.entry_location(key), type="cvbib", subtype=subtype
    )


def _page_rank(key: str) -> tuple[bool, str]:
    return (wanted_page_name(key) != f"{PAGES_DIR}/{key}", key)


def _plan_pages(domain: CvBibtexDomain, config: CvbibConfig, keys: list[str]) -> dict[str, str]:
    """Every entry's page name; a clash is warned about when there are pages."""
    pages, collisions = assign_names(
        {key: wanted_page_name(key) for key in keys},
        rank=_page_rank,
        stable_text=str,
        suffixed=lambda name, digest: f"{name}-{digest}",
    )
    if config.publication_pages:
        for group in collisions:
            others = ", ".join(f"'{key}' gets {pages[key]}.html" for key in group[1:])
            _warn(
                domain,
                group[1],
                "page_name_collision",
                "entries %s would all have the page %s.html; '%s' keeps it and %s: give the "
                "entries keys that differ in more than punctuation and case",
                ", ".join(f"'{key}'" for key in group),
                pages[group[0]],
                group[0],
                others,
            )
    return pages


def _warn_unsafe_keys(domain: CvBibtexDomain, keys: list[str]) -> None:
    for key in keys:
        written = bibtex_key(key)
        if written != key:
            _warn(
                domain,
                key,
                "unsafe_key",
                "entry '%s': its key holds a character BibTeX or \\cite cannot read back (a "
                "space, a comma, a brace, %%, #, a backslash or a quote); the BibTeX shown and "
                "offered writes it as '%s': rename the key",
                key,
                written,
            )


def _plan_files(
    app: Sphinx, domain: CvBibtexDomain, config: CvbibConfig
) -> dict[tuple[str, str], PublishedFile]:
    """The published file of every file link of the entries shown; the others warned about."""
    project = Path(app.srcdir)
    outputs = (Path(app.outdir), Path(app.doctreedir))
    locations = domain.data.get("cvbib_locations", {})
    allowed: dict[tuple[str, str], Shippable] = {}
    for key in sorted(domain.publications):
        for link in domain.publications[key].links:
            if link.path is None or (key, link.path) in allowed:
                continue
            bibfile = locations.get(key, (None, None))[0]
            bibdir = Path(bibfile).parent if bibfile else project
            result = check_file(link.path, link.kind, bibdir, config.files_dir, project, outputs)
            if isinstance(result, Refused):
                message = refusal_message(link.kind, link.path, result)
                _warn(domain, key, result.subtype, "entry '%s': %s", key, message)
                continue
            allowed[(key, link.path)] = result
    names = _file_names(domain, project, allowed)
    return {
        place: PublishedFile(shippable.source, names[shippable.source])
        for place, shippable in allowed.items()
    }


def _file_names(
    domain: CvBibtexDomain, project: Path, allowed: dict[tuple[str, str], Shippable]
) -> dict[Path, str]:
    """One name below ``_files/`` per source file; a clash is warned about."""
    first_key: dict[Path, str] = {}
    wanted: dict[Path, str] = {}
    for (key, _value), shippable in allowed.items():
        first_key.setdefault(shippable.source, key)
        wanted.setdefault(shippable.source, shippable.relative.as_posix())

    def in_project(source: Path) -> str:
        root = project.resolve()
        return source.relative_to(root).as_posix() if source.is_relative_to(root) else str(source)

    names, collisions = assign_names(
        wanted, rank=in_project, stable_text=in_project, suffixed=_file_suffixed
    )
    for group in collisions:
        renamed = ", ".join(
            f"'{in_project(s)}' is published as {FILES_DIR}/{names[s]}" for s in group[1:]
        )
        _warn(
            domain,
            first_key[group[1]],
            "file_name_collision",
            "entries %s link different files that would all be published as %s/%s; '%s' "
            "keeps the name and %s: rename one of the files",
            ", ".join(f"'{first_key[source]}'" for source in group),
            FILES_DIR,
            names[group[0]],
            in_project(group[0]),
            renamed,
        )
    return names


def _changed_documents(domain: CvBibtexDomain, published: Published) -> list[str]:
    """The documents whose entries now link another page or file than in the last build.

    They are written again even when nothing made Sphinx read them (a file
    added to or taken from the files folder): no list keeps a stale link.
    """
    state: dict[str, list[Any]] = {key: [published.page(key)] for key in domain.publications}
    for (key, value), published_file in sorted(published.files.items()):
        state.setdefault(key, []).append((value, published_file.name))
    before = domain.data.get(_STATE_KEY)
    domain.data[_STATE_KEY] = state
    if not isinstance(before, dict):
        return []
    changed = {key for key in state.keys() | before.keys() if state.get(key) != before.get(key)}
    if not changed:
        return []
    documents = set()
    for bib_key, bibliography in domain.bibliographies.items():
        prefix = bibliography.keyprefix
        for cited in bibliography.citation_nodes:
            if cited[len(prefix) :] in changed:
                documents.add(bib_key.docname)
                break
    return sorted(documents)


def plan_published(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: decide this build's page names and published files."""
    domain = cast(CvBibtexDomain, env.get_domain("cite"))
    config = get_config(env.config)
    keys = list(domain.bibdata.data.entries.keys())
    published = Published(
        pages=_plan_pages(domain, config, keys), files=_plan_files(app, domain, config)
    )
    _warn_unsafe_keys(domain, keys)
    domain.data[_DATA_KEY] = published
    return _changed_documents(domain, published)


# --- copying, on build-finished ------------------------------------------------------


def _prune(folder: Path, keep: set[str]) -> None:
    """Delete from *folder* every file and link not in *keep*, and the emptied folders."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
        return
    for root, dirs, files in os.walk(folder, topdown=False):
        base = Path(root)
        for name in files:
            path = base / name
            if path.is_symlink() or path.relative_to(folder).as_posix() not in keep:
                path.unlink()
        for name in dirs:
            path = base / name
            if path.is_symlink():
                path.unlink()
            elif not any(path.iterdir()):
                path.rmdir()


def copy_published_files(app: Sphinx, exception: BaseException | None) -> None:
    """Copy this build's published files into ``_files/``, and only them (HTML only)."""
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir) / FILES_DIR
    wanted = {item.name: item.source for item in published_of(app.env).files.values()}
    _prune(folder, set(wanted))
    for name, source in sorted(wanted.items()):
        target = folder / name
        stat = source.stat()
        if target.is_file():
            copied = target.stat()
            if (copied.st_size, copied.st_mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def setup_published(app: Sphinx) -> None:
    # After sphinxcontrib-bibtex's env-updated (priority 500) has made the models.
    app.connect("env-updated", plan_published, priority=600)
    app.connect("build-finished", copy_published_files)
