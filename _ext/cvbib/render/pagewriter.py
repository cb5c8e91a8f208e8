"""When the publication pages are rendered, and what every page shares.

:mod:`cvbib.render.pages` makes a page per publication; this module decides
which of them a build renders, and makes rendering them cheap.

**Incremental.** Before anything is rendered, each page gets a digest of its
*inputs*, not of its HTML (which would mean rendering every page to find that
none changed):

* the site's, once per build: cvbib's code, the versions of the libraries that
  render a page, the builder and its output folder, Sphinx's own hash of the
  HTML options and tags (what ``.buildinfo`` holds: theme, theme options,
  ``html_title``, ``html_baseurl``, templates path...), the newest template's
  time, the content of every CSS and JavaScript file a page links (their
  ``?v=`` changes with them), the ``@preamble`` macros, cvbib's options,
  whether the full list page exists, and the documents' titles and toctrees
  (the theme's navigation, drawn on every page);
* the entry's: its fingerprint (type, key, fields and names, as the format
  cache keys it, remembered across builds while the ``.bib`` files are
  unchanged), its page's name and the names of the files it publishes.

A page whose digest is the one the last build stored (``cvbib-pages-<builder>.json``
in the doctree folder) and whose file is still there is neither rendered nor
written: a no-op rebuild renders none, editing one entry renders that entry's
page (the lists that show it are Sphinx's documents, re-read because the
``.bib`` file changed). A page whose entry is gone is deleted, and so is every
page when ``cv_publication_pages`` is turned off.

Everything is rendered again when Sphinx starts from a fresh environment
(``-E``, a deleted doctree folder) or finds the configuration changed
(``env.config_status``, as for its own documents): the stored digests are
deleted before the first page is rendered, and written again only once the
last one is, so a build that stops half-way never leaves digests that vouch
for pages it did not write. ``-a`` is not told to extensions and does not
render unchanged pages again; ``-E`` does.

**Shared.** Every page lives in ``pub/`` and none is in a toctree, so what the
theme's template computes from the page's place is the same for all of them:
the ``<link>``/``<script>`` tags (Sphinx finds each file's checksum again for
every tag of every page) and the navigation toctree. :class:`SharedParts`
computes each once per build and folder (:func:`share_common_parts`, an
``html-page-context`` handler that runs before the theme's own); each page is
still the theme's full ``page.html``, with every other extension's handler;
the template itself runs a few times per build (:mod:`cvbib.render.pagetemplate`).

**Parallel, and early.** A large batch of pages (a cold build of a long
bibliography) is shared with helper processes (:class:`PageRun`), started as
the first document is resolved: they render pages while this process writes
the documents, and this process joins in when Sphinx asks for the pages. Each
process takes the next batch of pages left, so all finish together.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import multiprocessing
import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, cast

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import CONFIG_OK
from sphinx.util.logging import NAMESPACE, VERBOSITY_MAP
from sphinx.util.parallel import ParallelTasks, parallel_available

from ..domain import CvBibtexDomain
from ..settings import get_config
from ..style import format_jobs
from .published import Published

#: Where the digests of the pages are kept, per builder (in the doctree folder).
STATE_FILE: Final = "cvbib-pages-{builder}.json"
#: Bump when the stored state's layout changes (an older file is ignored).
STATE_VERSION: Final = 2
#: Where :func:`share_common_parts` finds a page's :class:`SharedParts`.
SHARED_KEY: Final = "cvbib_shared_parts"
#: Libraries whose version changes what a page shows or how it is written.
_LIBRARIES: Final = (
    "sphinx",
    "docutils",
    "pybtex",
    "pybtex-docutils",
    "sphinxcontrib-bibtex",
    "pylatexenc",
    "latex2mathml",
)
#: The template helpers that give the same result on every page of one folder.
_SHARED_HELPERS: Final = ("css_tag", "js_tag", "toctree")
#: Below this many pages to render, helper processes cost more than they save
#: (a page takes a few milliseconds, starting a helper some tens).
PARALLEL_MIN_PAGES: Final = 500


def _digest(*parts: object) -> str:
    text = "\x1f".join(map(str, parts))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


#: The engine's files that shape a page: code, templates, styles and scripts.
_CODE_SUFFIXES: Final = frozenset({".py", ".html", ".css", ".js", ".json", ".mo"})


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the engine's code and of the libraries' versions (once per process).

    ``make livehtml`` watches ``_ext/``: an edit of the code that makes a page
    must show on the next rebuild, as an edit of the style does. The whole
    engine folder counts, not cvbib alone: other extensions write into these
    pages too (cvweb's head tags in ``html-page-context``), and ``make upgrade``
    replaces them all.
    """
    digest = hashlib.blake2b(digest_size=16)
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={importlib.metadata.version(name)};".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name}=?;".encode())
    package = Path(__file__).resolve().parents[2]  # _ext/
    for path in sorted(package.rglob("*")):
        if path.suffix not in _CODE_SUFFIXES or "__pycache__" in path.parts:
            continue
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _asset_digest(outdir: Path, assets: Iterable[Any]) -> str:
    """The CSS or JavaScript files a page links, with the content of the local ones."""
    parts = []
    for asset in assets:
        filename = str(getattr(asset, "filename", asset) or "")
        attributes = sorted(getattr(asset, "attributes", {}).items())
        content = ""
        if filename and "://" not in filename and "?" not in filename:
            try:
                content = hashlib.blake2b((outdir / filename).read_bytes()).hexdigest()
            except OSError:
                content = "-"
        parts.append(f"{filename}|{attributes}|{getattr(asset, 'priority', '')}|{content}")
    return _digest(*parts)


def site_digest(app: Sphinx, domain: CvBibtexDomain, list_page: str) -> str:
    """What every page shows of the site and of the code (see the module's docstring)."""
    builder = cast(StandaloneHTMLBuilder, app.builder)
    build_info = getattr(builder, "build_info", None)
    outdir = Path(app.outdir)
    context = builder.globalcontext
    return _digest(
        STATE_VERSION,
        code_digest(),
        builder.name,
        outdir,
        getattr(build_info, "config_hash", ""),
        getattr(build_info, "tags_hash", ""),
        builder.templates.newest_template_mtime() if builder.templates else "",
        _asset_digest(outdir, context.get("css_files", ())),
        _asset_digest(outdir, context.get("script_files", ())),
        domain.macro_table().digest,
        get_config(app.config).fingerprint,
        list_page in app.env.found_docs,
        _navigation_digest(app),
    )


def _navigation_digest(app: Sphinx) -> str:
    """What a page's navigation shows of the site: every document's title and the toctrees.

    The theme draws the site's toctree on every page (furo's sidebar): a
    renamed section or a new document changes it on every publication page.
    """
    env = app.env
    titles = [(name, env.titles[name].astext()) for name in sorted(env.titles)]
    includes = sorted((name, tuple(docs)) for name, docs in env.toctree_includes.items())
    return _digest(sorted(env.found_docs), titles, includes)


def _state_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / STATE_FILE.format(builder=app.builder.name)


@dataclass
class PagePlan:
    """Which pages this build has, which it renders, and what to store when done."""

    #: Page (document name) -> its digest, for every page of this build.
    digests: dict[str, str] = field(default_factory=dict)
    #: Entry keys whose pages are rendered, in key order.
    render: list[str] = field(default_factory=list)
    #: Why every page is rendered ("" when only changed ones are).
    everything: str = ""


def _read_state(app: Sphinx) -> dict[str, Any]:
    try:
        data = json.loads(_state_path(app).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        return {}
    return data


def _page_file(app: Sphinx, docname: str) -> Path:
    """Where the builder writes the page *docname* (``pub/x.html``, ``pub/x/index.html``)."""
    return Path(cast(StandaloneHTMLBuilder, app.builder).get_outfilename(docname))


def _remove_pages(app: Sphinx, docnames: Iterable[str]) -> None:
    for docname in docnames:
        page = _page_file(app, docname)
        page.unlink(missing_ok=True)
        if page.parent.name == docname.rsplit("/", 1)[-1] and page.parent.is_dir():
            with suppress(OSError):  # dirhtml's folder of the page, unless not empty
                page.parent.rmdir()


def _stored_pages(state: Mapping[str, Any], outdir: Path) -> dict[str, str]:
    """The stored page digests, if they describe this output folder."""
    pages = state.get("pages")
    if state.get("outdir") != str(outdir) or not isinstance(pages, dict):
        return {}
    return {str(name): str(digest) for name, digest in pages.items()}


def plan_pages(
    app: Sphinx, domain: CvBibtexDomain, published: Published, list_page: str
) -> PagePlan:
    """Digest every page's inputs; delete the pages that are gone; say which to render."""
    outdir = Path(app.outdir)
    stored = _stored_pages(_read_state(app), outdir)
    plan = PagePlan()
    if app.fresh_env_used:
        plan.everything = "a fresh environment"
    elif app.env.config_status != CONFIG_OK:
        plan.everything = "the configuration changed"
    previous = stored
    if plan.everything or not stored:
        plan.everything = plan.everything or "no earlier pages"
        previous = {}
        # Until this build has rendered them all, no stored digest vouches for a
        # page; the names stay, for a later build to delete the pages of gone entries.
        _write_state(app, dict.fromkeys(stored, ""))
    site = site_digest(app, domain, list_page)
    fingerprint = domain.fingerprinter()
    entries = domain.bibdata.data.entries
    files: dict[str, list[str]] = {}
    for (key, value), published_file in sorted(published.files.items()):
        files.setdefault(key, []).append(f"{value}>{published_file.name}")
    for key in sorted(domain.publications):
        docname = published.page(key)
        entry = entries.get(key)
        entry_digest = fingerprint(entry) if entry is not None else "-"
        digest = plan.digests[docname] = _digest(
            site, key, docname, entry_digest, *files.get(key, ())
        )
        if previous.get(docname) != digest or not _page_file(app, docname).is_file():
            plan.render.append(key)
    _remove_pages(app, set(stored) - set(plan.digests))
    return plan


def _write_state(app: Sphinx, pages: Mapping[str, str]) -> None:
    path = _state_path(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {"version": STATE_VERSION, "outdir": str(app.outdir), "pages": dict(pages)}
    path.write_text(json.dumps(state, sort_keys=True), "utf-8")


def save_plan(app: Sphinx, plan: PagePlan) -> None:
    """Store the digests of this build's pages, once every page to render is written."""
    _write_state(app, plan.digests)


def remove_all_pages(app: Sphinx) -> None:
    """Pages are turned off: delete the ones an earlier build wrote, and their digests."""
    stored = _stored_pages(_read_state(app), Path(app.outdir))
    _remove_pages(app, stored)
    _state_path(app).unlink(missing_ok=True)


# --- what every page shares -------------------------------------------------------


class SharedParts:
    """Template helpers' results, computed once per build and folder of pages.

    Made by :func:`cvbib.render.pages.collect_pages` for one build and put into
    each page's context; never pickled, never outliving the build.
    """

    def __init__(self) -> None:
        self._memo: dict[tuple[str, str], dict[Any, Any]] = {}
        #: Calls answered from the memo (for tests and the build's summary).
        self.hits = 0

    def __repr__(self) -> str:  # Sphinx logs repr() of every event's arguments
        return f"<SharedParts: {len(self._memo)} helpers, {self.hits} calls shared>"

    def memoized(self, folder: str, name: str, helper: Callable[..., Any]) -> Callable[..., Any]:
        """*helper*, answering each distinct call once for every page of *folder*."""
        memo = self._memo.setdefault((folder, name), {})

        def shared(*args: Any, **kwargs: Any) -> Any:
            key = (args, tuple(sorted(kwargs.items())))
            try:
                found = memo[key]
            except KeyError:
                found = memo[key] = helper(*args, **kwargs)
            except TypeError:  # an unhashable argument: nothing to share
                return helper(*args, **kwargs)
            else:
                self.hits += 1
            return found

        return shared


def share_common_parts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` of a publication page: share the helpers of its folder.

    Connected with a low priority, so that a theme's own handler (furo
    renders the navigation toctree there) already calls the shared helpers.
    """
    shared = context.get(SHARED_KEY)
    if not isinstance(shared, SharedParts):
        return
    folder = posixpath.dirname(pagename)
    for name in _SHARED_HELPERS:
        helper = context.get(name)
        if callable(helper):
            context[name] = shared.memoized(folder, name, helper)


# --- helper processes ---------------------------------------------------------------


def page_jobs(app: Sphinx, count: int) -> int:
    """How many processes render *count* pages (1: this one alone).

    The formatting's rule (:func:`cvbib.style.format_jobs`: ``CVBIB_JOBS``, a
    spare CPU each, at most 4, only where forking is safe), from
    :data:`PARALLEL_MIN_PAGES` pages on, and only while every extension
    declares itself safe for Sphinx's parallel writing: a helper runs every
    ``html-page-context`` handler, as Sphinx's own writing helpers (``-j``) do.
    """
    if not parallel_available:
        return 1
    if not all(getattr(ext, "parallel_write_safe", True) for ext in app.extensions.values()):
        return 1
    return format_jobs(count, minimum=PARALLEL_MIN_PAGES)


@contextmanager
def _shown_records_only(verbosity: int) -> Iterator[None]:
    """Make only the log records a build with *verbosity* shows, for the time of the block.

    Sphinx's logger lets every record be made and leaves the choice to its
    handlers; ``repr()`` of every event's arguments is formatted into one.
    """
    logger = logging.getLogger(NAMESPACE)
    level = logger.level
    logger.setLevel(max(level, VERBOSITY_MAP[max(verbosity, 0)]))
    try:
        yield
    finally:
        logger.setLevel(level)


class PageRun:
    """One build's pages to render, in batches that this process and helpers claim in turn.

    Helpers are forked processes started through Sphinx's
    :class:`~sphinx.util.parallel.ParallelTasks`, as Sphinx writes documents
    with ``-j``: a helper's warnings are logged here (and counted by ``-W``),
    and its failure fails the build. They may start before this process has
    written the documents (:func:`cvbib.render.pages.start_pages`), and render
    pages while it does; this process joins in when Sphinx asks for the pages
    (:meth:`own`). Each takes the next batch not yet taken (a counter in shared
    memory), so all finish together however the work was shared. A batch no
    process reports done is rendered here when the helpers are joined.
    """

    def __init__(
        self,
        app: Sphinx,
        batches: list[list[str]],
        write: Callable[[list[str]], int],
        jobs: int,
    ) -> None:
        self._batches = batches
        self._write = write
        self._verbosity = app.verbosity
        self._tasks = ParallelTasks(jobs - 1) if jobs > 1 and len(batches) > 1 else None
        self._next: Any = None
        if self._tasks is not None:
            self._next = multiprocessing.get_context("fork").Value("i", 0)
        self._done: set[int] = set()
        self._taken_here: set[int] = set()
        for _helper in range(jobs - 1 if self._tasks is not None else 0):
            cast(ParallelTasks, self._tasks).add_task(self._helper, None, self._finished)

    @property
    def helpers(self) -> bool:
        """Whether helper processes were started."""
        return self._tasks is not None

    def _claim(self) -> int | None:
        """The next batch no process has taken, now taken by this one."""
        if self._next is None:
            index = len(self._taken_here)
            return index if index < len(self._batches) else None
        with self._next.get_lock():
            index = self._next.value
            if index >= len(self._batches):
                return None
            self._next.value = index + 1
        return int(index)

    def own(self) -> Iterator[list[str]]:
        """The batches this process renders (through ``html-collect-pages``).

        Without the debug records of each page's ``html-page-context`` this
        build does not show, as in a helper (:meth:`_helper`).
        """
        with _shown_records_only(self._verbosity):
            while (index := self._claim()) is not None:
                self._taken_here.add(index)
                yield self._batches[index]

    def _helper(self, _arg: None = None) -> list[int]:
        """A helper process's work: batches until none is left, without log records no one sees.

        Sphinx logs every event with ``repr()`` of its arguments at debug level,
        and a helper sends every record it makes back through a pipe: a page's
        context is about 10 KB of it, and would all be sent and unpickled only
        for ``-v`` to drop it. So a helper makes only the records this build
        shows (every record at ``-vv``).
        """
        done = []
        with _shown_records_only(self._verbosity):
            while (index := self._claim()) is not None:
                self._write(self._batches[index])
                done.append(index)
        return done

    def _finished(self, _arg: None, done: list[int]) -> None:
        self._done.update(done)

    def join(self) -> None:
        """Wait for the helpers; render here whatever no process reports done."""
        if self._tasks is not None:
            self._tasks.join()
        for index, batch in enumerate(self._batches):
            if index not in self._done and index not in self._taken_here:
                self._write(batch)

    def abandon(self) -> None:
        """The build ended without asking for the pages: stop the helpers."""
        if self._tasks is not None:
            self._tasks.terminate()
