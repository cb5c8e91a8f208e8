"""The entries of every document, kept in the build environment.

A Sphinx domain only for its storage: its data is pickled with the
environment, forgotten for a document that is read again (``clear_doc``) and
merged from parallel readers (``merge_domaindata``), so the exports and the
students' marks see every entry of the site after an incremental build too.
It defines no directives or roles of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from typing import Any, ClassVar

from sphinx.domains import Domain

from .model import CvEntry

__all__ = ["EntriesDomain"]


class EntriesDomain(Domain):
    name = "cventries"
    label = "CV entries"
    initial_data: ClassVar[dict[str, Any]] = {"entries": {}}

    @property
    def by_doc(self) -> dict[str, list[CvEntry]]:
        return self.data.setdefault("entries", {})

    def set_entries(self, docname: str, entries: list[CvEntry]) -> None:
        if entries:
            self.by_doc[docname] = entries
        else:
            self.by_doc.pop(docname, None)

    def entries(self, order: Iterable[str] | None = None) -> list[CvEntry]:
        """Every entry: the documents in *order* first (the root), then the others by name."""
        names = list(order or [])
        names += sorted(d for d in self.by_doc if d not in names)
        return [entry for name in names for entry in self.by_doc.get(name, [])]

    def clear_doc(self, docname: str) -> None:
        self.by_doc.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, entries in otherdata.get("entries", {}).items():
            if docname in docnames:
                self.by_doc[docname] = entries

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []
