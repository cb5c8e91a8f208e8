"""The formatting cache: a build from cache is the same page as a fresh build.

tests/roots/test-cache has the CV's layout (``index.rst`` includes section
files), a bullet-list bibliography of five entries (co-first marks, LaTeX
accents, ``and others``, a ``crossref``, an edited volume) and a citation
bibliography for one ``:cite:p:`` reference. Each test copies the root, builds
it, changes one thing (a section, one ``.bib`` entry, ``cv_owner``, an
annotation) and builds again incrementally, the way ``make livehtml`` does, then
compares with what a fresh build of the same sources shows. Assertions are on
the parsed HTML and on the cache's counters, never on timings.
"""

from __future__ import annotations

import atexit
import gc
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from pybtex.richtext import Text

from cvbib.latex import Decoding, decode, decoding
from cvbib.style import (
    CACHE_VERSION,
    FormatCache,
    code_fingerprint,
    format_jobs,
    formatting_batch,
    pool,
)

ENTRIES = 5  # in tests/roots/test-cache/refs.bib


@pytest.fixture
def root(rootdir: Path, tmp_path: Path) -> Path:
    """A private copy of the test root, built and rebuilt in place."""
    target = tmp_path / "incremental"
    shutil.copytree(rootdir / "test-cache", target)
    return target


def fresh_copy(source: Path, tmp_path: Path) -> Path:
    """A copy of *source* (as edited) without its build, for a fresh build."""
    target = tmp_path / "fresh"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("_build"))
    return target


def build(make_app: Any, srcdir: Path, **confoverrides: Any) -> Any:
    """Build *srcdir*, reusing its environment if it has one; return the app.

    The app's global registrations are cleaned up at once, so that the next
    build in the same test starts as a new ``sphinx-build`` would.
    """
    app = make_app("html", srcdir=srcdir, confoverrides=confoverrides)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.warning.getvalue() == "", app.warning.getvalue()
    return app


def cache_of(app: Any) -> FormatCache:
    return app.env.get_domain("cite").format_cache


def soup(app: Any) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")


def article(app: Any) -> str:
    """The page's content, as it was written (the part the bibliography is in)."""
    body = soup(app).select_one("div.body")
    assert body is not None
    return str(body)


def publications(app: Any) -> list[Tag]:
    """The list items of the bullet-list bibliography."""
    return list(soup(app).select("section#publications ul > li"))


def item(app: Any, word: str) -> Tag:
    (found,) = [li for li in publications(app) if word.lower() in li.get_text().lower()]
    return found


def legend(app: Any) -> str:
    """The legend line of the publications section."""
    found = soup(app).select_one("section#publications .cvbib-legend")
    assert found is not None
    return found.get_text(" ", strip=True)


def bold(li: Tag) -> list[str]:
    return [" ".join(s.get_text().split()) for s in li.find_all("strong")]


def edit(path: Path, old: str, new: str) -> None:
    """Replace *old* by *new* in *path* and move its mtime on, as an editor would."""
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_rebuild_after_section_edit_is_the_fresh_page(
    make_app: Any, root: Path, tmp_path: Path
) -> None:
    first = build(make_app, root)
    assert cache_of(first).misses == ENTRIES

    edit(root / "sections" / "intro.rst", "is described in", "is explained in")
    again = build(make_app, root)
    cache = cache_of(again)
    assert (cache.misses, cache.hits) == (0, ENTRIES + 1)  # +1: the cited entry's list

    fresh = build(make_app, fresh_copy(root, tmp_path))
    assert cache_of(fresh).misses == ENTRIES
    assert "is explained in" in article(again)
    assert article(again) == article(fresh)
    assert len(publications(again)) == ENTRIES


def test_noop_rebuild_formats_nothing(make_app: Any, root: Path) -> None:
    first = article(build(make_app, root))
    again = build(make_app, root)
    assert cache_of(again).misses == 0
    assert article(again) == first


def test_editing_one_entry_formats_that_entry_only(
    make_app: Any, root: Path, tmp_path: Path
) -> None:
    build(make_app, root)
    edit(root / "refs.bib", "A Preprint on Caching", "A Revised Preprint on Caching")
    again = build(make_app, root)
    assert cache_of(again).misses == 1
    assert "A Revised Preprint on Caching" in item(again, "preprint").get_text()
    assert article(again) == article(build(make_app, fresh_copy(root, tmp_path)))


def test_labels_that_shift_do_not_format_again(make_app: Any, root: Path, tmp_path: Path) -> None:
    """plain numbers entries in sorted order: a new first entry renumbers all the others."""
    build(make_app, root, bibtex_default_style="plain")
    new_entry = "@article{aaa,\n  author = {Aaron Aardvark and Kaiyan Zhang},\n  title = {First},\n"
    new_entry += "  journal = {J},\n  year = {2020},\n}\n\n"
    bib = root / "refs.bib"
    edit(bib, "@article{ttrl,", new_entry + "@article{ttrl,")
    again = build(make_app, root, bibtex_default_style="plain")
    assert cache_of(again).misses == 1
    fresh = build(make_app, fresh_copy(root, tmp_path), bibtex_default_style="plain")
    assert len(publications(again)) == ENTRIES + 1
    assert article(again) == article(fresh)


def test_new_owner_is_bold_and_the_old_one_is_not(make_app: Any, root: Path) -> None:
    first = build(make_app, root)
    assert bold(item(first, "TTRL")) == ["Kaiyan Zhang*"]

    again = build(make_app, root, cv_owner="Yuxin Zuo", suppress_warnings=["cvbib.owner_not_found"])
    assert cache_of(again).misses == ENTRIES  # the owner is part of every key
    assert bold(item(again, "TTRL")) == ["Yuxin Zuo*"]
    for li in publications(again):
        assert not any("Zhang" in name for name in bold(li)), li


def test_changed_annotation_shows_on_the_next_build(make_app: Any, root: Path) -> None:
    first = build(make_app, root)
    assert "Shang Qu" in item(first, "TTRL").get_text()
    assert "co-first authors" in legend(first)

    edit(root / "refs.bib", "{1=equal; 2=equal}", "{3=corresponding}")
    again = build(make_app, root)
    assert cache_of(again).misses == 1
    ttrl = item(again, "TTRL")
    assert [sup.get_text() for sup in ttrl.find_all("sup")] == ["\N{DAGGER}"]
    assert "Shang Qu\N{DAGGER}" in ttrl.get_text()
    assert legend(again) == "† corresponding author"


def test_citations_resolve_after_an_incremental_build(make_app: Any, root: Path) -> None:
    """``citations`` are pickled empty and rebuilt: references must still resolve."""
    build(make_app, root)
    edit(root / "sections" / "intro.rst", "is described in", "is shown in")
    again = build(make_app, root)
    (reference,) = soup(again).select("span.bibtex-citation a, a.bibtex-citation")
    target = reference["href"]
    assert isinstance(target, str) and target.startswith("#")
    assert soup(again).find(id=target[1:]) is not None
    assert "TTRL" in soup(again).find(id=target[1:]).get_text()  # type: ignore[union-attr]


def test_helper_processes_give_the_same_page(
    make_app: Any, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = article(build(make_app, fresh_copy(root, tmp_path)))
    monkeypatch.setenv("CVBIB_JOBS", "3")
    if format_jobs(ENTRIES) < 2:
        pytest.skip("this platform or process cannot fork helpers")
    assert article(build(make_app, root)) == serial


def test_a_failed_helper_costs_time_not_entries(
    make_app: Any, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = article(build(make_app, fresh_copy(root, tmp_path)))
    monkeypatch.setenv("CVBIB_JOBS", "2")
    if format_jobs(ENTRIES) < 2:
        pytest.skip("this platform or process cannot fork helpers")
    monkeypatch.setattr(pool, "send_share", lambda sender, style, jobs: sender.close())
    again = build(make_app, root)
    assert cache_of(again).misses == ENTRIES
    assert article(again) == serial


def test_few_entries_are_formatted_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CVBIB_JOBS", raising=False)
    assert format_jobs(pool.PARALLEL_MIN_ENTRIES - 1) == 1
    monkeypatch.setenv("CVBIB_JOBS", "1")
    assert format_jobs(100_000) == 1


def test_deal_gives_every_index_once() -> None:
    shares = pool.deal(101, 3)
    assert sorted(i for share in shares for i in share) == list(range(101))
    assert len(shares[0]) >= len(shares[1]) >= len(shares[2]) - 1


def test_from_latex_is_restored_after_a_batch() -> None:
    original = Text.__dict__["from_latex"]
    with pytest.raises(RuntimeError), decoding(Decoding()) as state, formatting_batch():
        assert Text.__dict__["from_latex"] is not original
        assert Text.from_latex("{\\'e}") is Text.from_latex("{\\'e}")  # memoized
        raise RuntimeError
    assert Text.__dict__["from_latex"] is original
    assert len(state.memo) == 1


def test_the_decoding_memo_lives_as_long_as_its_build() -> None:
    """No memo outside a build, and none shared between two builds."""
    assert decode("{\\'e}") is not decode("{\\'e}")
    with decoding(Decoding()) as first:
        decode("{\\'e}")
    with decoding(Decoding()) as second:
        assert second.memo == {}
    assert len(first.memo) == 1


def test_cache_pickles_its_entries_as_bytes(make_app: Any, root: Path) -> None:
    cache = cache_of(build(make_app, root))
    state = cache.__getstate__()
    assert isinstance(state["items"], bytes)
    copy = pickle.loads(pickle.dumps(cache))
    assert copy.items.keys() == cache.items.keys()
    assert copy.__getstate__()["items"] is copy._pickled  # unchanged: saved as loaded
    assert (
        copy.items[next(iter(copy.items))].entry.text == next(iter(cache.items.values())).entry.text
    )


def test_unreadable_cache_starts_empty() -> None:
    cache = FormatCache()
    cache.__setstate__({"version": CACHE_VERSION, "items": b"not a pickle"})
    assert cache.items == {}


def test_a_build_leaves_the_collector_as_it_found_it(make_app: Any, root: Path) -> None:
    """Objects are frozen out of the collector's way for a build only, never beyond it.

    (Python 3.12 starts with a few hundred frozen objects of its own.)
    """
    before = gc.get_freeze_count()
    assert gc.isenabled()
    build(make_app, root)
    assert gc.get_freeze_count() == before and gc.isenabled()
    edit(root / "sections" / "intro.rst", "is described in", "is shown in")
    build(make_app, root)
    assert gc.get_freeze_count() == before and gc.isenabled()


def test_the_heap_is_frozen_when_the_process_exits(
    make_app: Any, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Finalization's full collection does not walk a build's objects (once per process).

    Python's exit collects the whole heap even with the collector off: after
    a no-op rebuild of a large bibliography that took longer than the build.
    """
    handlers: list[Any] = []
    monkeypatch.setattr(atexit, "register", handlers.append)
    monkeypatch.setattr(
        atexit, "unregister", lambda f: handlers.remove(f) if f in handlers else None
    )
    build(make_app, root)
    build(make_app, root)
    assert handlers == [gc.freeze]


def test_editing_a_style_changes_every_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``make livehtml`` watches ``_ext/``: an edited style must not be served from the cache."""
    module = tmp_path / "my_cache_test_style.py"
    module.write_text(
        "from pybtex.style.formatting.plain import Style\n\nclass MyStyle(Style):\n    pass\n",
        "utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    from my_cache_test_style import MyStyle

    before = code_fingerprint(MyStyle)
    module.write_text(module.read_text("utf-8") + "# edited\n", "utf-8")
    code_fingerprint.cache_clear()
    assert code_fingerprint(MyStyle) != before


def test_reformatted_entries_reach_the_page_without_a_source_change(
    make_app: Any, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit of cvbib's code under ``make livehtml`` re-reads no document, yet must show."""
    first = build(make_app, root)
    assert bold(item(first, "TTRL")) == ["Kaiyan Zhang*"]

    from cvbib.style import marked, marking

    monkeypatch.setattr(marked, "code_fingerprint", lambda style_class: "edited code")
    monkeypatch.setattr(marking, "decorate", lambda name, name_marks: name)  # no bold, no marks
    again = build(make_app, root)
    assert cache_of(again).misses > 0
    assert bold(item(again, "TTRL")) == []


def test_a_wrong_entry_is_warned_on_every_build(make_app: Any, root: Path) -> None:
    """While an entry stays wrong, a rebuild from the cache still says so (and -W still fails)."""
    edit(root / "refs.bib", "{1=equal; 2=equal}", "{1=equal; 2=equal,leed}")
    for _ in range(2):
        app = make_app("html", srcdir=root)
        try:
            app.build()
        finally:
            app.cleanup()
        warnings = app.warning.getvalue()
        assert warnings.count("[cvbib.unknown_keyword]") == 1, warnings
        assert "'leed'" in warnings
