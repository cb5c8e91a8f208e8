"""Which files a link field may publish: one allowlist of folder, names and types.

A ``pdf``/``slides``/``poster``/``supp`` field that names a file rather than a
URL asks the build to copy that file onto the public site. The ``.bib`` file is
data (exported by a tool, pasted from a coauthor, changed in a pull request),
so the file it names is checked against what the owner allowed rather than
against a list of known secrets. A file is published only when

* it lies in the folder the owner set aside for published files
  (``cv_files_dir``: ``files/`` next to the ``.bib`` file by default), both as
  written and once every symbolic link is resolved, and inside the project;
* no part of its path is hidden (``.git``, ``.env``, ``.hidden.pdf``) or a
  build or tool folder (``_build``, ``node_modules``, a virtual environment),
  and it is not in the build's own output;
* it is a regular file whose name ends in a document or media type of
  :data:`SHIPPED_SUFFIXES`.

Anything else is refused with the reason and what to do. This module only
reads the file system: it imports nothing of cvbib or Sphinx, so the rule is
tested on its own and :mod:`cvbib.config` can check ``cv_files_dir`` with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Final

__all__ = [
    "SHIPPED_SUFFIXES",
    "TOOL_DIRS",
    "Refused",
    "Shippable",
    "check_file",
    "has_allowed_suffix",
    "looks_like_path",
    "not_inside",
    "refusal_message",
]


#: What may be published, by the end of the file name (lower case): documents,
#: slides, spreadsheets, images, video, audio and archives. SVG and HTML are
#: left out on purpose: opened from the site, their scripts would run with the
#: site's origin. Source code, configuration and data a build makes are never
#: published, whatever folder they are in.
SHIPPED_SUFFIXES: Final = (
    # documents
    ".pdf",
    ".ps",
    ".djvu",
    ".epub",
    ".doc",
    ".docx",
    ".odt",
    # slides
    ".ppt",
    ".pptx",
    ".pps",
    ".ppsx",
    ".key",
    ".odp",
    # tables
    ".csv",
    ".tsv",
    ".xlsx",
    ".ods",
    # images
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".webp",
    ".avif",
    # video and audio
    ".mp4",
    ".webm",
    ".mov",
    ".m4v",
    ".mp3",
    ".m4a",
    ".ogg",
    ".wav",
    # archives (supplementary material)
    ".zip",
    ".tar.gz",
    ".tgz",
)

#: Folders whose files are never published, wherever they are: what a build,
#: a package manager or version control writes. (Hidden folders, such as
#: ``.git`` and ``.venv``, are refused by their leading dot as well.)
TOOL_DIRS: Final = frozenset(
    {
        "_build",
        "node_modules",
        "__pycache__",
        "site-packages",
        "venv",
        ".venv",
        ".git",
        ".tox",
    }
)

_SCHEME_RE: Final = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_DRIVE_RE: Final = re.compile(r"^[A-Za-z]:[\\/]")


@dataclass(frozen=True)
class Shippable:
    """A file that may be published: where it is, and its path below the files folder."""

    source: Path
    relative: PurePosixPath


@dataclass(frozen=True)
class Refused:
    """A file that is not published: ``missing_file`` or ``unsafe_file``, why, what to do."""

    subtype: str
    problem: str
    advice: str


def looks_like_path(value: str) -> bool:
    """Whether a link field's value is a file name (however unsafe) rather than a URL.

    Values with a scheme (``https:``, ``javascript:``, ``file:``) are URLs; a
    Windows path (``C:\\Users\\...``) is a file name although it starts like one.
    """
    text = value.strip()
    return bool(text) and (_DRIVE_RE.match(text) is not None or _SCHEME_RE.match(text) is None)


def has_allowed_suffix(name: str) -> bool:
    """Whether *name* ends in one of :data:`SHIPPED_SUFFIXES` (case-insensitively)."""
    return name.lower().endswith(SHIPPED_SUFFIXES)


def _hidden_part(parts: Sequence[str]) -> str | None:
    return next((part for part in parts if part.startswith(".")), None)


def _tool_part(parts: Sequence[str]) -> str | None:
    return next((part for part in parts if part in TOOL_DIRS), None)


def _written(value: str) -> PurePosixPath:
    """A field's file name as a path, with Windows' backslashes read as separators."""
    return PurePosixPath(value.strip().replace("\\", "/"))


def _move(value: str, field: str, files_dir: str) -> str:
    """The advice to move a file into the files folder, and how to name it then."""
    name = _written(value).name or "paper.pdf"
    return (
        f"move it into {files_dir}/ next to the .bib file and write "
        f"{field} = {{{files_dir}/{name}}}"
    )


def not_inside(value: str, field: str, files_dir: str) -> Refused:
    """The refusal of a file name that climbs out (``../x.pdf``) or is absolute (``/x.pdf``)."""
    return Refused(
        "unsafe_file",
        f"is not a path inside {files_dir}/, the folder of files published with the site",
        _move(value, field, files_dir),
    )


def refusal_message(field: str, value: str, refused: Refused) -> str:
    """What a warning says of a file that is not published: field, value, why, what to do."""
    left_out = (
        "its link is left out"
        if refused.subtype == "missing_file"
        else "it is neither copied nor linked"
    )
    return f"{field} = {{{value}}} {refused.problem}; {left_out}: {refused.advice}"


def check_file(
    value: str,
    field: str,
    bibdir: Path,
    files_dir: str,
    project: Path,
    outputs: Sequence[Path] = (),
) -> Shippable | Refused:
    """Whether the file named by ``field = {value}`` may be published, and as what.

    *value* is relative to *bibdir* (the ``.bib`` file's folder), as the
    README says; *files_dir* is ``cv_files_dir``, relative to *bibdir* too;
    *project* is the Sphinx source folder; *outputs* are the build's output
    and doctree folders. Every check runs on the path as written and again on
    the file it resolves to, so neither ``..`` nor a symbolic link leads out.
    """
    folder = PurePosixPath(files_dir)
    written = _written(value)
    absolute = written.is_absolute() or _DRIVE_RE.match(value.strip()) is not None
    if absolute or ".." in written.parts or not looks_like_path(value):
        return not_inside(value, field, files_dir)
    hidden = _hidden_part(written.parts)
    if hidden is not None:
        return Refused(
            "unsafe_file",
            f"is or is in the hidden {hidden!r}, which is never published",
            f"publish a copy under a visible name in {folder}/",
        )
    tool = _tool_part(written.parts)
    if tool is not None:
        return Refused(
            "unsafe_file",
            f"is in {tool}/, a build or tool folder that is never published",
            _move(value, field, files_dir),
        )
    inside = written.parts[: len(folder.parts)] == folder.parts
    lexical = bibdir.joinpath(*written.parts)
    if not lexical.exists():
        if inside:
            return Refused("missing_file", "does not exist", "add the file or correct the field")
        return Refused(
            "missing_file",
            "does not exist",
            f"add the file to {folder}/ next to the .bib file and write {field} = "
            f"{{{folder}/{written.name}}}",
        )
    if not inside:
        return Refused(
            "unsafe_file",
            f"is outside {folder}/, the folder of files published with the site",
            _move(value, field, files_dir),
        )
    return _check_resolved(lexical, written, field, (bibdir, folder), project, outputs)


def _check_resolved(
    lexical: Path,
    written: PurePosixPath,
    field: str,
    where: tuple[Path, PurePosixPath],
    project: Path,
    outputs: Sequence[Path],
) -> Shippable | Refused:
    """The checks on the file that a path inside the files folder resolves to."""
    bibdir, folder = where
    resolved = lexical.resolve()
    root = bibdir.joinpath(*folder.parts).resolve()
    project_root = project.resolve()
    copy = f"copy the file itself into {folder}/ instead of linking to it"
    if not resolved.is_relative_to(root):
        return Refused("unsafe_file", f"is a symbolic link that leads out of {folder}/", copy)
    if not resolved.is_relative_to(project_root):
        return Refused("unsafe_file", "leads out of the project through a symbolic link", copy)
    relative = PurePosixPath(resolved.relative_to(root).as_posix())
    hidden = _hidden_part(relative.parts)
    tool = _tool_part(resolved.relative_to(project_root).parts)
    if hidden is not None or tool is not None:
        return Refused(
            "unsafe_file", f"leads to {hidden or tool!r}, which is never published", copy
        )
    if any(resolved.is_relative_to(output.resolve()) for output in outputs):
        return Refused("unsafe_file", "leads into the build's own output", copy)
    if not resolved.is_file():
        return Refused(
            "unsafe_file",
            "is not a regular file (a folder, a device or a pipe)",
            f"name one file: {field} = {{{folder}/paper.pdf}}",
        )
    if not (has_allowed_suffix(written.name) and has_allowed_suffix(resolved.name)):
        return Refused(
            "unsafe_file",
            "is not a document or media file of a type published with the site "
            "(PDF, slides, spreadsheets, images, video, audio, .zip)",
            "publish a PDF or an archive of it instead",
        )
    return Shippable(resolved, relative)
