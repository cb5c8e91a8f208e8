"""Write ``_latex/cvicons.sty``: the contact icons as drawings over invisible labels.

The contact line's icons (📍 ✉ ☎ 🔗 🌐) were characters of the Symbola font, so
a PDF's text layer carried them: a résumé parser or a copy and paste got
"📍 Beijing ✉ zhang-…". Drawn as filled outlines instead, they look the same
and carry no character; but a drawing leaves a gap in the text, and text
extractors split a line at a wide gap (pdftotext and pdfminer both moved
"Beijing" above the owner's name). So each icon's box also holds its meaning
as invisible text (PDF text rendering mode 3, as OCR layers are made), squeezed
to the icon's width: every extractor reads "Location: Beijing · Email: zhang-…",
which is what a parser looks for. An ``/ActualText`` replacement would not do:
pdfminer ignores it.

This script reads each icon's outline from the Symbola font (Debian's
``fonts-symbola``) with fontTools and writes it as PDF path operators in a
``\\special{pdf:content …}`` that xdvipdfmx (xelatex's driver) draws at the
current point, scaled to the current font size, in the current colour.
The outlines are data of the font, whose licence allows any use; the
generated file is committed, so building the CV needs neither fontTools nor
this script. Run it again to add an icon (``ICONS``) or after a font update::

    .venv/bin/python tools/icons.py [--font /path/to/Symbola.ttf]

(fontTools is in the ``test`` dependency group.) ``tests/test_pdf_text.py``
checks that the file is what this script writes from the installed font.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "_latex" / "cvicons.sty"
#: The icons drawn (the contact line's, sections/contact.md), each with the label
#: the text layer carries in its place.
ICONS = {
    "📍": "Location:",
    "✉": "Email:",
    "☎": "Phone:",
    "🔗": "Website:",
    "🌐": "Web:",
}
#: Coordinates are written in thousandths of an em, to one decimal place.
UNITS = 1000


def font_path(family: str = "Symbola") -> Path:
    """The font file fontconfig finds for *family*."""
    found = subprocess.run(
        ["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True
    ).stdout.strip()
    if not found or family.lower() not in Path(found).name.lower():
        raise SystemExit(f"{family} not found (Debian: apt-get install fonts-symbola)")
    return Path(found)


def _number(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def outline(font: object, char: str) -> tuple[float, float, float, str]:
    """(advance, height, depth) in em and the PDF path operators of *char*'s glyph."""
    from fontTools.pens.basePen import BasePen

    scale = UNITS / font["head"].unitsPerEm  # type: ignore[index]
    ops: list[str] = []

    def point(p: tuple[float, float]) -> str:
        return f"{_number(p[0] * scale)} {_number(p[1] * scale)}"

    class PdfPen(BasePen):  # type: ignore[misc]
        def _moveTo(self, p: tuple[float, float]) -> None:
            ops.append(f"{point(p)} m")

        def _lineTo(self, p: tuple[float, float]) -> None:
            ops.append(f"{point(p)} l")

        def _curveToOne(
            self, p1: tuple[float, float], p2: tuple[float, float], p3: tuple[float, float]
        ) -> None:
            ops.append(f"{point(p1)} {point(p2)} {point(p3)} c")

        def _qCurveToOne(self, p1: tuple[float, float], p2: tuple[float, float]) -> None:
            # A quadratic Bézier as the cubic PDF draws: control points 2/3 of the way.
            p0 = self._getCurrentPoint()
            c1 = (p0[0] + 2 / 3 * (p1[0] - p0[0]), p0[1] + 2 / 3 * (p1[1] - p0[1]))
            c2 = (p2[0] + 2 / 3 * (p1[0] - p2[0]), p2[1] + 2 / 3 * (p1[1] - p2[1]))
            ops.append(f"{point(c1)} {point(c2)} {point(p2)} c")

        def _closePath(self) -> None:
            ops.append("h")

    glyphs = font.getGlyphSet()  # type: ignore[attr-defined]
    name = font.getBestCmap()[ord(char)]  # type: ignore[attr-defined]
    glyph = glyphs[name]
    glyph.draw(PdfPen(glyphs))
    bounds = font["glyf"][name]  # type: ignore[index]
    em = font["head"].unitsPerEm  # type: ignore[index]
    return glyph.width / em, max(bounds.yMax, 0) / em, max(-bounds.yMin, 0) / em, " ".join(ops)


def render(font_file: Path) -> str:
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_file))
    version = font["name"].getDebugName(5) or "no version"
    lines = [
        "% cvicons.sty: the contact icons drawn, not typed. Written by tools/icons.py",
        f"% from the outlines of {font_file.name} ({version}):",
        "% do not edit; run the script again.",
        "%",
        "% Each icon is a filled outline (PDF path operators, xdvipdfmx's pdf:content",
        "% special) in a box as wide as the glyph, scaled to the current font size and",
        "% drawn in the current colour: it looks as Symbola's glyph did. The text layer",
        '% holds its label instead ("Email:"), invisible (rendering mode 3) and squeezed',
        '% into the same box, so that extractors read one line: "Email: zhang-...".',
        r"\NeedsTeXFormat{LaTeX2e}",
        r"\ProvidesPackage{cvicons}[2026/12/04 contact icons as drawings]",
        r"\RequirePackage{newunicodechar}",
        r"\RequirePackage{graphicx}",
        "% #1 advance, #2 height, #3 depth (em); #4 the label; #5 the outline (1/1000 em).",
        r"\newcommand{\cvicon@draw}[5]{\leavevmode\hbox to #1em{%",
        r"  \vrule width 0pt height #2em depth #3em",
        r"  \rlap{\resizebox{#1em}{\height}{%",
        r"    \special{pdf:literal 3 Tr}#4\special{pdf:literal 0 Tr}}}%",
        r"  \edef\cvicon@scale{\strip@pt\dimexpr\f@size pt*7200/7227000\relax}%",
        r"  \special{pdf:content q \cvicon@scale\space 0 0 \cvicon@scale\space 0 0 cm #5 f Q}%",
        r"  \hss}}",
    ]
    for char, label in ICONS.items():
        advance, height, depth, ops = outline(font, char)
        name = unicodedata.name(char)
        lines.append(f"% {name} (U+{ord(char):04X}), read as {label!r}")
        lines.append(
            rf"\newunicodechar{{{char}}}{{\cvicon@draw{{{advance:.4f}}}{{{height:.4f}}}"
            rf"{{{depth:.4f}}}{{{label}}}{{{ops}}}}}"
        )
    lines.append(r"\endinput")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--font", type=Path, help="the font file (default: fontconfig's Symbola)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the file differs")
    args = parser.parse_args(argv)
    text = render(args.font or font_path())
    if args.check:
        current = args.output.read_text("utf-8") if args.output.is_file() else ""
        return 0 if current == text else 1
    args.output.write_text(text, "utf-8")
    print(args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
