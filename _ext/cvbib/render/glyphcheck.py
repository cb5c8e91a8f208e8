"""Fail the PDF build when the PDF lacks a character: ``python glyphcheck.py BUILD/latex``.

xelatex does not stop when no font has a character: it writes "Missing
character: There is no ⁺ (U+207A) in font ...!" deep in its log, leaves a gap
in the PDF and exits with 0. This script reads the logs of the LaTeX build
directory and, for each missing character, prints the character, its code
point and name, the font, and where it is in the ``.tex`` source (line and
text around it), then exits with 1.

It imports nothing but the standard library: :mod:`cvbib.render.latexmkrc` copies it
into the LaTeX output folder, where latexmk runs it as it exits (``make
latexpdf`` and Read the Docs alike).
"""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

#: xelatex's line (wrapped by TeX at 79 characters, so the font name may be cut).
MISSING = re.compile(
    r"Missing character: There is no (.+?) \((U\+[0-9A-F]{4,6})\) in font ([^!/\n]+)"
)


def missing_characters(log: str) -> dict[str, str]:
    """Each missing character with the font that lacked it, in log order."""
    found: dict[str, str] = {}
    for match in MISSING.finditer(log):
        char = chr(int(match.group(2)[2:], 16))
        found.setdefault(char, match.group(3))
    return found


def places(tex: Path, char: str, limit: int = 3) -> list[str]:
    """Where *char* is in the LaTeX source: "file:line: …text…"."""
    result = []
    for number, line in enumerate(tex.read_text("utf-8", errors="replace").splitlines(), 1):
        at = line.find(char)
        if at >= 0:
            snippet = line[max(0, at - 30) : at + 30].strip()
            result.append(f"{tex.name}:{number}: …{snippet}…")
            if len(result) >= limit:
                break
    return result


#: TeX's log names the file it was started on: ``**glyphs.tex``.
_SOURCE = re.compile(r"^\*\*(.+?\.tex)\s*$", re.MULTILINE)


def source_of(log_path: Path, log: str) -> Path:
    """The ``.tex`` a log is of: the log's own name, or the file it says TeX read.

    Read the Docs names the job after the project (``-jobname=<slug>``), so
    ``<slug>.log`` is the log of ``<owner>-cv.tex``.
    """
    tex = log_path.with_suffix(".tex")
    match = _SOURCE.search(log)
    if not tex.exists() and match:
        tex = log_path.parent / Path(match.group(1).strip()).name
    return tex


def main(argv: list[str]) -> int:
    latex_dir = Path(argv[1] if len(argv) > 1 else "_build/latex")
    failed = False
    for log_path in sorted(latex_dir.glob("*.log")):
        log = log_path.read_text("utf-8", errors="replace")
        missing = missing_characters(log)
        if not missing:
            continue
        failed = True
        tex = source_of(log_path, log)
        for char, font in missing.items():
            name = unicodedata.name(char, "unnamed character")
            print(
                f"error: the PDF lacks '{char}' (U+{ord(char):04X} {name}): no font has it "
                f"(main font: {font}).",
                file=sys.stderr,
            )
            for place in places(tex, char) if tex.exists() else []:
                print(f"  at {place}", file=sys.stderr)
        print(
            "  Write the character another way, or install a font that has it and add it "
            "to the fallback fonts in _latex/cvstyle.sty.",
            file=sys.stderr,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
