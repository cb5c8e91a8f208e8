"""CJK in the PDF: every character in every context, set as CJK is set.

``roots/test-cjk-stress`` puts Chinese, Japanese and Korean where the old
whole-block font switch failed: kana followed by kanji (``カタ一``), ideographic
punctuation (``、。「」``), fullwidth forms (``デュボワ＝中村``), a CJK character
right after ``(`` ("Wei Zhang (张伟)", ``(科研費)``), bold, italic and bold italic
CJK, a Korean name and title, a Chinese name in an English title, and a long
Chinese paragraph that has to break into lines. The tests read the PDF as a
reader does: its text (pdftotext), and each character's font and position
(pdfplumber): which face drew it, whether it is sheared (a synthetic slant),
where the lines break and how much space separates CJK from Latin letters.
Every expected string is typed here by hand.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from cvbib_roots import build, copy_root
from cvbuild import require_tex

REPO = Path(__file__).parents[1]

#: The CJK text of the stress root, in reading order, spaces left out (pdftotext
#: breaks lines, and xeCJK's spacing between CJK and Latin is not a typed space).
IN_ORDER = [
    "受賞と助成",
    "カタ一",
    "「引用」、句読点。",
    "デュボワ＝中村",
    "WeiZhang(张伟)",
    "(科研費)",
    "太字の日本語",
    "斜体の中文",
    "粗斜体",
    "使用Sphinx构建",
    "用LaTeX排版",
    "김민준(한국어자연어처리)",
    "(🔬)",
    "本文是一段足够长的中文段落",
    "三者缺一不可。",
    "デュボワ＝中村クロエ",
    "김민준",
    "カタ一の研究：「引用」、句読点と太字",
    "情報処理学会論文誌",
    "WeiZhang(张伟)",
    "Noteson张伟andtheMethod(科研費)",
    "박서연",
    "한국어자연어처리연구",
    "한국정보과학회학술발표논문집",
]

#: The long paragraph of index.md, without its spaces: it must break into lines.
PARAGRAPH = (
    "本文是一段足够长的中文段落，用来检验断行规则：行首不能出现句号、逗号或右引号，"
    "行末不能出现左引号「例如这里」。中文与English混排时，两者之间应有适当的间距，"
    "标点符号使用全角形式。我们在第二句话中再写一些内容，以便段落至少折成两行：数据、"
    "模型、评测，三者缺一不可。"
)
#: What may not begin a line (closing punctuation) and may not end one (opening).
NOT_AT_LINE_START = "、。，：；！？」』）"
NOT_AT_LINE_END = "「『（"


def is_cjk(char: str) -> bool:
    """Han, kana, Hangul, CJK punctuation and fullwidth forms (not the Latin ones)."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3134F
    )


@dataclass
class StressPdf:
    latex: Path
    result: subprocess.CompletedProcess[str]
    log: str
    text: str
    chars: list[dict[str, Any]]
    #: The left and right end of the text block: the rule under the section heading.
    text_block: tuple[float, float]

    def squeezed(self) -> str:
        return "".join(self.text.split())

    def chars_of(self, word: str) -> list[dict[str, Any]]:
        """The characters of the first run of the page that spells *word* (no spaces)."""
        text = "".join(str(c["text"]) for c in self.chars)
        at = text.find(word)
        assert at >= 0, (word, text)
        return self.chars[at : at + len(word)]


def _latexpdf(srcdir: Path) -> subprocess.CompletedProcess[str]:
    shutil.copy(REPO / "_latex" / "cvstyle.sty", srcdir)
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-M", "latexpdf", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(REPO / "_ext")},
    )


@pytest.fixture(scope="module")
def stress(tmp_path_factory: pytest.TempPathFactory) -> StressPdf:
    require_tex()
    srcdir = copy_root("cjk-stress", tmp_path_factory.mktemp("cjk") / "src")
    result = _latexpdf(srcdir)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    latex = srcdir / "_build" / "latex"
    pdf = latex / "cjk.pdf"
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    with pdfplumber.open(pdf) as document:
        assert len(document.pages) == 1
        page = document.pages[0]
        chars = [dict(c) for c in page.chars]
        rules = [(line["x0"], line["x1"]) for line in page.lines]
    assert len(rules) == 1, rules
    log = (latex / "cjk.log").read_text("utf-8", errors="replace")
    return StressPdf(latex, result, log, text, chars, rules[0])


@pytest.mark.pdf
def test_every_cjk_string_is_in_the_pdf_in_order(stress: StressPdf) -> None:
    text = stress.squeezed()
    at = 0
    for expected in IN_ORDER:
        found = text.find(expected, at)
        assert found >= 0, (expected, text[at:])
        at = found + len(expected)


@pytest.mark.pdf
def test_no_character_is_missing(stress: StressPdf) -> None:
    assert "Missing character" not in stress.log
    check = subprocess.run(
        [sys.executable, str(REPO / "_ext" / "cvbib" / "render" / "glyphcheck.py"), stress.latex],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


@pytest.mark.pdf
def test_every_cjk_character_is_noto_cjk_and_upright(stress: StressPdf) -> None:
    """No synthetic slant: a sheared glyph has a non-zero skew in its text matrix."""
    cjk = [c for c in stress.chars if is_cjk(str(c["text"]))]
    assert len(cjk) > 200
    for char in cjk:
        # The collection's faces share one CFF table, named after its first face
        # (NotoSansCJKjp); the Simplified Chinese face is the one selected.
        assert re.search(r"\+NotoSansCJKjp-(Regular|Bold)$", char["fontname"]), char
        a, b, c, d, _, _ = char["matrix"]
        assert (b, c) == (0, 0) and a == d > 0, (char["text"], char["matrix"])
    # the italic contexts: an emphasis, a title (the cv style's titles are italic)
    for word in ("斜体の中文", "科研費", "カタ一の研究"):
        assert all("Regular" in c["fontname"] for c in stress.chars_of(word)), word
    # the Latin text around them is italic (TeX Gyre Heros Italic), and stays so
    assert all("Heros-Italic" in c["fontname"] for c in stress.chars_of("Noteson"))


@pytest.mark.pdf
def test_bold_cjk_is_the_bold_face(stress: StressPdf) -> None:
    def faces(chars: list[dict[str, Any]]) -> set[str]:
        return {str(c["fontname"]).split("+")[1] for c in chars}

    # a section heading, **bold**, ***bold italic***
    for word in ("受賞と助成", "太字の日本語", "粗斜体"):
        assert faces(stress.chars_of(word)) == {"NotoSansCJKjp-Bold"}, word
    # \textbf inside a title (italic): "句読点と" regular, "太字" bold
    title = stress.chars_of("句読点と太字")
    assert faces(title[:4]) == {"NotoSansCJKjp-Regular"}
    assert faces(title[4:]) == {"NotoSansCJKjp-Bold"}
    assert faces(stress.chars_of("斜体の中文")) == {"NotoSansCJKjp-Regular"}
    # no synthetic bold or slant in the font selection xelatex logged either
    # (fontspec's "embolden=" and "slant=" options; its lines wrapped by TeX)
    flat = re.sub(r"\n\(fontspec\)\s*", "", stress.log)
    assert "embolden=" not in flat and "slant=" not in flat


@pytest.mark.pdf
def test_hangul_kana_fullwidth_and_pictographs(stress: StressPdf) -> None:
    for word in ("김민준", "한국어", "デュボワ＝中村", "カタ一"):
        assert all("NotoSansCJK" in c["fontname"] for c in stress.chars_of(word)), word
    assert [c["fontname"].split("+")[1] for c in stress.chars_of("(🔬)")][1] == "Symbola"


@pytest.mark.pdf
def test_english_punctuation_stays_latin(stress: StressPdf) -> None:
    """“ ” ’ — – … are Heros' own, not the CJK font's full-width forms."""
    for word in ("“quoted”", "O’Brien—2022–2024…"):
        fonts = {c["fontname"].split("+")[1] for c in stress.chars_of(word)}
        assert fonts == {"TeXGyreHeros-Regular"}, (word, fonts)


def _gap(stress: StressPdf, pair: str) -> float:
    left, right = stress.chars_of(pair)
    assert abs(left["top"] - right["top"]) < 1, pair
    return float(right["x0"] - left["x1"])


@pytest.mark.pdf
def test_space_between_cjk_and_latin(stress: StressPdf) -> None:
    """xeCJK's glue between CJK and a Latin word where none is typed, none after "(" ."""
    for pair in ("用S", "x构", "用L", "X排"):
        assert 2.0 <= _gap(stress, pair) <= 5.0, (pair, _gap(stress, pair))
    for pair in ("(张", "伟)", "(科", "費)"):
        assert abs(_gap(stress, pair)) < 0.5, (pair, _gap(stress, pair))


def _lines(chars: list[dict[str, Any]]) -> Iterator[str]:
    """The page's lines, top to bottom: characters on one baseline (whatever their font)."""
    rows: dict[float, list[dict[str, Any]]] = {}
    for char in chars:
        rows.setdefault(round(char["matrix"][5], 1), []).append(char)
    for baseline in sorted(rows, reverse=True):
        yield "".join(str(c["text"]) for c in sorted(rows[baseline], key=lambda c: c["x0"]))


@pytest.mark.pdf
def test_cjk_line_breaking(stress: StressPdf) -> None:
    lines = [line for line in _lines(stress.chars) if line and line in PARAGRAPH]
    assert "".join(lines) == PARAGRAPH, lines
    assert len(lines) >= 3, lines
    for line in lines:
        assert line[0] not in NOT_AT_LINE_START, line
        assert line[-1] not in NOT_AT_LINE_END, line
    left, right = stress.text_block
    inside = [c for c in stress.chars if str(c["text"]) in PARAGRAPH]
    assert max(c["x1"] for c in inside) <= right + 0.5  # no line runs into the margin
    assert min(c["x0"] for c in inside) >= left - 0.5
    assert "Overfull \\hbox" not in stress.log


@pytest.mark.pdf
def test_a_cjk_character_no_font_has_fails_the_build(tmp_path: Path) -> None:
    """U+2A6D6 (CJK Extension B) is in no installed font: the glyph check says so."""
    require_tex()
    srcdir = copy_root("cjk-stress", tmp_path / "src")
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text("utf-8").replace("(科研費)", "(科研費\U0002a6d6)"), "utf-8")
    result = _latexpdf(srcdir)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "'\U0002a6d6' (U+2A6D6 CJK UNIFIED IDEOGRAPH-2A6D6)" in output
    assert "cjk.tex:" in output and "Method (科研費\U0002a6d6)" in output


@pytest.mark.parametrize("builder", ["html", "text"])
def test_the_stress_root_builds_without_a_warning(
    make_app: Any, tmp_path: Path, builder: str
) -> None:
    built = build(make_app, "cjk-stress", tmp_path, builder)
    assert built.warnings == []
