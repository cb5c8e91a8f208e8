"""Build every variant's PDF, Word file and plain text for the web page to offer.

``make downloads`` and Read the Docs (``build.jobs.pre_build`` in
``.readthedocs.yaml``) run this before the web page is built::

    python tools/downloads.py [--source .] [--out _build/downloads] [--strict]

For each variant that ``conf.py`` declares (``cv_variants``, the default
first), it runs the same builds as ``make latexpdf VARIANT=…``, ``make docx
VARIANT=…`` and ``make text VARIANT=…`` — Sphinx in a separate process each,
with the variant's own doctrees, and for the PDF latexmk in the LaTeX folder
with the ``latexmkrc`` Sphinx wrote (its guards and checks included) — and
copies the results into ``--out`` with a ``manifest.json`` that says which file
is which variant's, in which format, and how many pages each PDF has. The web
page's build reads that manifest (:mod:`cvvariants.downloads`).

``--strict`` (Read the Docs, where ``fail_on_warning`` is set) passes ``-W
--keep-going`` to Sphinx and fails when a PDF is over its variant's page
budget, after building everything, so that one run reports every problem.
Without it a page budget overrun is a warning, as in ``make latexpdf``.

It needs Python and the project's dependencies, TeX (``make tex-check``) and
nothing from the Makefile, so Read the Docs can run it as it is.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "_ext"))

from cvvariants.pagecheck import budget_message, pages_of  # noqa: E402
from cvvariants.plan import Planned, plan  # noqa: E402

#: Sphinx builder -> (format in the manifest, extension, output folder).
BUILDS = {
    "latex": ("pdf", ".pdf", "latex"),
    "docx": ("docx", ".docx", "docx"),
    "text": ("txt", ".txt", "text"),
}


@dataclass
class Made:
    variant: str
    format: str
    file: str
    pages: int | None = None


def _run(command: list[str], cwd: Path | None = None) -> None:
    print("+", " ".join(command), flush=True)
    result = subprocess.run(command, cwd=cwd, env={**os.environ, "LATEXMKOPTS": "-silent"})
    if result.returncode:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(command)}")


def _sphinx(source: Path, work: Path, builder: str, variant: str, strict: bool) -> Path:
    outdir = work / variant / builder
    command = [
        sys.executable, "-m", "sphinx", "-b", builder, "-q",
        "-d", str(work / variant / f"doctrees-{builder}"),
        "-D", f"cv_variant={variant}",
    ]  # fmt: skip
    if strict:
        command += ["-W", "--keep-going"]
    _run([*command, str(source), str(outdir)])
    return outdir


def build_variant(
    item: Planned, source: Path, work: Path, out: Path, strict: bool, formats: list[str]
) -> tuple[list[Made], list[str]]:
    """Build one variant's files into *out*; the files made and the budget problems."""
    made: list[Made] = []
    problems: list[str] = []
    name = item.variant.name
    for builder, (fmt, extension, _folder) in BUILDS.items():
        if fmt not in formats:
            continue
        outdir = _sphinx(source, work, builder, name, strict)
        pages = None
        if builder == "latex":
            (outdir / f"{item.stem}.pdf").unlink(missing_ok=True)  # never offer an old one
            _run(
                ["latexmk", "-pdf", "-dvi-", "-ps-", "-silent", "-interaction=nonstopmode",
                 f"{item.stem}.tex"],
                cwd=outdir,
            )  # fmt: skip
            found = pages_of(outdir, item.stem)
            pages = found[1] if found else None
            if pages is not None and item.variant.pages is not None:
                message = budget_message(f"{item.stem}.pdf", pages, item.variant.pages, name)
                if message:
                    problems.append(message)
        file = f"{item.stem}{extension}"
        shutil.copyfile(outdir / file, out / file)
        made.append(Made(name, fmt, file, pages))
    return made, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=Path("."), help="the CV (conf.py's folder)")
    parser.add_argument("--out", type=Path, default=None, help="default: <source>/_build/downloads")
    parser.add_argument("--work", type=Path, default=None, help="default: <source>/_build/variants")
    parser.add_argument("--strict", action="store_true", help="warnings and page overruns fail")
    parser.add_argument("--formats", default="pdf,docx,txt", help="comma-separated: pdf,docx,txt")
    args = parser.parse_args(argv)
    source = args.source.resolve()
    out = (args.out or source / "_build" / "downloads").resolve()
    work = (args.work or source / "_build" / "variants").resolve()
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    if shutil.which("latexmk") is None and "pdf" in formats:
        raise SystemExit("latexmk was not found: the PDFs need TeX (make tex-check says how)")
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    made: list[Made] = []
    problems: list[str] = []
    for item in plan(source):
        files, found = build_variant(item, source, work, out, args.strict, formats)
        made += files
        problems += found
    manifest = [
        {
            "variant": m.variant,
            "format": m.format,
            "file": m.file,
            "pages": m.pages,
            "bytes": (out / m.file).stat().st_size,
        }
        for m in made
    ]
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    for m in made:
        pages = f", {m.pages} page{'s' if m.pages != 1 else ''}" if m.pages else ""
        print(f"{out / m.file} ({m.variant}{pages})")
    for message in problems:
        print(message, file=sys.stderr)
    return 1 if problems and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
