"""TODO."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Sequence
from contextlib import suppress
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING

from pybtex.database import Entry

from .batch import formatting_batch
from .cache import (
    Formatted,
)

if TYPE_CHECKING:
    from .marked import MarkedStyle

#: Below this many entries to format, helper processes cost more than they save.
PARALLEL_MIN_ENTRIES = 1000


#: This process's share of the work relative to a helper's (see :func:`deal`).
PARENT_WEIGHT = 1.1


#: More helpers than this gain little: the results all come back through this process.
MAX_JOBS = 4


def _format_share(style: MarkedStyle, jobs: Sequence[tuple[str, Entry]]) -> list[Formatted]:
    with formatting_batch():
        return [style.format(label, entry) for label, entry in jobs]


def send_share(sender: Connection, style: MarkedStyle, jobs: Sequence[tuple[str, Entry]]) -> None:
    """The body of a helper process: format *jobs* and send them back.

    A failure sends nothing and prints nothing: the parent then formats this
    share itself, and reports the error there if it happens again.
    """
    with suppress(Exception):
        sender.send(_format_share(style, jobs))
    sender.close()


def format_jobs(count: int, minimum: int = PARALLEL_MIN_ENTRIES) -> int:
    """How many processes should format *count* entries (1: this one alone).

    Several only for a batch large enough to repay starting a process and
    sending the results back (a cold build of a long bibliography: at least
    *minimum* items), and only where forking is safe (:func:`_can_fork`);
    forked helpers inherit the style and the entries, so nothing but results
    is pickled. ``CVBIB_JOBS`` in the environment sets the number;
    ``CVBIB_JOBS=1`` turns helpers off. The publication pages share the rule
    (:mod:`cvbib.render.pagewriter`), with their own *minimum*.
    """
    wanted = os.environ.get("CVBIB_JOBS", "").strip()
    if wanted.isdigit():
        limit = max(1, int(wanted))
    else:
        if count < minimum:
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
            target=send_share, args=(sender, style, [jobs[i] for i in share]), daemon=True
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
