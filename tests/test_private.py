"""``{private}`` text stays out of the web page, also when an owner puts it in a heading.

A heading is copied into the table of contents, the page title, the search
index, the section's anchor and the PDF's bookmarks. ``roots/test-private-heading``
has a private phone number in a heading and another in the text; the page
must have neither, the PDF the one in the text, and the build says where the
heading's was left out (without repeating it: build logs are often public).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cvbib_roots import build

HEADING_SECRET = "555-0100"
TEXT_SECRET = "555-0199"


def _published(outdir: Path) -> str:
    return "\n".join(
        path.read_text("utf-8", errors="replace")
        for path in outdir.rglob("*")
        if path.is_file() and path.suffix in {".html", ".js", ".txt", ".json", ".xml"}
    )


def test_private_text_in_a_heading_is_left_out_with_a_warning(
    make_app: Any, tmp_path: Path
) -> None:
    built = build(make_app, "private-heading", tmp_path)
    assert len(built.warnings) == 1, built.warnings
    warning = built.warnings[0]
    assert "index.md:3" in warning and warning.endswith("[cvsite.private_heading]")
    assert HEADING_SECRET not in warning
    published = _published(built.outdir)
    assert HEADING_SECRET not in published and TEXT_SECRET not in published
    soup = built.soup()
    headings = [
        " ".join(h.get_text().split()).rstrip("¶").strip() for h in soup.select("article h2")
    ]
    assert headings == ["Contact", "Research"]
    assert soup.select_one("article section#contact") is not None
    assert soup.select_one('article a[href="#contact"]') is not None  # the anchor still works
    assert "Office: 555-0123" in soup.select_one("article").get_text()


def test_the_pdf_keeps_the_private_text_of_the_section(make_app: Any, tmp_path: Path) -> None:
    built = build(make_app, "private-heading", tmp_path, builder="latex")
    tex = built.tex()
    assert TEXT_SECRET.replace("-", "") in tex.replace("-", "")
    assert HEADING_SECRET not in tex and "Contact" in tex
