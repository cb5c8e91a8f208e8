"""The words the CV's extensions write, in the CV's language: message catalogs.

Every label a reader sees (cvbib's "and 12 more" and "Preprint", cventries'
"Advisor", cvweb's language switch) goes through Sphinx's own mechanism, as
Sphinx's bundled extensions do: ``sphinx.locale.get_translation(<catalog>)``
gives the ``_`` of one extension, and the catalog is registered for the
build's ``language``. This module holds what the three extensions share:

- :data:`_`, cvbib's own translation function, and :func:`N_`, the marker of
  a message that is translated where it is shown rather than where it is
  written (a constant at module level: translating it at import would fix
  the language of the first build of the process);
- :func:`register_catalog`, which compiles an extension's shipped
  ``locale/<lang>/LC_MESSAGES/<catalog>.po`` with Babel into the build's
  doctree folder (never into the source tree, and no binary ``.mo`` kept in
  git that could drift from its ``.po``) and registers it, after the
  project's own ``locales/<lang>/LC_MESSAGES/<catalog>.po`` when there is
  one: an owner translates a label of their own (a role in ``cv_roles``)
  or words the engine's catalog says otherwise, as Sphinx lets a project
  override ``sphinx.po``;
- :func:`translation_fingerprint`, a digest of the messages in effect, which
  is part of the key of every cached formatted entry (its role and status
  labels are translated when it is formatted);
- the build's documents are read again when a catalog changes
  (``env-get-outdated``), as Sphinx does for the documents' own catalogs.

A message missing from a catalog is shown as written: the source text is the
fallback, never an empty label. Sphinx keeps one translator per catalog for
the whole process; each registration replaces it, so that a build in another
language in the same process (tests, ``sphinx-autobuild``) never sees the
previous build's words.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sphinx import locale as sphinx_locale
from sphinx.locale import get_translation

__all__ = [
    "CATALOG",
    "LOCALE_DIR",
    "N_",
    "_",
    "compile_po",
    "month_and_year",
    "number",
    "register_catalog",
    "translation_fingerprint",
    "translator",
]

#: cvbib's catalog: ``_ext/cvbib/locale/<lang>/LC_MESSAGES/cvbib.po``.
CATALOG = "cvbib"
LOCALE_DIR = Path(__file__).parent / "locale"
#: Where the compiled catalogs go, inside the build's doctree folder.
COMPILED_DIR = "cv-locale"


def translator(catalog: str) -> Callable[[str], str]:
    """The ``_`` of an extension's *catalog*: Sphinx's ``get_translation``, always a ``str``.

    Sphinx's function answers a lazy proxy before the catalog is registered
    (a style used on its own, a test without an application); pybtex's rich
    text and docutils want strings, and an unregistered catalog means "as
    written" anyway.
    """
    gettext = get_translation(catalog)

    def translate(message: str) -> str:
        return str(gettext(message))

    return translate


_ = translator(CATALOG)


def N_(message: str) -> str:
    """Mark *message* for the catalog; it is translated with ``_`` where it is shown."""
    return message


def compile_po(po_path: Path, mo_path: Path) -> bool:
    """Compile *po_path* into *mo_path* unless it is up to date; whether it wrote.

    Written to a temporary file and moved into place, so that two builds of
    the same project (HTML and PDF side by side) never read half a file.
    Fuzzy messages are left out, as ``msgfmt`` leaves them out.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    if mo_path.is_file() and mo_path.stat().st_mtime_ns >= po_path.stat().st_mtime_ns:
        return False
    with po_path.open("rb") as source:
        catalog = read_po(source)
    mo_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=mo_path.parent, suffix=".mo.tmp")
    try:
        with os.fdopen(handle, "wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
        os.replace(temporary, mo_path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return True


def _compiled(source_dir: Path, catalog: str, target_dir: Path) -> Path | None:
    """Compile every language's ``<catalog>.po`` under *source_dir* into *target_dir*."""
    found = False
    for po_path in sorted(source_dir.glob(f"*/LC_MESSAGES/{catalog}.po")):
        language = po_path.parent.parent.name
        compile_po(po_path, target_dir / language / "LC_MESSAGES" / f"{catalog}.mo")
        found = True
    return target_dir if found else None


def project_locale_dirs(app: Any) -> list[Path]:
    """The project's own ``locale_dirs`` (``locales/``), as folders that exist."""
    srcdir = Path(app.srcdir)
    return [srcdir / name for name in app.config.locale_dirs if (srcdir / name).is_dir()]


def register_catalog(app: Any, catalog: str, shipped: Path) -> None:
    """Register an extension's catalog for this build's language (see the module docstring)."""
    compiled_root = Path(app.doctreedir) / COMPILED_DIR
    dirs: list[Path] = []
    for index, project_dir in enumerate(project_locale_dirs(app)):
        found = _compiled(project_dir, catalog, compiled_root / f"project-{index}")
        if found is not None:
            dirs.append(found)
    found = _compiled(shipped, catalog, compiled_root / "shipped")
    if found is not None:
        dirs.append(found)
    # Sphinx merges a new registration into the process's translator: start afresh.
    sphinx_locale.translators.pop(("general", catalog), None)
    sphinx_locale.init([str(d) for d in dirs], app.config.language, catalog)
    registered = getattr(app.registry, "_cv_catalogs", None)
    if registered is None:
        registered = app.registry._cv_catalogs = {}
        app.connect("env-get-outdated", _read_again_when_catalogs_change)
    registered[catalog] = tuple(dirs)


def _mo_files(dirs: Iterable[Path], catalog: str, language: str | None) -> list[Path]:
    if not language:
        return []
    names = {language, language.split("_")[0]}
    return sorted(
        path
        for folder in dirs
        for name in names
        if (path := folder / name / "LC_MESSAGES" / f"{catalog}.mo").is_file()
    )


def _catalogs_digest(app: Any) -> str:
    digest = hashlib.blake2b(digest_size=12)
    for catalog, dirs in sorted(getattr(app.registry, "_cv_catalogs", {}).items()):
        digest.update(catalog.encode())
        for path in _mo_files(dirs, catalog, app.config.language):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _read_again_when_catalogs_change(
    app: Any, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Every document again when an extension's catalog changed since the last build."""
    current = _catalogs_digest(app)
    previous = getattr(env, "_cv_catalogs_digest", None)
    env._cv_catalogs_digest = current
    if previous is None or previous == current:
        return []
    return sorted(env.found_docs - added - changed - removed)


def translation_fingerprint(catalog: str = CATALOG) -> str:
    """A digest of the messages *catalog* translates in this process right now.

    Empty when nothing is translated (English, or no catalog for the
    language), so that an English build's cache keys stay what they were.
    """
    translator = sphinx_locale.translators.get(("general", catalog))
    messages: dict[Any, Any] = {}
    while translator is not None:
        for key, value in getattr(translator, "_catalog", {}).items():
            messages.setdefault(key, value)
        translator = getattr(translator, "_fallback", None)
    messages.pop("", None)  # the header: its dates change on every edit
    if not messages:
        return ""
    text = "\x1e".join(f"{k}\x1f{v}" for k, v in sorted(messages.items(), key=repr))
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def _catalog_language(catalog: str) -> str:
    """The language of the catalog in effect (its ``Language`` header), or ``""``."""
    translator = sphinx_locale.translators.get(("general", catalog))
    return str(translator.info().get("language", "")) if translator is not None else ""


def month_and_year(month: int, year: int, catalog: str = CATALOG) -> str:
    """A month and year in the build's language ("2023年3月", "März 2023"), or ``""``.

    ``""`` when no catalog is in effect: the caller keeps its English words,
    so the source language's output is what it was.
    """
    language = _catalog_language(catalog)
    if not language or not 1 <= month <= 12:
        return ""
    import datetime

    from babel import Locale, UnknownLocaleError
    from babel.dates import format_skeleton

    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return ""
    return str(format_skeleton("yMMMM", datetime.date(year, month, 1), locale=locale))


def number(value: int, catalog: str = CATALOG) -> str:
    """*value* as the build's language writes numbers: "2,894", "2.894" (German).

    The language is the one of the catalog in effect (its ``Language``
    header), so a style or a transform needs no application to ask.
    """
    language = _catalog_language(catalog)
    if not language:
        return f"{value:,}"
    from babel import Locale, UnknownLocaleError
    from babel.numbers import format_decimal

    try:
        return str(format_decimal(value, locale=Locale.parse(language.replace("-", "_"))))
    except (ValueError, UnknownLocaleError):
        return f"{value:,}"
