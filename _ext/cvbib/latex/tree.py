"""Walking pylatexenc's parse tree: a node's children, in every kind of node."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

__all__ = ["children"]


def children(node: Any) -> Iterator[Sequence[Any]]:
    nodelist = getattr(node, "nodelist", None)
    if nodelist:
        yield nodelist
    argd = getattr(node, "nodeargd", None)
    if argd is not None:
        yield [arg for arg in (getattr(argd, "argnlist", None) or []) if arg is not None]
