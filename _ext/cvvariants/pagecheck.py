"""Warn when a variant's PDF is over its page budget: ``python pagecheck.py DIR STEM BUDGET NAME``.

A one-page CV that grew to two pages should not go out unnoticed, and nothing
but the finished PDF knows its page count. xelatex writes it into its log
("Output written on kaiyan-zhang-cv-short.pdf (2 pages, 41234 bytes)."); this
script reads the log of the document *STEM* in *DIR* and, when the count is
over *BUDGET*, prints a warning that names the file, the count, the budget and
what to do. It exits with 0 either way: a page budget is the owner's aim, not
a broken build (``tools/downloads.py --strict`` makes it one for publishing).

It imports nothing but the standard library: :mod:`cvvariants.budget` copies it
into the LaTeX output folder, where latexmk runs it as it exits (``make
latexpdf`` and Read the Docs alike, as cvbib's glyph check).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

#: xelatex's last line about the PDF (TeX wraps log lines at 79 characters).
WRITTEN = re.compile(r"Output written on\s+(.+?)\s+\((\d+)\s+pages?", re.DOTALL)
#: TeX's log names the file it was started on: ``**kaiyan-zhang-cv-short.tex``.
SOURCE = re.compile(r"^\*\*(.+?\.tex)\s*$", re.MULTILINE)


def pages_of(directory: Path, stem: str) -> tuple[str, int] | None:
    """(the PDF's name, its page count) of the document *stem*, from its xelatex log.

    The log is ``<stem>.log``, or under Read the Docs, which names the job after
    the project, the log that says it was started on ``<stem>.tex``.
    """
    for log_path in sorted(directory.glob("*.log")):
        log = log_path.read_text("utf-8", errors="replace")
        source = SOURCE.search(log)
        if log_path.stem != stem and (source is None or Path(source.group(1)).stem != stem):
            continue
        found = WRITTEN.findall(log)
        if found:
            name, pages = found[-1]
            return re.sub(r"\s+", "", name).strip('"'), int(pages)
    return None


def budget_message(pdf: str, pages: int, budget: int, variant: str) -> str | None:
    """The warning for a PDF of *pages* pages against *budget*, or None within it."""
    if pages <= budget:
        return None
    return (
        f"WARNING: {pdf} has {pages} pages, over the {budget}-page budget of the "
        f"variant '{variant}' (cv_variants in conf.py): tag more content out of it "
        f"(README, \"Variants\"), or raise its 'pages'"
    )


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print("usage: pagecheck.py DIR STEM BUDGET VARIANT", file=sys.stderr)
        return 2
    directory, stem, budget, variant = Path(argv[0]), argv[1], int(argv[2]), argv[3]
    found = pages_of(directory, stem)
    if found is None:
        return 0  # no PDF was written: latexmk reports that failure itself
    message = budget_message(found[0], found[1], budget, variant)
    if message:
        print(message, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
