"""The favicon and the link-preview card, looked at as pictures.

Pillow's bundled font drew "Chloé" as "Chlo▯" and a CJK name as boxes. These
tests do not trust the drawing code: they find Noto themselves (``fc-match``),
draw each expected line with it as a reference, and compare the pixels of
the picture with the reference's; each reference is first checked to have no
``.notdef`` box (every character's mask differs from the font's box). A
picture drawn with Pillow's own font, or with a box, or with other letters,
does not match: each test also checks that such a wrong picture is told apart.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont
from sphinx.testing.util import SphinxTestApp

from cvweb import images
from cvweb.fonts import FontChain

ROOTS = Path(__file__).parent / "roots"
BACKGROUND = (22, 62, 140)
WHITE = (255, 255, 255)
MUTED = (205, 218, 245)
#: The card's layout as its docstring states it: margin, baselines and sizes.
MARGIN, NAME_BASELINE, NAME_SIZE = 80, 180, 76
BODY_BASELINE, BODY_SIZE = 290, 36
NOTDEF_PROBE = "\U0010fffd"


def noto(family: str, bold: bool, size: int) -> ImageFont.FreeTypeFont:
    """*family* at *size*, found by fontconfig (the test's own query)."""
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig's fc-match is not installed")
    weight = "bold" if bold else "regular"
    found = subprocess.run(
        ["fc-match", "--format", "%{family[0]}\t%{file}\t%{index}", f"{family}:weight={weight}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\t")
    if found[0] != family:
        message = f"{family} is not installed (Debian: fonts-noto-core fonts-noto-cjk)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return ImageFont.truetype(found[1], size, index=int(found[2]))


def assert_no_notdef(font: ImageFont.FreeTypeFont, text: str) -> None:
    """Every character of *text* has its own glyph in *font*, not the ``.notdef`` box."""
    box = bytes(font.getmask(NOTDEF_PROBE))
    assert box, "the probe draws the font's box"
    for char in text.replace(" ", ""):
        assert bytes(font.getmask(char)) != box, (char, font.getname())


def reference(
    text: str, font: ImageFont.FreeTypeFont, baseline: int, fill: tuple[int, int, int]
) -> Image.Image:
    """*text* alone on a card, drawn at the card's margin on *baseline*."""
    image = Image.new("RGB", images.CARD_SIZE, BACKGROUND)
    ImageDraw.Draw(image).text((MARGIN, baseline), text, font=font, fill=fill, anchor="ls")
    return image


def line_boxes(image: Image.Image) -> list[tuple[int, int, int, int]]:
    """Where the picture's lines of text are, top to bottom: each one's ink box."""
    ink = ImageChops.difference(image.convert("RGB"), Image.new("RGB", image.size, BACKGROUND))
    mask = ink.convert("L").point(lambda v: 255 if v > 24 else 0)
    rows = [mask.crop((0, y, mask.width, y + 1)).getbbox() is not None for y in range(mask.height)]
    boxes, start = [], None
    for y, has_ink in enumerate([*rows, False]):
        if has_ink and start is None:
            start = y
        elif not has_ink and start is not None:
            box = mask.crop((0, start, mask.width, y)).getbbox()
            assert box is not None
            boxes.append((box[0], start + box[1], box[2], start + box[3]))
            start = None
    return boxes


def lines(image: Image.Image) -> list[Image.Image]:
    """The picture's lines of text, top to bottom, each cropped to its ink."""
    return [image.crop(box) for box in line_boxes(image)]


def same(a: Image.Image, b: Image.Image) -> bool:
    """The same ink, pixel for pixel (a grey level of slack for antialiasing)."""
    if abs(a.width - b.width) > 1 or abs(a.height - b.height) > 1:
        return False
    width, height = min(a.width, b.width), min(a.height, b.height)
    diff = ImageChops.difference(
        a.convert("L").crop((0, 0, width, height)), b.convert("L").crop((0, 0, width, height))
    )
    histogram = diff.histogram()
    return sum(level * count for level, count in enumerate(histogram)) / (width * height) < 2


def only_line(text: str, font: ImageFont.FreeTypeFont, baseline: int, fill: Any) -> Image.Image:
    [line] = lines(reference(text, font, baseline, fill))
    return line


def card(name: str, description: str, **chains: FontChain) -> Image.Image:
    return Image.open(io.BytesIO(images.card_png(name, description, "", **chains)))


@pytest.mark.parametrize(
    ("name", "monogram"),
    [
        ("Kaiyan Zhang", "KZ"),
        ("Chloé Dubois-Nakamura", "CD"),
        ("Jean-Pierre Dupont", "JD"),
        ("Zhang, Kaiyan", "KZ"),
        ("Ludwig van Beethoven", "LB"),
        ("émile zola", "ÉZ"),
        ("Wei Zhang (张伟)", "WZ"),
        ("张伟", "张"),
        ("欧阳娜娜", "欧"),
        ("김민준", "김"),
        ("中村 クロエ", "中"),
        ("Ada", "A"),
        ("", "CV"),
    ],
)
def test_initials_follow_the_names_structure(name: str, monogram: str) -> None:
    assert images.initials(name) == monogram


def test_the_card_draws_an_accented_latin_name_with_its_glyphs() -> None:
    bold, regular = noto("Noto Sans", True, NAME_SIZE), noto("Noto Sans", False, BODY_SIZE)
    assert_no_notdef(bold, "Chloé Dubois-Nakamura")
    assert_no_notdef(regular, "PhD, Universität Heidelberg.")
    picture = card("Chloé Dubois-Nakamura", "Chloé Dubois-Nakamura — PhD, Universität Heidelberg.")
    assert picture.size == (1200, 630)
    name, body = lines(picture)
    assert same(name, only_line("Chloé Dubois-Nakamura", bold, NAME_BASELINE, WHITE))
    assert same(body, only_line("PhD, Universität Heidelberg.", regular, BODY_BASELINE, MUTED))
    # what the card drew before (Pillow's font, "Chlo▯"), and other letters, are told apart
    pillow = ImageFont.load_default(size=NAME_SIZE)
    assert not same(name, only_line("Chloé Dubois-Nakamura", pillow, NAME_BASELINE, WHITE))
    assert not same(name, only_line("Chloe Dubois-Nakamura", bold, NAME_BASELINE, WHITE))


def test_the_card_draws_a_cjk_name_and_description() -> None:
    bold = noto("Noto Sans CJK SC", True, NAME_SIZE)
    regular = noto("Noto Sans CJK SC", False, BODY_SIZE)
    assert_no_notdef(bold, "张伟")
    assert_no_notdef(regular, "清华大学电子工程系博士。")
    picture = card("张伟", "张伟 — 清华大学电子工程系博士。")
    name, body = lines(picture)
    assert same(name, only_line("张伟", bold, NAME_BASELINE, WHITE))
    assert same(body, only_line("清华大学电子工程系博士。", regular, BODY_BASELINE, MUTED))
    serif = noto("Noto Serif CJK SC", True, NAME_SIZE)
    assert not same(name, only_line("张伟", serif, NAME_BASELINE, WHITE))


def test_a_long_cjk_description_wraps_inside_the_card() -> None:
    text = "研究兴趣：大语言模型、测试时扩展、强化学习，以及「推理」与对齐。" * 5
    boxes = line_boxes(card("张伟", f"张伟 — {text}"))
    assert len(boxes) == 1 + 5  # the name, then five lines at most (the last ends with "…")
    for left, _, right, _ in boxes:
        assert left >= MARGIN - 2 and right <= 1200 - MARGIN, boxes
    wrapped = images.wrap(text, lambda s: FontChain.from_fontconfig().width(s, BODY_SIZE), 1040)
    assert "".join(wrapped) == text and len(wrapped) > 5
    for line in wrapped:
        assert line[0] not in "、。，：」）" and line[-1] not in "「（", wrapped


def icon(data: bytes, size: int) -> Image.Image:
    with Image.open(io.BytesIO(data)) as ico:
        ico.size = (size, size)  # the frame of that size
        ico.load()
        return ico.convert("RGB")


def icon_reference(text: str, font: ImageFont.FreeTypeFont, size: int) -> Image.Image:
    """*text* centred by its ink on the 96 px canvas, scaled down as an .ico frame is."""
    ink = Image.new("L", (192, 192), 0)
    ImageDraw.Draw(ink).text((20, 150), text, font=font, fill=255, anchor="ls")
    box = ink.getbbox()
    assert box is not None
    glyphs = ink.crop(box)
    canvas = Image.new("RGB", (96, 96), BACKGROUND)
    at = ((96 - glyphs.width) // 2, (96 - glyphs.height) // 2)
    canvas.paste(Image.new("RGB", glyphs.size, WHITE), at, glyphs)
    canvas.thumbnail((size, size), Image.Resampling.LANCZOS, reducing_gap=None)
    return canvas


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    histogram = ImageChops.difference(a.convert("L"), b.convert("L")).histogram()
    return sum(level * count for level, count in enumerate(histogram)) / (a.width * a.height)


@pytest.mark.parametrize(
    ("name", "monogram", "family", "size", "wrong"),
    [
        ("Chloé Dubois-Nakamura", "CD", "Noto Sans", 44, "CN"),
        ("张伟", "张", "Noto Sans CJK SC", 60, "伟"),
    ],
)
def test_the_favicon_is_the_monogram_in_noto(
    name: str, monogram: str, family: str, size: int, wrong: str
) -> None:
    font = noto(family, True, size)
    assert_no_notdef(font, monogram)
    data = images.favicon_ico(name)
    for pixels in (48, 32):
        drawn = icon(data, pixels)
        assert mean_difference(drawn, icon_reference(monogram, font, pixels)) < 1
        assert mean_difference(drawn, icon_reference(wrong, font, pixels)) > 5
    svg = images.favicon_svg(name)
    assert f">{monogram}</text>" in svg


def test_without_a_font_no_box_is_drawn() -> None:
    """No fontconfig: Pillow's font for what it has, a base letter or nothing for the rest."""
    fonts = FontChain.from_fontconfig(command="no-such-fc-list")
    bold = FontChain.from_fontconfig(bold=True, command="no-such-fc-list")
    assert fonts.faces == [] and not fonts.fontconfig
    picture = card("Chloé 张伟", "x — Universität", fonts=fonts, bold=bold)
    pillow = ImageFont.load_default(size=NAME_SIZE)
    name, body = lines(picture)
    assert same(name, only_line("Chloe", pillow, NAME_BASELINE, WHITE))
    assert not same(name, only_line("Chloé", pillow, NAME_BASELINE, WHITE))  # "Chlo▯"
    body_font = ImageFont.load_default(size=BODY_SIZE)
    assert same(body, only_line("Universitat", body_font, BODY_BASELINE, MUTED))
    assert bold.missing == ["é", "张", "伟"] and fonts.missing == ["ä"]


def _build(srcdir: Path, **overrides: Any) -> tuple[Path, str]:
    app = SphinxTestApp("html", srcdir=srcdir, confoverrides=overrides or None)
    try:
        app.build()
        return Path(app.outdir), app.warning.getvalue()
    finally:
        app.cleanup()


def test_a_site_of_an_accented_owner(tmp_path: Path) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-web", srcdir)
    outdir, warnings = _build(srcdir, author="Chloé Dubois-Nakamura")
    assert warnings == ""
    assert ">CD</text>" in (outdir / "_static" / "favicon.svg").read_text("utf-8")
    [name] = lines(Image.open(outdir / "_static" / "cv-card.png"))[:1]
    bold = noto("Noto Sans", True, NAME_SIZE)
    assert same(name, only_line("Chloé Dubois-Nakamura", bold, NAME_BASELINE, WHITE))
    font = noto("Noto Sans", True, 44)
    drawn = icon((outdir / "favicon.ico").read_bytes(), 48)
    assert mean_difference(drawn, icon_reference("CD", font, 48)) < 1


def test_a_character_no_font_has_is_named_in_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = tmp_path / "site"
    shutil.copytree(ROOTS / "test-web", srcdir)
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))  # no fc-list
    outdir, warnings = _build(srcdir, author="张伟")
    found = [line for line in warnings.splitlines() if "[cvweb.missing_glyph]" in line]
    assert len(found) == 2, warnings  # the card, the favicon
    assert "U+5F20 CJK UNIFIED IDEOGRAPH-5F20" in found[0] and "cv-card.png" in found[0]
    assert "fc-list was not found" in found[0]
    assert "favicon.ico" in found[1] and "U+4F1F" not in found[1]  # the favicon draws 张 only
    assert (outdir / "favicon.ico").is_file()
