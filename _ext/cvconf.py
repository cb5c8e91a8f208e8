"""The engine's Sphinx settings, computed from the owner's settings in ``conf.py``.

A fork's ``conf.py`` holds only what its owner decides (``cv_owner``, the paper
size, what is private, ...) and then calls :func:`configure`. Every other
setting (extensions, theme, PDF layout, what Sphinx leaves out) lives here,
in the engine, so that ``make upgrade`` can add or change Sphinx settings
without touching the owner's file. Read the Docs runs ``sphinx-build`` on
``conf.py`` directly; this module needs nothing from the Makefile.

How the two meet (the README's "Upgrading" says the same):

- a setting the owner assigns in ``conf.py`` *before* ``configure(globals())``
  replaces the engine's, except a dictionary, which is merged into the
  engine's (the owner's keys win): ``latex_elements = {"pointsize": "11pt"}``
  changes the point size and keeps the rest of the PDF's layout;
- *after* it, ``conf.py`` may adjust the engine's values in place:
  ``html_css_files.append("mine.css")``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, MutableMapping
from typing import Any

from slugify import slugify

#: The owner's settings the engine reads, with the value it assumes when one is missing.
OWNER_DEFAULTS: Mapping[str, Any] = {
    "cv_owner": "",
    "cv_show_private": False,
    "cv_paper": "a4",
    "cv_pdf_publications": "selected",
}

#: The site's pages: the Markdown (or reStructuredText) files beside ``conf.py``, nothing below.
#: An allowlist, since a checkout holds folders of other people's documents
#: (``.venv-bounds/``, ``build/``, a virtualenv under any name) that Sphinx would
#: otherwise read, warn about and publish. Sections live in ``sections/`` and
#: reach the page through ``{include}``, which these patterns do not govern.
INCLUDE_PATTERNS = ["*.md", "*.rst"]
#: Never read as pages: the engine's folders, the build, and `make upgrade`'s backups.
EXCLUDE_PATTERNS = [
    "_build",
    ".venv",
    "README.md",
    "sections",
    "tests",
    "bench",
    ".ci",
    "_ext",
    "node_modules",
    "_upgrade-backup",
]


def pdf_name(owner: str) -> str:
    """The PDF's file name (without ``.tex``/``.pdf``) in ASCII, which every system keeps.

    "María José García López" -> ``maria-jose-garcia-lopez-cv``; "张凯岩" -> ``zhang-kai-yan-cv``.
    """
    return "-".join(filter(None, [slugify(owner), "cv"]))


def settings(owner: Mapping[str, Any], environ: Mapping[str, str]) -> dict[str, Any]:
    """Every Sphinx setting of the engine, for the owner's values *owner*."""
    name = str(owner["cv_owner"] or "")
    project = f"{name} — Curriculum Vitae"
    root_doc = "index"
    return {
        # -- Project ------------------------------------------------------------
        "project": project,
        "author": name,
        "copyright": name,
        "language": "en",
        "extensions": [
            "myst_parser",
            "sphinx_design",
            "sphinxcontrib.bibtex",
            "cvbib",
            "cventries",
            "cvsite",
            "cvweb",
            "cvvariants",
            "cvdocx",
            "cvtext",
        ],
        "root_doc": root_doc,
        "include_patterns": list(INCLUDE_PATTERNS),
        "exclude_patterns": list(EXCLUDE_PATTERNS),
        "myst_enable_extensions": [
            "colon_fence",
            "attrs_inline",
            "attrs_block",
            "substitution",
            # $...$ in sections: rendered by cventries as cvbib renders .bib math.
            "dollarmath",
        ],
        # No MathJax: math is MathML made at build time (cventries, cvbib).
        "myst_update_mathjax": False,
        # index.md's heading is ``# {{ cv_owner }}``: the name is written only in conf.py.
        "myst_substitutions": {"cv_owner": name},
        "myst_heading_anchors": 2,
        "bibtex_bibfiles": ["refs.bib"],
        "bibtex_default_style": "cv",
        # Citations are not used in a CV; tooltips would only cost time.
        "bibtex_tooltips": False,
        # -- HTML ---------------------------------------------------------------
        "html_theme": "furo",
        "html_title": name,
        "html_short_title": name,
        "html_static_path": ["_static"],
        "html_css_files": ["cv.css"],
        "html_copy_source": False,
        "html_show_sphinx": False,
        "html_show_sourcelink": False,
        "html_use_index": False,
        "html_domain_indices": False,
        "html_baseurl": environ.get("READTHEDOCS_CANONICAL_URL", ""),
        "html_theme_options": {"navigation_with_keys": False, "top_of_page_buttons": []},
        "html_sidebars": {"**": []},
        # -- LaTeX / PDF --------------------------------------------------------
        "latex_engine": "xelatex",
        "latex_documents": [(root_doc, f"{pdf_name(name)}.tex", project, name, "howto")],
        "latex_toplevel_sectioning": "section",
        "latex_show_urls": "no",
        "latex_show_pagerefs": False,
        "latex_domain_indices": False,
        "latex_use_xindy": False,
        "latex_additional_files": ["_latex/cvstyle.sty", "_latex/cvicons.sty"],
        "latex_elements": {
            "papersize": f"{owner['cv_paper']}paper",
            "pointsize": "10pt",
            "fontpkg": "",
            "fontenc": r"\usepackage{fontspec}",
            "babel": "",
            "polyglossia": "",
            "fncychap": "",
            "maketitle": r"\cvmaketitle",
            "tableofcontents": "",
            "printindex": "",
            "makeindex": "",
            "sphinxsetup": "hmargin={1.6cm,1.6cm}, vmargin={1.5cm,1.7cm}",
            "passoptionstopackages": r"\PassOptionsToPackage{hyphens}{url}",
            "preamble": rf"""
\hypersetup{{
  pdftitle={{{project}}},
  pdfauthor={{{name}}},
  pdfsubject={{Curriculum Vitae}},
  pdfkeywords={{{name}, curriculum vitae, CV, publications}},
}}
\newcommand{{\cvowner}}{{{name}}}
\usepackage{{cvstyle}}
""",
        },
    }


def tags(owner: Mapping[str, Any]) -> list[str]:
    """The Sphinx tags the owner's values set: ``{only}`` blocks of the sections read them."""
    found = []
    if owner["cv_show_private"]:
        found.append("cv_show_private")
    if owner["cv_pdf_publications"] == "all":
        found.append("cv_pdf_all_publications")
    return found


def configure(namespace: MutableMapping[str, Any]) -> None:
    """Fill ``conf.py``'s namespace (``globals()``) with the engine's settings.

    The owner's own assignments are kept (dictionaries merged, the owner's keys
    winning), so ``conf.py`` decides and the engine supplies the rest. Sphinx
    puts its ``tags`` object into the namespace; without it (``conf.py`` read by
    ``runpy``, as the tests do) the tags are simply not set.
    """
    owner = {key: namespace.get(key, default) for key, default in OWNER_DEFAULTS.items()}
    for key, value in settings(owner, os.environ).items():
        mine = namespace.get(key)
        if key not in namespace:
            namespace[key] = value
        elif isinstance(value, dict) and isinstance(mine, dict):
            namespace[key] = {**value, **mine}
    sphinx_tags = namespace.get("tags")
    if sphinx_tags is not None:
        for tag in tags(owner):
            sphinx_tags.add(tag)


__all__ = ["OWNER_DEFAULTS", "configure", "pdf_name", "settings", "tags"]
