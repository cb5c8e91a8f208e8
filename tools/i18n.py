"""The CV's translations: the engine's message catalogs, and how much is translated.

Two kinds of catalog, both gettext ``.po`` files:

- **The CV's own text** (sections, headings, entries' facts): Sphinx's i18n.
  ``make i18n-update LANGUAGE=zh_CN`` extracts it (``sphinx-build -b
  gettext``) and merges it into ``locales/zh_CN/LC_MESSAGES/cv.po``
  (``sphinx-intl update``), which the owner translates.
- **The engine's words** (labels that cvbib, cventries and cvweb write): one
  catalog shipped in each extension, ``_ext/<ext>/locale/<lang>/LC_MESSAGES/
  <ext>.po``. ``python tools/i18n.py extract`` finds every message marked
  with ``_()`` or ``N_()`` in the extension's code (Babel's extractor) and
  merges it into the template and into every language's catalog, keeping
  what is translated. A project may translate a label of its own (a role in
  ``cv_roles``) in ``locales/<lang>/LC_MESSAGES/cvbib.po``.

``python tools/i18n.py status`` (``make i18n-status``) prints, per language,
how many of these messages have no translation: a missing translation is
shown in the source language, so a build never fails for one, and this is
where it shows. A message translated as itself (a name, "PDF") counts as
translated; a fuzzy one does not (Sphinx and ``msgfmt`` leave it out).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
EXT = REPO / "_ext"
#: Each engine catalog and the code its messages are taken from.
ENGINE_CATALOGS: dict[str, tuple[str, ...]] = {
    "cvbib": ("cvbib",),
    "cventries": ("cventries",),
    "cvweb": ("cvweb", "cvsite.py", "cvvariants", "cvdocx", "cvtext.py"),
}
KEYWORDS = {"_": None, "N_": None}
#: The marker of a note to translators in the code (``# Translators: ...``).
COMMENT_TAGS = ("Translators:",)


def engine_sources(name: str, ext: Path = EXT) -> list[Path]:
    """The Python files whose messages make up the engine catalog *name*."""
    files: list[Path] = []
    for part in ENGINE_CATALOGS[name]:
        path = ext / part
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [f for f in files if "__pycache__" not in f.parts]


def extract(name: str, ext: Path = EXT) -> Catalog:
    """The template (``.pot``) of the engine catalog *name*, from its code."""
    template = Catalog(
        project="academic-cv",
        version="1.0",
        copyright_holder="academic-cv",
        header_comment=(
            f"# The words of the CV engine's extension {name}, to translate.\n"
            "# Made from the code by: python tools/i18n.py extract"
        ),
        fuzzy=False,
    )
    for path in engine_sources(name, ext):
        relative = path.relative_to(ext).as_posix()
        found = extract_from_file("python", str(path), keywords=KEYWORDS, comment_tags=COMMENT_TAGS)
        for lineno, message, comments, _context in found:
            template.add(message, None, [(relative, lineno)], auto_comments=comments)
    return template


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=False, ignore_obsolete=True)


def update_engine(ext: Path = EXT) -> list[Path]:
    """Write each engine catalog's template and merge it into its languages' catalogs."""
    written = []
    for name in ENGINE_CATALOGS:
        locale_dir = ext / (name if name != "cvweb" else "cvweb") / "locale"
        template = extract(name, ext)
        pot = locale_dir / f"{name}.pot"
        if pot.is_file():  # keep the date, so an unchanged template is unchanged on disk
            template.creation_date = _read(pot).creation_date
        _write(pot, template)
        written.append(pot)
        for po_path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{name}.po")):
            catalog = _read(po_path, po_path.parent.parent.name)
            catalog.update(template, update_header_comment=False, no_fuzzy_matching=True)
            _write(po_path, catalog)
            written.append(po_path)
    return written


@dataclass(frozen=True)
class Coverage:
    """How much of one catalog is translated."""

    path: Path
    total: int
    untranslated: tuple[str, ...]

    @property
    def share(self) -> float:
        """The share of messages without a translation (0.0 to 1.0)."""
        return len(self.untranslated) / self.total if self.total else 0.0


def coverage(po_path: Path, msgids: Iterable[str]) -> Coverage:
    """Which of *msgids* (the template's messages) *po_path* leaves untranslated."""
    catalog = _read(po_path) if po_path.is_file() else Catalog()
    wanted = [m for m in dict.fromkeys(msgids) if m]
    missing = []
    for msgid in wanted:
        message = catalog.get(msgid)
        if message is None or message.fuzzy or not _translated(message.string):
            missing.append(msgid)
    return Coverage(po_path, len(wanted), tuple(missing))


def _translated(string: object) -> bool:
    if isinstance(string, tuple | list):
        return all(bool(s) for s in string)
    return bool(string)


def _msgids(catalog: Catalog) -> list[str]:
    return [str(m.id) for m in catalog if m.id]


def languages(root: Path = REPO, ext: Path = EXT) -> list[str]:
    """Every language with a catalog: the CV's ``locales/`` and the engine's."""
    found = {p.parent.parent.name for p in (root / "locales").glob("*/LC_MESSAGES/*.po")}
    for name in ENGINE_CATALOGS:
        found |= {p.parent.parent.name for p in (ext / name / "locale").glob("*/LC_MESSAGES/*.po")}
    return sorted(found)


def status(
    root: Path = REPO, gettext_dir: Path | None = None, wanted: list[str] | None = None
) -> Iterator[tuple[str, str, Coverage]]:
    """(language, catalog, coverage) for the CV's own catalogs and the engine's.

    The CV's messages come from the templates in *gettext_dir* (``sphinx-build
    -b gettext``'s output); the engine's from its code, so a message added to
    the code and not yet to a catalog counts as untranslated.
    """
    ext = root / "_ext" if (root / "_ext").is_dir() else EXT
    templates = sorted(gettext_dir.glob("*.pot")) if gettext_dir else []
    for language in wanted or languages(root, ext):
        for pot in templates:
            if pot.stem == "sphinx":  # the theme's words: Sphinx's own catalogs
                continue
            po_path = root / "locales" / language / "LC_MESSAGES" / f"{pot.stem}.po"
            yield language, pot.stem, coverage(po_path, _msgids(_read(pot)))
        for name in ENGINE_CATALOGS:
            po_path = ext / name / "locale" / language / "LC_MESSAGES" / f"{name}.po"
            yield language, name, coverage(po_path, _msgids(extract(name, ext)))


def report(rows: Iterable[tuple[str, str, Coverage]], root: Path = REPO) -> str:
    lines = []
    by_language: dict[str, list[tuple[str, Coverage]]] = {}
    for language, name, result in rows:
        by_language.setdefault(language, []).append((name, result))
    for language, results in by_language.items():
        total = sum(r.total for _n, r in results)
        missing = sum(len(r.untranslated) for _n, r in results)
        share = missing / total if total else 0.0
        lines.append(
            f"{language}: {missing} of {total} strings untranslated ({share:.0%}); "
            "they are shown in the source language"
        )
        for name, result in results:
            path = result.path
            where = path.relative_to(root) if path.is_relative_to(root) else path
            lines.append(
                f"  {name:<10} {len(result.untranslated):>4} of {result.total:<4} "
                f"untranslated ({result.share:.0%})  {where}"
            )
            for msgid in result.untranslated[:5]:
                shown = msgid if len(msgid) <= 70 else msgid[:67] + "..."
                lines.append(f"      {shown!r}")
            if len(result.untranslated) > 5:
                lines.append(f"      ... and {len(result.untranslated) - 5} more")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help="the engine's messages into its .pot and .po files")
    show = commands.add_parser("status", help="how much of each language is untranslated")
    show.add_argument("--gettext", type=Path, help="sphinx-build -b gettext's output folder")
    show.add_argument("--root", type=Path, default=REPO, help="the CV's folder")
    show.add_argument("languages", nargs="*", help="only these languages")
    args = parser.parse_args(argv)
    if args.command == "extract":
        for path in update_engine():
            print(path.relative_to(REPO))
        return 0
    print(report(status(args.root, args.gettext, args.languages or None), args.root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
