"""A hostile or careless ``.bib`` file publishes nothing private.

Four small projects, built as a reader gets them and read back:

* ``roots/test-hostile-files``: link fields that name the checkout's secrets
  (``.git/config``, ``conf.py``, a doctree, a hidden file, a script, a file
  out of the project through ``..`` or a symbolic link), two papers of one
  base name, and a file not yet moved to the files folder. What is published
  is the exact set of files in ``_files/``; what is linked is read from the
  list, the pages, their ``citation_pdf_url`` and the LaTeX source.
* ``roots/test-hostile-fields``: entries as BibDesk, JabRef, Zotero and
  Mendeley export them, with what each keeps for its owner. ``publications.bib``
  and every BibTeX block are parsed back with pybtex, field by field.
* ``roots/test-hostile-keys``: keys that come to one page name, a 300-character
  key, keys BibTeX cannot write back, a key that would be the folder above.
* ``roots/test-hostile-two-bibs``: two ``.bib`` files whose files folders
  both hold a ``paper.pdf``.

Warnings are compared by exact subtype and count.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from io import StringIO
from pathlib import Path

import pybtex.database
import pytest
from bs4 import BeautifulSoup, Tag
from cvbib_roots import ROOTS, Built, finished
from sphinx.testing.util import SphinxTestApp

from cvbib.model import Refused, Shippable, check_file
from cvbib.render.published import MAX_NAME_BYTES, wanted_page_name

TOKEN = "ghp_PRIVATEtoken0123456789"
#: Text of files that must never reach the output.
SECRETS = (
    TOKEN,
    "SECRET-IN-CONF",
    "OUTSIDE-SECRET",
    "ESCAPED-SECRET",
    "HIDDEN-SECRET",
    "SCRIPT-SECRET",
)

#: Entry key -> (field, value, title) of each link to a file that must not be published.
REFUSED = {
    "gitconfig": ("pdf", ".git/config", "Git Config"),
    "confpy": ("slides", "conf.py", "Conf Py"),
    "outside": ("poster", "../outside.pdf", "Outside The Project"),
    "escape": ("pdf", "files/escape.pdf", "Symlink Out"),
    "conflink": ("slides", "files/conf-link.pdf", "Symlink To Conf"),
    "doctree": ("supp", "_build/doctrees/index.doctree", "A Doctree"),
    "hidden": ("pdf", "files/.hidden.pdf", "Hidden File"),
    "script": ("supp", "files/script.py", "A Script"),
    "moved": ("pdf", "papers/old.pdf", "Not Yet Moved"),
}
MISSING = ("missing", "pdf", "files/missing.pdf", "Missing File")
#: Entry key -> (title, [(label, path from the site's root)]) where files are published.
PUBLISHED = {
    "twina": ("Twin A", [("PDF", "_files/a/paper.pdf")]),
    "twinb": ("Twin B", [("PDF", "_files/b/paper.pdf")]),
    "good": ("Good Files", [("PDF", "_files/paper.pdf"), ("Poster", "_files/poster.png")]),
    "again": ("Same File Again", [("PDF", "_files/paper.pdf")]),
}


def digest(text: str) -> str:
    """The eight hex digits a name gets to tell it apart (written out here on purpose)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=4).hexdigest()


def run(srcdir: Path, builder: str = "html", **confoverrides: object) -> Built:
    app = SphinxTestApp(
        builder,
        srcdir=srcdir,
        confoverrides=confoverrides,
        status=StringIO(),
        warning=StringIO(),
    )
    app.build()
    return finished(app)


def line_of(bib: Path, key: str) -> int:
    """The line of the ``@type{key,`` that opens *key*'s entry."""
    for number, line in enumerate(bib.read_text("utf-8").splitlines(), start=1):
        if re.match(rf"@\w+[{{(]{re.escape(key)},", line):
            return number
    raise AssertionError(key)


def soup(built: Built, page: str) -> BeautifulSoup:
    return BeautifulSoup((built.outdir / page).read_text("utf-8"), "html.parser")


def links(element: Tag) -> list[tuple[str, str]]:
    return [(a.get_text(), str(a["href"])) for a in element.select("a.cvbib-link")]


def meta(page: BeautifulSoup, name: str) -> list[str]:
    return [str(m["content"]) for m in page.find_all("meta", attrs={"name": name})]


def output_files(folder: Path) -> set[str]:
    """Every file and link below *folder*, as paths relative to it."""
    found = set()
    for root, dirs, files in os.walk(folder):
        for name in files + [d for d in dirs if (Path(root) / d).is_symlink()]:
            found.add((Path(root) / name).relative_to(folder).as_posix())
    return found


# --- files -------------------------------------------------------------------------


def hostile_project(base: Path) -> Path:
    """The hostile-files root, plus what git cannot hold, and a stale earlier output."""
    srcdir = base / "project"
    shutil.copytree(ROOTS / "test-hostile-files", srcdir)
    (srcdir / ".git").mkdir()
    (srcdir / ".git" / "config").write_text(
        f'[remote "origin"]\n\turl = https://ada:{TOKEN}@github.com/ada/cv.git\n', "utf-8"
    )
    (base / "outside.pdf").write_text("%PDF-1.4 OUTSIDE-SECRET\n", "utf-8")
    (base / "elsewhere").mkdir()
    (base / "elsewhere" / "secret.pdf").write_text("%PDF-1.4 ESCAPED-SECRET\n", "utf-8")
    (srcdir / "files" / "escape.pdf").symlink_to(base / "elsewhere" / "secret.pdf")
    (srcdir / "files" / "conf-link.pdf").symlink_to(Path("..") / "conf.py")
    # What an earlier, unchecked build published must not stay online.
    stale = srcdir / "_build" / "html" / "_files"
    stale.mkdir(parents=True)
    (stale / "config").write_text(TOKEN, "utf-8")
    (stale / "conf.py").write_text("SECRET-IN-CONF", "utf-8")
    return srcdir


@pytest.fixture(scope="module")
def files_html(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return run(hostile_project(tmp_path_factory.mktemp("hostile-html")))


@pytest.fixture(scope="module")
def files_latex(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return run(hostile_project(tmp_path_factory.mktemp("hostile-latex")), "latex")


def test_only_the_allowed_files_are_published(files_html: Built) -> None:
    folder = files_html.outdir / "_files"
    assert output_files(folder) == {"paper.pdf", "poster.png", "a/paper.pdf", "b/paper.pdf"}
    source = Path(files_html.app.srcdir) / "files"
    for name in ("paper.pdf", "poster.png", "a/paper.pdf", "b/paper.pdf"):
        assert (folder / name).read_bytes() == (source / name).read_bytes(), name


def test_nothing_private_anywhere_in_the_output(files_html: Built) -> None:
    for path in files_html.outdir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in SECRETS:
                assert secret.encode() not in data, (path, secret)


def test_each_refused_file_is_one_warning_at_its_entry(files_html: Built) -> None:
    assert sorted(files_html.subtypes()) == ["cvbib.missing_file"] + ["cvbib.unsafe_file"] * len(
        REFUSED
    ), files_html.warnings
    bib = Path(files_html.app.srcdir) / "refs.bib"
    for key, (field, value, _title) in REFUSED.items():
        (warning,) = [w for w in files_html.of("unsafe_file") if f"entry '{key}'" in w]
        assert f"refs.bib:{line_of(bib, key)}:" in warning, warning
        assert f"{field} = {{{value}}}" in warning, warning
        assert "it is neither copied nor linked" in warning, warning
    (moved,) = [w for w in files_html.of("unsafe_file") if "entry 'moved'" in w]
    assert "move it into files/ next to the .bib file and write pdf = {files/old.pdf}" in moved
    (missing,) = files_html.of("missing_file")
    key, field, value, _title = MISSING
    assert f"refs.bib:{line_of(bib, key)}:" in missing and f"entry '{key}'" in missing
    assert f"{field} = {{{value}}} does not exist" in missing and "add the file" in missing


def test_no_button_and_no_page_link_for_a_file_that_is_not_published(files_html: Built) -> None:
    for key, (_field, _value, title) in [*REFUSED.items(), (MISSING[0], MISSING[1:])]:
        li = files_html.entry(title)
        assert li.select(".cvbib-link") == [], (key, li)
        page = soup(files_html, f"pub/{key}.html")
        assert page.select(".cvbib-link") == [], key
        assert meta(page, "citation_pdf_url") == [], key


def test_published_files_are_linked_under_distinct_names(files_html: Built) -> None:
    for key, (title, expected) in PUBLISHED.items():
        assert links(files_html.entry(title)) == expected, key
        page = soup(files_html, f"pub/{key}.html")
        assert links(page) == [(label, f"../{path}") for label, path in expected], key
        assert meta(page, "citation_pdf_url") == [f"https://ada.example.org/{expected[0][1]}"]


def test_the_pdf_labels_only_published_files(files_latex: Built) -> None:
    assert sorted(files_latex.subtypes()) == ["cvbib.missing_file"] + ["cvbib.unsafe_file"] * len(
        REFUSED
    ), files_latex.warnings
    tex = files_latex.tex()
    for _field, _value, title in [*REFUSED.values(), MISSING[1:]]:
        (line,) = [line for line in tex.splitlines() if title in line]
        assert "{[}" not in line and "_files" not in line, line
    for title, expected in PUBLISHED.values():
        (line,) = [line for line in tex.splitlines() if title in line]
        labels = re.findall(r"\\sphinxhref\{([^}]*)\}\{\{\[\}(\w+)\{\]\}\}", line)
        assert labels == [
            ("https://ada.example.org/" + path.replace("_", r"\_"), label)
            for label, path in expected
        ], line
    assert not (files_latex.outdir / "_files").exists()


def test_files_of_two_bib_files_keep_two_names(tmp_path: Path) -> None:
    srcdir = tmp_path / "project"
    shutil.copytree(ROOTS / "test-hostile-two-bibs", srcdir)
    built = run(srcdir)
    renamed = f"paper-{digest('more/files/paper.pdf')}.pdf"
    assert output_files(built.outdir / "_files") == {"paper.pdf", renamed}
    assert (built.outdir / "_files" / "paper.pdf").read_bytes() == b"%PDF-1.4 first\n"
    assert (built.outdir / "_files" / renamed).read_bytes() == b"%PDF-1.4 second\n"
    assert links(built.entry("First File")) == [("PDF", "_files/paper.pdf")]
    assert links(built.entry("Second File")) == [("PDF", f"_files/{renamed}")]
    assert built.subtypes() == ["cvbib.file_name_collision"], built.warnings
    (warning,) = built.warnings
    assert "more.bib:1:" in warning and "'first', 'second'" in warning
    assert f"_files/{renamed}" in warning and "rename one of the files" in warning


def test_a_file_taken_away_is_unlinked_and_deleted_by_the_next_build(tmp_path: Path) -> None:
    """The ``.bib`` file is unchanged, so only cvbib can tell the list to be written again."""
    srcdir = tmp_path / "project"
    shutil.copytree(ROOTS / "test-hostile-two-bibs", srcdir)
    renamed = f"_files/paper-{digest('more/files/paper.pdf')}.pdf"
    assert links(run(srcdir).entry("Second File")) == [("PDF", renamed)]
    (srcdir / "more" / "files" / "paper.pdf").unlink()
    again = run(srcdir)
    assert again.subtypes() == ["cvbib.missing_file"], again.warnings
    assert links(again.entry("Second File")) == []
    assert links(again.entry("First File")) == [("PDF", "_files/paper.pdf")]
    assert output_files(again.outdir / "_files") == {"paper.pdf"}
    assert soup(again, "pub/second.html").select(".cvbib-link") == []


@pytest.mark.parametrize("value", ["", ".", "../papers", "/srv/papers", "_build/files", ".files"])
def test_a_files_folder_outside_the_rules_is_refused(tmp_path: Path, value: str) -> None:
    srcdir = tmp_path / "project"
    shutil.copytree(ROOTS / "test-hostile-two-bibs", srcdir)
    built = run(srcdir, cv_files_dir=value)
    config = built.of("config")
    assert len(config) == 1 and "cv_files_dir" in config[0], built.warnings
    assert "using the default 'files' instead" in config[0]
    assert links(built.entry("First File")) == [("PDF", "_files/paper.pdf")]


def test_another_files_folder_publishes_its_files_only(tmp_path: Path) -> None:
    srcdir = hostile_project(tmp_path)
    built = run(srcdir, cv_files_dir="papers")
    assert output_files(built.outdir / "_files") == {"old.pdf"}
    assert links(built.entry("Not Yet Moved")) == [("PDF", "_files/old.pdf")]
    assert links(built.entry("Twin A")) == []
    (twin,) = [w for w in built.of("unsafe_file") if "entry 'twina'" in w]
    assert "is outside papers/" in twin and "write pdf = {papers/paper.pdf}" in twin


@pytest.mark.parametrize(
    ("name", "published"),
    [
        ("paper.PDF", True),
        ("talk.pptx", True),
        ("data.tar.gz", True),
        ("poster.svg", False),  # its scripts would run on the site
        ("page.html", False),
        ("notes.md", False),
        ("build.py", False),
        ("pdf", False),
    ],
)
def test_only_document_and_media_types_are_published(
    tmp_path: Path, name: str, published: bool
) -> None:
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / name).write_bytes(b"x")
    result = check_file(f"files/{name}", "supp", tmp_path, "files", tmp_path)
    assert isinstance(result, Shippable) is published, result
    if not published:
        assert isinstance(result, Refused) and result.subtype == "unsafe_file"


def test_a_folder_or_a_pipe_is_no_file_to_publish(tmp_path: Path) -> None:
    (tmp_path / "files" / "folder.pdf").mkdir(parents=True)
    os.mkfifo(tmp_path / "files" / "pipe.pdf")
    for name in ("folder.pdf", "pipe.pdf"):
        result = check_file(f"files/{name}", "pdf", tmp_path, "files", tmp_path)
        assert isinstance(result, Refused) and "not a regular file" in result.problem


@pytest.mark.parametrize("key", ["\N{CJK UNIFIED IDEOGRAPH-5F20}" * 200, "x" * 101, "a:" * 60])
def test_a_long_key_has_a_short_stable_page_name(key: str) -> None:
    name = wanted_page_name(key).removeprefix("pub/")
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.endswith(f"-{digest(key)}") and wanted_page_name(key) == f"pub/{name}"


# --- fields -------------------------------------------------------------------------

#: Entry key -> the fields, and the people, its BibTeX has.
FIELDS = {
    "Lovelace:2021aa": {"author", "title", "journal", "year"},
    "lovelace2020jabref": {"author", "title", "booktitle", "pages", "year"},
    "lovelaceZoteroNotes2019": {
        "author",
        "title",
        "journaltitle",
        "volume",
        "date",
        "doi",
        "url",
        "urldate",
        "langid",
    },
    "Lovelace2018": {"author", "title", "journal", "year", "doi", "isbn"},
    "lovelace2017custom": {"author", "title", "howpublished", "year", "note"},
}


def field_sets(text: str) -> dict[str, set[str]]:
    """Entry key -> its fields and person roles, as pybtex reads *text* back."""
    data = pybtex.database.parse_string(text, "bibtex")
    return {
        key: {name.lower() for name in entry.fields} | set(entry.persons)
        for key, entry in data.entries.items()
    }


@pytest.fixture(scope="module")
def fields_html(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("fields") / "project"
    shutil.copytree(ROOTS / "test-hostile-fields", srcdir)
    return run(srcdir)


def test_the_download_has_the_citation_fields_only(fields_html: Built) -> None:
    assert fields_html.warnings == []
    text = (fields_html.outdir / "publications.bib").read_text("utf-8")
    assert field_sets(text) == FIELDS
    assert "PRIVATE" not in text


def test_every_bibtex_block_has_the_citation_fields_only(fields_html: Built) -> None:
    blocks = {}
    pages = {key: f"pub/{key.replace(':', '_')}.html" for key in FIELDS}
    for page in ["index.html", *pages.values()]:
        for pre in soup(fields_html, page).select("div.highlight-bibtex pre"):
            blocks.setdefault(page, []).append(field_sets(pre.get_text()))
    assert len(blocks["index.html"]) == len(FIELDS)
    assert {k: v for found in blocks["index.html"] for k, v in found.items()} == FIELDS
    for key, page in pages.items():
        assert blocks[page] == [{key: FIELDS[key]}]


def test_no_private_value_anywhere_in_the_output(fields_html: Built) -> None:
    for path in fields_html.outdir.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".bib", ".js", ".txt", ".json"}:
            assert "PRIVATE" not in path.read_text("utf-8"), path


def test_the_fields_offered_can_be_chosen(tmp_path: Path) -> None:
    srcdir = tmp_path / "project"
    shutil.copytree(ROOTS / "test-hostile-fields", srcdir)
    built = run(
        srcdir,
        cv_bibtex_fields=["author", "title", "year", "note", "Secretfield", "author+an"],
        cv_bibtex_strip_fields=["note"],
    )
    assert built.warnings == []
    text = (built.outdir / "publications.bib").read_text("utf-8")
    sets = field_sets(text)
    assert sets["lovelace2017custom"] == {"author", "title", "year", "secretfield"}
    # Without ``date`` offered, the year the reader takes from it stands in for it.
    assert sets["lovelaceZoteroNotes2019"] == {"author", "title", "year"}


# --- keys ---------------------------------------------------------------------------

LONG_KEY = "lovelace2016" + "x" * 288
#: Entry key -> (its page, its title, the key its BibTeX has).
KEYS = {
    "DBLP:conf/acl/X": ("pub/DBLP_conf_acl_X", "First of Two", "DBLP:conf/acl/X"),
    "DBLP~conf~acl~X": (
        f"pub/DBLP_conf_acl_X-{digest('DBLP~conf~acl~X')}",
        "Second of Two",
        "DBLP~conf~acl~X",
    ),
    LONG_KEY: (f"pub/{LONG_KEY[:64]}-{digest(LONG_KEY)}", "A Very Long Key", LONG_KEY),
    "bad}key": ("pub/bad_key", "Brace In Key", f"bad_key-{digest('bad}key')}"),
    "50%off#1": ("pub/50_off_1", "Percent In Key", f"50_off_1-{digest('50%off#1')}"),
    "..": ("pub/_.", "Dots For A Key", ".."),
}


@pytest.fixture(scope="module")
def keys_html(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = tmp_path_factory.mktemp("keys") / "project"
    shutil.copytree(ROOTS / "test-hostile-keys", srcdir)
    return run(srcdir)


def test_every_entry_has_its_own_page(keys_html: Built) -> None:
    outdir = keys_html.outdir
    pages = {path.relative_to(outdir).as_posix() for path in outdir.glob("pub/*")}
    assert pages == {f"{page}.html" for page, _title, _key in KEYS.values()}
    for page, title, _key in KEYS.values():
        assert keys_html.entry(title).select_one(".cvbib-title a")["href"] == f"{page}.html"
        head = soup(keys_html, f"{page}.html")
        assert meta(head, "citation_title") == [title], page
        assert meta(head, "citation_abstract_html_url") == [f"https://ada.example.org/{page}.html"]


def test_only_a_clash_and_unwritable_keys_are_warned_about(keys_html: Built) -> None:
    assert sorted(keys_html.subtypes()) == [
        "cvbib.page_name_collision",
        "cvbib.unsafe_key",
        "cvbib.unsafe_key",
    ], keys_html.warnings
    (clash,) = keys_html.of("page_name_collision")
    bib = Path(keys_html.app.srcdir) / "refs.bib"
    assert f"refs.bib:{line_of(bib, 'DBLP~conf~acl~X')}:" in clash
    assert "'DBLP:conf/acl/X', 'DBLP~conf~acl~X'" in clash
    assert f"gets {KEYS['DBLP~conf~acl~X'][0]}.html" in clash
    for key in ("bad}key", "50%off#1"):
        (warning,) = [w for w in keys_html.of("unsafe_key") if f"entry '{key}'" in w]
        assert f"refs.bib:{line_of(bib, key)}:" in warning
        assert f"writes it as '{KEYS[key][2]}': rename the key" in warning


def test_the_download_keeps_every_entry_under_a_key_bibtex_reads(keys_html: Built) -> None:
    text = (keys_html.outdir / "publications.bib").read_text("utf-8")
    assert field_sets(text) == {
        bibtex: {"author", "title", "year"} for _page, _title, bibtex in KEYS.values()
    }
    data = pybtex.database.parse_string(text, "bibtex")
    titles = {key: entry.fields["title"] for key, entry in data.entries.items()}
    assert titles == {bibtex: title for _page, title, bibtex in KEYS.values()}
    for _page, title, bibtex in KEYS.values():
        block = keys_html.entry(title).select_one("div.highlight-bibtex pre").get_text()
        assert list(pybtex.database.parse_string(block, "bibtex").entries) == [bibtex]


def test_a_key_of_dots_is_no_folder_of_the_site(tmp_path: Path) -> None:
    """Under ``dirhtml``, a page ``pub/..`` would be written over the site's own index."""
    srcdir = tmp_path / "project"
    shutil.copytree(ROOTS / "test-hostile-keys", srcdir)
    bib = (srcdir / "refs.bib").read_text("utf-8")
    (srcdir / "refs.bib").write_text(bib[bib.index("% A key that, as a page name") :], "utf-8")
    built = run(srcdir, "dirhtml")
    assert built.warnings == []
    root = soup(built, "index.html")
    assert root.select_one("h1").get_text().startswith("Hostile keys")
    assert (built.outdir / "pub" / "_." / "index.html").is_file()
