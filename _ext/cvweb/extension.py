"""Wiring of cvweb, each piece through a public Sphinx or extension mechanism:

1. OpenGraph and Twitter card tags: sphinxext-opengraph, set up here; the CV
   page's description, type and image come from :mod:`cvweb.person` through
   its per-page fields (``context["meta"]``), the card image from
   :mod:`cvweb.images`. A page made by an extension (cvbib's publication
   pages, which write their own title, type, description and address) gets
   the site's name and preview image here (:func:`_complete_opengraph`).
2. ``<meta name="description">`` and schema.org ``Person`` JSON-LD on the root
   page, written with :mod:`cvweb.head` in ``html-page-context``.
3. Crawlers: the canonical link and sphinx-sitemap's ``sitemap.xml`` name the
   directory, not ``index.html``; ``robots.txt`` and the favicon are written on
   ``build-finished`` (:mod:`cvweb.crawl`, :mod:`cvweb.images`).
4. Languages (:mod:`cvweb.languages`, :mod:`cvweb.textlang`): ``<html lang>``
   as BCP 47, the switch between the CV's languages, ``hreflang`` links
   (also in ``sitemap.xml``), ``og:locale``; ``lang`` on text in another
   script than the page's. cvweb's own words come from its catalog.
5. Clean HTML: no second viewport tag, no source comments (a transform,
   :mod:`cvweb.comments`), only the CSS/JS a page uses (:mod:`cvweb.assets`),
   an ``<article>`` named by its ``<h1>`` (:mod:`cvweb.markup`), a footer
   without the theme's credit (``templates/page.html`` extends furo's), and no
   search page unless ``cv_site_search = True``: the CV's layout shows no
   search box, so the page and its index would only be dead weight.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from cvbib.i18n import register_catalog
from cvquiet import import_quietly
from cvweb import crawl, images, languages
from cvweb.assets import prune_assets
from cvweb.comments import DropHtmlComments
from cvweb.fonts import FontChain
from cvweb.head import (
    add_json_ld,
    add_link,
    add_meta,
    drop_viewport_duplicate,
    has_meta,
    set_description,
)
from cvweb.markup import unwrap_title_section
from cvweb.person import read_person
from cvweb.textlang import language_of, setup_text_languages

logger = logging.getLogger(__name__)

CARD_PATH = f"_static/{images.CARD_PNG}"
SKIP_BUILDERS = {"epub"}
NOINDEX_PAGES = {"search", "genindex"}
TEMPLATES = Path(__file__).parent / "templates"


def setup_extension(app: Sphinx) -> None:
    import_quietly("sphinxext.opengraph")  # its "matplotlib is not installed" print
    app.setup_extension("sphinxext.opengraph")
    app.setup_extension("sphinx_sitemap")
    register_catalog(app, languages.CATALOG, languages.LOCALE_DIR)
    languages.setup_languages(app)
    setup_text_languages(app)
    app.add_config_value("cv_site_search", False, "html", types=frozenset({bool}))
    app.add_transform(DropHtmlComments)
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    # Before sphinxext-opengraph (500), which reads the fields set here.
    app.connect("html-page-context", on_page_context, priority=400)
    # After sphinx-sitemap (500), which writes the sitemap this fixes.
    app.connect("build-finished", on_build_finished, priority=600)


def on_config_inited(app: Sphinx, config: Config) -> None:
    """Derive the crawlers' settings from ``html_baseurl``, keeping any the owner set."""
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.html_baseurl = crawl.normalize_baseurl(config.html_baseurl or "")
    if not config.ogp_site_url:
        config.ogp_site_url = config.html_baseurl
    if config.ogp_image is None and not config.ogp_use_first_image:
        config.ogp_image = CARD_PATH
    config.sitemap_url_scheme = "{link}"
    config.sitemap_excludes = [*config.sitemap_excludes, "search.html", "genindex.html"]
    if not config.html_baseurl:
        # No absolute address: sphinx-sitemap would warn on every build; say it once, quietly.
        config.suppress_warnings = [*config.suppress_warnings, "sitemap.configuration"]
        logger.info("cvweb: html_baseurl is not set: no canonical link and no sitemap.xml")


def on_builder_inited(app: Sphinx) -> None:
    """Turn off Sphinx's search page and index (the builder's own switch) unless asked for."""
    if app.builder.format == "html" and not app.config.cv_site_search:
        app.builder.search = False  # type: ignore[attr-defined]


def on_page_context(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    if app.builder.format != "html" or app.builder.name in SKIP_BUILDERS:
        return
    baseurl: str = app.config.html_baseurl
    drop_viewport_duplicate(context)
    unwrap_title_section(context)
    crawl.fix_canonical(context)
    prune_assets(pagename, context, doctree)
    languages.on_page_context(app, pagename, templatename, context, doctree)
    pathto = context["pathto"]
    if not app.config.html_favicon:  # the owner's own icon wins
        add_link(context, "icon", pathto(images.FAVICON_ICO, 1), sizes="48x48")
        add_link(context, "icon", pathto(f"_static/{images.FAVICON_SVG}", 1), type="image/svg+xml")
    # sphinxext-opengraph's per-page fields: a copy, as the original is the environment's.
    fields = dict(context.get("meta") or {})
    context["meta"] = fields
    if app.config.ogp_image == CARD_PATH:
        if not baseurl:
            fields.setdefault("og:image", pathto(CARD_PATH, 1))
        if not has_meta(context, "twitter:card"):
            add_meta(context, "twitter:card", "summary_large_image")
    url = crawl.page_url(baseurl, app.builder.get_target_uri(pagename))
    if url:
        fields.setdefault("og:url", url)
    if doctree is None and has_meta(context, "og:title"):
        _complete_opengraph(app, context)
    if pagename in NOINDEX_PAGES:
        add_meta(context, "robots", "noindex")
    if pagename == app.config.root_doc and doctree is not None:
        _owner_page(app, context, doctree, url)


def _complete_opengraph(app: Sphinx, context: dict[str, Any]) -> None:
    """The site's name and preview image on a page sphinxext-opengraph does not tag.

    sphinxext-opengraph tags only pages made from a document. A page made by
    an extension (cvbib's publication pages) writes its own ``og:title``,
    ``og:type``, ``og:description`` and ``og:url``; this adds what is the
    site's, as sphinxext-opengraph decides it for the CV page: ``og:site_name``
    (``ogp_site_name``, else the project), ``og:image`` (``ogp_image``: absolute
    from the site's address, relative without one) and its ``og:image:alt``.
    A page that starts no OpenGraph set (the search page) is left alone.
    """
    config = app.config
    site_name = config.project if config.ogp_site_name is None else config.ogp_site_name
    if site_name and not has_meta(context, "og:site_name"):
        add_meta(context, "og:site_name", str(site_name), attribute="property")
    image: str | None = config.ogp_image
    if not image or has_meta(context, "og:image"):
        return
    if not urlparse(image).scheme:  # relative to the site's root, as sphinxext-opengraph reads it
        site = config.ogp_site_url or config.html_baseurl
        image = urljoin(site, image) if site else context["pathto"](image, 1)
    add_meta(context, "og:image", image, attribute="property")
    alt = config.ogp_image_alt
    alt = alt if isinstance(alt, str) else (site_name if alt is None else "")
    if alt:
        add_meta(context, "og:image:alt", str(alt), attribute="property")


def _owner_page(app: Sphinx, context: dict[str, Any], doctree: nodes.document, url: str) -> None:
    """The CV page: who the owner is, for search engines and link previews."""
    owner = getattr(app.config, "cv_owner", "") or app.config.author
    native = str(getattr(app.config, "cv_owner_native", "") or "")
    person = read_person(
        doctree,
        owner,
        # The data says its language in a translation; the source's stays as it was.
        language=(
            languages.bcp47(app.config.language)
            if app.config.language != app.config.cv_source_language
            else ""
        ),
        native=native,
        native_language=language_of(app, native) if native else "",
    )
    description = person.description()
    if description:
        set_description(context, description)
    context["meta"].setdefault("og:type", "profile")
    add_json_ld(context, person.json_ld(url))
    if app.config.ogp_image == CARD_PATH:
        site = urlparse(app.config.html_baseurl or (person.links or [""])[0])
        address = (site.netloc + site.path).rstrip("/")
        fonts, bold = FontChain.from_fontconfig(), FontChain.from_fontconfig(bold=True)
        card = images.card_png(owner, description, address, fonts, bold)
        images.write_if_changed(Path(app.outdir) / CARD_PATH, card)
        warn_missing_glyphs("the link-preview image", CARD_PATH, fonts, bold)


def on_build_finished(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name in SKIP_BUILDERS:
        return
    outdir = Path(app.outdir)
    owner = getattr(app.config, "cv_owner", "") or app.config.author
    if not app.config.html_favicon:
        images.write_if_changed(outdir / "_static" / images.FAVICON_SVG, images.favicon_svg(owner))
        fonts = FontChain.from_fontconfig(bold=True)
        images.write_if_changed(outdir / images.FAVICON_ICO, images.favicon_ico(owner, fonts))
        warn_missing_glyphs("the favicon", images.FAVICON_ICO, fonts)
    robots = crawl.robots_txt(app.config.html_baseurl, app.config.sitemap_filename)
    images.write_if_changed(outdir / "robots.txt", robots)
    crawl.fix_sitemap(outdir / app.config.sitemap_filename)
    languages.sitemap_alternates(outdir / app.config.sitemap_filename, app)


def warn_missing_glyphs(picture: str, path: str, *chains: FontChain) -> None:
    """One warning per picture naming each character no installed font has."""
    missing = list(dict.fromkeys(char for chain in chains for char in chain.missing))
    if not missing:
        return
    named = ", ".join(
        f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')})"
        for char in missing
    )
    how = (
        "install Noto (Debian: fonts-noto-core fonts-noto-cjk) or a font that has them"
        if any(chain.fontconfig for chain in chains)
        else "fontconfig's fc-list was not found: install fontconfig and Noto "
        "(Debian: fontconfig fonts-noto-core fonts-noto-cjk)"
    )
    logger.warning(
        "cvweb: %s (%s) has no font for %s, from cv_owner or the CV's description: "
        "drawn without it (or as its base letter); %s.",
        picture,
        path,
        named,
        how,
        type="cvweb",
        subtype="missing_glyph",
    )
