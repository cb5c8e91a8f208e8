"""Papers from every field, entry by entry: what a reader sees of each kind of work.

Entries are written by hand, exactly as the tools that export them write
them (INSPIRE-HEP, NASA ADS, CiNii, HAL, Zenodo, GitHub's "Cite this
repository", Google Scholar), and the expected text is what a careful author
would type on a CV. The whole of a physicist's CV built with Sphinx is
tests/test_physics.py.
"""

from __future__ import annotations

import pytest
from pybtex.database import Entry, parse_string

from cvbib.latex import decode
from cvbib.model import links_of, publication_of, thesis_kind, venue_line
from cvbib.people import compute_marks, legend_items, matcher_for
from cvbib.settings import CvbibConfig


def one_entry(bib: str) -> Entry:
    (entry,) = parse_string(bib, "bibtex").entries.values()
    return entry


# --- marks in the legend's order ------------------------------------------------


@pytest.mark.parametrize("written", ["equal,corresponding", "corresponding,equal"])
def test_a_names_marks_follow_the_legend(written: str) -> None:
    entry = one_entry(
        "@article{k, author = {Ada Lovelace and Charles Babbage},"
        f" author+an = {{2={written}}}, title = {{T}}}}"
    )
    config = CvbibConfig(owner="Ada Lovelace")
    marks = compute_marks(entry, config, matcher_for(config))
    assert marks.positions["author"][1].symbols == ("*", "†")
    assert legend_items(config, marks.used) == [
        ("*", "co-first authors"),
        ("†", "corresponding author"),
    ]


def test_the_order_of_cv_marks_is_the_order_of_both() -> None:
    entry = one_entry(
        "@article{k, author = {Ada Lovelace}, author+an = {1=equal,corresponding}, title = {T}}"
    )
    config = CvbibConfig(
        owner="Ada Lovelace",
        marks={"corresponding": ("†", "corresponding author"), "equal": ("*", "co-first")},
    )
    marks = compute_marks(entry, config, matcher_for(config))
    assert marks.positions["author"][0].symbols == ("†", "*")
    assert [symbol for symbol, _text in legend_items(config, marks.used)] == ["†", "*"]


# --- math as plain text (<title>, citation_title) -----------------------------------


@pytest.mark.parametrize(
    ("latex", "plain"),
    [
        (r"Observation of $H \to b\bar{b}$ decays", "Observation of H → bb̄ decays"),
        (r"$H\rightarrow b \bar b$", "H → bb̄"),
        (r"$t\bar{t}H$ production", "tt̄H production"),
        (r"$pp$ collisions at $\sqrt{s}=13$ TeV", "pp collisions at √s = 13 TeV"),
        (r"$\text{if and only if}$", "if and only if"),
        (r"$\mathrm{Ca}^{2+}$ waves", "Ca²⁺ waves"),
    ],
)
def test_math_reads_as_tex_sets_it(latex: str, plain: str) -> None:
    assert str(decode(latex)) == plain
