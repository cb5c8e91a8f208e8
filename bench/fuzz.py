"""Hostile ``.bib`` input against benign input of the same size: ``make fuzz``.

For each attack class of the security issue ("a hostile or careless .bib
cannot hang the build") this writes a crafted ``.bib`` of a given size and a
benign one of the same size (realistic entries from ``bench/genbib.py``),
and runs each through cvbib's reading and formatting path end to end, in a
fresh interpreter: :func:`cvbib.bib.read.read_bibfiles`, the ``@preamble``
macro table, :func:`cvbib.style.formatting.format_entries` with the ``cv`` style
(marks, names, the LaTeX decoder, the publication model) and every entry
rendered as HTML -- what a ``sphinx-build -b html`` does with a ``.bib``,
without Sphinx's own start-up, so that the ratio shows cvbib's share. The
two runs alternate (benign, crafted, benign, ...) because the machine is
noisy; medians of ``--repeat`` rounds are printed with the ratio, the peak
resident memory of the crafted run (``ru_maxrss`` of its process), the size
of the HTML it made and the warnings it gave.

A crafted run is stopped after ``--timeout`` seconds (shown as "> N s"), and
every run is limited to ``--memory`` MB of address space (shown as
"MemoryError"), so that the code before the budgets can be measured too:
``--ext`` names the ``_ext`` directory whose ``cvbib`` is run (an older
checkout's). The target is crafted <= ~2x benign with bounded memory; the
exit status is 1 when a crafted run fails or times out.

``make fuzz FUZZ_ARGS="--classes marks,url --size 65536 --repeat 5"``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from genbib import OWNER, generate_bib  # noqa: E402

KB = 1024


# --- crafted input, one generator per attack class --------------------------------


def _frame(size: int) -> str:
    """A few realistic entries around the payload, as a hostile file would have."""
    return _benign(min(size // 8, 4 * KB))


def preamble_bodies(size: int) -> str:
    """``@preamble`` macro bodies times uses: a long body, used in many fields."""
    body = r"\emph{x}\,y" * (size // 20)
    uses = r"\zz" * (size // 48)
    entries = "\n".join(
        f"@misc{{pre{index}, author = {{A. Author}}, title = {{{uses}}}, year = 2020}}"
        for index in range(8)
    )
    return f'@preamble{{"\\def\\zz{{{body}}}"}}\n{entries}\n{_frame(size)}'


def string_doubling(size: int) -> str:
    """``@string{a1 = a0 # a0}``, 40 levels and more, then entries using the last."""
    levels = max(40, size // 64)
    lines = ['@string{a0 = "ab"}']
    lines += [f"@string{{a{i} = a{i - 1} # a{i - 1}}}" for i in range(1, levels + 1)]
    text = "\n".join(lines) + "\n"
    index = 0
    while len(text) < size // 2:
        text += f"@misc{{dbl{index}, author = {{A. Author}}, title = a{levels}, year = 2020}}\n"
        index += 1
    return text + _frame(size)


def marks(size: int) -> str:
    """al-folio's ``*`` glued to a name, thousands of them, not at the name's end."""
    run = "*" * (size // 2)
    names = f"Zhang{run}x, Kaiyan and Li, Wei"
    return f"@article{{stars, author = {{{names}}}, title = {{T}}, year = 2020}}\n{_frame(size)}"


def braced_and(size: int) -> str:
    """A braced name of ``and and and ...``: one name, stripped of extra "and"s."""
    ands = " and" * (size // 8)
    names = " and ".join(f"{{x{index}{ands} y}}" for index in range(2))
    return f"@article{{ands, author = {{{names}}}, title = {{T}}, year = 2020}}\n{_frame(size)}"


def escaped_brace(size: int) -> str:
    """``\\def\\zq{\\}`` over and over: each definition's body never closes."""
    defs = r"\def\zq{\}" * (size // 12)
    entry = r"@misc{esc, author = {A. Author}, title = {A \zq{} b}, year = 2020}"
    return f'@preamble{{"{defs}"}}\n{entry}\n{_frame(size)}'


def url_delimiters(size: int) -> str:
    """``\\url`` with a different delimiter each time, none of them closed."""
    count = min(size // 10, 0x10000)  # CJK Extension B and on: 65,536 distinct characters
    urls = "".join("\\url" + chr(0x20000 + index) for index in range(count))
    return f"@misc{{url, author = {{A. Author}}, title = {{{urls}}}, year = 2020}}\n{_frame(size)}"


def big_field(size: int) -> str:
    """One field as large as the file (words, as an abstract pasted many times)."""
    words = "In this paper we measure the cross section of top quark pairs. "
    abstract = words * (size // len(words))
    return (
        f"@article{{big, author = {{A. Author}}, title = {{Big}}, journal = {{J}},\n"
        f"  year = 2020, abstract = {{{abstract}}}}}\n{_frame(size // 64)}"
    )


def brace_names(size: int) -> str:
    """One name made of thousands of brace groups (pybtex splits names brace by brace)."""
    groups = "{a}" * (size // 6)
    return (
        f"@article{{braces, author = {{{groups} and B. Author}}, title = {{T}}, year = 2020}}\n"
        f"{_frame(size)}"
    )


def stray_at(size: int) -> str:
    """A run of ``@`` (a character of BibTeX names) where an entry should start."""
    return "@" * (size // 2) + "\n" + _frame(size)


def line_breaks(size: int) -> str:
    """One field of nothing but line breaks (the line index kept one number per line)."""
    return (
        f"@misc{{breaks, author = {{A. Author}}, title = {{T}}, year = 2020,\n"
        f"  note = {{{chr(10) * (size // 2)}}}}}\n{_frame(size)}"
    )


@dataclass(frozen=True)
class AttackClass:
    name: str
    make: Callable[[int], str]
    #: The size measured by default (a big field needs a bigger file to matter).
    default_size: int


CLASSES = (
    AttackClass("preamble", preamble_bodies, 64 * KB),
    AttackClass("string-doubling", string_doubling, 64 * KB),
    AttackClass("marks", marks, 64 * KB),
    AttackClass("braced-and", braced_and, 64 * KB),
    AttackClass("escaped-brace", escaped_brace, 64 * KB),
    AttackClass("url", url_delimiters, 64 * KB),
    AttackClass("brace-names", brace_names, 256 * KB),
    AttackClass("stray-at", stray_at, 64 * KB),
    AttackClass("line-breaks", line_breaks, 2048 * KB),
    AttackClass("big-field", big_field, 2048 * KB),
)


# --- benign input of the same size ------------------------------------------------


def _benign(size: int) -> str:
    """Realistic entries (``bench/genbib.py``) cut at an entry boundary to *size*."""
    count = max(1, size // 300)
    text = generate_bib(count)
    while len(text) < size:
        count *= 2
        text = generate_bib(count)
    cut = text.rfind("\n\n@", 0, size)
    return text[: cut + 1] if cut > 0 else text


def benign(size: int) -> str:
    return _benign(size)


# --- one run, in a fresh interpreter ----------------------------------------------


def run_pipeline(path: Path, ext: Path) -> dict[str, object]:
    """Read, format and render *path* as a build does; what the parent prints.

    *ext* holds the ``cvbib`` package measured (``--ext``: an older checkout's
    ``_ext``, to measure the code before a change).
    """
    sys.path.insert(0, str(ext))
    from cvbib.bib import clean_bibtex, read_bibfiles
    from cvbib.latex import read_preamble
    from cvbib.settings import CvbibConfig
    from cvbib.style import FormatCache, MarkedStyle, format_entries, register_styles

    register_styles()
    style = MarkedStyle("cv", CvbibConfig(owner=OWNER, publication_pages=True))
    start = time.perf_counter()
    data, _files, problems = read_bibfiles([path])
    macros = read_preamble("\n".join(data.preamble_list))
    entries = list(data.entries.values())
    html = 0
    warnings = [problem.subtype for problem in problems]
    for entry, formatted, _cached in format_entries(FormatCache(), style, entries, macros=macros):
        html += len(formatted.entry.text.render_as("html"))
        html += len(clean_bibtex(entry, ()))  # the BibTeX shown under the entry
        warnings += [subtype for subtype, _message in formatted.problems]
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    budget = sorted({w for w in warnings if w in BUDGET_SUBTYPES})
    return {
        "seconds": seconds,
        "peak_mb": peak_kb / KB,
        "entries": len(entries),
        "html_kb": html / KB,
        "warnings": len(warnings),
        "budget": budget,
    }


#: The warnings that say a budget or a limit was reached.
BUDGET_SUBTYPES = frozenset(
    {"field_too_long", "macro_budget", "preamble_budget", "name_too_long", "preamble_too_long"}
)


@dataclass
class Outcome:
    """One run as the parent saw it: its report, or why there is none."""

    seconds: float | None = None
    peak_mb: float | None = None
    html_kb: float | None = None
    warnings: int = 0
    budget: list[str] = field(default_factory=list)
    failure: str | None = None


def measure(path: Path, ext: Path, timeout: float | None, memory_mb: int) -> Outcome:
    """Run :func:`run_pipeline` on *path* in a child process, bounded in time and memory."""

    def limit() -> None:
        limit_bytes = memory_mb * KB * KB
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    env = {**os.environ, "CVBIB_JOBS": "1", "PYTHONHASHSEED": "0"}
    command = [sys.executable, __file__, "--child", str(path), "--ext", str(ext)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, env=env, preexec_fn=limit
        )
    except subprocess.TimeoutExpired:
        return Outcome(failure=f"> {timeout or 0:.0f} s")
    if done.returncode != 0:
        memory = "MemoryError" in done.stderr
        reason = "MemoryError" if memory else (done.stderr.strip().splitlines() or ["?"])[-1]
        return Outcome(failure=reason[:60])
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Outcome(
        seconds=float(report["seconds"]),
        peak_mb=float(report["peak_mb"]),
        html_kb=float(report["html_kb"]),
        warnings=int(report["warnings"]),
        budget=list(report["budget"]),
    )


# --- the table --------------------------------------------------------------------


@dataclass
class Row:
    name: str
    size: int
    benign: list[Outcome] = field(default_factory=list)
    crafted: list[Outcome] = field(default_factory=list)

    @staticmethod
    def median(outcomes: Sequence[Outcome]) -> float | None:
        times = [o.seconds for o in outcomes if o.seconds is not None]
        return statistics.median(times) if times and len(times) == len(outcomes) else None

    def cells(self) -> list[str]:
        benign_s, crafted_s = self.median(self.benign), self.median(self.crafted)
        failure = next((o.failure for o in self.crafted if o.failure), None)
        last = self.crafted[-1]
        benign_peak = max((o.peak_mb or 0.0) for o in self.benign) if self.benign else None
        return [
            self.name,
            f"{self.size / KB:.0f} KB",
            f"{crafted_s:.2f} s" if crafted_s is not None else (failure or "-"),
            f"{benign_s:.2f} s" if benign_s is not None else "-",
            f"{crafted_s / benign_s:.2f}x" if crafted_s and benign_s else "-",
            f"{last.peak_mb:.0f} MB" if last.peak_mb is not None else "-",
            f"{benign_peak:.0f} MB" if benign_peak is not None else "-",
            f"{last.html_kb:.0f} KB" if last.html_kb is not None else "-",
            ",".join(last.budget) or ("-" if last.failure is None else "?"),
        ]


HEADER = [
    "class",
    "size",
    "crafted",
    "benign",
    "ratio",
    "peak mem",
    "benign mem",
    "html",
    "budget warnings",
]


def print_table(rows: Sequence[Row], say: Callable[[str], None]) -> None:
    table = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADER))]
    for index, line in enumerate(table):
        say("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if index == 0:
            say("  ".join("-" * width for width in widths))


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    names = ",".join(c.name for c in CLASSES)
    parser.add_argument("--classes", default=names, help=f"comma-separated, of: {names}")
    parser.add_argument("--size", type=int, help="bytes of each input (default: per class)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the default sizes")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (medians of these)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run stops")
    parser.add_argument("--memory", type=int, default=4096, help="MB of address space per run")
    parser.add_argument(
        "--crafted-only", action="store_true", help="no benign runs (memory at large sizes)"
    )
    parser.add_argument(
        "--ext", type=Path, default=REPO / "_ext", help="the _ext directory whose cvbib is measured"
    )
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child is not None:
        print(json.dumps(run_pipeline(args.child, args.ext.resolve())))
        return 0

    def say(text: str) -> None:
        print(text, flush=True)

    wanted = [c.strip() for c in args.classes.split(",") if c.strip()]
    chosen = [c for c in CLASSES if c.name in wanted]
    unknown = sorted(set(wanted) - {c.name for c in CLASSES})
    if unknown:
        say(f"unknown classes: {', '.join(unknown)}")
        return 2
    ext = args.ext.resolve()
    say(
        f"cvbib fuzz ({ext}): read + format + render (cv style), {args.repeat} alternating "
        f"rounds, medians; crafted runs stopped after {args.timeout:.0f} s, {args.memory} MB "
        "of address space per run"
    )
    rows = []
    failed = False
    with tempfile.TemporaryDirectory(prefix="cvbib-fuzz-") as tmp:
        for attack in chosen:
            size = args.size or int(attack.default_size * args.scale)
            row = Row(attack.name, size)
            inputs = {"crafted": attack.make(size)}
            if not args.crafted_only:
                inputs["benign"] = benign(size)
            paths = {}
            for side, text in inputs.items():
                paths[side] = Path(tmp) / f"{attack.name}-{side}.bib"
                paths[side].write_text(text, "utf-8")
            for _round in range(args.repeat):
                if "benign" in paths:  # not stopped: it is the yardstick
                    row.benign.append(measure(paths["benign"], ext, None, args.memory))
                crafted = measure(paths["crafted"], ext, args.timeout, args.memory)
                row.crafted.append(crafted)
                if crafted.failure is not None:
                    failed = True
                    break  # a run that hangs is not worth waiting for again
            while len(row.benign) > len(row.crafted):
                row.benign.pop()
            rows.append(row)
            say(f"  {attack.name}: done")
    say("")
    print_table(rows, say)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
