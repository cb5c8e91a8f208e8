"""Fail `make latexpdf` when the PDF lacks a character: ``check_glyphs.py BUILD/latex``.

xelatex does not stop when no font has a character: it writes "Missing
character: There is no ⁺ (U+207A) in font ...!" deep in its log, leaves a gap
in the PDF and exits with 0. This script reads the logs of the LaTeX build
directory and, for each missing character, prints the character, its code
point and name, the font, and where it is in the ``.tex`` source (line and
text around it), then exits with 1.
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


def main(argv: list[str]) -> int:
    latex_dir = Path(argv[1] if len(argv) > 1 else "_build/latex")
    failed = False
    for log_path in sorted(latex_dir.glob("*.log")):
        log = log_path.read_text("utf-8", errors="replace")
        missing = missing_characters(log)
        if not missing:
            continue
        failed = True
        tex = log_path.with_suffix(".tex")
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
