"""Images made at build time from the owner's name: the favicon and the link-preview card.

Both are drawn offline with Pillow, in Noto found through fontconfig
(:mod:`cvweb.fonts`): an accented name ("Chloé Dubois-Nakamura", "Universität")
and a CJK one ("张伟") are drawn with their own glyphs, never a box. The
monogram is the initials of ``cv_owner`` (:func:`initials`). A file is
rewritten only when its bytes change, so a rebuild leaves the output alone;
the bytes depend on the Noto version installed, as the PDF's do.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw

from cvweb.fonts import FontChain, is_cjk

from .languages import _

#: Furo's brand blue, darkened to keep white text above 7:1 contrast.
BACKGROUND = (22, 62, 140)
FOREGROUND = (255, 255, 255)
MUTED = (205, 218, 245)
CARD_SIZE = (1200, 630)
FAVICON_SVG = "favicon.svg"
FAVICON_ICO = "favicon.ico"
CARD_PNG = "cv-card.png"

#: The card's layout, in pixels: left margin, the name's baseline and largest
#: size (a long name is made smaller to fit, down to the smallest), the
#: description's first baseline, size, line height and number of lines.
MARGIN = 80
NAME_BASELINE = 180
NAME_SIZE = 76
NAME_MIN_SIZE = 44
BODY_BASELINE = 290
BODY_SIZE = 36
BODY_LEADING = 50
BODY_LINES = 5
SITE_BASELINE = 570
SITE_SIZE = 30
#: The .ico's canvas and the monogram's size on it (one CJK character is drawn larger).
ICON_CANVAS = 96
ICON_SIZE = 44
ICON_CJK_SIZE = 60

#: A parenthesised part of a name ("Wei Zhang (张伟)"): another spelling, not a name word.
_PARENTHESES = re.compile(r"\([^)]*\)|（[^）]*）")


def initials(name: str) -> str:
    """The monogram of a name, as its structure gives it.

    - ``"Kaiyan Zhang"`` -> ``"KZ"``: the first letters of the first and the last
      word (the given and the family name).
    - ``"Chloé Dubois-Nakamura"`` -> ``"CD"``: a hyphenated family name is one
      name, so its first letter; ``"Jean-Pierre Dupont"`` -> ``"JD"``.
    - ``"Zhang, Kaiyan"`` -> ``"KZ"``: BibTeX's "Family, Given" order.
    - A name written in CJK (``"张伟"``, ``"김민준"``, ``"中村 クロエ"``) -> its first
      character, the family name in CJK order: one CJK character is what a
      16-pixel icon shows legibly, where two would be blots.
    - A part in parentheses is another spelling and is not read
      (``"Wei Zhang (张伟)"`` -> ``"WZ"``); no letter at all gives ``"CV"``.
    """
    name = _PARENTHESES.sub(" ", unicodedata.normalize("NFC", name))
    if "," in name:
        family, _, given = name.partition(",")
        name = f"{given} {family}"
    words = [word for word in name.split() if word[0].isalnum()]
    if not words:
        return "CV"
    first = words[0][0]
    if is_cjk(first):
        return first
    letters = [first] + ([words[-1][0]] if len(words) > 1 else [])
    return "".join(letter.upper() if len(letter.upper()) == 1 else letter for letter in letters)


def favicon_svg(name: str) -> str:
    """A square monogram; the text is the owner's initials in the browser's sans-serif."""
    rgb = "#{:02x}{:02x}{:02x}".format(*BACKGROUND)
    monogram = initials(name)
    cjk = is_cjk(monogram[0])
    y, size = (45, 36) if cjk else (43, 28)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="12" fill="{rgb}"/>'
        f'<text x="32" y="{y}" text-anchor="middle" '
        "font-family=\"Helvetica, Arial, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', "
        "'Microsoft YaHei', sans-serif\" "
        f'font-size="{size}" font-weight="700" fill="#fff">{escape(monogram)}</text></svg>\n'
    )


def favicon_ico(name: str, fonts: FontChain | None = None) -> bytes:
    """The same monogram as a 16/32/48 px ``.ico`` for clients that ask for /favicon.ico.

    Drawn in bold on a 96 px canvas and centred by its ink (not by the font's
    ascent), then scaled down by Pillow for each size.
    """
    fonts = fonts if fonts is not None else FontChain.from_fontconfig(bold=True)
    monogram = initials(name)
    size = ICON_CJK_SIZE if is_cjk(monogram[0]) else ICON_SIZE
    image = Image.new("RGB", (ICON_CANVAS, ICON_CANVAS), BACKGROUND)
    # Drawn on a scratch canvas large enough for any glyph's ink, then cropped to it.
    ink = Image.new("L", (3 * ICON_CANVAS, 3 * ICON_CANVAS), 0)
    _draw_runs(ImageDraw.Draw(ink), fonts, monogram, (ICON_CANVAS, 2 * ICON_CANVAS), size, 255)
    box = ink.getbbox()
    if box is not None:
        left = (ICON_CANVAS - (box[2] - box[0])) // 2
        top = (ICON_CANVAS - (box[3] - box[1])) // 2
        glyphs = ink.crop(box)
        image.paste(Image.new("RGB", glyphs.size, FOREGROUND), (left, top), glyphs)
    out = io.BytesIO()
    image.save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def card_png(
    name: str,
    description: str,
    site: str,
    fonts: FontChain | None = None,
    bold: FontChain | None = None,
) -> bytes:
    """The 1200x630 image link previews show: the name, the description, the site's address.

    The name is in bold (made smaller when it would not fit the width), the
    description after its leading name ("Name — PhD, …") in regular, wrapped
    to the card's width as a reader's eye expects: between words, and between
    any two CJK characters except before closing and after opening
    punctuation.
    """
    fonts = fonts if fonts is not None else FontChain.from_fontconfig()
    bold = bold if bold is not None else FontChain.from_fontconfig(bold=True)
    image = Image.new("RGB", CARD_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = CARD_SIZE[0] - 2 * MARGIN
    size = NAME_SIZE
    while size > NAME_MIN_SIZE and bold.width(name, size) > width:
        size -= 2
    _draw_runs(draw, bold, name, (MARGIN, NAME_BASELINE), size, FOREGROUND)
    summary = description.split(" — ", 1)[-1] if description else _("Curriculum Vitae")
    lines = wrap(summary, lambda text: fonts.width(text, BODY_SIZE), width)
    if len(lines) > BODY_LINES:
        lines = [*lines[: BODY_LINES - 1], _ellipsis(lines[BODY_LINES - 1], fonts, width)]
    for number, line in enumerate(lines):
        baseline = BODY_BASELINE + number * BODY_LEADING
        _draw_runs(draw, fonts, line, (MARGIN, baseline), BODY_SIZE, MUTED)
    if site:
        _draw_runs(draw, fonts, site, (MARGIN, SITE_BASELINE), SITE_SIZE, MUTED)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _draw_runs(
    draw: ImageDraw.ImageDraw,
    fonts: FontChain,
    text: str,
    origin: tuple[float, float],
    size: int,
    fill: tuple[int, int, int] | int,
) -> None:
    """Draw *text* from *origin* (left end of the baseline), one font run after the other."""
    x, baseline = origin
    for run, face in fonts.runs(text):
        font = fonts.font(face, size)
        draw.text((x, baseline), run, font=font, fill=fill, anchor="ls")
        x += font.getlength(run)


#: CJK punctuation that may not begin a line, and that may not end one.
_CLOSING = "、。，．：；！？）」』】》〉〕〗〙〛’”…‥ー々〜～"
_OPENING = "（「『【《〈〔〖〘〚‘“"


def _tokens(text: str) -> list[str]:
    """The pieces a line may break between: a word with its following spaces, or
    one CJK character with the punctuation that must stay with it."""
    tokens: list[str] = []
    for piece in re.findall(r"\S+\s*|\s+", text):
        current = ""
        for char in piece:
            joins = not current or char in _CLOSING or current[-1] in _OPENING
            starts_cjk = is_cjk(char) and char not in _CLOSING and not _is_hangul(char)
            ends_cjk = current and is_cjk(current[-1]) and not _is_hangul(current[-1])
            if current and not joins and (starts_cjk or (ends_cjk and not char.isspace())):
                tokens.append(current)
                current = ""
            current += char
        tokens.append(current)
    return tokens


def _is_hangul(char: str) -> bool:
    """Korean separates words by spaces: a Hangul word breaks only there."""
    return 0xAC00 <= ord(char) <= 0xD7AF or 0x1100 <= ord(char) <= 0x11FF


def wrap(text: str, measure: Callable[[str], float], width: float) -> list[str]:
    """*text* in lines no wider than *width* (as *measure* says), breaking as :func:`_tokens`."""
    lines: list[str] = []
    line = ""
    for token in _tokens(" ".join(text.split())):
        if line and measure((line + token).rstrip()) > width:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
        while measure(line.rstrip()) > width and len(line.rstrip()) > 1:
            cut = len(line)  # a single piece wider than the card (a long URL): cut it
            while cut > 1 and measure(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _ellipsis(line: str, fonts: FontChain, width: float) -> str:
    """*line* shortened to end with "…" within *width*: more text follows."""
    while line and fonts.width(line + "…", BODY_SIZE) > width:
        line = line[:-1]
    return line.rstrip() + "…"


def write_if_changed(path: Path, data: bytes | str) -> None:
    """Write *data* unless *path* already holds exactly it."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == raw:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
