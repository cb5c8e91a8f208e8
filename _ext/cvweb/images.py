"""Images made at build time from the owner's name: the favicon and the link-preview card.

Both are drawn offline with Pillow and its bundled font (no network, no system
fonts, so every machine draws the same bytes); the monogram is the initials of
``cv_owner``. A file is rewritten only when its bytes change, so a rebuild
leaves the output alone.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .languages import _

#: Furo's brand blue, darkened to keep white text above 7:1 contrast.
BACKGROUND = (22, 62, 140)
FOREGROUND = (255, 255, 255)
MUTED = (205, 218, 245)
CARD_SIZE = (1200, 630)
FAVICON_SVG = "favicon.svg"
FAVICON_ICO = "favicon.ico"
CARD_PNG = "cv-card.png"


def initials(name: str) -> str:
    """``"Kaiyan Zhang"`` -> ``"KZ"``: the first letter of the first and last words."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    if not words:
        return "CV"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def favicon_svg(name: str) -> str:
    """A square monogram; the text is the owner's initials in the browser's sans-serif."""
    rgb = "#{:02x}{:02x}{:02x}".format(*BACKGROUND)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
        f'<rect width="64" height="64" rx="12" fill="{rgb}"/>'
        '<text x="32" y="43" text-anchor="middle" font-family="Helvetica, Arial, sans-serif" '
        f'font-size="28" font-weight="700" fill="#fff">{initials(name)}</text></svg>\n'
    )


def favicon_ico(name: str) -> bytes:
    """The same monogram as a 16/32/48 px ``.ico`` for clients that ask for /favicon.ico."""
    size = 96
    image = Image.new("RGB", (size, size), BACKGROUND)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=44)
    draw.text((size / 2, size / 2), initials(name), font=font, fill=FOREGROUND, anchor="mm")
    out = io.BytesIO()
    image.save(out, format="ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def card_png(name: str, description: str, site: str) -> bytes:
    """The 1200x630 image link previews show: the name, the description, the site's address."""
    image = Image.new("RGB", CARD_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = 80
    draw.text((margin, 110), name, font=ImageFont.load_default(size=76), fill=FOREGROUND)
    body = ImageFont.load_default(size=36)
    summary = description.split(" — ", 1)[-1] if description else _("Curriculum Vitae")
    y = 250
    for line in textwrap.wrap(summary, width=52)[:6]:
        draw.text((margin, y), line, font=body, fill=MUTED)
        y += 50
    if site:
        draw.text(
            (margin, CARD_SIZE[1] - 90), site, font=ImageFont.load_default(size=30), fill=MUTED
        )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_if_changed(path: Path, data: bytes | str) -> None:
    """Write *data* unless *path* already holds exactly it."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == raw:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
