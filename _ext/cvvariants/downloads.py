"""The web page's "Download" menu: every variant's PDF, Word file and plain text.

The files are made before the web page by ``make downloads`` (and by Read the
Docs' ``build.jobs``), both through ``tools/downloads.py``, which builds each
variant's PDF, ``.docx`` and ``.txt`` into ``cv_downloads_dir``
(``_build/downloads/``) and writes ``manifest.json`` beside them: which file is
which variant's, in which format, with how many pages. The HTML build reads
that manifest, offers what it lists under a "Download" disclosure after the
site navigation (``{cv-nav}``), and copies the files to ``downloads/`` in its
output. A plain ``make html`` without them shows no menu rather than links to
files that are not there.

The manifest is read as untrusted input: an entry is offered only if its file
is one this CV's variants would write (its name is a declared variant's, with
the extension of its format) and is in the folder; anything else is ignored,
so nothing outside the folder can be published through it. When the set of
files or their page counts change, the pages are written again.

The menu is a ``<details>`` element: closed by default, usable from the
keyboard and without JavaScript, hidden in print; each link says which CV and
which format it is, and its page count for a PDF.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from cvbib.i18n import N_, translator

from .config import declared_variants, downloads_dir, output_name

#: The menu's words: cvweb's catalog (the site's own words).
_ = translator("cvweb")

__all__ = ["FORMATS", "Download", "read_manifest", "setup_downloads"]

logger = logging.getLogger(__name__)

#: format -> (extension, label, media type), in the order the menu lists them.
FORMATS: dict[str, tuple[str, str, str]] = {
    "pdf": (".pdf", "PDF", "application/pdf"),
    "docx": (
        ".docx",
        N_("Word"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "txt": (".txt", N_("Plain text"), "text/plain"),
}
MANIFEST = "manifest.json"
#: The folder of the HTML output the files are copied to.
OUTPUT_DIR = "downloads"


@dataclass(frozen=True)
class Download:
    """One file the web page offers."""

    variant: str
    title: str
    format: str
    file: str
    pages: int | None = None


def _warn(message: str) -> None:
    logger.warning(message, type="cvvariants", subtype="downloads")


def read_manifest(app: Sphinx) -> list[Download]:
    """The files of ``manifest.json`` that are this CV's and exist, in the menu's order."""
    folder = downloads_dir(app)
    path = folder / MANIFEST
    if not path.is_file():
        return []
    try:
        listed = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError) as exc:
        _warn(f"{path}: not readable as JSON ({exc}): no downloads are offered; run make downloads")
        return []
    variants = declared_variants(app.config)
    expected = {
        (name, fmt): output_name(app.config, variant) + FORMATS[fmt][0]
        for name, variant in variants.items()
        for fmt in FORMATS
    }
    found: dict[tuple[str, str], Download] = {}
    for item in listed if isinstance(listed, list) else []:
        if not isinstance(item, dict):
            continue
        key = (item.get("variant"), item.get("format"))
        name = expected.get(key)  # type: ignore[arg-type]
        if name is None or item.get("file") != name or not (folder / name).is_file():
            continue
        pages = item.get("pages")
        variant = variants[str(key[0])]
        found[key] = Download(  # type: ignore[index]
            variant=variant.name,
            title=variant.title,
            format=str(key[1]),
            file=name,
            pages=pages if isinstance(pages, int) and not isinstance(pages, bool) else None,
        )
    return [found[(v, f)] for v in variants for f in FORMATS if (v, f) in found]


class cv_downloads(nodes.General, nodes.Element):
    """The Download menu (HTML only); its ``downloads`` attribute lists the files."""


def _digest(downloads: list[Download]) -> str:
    text = json.dumps([asdict(d) for d in downloads], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def remember_downloads(app: Sphinx) -> None:
    """Read the manifest once per HTML build; keep the result for this build."""
    downloads = read_manifest(app) if app.builder.format == "html" else []
    app.env.cvvariants_downloads = downloads  # type: ignore[attr-defined]


def outdated_pages(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Every page, when the files offered changed since the last build (the menu is on them)."""
    downloads = getattr(env, "cvvariants_downloads", [])
    digest = _digest(downloads)
    before = getattr(env, "cvvariants_downloads_digest", None)
    env.cvvariants_downloads_digest = digest  # type: ignore[attr-defined]
    if before is None or before == digest:
        return []
    return sorted(env.found_docs - added - changed - removed)


class DownloadsTransform(SphinxPostTransform):
    """Put the menu after each site navigation (``{cv-nav}``) of the web page.

    A CV page without the navigation gets the menu under its name (the first
    heading), so that a fork whose ``index.md`` dropped ``{cv-nav}`` still
    offers its files.
    """

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        downloads = getattr(self.env, "cvvariants_downloads", [])
        if not downloads:
            return
        places = [n for n in self.document.findall(nodes.Element) if type(n).__name__ == "cv_nav"]
        if not places and self.env.docname == self.config.root_doc:
            title = next(self.document.findall(nodes.title), None)
            places = [title] if title is not None else []
        for place in places:
            parent = place.parent
            parent.insert(parent.index(place) + 1, cv_downloads(downloads=list(downloads)))


def _size_label(download: Download) -> str:
    if download.format == "pdf" and download.pages:
        words = _(" ({count} page)") if download.pages == 1 else _(" ({count} pages)")
        return words.format(count=download.pages)
    return ""


def visit_downloads_html(self: Any, node: cv_downloads) -> None:
    root = "../" * self.builder.current_docname.count("/")
    rows: dict[str, list[Download]] = {}
    for download in node["downloads"]:
        rows.setdefault(download.variant, []).append(download)
    summary = self.encode(_("Download"))
    body = ['<details class="cv-downloads">', f"<summary>{summary}</summary>", "<ul>"]
    for files in rows.values():
        title = self.encode(files[0].title)
        links = []
        for download in files:
            label = _(FORMATS[download.format][1]) + _size_label(download)
            href = self.encode(f"{root}{OUTPUT_DIR}/{download.file}")
            kind = FORMATS[download.format][2]
            links.append(
                f'<a href="{href}" download type="{kind}" '
                f'aria-label="{title}: {self.encode(label)}">{self.encode(label)}</a>'
            )
        body.append(
            f'<li><span class="cv-downloads-title">{title}</span> ' + " ".join(links) + "</li>"
        )
    body += ["</ul>", "</details>\n"]
    self.body.append("\n".join(body))
    raise nodes.SkipNode


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def copy_downloads(app: Sphinx, exception: BaseException | None) -> None:
    """Copy the offered files into the HTML output's ``downloads/`` folder."""
    if exception is not None or app.builder.format != "html":
        return
    downloads = getattr(app.env, "cvvariants_downloads", [])
    target = Path(app.outdir) / OUTPUT_DIR
    if target.is_dir():
        offered = {d.file for d in downloads}
        for stale in target.iterdir():
            if stale.is_file() and stale.name not in offered:
                stale.unlink()
    if not downloads:
        return
    target.mkdir(exist_ok=True)
    source = downloads_dir(app)
    for download in downloads:
        shutil.copyfile(source / download.file, target / download.file)


def setup_downloads(app: Sphinx) -> None:
    app.add_node(
        cv_downloads,
        html=(visit_downloads_html, None),
        latex=(_skip, None),
        text=(_skip, None),
        man=(_skip, None),
        texinfo=(_skip, None),
    )
    app.add_post_transform(DownloadsTransform)
    app.connect("builder-inited", remember_downloads)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("build-finished", copy_downloads)
