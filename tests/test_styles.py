"""Tests of the ``cv`` pybtex style (``cvbib.style.cv``), independent of Sphinx.

Entries are parsed from small bib strings and formatted with ``CvStyle``; the
rendered plain text is compared exactly, since it is what a reader of the CV sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import docutils.nodes
import pybtex.plugin
import pybtex_docutils
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pybtex.database import BibliographyData, Entry, Person, parse_string
from pybtex.richtext import Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import FieldIsMissing

from cvbib.style import (
    CvStyle,
    author_list,
    generic_template,
    register_styles,
)
from cvbib.text import safe_url

SAFE_HREF = re.compile(r"^(https?|mailto):", re.IGNORECASE)


def format_bib(bib: str, style: CvStyle | None = None) -> list[FormattedEntry]:
    """Parse *bib* and format all its entries, in file order."""
    data = parse_string(bib, "bibtex")
    return list((style or CvStyle()).format_entries(data.entries.values()))


def render(bib: str, backend: str = "text") -> str:
    """The rendering of the single entry in *bib*."""
    (entry,) = format_bib(bib)
    return str(entry.text.render_as(backend))


def docutils_references(formatted: FormattedEntry) -> list[docutils.nodes.reference]:
    """The ``reference`` nodes of the entry as pybtex-docutils renders it for Sphinx."""
    paragraph = pybtex_docutils.Backend().paragraph(formatted)
    assert isinstance(paragraph, docutils.nodes.paragraph)
    return list(paragraph.findall(docutils.nodes.reference))


# ---------------------------------------------------------------------------
# The CV's examples, exactly

CRASH_TITLE = (
    "CRaSh: Clustering, Removing, and Sharing Enhance Fine-tuning without Full Large Language Model"
)


def test_inproceedings_reads_authors_title_venue_year() -> None:
    bib = f"""@inproceedings{{k1, author={{Kaiyan Zhang and Ning Ding and Bowen Zhou}},
        title={{{CRASH_TITLE}}}, booktitle={{EMNLP}}, year={{2023}}}}"""
    assert render(bib) == f"Kaiyan Zhang, Ning Ding, and Bowen Zhou. {CRASH_TITLE}. EMNLP 2023."


def test_note_follows_venue_and_year_in_parentheses() -> None:
    bib = """@inproceedings{k2, author={Ann Lee and Bo Chen}, title={A Title},
        booktitle={NeurIPS}, year={2024}, note={Spotlight}}"""
    assert render(bib) == "Ann Lee and Bo Chen. A Title. NeurIPS 2024 (Spotlight)."


def test_title_ending_in_question_mark_gets_no_period() -> None:
    bib = """@inproceedings{k, author={Ann Lee},
        title={How to Synthesize Text Data without Model Collapse?},
        booktitle={ICML}, year={2025}}"""
    assert render(bib) == (
        "Ann Lee. How to Synthesize Text Data without Model Collapse? ICML 2025."
    )


@pytest.mark.parametrize("pubstate", ["Preprint", "Under Review"])
def test_misc_with_pubstate_shows_it_as_written(pubstate: str) -> None:
    bib = f"""@misc{{k3, author={{Yuxin Zuo and Kaiyan Zhang}},
        title={{TTRL: Test-Time Reinforcement Learning}}, pubstate={{{pubstate}}}}}"""
    assert render(bib) == (
        f"Yuxin Zuo and Kaiyan Zhang. TTRL: Test-Time Reinforcement Learning. {pubstate}."
    )


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("inpreparation", "In preparation"),
        ("submitted", "Submitted"),
        ("forthcoming", "Forthcoming"),
        ("inpress", "In press"),
        ("prepublished", "Preprint"),
        ("InPress", "In press"),
    ],
)
def test_biblatex_pubstate_keys_are_spelled_out(key: str, shown: str) -> None:
    assert render(f"@misc{{k, title={{T}}, pubstate={{{key}}}}}") == f"T. {shown}."


def test_pubstate_comes_after_the_venue_and_the_year_last() -> None:
    bib = "@inproceedings{k, title={T}, booktitle={ICLR}, pubstate={Under Review}, year=2025}"
    assert render(bib) == "T. ICLR, Under Review, 2025."


def test_titles_keep_their_case() -> None:
    bib = "@misc{k, title={TTRL: Test-Time Reinforcement Learning}}"
    assert render(bib) == "TTRL: Test-Time Reinforcement Learning."
    # what the CV must not look like: pybtex's plain style sentence-cases titles
    (plain,) = pybtex.plugin.find_plugin("pybtex.style.formatting", "plain")().format_entries(
        parse_string(bib, "bibtex").entries.values()
    )
    assert "Ttrl" in plain.text.render_as("text")


def test_title_is_in_italics_and_the_period_outside_them() -> None:
    html = render("@misc{k, author={Ann Lee}, title={TTRL: Test-Time RL}, year=2025}", "html")
    assert "<em>TTRL: Test-Time RL</em>." in html


def test_title_latex_is_decoded_not_emitted_raw() -> None:
    bib = r"@misc{k, title={{\"U}ber {GPU}s \& Co: 100\% <script>x</script>}}"
    # an HTML tag that is not formatting is dropped, its text kept
    assert render(bib) == "Über GPUs & Co: 100% x."
    html = render(bib, "html")
    assert "<script>" not in html


# ---------------------------------------------------------------------------
# Names


def format_names(persons: list[str], **kwargs: Any) -> str:
    """``author_list`` applied to *persons* (a trailing "others" included as BibTeX has it)."""
    entry = Entry("misc", persons={"author": [Person(name) for name in persons]})
    context = {"entry": entry, "style": CvStyle(), "bib_data": None}
    template = author_list("author", **kwargs)
    return str(template.format_data(context).render_as("text"))


SEPS = {"sep": ", ", "sep2": " and ", "last_sep": ", and "}


@pytest.mark.parametrize(
    ("persons", "expected"),
    [
        (["Ann Lee", "others"], "Ann Lee et al."),
        (["Ann Lee", "Bo Chen", "others"], "Ann Lee, Bo Chen, et al."),
        (["Ann Lee", "Bo Chen", "Cy Dee", "others"], "Ann Lee, Bo Chen, Cy Dee, et al."),
        (["others"], "et al."),
        (["Ann Lee"], "Ann Lee"),
        (["Ann Lee", "Bo Chen"], "Ann Lee and Bo Chen"),
        (["Ann Lee", "Bo Chen", "Cy Dee"], "Ann Lee, Bo Chen, and Cy Dee"),
    ],
)
def test_author_list(persons: list[str], expected: str) -> None:
    assert format_names(persons, **SEPS) == expected


def test_author_list_defaults_to_comma_separator() -> None:
    assert format_names(["Ann Lee", "Bo Chen", "others"]) == "Ann Lee, Bo Chen, et al."


def test_author_list_raises_field_is_missing_like_names() -> None:
    context = {"entry": Entry("misc"), "style": CvStyle(), "bib_data": None}
    with pytest.raises(FieldIsMissing):
        author_list("author").format_data(context)


def test_and_others_in_a_parsed_entry() -> None:
    bib = "@misc{k, author={Ann Lee and Bo Chen and Cy Dee and others}, title={T}}"
    assert render(bib) == "Ann Lee, Bo Chen, Cy Dee, et al. T."
    assert render("@misc{k, author={Ann Lee and others}, title={T}}") == "Ann Lee et al. T."


def test_every_real_person_goes_through_style_format_name() -> None:
    """Another part of cvbib bolds the CV's owner by wrapping ``format_name``."""
    style = CvStyle()
    original = style.format_name
    seen: list[str] = []

    def bold_owner(person: Person, abbr: bool = False) -> Any:
        seen.append(str(person))
        formatted = original(person, abbr)
        return Tag("strong", formatted.format()) if person.last_names == ["Zhang"] else formatted

    style.format_name = bold_owner  # type: ignore[method-assign]
    bib = "@misc{k, author={Kaiyan Zhang and Ning Ding and others}, title={T}}"
    (entry,) = format_bib(bib, style)
    assert seen == ["Zhang, Kaiyan", "Ding, Ning"]  # not "others"
    assert entry.text.render_as("html").startswith(
        "<strong>Kaiyan Zhang</strong>, Ning Ding, et al."
    )


def test_editors_stand_in_for_missing_authors() -> None:
    bib = "@book{k, editor={Ann Lee and Bo Chen}, title={Edited}, publisher={Pub}, year=2019}"
    assert render(bib) == "Ann Lee and Bo Chen, editors. Edited. Pub, 2019."
    assert render("@book{k, editor={Ann Lee}, title={E}}") == "Ann Lee, editor. E."
    with_authors = "@incollection{k, author={Cy Dee}, editor={Ann Lee}, title={C}, booktitle={B}}"
    assert render(with_authors) == "Cy Dee. C. B."


def test_format_names_is_a_sentence_unless_told_otherwise() -> None:
    entry = Entry("misc", persons={"author": [Person("Ann Lee"), Person("Bo Chen")]})
    style = CvStyle()
    context = {"entry": entry, "style": style, "bib_data": None}
    as_sentence = style.format_names("author").format_data(context)
    assert as_sentence.render_as("text") == "Ann Lee and Bo Chen."
    as_list = style.format_names("author", as_sentence=False).format_data(context)
    assert as_list.render_as("text") == "Ann Lee and Bo Chen"


# ---------------------------------------------------------------------------
# Venue, year, note


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("booktitle={B}, journal={J}", "T. B 2020."),
        ("journaltitle={JT}, publisher={P}", "T. JT, 2020."),
        # A @misc at an event is a talk: event, then date ("LHC Workshop, 2023").
        ("eventtitle={Ev}", "T. Ev, 2020."),
        ("howpublished={Blog}", "T. Blog, 2020."),
        ("institution={MIT}, publisher={P}", "T. MIT, 2020."),
        ("school={CMU}", "T. CMU, 2020."),
        ("organization={ACL}", "T. ACL, 2020."),
        ("publisher={Springer}", "T. Springer, 2020."),
        ("booktitle={}, journal={J}", "T. J, 2020."),
    ],
)
def test_venue_is_the_first_present_field(fields: str, expected: str) -> None:
    assert render(f"@misc{{k, title={{T}}, {fields}, year=2020}}") == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ("volume={12}, number={3}, pages={45--67}", "Journal 12(3):45–67, 2020."),
        ("volume={12}, pages={45-67}", "Journal 12:45–67, 2020."),
        ("volume={12}, number={3}", "Journal 12(3), 2020."),
        ("pages={45--67}", "Journal, pages 45–67, 2020."),
        ("", "Journal, 2020."),
    ],
)
def test_article_volume_number_pages_are_compact(fields: str, expected: str) -> None:
    bib = f"@article{{k, title={{T}}, journal={{Journal}}, year={{2020}}, {fields}}}"
    assert render(bib) == f"T. {expected}"


def test_journaltitle_of_a_biblatex_article_gets_details_too() -> None:
    bib = "@article{k, title={T}, journaltitle={J}, volume=7, date={2021-03-04}}"
    assert render(bib) == "T. J 7, 2021."


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        ("2024-05-01", "2024"),
        ("2024-05", "2024"),
        ("2024", "2024"),
        ("2023/2024", "2023/2024"),
        ("2024-01-01/2024-06-30", "2024"),
        ("2024/", "2024/"),
        ("2024~", "2024~"),
        ("2024-21", "2024"),
        ("circa 2024", "circa 2024"),
    ],
)
def test_year_from_biblatex_date(date: str, shown: str) -> None:
    assert render(f"@online{{k, title={{T}}, date={{{date}}}}}") == f"T. {shown}."


def test_year_field_wins_over_date() -> None:
    assert render("@misc{k, title={T}, year={2022}, date={2024-05-01}}") == "T. 2022."


def test_year_is_not_repeated_or_run_into_a_number() -> None:
    assert render("@misc{k, title={T}, booktitle={ICML 2025}, year=2025}") == "T. ICML 2025."
    bib = "@misc{k, title={T}, journal={arXiv preprint arXiv:2504.16084}, year=2025}"
    assert render(bib) == "T. arXiv:2504.16084, 2025."


def test_note_alone_is_not_parenthesised() -> None:
    assert render("@misc{k, title={T}, note={Invited talk}}") == "T. Invited talk."


# ---------------------------------------------------------------------------
# Links: not in the text line (they are buttons and labels; see test_identifiers)


@pytest.mark.parametrize(
    "fields",
    [
        "doi={10.1000/abc\\_1}",
        "eprint={2504.16084}, archivePrefix={arXiv}",
        "url={https://example.org/~me/a\\_b%20c}",
        "url={javascript:alert(1)}",
    ],
)
def test_links_are_not_printed_in_the_text_line(fields: str) -> None:
    bib = f"@misc{{k, title={{T}}, year=2020, {fields}}}"
    text = render(bib)
    assert text in ("T. 2020.", "T. arXiv:2504.16084, 2020.")
    assert "<a" not in render(bib, "html")


def test_docutils_paragraph_has_only_safe_references() -> None:
    bib = r"""
    @misc{b, title={T}, url={javascript:alert(1)}}
    @misc{d, title={\href{javascript:alert(1)}{click} \href{https://ok.example}{ok}}}
    """
    refuris = [
        reference["refuri"]
        for formatted in format_bib(bib)
        for reference in docutils_references(formatted)
    ]
    assert all(SAFE_HREF.match(uri) for uri in refuris), refuris


def test_docutils_paragraph_has_emphasis_for_the_title() -> None:
    (formatted,) = format_bib("@misc{k, author={Ann Lee}, title={T}, year=2020}")
    paragraph = pybtex_docutils.Backend().paragraph(formatted)
    (emphasis,) = paragraph.findall(docutils.nodes.emphasis)
    assert emphasis.astext() == "T"
    assert paragraph.astext() == "Ann Lee. T. 2020."


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a?b=c#d", "https://example.org/a?b=c#d"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("  https://example.org \n", "https://example.org"),
        ("mailto:me@example.org", "mailto:me@example.org"),
        ("MailTo:me@example.org", "MailTo:me@example.org"),
        ("javascript:alert(1)", None),
        ("  javascript:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("\x00javascript:alert(1)", None),
        ("https://exa\nmple.org", None),
        ("data:text/html,x", None),
        ("file:///etc/passwd", None),
        ("ftp://example.org", None),
        ("//example.org", None),
        ("example.org", None),
        ("", None),
        ("   ", None),
        ("https", None),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert safe_url(url) == expected


# ---------------------------------------------------------------------------
# Any type, any missing field

TYPES = [
    "article",
    "book",
    "booklet",
    "inbook",
    "incollection",
    "inproceedings",
    "conference",
    "manual",
    "mastersthesis",
    "phdthesis",
    "misc",
    "techreport",
    "unpublished",
    "online",
    "report",
    "thesis",
    "dataset",
    "software",
    "set",
    "patent",
    "collection",
    "proceedings",
    "periodical",
    "whatever",
]


#: What a thesis says of itself before its venue.
THESIS_KINDS = {
    "phdthesis": "PhD thesis, ",
    "mastersthesis": "Master's thesis, ",
    "thesis": "Thesis, ",
}


#: What software and data say of themselves before their venue.
RELEASE_KINDS = {"software": "Software, ", "dataset": "Dataset, "}


@pytest.mark.parametrize("entry_type", TYPES)
def test_every_type_renders(entry_type: str) -> None:
    bib = f"""@{entry_type}{{k, author={{Ann Lee and others}}, title={{A Title}},
        journaltitle={{Venue}}, date={{2024-05-01}}, pubstate={{submitted}}}}"""
    kind = THESIS_KINDS.get(entry_type, "") or RELEASE_KINDS.get(entry_type, "")
    assert render(bib) == f"Ann Lee et al. A Title. {kind}Venue, Submitted, 2024."


@pytest.mark.parametrize("entry_type", TYPES)
def test_every_type_renders_with_only_a_key(entry_type: str) -> None:
    assert render(f"@{entry_type}{{only-a-key,}}") == "[only-a-key]"


def test_only_a_title_or_only_authors() -> None:
    assert render("@patent{k, title={Only a Title}}") == "Only a Title."
    assert render("@report{k, author={Ann Lee and Bo Chen}}") == "Ann Lee and Bo Chen."
    # A URL alone is a link button, not text: the entry shows as its key.
    assert render("@misc{k, url={https://example.org}}") == "[k]"


def test_entry_without_key_shows_its_type() -> None:
    assert str(CvStyle().format_entry("1", Entry("dataset")).text) == "[@dataset]"


def test_generic_template_serves_another_style() -> None:
    """cvbib's fallback when pybtex's own styles fail on a type they do not know."""
    style = UnsrtStyle()
    entry = parse_string(
        "@report{k, author={Ann Lee}, title={TTRL: Web}, url={https://x.org}}", "bibtex"
    ).entries["k"]
    with pytest.raises(AttributeError):
        style.format_entry("1", entry)
    context = {"entry": entry, "style": style, "bib_data": None}
    text = generic_template(style, entry).format_data(context)
    assert text.render_as("text") == "Ann Lee. TTRL: Web."


def test_crossref_fields_are_followed_when_bib_data_is_given() -> None:
    data = parse_string(
        """@inproceedings{k, title={T}, crossref={proc}}
        @proceedings{proc, booktitle={EMNLP}, year=2023}""",
        "bibtex",
    )
    formatted = CvStyle().format_entry("1", data.entries["k"], bib_data=data)
    assert formatted.text.render_as("text") == "T. EMNLP 2023."


def test_no_sorting_and_numeric_labels() -> None:
    bib = "@misc{zz, title={Z}} @misc{aa, title={A}, year=1999} @misc{mm, title={M}}"
    formatted = format_bib(bib)
    assert [entry.key for entry in formatted] == ["zz", "aa", "mm"]
    assert [entry.label for entry in formatted] == ["1", "2", "3"]


def test_format_bibliography() -> None:
    data = parse_string("@misc{b, title={B}} @misc{a, title={A}}", "bibtex")
    bibliography = CvStyle().format_bibliography(data)
    assert [entry.text.render_as("text") for entry in bibliography] == ["B.", "A."]


def test_subclass_can_special_case_a_type() -> None:
    class Special(CvStyle):
        def get_patent_template(self, entry: Entry) -> Any:
            return self.format_names("author")

    entry = Entry("patent", fields={"title": "T"}, persons={"author": [Person("Ann Lee")]})
    assert Special().format_entry("1", entry).text.render_as("text") == "Ann Lee."


def test_register_styles_is_idempotent() -> None:
    register_styles()
    register_styles()
    assert pybtex.plugin.find_plugin("pybtex.style.formatting", "cv") is CvStyle


# ---------------------------------------------------------------------------
# Nothing in a field makes formatting fail

NASTY_PIECES = [
    "{",
    "}",
    "\\",
    "\\\\",
    "$",
    "$x^2$",
    "%",
    "#",
    "&",
    "~",
    "_",
    "^",
    "--",
    "-",
    "?",
    ".",
    " ",
    "\n",
    "\t",
    "\x00",
    "<script>alert(1)</script>",
    "\\href{javascript:alert(1)}{x}",
    "\\url{",
    '{\\"u}',
    "\\emph{",
    "javascript:",
    "java\nscript:",
    "data:text/html,",
    "https://",
    "mailto:",
    "doi:",
    "arXiv:",
    "10.1000/x",
    "2024",
    "-05-01",
    "/",
    "others",
    " and ",
    "é",
    "\u202e",
]

nasty_text = st.one_of(
    st.lists(st.sampled_from(NASTY_PIECES), max_size=8).map("".join),
    st.text(max_size=30),
)


@st.composite
def nasty_entries(draw: st.DrawFn) -> Entry:
    """Entries built directly (no bib parser to reject them) with hostile field values."""
    fields = {
        name: draw(nasty_text)
        for name in ("title", "booktitle", "url", "doi", "note", "journal", "pages", "date")
        if draw(st.booleans())
    }
    if draw(st.booleans()):
        fields["eprint"] = draw(nasty_text)
        fields["eprinttype"] = draw(st.sampled_from(["arxiv", "arXiv", "pubmed", ""]))
    if draw(st.booleans()):
        fields["pubstate"] = draw(st.one_of(st.sampled_from(["inpress", "submitted"]), nasty_text))
    if draw(st.booleans()):
        fields["volume"] = draw(nasty_text)
        fields["number"] = draw(nasty_text)
    persons = {}
    if draw(st.booleans()):
        names = draw(
            st.lists(st.sampled_from(["Ann Lee", "others", "Lee, Ann", "{\\'E}mile Zola"]))
        )
        persons["author"] = [Person(name) for name in names]
    entry = Entry(draw(st.sampled_from(TYPES)), fields=fields, persons=persons)
    entry.key = draw(st.one_of(st.none(), st.text(max_size=10)))
    return entry


def all_hrefs(html: str) -> Iterator[str]:
    """The href of every link in *html*; fails on a link tag of any other shape."""
    links = re.findall(r'<a href="([^"<>\s]*)">', html)
    assert len(links) == html.count("<a"), html
    yield from links


@settings(max_examples=200, deadline=None)
@given(entry=nasty_entries())
def test_hostile_fields_never_make_formatting_fail(entry: Entry) -> None:
    (formatted,) = CvStyle().format_entries([entry])
    text = formatted.text
    assert text.render_as("text")  # never silently empty
    assert "<script>" not in text.render_as("html")
    for href in all_hrefs(text.render_as("html")):
        assert SAFE_HREF.match(href), href
    text.render_as("latex")
    text.render_as("markdown")
    for reference in docutils_references(formatted):
        assert safe_url(reference["refuri"]) == reference["refuri"]


@settings(max_examples=100, deadline=None)
@given(url=st.one_of(nasty_text, st.text()))
def test_safe_url_accepts_only_safe_schemes(url: str) -> None:
    result = safe_url(url)
    if result is not None:
        assert SAFE_HREF.match(result)
        assert result == url.strip()
        assert not re.search(r"[\x00-\x1f\x7f]", result)


def test_bibliography_data_with_every_example_renders() -> None:
    """Formatting a whole file in one go, as sphinxcontrib-bibtex does."""
    data = BibliographyData()
    for index, entry_type in enumerate(TYPES):
        data.add_entry(f"k{index}", Entry(entry_type, fields={"title": f"T{index}"}))
    texts = [entry.text for entry in CvStyle().format_bibliography(data)]
    kinds = THESIS_KINDS | RELEASE_KINDS
    expected = [
        f"T{index}. {kinds[kind][:-2]}." if kind in kinds else f"T{index}."
        for index, kind in enumerate(TYPES)
    ]
    assert [text.render_as("text") for text in texts] == expected
    assert all(isinstance(text, Text) for text in texts)
