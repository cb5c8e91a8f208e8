"""The sample CV's own facts: this repository as published for its sample owner.

Expectations come from tests/cv_facts.py, typed by hand from the source CV
(../shared/cv-source.md), so they hold only for the sample data. In a fork
(``cv_owner`` is not the sample's) the whole module is skipped, saying why; the
content tests that hold for any owner are test_site.py and test_pdf.py.
"""

from __future__ import annotations

import json
import re
import subprocess
import unicodedata
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup, Tag
from cv_facts import (
    ADVISORS,
    CONTACT,
    EDUCATION,
    EDUCATION_ENTRIES,
    HIGHLIGHT_FACTS,
    HIGHLIGHTS,
    HONORS,
    ICONS,
    NOTES,
    OWNER,
    PHONE,
    PUBLICATIONS,
    SECTIONS,
    SELECTED,
    SERVICES,
    VISION,
    Pub,
)
from cvbuild import BuiltHtml, BuiltPdf, copy_cv, normalize, sample_only
from pypdf import PdfReader

pytestmark = sample_only()


@pytest.fixture(scope="module")
def soup(cv_html: BuiltHtml) -> BeautifulSoup:
    return cv_html.soup


@pytest.fixture(scope="module")
def article(soup: BeautifulSoup) -> Tag:
    found = soup.find("article")
    assert isinstance(found, Tag)
    return found


def text_of(node: Tag) -> str:
    return re.sub(r"\s+", " ", normalize(node.get_text(""))).strip()


def section(article: Tag, title: str) -> Tag:
    for candidate in article.find_all("section"):
        heading = candidate.find(["h2"], recursive=False)
        if heading is not None and heading.get_text("", strip=True).rstrip("¶") == title:
            return candidate
    raise AssertionError(f"no section {title!r}")


def test_name_and_sections_in_order(article: Tag) -> None:
    h1 = article.find("h1")
    assert h1 is not None and h1.get_text("", strip=True).rstrip("¶") == OWNER
    headings = [h.get_text("", strip=True).rstrip("¶") for h in article.find_all("h2")]
    assert headings == SECTIONS


def test_contact_line(soup: BeautifulSoup, article: Tag) -> None:
    contact = article.select_one(".cv-contact")
    assert contact is not None
    text = text_of(contact)
    for fact in CONTACT:
        assert fact in text
    for icon in ["📍", "✉", "🔗", "🌐"]:
        assert icon in text
    hrefs = {a.get_text("", strip=True): a["href"] for a in contact.find_all("a")}
    assert hrefs["iseesaw.github.io"] == "https://iseesaw.github.io"
    assert hrefs["iseesaw"] == "https://github.com/iseesaw"
    # docutils obfuscates the address in the href; a browser decodes it.
    email = hrefs["zhang-ky22@mails.tsinghua.edu.cn"]
    assert email.startswith("mailto:")
    # The phone number is private: not on the web page at all, not even hidden.
    raw = str(soup)
    assert PHONE not in raw and "☎" not in raw
    assert "☎" in ICONS


def _entry_items(sec: Tag) -> list[Tag]:
    return [li for li in sec.find_all("li") if li.find("em")]


def _check_entry(li: Tag, pub: Pub) -> None:
    text = text_of(li)
    assert pub.title in text, (pub.title, text)
    names_part = text.split(pub.title)[0]
    names_part = names_part.replace(" (Project Lead)", "").rstrip(". ")
    names = [re.sub(r"^and ", "", n.strip()) for n in re.split(r",| and ", names_part)]
    names = [n for n in names if n]
    if pub.et_al:
        assert names[-1] == "et al", names
        names = names[:-1]
    else:
        assert "et al" not in names_part
    assert names == list(pub.authors), (pub.key, names)
    # The owner: one bold element, holding the co-first mark when there is one.
    strong = [normalize(s.get_text("", strip=True)) for s in li.find_all("strong")]
    expected_owner = next(a for a in pub.authors if a.rstrip("*") == OWNER)
    assert strong == [expected_owner], (pub.key, strong)
    assert ("(Project Lead)" in text) is pub.lead
    if pub.lead:
        assert f"{expected_owner} (Project Lead)" in text
    # Co-first marks are superscripts, one per marked author.
    assert len(li.find_all("sup")) == sum(a.endswith("*") for a in pub.authors)
    assert pub.venue in text


def test_highlights_in_order_with_full_author_lists(article: Tag) -> None:
    items = _entry_items(section(article, "Highlights"))
    assert len(items) == len(HIGHLIGHTS)
    for li, pub in zip(items, HIGHLIGHTS, strict=True):
        _check_entry(li, pub)


def test_selected_publications_in_order(article: Tag) -> None:
    items = _entry_items(section(article, "Selected Publications"))
    assert len(items) == len(SELECTED)
    for li, pub in zip(items, SELECTED, strict=True):
        _check_entry(li, pub)


def test_highlight_cards_hold_their_figures(article: Tag) -> None:
    cards = article.select(".cv-highlight")
    assert len(cards) == len(HIGHLIGHTS)
    text = text_of(section(article, "Highlights"))
    for fact in HIGHLIGHT_FACTS:
        assert fact in text, fact
    assert "700+ Stars on GitHub" in text_of(cards[0])
    assert "More than 30K downloads on Huggingface" in text_of(cards[4])


def test_legend_once_per_section_with_marks(article: Tag) -> None:
    for title in ["Highlights", "Selected Publications"]:
        legends = section(article, title).select(".cvbib-legend")
        assert [text_of(legend) for legend in legends] == ["* co-first authors"]
    assert len(article.select(".cvbib-legend")) == 2


@pytest.mark.parametrize(
    ("title", "facts"),
    [
        ("Vision towards AGI", VISION),
        ("Education", EDUCATION),
        ("Honors & Awards", HONORS),
        ("Services", SERVICES),
        ("Selected Publications", NOTES),
    ],
)
def test_section_facts(article: Tag, title: str, facts: list[str]) -> None:
    text = text_of(section(article, title))
    for fact in facts:
        assert fact in text, fact


def test_education_dates_are_marked_for_right_alignment(article: Tag) -> None:
    dates = [text_of(d) for d in article.select(".cv-dates")]
    assert dates == ["Sept 2022 – Jun 2026", "Sept 2020 – Jun 2022", "Sept 2016 – Jun 2020"]


def test_the_sample_as_json_resume_and_csl(cv_html: BuiltHtml) -> None:
    """The typed entries and the .bib, as data: the same facts as the page."""
    resume = json.loads((cv_html.outdir / "resume.json").read_text("utf-8"))
    education = [
        (e["institution"], e["studyType"], e["startDate"], e["endDate"])
        for e in resume["education"]
    ]
    assert education == EDUCATION_ENTRIES
    assert [e.get("advisor") for e in resume["education"]] == [*ADVISORS, None]
    assert [a["title"] for a in resume["awards"]] == HONORS
    assert resume["volunteer"] == [
        {"organization": "ICLR, NeurIPS, ACL, COLM, EMNLP, AACL, ICCV", "position": "Reviewer"}
    ]
    assert resume["basics"]["email"] == "zhang-ky22@mails.tsinghua.edu.cn"
    assert resume["basics"]["location"] == {"city": "Beijing"}
    assert "phone" not in resume["basics"]  # private, as on the page
    assert len(resume["publications"]) == len(PUBLICATIONS)
    csl = json.loads((cv_html.outdir / "publications.json").read_text("utf-8"))
    assert sorted(item["id"] for item in csl) == sorted(pub.key for pub in PUBLICATIONS)
    titles = {item["id"]: item["title"] for item in csl}
    assert all(titles[pub.key] == pub.title for pub in PUBLICATIONS)


def test_phone_shown_when_the_owner_asks(make_app, tmp_path: Path) -> None:
    srcdir = copy_cv(tmp_path / "cv")
    conf = srcdir / "conf.py"
    conf.write_text(
        conf.read_text("utf-8").replace("cv_show_private = False", "cv_show_private = True")
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    html = (Path(app.outdir) / "index.html").read_text("utf-8")
    assert PHONE in html and "☎" in html


# --- the sample's PDF ----------------------------------------------------------


def _variants(text: str) -> list[str]:
    """The PDF text without any whitespace: once with line-end hyphens kept, once joined.

    A line-end hyphen is either the word's own ("Qwen-2.5-" / "Math") or one
    TeX added ("Gener-" / "alists"); a fact is found if it reads right either way.
    """
    text = unicodedata.normalize("NFKC", normalize(text))
    joined = re.sub(r"-\n", "", text)
    return [re.sub(r"\s+", "", text), re.sub(r"\s+", "", joined)]


def assert_in_pdf(pdf: BuiltPdf, facts: list[str]) -> None:
    haystacks = _variants(pdf.text)
    missing = [f for f in facts if not any(re.sub(r"\s+", "", f) in h for h in haystacks)]
    assert not missing, missing


@pytest.mark.pdf
def test_pdf_name_of_the_sample(cv_pdf: BuiltPdf) -> None:
    assert cv_pdf.pdfs == ["kaiyan-zhang-cv.pdf"]
    assert PdfReader(cv_pdf.path).metadata.author == OWNER  # type: ignore[union-attr]


@pytest.mark.pdf
def test_every_fact_of_the_source_in_the_pdf(cv_pdf: BuiltPdf) -> None:
    assert_in_pdf(cv_pdf, [OWNER, *SECTIONS, *CONTACT, PHONE])
    assert_in_pdf(cv_pdf, VISION + EDUCATION + HIGHLIGHT_FACTS + HONORS + SERVICES + NOTES)
    assert_in_pdf(cv_pdf, [pub.title for pub in PUBLICATIONS])
    assert_in_pdf(cv_pdf, [pub.venue for pub in PUBLICATIONS])


def _author_pattern(pub: Pub) -> str:
    """The whole author list as the PDF shows it, whitespace removed.

    Marks and the role are part of it ("Kaiyan Zhang* (Project Lead)"); the word
    before the last name may be "and" (the style's), and "et al." ends a list
    that the source truncates.
    """
    names = [
        a + ("(Project Lead)" if pub.lead and a.rstrip("*") == OWNER else "") for a in pub.authors
    ]
    parts = [re.escape(re.sub(r"\s+", "", n)) for n in names]
    if pub.et_al:
        return ",".join(parts) + r",etal\."
    return ",".join(parts[:-1]) + ",(?:and)?" + parts[-1] + r"\."


@pytest.mark.pdf
def test_every_author_list_in_order_in_the_pdf(cv_pdf: BuiltPdf) -> None:
    haystacks = _variants(cv_pdf.text)
    missing = [
        pub.key
        for pub in PUBLICATIONS
        if not any(re.search(_author_pattern(pub), h) for h in haystacks)
    ]
    assert not missing, missing


#: What a text extractor reads in place of each contact icon (_latex/cvicons.sty),
#: and the contact detail it marks, as the source's contact line has them.
CONTACT_LINE = [
    ("Location:", "Beijing"),
    ("Email:", "zhang-ky22@mails.tsinghua.edu.cn"),
    ("Phone:", PHONE),
    ("Website:", "iseesaw.github.io"),
    ("Web:", "iseesaw"),
]


@pytest.mark.pdf
def test_icons_are_drawn_and_read_as_labels(cv_pdf: BuiltPdf) -> None:
    # No icon is a character of the text layer: a parser reads a label instead,
    # on the line under the name.
    assert not [icon for icon in ICONS if icon in cv_pdf.text]
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(cv_pdf.path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    expected = " · ".join(f"{label} {detail}" for label, detail in CONTACT_LINE)
    assert lines[:2] == [OWNER, expected]
    # Each icon is drawn: a filled outline just left of the detail it marks.
    with pdfplumber.open(cv_pdf.path) as document:
        page = document.pages[0]
        words = page.extract_words(x_tolerance=1)
        shapes = [*page.curves, *page.rects, *page.lines]
        start = next(i for i, w in enumerate(words) if w["text"].startswith("Location"))
        details = [w for w in words[start:] if w["text"] in {d for _, d in CONTACT_LINE}][:5]
        assert [w["text"] for w in details] == [d for _, d in CONTACT_LINE]
        for word in details:
            size = word["bottom"] - word["top"]
            drawn = [
                s
                for s in shapes
                if word["x0"] - 2 * size <= s["x0"] < word["x0"]
                and s["top"] < word["bottom"]
                and s["bottom"] > word["top"]
            ]
            assert drawn, f"no icon drawn before {word['text']}"


@pytest.mark.pdf
def test_owner_in_bold_in_the_pdf(cv_pdf: BuiltPdf) -> None:
    kaiyan = [w for w in cv_pdf.words if "Kaiyan" in str(w["text"])]
    bold = [w for w in kaiyan if "Bold" in str(w["fontname"])]
    regular = [w for w in kaiyan if "Bold" not in str(w["fontname"])]
    # The name at the top and all 18 publications; the rest is the page footer.
    assert len(bold) == 1 + len(PUBLICATIONS)
    assert len(regular) == len(cv_pdf.pages)


@pytest.mark.pdf
def test_clickable_contact_links(cv_pdf: BuiltPdf) -> None:
    reader = PdfReader(cv_pdf.path)
    uris = {
        str(annotation.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object() and "/URI" in annotation.get_object()["/A"]
    }
    assert "mailto:zhang-ky22@mails.tsinghua.edu.cn" in uris
    assert {"https://iseesaw.github.io", "https://github.com/iseesaw"} <= uris
