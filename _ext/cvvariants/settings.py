"""The CV's variants as frozen values: declared in ``conf.py``, read here once.

An owner keeps one source and several CVs: the full one, a one-page one for a
grant, a "selected publications" one. Each is a *variant*, declared once in
``conf.py``::

    cv_variants = {
        "default": {"title": "Full CV", "pages": 3},
        "short": {"title": "One-page CV", "exclude": ["full"], "pages": 1},
    }

and built with ``make latexpdf VARIANT=short`` (``-D cv_variant=short``). A
variant says

``title``
    how readers see it named (the web page's Download menu, the PDF's subject);
``include`` / ``exclude``
    which tagged content it keeps (:mod:`cvvariants.tags`: content without a tag
    is in every variant, as in RenderCV's tag filtering);
``publications``
    which list the ``{bibliography}`` directives marked ``:selected:`` show:
    ``"selected"`` (as written), ``"all"`` (every entry, grouped by year: the
    sections' ``{only} cv_pdf_all_publications`` blocks), or another keyword,
    such as ``"short"``, that the ``keywords`` of the chosen entries hold;
``pages``
    its page budget: a PDF over it makes the build warn with the page count;
``suffix``
    what its files' names add to ``<owner>-cv``: ``-short`` unless given.

The variant named ``default`` is the CV that ``make latexpdf`` builds without
``VARIANT``, the web page's content: it may set ``title``, ``pages`` and
``publications`` (which otherwise follows ``cv_pdf_publications``), but keeps
every tagged part and writes the names the CV always had.

Validation never stops a build over a typo in ``conf.py``: a bad field is
warned about (``cvvariants.config``) and replaced by its default, a variant
with a bad name is left out. Only asking to *build* a variant that does not
exist stops the build (:func:`active_variant`), since building another one
instead would write a wrong file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final

__all__ = [
    "DEFAULT",
    "PUBLICATION_LISTS",
    "Variant",
    "VariantProblem",
    "parse_variants",
    "tag_class",
]

#: The name of the CV built without ``VARIANT``.
DEFAULT: Final = "default"
#: What ``publications`` may say besides a keyword.
PUBLICATION_LISTS: Final = ("selected", "all")
#: A variant's name, a tag, or a keyword: lower-case letters, digits, ``-`` and ``_``.
NAME_RE: Final = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
#: A file name suffix: what a file name may safely hold on every system.
SUFFIX_RE: Final = re.compile(r"^[A-Za-z0-9._-]*$")
#: The docutils class of a tag (``{.cv-tag-short}`` in MyST, ``:tags: short`` on an entry).
TAG_PREFIX: Final = "cv-tag-"

_FIELDS: Final = ("title", "include", "exclude", "publications", "pages", "suffix")
#: What the default variant may not set: it is the whole CV, under its usual name.
_NOT_FOR_DEFAULT: Final = ("include", "exclude", "suffix")


def tag_class(tag: str) -> str:
    """The docutils class that carries *tag*."""
    return TAG_PREFIX + tag


@dataclass(frozen=True)
class Variant:
    """One CV made from the common source."""

    name: str
    title: str
    include: frozenset[str] = field(default_factory=frozenset)
    exclude: frozenset[str] = field(default_factory=frozenset)
    publications: str = "selected"
    pages: int | None = None
    suffix: str = ""

    @property
    def is_default(self) -> bool:
        return self.name == DEFAULT

    @property
    def filters(self) -> bool:
        """Whether this variant leaves any tagged content out."""
        return bool(self.include or self.exclude)

    def keeps(self, tags: frozenset[str]) -> bool:
        """Whether content carrying *tags* is in this variant.

        Untagged content is in every variant; an excluded tag leaves content out;
        with ``include``, tagged content stays only if one of its tags is included.
        """
        if not tags:
            return True
        if tags & self.exclude:
            return False
        return not self.include or bool(tags & self.include)

    @property
    def tag(self) -> str:
        """The Sphinx tag set while this variant is built (``{only} cv_variant_short``)."""
        return "cv_variant_" + self.name.replace("-", "_")


@dataclass(frozen=True)
class VariantProblem:
    """A mistake in ``cv_variants``: what is wrong, and what was done instead."""

    message: str


def _title_default(name: str) -> str:
    return "Curriculum Vitae" if name == DEFAULT else f"{name.replace('-', ' ').capitalize()} CV"


def _tags(value: Any) -> frozenset[str] | str:
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        return "must be a list of tags such as ['full']"
    bad = [tag for tag in value if not (isinstance(tag, str) and NAME_RE.match(tag))]
    if bad:
        return f"holds {bad[0]!r}, which is not a tag (lower-case letters, digits, '-', '_')"
    return frozenset(value)


def _title(value: Any) -> str:
    if not (isinstance(value, str) and value.strip()):
        return ""
    return value.strip()


def _check_title(value: Any) -> str | None:
    return None if _title(value) else "must be a non-empty string such as 'One-page CV'"


def _check_tags(value: Any) -> str | None:
    found = _tags(value)
    return found if isinstance(found, str) else None


def _check_publications(value: Any) -> str | None:
    if isinstance(value, str) and (value in PUBLICATION_LISTS or NAME_RE.match(value)):
        return None
    return "must be 'selected', 'all' or a keyword of the chosen entries, such as 'short'"


def _check_pages(value: Any) -> str | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        return None
    return "must be a number of pages (1 or more), or None for no budget"


def _check_suffix(value: Any) -> str | None:
    if isinstance(value, str) and SUFFIX_RE.match(value) and value not in (".", ".."):
        return None
    return "must be a file name suffix of letters, digits, '.', '-' or '_', such as '-short'"


_CHECKS: Final[Mapping[str, Callable[[Any], str | None]]] = {
    "title": _check_title,
    "include": _check_tags,
    "exclude": _check_tags,
    "publications": _check_publications,
    "pages": _check_pages,
    "suffix": _check_suffix,
}


def _one_variant(
    name: str, given: Mapping[str, Any], publications: str, problems: list[VariantProblem]
) -> Variant:
    values: dict[str, Any] = {
        "title": _title_default(name),
        "publications": publications if name == DEFAULT else "selected",
        "suffix": "" if name == DEFAULT else f"-{name}",
    }
    for key, value in given.items():
        where = f"cv_variants[{name!r}][{key!r}]"
        if key not in _FIELDS:
            problems.append(
                VariantProblem(
                    f"{where} is not a field of a variant ({', '.join(_FIELDS)}): it is ignored"
                )
            )
            continue
        if name == DEFAULT and key in _NOT_FOR_DEFAULT:
            problems.append(
                VariantProblem(
                    f"{where}: the default variant is the whole CV under its usual file "
                    "name, so it has no include, exclude or suffix; it is ignored: declare "
                    "another variant for a CV that leaves content out"
                )
            )
            continue
        problem = _CHECKS[key](value)
        if problem is not None:
            problems.append(VariantProblem(f"{where} = {value!r} {problem}; it is ignored"))
            continue
        if key in ("include", "exclude"):
            values[key] = _tags(value)
        elif key == "title":
            values[key] = _title(value)
        else:
            values[key] = value
    return Variant(name=name, **values)


def parse_variants(
    raw: Any, pdf_publications: str = "selected"
) -> tuple[dict[str, Variant], list[VariantProblem]]:
    """The variants ``cv_variants`` declares, the default first, and what was wrong with it.

    *pdf_publications* is ``cv_pdf_publications``: the default variant's list
    unless it says otherwise. The default variant is always there, declared or not.
    """
    problems: list[VariantProblem] = []
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        problems.append(
            VariantProblem(
                f"cv_variants = {raw!r} must be a dict such as "
                "{'short': {'title': 'One-page CV', 'exclude': ['full'], 'pages': 1}}; "
                "only the default CV is built"
            )
        )
        raw = {}
    default_publications = pdf_publications if pdf_publications in PUBLICATION_LISTS else "selected"
    declared: dict[str, Variant] = {}
    for name, given in raw.items():
        if not (isinstance(name, str) and NAME_RE.match(name)):
            problems.append(
                VariantProblem(
                    f"cv_variants: {name!r} is not a variant name (lower-case letters, digits, "
                    "'-', '_', such as 'short'): this variant is left out"
                )
            )
            continue
        if not isinstance(given, Mapping):
            problems.append(
                VariantProblem(
                    f"cv_variants[{name!r}] = {given!r} must be a dict of its fields "
                    f"({', '.join(_FIELDS)}): this variant is left out"
                )
            )
            continue
        declared[name] = _one_variant(name, given, default_publications, problems)
    variants = {
        DEFAULT: declared.pop(DEFAULT, None)
        or _one_variant(DEFAULT, {}, default_publications, problems)
    }
    for name, variant in declared.items():
        clash = next((v for v in variants.values() if v.suffix == variant.suffix), None)
        if clash is not None:
            fallback = f"-{name}"
            problems.append(
                VariantProblem(
                    f"cv_variants[{name!r}]['suffix'] = {variant.suffix!r} gives the same file "
                    f"names as the variant {clash.name!r}; {fallback!r} is used instead"
                )
            )
            variant = replace(variant, suffix=fallback)
        variants[name] = variant
    return variants, problems
