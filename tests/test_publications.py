"""The publication list as a reader sees it: full list, links, badges, toggles, pages, PDF.

One small project (``roots/test-publications``: Ada Lovelace's entries as DBLP,
Google Scholar, Crossref, ACL Anthology, Zotero and al-folio export them, and a
2,900-author paper with her at position 1,734) is built with ``sphinx-build``
as a user runs it, once for the web page and once for the PDF, and read back
with BeautifulSoup and pdfplumber.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup, Tag

ROOT = Path(__file__).parent / "roots" / "test-publications"
EXT = Path(__file__).resolve().parent.parent / "_ext"
ENGINE = "The Engine That Weaves"
COLLAB = "A Measurement by Everyone"
KEYS = {
    "DBLP:journals/corr/abs-2305-14321",
    "lovelace2022bernoulli",
    "lovelace2021loom",
    "Lovelace_2020",
    "lovelace-2019-poetical",
    "lovelace2018thesis",
    "lovelace2024engine",
    "collab2025",
}


def sphinx(
    srcdir: Path, builder: str, outdir: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(EXT)}
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, str(srcdir), str(outdir), *options],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


@dataclass
class Site:
    srcdir: Path
    outdir: Path
    warnings: list[str]

    def soup(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / page).read_text("utf-8"), "html.parser")

    def entry(self, page: str, word: str) -> Tag:
        found = [
            li
            for li in self.soup(page).select("div.body li[id]")
            if word in (li.find("p") or li).get_text()
        ]
        assert len(found) == 1, word
        return found[0]


OPTIONS = ("-D", "cv_max_authors=6", "-d")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    srcdir = tmp_path_factory.mktemp("pubs") / "src"
    shutil.copytree(ROOT, srcdir)
    outdir = srcdir / "_build" / "html"
    result = sphinx(srcdir, "html", outdir, *OPTIONS, str(srcdir / "_build" / "doctrees"))
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "WARNING" in line]
    return Site(srcdir, outdir, warnings)


def paragraph_text(li: Tag) -> str:
    return " ".join((li.find("p") or li).get_text().split())


# --- warnings -------------------------------------------------------------------


def test_only_the_expected_warnings(site: Site) -> None:
    """The missing supplement is reported with file, entry and what to do; nothing else."""
    missing = [w for w in site.warnings if "[cvbib.missing_file]" in w]
    assert len(missing) == 1, site.warnings
    assert "refs.bib" in missing[0] and "lovelace2024engine" in missing[0]
    assert "missing-supplement.pdf" in missing[0] and "add the file" in missing[0]
    others = [w for w in site.warnings if w not in missing]
    assert others == [], others


# --- the full list ------------------------------------------------------------------


def test_full_list_is_grouped_by_year_newest_first_with_counts(site: Site) -> None:
    soup = site.soup("publications.html")
    headings = [" ".join(h.get_text().split()) for h in soup.select(".cvbib-group-heading")]
    assert headings == [f"{year} (1)" for year in range(2025, 2017, -1)]
    assert soup.select_one(".cvbib-total").get_text() == "8 publications · BibTeX of all"
    assert len(soup.select("div.body li[id]")) == len(KEYS)


def test_selected_list_is_exact(site: Site) -> None:
    texts = [paragraph_text(li) for li in site.soup("index.html").select("div.body li[id]")]
    assert len(texts) == 2
    assert any(ENGINE in text for text in texts)  # selected = {true}
    assert any(COLLAB in text for text in texts)  # keywords = {selected}
    assert not any("loom" in text for text in texts)  # "Selected reaction monitoring"


def test_cv_links_to_the_full_list_with_its_count(site: Site) -> None:
    soup = site.soup("index.html")
    link = soup.select_one("a.cvbib-publist")
    assert link is not None and link["href"] == "publications.html"
    assert link.get_text() == "All publications (8)"
    nav = [a["href"] for a in soup.select("nav.cv-nav a")]
    assert nav == ["index.html", "publications.html"]
    assert soup.select_one("nav.cv-nav a[aria-current=page]").get_text() == "Curriculum vitae"


# --- one entry: badges, links, toggles ---------------------------------------------


def test_badges_and_award(site: Site) -> None:
    li = site.entry("publications.html", ENGINE)
    paragraph = li.find("p")
    first = paragraph.find("span", class_="cvbib-badge-venue")
    assert first is not None and first.get_text() == "NeurIPS"
    assert paragraph.find("span", class_="cvbib-badge-award").get_text() == "Spotlight"
    assert "NeurIPS 2024 (Spotlight)" in paragraph_text(li)  # the text, parentheses included


def test_link_buttons_from_fields_and_identifiers(site: Site) -> None:
    li = site.entry("publications.html", ENGINE)
    buttons = [(a.get_text(), a["href"]) for a in li.select(".cvbib-actions a.cvbib-link")]
    assert buttons == [
        ("arXiv", "https://arxiv.org/abs/2406.00001"),
        ("PDF", "_files/engine.pdf"),
        ("HTML", "https://ada.example.org/engine"),
        ("Code", "https://github.com/ada/engine"),
        ("Slides", "https://ada.example.org/engine-slides.pdf"),
        ("Video", "https://video.example.org/engine"),
    ]
    assert (site.outdir / "_files" / "engine.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("title", "links"),
    [
        # DBLP: the CoRR entry is one arXiv preprint, whatever else it says.
        ("Notes on the Analytical Engine", [("arXiv", "https://arxiv.org/abs/2305.14321")]),
        ("Bernoulli numbers", [("arXiv", "https://arxiv.org/abs/2211.04567")]),
        # Crossref: the DOI, not also the dx.doi.org url.
        ("Sketch of the Analytical", [("DOI", "https://doi.org/10.1000/sketch.2020")]),
        ("Poetical Science", [("DOI", "https://doi.org/10.18653/v1/P19-1001")]),
        ("A loom", []),
        ("Calculus of the Nervous", []),
    ],
)
def test_one_link_per_target(site: Site, title: str, links: list[tuple[str, str]]) -> None:
    li = site.entry("publications.html", title)
    found = [(a.get_text(), a["href"]) for a in li.select(".cvbib-actions a.cvbib-link")]
    assert found == links


@pytest.mark.parametrize(
    ("title", "venue"),
    [
        ("Notes on the Analytical Engine", "arXiv:2305.14321, 2023."),
        ("Bernoulli numbers", "arXiv:2211.04567, 2022."),
        ("A loom", "bioRxiv, 2021."),
        ("Sketch of the Analytical", "Scientific Memoirs 3(2):666–731, 2020."),
        ("Poetical Science", "Computational Linguistics, 2019."),
        ("Calculus of the Nervous", "PhD thesis, University of London, 2018."),
    ],
)
def test_venues_read_as_a_careful_author_writes_them(site: Site, title: str, venue: str) -> None:
    assert paragraph_text(site.entry("publications.html", title)).endswith(venue)


def test_abstract_and_bibtex_toggles_are_closed_and_clean(site: Site) -> None:
    li = site.entry("publications.html", ENGINE)
    abstract = li.select_one("details.cvbib-abstract")
    assert abstract is not None and not abstract.has_attr("open")
    assert abstract.summary.get_text() == "Abstract"
    assert "as a loom weaves flowers and leaves" in abstract.get_text()
    bibtex = li.select_one("details.cvbib-bibtex")
    assert bibtex is not None and not bibtex.has_attr("open")
    code = bibtex.select_one("div.highlight pre").get_text()
    assert code.startswith("@inproceedings{lovelace2024engine,")
    assert "title     = {The Engine That Weaves}" in code
    for field in ("keywords", "abstract", "pdf", "selected", "preview", "award", "abbr", "code"):
        assert not re.search(rf"^\s*{field}\s*=", code, re.MULTILINE), field
    assert code.rstrip().endswith("}")


def test_toggles_are_on_the_full_list_but_not_on_the_cv(site: Site) -> None:
    cv = site.entry("index.html", ENGINE)
    assert cv.select("details") == []
    assert [a.get_text() for a in cv.select(".cvbib-actions a")][:2] == ["arXiv", "PDF"]


def test_the_cleaned_bibtex_of_dblp_drops_its_bookkeeping(site: Site) -> None:
    li = site.entry("publications.html", "Notes on the Analytical Engine")
    code = li.select_one("details.cvbib-bibtex pre").get_text()
    assert "doi" in code and "eprint" in code
    for field in ("timestamp", "biburl", "bibsource"):
        assert field not in code


# --- names ---------------------------------------------------------------------------


def test_truncation_keeps_the_owner_in_place(site: Site) -> None:
    li = site.entry("publications.html", COLLAB)
    paragraph = li.find("p")
    hidden = paragraph.select(".cvbib-authors-hidden")
    assert all(span.has_attr("hidden") for span in hidden)
    hidden_names = sum(len(span.get_text().strip(", ").split(", ")) for span in hidden)
    for span in hidden:
        span.decompose()
    text = " ".join(paragraph.get_text().split())
    assert text.startswith(
        "Person1 Member1, Person2 Member2, Person3 Member3, Person4 Member4, Person5 Member5, "
        "…, Ada Lovelace, and 2,894 more. A Measurement by Everyone."
    ), text
    assert [s.get_text() for s in paragraph.find_all("strong")] == ["Ada Lovelace"]
    assert hidden_names == 2894


def test_hidden_names_are_escaped_and_left_out_of_the_search_index(site: Site) -> None:
    """Hidden names are written in one piece: escaped, and not weighing on the index."""
    html = (site.outdir / "publications.html").read_text("utf-8")
    hidden = "".join(
        re.findall(r'<span class="[^"]*cvbib-authors-hidden[^"]*"[^>]*>(.*?)</span>', html)
    )
    assert "Person100 Member&amp;Co, Person101 Zyxwvut" in hidden
    assert "&Co" not in hidden.replace("&amp;Co", "")
    index = (site.outdir / "searchindex.js").read_text("utf-8").lower()
    assert "lovelac" in index  # the owner, shown, is indexed
    assert "zyxwvut" not in index
    assert "member100" not in index


def test_coauthor_homepage_is_a_link(site: Site) -> None:
    li = site.entry("publications.html", "Sketch of the Analytical")
    link = li.select_one("a.cvbib-coauthor")
    assert link is not None and link.get_text() == "Charles Babbage"
    assert link["href"] == "https://example.org/babbage"


# --- a page per publication ------------------------------------------------------------


def _pages(outdir: Path) -> set[str]:
    return {path.stem for path in (outdir / "pub").glob("*.html")}


def test_every_entry_has_a_page_reached_from_its_title(site: Site) -> None:
    assert len(_pages(site.outdir)) == len(KEYS)
    li = site.entry("publications.html", "Sketch of the Analytical")
    title_link = li.select_one(".cvbib-title a")
    assert title_link["href"] == "pub/Lovelace_2020.html"
    page = site.soup("pub/Lovelace_2020.html")
    assert page.select_one("h1").get_text().strip("#¶ ") == "Sketch of the Analytical Engine"
    authors = page.select_one(".cvbib-page-authors")
    assert authors.get_text() == "Ada Lovelace, Charles Babbage"
    assert [s.get_text() for s in authors.find_all("strong")] == ["Ada Lovelace"]
    assert "@article{Lovelace_2020," in page.select_one("div.highlight pre").get_text()


def _meta(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [
        (str(m["name"]), str(m["content"]))
        for m in soup.find_all("meta")
        if str(m.get("name", "")).startswith("citation_")
    ]


def test_a_long_author_list_on_its_page(site: Site) -> None:
    """All 2,900 names, escaped, the owner bold in place; the BibTeX has them all too."""
    soup = site.soup("pub/collab2025.html")
    raw = (site.outdir / "pub" / "collab2025.html").read_text("utf-8")
    assert "Person100 Member&amp;Co, Person101 Zyxwvut" in raw
    authors = soup.select_one(".cvbib-page-authors") or soup.find("p")
    text = " ".join(authors.get_text().split())
    names = text.split(", ")
    assert len(names) == 2900
    assert names[0] == "Person1 Member1" and names[-1] == "Person2900 Member2900"
    assert names[1733] == "Ada Lovelace" and names[99] == "Person100 Member&Co"
    assert [s.get_text() for s in authors.find_all("strong")] == ["Ada Lovelace"]
    bibtex = soup.select_one("div.highlight-bibtex pre").get_text()
    assert bibtex.count(" and ") == 2899
    assert r"Person100 Member\&Co and Person101 Zyxwvut" in bibtex


def test_highwire_tags_of_a_journal_article(site: Site) -> None:
    tags = _meta(site.soup("pub/Lovelace_2020.html"))
    assert tags[:3] == [
        ("citation_title", "Sketch of the Analytical Engine"),
        ("citation_author", "Ada Lovelace"),
        ("citation_author", "Charles Babbage"),
    ]
    assert ("citation_publication_date", "2020/03") in tags
    assert ("citation_journal_title", "Scientific Memoirs") in tags
    assert ("citation_volume", "3") in tags and ("citation_issue", "2") in tags
    assert ("citation_firstpage", "666") in tags and ("citation_lastpage", "731") in tags
    assert ("citation_doi", "10.1000/sketch.2020") in tags


def test_highwire_tags_of_a_conference_paper_with_pdf_and_arxiv(site: Site) -> None:
    tags = dict(_meta(site.soup("pub/lovelace2024engine.html")))
    assert tags["citation_conference_title"] == "NeurIPS"
    assert tags["citation_arxiv_id"] == "2406.00001"
    assert tags["citation_pdf_url"] == "https://ada.example.org/_files/engine.pdf"


def test_highwire_tags_of_a_thesis(site: Site) -> None:
    tags = dict(_meta(site.soup("pub/lovelace2018thesis.html")))
    assert tags["citation_dissertation_institution"] == "University of London"
    assert tags["citation_publication_date"] == "2018"


def test_scholarly_article_json_ld(site: Site) -> None:
    soup = site.soup("pub/collab2025.html")
    (script,) = soup.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == COLLAB
    assert len(data["author"]) == 2900
    assert data["author"][1733] == {"@type": "Person", "name": "Ada Lovelace"}
    assert data["isPartOf"] == {"@type": "Periodical", "name": "Physical Review Letters"}
    assert len([t for t in _meta(soup) if t[0] == "citation_author"]) == 2900


def test_pages_follow_the_bib_file_and_a_no_op_rebuild_writes_none(
    tmp_path: Path,
) -> None:
    srcdir = tmp_path / "src"
    shutil.copytree(ROOT, srcdir)
    outdir, doctrees = srcdir / "_build" / "html", str(srcdir / "_build" / "doctrees")
    assert sphinx(srcdir, "html", outdir, "-d", doctrees).returncode == 0
    times = {p.name: p.stat().st_mtime_ns for p in (outdir / "pub").glob("*.html")}
    assert sphinx(srcdir, "html", outdir, "-d", doctrees).returncode == 0
    assert {p.name: p.stat().st_mtime_ns for p in (outdir / "pub").glob("*.html")} == times
    bib = srcdir / "refs.bib"
    text = bib.read_text("utf-8")
    start = text.index("% Zotero / Better BibLaTeX thesis")
    end = text.index("% al-folio")
    bib.write_text(
        text[:start]
        + text[end:]
        + "\n@misc{added2026, author={Ada Lovelace}, title={Added Later}, year={2026}}\n",
        "utf-8",
    )
    assert sphinx(srcdir, "html", outdir, "-d", doctrees).returncode == 0
    pages = _pages(outdir)
    assert "lovelace2018thesis" not in pages and "added2026" in pages
    assert len(pages) == len(KEYS)


# --- the PDF ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf_text(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    missing = [tool for tool in ("xelatex", "latexmk") if shutil.which(tool) is None]
    if missing:
        message = f"{', '.join(missing)} not found: install TeX with the README's apt-get command"
        if os.environ.get("CI"):
            pytest.fail(f"CI must build the PDF, but {message}")
        pytest.skip(message)
    srcdir = tmp_path_factory.mktemp("pubs-pdf") / "src"
    shutil.copytree(ROOT, srcdir)
    env = {**os.environ, "PYTHONPATH": str(EXT)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-M",
            "latexpdf",
            str(srcdir),
            str(srcdir / "_build"),
            "-D",
            "cv_max_authors=6",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    latex = srcdir / "_build" / "latex"
    with pdfplumber.open(latex / "ada.pdf") as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    return text, (latex / "ada.tex").read_text("utf-8")


def squeezed(text: str) -> str:
    """Text without whitespace: PDF text extraction drops or adds spaces between words."""
    return re.sub(r"\s+", "", text)


@pytest.mark.pdf
def test_pdf_has_compact_link_labels_and_badges_but_no_toggles(pdf_text: tuple[str, str]) -> None:
    text, tex = pdf_text
    flat = squeezed(text)
    assert squeezed("NeurIPS 2024 (Spotlight)") in flat
    assert squeezed("[arXiv] [PDF] [HTML] [Code] [Slides] [Video]") in flat
    assert r"\sphinxhref{https://ada.example.org/\_files/engine.pdf}{{[}PDF{]}}" in tex
    assert "BibTeX" not in flat and "Abstract" not in flat
    assert squeezed("as a loom weaves") not in flat
    assert squeezed("Filter publications") not in flat


@pytest.mark.pdf
def test_pdf_groups_by_year(pdf_text: tuple[str, str]) -> None:
    flat = squeezed(pdf_text[0])
    positions = [flat.index(f"{year}(1)") for year in range(2025, 2017, -1)]
    assert positions == sorted(positions)


@pytest.mark.pdf
def test_pdf_truncated_list_keeps_the_owner_on_two_lines(pdf_text: tuple[str, str]) -> None:
    text, tex = pdf_text
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "Person1 Member1" in line)
    end = next(i for i, line in enumerate(lines) if squeezed("2,894 more") in squeezed(line))
    assert end - start <= 1, lines[start : end + 1]
    assert "AdaLovelace" in squeezed(" ".join(lines[start : end + 1]))
    assert "Person6" not in text and "Person2900" not in text
    assert r"\sphinxstylestrong{Ada Lovelace}" in tex


@pytest.mark.pdf
def test_pdf_coauthor_is_plain_text(pdf_text: tuple[str, str]) -> None:
    _text, tex = pdf_text
    assert "example.org/babbage" not in tex
    assert "Charles Babbage" in tex


def test_the_full_list_offers_the_cleaned_bib_file(site: Site) -> None:
    link = site.soup("publications.html").select_one(".cvbib-total a.cvbib-bib-download")
    assert link is not None and link["href"] == "publications.bib"
    text = (site.outdir / "publications.bib").read_text("utf-8")
    assert text.count("\n@") + text.startswith("@") == len(KEYS)
    for field in ("keywords", "abstract", "selected", "timestamp", "biburl", "file"):
        assert not re.search(rf"^\s*{field}\s*=", text, re.MULTILINE), field
    import pybtex.database

    parsed = pybtex.database.parse_string(text, "bibtex")
    assert set(parsed.entries.keys()) == KEYS
