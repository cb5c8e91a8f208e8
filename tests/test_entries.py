"""Typed CV entries (cventries): every kind on the web page, as text and in the PDF.

The test root ``roots/test-entries`` has one entry of each kind, written by
hand; what a reader must see is typed here, never taken from the code.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cvbib_roots import ROOTS, build, copy_root, finished
from cvbuild import REPO, require_tex

#: (kind, what its entry shows on the left, on the right), as typed from index.md.
EXPECTED = [
    ("position", ["University of London", "Professor of Analysis", "Department of Mathematics"],
     ["Jan 2022 – present", "London"]),
    ("position", ["Royal Institution", "Research Fellow"], ["Jan 2019 – Dec 2021", "London"]),
    ("education", ["University of Cambridge", "PhD in Mathematics",
                   "Thesis: On the Engine · Advisor: Augustus De Morgan"],
     ["Oct 2014 – Jun 2018"]),
    ("grant", ["The Difference Engine, Revisited", "Royal Society", "Role: PI · GBP 1,200,000"],
     ["2022 – 2025"]),
    ("talk", ["Notes on the Engine", "NeurIPS 2024", "Invited talk"], ["10 Dec 2024", "Vancouver"]),
    ("teaching", ["Analysis I", "University of London", "Role: Lecturer · 120 students"],
     ["Sept 2023 – Dec 2023"]),
    ("student", ["Wei Zhang", "PhD", "Now: Postdoc at ETH"], ["Sept 2021 – present"]),
    ("service", ["Reviewer: ICLR, NeurIPS"], []),
    ("award", ["Royal Medal, Royal Society"], ["2023"]),
    ("skill", ["Programming: Python, Note G"], []),
    ("language", ["English: native"], []),
]  # fmt: skip


def _lines(node) -> list[str]:
    return [" ".join(line.get_text("").split()) for line in node.select(".cv-entry-line")]


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory):
    from sphinx.testing.util import SphinxTestApp

    srcdir = copy_root("entries", tmp_path_factory.mktemp("entries") / "root")
    app = SphinxTestApp("html", srcdir=srcdir)
    app.build()
    return finished(app)


def test_builds_without_warnings(html) -> None:
    assert html.warnings == []


def test_every_kind_on_the_web_page_in_two_columns(html) -> None:
    entries = html.soup().select("div.cv-entry")
    assert len(entries) == len(EXPECTED)
    for entry, (kind, main, aside) in zip(entries, EXPECTED, strict=True):
        assert f"cv-entry-{kind}" in entry["class"]
        assert _lines(entry.select_one(".cv-entry-main")) == main
        assert _lines(entry.select_one(".cv-entry-aside")) == aside


def test_titles_are_bold_but_an_award_reads_as_text(html) -> None:
    soup = html.soup()
    assert soup.select_one(".cv-entry-position .cv-entry-title strong").get_text() == (
        "University of London"
    )
    assert soup.select_one(".cv-entry-award strong") is None


def test_dates_are_machine_readable(html) -> None:
    times = [t["datetime"] for t in html.soup().select(".cv-entry-position time")]
    # The ongoing position first: "present" has no datetime and is no <time>.
    assert times == ["2022-01", "2019-01", "2021-12"]


def test_tags_become_classes(html) -> None:
    tagged = html.soup().select("div.cv-tag-short")
    assert len(tagged) == 1 and "Professor of Analysis" in tagged[0].get_text()


def test_section_math_is_mathml_not_raw(html) -> None:
    body = html.soup().select_one(".cv-entry-body")
    assert body.find("math") is not None
    assert "$" not in body.get_text() and "\\to" not in body.get_text()


def test_student_marked_in_author_lists_with_a_legend(html) -> None:
    text = " ".join(html.soup().get_text(" ").split())
    # Wei Zhang (a student entry) is "Wei Zhang" and "Zhang, W." in refs.bib: both marked.
    sups = [s.get_text() for s in html.soup().select("div.body sup")]
    assert sups.count("‡") == 3  # two author lists and the legend
    assert "‡ student or mentee" in text


def test_last_updated_with_links_to_the_data(html) -> None:
    updated = html.soup().select_one("div.cv-updated")
    assert re.fullmatch(
        r"Last updated: \d{1,2} \w{3,4} \d{4} · JSON Resume · CSL-JSON",
        " ".join(updated.get_text(" ").split()).replace(" ·", " ·"),
    ), updated.get_text()
    assert [a["href"] for a in updated.find_all("a")] == ["resume.json", "publications.json"]
    head = [link["href"] for link in html.soup().select('head link[rel="alternate"]')]
    assert head == ["resume.json", "publications.json"]


def test_source_date_epoch_sets_last_updated(make_app, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    built = build(make_app, "entries", tmp_path, "html")
    assert "Last updated: 14 Nov 2023" in built.soup().select_one(".cv-updated").get_text()


def test_text_builder_writes_dates_after_a_bar(make_app, tmp_path: Path) -> None:
    # As `make text` writes them: a form reflows padded columns, a bar keeps its place.
    built = build(make_app, "entries", tmp_path, "text")
    text = (built.outdir / "index.txt").read_text("utf-8")
    assert built.warnings == []
    assert re.search(r"^University of London \| Jan 2022 – present$", text, re.M)
    assert re.search(r"^Professor of Analysis \| London$", text, re.M)
    assert re.search(r"^Reviewer: ICLR, NeurIPS$", text, re.M)
    assert re.search(r"^Royal Medal, Royal Society \| 2023$", text, re.M)
    assert "H → bb\u0304" in text  # the math as its Unicode approximation, spaced as TeX sets it
    assert text.index("University of London") < text.index("Royal Institution")


def test_source_order_when_asked(make_app, tmp_path: Path) -> None:
    built = build(make_app, "entries", tmp_path, "html", cv_entry_order="source")
    titles = [e.select_one(".cv-entry-title").get_text() for e in built.soup().select(
        ".cv-entry-position")]  # fmt: skip
    assert titles == ["Royal Institution", "University of London"]


def test_durations_and_another_language(make_app, tmp_path: Path) -> None:
    built = build(make_app, "entries", tmp_path, "html", cv_date_durations=True, language="de")
    dates = [" ".join(d.get_text(" ").split()) for d in built.soup().select(".cv-dates")]
    assert "Okt. 2014 – Juni 2018 (3 J 9 Mon.)" in dates, dates  # CLDR's German


@pytest.mark.pdf
def test_every_kind_in_the_pdf_with_dates_in_a_right_column(tmp_path: Path) -> None:
    require_tex()
    srcdir = copy_root("entries", tmp_path / "entries")
    shutil.copy(REPO / "_latex" / "cvstyle.sty", srcdir)
    # Seven contact items with a real postal address: 307 pt too wide on one line before.
    index = srcdir / "index.md"
    index.write_text(
        index.read_text("utf-8").replace(
            "[📍 London]{.cv-item}",
            "[📍 Department of Mathematics, University of London, Malet Street, Bloomsbury, "
            "London WC1E 7HX, United Kingdom]{.cv-item}\n[☎ +44 20 7946 0958]{.cv-item}\n"
            "[🔗 [orcid.org/0000-0002-1825-0097](https://orcid.org/0000-0002-1825-0097)]{.cv-item}",
        ),
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        timeout=600,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO / "_ext")},
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    pdf = srcdir / "_build" / "latex" / "entries.pdf"
    log = pdf.with_suffix(".log").read_text("utf-8", errors="replace")
    assert "Overfull \\hbox" not in log  # the contact line wraps, entries fit
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        lines = [line for page in document.pages for line in page.extract_text_lines()]
        text = "\n".join(page.extract_text() or "" for page in document.pages)
        width = document.pages[0].width
    flat = "".join(text.split())
    for _kind, main, aside in EXPECTED:
        for line in main + aside:
            assert "".join(line.split()) in flat, line
    # The dates end at the right margin, one under the other.
    range_end = re.compile(r"–\s*([A-Z][a-z]+\.?\s+)?(present|\d{4})$")  # "– Dec 2021"
    ranges = [line for line in lines if range_end.search(line["text"])]
    ends = [line["x1"] for line in ranges]
    assert len(ends) == 6, [line["text"] for line in ranges]  # the six date ranges of the root
    assert max(ends) - min(ends) < 1.0 and max(ends) > width * 0.8


def test_bad_input_is_warned_and_the_entry_still_shown(make_app, tmp_path: Path) -> None:
    srcdir = copy_root("entries", tmp_path / "bad")
    (srcdir / "index.md").write_text(
        "# Bad\n\n## Things\n\n"
        ":::{cv-education} MSc\n:school: Uni A\n:start: Sept 2020\n:end: 2022-13\n:colour: red\n"
        ":::\n\n"
        ":::{cv-talk} A talk\n:date: 2024-02-30\n:kind: keynot\n:::\n\n"
        ":::{cv-entry} Something\n:type: grnat\n:agency: X\n:::\n",
        "utf-8",
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    built = finished(app)
    subtypes = built.subtypes()
    assert sorted(subtypes) == sorted(
        [
            "cventries.bad_date",  # Sept 2020
            "cventries.bad_date",  # month 13
            "cventries.unknown_option",  # :colour:
            "cventries.bad_date",  # 30 February
            "cventries.missing_field",  # the talk's event
            "cventries.bad_value",  # keynot
            "cventries.unknown_type",  # grnat
        ]
    ), built.warnings
    joined = "\n".join(built.warnings)
    assert "index.md:5" in joined  # the file and the line of the entry
    assert "write it as 2022, 2022-09 or 2022-09-01" in joined
    assert "did you mean :color:?" not in joined  # no such option: the list is given
    assert "did you mean 'grant'?" in joined
    texts = [" ".join(e.get_text(" ").split()) for e in built.soup().select("div.cv-entry")]
    assert len(texts) == 3
    assert "Uni A" in texts[0] and "Sept 2020" in texts[0] and "2022-13" in texts[0]
    assert "A talk" in texts[1] and "keynot" in texts[1]
    assert "Something" in texts[2] and "agency: X" in texts[2]


def test_rst_directive_unknown_option_keeps_the_entry(make_app, tmp_path: Path) -> None:
    srcdir = copy_root("entries", tmp_path / "rst")
    (srcdir / "index.md").unlink()
    (srcdir / "index.rst").write_text(
        "Title\n=====\n\n.. cv-award:: Prize\n   :awardr: Society\n   :date: 2020\n", "utf-8"
    )
    app = make_app("html", srcdir=srcdir)
    app.build()
    built = finished(app)
    assert built.subtypes() == ["cventries.unknown_option"]
    assert "did you mean :awarder:?" in built.warnings[0]
    assert "Prize" in built.soup().select_one("div.cv-entry").get_text()


def test_the_roots_entries_are_typed_by_hand() -> None:
    """The expectations above name every kind the README documents."""
    kinds = {kind for kind, _main, _aside in EXPECTED}
    readme = (REPO / "README.md").read_text("utf-8")
    for kind in kinds:
        assert f"{{cv-{kind}}}" in readme, kind
    assert (ROOTS / "test-entries" / "index.md").is_file()
    json.dumps(EXPECTED)


def test_two_badges_are_separated_outside_the_web_page(make_app, tmp_path: Path) -> None:
    srcdir = copy_root("entries", tmp_path / "badges")
    index = srcdir / "index.md"
    index.write_text(
        index.read_text("utf-8") + "\n## Figures\n\n{bdg-secondary-line}`ATLAS observation paper` "
        "{bdg-secondary-line}`1,000+ citations`\n",
        "utf-8",
    )
    app = make_app("text", srcdir=srcdir)
    app.build()
    text = (Path(app.outdir) / "index.txt").read_text("utf-8")
    finished(app)
    assert "ATLAS observation paper · 1,000+ citations" in text
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    html = (Path(app.outdir) / "index.html").read_text("utf-8")
    finished(app)
    assert "·" not in html.split("ATLAS observation paper")[1].split("1,000+")[0]
