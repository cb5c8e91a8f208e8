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

The language. ``language`` in ``conf.py`` is the language the CV is written
in (English by default); each folder of ``locales/`` is a translation of it
(``locales/zh_CN/LC_MESSAGES/cv.po``). A build is in the source language
unless the environment names another: ``CV_LANGUAGE`` (which ``make html
LANGUAGE=zh_CN`` sets) or Read the Docs' ``READTHEDOCS_LANGUAGE`` (a
translation project builds the same repository with its own language; its
``-D language=…`` sets only Sphinx's ``language``, after ``conf.py`` ran, so
the variable is what lets ``conf.py`` derive the rest from it). The build
language sets Sphinx's ``language`` (and with it the catalogs, the dates and
the theme's words), the PDF's file name (``kaiyan-zhang-cv-zh_CN.pdf``: two
languages never overwrite each other), and ``html_baseurl``: each language
has its own address, which the web page's language switch and ``hreflang``
links name (``cv_language_urls``, below).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any

from slugify import slugify

#: The owner's settings the engine reads, with the value it assumes when one is missing.
OWNER_DEFAULTS: Mapping[str, Any] = {
    "cv_owner": "",
    "cv_show_private": False,
    "cv_paper": "a4",
    "cv_pdf_publications": "selected",
    # The language the sections are written in, and the owner's own address.
    "language": "en",
    "html_baseurl": "",
    "locale_dirs": ["locales"],
    "cv_languages": None,
    "cv_language_urls": None,
}

#: The environment variable that names the build's language (``make html LANGUAGE=…``).
LANGUAGE_VARIABLE = "CV_LANGUAGE"
#: Where a translation's catalogs are: ``<locale_dir>/<language>/LC_MESSAGES/*.po``.
CATALOG_GLOB = "*/LC_MESSAGES/*.po"
#: Settings that follow the build's language, whatever ``conf.py`` assigned.
LANGUAGE_SETTINGS = ("language", "html_baseurl", "cv_source_language")


def sphinx_language(code: str) -> str:
    """Read the Docs' language code as Sphinx's: ``zh-cn`` -> ``zh_CN``, ``de`` -> ``de``."""
    parts = [p for p in re.split(r"[-_]", code.strip()) if p]
    if not parts:
        return ""
    head, *rest = parts
    tail = [p.upper() if len(p) == 2 else p.title() for p in rest]
    return "_".join([head.lower(), *tail])


def rtd_language(language: str) -> str:
    """Sphinx's language code as Read the Docs writes it in a URL: ``zh_CN`` -> ``zh-cn``."""
    return language.lower().replace("_", "-")


def build_language(environ: Mapping[str, str], source: str) -> str:
    """The language of this build: ``CV_LANGUAGE``, else Read the Docs', else the source's."""
    for variable in (LANGUAGE_VARIABLE, "READTHEDOCS_LANGUAGE"):
        code = sphinx_language(environ.get(variable, ""))
        if code:
            return code
    return source


def translations(root: Path, locale_dirs: list[str]) -> list[str]:
    """The languages with a catalog of the CV's own text under *locale_dirs*, sorted."""
    found = {
        path.parent.parent.name
        for folder in locale_dirs
        for path in (root / folder).glob(CATALOG_GLOB)
        if not path.name.startswith(("cvbib.", "cventries.", "cvweb.", "sphinx."))
    }
    return sorted(found)


def language_urls(
    languages: list[str], source: str, environ: Mapping[str, str], owner_base: str
) -> dict[str, str]:
    """The address of each language's CV, when it is known (else ``{}``).

    On Read the Docs, translations are served beside each other, the language
    in the path (``…/en/latest/``, ``…/zh-cn/latest/``): each one's address is
    this project's canonical URL with its own language there. Elsewhere,
    ``html_baseurl`` in ``conf.py`` is the source language's address and
    each translation is in a folder of its own below it (``…/zh_CN/``, the
    name ``make html LANGUAGE=zh_CN`` builds into: copy ``_build/zh_CN/html/``
    there). Without either, the web page links the versions where ``make``
    puts them (cvweb: relative links between ``_build/html`` and
    ``_build/<language>/html``).
    """
    canonical = environ.get("READTHEDOCS_CANONICAL_URL", "").strip()
    if canonical:
        current = environ.get("READTHEDOCS_LANGUAGE", "").strip().lower()
        marker = f"/{current}/" if current else ""
        if not marker or marker not in canonical:
            return {}
        head, _sep, tail = canonical.partition(marker)
        return {lang: f"{head}/{rtd_language(lang)}/{tail}" for lang in languages}
    base = owner_base.strip()
    if not base:
        return {}
    base = base if base.endswith("/") else base + "/"
    return {lang: base if lang == source else f"{base}{lang}/" for lang in languages}


#: Where cvweb's catalog is: the CV's title in each language ("Curriculum Vitae").
WEB_LOCALE_DIR = Path(__file__).resolve().parent / "cvweb" / "locale"
TITLE = "Curriculum Vitae"


PAGE_OF = "Page {page} of {pages}"


def web_word(language: str, text: str, locale_dir: Path = WEB_LOCALE_DIR) -> str:
    """*text*, a message of cvweb's catalog, in *language* (as written when it has none).

    Read here with Babel: ``conf.py`` runs before any extension registers its catalog.
    """
    from babel.messages.pofile import read_po

    for candidate in dict.fromkeys([language, language.split("_")[0]]):
        path = locale_dir / candidate / "LC_MESSAGES" / "cvweb.po"
        if not path.is_file():
            continue
        with path.open("rb") as handle:
            message = read_po(handle).get(text)
        if message is not None and message.string and not message.fuzzy:
            return str(message.string)
    return text


def cv_title(language: str, locale_dir: Path = WEB_LOCALE_DIR) -> str:
    """ "Curriculum Vitae" in *language*, from cvweb's catalog."""
    return web_word(language, TITLE, locale_dir)


def _latex_text(text: str) -> str:
    """*text* (a catalog's words) safe in LaTeX: its special characters escaped."""
    special = {c: "\\" + c for c in "#$%&_{}"}
    special.update(
        {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
    )
    return "".join(special.get(char, char) for char in text)


def language_preamble(language: str) -> str:
    """The PDF's words in *language*: its title and page footer; a wider date column for CJK.

    ``_latex/cvstyle.sty`` writes ``\\cvtitle`` and ``\\cvpageof{<page>}{<pages>}``;
    a date range in a CJK language ("2022年9月 – 2026年6月", spaced by xeCJK)
    is wider than the column the English one fits in, and would wrap.
    """
    title = _latex_text(cv_title(language))
    page_of = _latex_text(web_word(language, PAGE_OF))
    page_of = page_of.replace(r"\{page\}", "#1").replace(r"\{pages\}", "#2")
    lines = [
        rf"\providecommand{{\cvtitle}}{{}}\renewcommand{{\cvtitle}}{{{title}}}",
        rf"\providecommand{{\cvpageof}}[2]{{}}\renewcommand{{\cvpageof}}[2]{{{page_of}}}",
    ]
    if language.split("_")[0] in ("zh", "ja", "ko"):
        lines.append(r"\AtBeginDocument{\setlength{\cvasidewidth}{5.2cm}}")
        # A range's en dash between two CJK dates ("2022年9月 – 2026年6月") keeps
        # the spaces around it: as a Latin character, not punctuation that
        # xeCJK attaches to the CJK character before it ("9月– 2026").
        lines.append(r'\xeCJKDeclareCharClass{Default}{"2013}')
    return "\n".join(lines)


def bcp47(language: str) -> str:
    """Sphinx's language code as an HTML ``lang`` (BCP 47): ``zh_CN`` -> ``zh-Hans``.

    Chinese is tagged by its script, as it is read: the Simplified and the
    Traditional characters (``zh-Hans``, ``zh-Hant``; CLDR's likely script of
    the region); every other language by language and region (``pt-BR``,
    ``de``, ``en``).
    """
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    code = language.replace("-", "_")
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return language.replace("_", "-")
    if locale.language == "zh":
        script = locale.script
        if not script:
            likely = str(get_global("likely_subtags").get(str(locale), "zh_Hans"))
            script = next((p for p in likely.split("_") if len(p) == 4), "Hans")
        return f"zh-{script}"
    return "-".join(p for p in (locale.language, locale.script, locale.territory) if p)


def pdf_file_name(owner: str, language: str, source: str) -> str:
    """The PDF's name for a build in *language*: the source language's has no suffix."""
    name = pdf_name(owner)
    return name if language == source else f"{name}-{language}"


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


def settings(
    owner: Mapping[str, Any], environ: Mapping[str, str], root: Path | None = None
) -> dict[str, Any]:
    """Every Sphinx setting of the engine, for the owner's values *owner*.

    *root* is the CV's folder (``conf.py``'s), where ``locales/`` is looked for.
    """
    name = str(owner["cv_owner"] or "")
    source = sphinx_language(str(owner.get("language") or "")) or "en"
    language = build_language(environ, source)
    locale_dirs = list(owner.get("locale_dirs") or ["locales"])
    languages = list(owner.get("cv_languages") or [])
    if not languages:
        found = translations(root, locale_dirs) if root is not None else []
        languages = [source, *(lang for lang in found if lang != source)]
    if language not in languages:
        languages.append(language)
    urls = owner.get("cv_language_urls") or language_urls(
        languages, source, environ, str(owner.get("html_baseurl") or "")
    )
    canonical = environ.get("READTHEDOCS_CANONICAL_URL", "")
    baseurl = (
        canonical
        or urls.get(language, "")
        or (str(owner.get("html_baseurl") or "") if language == source else "")
    )
    project = f"{name} — {cv_title(language)}"
    root_doc = "index"
    file_name = pdf_file_name(name, language, source)
    return {
        # -- Project ------------------------------------------------------------
        "project": project,
        "author": name,
        "copyright": name,
        "language": language,
        # -- Languages (cvweb: the language switch, hreflang, og:locale) -------------
        "cv_source_language": source,
        "cv_languages": languages,
        "cv_language_urls": dict(urls),
        "locale_dirs": locale_dirs,
        # One catalog for the CV's whole text: locales/<language>/LC_MESSAGES/cv.po.
        "gettext_compact": "cv",
        # No random ids in the templates: a rebuilt cv.pot differs only where the text does.
        "gettext_uuid": False,
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
        "html_baseurl": baseurl,
        "html_theme_options": {"navigation_with_keys": False, "top_of_page_buttons": []},
        "html_sidebars": {"**": []},
        # -- LaTeX / PDF --------------------------------------------------------
        "latex_engine": "xelatex",
        "latex_documents": [(root_doc, f"{file_name}.tex", project, name, "howto")],
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
{language_preamble(language)}
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
    conf = namespace.get("__file__")
    root = Path(conf).resolve().parent if conf else Path.cwd()
    for key, value in settings(owner, os.environ, root).items():
        mine = namespace.get(key)
        if key in LANGUAGE_SETTINGS or key not in namespace:
            namespace[key] = value
        elif isinstance(value, dict) and isinstance(mine, dict):
            namespace[key] = {**value, **mine}
    sphinx_tags = namespace.get("tags")
    if sphinx_tags is not None:
        for tag in tags(owner):
            sphinx_tags.add(tag)


__all__ = [
    "LANGUAGE_VARIABLE",
    "OWNER_DEFAULTS",
    "bcp47",
    "build_language",
    "configure",
    "cv_title",
    "language_urls",
    "pdf_file_name",
    "pdf_name",
    "rtd_language",
    "settings",
    "sphinx_language",
    "tags",
    "translations",
]
