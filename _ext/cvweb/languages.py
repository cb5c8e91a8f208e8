"""One CV in several languages on the web: which versions exist and how each names the others.

The CV is written in one language (``cv_source_language``, ``language`` in
``conf.py``) and translated into the others of ``cv_languages`` (by default,
every folder of ``locales/``); each language is its own build
(``make html LANGUAGE=zh_CN``, or a Read the Docs translation project), and
``_ext/cvconf.py`` works out the settings below from ``conf.py`` and the
environment. On every page this module gives:

- ``<html lang>`` as BCP 47 (``zh-Hans``, not Sphinx's ``zh_CN``, which the
  HTML checker rejects; the theme writes ``language`` as it gets it);
- a language switch (:func:`switch`): a ``<nav>`` of links to the same page
  in each other language, each named in its own language ("English",
  "中文"), with ``lang`` and ``hreflang``; the current one is marked
  ``aria-current``;
- ``<link rel="alternate" hreflang>`` for every language and ``x-default``
  (the source language), as Google asks;
- OpenGraph ``og:locale`` and one ``og:locale:alternate`` per other language;
- the same alternates in ``sitemap.xml`` (:func:`sitemap_alternates`).

Where each version is (``cv_language_urls``): absolute addresses when they
are known (Read the Docs, or ``html_baseurl``), else relative links between
the folders ``make`` builds (``_build/html/`` and ``_build/<language>/html/``),
so the switch works on the files ``make`` leaves, and a site published
elsewhere sets ``html_baseurl``. A CV with one language gets none of this but
``<html lang>`` and ``og:locale``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from babel import Locale, UnknownLocaleError
from cvconf import bcp47
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from cvbib.i18n import N_, translator

from .crawl import directory_url
from .head import add_link, add_meta

__all__ = [
    "CATALOG",
    "LOCALE_DIR",
    "LanguageLink",
    "_",
    "alternates",
    "autonym",
    "bcp47",
    "og_locale",
    "setup_languages",
    "sitemap_alternates",
    "switch",
]

logger = logging.getLogger(__name__)

XHTML_NS = "http://www.w3.org/1999/xhtml"
#: cvweb's catalog: ``_ext/cvweb/locale/<lang>/LC_MESSAGES/cvweb.po`` (cvsite's words too).
CATALOG = "cvweb"
LOCALE_DIR = Path(__file__).parent / "locale"
_ = translator(CATALOG)
#: The CV's title in the catalog (``_ext/cvconf.py`` reads it for ``project``).
TITLE = N_("Curriculum Vitae")
#: The PDF's page footer (``_latex/cvstyle.sty``'s ``\cvpageof``; read by ``_ext/cvconf.py``).
PAGE_OF = N_("Page {page} of {pages}")
#: The name of the language switch, for screen readers.
SWITCH_LABEL = N_("Languages")


def og_locale(language: str) -> str:
    """OpenGraph's ``language_TERRITORY`` for Sphinx's *language*: ``en`` -> ``en_US``.

    The territory is CLDR's likely one when the code names none (``de`` ->
    ``de_DE``, ``zh`` -> ``zh_CN``).
    """
    from babel.core import get_global

    code = language.replace("-", "_")
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return code
    territory = locale.territory
    if not territory:
        likely = str(get_global("likely_subtags").get(locale.language, ""))
        territory = next((p for p in likely.split("_")[1:] if len(p) == 2), "")
    return f"{locale.language}_{territory}" if territory else locale.language


def autonym(language: str, among: list[str] | None = None) -> str:
    """The language's name in itself ("English", "中文", "Deutsch").

    The script or region is added only when two of *among* share the
    language ("中文 (简体)" beside "中文 (繁體)").
    """
    code = language.replace("-", "_")
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return language
    siblings = [
        other for other in among or [] if other.replace("-", "_").split("_")[0] == locale.language
    ]
    if len(siblings) > 1:
        name = locale.get_display_name(locale)
    else:
        name = Locale(locale.language).get_display_name(locale.language)
    name = name or language
    return name[:1].upper() + name[1:]


@dataclass(frozen=True)
class LanguageLink:
    """One language's version of the current page."""

    language: str
    #: BCP 47, for ``lang`` and ``hreflang``.
    tag: str
    name: str
    href: str
    current: bool


def _relative_root(current: str, other: str, source: str) -> str:
    """From the root of *current*'s build to *other*'s, in ``make``'s folders."""
    if current == source:
        return f"../{other}/html/"
    if other == source:
        return "../../html/"
    return f"../../{other}/html/"


def _target(app: Sphinx, pagename: str) -> str:
    """The page's path below its site's root, as a directory for an index page."""
    return directory_url(app.builder.get_target_uri(pagename))


def page_links(app: Sphinx, pagename: str) -> list[LanguageLink]:
    """The page in every language of the CV, the current one included, in order."""
    config = app.config
    languages: list[str] = list(config.cv_languages)
    current = config.language
    if len(languages) < 2 or current not in languages:
        return []
    source = config.cv_source_language or languages[0]
    urls: Mapping[str, str] = config.cv_language_urls
    target = _target(app, pagename)
    up = "../" * pagename.count("/")
    links = []
    for language in languages:
        base = urls.get(language, "")
        if language == current:
            href = (up + target) or "./"
        elif base:
            href = base + target
        else:
            href = up + _relative_root(current, language, source) + (target or "index.html")
        links.append(
            LanguageLink(
                language,
                bcp47(language),
                autonym(language, languages),
                href,
                language == current,
            )
        )
    return links


def switch(links: list[LanguageLink]) -> list[dict[str, Any]]:
    """The switch as the template reads it: every other language, then the current one."""
    return [
        {"tag": link.tag, "name": link.name, "href": link.href, "current": link.current}
        for link in links
    ]


def alternates(app: Sphinx, pagename: str) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of every language and ``x-default``, when addresses are known."""
    config = app.config
    languages: list[str] = list(config.cv_languages)
    urls: Mapping[str, str] = config.cv_language_urls
    if len(languages) < 2 or not all(urls.get(lang) for lang in languages):
        return []
    target = _target(app, pagename)
    found = [(bcp47(lang), urls[lang] + target) for lang in languages]
    source = config.cv_source_language or languages[0]
    found.append(("x-default", urls[source] + target))
    return found


def on_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``<html lang>``, the switch, ``hreflang`` links and ``og:locale`` on every page."""
    language = app.config.language
    # furo writes <html lang="{{ language }}">; Sphinx's basic theme reads lang_attr.
    context["language"] = context["lang_attr"] = bcp47(language)
    links = page_links(app, pagename)
    context["cv_languages"] = switch(links)
    context["cv_languages_label"] = _(SWITCH_LABEL)
    for hreflang, url in alternates(app, pagename):
        add_link(context, "alternate", url, hreflang=hreflang)
    add_meta(context, "og:locale", og_locale(language), attribute="property")
    for link in links:
        if not link.current:
            add_meta(context, "og:locale:alternate", og_locale(link.language), attribute="property")


def sitemap_alternates(path: Any, app: Sphinx) -> None:
    """Each page of ``sitemap.xml`` with its other languages (``xhtml:link``), in place.

    sphinx-sitemap's own alternates assume Read the Docs' layout and leave
    the source language out; they are turned off (``sitemap_locales``) and
    written here from the same addresses as the pages' ``hreflang`` links.
    """
    config = app.config
    languages: list[str] = list(config.cv_languages)
    urls: Mapping[str, str] = config.cv_language_urls
    base = urls.get(config.language, "")
    if len(languages) < 2 or not base or not all(urls.get(lang) for lang in languages):
        return
    if not path.is_file():
        return
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    ElementTree.register_namespace("", namespace)
    ElementTree.register_namespace("xhtml", XHTML_NS)
    tree = ElementTree.parse(path)
    source = config.cv_source_language or languages[0]
    for url in tree.getroot().iter(f"{{{namespace}}}url"):
        loc = url.find(f"{{{namespace}}}loc")
        if loc is None or not loc.text or not loc.text.startswith(base):
            continue
        for old in url.findall(f"{{{XHTML_NS}}}link"):
            url.remove(old)
        target = loc.text[len(base) :]
        for hreflang, href in _alternate_pairs(languages, urls, source, target):
            ElementTree.SubElement(
                url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=hreflang, href=href
            )
    tree.write(path, xml_declaration=True, encoding="utf-8", method="xml")


def _alternate_pairs(
    languages: list[str], urls: Mapping[str, str], source: str, target: str
) -> Iterator[tuple[str, str]]:
    for language in languages:
        yield bcp47(language), urls[language] + target
    yield "x-default", urls[source] + target


def _check_languages(value: Any) -> str | None:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) and v for v in value):
        return "must be a list of language codes such as ['en', 'zh_CN']"
    return None


def _check_urls(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "must be a dict such as {'en': 'https://me.org/cv/', 'zh_CN': 'https://me.org/cv/zh_CN/'}"
    for language, url in value.items():
        if not isinstance(url, str) or not url.startswith(("https://", "http://")):
            return f"the address of {language!r} must be an http(s) URL, not {url!r}"
    return None


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Check the language settings once; a bad one is reported and replaced."""
    defaults: dict[str, Any] = {
        "cv_languages": [config.language],
        "cv_language_urls": {},
    }
    for name, check in (("cv_languages", _check_languages), ("cv_language_urls", _check_urls)):
        value = getattr(config, name)
        if name == "cv_languages" and not value:
            value = defaults[name]
        problem = check(value)
        if problem is not None:
            logger.warning(
                "conf.py: %s = %r %s; using %r instead",
                name,
                value,
                problem,
                defaults[name],
                type="cvweb",
                subtype="config",
            )
            value = defaults[name]
        setattr(config, name, value)
    config.cv_language_urls = {
        language: url if url.endswith("/") else url + "/"
        for language, url in config.cv_language_urls.items()
    }
    if not config.cv_source_language:
        config.cv_source_language = config.cv_languages[0]
    # sphinx-sitemap would add alternates of its own, for Read the Docs' layout only.
    config.sitemap_locales = [None]


_PROGRESS = "_cv_translation_progress"


class CountTranslated(SphinxTransform):
    """A document's translated and total messages, as ``gettext`` extracts them.

    Sphinx's own count (``translation_progress``) also counts the page's front
    matter (``orphan: true``), which is no message of the catalog; this one
    leaves it out (:func:`_front_matter`). It runs after Sphinx's ``Locale`` (20) and before the
    entries' fact holders are unwrapped (998), so each fact counts too.
    """

    default_priority = 26

    def apply(self, **kwargs: Any) -> None:
        total = translated = 0
        front = _front_matter(self.document)
        for node in self.document.findall(nodes.Element):
            if "translated" not in node.attributes:
                continue
            if any(up is front for up in _ancestors(node)):
                continue
            total += 1
            translated += bool(node["translated"])
        self.document["cv_translation_progress"] = {"total": total, "translated": translated}


def _front_matter(document: nodes.document) -> nodes.Element | None:
    """The page's front matter (``orphan: true``): a field list before anything else.

    Docutils reads that field list as the document's bibliographic fields
    (its ``DocInfo`` transform, later), and Sphinx takes them as metadata.
    """
    for child in document.children:
        if isinstance(child, nodes.comment):
            continue
        return child if isinstance(child, nodes.field_list) else None
    return None


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    current = node.parent
    while current is not None:
        yield current
        current = current.parent


def record_progress(app: Sphinx, doctree: Any) -> None:
    """A document's translated and total messages (:class:`CountTranslated`)."""
    progress = doctree.get("cv_translation_progress")
    if progress is not None:
        table = getattr(app.env, _PROGRESS, None)
        if table is None:
            table = {}
            setattr(app.env, _PROGRESS, table)
        table[app.env.docname] = (int(progress["translated"]), int(progress["total"]))


def forget_progress(app: Sphinx, env: Any, docname: str) -> None:
    getattr(env, _PROGRESS, {}).pop(docname, None)


def report_progress(app: Sphinx, exception: BaseException | None) -> None:
    """One line at the end of a translated build: how much of the CV's text is translated.

    Counted by Sphinx (each paragraph, heading and entry's fact is a message),
    over every document of the build, read now or earlier; ``make
    i18n-status`` lists the messages themselves, and the engine's labels.
    """
    config = app.config
    if exception is not None or config.language == config.cv_source_language:
        return
    table = getattr(app.env, _PROGRESS, {})
    counts = [table[doc] for doc in sorted(app.env.found_docs) if doc in table]
    total = sum(t for _d, t in counts)
    if not any(translated for translated, _t in counts):
        # Sphinx marks nothing when no catalog of the CV's text is there at all.
        logger.info(
            "cvweb: %s: the CV's text has no translation (locales/%s/LC_MESSAGES/), shown "
            "in %s; make i18n-update LANGUAGE=%s starts one",
            config.language,
            config.language,
            config.cv_source_language,
            config.language,
        )
        return
    missing = total - sum(d for d, _t in counts)
    if not missing:
        logger.info("cvweb: %s: all %d messages of the CV translated", config.language, total)
        return
    logger.info(
        "cvweb: %s: %d of %d messages of the CV untranslated (%.0f%%), shown in %s%s",
        config.language,
        missing,
        total,
        100 * missing / total,
        config.cv_source_language,
        " (make i18n-status lists them)",
    )


def setup_languages(app: Sphinx) -> None:
    app.add_transform(CountTranslated)
    app.connect("doctree-read", record_progress)
    app.connect("env-purge-doc", forget_progress)
    app.connect("build-finished", report_progress)
    app.add_config_value("cv_languages", [], "html", types=frozenset({list, tuple}))
    app.add_config_value("cv_source_language", "", "html", types=frozenset({str}))
    app.add_config_value("cv_language_urls", {}, "html", types=frozenset({dict}))
    app.connect("config-inited", on_config_inited)
