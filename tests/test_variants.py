"""Variants: declared once in conf.py, each a CV of its own from the same sources.

The root ``tests/roots/test-variants`` tags content in every way the README
gives (MyST attributes on a heading and on an entry, a span around a list
item, a card's class, a container) and declares four variants; what each
keeps is typed here by hand from that source and the permissive rule
(untagged content is in every variant; ``exclude`` leaves a tag out;
``include`` keeps tagged content only with an included tag).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from cvbib_roots import Built, build, copy_root, finished
from sphinx.errors import ConfigError

from cvvariants import DEFAULT, Variant, parse_variants
from cvvariants.budget import page_check_block
from cvvariants.pagecheck import budget_message, pages_of
from cvvariants.pagecheck import main as pagecheck_main

ROOT = "variants"

#: Per variant: the section headings, the honours, the education entries and the
#: publication list's entries, as the root's tags select them.
EXPECTED: dict[str, dict[str, list[str]]] = {
    "default": {
        "headings": [
            "Vision", "Education", "Honors", "Industry Experience", "Highlights",
            "Publications", "Services",
        ],
        "honors": ["First-Class Scholarship", "Regional Challenge, 2nd Place", "Industry Award"],
        "education": ["Tsinghua University", "Harbin Institute of Technology"],
        "highlights": ["TTRL", "A Paper Nobody Selected"],
        "publications": ["Initials and Namesakes", "TTRL"],
    },
    "short": {
        "headings": ["Education", "Honors", "Industry Experience", "Highlights", "Publications"],
        "honors": ["First-Class Scholarship", "Industry Award"],
        "education": ["Tsinghua University"],
        "highlights": ["TTRL"],
        "publications": ["Initials and Namesakes", "TTRL"],
    },
    "industry": {
        "headings": ["Education", "Honors", "Industry Experience", "Highlights", "Publications"],
        "honors": ["First-Class Scholarship", "Industry Award"],
        "education": ["Tsinghua University"],
        "highlights": ["TTRL"],
        # publications = "industry": the :selected: list shows the entries with that keyword.
        "publications": ["Initials and Namesakes"],
    },
}  # fmt: skip


def _section(soup: BeautifulSoup, heading: str) -> Any:
    h2 = next(h for h in soup.select("section h2") if h.get_text().rstrip("¶") == heading)
    return h2.parent


def _headings(soup: BeautifulSoup) -> list[str]:
    return [h.get_text().rstrip("¶") for h in soup.select("section h2")]


def _html(make_app: Any, tmp_path: Path, variant: str) -> Built:
    return build(make_app, ROOT, tmp_path, "html", cv_variant=variant)


@pytest.mark.parametrize("variant", list(EXPECTED))
def test_each_variant_keeps_what_its_tags_say(make_app: Any, tmp_path: Path, variant: str) -> None:
    built = _html(make_app, tmp_path, variant)
    assert built.warnings == []
    soup = built.soup()
    expected = EXPECTED[variant]
    assert _headings(soup) == expected["headings"]
    honors = [" ".join(li.get_text().split()) for li in _section(soup, "Honors").select("li")]
    assert honors == expected["honors"]
    education = [p.strong.get_text() for p in soup.select("p.cv-entry")]
    assert education == expected["education"]
    highlights = _section(soup, "Highlights").get_text(" ")
    for title in EXPECTED["default"]["highlights"]:
        assert (title.lower() in highlights.lower()) == (title in expected["highlights"]), title
    listed = [" ".join(li.get_text().split()) for li in _section(soup, "Publications").select("li")]
    shown = sorted(
        t for t in EXPECTED["default"]["publications"] for x in listed if t.lower() in x.lower()
    )
    assert len(listed) == len(expected["publications"])
    assert shown == sorted(expected["publications"])
    # The contact line and the name are untagged: in every variant.
    assert soup.select_one("h1").get_text().rstrip("¶") == "Kaiyan Zhang"
    assert len(soup.select(".cv-contact .cv-item")) == 3


def test_a_removed_section_is_not_in_the_contents(make_app: Any, tmp_path: Path) -> None:
    built = _html(make_app, tmp_path, "short")
    toc = built.app.env.tocs["index"].astext()
    assert "Vision" not in toc and "Services" not in toc
    assert "Education" in toc


def test_the_legend_names_the_marks_the_variant_shows(make_app: Any, tmp_path: Path) -> None:
    full = _section(_html(make_app, tmp_path / "full", "short").soup(), "Publications")
    assert " ".join(full.select_one(".cvbib-legend").get_text().split()) == (
        "* co-first authors · † corresponding author"
    )
    industry = _html(make_app, tmp_path / "industry", "industry").soup()
    legend = _section(industry, "Publications").select_one(".cvbib-legend")
    assert " ".join(legend.get_text().split()) == "† corresponding author"


def test_a_variant_sets_its_tags_and_names_its_files(make_app: Any, tmp_path: Path) -> None:
    built = build(make_app, ROOT, tmp_path, "text", cv_variant="all")
    text = (built.outdir / "index.txt").read_text("utf-8")
    # publications = "all" sets the tag the sections' {only} blocks read; the
    # variant's own tag is set too.
    assert "Every paper is listed." in text
    assert "This is the all-papers variant." in text
    assert (built.outdir / "kaiyan-zhang-cv-all-papers.txt").read_text("utf-8") == text
    assert built.app.config.latex_documents[0][1] == "kaiyan-zhang-cv-all-papers.tex"
    default = build(make_app, ROOT, tmp_path / "default", "text")
    text = (default.outdir / "index.txt").read_text("utf-8")
    assert "Every paper is listed." not in text and "all-papers variant" not in text
    assert default.app.config.latex_documents[0][1] == "kaiyan-zhang-cv.tex"


def test_an_undeclared_variant_stops_the_build(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root(ROOT, tmp_path / "src")
    with pytest.raises(ConfigError, match=r"cv_variant = 'shrot'.*default, short, industry, all"):
        make_app("html", srcdir=srcdir, confoverrides={"cv_variant": "shrot"})


def test_the_pdf_metadata_names_the_variant(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root(ROOT, tmp_path / "src")
    app = make_app("latex", srcdir=srcdir, confoverrides={"cv_variant": "short"})
    app.build()
    built = finished(app)
    tex = (built.outdir / "kaiyan-zhang-cv-short.tex").read_text("utf-8")
    assert r"\hypersetup{pdflang={en}, pdfsubject={Curriculum Vitae: One-page CV}}" in tex
    # The page budget goes into the latexmkrc that every way of building the PDF reads.
    rc = (built.outdir / "latexmkrc").read_text("utf-8")
    assert rc.count("cvvariants: page budget (begin)") == 1
    assert "'kaiyan-zhang-cv-short', '1', 'short'" in rc
    assert (built.outdir / "cvvariants_pagecheck.py").is_file()


def test_the_latex_folder_keeps_other_variants_and_drops_other_owners(
    make_app: Any, tmp_path: Path
) -> None:
    srcdir = copy_root(ROOT, tmp_path / "src")
    app = make_app("latex", srcdir=srcdir)
    app.build()
    outdir = Path(finished(app).outdir)
    for name in ("kaiyan-zhang-cv.pdf", "kaiyan-zhang-cv-short.pdf", "someone-else-cv.pdf"):
        (outdir / name).write_bytes(b"%PDF-1.5\n")
    (outdir / "someone-else-cv.tex").write_text("old", "utf-8")
    app = make_app("latex", srcdir=srcdir, confoverrides={"cv_variant": "short"})
    app.build()
    finished(app)
    assert sorted(p.name for p in outdir.glob("*.pdf")) == [
        "kaiyan-zhang-cv-short.pdf",
        "kaiyan-zhang-cv.pdf",
    ]
    assert sorted(p.name for p in outdir.glob("*.tex")) == ["kaiyan-zhang-cv-short.tex"]


# -- conf.py's declarations ----------------------------------------------------------------


def test_the_declarations_are_read_with_their_defaults() -> None:
    variants, problems = parse_variants(
        {"short": {"title": "One-page CV", "exclude": ["full"], "pages": 1}}, "all"
    )
    assert problems == []
    assert list(variants) == [DEFAULT, "short"]
    assert variants[DEFAULT] == Variant(DEFAULT, "Curriculum Vitae", publications="all")
    assert variants["short"] == Variant(
        "short", "One-page CV", exclude=frozenset({"full"}), pages=1, suffix="-short"
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("short", "cv_variants = 'short' must be a dict"),
        ({"Short CV": {}}, "'Short CV' is not a variant name"),
        ({"short": ["full"]}, "cv_variants['short'] = ['full'] must be a dict of its fields"),
        ({"short": {"pages": 0}}, "cv_variants['short']['pages'] = 0 must be a number of pages"),
        ({"short": {"pages": True}}, "['pages'] = True must be a number of pages"),
        ({"short": {"exclude": "full"}}, "['exclude'] = 'full' must be a list of tags"),
        ({"short": {"include": ["Full CV"]}}, "holds 'Full CV', which is not a tag"),
        ({"short": {"publications": "Selected!"}}, "must be 'selected', 'all' or a keyword"),
        ({"short": {"suffix": "/../x"}}, "must be a file name suffix"),
        ({"short": {"title": " "}}, "['title'] = ' ' must be a non-empty string"),
        ({"short": {"colour": "red"}}, "['colour'] is not a field of a variant"),
        ({"default": {"exclude": ["full"]}}, "the default variant is the whole CV"),
        ({"a": {"suffix": ""}}, "gives the same file names as the variant 'default'"),
    ],
)
def test_each_mistake_is_named_and_the_rest_still_works(raw: Any, message: str) -> None:
    variants, problems = parse_variants(raw)
    assert len(problems) == 1 and message in problems[0].message, problems
    assert DEFAULT in variants
    assert all(v.suffix != variants[DEFAULT].suffix for v in variants.values() if not v.is_default)


def test_a_bad_declaration_is_a_typed_warning(make_app: Any, tmp_path: Path) -> None:
    built = build(
        make_app, ROOT, tmp_path, "html", cv_variants={"short": {"pages": 0, "exclude": ["full"]}}
    )
    assert built.subtypes() == ["cvvariants.config"]
    assert "cv_variants['short']['pages'] = 0 must be a number of pages" in built.warnings[0]


@pytest.mark.parametrize(
    ("include", "exclude", "tags", "kept"),
    [
        ((), (), (), True),
        ((), ("full",), (), True),
        ((), ("full",), ("full",), False),
        ((), ("full",), ("short",), True),
        (("industry",), (), (), True),
        (("industry",), (), ("industry",), True),
        (("industry",), (), ("full",), False),
        (("industry",), (), ("full", "industry"), True),
        (("industry",), ("full",), ("full", "industry"), False),
    ],
)
def test_the_permissive_rule(
    include: tuple[str, ...], exclude: tuple[str, ...], tags: tuple[str, ...], kept: bool
) -> None:
    variant = Variant("v", "V", include=frozenset(include), exclude=frozenset(exclude))
    assert variant.keeps(frozenset(tags)) is kept


# -- the page budget -----------------------------------------------------------------------

LOG = """This is XeTeX, Version 3.141592653-2.6-0.999994 (TeX Live 2022/Debian)
**kaiyan-zhang-cv-short.tex
...
Output written on kaiyan-zhang-cv-short.pdf (2 pages).
"""


def test_the_page_check_reads_the_log_under_any_job_name(tmp_path: Path) -> None:
    (tmp_path / "kaiyan-zhang-cv-short.log").write_text(LOG, "utf-8")
    assert pages_of(tmp_path, "kaiyan-zhang-cv-short") == ("kaiyan-zhang-cv-short.pdf", 2)
    # Read the Docs names the job after its project: the log says which .tex it is of.
    (tmp_path / "kaiyan-zhang-cv-short.log").rename(tmp_path / "my-project.log")
    assert pages_of(tmp_path, "kaiyan-zhang-cv-short") == ("kaiyan-zhang-cv-short.pdf", 2)
    assert pages_of(tmp_path, "kaiyan-zhang-cv") is None


def test_the_page_check_warns_over_the_budget_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "kaiyan-zhang-cv-short.log").write_text(LOG, "utf-8")
    assert pagecheck_main([str(tmp_path), "kaiyan-zhang-cv-short", "1", "short"]) == 0
    assert capsys.readouterr().err.strip() == (
        "WARNING: kaiyan-zhang-cv-short.pdf has 2 pages, over the 1-page budget of the "
        "variant 'short' (cv_variants in conf.py): tag more content out of it (README, "
        "\"Variants\"), or raise its 'pages'"
    )
    assert pagecheck_main([str(tmp_path), "kaiyan-zhang-cv-short", "2", "short"]) == 0
    assert capsys.readouterr().err == ""
    assert budget_message("a.pdf", 3, 3, "x") is None


def test_the_page_check_keeps_latexmks_exit_status() -> None:
    block = page_check_block("/usr/bin/python3", "cv-short", 1, "short")
    assert "my $status = $?;" in block and "$? = $status;" in block
    assert re.search(r"system\('/usr/bin/python3', 'cvvariants_pagecheck.py', '\.', "
                     r"'cv-short', '1', 'short'\)", block)  # fmt: skip


# -- the web page's Download menu ----------------------------------------------------------

FILES = [
    ("default", "pdf", "kaiyan-zhang-cv.pdf", 2),
    ("default", "docx", "kaiyan-zhang-cv.docx", None),
    ("short", "pdf", "kaiyan-zhang-cv-short.pdf", 1),
    ("short", "txt", "kaiyan-zhang-cv-short.txt", None),
]


def _staged(folder: Path, extra: list[dict[str, Any]] | None = None) -> Path:
    folder.mkdir(parents=True)
    manifest = []
    for variant, fmt, name, pages in FILES:
        (folder / name).write_bytes(f"{name}\n".encode())
        manifest.append({"variant": variant, "format": fmt, "file": name, "pages": pages})
    (folder / "manifest.json").write_text(json.dumps(manifest + (extra or [])), "utf-8")
    return folder


def test_the_page_offers_what_was_built(make_app: Any, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("not to be published", "utf-8")
    staged = _staged(
        tmp_path / "downloads",
        extra=[
            {"variant": "default", "format": "txt", "file": "../secret.txt"},  # outside
            {"variant": "nope", "format": "pdf", "file": "kaiyan-zhang-cv-nope.pdf"},
            {"variant": "short", "format": "docx", "file": "kaiyan-zhang-cv-short.docx"},
            {"variant": "industry", "format": "pdf", "file": "kaiyan-zhang-cv.pdf"},  # not its name
        ],
    )
    built = build(make_app, ROOT, tmp_path, "html", cv_downloads_dir=str(staged))
    assert built.warnings == []
    menu = built.soup().select_one("details.cv-downloads")
    assert menu.summary.get_text() == "Download"
    rows = [
        (
            li.select_one(".cv-downloads-title").get_text(),
            [(a.get_text(), a["href"]) for a in li("a")],
        )
        for li in menu.select("li")
    ]
    assert rows == [
        ("Full CV", [("PDF (2 pages)", "downloads/kaiyan-zhang-cv.pdf"),
                     ("Word", "downloads/kaiyan-zhang-cv.docx")]),
        ("One-page CV", [("PDF (1 page)", "downloads/kaiyan-zhang-cv-short.pdf"),
                         ("Plain text", "downloads/kaiyan-zhang-cv-short.txt")]),
    ]  # fmt: skip
    labels = [a["aria-label"] for a in menu("a")]
    assert labels[0] == "Full CV: PDF (2 pages)"
    copied = sorted(p.name for p in (built.outdir / "downloads").iterdir())
    assert copied == sorted(name for _, _, name, _ in FILES)
    assert not list(built.outdir.rglob("secret.txt"))


def test_no_menu_without_the_files(make_app: Any, tmp_path: Path) -> None:
    built = build(make_app, ROOT, tmp_path, "html", cv_downloads_dir=str(tmp_path / "none"))
    assert built.soup().select("details.cv-downloads") == []
    assert not (built.outdir / "downloads").exists()


def test_the_menu_follows_the_files_on_a_rebuild(make_app: Any, tmp_path: Path) -> None:
    srcdir = copy_root(ROOT, tmp_path / "src")
    staged = tmp_path / "downloads"
    overrides = {"cv_downloads_dir": str(staged)}
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    assert "cv-downloads" not in (Path(app.outdir) / "index.html").read_text("utf-8")
    finished(app)
    _staged(staged)
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()  # nothing in the sources changed: only the files did
    finished(app)
    html = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert html.count('href="downloads/') == len(FILES)


def test_the_selection_keyword_is_checked(make_app: Any, tmp_path: Path) -> None:
    built = build(make_app, ROOT, tmp_path, "html", cv_selected_keyword="Short List")
    assert built.subtypes() == ["cvbib.config"]
    assert "cv_selected_keyword = 'Short List' must be one lower-case keyword" in built.warnings[0]
    # The default keyword is used instead: the two selected entries.
    listed = _section(built.soup(), "Publications").select("li")
    assert len(listed) == 2
