"""What cvbib uses of pybtex's and sphinxcontrib-bibtex's internals is still there.

Each item of :mod:`cvbib.upstream.pybtex` and :mod:`cvbib.upstream.sphinxcontrib_bibtex`
is checked here against the installed versions, so that an upstream release
that changes one fails with the name of what changed (``make test-bounds``
runs this against the lowest and the highest versions ``pyproject.toml``
allows), rather than somewhere deep in a build.
"""

from __future__ import annotations

import inspect
from pathlib import Path

from pybtex.database import BibliographyData, Entry, parse_string
from pybtex.richtext import Text

from cvbib.upstream import pybtex as up
from cvbib.upstream import sphinxcontrib_bibtex as sb


def test_the_parser_members_cvbib_relies_on() -> None:
    parser = up.LowLevelParser("@misc{key, title = {T}}")
    missing = [name for name in up.PARSER_MEMBERS if not hasattr(parser, name)]
    assert missing == []
    assert "macros" in inspect.signature(up.LowLevelParser).parameters
    assert issubclass(up.PrematureEOF, up.PybtexSyntaxError)
    assert set("azAZ-_:@") <= set(up.NAME_CHARS) and not set("0123456789") & set(up.NAME_CHARS)


def test_month_names_and_tex_splitting() -> None:
    assert up.MONTH_NAMES["may"] == "May" and up.MONTH_NAMES["sep"] == "September"
    assert up.split_tex_string("{van Beethoven}, Ludwig", ",") == ["{van Beethoven}", "Ludwig"]
    fields = up.CaseInsensitiveDict({"Title": "x"})
    assert fields["title"] == "x"
    assert list(up.OrderedCaseInsensitiveDict([("B", 1), ("a", 2)])) == ["B", "a"]


def test_find_field_follows_crossref() -> None:
    data = parse_string(
        "@inproceedings{child, crossref = {parent}, title = {T}}\n"
        "@proceedings{parent, booktitle = {The Book}}\n",
        "bibtex",
    )
    child = data.entries["child"]
    assert up.find_field(child, "booktitle", data) == "The Book"
    assert up.find_field(child, "title", data) == "T"


def test_the_decoder_is_swapped_in_and_restored() -> None:
    original = Text.__dict__["from_latex"]
    with up.latex_decoder(lambda latex: Text("decoded:", latex)):
        assert str(Text.from_latex("x")) == "decoded:x"
    assert Text.__dict__["from_latex"] is original


def test_the_style_methods_cvbib_compares_with() -> None:
    from pybtex.style.formatting.unsrt import Style

    assert Style.format_names is up.UNSRT_FORMAT_NAMES
    assert callable(up.BASE_FORMAT_ENTRY)


def test_the_domain_cvbib_subclasses() -> None:
    for name in ("get_formatted_entries", "get_sorted_entries", "env_updated"):
        assert callable(getattr(sb.BibtexDomain, name)), name
    for name in ("bibliographies", "citations", "bibdata"):
        assert isinstance(inspect.getattr_static(sb.BibtexDomain, name), property), name
    parameters = inspect.signature(sb.BibtexDomain.get_formatted_entries).parameters
    assert list(parameters) == [
        "self",
        "bibliography_key",
        "docnames",
        "tooltips",
        "tooltips_style",
    ]


def test_stored_bibdata_is_up_to_date(tmp_path: Path) -> None:
    """The reader's data is kept so that sphinxcontrib-bibtex never re-reads the file."""
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{a, title = {A}}\n", "utf-8")

    class Holder:
        data: dict[str, object] = {}  # noqa: RUF012

    holder = Holder()
    data = BibliographyData(entries={"a": Entry("misc", fields={"title": "A"})})
    sb.store_bibdata(holder, [(bib, ["a"])], "utf-8", data)  # type: ignore[arg-type]
    stored = holder.data["bibdata"]
    assert not sb.is_bibdata_outdated(stored, [bib], "utf-8")
    assert list(stored.bibfiles[bib].keys) == ["a"] and stored.data is data


def test_citation_targets_and_priorities() -> None:
    (target,) = sb.parse_citation_targets("{see}key{p. 3}")
    assert (target.key, target.pre, target.post) == ("key", "see", "p. 3")
    assert sb.BIBLIOGRAPHY_PRIORITY == 5
    assert sb.READ_BEFORE_PRIORITY < 500  # sphinxcontrib-bibtex's handler runs at the default
    assert sb.BibliographyKey(docname="d", id_="i").docname == "d"
    assert "filter" in sb.BibliographyDirective.option_spec
    assert callable(sb.find_plugin)
