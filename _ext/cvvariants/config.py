"""``cv_variants`` and ``cv_variant``: validated once, then applied to the build's settings.

``config-inited`` reads the declared variants (:func:`cvvariants.settings.parse_variants`),
warns once about each mistake (``type="cvvariants", subtype="config"``) and
finds the variant being built. It then adjusts what differs per variant, before
the other extensions read the configuration (this handler runs first):

* the names of the files: each LaTeX document's ``.tex`` (hence its PDF) gets
  the variant's suffix, ``kaiyan-zhang-cv-short.pdf``, and the Word and text
  builders use the same name (:func:`output_name`);
* the publication list: the Sphinx tag ``cv_pdf_all_publications`` (read by the
  sections' ``{only}`` blocks) follows the variant's ``publications``, and a
  keyword other than ``selected``/``all`` becomes ``cv_selected_keyword``, so
  that ``:selected:`` lists show the entries carrying it;
* the PDF's metadata: its language (``/Lang``, from ``language``) and a subject
  naming the variant;
* a Sphinx tag per variant (``cv_variant_short``) for ``{only}`` blocks.

``cv_variant`` is registered with ``rebuild="env"``: the tags filter content
while documents are read (:mod:`cvvariants.tags`), so each variant needs its
own environment; the Makefile gives each its own doctree folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.util import logging

from cvbib.i18n import translator

from .settings import DEFAULT, PUBLICATION_LISTS, Variant, parse_variants

#: The PDF's subject in the build's language: cvweb's catalog ("Curriculum Vitae").
_ = translator("cvweb")

__all__ = ["active_variant", "declared_variants", "output_name", "setup_config"]

logger = logging.getLogger(__name__)

_STORED = "_cvvariants"
#: The Sphinx tag the sections' ``{only}`` blocks read for the full publication list.
ALL_PUBLICATIONS_TAG = "cv_pdf_all_publications"


def declared_variants(config: Config) -> dict[str, Variant]:
    """Every variant ``conf.py`` declares, the default first (validated on ``config-inited``)."""
    stored = getattr(config, _STORED, None)
    if stored is None:
        variants, _problems = parse_variants(
            getattr(config, "cv_variants", {}), getattr(config, "cv_pdf_publications", "selected")
        )
        return variants
    return dict(stored[0])


def active_variant(config: Config) -> Variant:
    """The variant this build makes."""
    stored = getattr(config, _STORED, None)
    if stored is None:
        return declared_variants(config)[DEFAULT]
    return stored[1]


def output_name(config: Config, variant: Variant | None = None) -> str:
    """The file name (without extension) of *variant*'s CV: ``kaiyan-zhang-cv-short``.

    The base is the engine's PDF name (the first LaTeX document's, which
    ``_ext/cvconf.py`` makes from ``cv_owner``), whichever output it is for.
    """
    variant = variant or active_variant(config)
    documents = getattr(config, "latex_documents", None) or []
    base = str(documents[0][1]) if documents else "cv.tex"
    stem = base[: -len(".tex")] if base.endswith(".tex") else base
    active = active_variant(config)
    if active.suffix and stem.endswith(active.suffix):
        stem = stem[: -len(active.suffix)]  # already renamed for the variant being built
    return stem + variant.suffix


def _warn(message: str) -> None:
    logger.warning("conf.py: %s", message, type="cvvariants", subtype="config")


def validate(app: Sphinx, config: Config) -> None:
    """Read the variants, warn about mistakes, and apply the one being built."""
    variants, problems = parse_variants(config.cv_variants, config.cv_pdf_publications)
    for problem in problems:
        _warn(problem.message)
    wanted = str(config.cv_variant or "").strip() or DEFAULT
    variant = variants.get(wanted)
    if variant is None:
        names = ", ".join(variants)
        raise ConfigError(
            f"cv_variant = {wanted!r} (make VARIANT={wanted}) is not declared in conf.py's "
            f"cv_variants: the variants are {names}; check the spelling, or declare it"
        )
    setattr(config, _STORED, (variants, variant))
    _rename_documents(config, variant)
    _choose_publications(app, config, variant)
    _pdf_metadata(config, variant)
    for other in variants.values():
        if other is not variant and app.tags.has(other.tag):
            app.tags.remove(other.tag)
    app.tags.add(variant.tag)


def _rename_documents(config: Config, variant: Variant) -> None:
    if not variant.suffix:
        return
    renamed = []
    for document in config.latex_documents:
        start, target, *rest = document
        stem = str(target)[: -len(".tex")] if str(target).endswith(".tex") else str(target)
        if not stem.endswith(variant.suffix):
            stem += variant.suffix
        renamed.append((start, f"{stem}.tex", *rest))
    config.latex_documents = renamed


def _choose_publications(app: Sphinx, config: Config, variant: Variant) -> None:
    if variant.publications == "all":
        app.tags.add(ALL_PUBLICATIONS_TAG)
    elif app.tags.has(ALL_PUBLICATIONS_TAG):
        app.tags.remove(ALL_PUBLICATIONS_TAG)
    if variant.publications not in PUBLICATION_LISTS:
        config.cv_selected_keyword = variant.publications


def _pdf_metadata(config: Config, variant: Variant) -> None:
    """The PDF's language and subject, written into the LaTeX preamble's ``\\hypersetup``."""
    elements = dict(config.latex_elements or {})
    language = str(config.language or "en").replace("_", "-")
    # In the build's language, from cvweb's catalog (registered when the extensions were set up).
    title = _("Curriculum Vitae")
    subject = (
        title
        if variant.is_default
        else _("{title}: {variant}").format(title=title, variant=variant.title)
    )
    subject = re.sub(r"[\\{}%#&$^_~]", "", subject)  # text only: no TeX gets in
    elements["preamble"] = (
        str(elements.get("preamble", ""))
        + f"\n\\hypersetup{{pdflang={{{language}}}, pdfsubject={{{subject}}}}}\n"
    )
    config.latex_elements = elements


def downloads_dir(app: Sphinx) -> Path:
    """Where ``make downloads`` leaves the files the web page offers."""
    return (Path(app.confdir) / str(app.config.cv_downloads_dir)).resolve()


def setup_config(app: Sphinx) -> None:
    app.add_config_value("cv_variants", {}, "env", types=frozenset({Any}))
    app.add_config_value("cv_variant", "", "env", types=frozenset({str}))
    app.add_config_value("cv_downloads_dir", "_build/downloads", "html", types=frozenset({str}))
    # cv_pdf_publications is the engine's (_ext/cvconf.py); registered here when
    # the extension is used without it, so that the default variant can read it.
    if "cv_pdf_publications" not in app.config:
        app.add_config_value("cv_pdf_publications", "selected", "env", types=frozenset({str}))
    # Before cvbib validates its options (priority 400): cv_selected_keyword may change.
    app.connect("config-inited", validate, priority=300)
