"""Benchmark cvbib against stock sphinxcontrib-bibtex: ``make bench``.

Three throw-away Sphinx projects are made in a temporary directory (``--workdir``
to choose where), identical but for the extension: *stock*
(``sphinxcontrib.bibtex``), *cvbib* with its default settings (a page per
publication, which an owner gets whether or not a benchmark does), and
*cvbib-nopages* (``cv_publication_pages = False``, as stock writes no such
pages), whose figures are printed beside. All have the CV's layout
(``index.md`` includes section files, one of which holds ``{bibliography}``
with ``:all:`` and ``:list: bullet``), the same ``.bib``, Sphinx's default
theme, pybtex's ``plain`` style and pybtex's non-strict mode, so that all render
every entry. Each build is a separate ``sphinx-build`` process (a fresh interpreter,
as ``make html`` and every ``make livehtml`` rebuild are), timed from outside,
with its peak resident memory from ``os.wait4``.

Scenarios, each run on every side in turn (the order rotating from round to
round, so that drift hits all sides) ``--repeat`` times:

* cold: no build directory;
* no-op: nothing changed;
* section edit: one section file (not the ``.bib``) gets a new sentence;
* bib edit: one entry of the ``.bib`` gets a new title;
* bib add: a new entry is added to the ``.bib``.

cvbib must format only the edited or added entry (read from its "cvbib:
formatted N ..." log line) and render only its page ("cvbib: N publication
pages (pub/), M rendered"): none after a no-op or a section edit, every one in
a cold build.

Then the CV itself: a cold HTML build of a copy of this repository's CV against
a bare furo project with the same extensions and one empty page, and, when
``xelatex`` and ``latexmk`` exist, ``latexpdf`` on the CV with its passes.

Medians, ratios against the issue's targets (PASS/FAIL), the entries each side
rendered and peak memory are printed. The exit status is 1 when a build fails,
when the sides render different numbers of entries, or when cvbib formats or
renders more than it should; timing targets only print FAIL, unless
``--fail-on-target`` (timings depend on the machine and its load).

Only the standard library and the project's own dependencies are used. The
default ``.bib`` is generated (``bench/genbib.py``, fixed seed); ``--bib PATH``
(``make bench BIB=PATH``) benchmarks a real one, such as Beebe's ``tugboat.bib``
(Debian package ``texlive-bibtex-extra``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib.metadata
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "_ext"))
sys.path.insert(0, str(REPO / "tests"))

from cvbuild import copy_cv  # noqa: E402
from genbib import OWNER, generate_bib  # noqa: E402

STOCK, CVBIB, NOPAGES = "stock", "cvbib", "cvbib-nopages"
SIDES = (STOCK, CVBIB, NOPAGES)
#: The sides that run cvbib.
CVBIB_SIDES = (CVBIB, NOPAGES)
#: The targets, for cvbib with its default settings (pages on): scenario -> the
#: largest acceptable cvbib/stock ratio.
TARGETS = {"cold": 0.6, "no-op": 0.2, "section edit": 0.25, "bib edit": 0.3}
SCENARIOS = ("cold", "no-op", "section edit", "bib edit", "bib add")
CV_TARGET = 1.5
FORMATTED_RE = re.compile(r"cvbib: formatted (\d+) bibliography entries, (\d+) from the cache")
PAGES_RE = re.compile(r"cvbib: (\d+) publication pages \(pub/\), (\d+) rendered")
#: Entries formatted again, and pages rendered, in each scenario but the cold one.
EXPECTED_WORK = {"no-op": 0, "section edit": 0, "bib edit": 1, "bib add": 1}

_COMMON_CONF = """\
import pybtex.errors

# Both sides render every entry: strict mode would stop at the first data error.
pybtex.errors.set_strict_mode(False)

project = "bench"
exclude_patterns = ["_build", "sections"]
extensions = ["myst_parser"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "plain"
"""
_SIDE_CONF = {
    STOCK: 'extensions += ["sphinxcontrib.bibtex"]\n',
    CVBIB: f"""\
import sys

sys.path.insert(0, {str(REPO / "_ext")!r})
extensions += ["cvbib"]
cv_owner = {OWNER!r}
# As in the CV's conf.py: citations are not used, so tooltips are not needed.
bibtex_tooltips = False
# Thousands of other people's papers: "owner not found" would only be noise.
suppress_warnings = ["cvbib.owner_not_found"]
""",
}
# cvbib as it is measured beside: stock writes one page, and no page per publication.
_SIDE_CONF[NOPAGES] = _SIDE_CONF[CVBIB] + "cv_publication_pages = False\n"
_INDEX = """\
# Publications benchmark

```{include} sections/intro.md
```

```{include} sections/publications.md
```
"""
_INTRO = "## About\n\nA page laid out as the CV is: sections included from `sections/`.\n"
_PUBLICATIONS = "## Publications\n\n```{bibliography}\n:all:\n:list: bullet\n```\n"


# --- running one build -----------------------------------------------------------


@dataclass
class Run:
    """One ``sphinx-build`` process: wall time, peak memory, what it said."""

    seconds: float
    peak_mb: float
    returncode: int
    output: str


def run_process(command: Sequence[str], cwd: Path, log: Path) -> Run:
    """Run *command*, timing it and reading its peak RSS with ``os.wait4``.

    Output goes to a file rather than a pipe, so nothing is read while the
    child runs (and nothing the parent does can slow it down).
    """
    peak_mb = float("nan")
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        if hasattr(os, "wait4"):
            _pid, status, usage = os.wait4(process.pid, 0)
            process.returncode = os.waitstatus_to_exitcode(status)
            # ru_maxrss is in KiB on Linux, in bytes on macOS.
            peak_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        else:  # no wait4 (Windows): time only
            process.wait()
        seconds = time.perf_counter() - start
    output = log.read_text("utf-8", errors="replace")
    return Run(seconds, peak_mb, process.returncode, output)


def sphinx_build(srcdir: Path, builder: str = "html", make_mode: bool = False) -> list[str]:
    """The ``sphinx-build`` command line, run by this interpreter."""
    if make_mode:
        return [sys.executable, "-m", "sphinx", "-M", builder, str(srcdir), str(srcdir / "_build")]
    return [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        builder,
        str(srcdir),
        str(srcdir / "_build" / builder),
    ]


class _ListItemCounter(HTMLParser):
    """Counts the ``<li>`` of the bibliography: those inside ``<section id="publications">``."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # <section> nesting inside the publications section
        self.items = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section" and (self.depth or ("id", "publications") in attrs):
            self.depth += 1
        elif tag == "li" and self.depth:
            self.items += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.depth:
            self.depth -= 1


def rendered_entries(project: Path) -> int:
    """How many bibliography entries the built page shows."""
    counter = _ListItemCounter()
    counter.feed((project / "_build" / "html" / "index.html").read_text("utf-8"))
    return counter.items


# --- the two projects ----------------------------------------------------------


def make_project(root: Path, side: str, bib: Path) -> Path:
    """A project for *side* in ``root/side`` with a copy of *bib*."""
    project = root / side
    (project / "sections").mkdir(parents=True)
    (project / "conf.py").write_text(_COMMON_CONF + _SIDE_CONF[side], "utf-8")
    (project / "index.md").write_text(_INDEX, "utf-8")
    (project / "sections" / "intro.md").write_text(_INTRO, "utf-8")
    (project / "sections" / "publications.md").write_text(_PUBLICATIONS, "utf-8")
    shutil.copyfile(bib, project / "refs.bib")
    return project


def edit_section(project: Path, round_: int) -> None:
    """Edit one section file, as a writer does between two previews."""
    with (project / "sections" / "intro.md").open("a", encoding="utf-8") as out:
        out.write(f"\nEdited once more ({round_}).\n")


_TITLE_RE = re.compile(r"(\btitle\s*=\s*)([{\"])", re.IGNORECASE)


def add_bib_entry(project: Path, round_: int) -> None:
    """Add a new entry at the end of ``refs.bib``, as an author does after a paper is out."""
    with (project / "refs.bib").open("a", encoding="utf-8") as out:
        out.write(
            f"\n@article{{benchAdded{round_},\n  author = {{Ada Lovelace and Mary Somerville}},\n"
            f"  title = {{A paper added in round {round_}}},\n  journal = {{TUGboat}},\n"
            f"  volume = {{45}},\n  number = {{{round_}}},\n  pages = {{1--{round_ + 1}}},\n"
            "  year = {2026},\n}\n"
        )


def edit_bib(project: Path, key: str, round_: int) -> None:
    """Put a new word at the start of the title of entry *key* in ``refs.bib``."""
    path = project / "refs.bib"
    text = path.read_text("utf-8")
    start = re.search(r"@\w+\s*[{(]\s*" + re.escape(key) + r"\s*,", text)
    if start is None:
        raise SystemExit(f"bench: cannot find entry {key!r} again in {path}")
    match = _TITLE_RE.search(text, start.end())
    if match is None:
        raise SystemExit(f"bench: entry {key!r} has no title to edit")
    text = text[: match.end()] + f"Edited{round_} " + text[match.end() :]
    path.write_text(text, "utf-8")


# --- the .bib ------------------------------------------------------------------


@dataclass
class BibChoice:
    path: Path
    description: str
    #: The key of an entry with a title, edited in the "bib edit" scenario.
    edit_key: str
    notes: list[str] = field(default_factory=list)


def choose_bib(args: argparse.Namespace, workdir: Path) -> BibChoice:
    """The given ``.bib`` (pre-cleaned if stock cannot read it), or a generated one."""
    if args.bib is None:
        path = workdir / "generated.bib"
        path.write_text(generate_bib(args.entries, args.seed), "utf-8")
        description = f"generated by bench/genbib.py: {args.entries} entries, seed {args.seed}"
        return BibChoice(path, description, edit_key=_key_with_title(path))
    source = Path(args.bib).resolve()
    if not source.is_file():
        raise SystemExit(f"bench: {source} is not a file")
    notes: list[str] = []
    path = source
    problem = _stock_parse_problem(source)
    if problem is not None:
        path = workdir / "cleaned.bib"
        count = _write_cleaned(source, path)
        notes.append(
            f"stock sphinxcontrib-bibtex cannot read {source.name} even in pybtex's non-strict "
            f"mode ({problem}); both sides get a copy re-written from the {count} entries "
            "cvbib's lenient reader could read"
        )
    return BibChoice(path, str(source), edit_key=_key_with_title(path), notes=notes)


def _stock_parse_problem(path: Path) -> str | None:
    """Why pybtex's parser, as stock calls it, fails on *path* (None if it does not).

    Run in a child interpreter: pybtex prints its non-strict warnings itself.
    """
    check = (
        "import sys, pathlib, pybtex.errors\n"
        "from pybtex.database.input.bibtex import Parser\n"
        "pybtex.errors.set_strict_mode(False)\n"
        "try:\n"
        "    Parser('utf-8-sig').parse_file(pathlib.Path(sys.argv[1]))\n"
        "except Exception as exc:\n"
        "    print(f'{type(exc).__name__}: {exc}', file=sys.__stdout__)\n"
        "    sys.exit(1)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", check, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0:
        return None
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else f"exit {result.returncode}"


def _write_cleaned(source: Path, target: Path) -> int:
    from cvbib.bib import read_bibfiles

    data, _files, _problems = read_bibfiles([source])
    target.write_text(data.to_string("bibtex"), "utf-8")
    return len(data.entries)


def _key_with_title(path: Path) -> str:
    """An entry near the middle of the file that has a title (the edited one)."""
    from cvbib.bib import read_bibfiles

    data, _files, _problems = read_bibfiles([path])
    keys = [key for key, entry in data.entries.items() if "title" in entry.fields]
    if not keys:
        raise SystemExit(f"bench: no entry of {path} has a title to edit")
    return keys[len(keys) // 2]


# --- the scenarios -------------------------------------------------------------


@dataclass
class Measurements:
    """Every run of every scenario, per side."""

    runs: dict[tuple[str, str], list[Run]] = field(default_factory=dict)
    #: (scenario, side) -> the entries the page showed after each run.
    entries: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    #: (scenario, side) -> entries formatted by each cvbib run.
    formatted: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    #: scenario -> (pages, rendered) of each run with pages.
    pages: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def add(self, scenario: str, side: str, run: Run) -> None:
        self.runs.setdefault((scenario, side), []).append(run)

    def median(self, scenario: str, side: str) -> float:
        return statistics.median(run.seconds for run in self.runs[(scenario, side)])

    def peak(self, side: str) -> float:
        return max(
            run.peak_mb for (_s, sd), runs in self.runs.items() if sd == side for run in runs
        )


def _prepare(project: Path, scenario: str, round_: int, edit_key: str) -> None:
    if scenario == "cold":
        shutil.rmtree(project / "_build", ignore_errors=True)
    elif scenario == "section edit":
        edit_section(project, round_)
    elif scenario == "bib edit":
        edit_bib(project, edit_key, round_)
    elif scenario == "bib add":
        add_bib_entry(project, round_)


def run_scenarios(
    projects: dict[str, Path], edit_key: str, repeat: int, logs: Path, say: Callable[[str], None]
) -> Measurements:
    """Every scenario ``repeat`` times, on every side in turn, in the order of a session."""
    result = Measurements()
    for round_ in range(1, repeat + 1):
        # a different side first in each round: drift hits every side
        shift = (round_ - 1) % len(projects)
        order = [*list(projects)[shift:], *list(projects)[:shift]]
        for scenario in SCENARIOS:
            for side in order:
                project = projects[side]
                _prepare(project, scenario, round_, edit_key)
                log = logs / f"{side}-{scenario.replace(' ', '-')}-{round_}.log"
                run = run_process(sphinx_build(project), project, log)
                result.add(scenario, side, run)
                say(
                    f"  round {round_} {scenario:<13} {side:<13} {run.seconds:7.2f} s "
                    f"{run.peak_mb:6.0f} MB"
                )
                _check_run(result, scenario, side, run, project, log)
    return result


def _check_run(
    result: Measurements, scenario: str, side: str, run: Run, project: Path, log: Path
) -> None:
    if run.returncode != 0:
        result.failures.append(f"{side} {scenario} build failed (exit {run.returncode}): {log}")
        return
    if scenario in ("cold", "bib edit", "bib add"):
        result.entries.setdefault((scenario, side), []).append(rendered_entries(project))
    if side in CVBIB_SIDES:
        match = FORMATTED_RE.search(run.output)
        if match is None:
            result.failures.append(f"{side} {scenario}: no 'cvbib: formatted' line in {log}")
            return
        result.formatted.setdefault((scenario, side), []).append(int(match.group(1)))
    if side == CVBIB:
        pages = PAGES_RE.search(run.output)
        if pages is None:
            result.failures.append(f"cvbib {scenario}: no 'publication pages' line in {log}")
            return
        result.pages.setdefault(scenario, []).append((int(pages.group(1)), int(pages.group(2))))


# --- the CV itself -------------------------------------------------------------

_BARE_CONF = """\
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))
extensions = {extensions!r}
html_theme = "furo"
bibtex_bibfiles = []
cv_owner = {owner!r}
exclude_patterns = ["_build", "_ext"]
"""


def make_bare(target: Path) -> Path:
    """A furo project with the CV's extensions and one empty page."""
    namespace: dict[str, object] = {"__file__": str(REPO / "conf.py"), "tags": _NoTags()}
    exec(compile((REPO / "conf.py").read_text("utf-8"), "conf.py", "exec"), namespace)
    target.mkdir(parents=True)
    shutil.copytree(REPO / "_ext", target / "_ext", ignore=shutil.ignore_patterns("__pycache__"))
    conf = _BARE_CONF.format(extensions=namespace["extensions"], owner=namespace.get("cv_owner"))
    (target / "conf.py").write_text(conf, "utf-8")
    (target / "index.md").write_text("# Empty\n", "utf-8")
    return target


class _NoTags:
    """Stands in for Sphinx's ``tags`` while reading the CV's ``conf.py``."""

    def add(self, _name: str) -> None:
        pass


def run_cv(
    workdir: Path, repeat: int, logs: Path, say: Callable[[str], None]
) -> tuple[list[float], list[float], list[str]]:
    """Cold HTML builds of the CV and of the bare project, alternately."""
    projects = {"cv": copy_cv(workdir / "cv"), "bare": make_bare(workdir / "bare")}
    times, failures = alternate_cold_builds(projects, repeat, logs, "html", say)
    return times["cv"], times["bare"], failures


def alternate_cold_builds(
    projects: dict[str, Path], rounds: int, logs: Path, what: str, say: Callable[[str], None]
) -> tuple[dict[str, list[float]], list[str]]:
    """Cold HTML builds of *projects*, one of each per round: the times by name, the failures.

    *what* names the builds in the log files and messages ("html", "authors").
    """
    times: dict[str, list[float]] = {name: [] for name in projects}
    failures: list[str] = []
    for round_ in range(1, rounds + 1):
        for name, project in projects.items():
            shutil.rmtree(project / "_build", ignore_errors=True)
            log = logs / f"{what}-{name}-{round_}.log"
            run = run_process(sphinx_build(project), project, log)
            if run.returncode != 0:
                failures.append(f"{name} {what} build failed (exit {run.returncode}): {log}")
            times[name].append(run.seconds)
            say(f"  round {round_} {name:<5} cold html {run.seconds:6.2f} s")
    return times, failures


#: Long author lists: entries in each file, authors per entry, the owner's position.
LONG_ENTRIES, LONG_AUTHORS, OWNER_AT = 50, 2900, 1734
#: The most names shown per entry in that scenario, and the target ratio.
LONG_LIMIT, LONG_TARGET = 8, 2.0
#: Rounds of that scenario at least (a round is two builds of about a second,
#: so a median of five costs little and moves less with the machine's load).
LONG_ROUNDS = 5


def author_bib(authors: int, owner_at: int | None) -> str:
    """``LONG_ENTRIES`` entries with *authors* names each, the owner at *owner_at* (1-based).

    As in a collaboration's papers, the entries share one author list (each
    name is still read, matched and shown in every entry).
    """
    entries = []
    for index in range(LONG_ENTRIES):
        names = [f"Given{i} Family{i}" for i in range(1, authors + 1)]
        if owner_at is not None:
            names[min(owner_at, authors) - 1] = OWNER
        entries.append(
            f"@article{{paper{index},\n  author = {{{' and '.join(names)}}},\n"
            f"  title = {{Measurement number {index}}},\n  journal = {{Physical Review Letters}},"
            f"\n  year = {{{2000 + index % 25}}},\n}}\n"
        )
    return "\n".join(entries)


def run_long_author_lists(
    workdir: Path, repeat: int, logs: Path, say: Callable[[str], None]
) -> tuple[list[float], list[float], list[str]]:
    """Cold builds of 50 entries of 2,900 authors against 50 of 10, truncated to 8 names.

    Both projects use the CV's own settings (the cv style, a page per
    publication, toggles); only the author lists differ. The two alternate,
    ``max(repeat, LONG_ROUNDS)`` rounds.
    """
    projects = {}
    for name, authors in (("long", LONG_AUTHORS), ("short", 10)):
        bib = workdir / f"{name}.bib"
        bib.write_text(author_bib(authors, OWNER_AT if name == "long" else 1), "utf-8")
        project = make_project(workdir / f"authors-{name}", CVBIB, bib)
        conf = (project / "conf.py").read_text("utf-8")
        conf += f'bibtex_default_style = "cv"\ncv_max_authors = {LONG_LIMIT}\n'
        (project / "conf.py").write_text(conf, "utf-8")
        projects[name] = project
    times, failures = alternate_cold_builds(
        projects, max(repeat, LONG_ROUNDS), logs, "authors", say
    )
    page = (projects["long"] / "_build" / "html" / "index.html").read_text("utf-8")
    shown = page.count(f"<strong>{OWNER}</strong>")
    if shown != LONG_ENTRIES:
        failures.append(f"the owner is bold in {shown} of {LONG_ENTRIES} long entries")
    return times["long"], times["short"], failures


def report_long_author_lists(
    long_times: list[float], short_times: list[float], say: Callable[[str], None]
) -> list[str]:
    long_median, short_median = statistics.median(long_times), statistics.median(short_times)
    ratio = long_median / short_median
    ok = ratio < LONG_TARGET
    rounds = ", ".join(f"{a / b:.2f}" for a, b in zip(long_times, short_times, strict=True))
    say(
        f"long author lists: {LONG_ENTRIES} entries x {LONG_AUTHORS:,} authors "
        f"(owner at {OWNER_AT:,}, {LONG_LIMIT} names shown) {long_median:.2f} s, "
        f"x 10 authors {short_median:.2f} s: ratio {ratio:.2f} "
        f"(target < {LONG_TARGET}) {_verdict(ok)}; medians of {len(long_times)} rounds, "
        f"ratio per round {rounds}"
    )
    return [] if ok else ["long author lists"]


@dataclass
class LatexResult:
    seconds: float
    passes: int
    reasons: list[str]
    returncode: int
    log: Path


_PASS_RE = re.compile(r"^Run number (\d+) of rule '([^']+)'", re.MULTILINE)


def run_latexpdf(workdir: Path, logs: Path) -> LatexResult | None:
    """``latexpdf`` on a fresh copy of the CV, as ``make latexpdf`` runs it."""
    if not (shutil.which("xelatex") and shutil.which("latexmk")):
        return None
    cv = copy_cv(workdir / "cv-latex")
    log = logs / "cv-latexpdf.log"
    run = run_process(sphinx_build(cv, "latexpdf", make_mode=True), cv, log)
    passes = len(re.findall(r"^Running '(?:xe|pdf|lua)?latex", run.output, re.MULTILINE))
    return LatexResult(run.seconds, passes, _rerun_reasons(run.output), run.returncode, log)


def _rerun_reasons(output: str) -> list[str]:
    """What latexmk gave as the reason of each pass after the first."""
    reasons = []
    for match in _PASS_RE.finditer(output):
        if match.group(1) == "1":
            continue
        before = output[: match.start()]
        block = before[before.rfind("Reasons for rerun") :]
        files = re.findall(r"^\s+(\S+\.\w+)$", block, re.MULTILINE)
        reasons.append(", ".join(files) or "latexmk's own rule")
    return reasons


# --- the report ----------------------------------------------------------------


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def _versions() -> str:
    names = ("sphinx", "sphinxcontrib-bibtex", "pybtex", "docutils", "myst-parser")
    parts = []
    for name in names:
        try:
            parts.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{name} ?")
    return ", ".join(parts)


def _machine() -> str:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = " (" + line.split(":", 1)[1].strip() + ")"
                break
    return f"{platform.system()} {platform.machine()}, {cpus} CPUs{model}"


def report(m: Measurements, repeat: int, say: Callable[[str], None]) -> list[str]:
    """Print the table; return the timing targets that failed."""
    failed: list[str] = []
    say("")
    say(
        f"{'scenario':<13} {'stock':>8} {'cvbib':>8} {'ratio':>6}  {'target':<7} {'result':<6}"
        f" | {'no pages':>8} {'ratio':>6}"
    )
    for scenario in SCENARIOS:
        stock, cvbib = m.median(scenario, STOCK), m.median(scenario, CVBIB)
        nopages = m.median(scenario, NOPAGES)
        ratio = cvbib / stock
        target = TARGETS.get(scenario)
        if target is None:
            verdict, target_text = "", "-"
        else:
            verdict, target_text = _verdict(ratio <= target), f"<= {target:.2f}"
            if ratio > target:
                failed.append(scenario)
        say(
            f"{scenario:<13} {stock:7.2f}s {cvbib:7.2f}s {ratio:6.2f}  {target_text:<7} "
            f"{verdict:<6} | {nopages:7.2f}s {nopages / stock:6.2f}"
        )
    say(
        f"(medians of {repeat} runs each; wall time of one sphinx-build process; cvbib with its "
        "default settings, a page per publication; 'no pages': cv_publication_pages = False)"
    )
    _report_work(m, say)
    _report_entries(m, say)
    peak_stock, peak_cvbib = m.peak(STOCK), m.peak(CVBIB)
    peak_ok = peak_cvbib <= peak_stock
    say(
        f"peak memory (largest RSS of one build): stock {peak_stock:.0f} MB, "
        f"cvbib {peak_cvbib:.0f} MB {_verdict(peak_ok)} (no pages {m.peak(NOPAGES):.0f} MB)"
    )
    if not peak_ok:
        failed.append("peak memory")
    return failed


def _report_work(m: Measurements, say: Callable[[str], None]) -> None:
    """What cvbib formatted and rendered again in each scenario, against what it should."""
    cold_pages = m.pages.get("cold", [])
    every_page = bool(cold_pages) and all(total == done for total, done in cold_pages)
    rendered = [done for _total, done in cold_pages]
    say(f"cold: cvbib rendered {rendered} pages, every one expected {_verdict(every_page)}")
    if not every_page:
        m.failures.append(f"a cold build rendered {cold_pages} (pages, rendered), not every page")
    for scenario, expected in EXPECTED_WORK.items():
        formatted = {side: m.formatted.get((scenario, side), []) for side in CVBIB_SIDES}
        rendered = [done for _total, done in m.pages.get(scenario, [])]
        ok = all(
            bool(counts) and all(count == expected for count in counts)
            for counts in (*formatted.values(), rendered)
        )
        say(
            f"{scenario}: cvbib formatted {formatted[CVBIB]} entries (no pages: "
            f"{formatted[NOPAGES]}) and rendered {rendered} pages, {expected} expected "
            f"{_verdict(ok)}"
        )
        if not ok:
            m.failures.append(
                f"{scenario}: cvbib formatted {formatted} entries and rendered {rendered} pages "
                f"where {expected} was expected"
            )


def _report_entries(m: Measurements, say: Callable[[str], None]) -> None:
    """Whether every side shows the same number of entries after each scenario."""
    for scenario in ("cold", "bib edit", "bib add"):
        counts = {side: m.entries.get((scenario, side), []) for side in SIDES}
        same = len({tuple(found) for found in counts.values()}) == 1
        shown = ", ".join(f"{side} {found}" for side, found in counts.items())
        say(f"entries shown after {scenario}: {shown} {_verdict(same)}")
        if not same:
            m.failures.append(f"the sides show different numbers of entries after {scenario}")


def report_cv(
    cv: list[float], bare: list[float], latex: LatexResult | None, say: Callable[[str], None]
) -> list[str]:
    failed = []
    ratio = statistics.median(cv) / statistics.median(bare)
    ok = ratio <= CV_TARGET
    say(
        f"CV cold html {statistics.median(cv):.2f} s vs bare furo project "
        f"{statistics.median(bare):.2f} s: {ratio:.2f}x (target <= {CV_TARGET}x) {_verdict(ok)}"
    )
    if not ok:
        failed.append("CV html")
    if latex is None:
        say("CV latexpdf: skipped (xelatex or latexmk not found)")
    elif latex.returncode != 0:
        say(f"CV latexpdf: FAILED (exit {latex.returncode}), see {latex.log}")
        failed.append("CV latexpdf")
    else:
        why = "; ".join(f"pass {i}: {r} changed" for i, r in enumerate(latex.reasons, 2))
        say(
            f"CV latexpdf {latex.seconds:.2f} s, {latex.passes} xelatex passes"
            + (f" ({why})" if why else "")
        )
    return failed


# --- main ----------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bib", help="a real .bib file (default: a generated one)")
    parser.add_argument("--entries", type=int, default=3000, help="entries of the generated .bib")
    parser.add_argument("--seed", type=int, default=20240601, help="seed of the generated .bib")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each scenario per side")
    parser.add_argument("--no-cv", action="store_true", help="skip the CV html and latexpdf runs")
    parser.add_argument("--no-authors", action="store_true", help="skip the long-author-list runs")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument(
        "--workdir",
        help="make the temporary directory in this folder (default: the system's, as tempfile "
        "chooses it); file creation is slow on some temporary file systems, and a CV is built "
        "in its own folder",
    )
    parser.add_argument(
        "--fail-on-target", action="store_true", help="exit 2 when a timing target fails"
    )
    return parser.parse_args(argv)


@contextlib.contextmanager
def workspace(keep: bool, parent: str | None = None) -> Iterator[Path]:
    if parent is not None:
        parent = str(Path(parent).resolve())  # the builds run in the projects' folders
        Path(parent).mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(prefix="cvbib-bench-", dir=parent))
    try:
        yield path
    finally:
        if keep:
            print(f"kept {path}")
        else:
            shutil.rmtree(path, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)

    def say(text: str) -> None:
        print(text, flush=True)

    now = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    say(f"cvbib benchmark, {now}")
    say(f"machine: {_machine()}; Python {platform.python_version()}")
    say(f"versions: {_versions()}")
    with workspace(args.keep, args.workdir) as workdir:
        logs = workdir / "logs"
        logs.mkdir()
        bib = choose_bib(args, workdir)
        say(f"bib: {bib.description}; edited entry: {bib.edit_key}; working in {workdir}")
        for note in bib.notes:
            say(f"note: {note}")
        projects = {side: make_project(workdir, side, bib.path) for side in SIDES}
        m = run_scenarios(projects, bib.edit_key, args.repeat, logs, say)
        failed = report(m, args.repeat, say)
        if not args.no_authors:
            say("")
            long_times, short_times, author_failures = run_long_author_lists(
                workdir, args.repeat, logs, say
            )
            m.failures += author_failures
            failed += report_long_author_lists(long_times, short_times, say)
        if not args.no_cv:
            say("")
            cv_times, bare_times, cv_failures = run_cv(workdir, args.repeat, logs, say)
            m.failures += cv_failures
            latex = run_latexpdf(workdir, logs)
            failed += report_cv(cv_times, bare_times, latex, say)
        for failure in m.failures:
            say(f"ERROR: {failure}")
        if m.failures and not args.keep:
            say("(run with --keep to inspect the logs)")
    if m.failures:
        return 1
    if failed:
        say(f"timing targets missed: {', '.join(failed)}")
        return 2 if args.fail_on_target else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
