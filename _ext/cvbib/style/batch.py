"""A formatting batch: cvbib's decoder in pybtex's place, the collector out of the way.

What is formatted is formatted in one batch (:func:`formatting_batch`), and
what a build keeps is moved out of the garbage collector's way for the rest of
that build (:func:`freeze_for_build`, :func:`thaw_after_build`): the process
is left as it was found when the build ends.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from ..latex import decode
from ..upstream.pybtex import latex_decoder


@contextmanager
def formatting_batch() -> Iterator[None]:
    """Decode with cvbib's LaTeX decoder, with the collector out of the way.

    pybtex's templates and name styles decode every field and name part they
    show through ``Text.from_latex``: :func:`cvbib.latex.decode` (memoized:
    each distinct string is decoded once) is put there only for the duration
    of the batch (:func:`cvbib.upstream.pybtex.latex_decoder`), so every pybtex
    style (``plain``, ``alpha``, the ``cv`` style) decodes the same way, and
    the original is always restored. The garbage collector is paused (its
    previous state comes back) because the batch makes no cyclic garbage
    worth collecting.
    """
    with latex_decoder(decode), collector_paused():
        yield


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, and restore its previous state."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def freeze_for_build() -> bool:
    """Move every object alive now out of the collector's way, for the rest of the build.

    After ``env-updated`` the process holds the environment, the parsed
    ``.bib`` data and every formatted entry: with thousands of entries,
    hundreds of thousands of objects that outlive the build. Each full
    collection of the write phase would walk them all again; ``gc.freeze()``
    puts them in the permanent generation. Only when nothing is frozen yet:
    ``gc.unfreeze()`` cannot tell objects apart, so a host application's (or
    the interpreter's: Python 3.12 starts with a few hundred) frozen objects
    are left alone by not freezing at all. Returns whether it froze, so that
    :func:`thaw_after_build` undoes exactly this at the end of the build and
    no process-wide state outlives it.
    """
    if not gc.isenabled() or gc.get_freeze_count():
        return False
    gc.freeze()
    return True


def thaw_after_build(froze: bool) -> None:
    """Undo :func:`freeze_for_build` (when it froze), as the build ends.

    And have the objects frozen when the interpreter exits (:func:`gc.freeze`
    as an :mod:`atexit` handler, registered once however many builds end):
    Python's finalization collects the whole heap, even with the collector
    disabled, and walking a large bibliography's objects then cost more than
    the rest of a no-op rebuild (tugboat.bib: 1.4 s after the build's 1.3 s).
    Objects frozen at exit are freed all the same; a process that goes on
    (``sphinx-autobuild``, a test session) is not affected until it ends.
    """
    if froze:
        gc.unfreeze()
    atexit.unregister(gc.freeze)  # one registration per process
    atexit.register(gc.freeze)
