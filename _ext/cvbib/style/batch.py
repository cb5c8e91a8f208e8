"""A formatting batch: cvbib's decoder in pybtex's place, the collector out of the way.

What is formatted is formatted in one batch (:func:`formatting_batch`), and
what a build keeps is moved out of the garbage collector's way for the rest of
that build (:func:`lasting_objects`, :func:`thaw_after_build`): the process
is left as it was found when the build ends.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

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


@dataclass
class Lasting:
    """What :func:`lasting_objects` did: whether it froze (for :func:`thaw_after_build`)."""

    froze: bool = False


@contextmanager
def lasting_objects() -> Iterator[Lasting]:
    """Make objects that outlive the build, then move them out of the collector's way.

    ``env-updated`` leaves the process holding the environment, the parsed
    ``.bib`` data and every formatted entry: with thousands of entries,
    hundreds of thousands of objects. The collector is paused while they are
    made (each collection would walk the new ones, only to find them alive:
    the first one after a formatting batch walked them all, 0.3 s for
    tugboat.bib, and promoted them to walk them again), and when the block
    ends they are put in the permanent generation (``gc.freeze()``).

    Only when nothing is frozen yet and the collector is enabled:
    ``gc.unfreeze()`` cannot tell objects apart, so a host application's (or
    the interpreter's: Python 3.12 starts with a few hundred) frozen objects
    are left alone by not freezing at all. :attr:`Lasting.froze` says whether
    it froze, so that :func:`thaw_after_build` undoes exactly this at the end
    of the build and no process-wide state outlives it.
    """
    lasting = Lasting()
    allowed = gc.isenabled() and not gc.get_freeze_count()
    with collector_paused():
        yield lasting
        if allowed:
            gc.freeze()
            lasting.froze = True


def freeze_more(froze: bool) -> None:
    """Freeze again what is alive now, when :func:`lasting_objects` froze for this build.

    The write phase adds long-lived objects of its own (the doctree of a page
    listing thousands of entries, the search index): the publication pages,
    written after the documents, make enough cyclic garbage (docutils nodes
    point to their parents) to set off full collections, each of which would
    walk them all again. :func:`thaw_after_build` unfreezes these too.
    """
    if froze and gc.isenabled():
        gc.freeze()


def thaw_after_build(froze: bool) -> None:
    """Undo :func:`lasting_objects` (when it froze), as the build ends.

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
