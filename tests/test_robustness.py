"""Real-world and hostile ``.bib`` input: clear messages, no lost entries, safe output.

One root per failure kind (``tests/roots/test-bad-<kind>``). Each test builds
its root and checks three things: the build finishes, the warning says where
(file and line), which entry and what to do, with its ``[cvbib.<subtype>]``
suffix, and every *other* entry is on the page. The property tests at the end
feed random text to the name matcher, the annotation parser and the whole
read-mark-format path, which must never raise.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from bs4 import Tag
from cvbib_roots import Built, build
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvbib.bib import read_bibfiles
from cvbib.people import InvalidName, OwnerMatcher, compute_marks, matcher_for
from cvbib.settings import CvbibConfig
from cvbib.style import MarkedStyle

STYLES = ["plain", "cv"]


def titles(built: Built) -> set[str]:
    """The title words of every entry, lower-cased (pybtex's plain style sentence-cases)."""
    return {text.lower() for text in built.texts()}


def has_title(built: Built, title: str) -> bool:
    return any(title.lower() in text for text in titles(built))


def only_warning(built: Built, subtype: str) -> str:
    """The build's single warning, which must be of *subtype*."""
    assert built.subtypes() == [f"cvbib.{subtype}"], built.warnings
    return built.warnings[0]


# --- reading ---------------------------------------------------------------


@pytest.mark.parametrize("style", STYLES)
def test_syntax_error_loses_only_the_broken_entry(make_app, tmp_path: Path, style: str) -> None:
    built = build(make_app, "bad-syntax", tmp_path, bibtex_default_style=style)
    # pybtex's plain style needs the journal the kept entry lacks: cvbib's form shows it.
    fallback = ["cvbib.style_fallback"] if style == "plain" else []
    expected = ["cvbib.syntax_error", "cvbib.syntax_repaired", *fallback]
    assert built.subtypes() == expected, built.warnings
    unbalanced, nocomma = built.warnings[:2]
    assert "refs.bib:11:" in unbalanced
    assert "entry 'unbalanced' (line 11)" in unbalanced
    assert "field 'title'" in unbalanced and "the entry was skipped" in unbalanced
    assert "balance its braces" in unbalanced
    # Only a comma is missing: the entry is read as meant, and kept.
    assert "refs.bib:27:" in nocomma and "entry 'nocomma' (line 25)" in nocomma
    assert "no comma between field 'author' and field 'title'" in nocomma
    assert "add the missing comma" in nocomma
    assert len(built.items()) == 4
    for title in (
        "First Readable Paper",
        "Second Readable Paper",
        "Missing Comma Paper",
        "Third Readable Paper",
    ):
        assert has_title(built, title)


def test_undefined_macro_becomes_empty_text(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-macro", tmp_path)
    warning = only_warning(built, "undefined_macro")
    assert "refs.bib:13:" in warning and "entry 'undefined' (line 10)" in warning
    assert "macro 'jnowhere'" in warning and "replaced by empty text" in warning
    assert '@string{jnowhere = "..."}' in warning and "journal = {jnowhere}" in warning
    assert len(built.items()) == 3
    undefined = built.item("Undefined Macro Paper")
    assert "jnowhere" not in undefined.get_text()
    assert "Journal of Tests Letters" in built.item("After The Macro").get_text()
    assert "Journal of Tests" in built.item(". Defined Macro").get_text()


def test_duplicate_field_keeps_the_first_value(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-duplicate-field", tmp_path)
    warning = only_warning(built, "duplicate_field")
    assert "refs.bib:6:" in warning and "entry 'twice' (line 1)" in warning
    assert "field 'year' appears again on line 6 (first on line 5)" in warning
    assert "the first value was kept" in warning and "delete the one you do not want" in warning
    assert len(built.items()) == 2
    twice = built.item("Given Twice").get_text()
    assert "2020" in twice and "1999" not in twice
    assert has_title(built, "Fields Given Once")


def test_duplicate_key_keeps_the_first_entry(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-duplicate-key", tmp_path)
    warning = only_warning(built, "duplicate_key")
    assert "refs.bib:15:" in warning and "entry 'Zhang2020' (line 15)" in warning
    assert "same key as the entry at line 1" in warning
    assert "rename or delete one of them" in warning
    assert len(built.items()) == 2
    assert has_title(built, "The First Entry With This Key")
    assert has_title(built, "An Unrelated Entry")
    assert not has_title(built, "The Second Entry")


def test_missing_bib_file_is_named_and_the_others_are_read(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-missing-bib", tmp_path)
    warning = only_warning(built, "bibfile_missing")
    assert re.search(r"WARNING: \S*missing\.bib: the bibliography file does not exist", warning)
    assert "check the path in `bibtex_bibfiles` in conf.py" in warning
    assert len(built.items()) == 1
    assert has_title(built, "A Paper In The Present File")


def test_only_bib_file_missing_still_builds_the_page(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-missing-bib", tmp_path, bibtex_bibfiles=["missing.bib"])
    assert built.subtypes() == ["cvbib.bibfile_missing"], built.warnings
    assert built.items() == []
    assert "Missing bib file" in built.soup().get_text()


def test_unreadable_bib_file_is_named_and_the_others_are_read(make_app, tmp_path: Path) -> None:
    """A directory where a file should be: cannot be read, and says so."""
    built = build(make_app, "bad-missing-bib", tmp_path, bibtex_bibfiles=["refs.bib", "."])
    warning = only_warning(built, "bibfile_unreadable")
    assert "the bibliography file cannot be read (Is a directory)" in warning
    assert "fix `bibtex_bibfiles` in conf.py" in warning
    assert [text.lower() for text in built.texts()] == [
        "kaiyan zhang. a paper in the present file. journal of tests, 2020."
    ]


def test_file_not_in_utf8_is_read_and_named(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-encoding", tmp_path)
    warning = only_warning(built, "bibfile_encoding")
    assert "refs.bib:4:" in warning and "not valid UTF-8: byte 0xE9 on line 4" in warning
    assert "read as Windows-1252" in warning
    assert "iconv -f cp1252 -t utf-8" in warning and "bibtex_encoding" in warning
    assert len(built.items()) == 2
    latin = built.item("Society").get_text()
    assert "José García" in latin and "Café" in latin
    assert has_title(built, "Plain ASCII Paper")


def test_unknown_keys_and_malformed_citations(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-unknown-key", tmp_path)
    assert sorted(built.subtypes()) == ["cvbib.bad_citation"] + ["cvbib.key_not_found"] * 4
    by_key = {key: [w for w in built.warnings if f"'{key}'" in w] for key in (
        "nosuchkey", "alsomissing", "Known", "missingkey"
    )}  # fmt: skip
    for key, found in by_key.items():
        assert len(found) == 1, (key, built.warnings)
        assert "is in none of the bibliography files (refs.bib)" in found[0]
        assert "correct the key, or add its entry" in found[0]
    assert "index.rst:4:" in by_key["nosuchkey"][0]
    assert "index.rst:7:" in by_key["missingkey"][0]
    assert "(did you mean 'known'?)" in by_key["Known"][0]
    (malformed,) = built.of("bad_citation")
    assert "index.rst:4:" in malformed and "{see known" in malformed
    assert "write the keys separated by commas" in malformed
    # No second, untyped report of the same keys by sphinxcontrib-bibtex.
    assert not [w for w in built.warnings if "bibtex.key_not_found" in w]
    # Every entry is in the bullet list; the known citation resolves.
    assert len(built.items()) == 2
    paragraph = built.soup().select_one("div.body p")
    assert paragraph is not None
    text = paragraph.get_text(" ", strip=True)
    assert "[nosuchkey]" in text and ":cite:p:`{see known`" in text
    citations = paragraph.select("span.bibtex-citation a")
    assert len(citations) == 2  # "known" twice: alone, and with "alsomissing" dropped


# --- biblatex --------------------------------------------------------------


TYPE_TITLES = [
    "A Known Article Type",
    "An Online Resource",
    "A Technical Report",
    "A Doctoral Thesis",
    "A Dataset of Tests",
    "A Software Tool",
    "An Unpublished Draft",
    "An Entry Of A Made-Up Type",
]


@pytest.mark.parametrize("style", STYLES)
def test_unknown_entry_types_render_generically(make_app, tmp_path: Path, style: str) -> None:
    built = build(make_app, "bad-types", tmp_path, bibtex_default_style=style)
    assert len(built.items()) == 9
    for title in TYPE_TITLES:
        assert has_title(built, title), title
    assert "[bundle] (entry set: report, thesis)" in built.texts()
    # An @set has no authors by nature and gets no owner warning; nothing else
    # may warn, except where a pybtex style has no template and the entry falls
    # back to the generic form.
    allowed = {"cvbib.style_fallback"} if style == "plain" else set()
    for warning, subtype in zip(built.warnings, built.subtypes(), strict=True):
        assert subtype in allowed, warning
        assert re.search(r"refs\.bib:\d+: WARNING: entry '\w+': ", warning), warning
        assert "generic form" in warning
    if style == "plain":
        fallbacks = {re.search(r"entry '(\w+)'", w)[1] for w in built.of("style_fallback")}  # type: ignore[index]
        assert fallbacks == {"report", "thesis", "unpublished", "bundle", "whatever"}
        for warning in built.of("style_fallback"):
            if "entry 'unpublished'" in warning:  # plain's @unpublished requires a note
                assert "without the field 'note'" in warning
            else:
                assert "style has no template for @" in warning


def test_unknown_entry_types_in_latex(make_app, tmp_path: Path) -> None:
    built = build(make_app, "bad-types", tmp_path, "latex", bibtex_default_style="cv")
    tex = built.tex()
    for title in TYPE_TITLES:
        assert title in tex, title


def _links(li: Tag) -> list[str]:
    """The external links of an entry (not the title's link to the entry's own page)."""
    return [
        str(a.get("href")) for a in li.find_all("a") if "internal" not in (a.get("class") or [])
    ]


@pytest.mark.parametrize("style", STYLES)
def test_biblatex_fields_are_shown(make_app, tmp_path: Path, style: str) -> None:
    built = build(make_app, "bad-biblatex", tmp_path, bibtex_default_style=style)
    assert built.warnings == []
    assert len(built.items()) == 2
    entry = built.item("Biblatex Article")
    text = entry.get_text(" ", strip=True)
    assert "Journal of Biblatex" in text  # journaltitle
    assert "2025" in text  # date
    # A journal article's arXiv eprint is a link button, not its venue; its DOI
    # wins only over a url that resolves to the same object, and example.org
    # is no landing page of the DOI's: both are links.
    if style == "cv":
        assert "arXiv" not in text
    links = _links(built.entry("Biblatex Article"))
    assert "https://arxiv.org/abs/2504.16084" in links
    assert "https://doi.org/10.1000/xyz123" in links
    assert "https://example.org/biblatex" in links
    if style == "cv":
        assert "Submitted" in text  # pubstate: pybtex's styles have no place for it
    else:
        assert "January 2025" in text  # the month of the date, as BibTeX's month
    assert "Journal of BibTeX" in built.item("BibTeX Article").get_text()


# --- safe output -------------------------------------------------------------


UNSAFE_COUNT = 8


def assert_unsafe_urls_warned(built: Built) -> None:
    """The two unsafe ``url`` fields are left out, each with a warning saying so."""
    warned = built.of("unsafe_url")
    assert len(warned) == 2, built.warnings
    # The rest: only the TeX primitives of 'texinject', named as unknown macros.
    others = [w for w in built.warnings if w not in warned]
    assert all("[cvbib.unknown_macro]" in w for w in others), others
    assert any("jsurl" in w and "javascript:alert(document.cookie)" in w for w in warned)
    assert any("dataurl" in w and "data:text/html" in w for w in warned)
    assert all("write the full https:// address" in w for w in warned)


@pytest.mark.parametrize("style", STYLES)
def test_unsafe_text_and_links_in_html(make_app, tmp_path: Path, style: str) -> None:
    built = build(make_app, "bad-unsafe", tmp_path, bibtex_default_style=style)
    assert_unsafe_urls_warned(built)
    items = built.items()
    assert len(items) == UNSAFE_COUNT
    for li in built.soup().select("div.body li[id]"):
        assert li.find(["script", "img", "iframe", "object"]) is None, li
        for anchor in li.find_all("a"):
            href = str(anchor.get("href"))
            if "internal" in (anchor.get("class") or []):  # the title, to the entry's page
                assert re.fullmatch(r"pub/[\w.-]+\.html", href), href
                continue
            assert href.startswith(("https://", "http://", "mailto:")), href
            assert set(anchor.attrs) <= {"class", "href"}, anchor.attrs
    script = built.item('alert("title")').get_text()
    # HTML tags in a field are dropped (their text kept), never run or shown raw.
    assert 'with alert("title") in it' in script.lower() and "<script>" not in script
    assert "<img" not in script and "& ampersand" in script
    for word in ("Javascript URL", "Data URL", "Howpublished"):
        li = built.entry(word)
        assert _links(li) == [], (word, _links(li))
    assert "javascript:alert(2)" in built.item("Howpublished").get_text()  # a venue, as text
    # The DOI and a url beside it that is not the DOI's landing page: two links.
    expected = {"https://doi.org/10.1000/safe", "https://example.org/safe"}
    assert set(_links(built.entry("Safe Link"))) == expected
    inject = built.item("Inject").get_text()
    assert "\\" not in inject and "rm -rf" in inject  # commands dropped, text kept


#: TeX primitives and commands a title tries to run; in the output none may be
#: a command (``\input``): the decoder drops them and keeps their text.
INJECTED = ("input", "immediate", "write", "def", "catcode", "csname", "endcsname")


@pytest.mark.parametrize("style", STYLES)
def test_unsafe_text_and_links_in_latex(make_app, tmp_path: Path, style: str) -> None:
    built = build(make_app, "bad-unsafe", tmp_path, "latex", bibtex_default_style=style)
    assert_unsafe_urls_warned(built)
    lines = [line for line in built.tex().splitlines() if "Kaiyan Zhang" in line]
    assert len(lines) == UNSAFE_COUNT
    body = "\n".join(lines)
    commands = re.findall(r"(?<!\\textbackslash\{\})\\(" + "|".join(INJECTED) + r")\b", body)
    assert commands == [], commands
    assert r"\textless{}script" not in body  # the tag is dropped, its text kept
    for line in lines:
        for target in re.findall(r"\\sphinx(?:href|url)\{([^}]*)\}", line):
            assert target.startswith(("https://", "http://", "mailto:")), target
    if style == "cv":  # pybtex's plain style prints "URL: ..." as text itself
        assert "javascript:alert(document.cookie)" not in body  # left out, with a warning


# --- properties ----------------------------------------------------------------


NAMEISH = st.text(
    alphabet=st.sampled_from(list("MaríJosGc-Lpez {}\\',.~ and others%"))
    | st.characters(codec="utf-8"),
    max_size=40,
)
ANNOTATIONISH = st.text(
    alphabet=st.sampled_from(list('0123456789=;:," equalcorsphd')) | st.characters(codec="utf-8"),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(NAMEISH)
def test_owner_names_raise_only_invalid_name(text: str) -> None:
    """Any ``cv_owner`` either builds a matcher or is refused with a message."""
    try:
        matcher = OwnerMatcher(text, aliases=[text])
    except InvalidName as exc:
        assert str(exc)
        return
    assert isinstance(matcher.matches_text(text), bool)


def _braced(text: str) -> str:
    """*text* made safe for a braced BibTeX value: balanced, no stray ``@``."""
    depth = 0
    kept = []
    for char in text.replace("@", " "):
        if char == "}" and depth == 0:
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        kept.append(char)
    return "".join(kept) + "}" * depth


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(author=NAMEISH, annotation=ANNOTATIONISH, style=st.sampled_from(["plain", "cv"]))
def test_random_authors_and_annotations_never_raise(
    author: str, annotation: str, style: str
) -> None:
    """Read, mark and format an entry with random authors and annotations."""
    bib = (
        f"@article{{k, author = {{{_braced(author)}}}, author+an = {{{_braced(annotation)}}},\n"
        "  title = {T}, journal = {J}, year = {2020}}\n"
    )
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "random.bib"
        path.write_text(bib, encoding="utf-8")
        data, _files, problems = read_bibfiles([path])
    assert all(problem.message for problem in problems)
    config = CvbibConfig(owner="María José García-López")
    for entry in data.entries.values():
        marks = compute_marks(entry, config, matcher_for(config))
        assert all(problem.message for _field, problem in marks.problems)
        formatted = MarkedStyle(style, config).format("1", entry)
        assert formatted.entry.text.render_as("text")
