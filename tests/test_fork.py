"""The whole path of a new owner: clone, follow the README, build, test, publish.

The README's "Use it for your own CV" is the path this test follows, in a clone
of this repository in a temporary folder, for a biologist whose name has
accents and a two-word surname, with a ``.bib`` pasted from five export tools
(tests/fork/mixed-export.bib) and sections of her own:

1. ``make new-cv NAME="María José García López" BIB=...``, which names the one
   entry where she is not found and the alias to add;
2. that alias goes into ``cv_owner_aliases`` in ``conf.py``;
3. ``sections/`` is rewritten (the placeholders replaced);
4. ``make html``, ``make test`` and ``make latexpdf`` all succeed: zero
   warnings, one PDF with the ASCII name, the owner bold in every entry.

The clone's own ``make test`` runs its content tests against her CV (the
sample's facts skip, saying why) but not this test again: ``CV_FORK_TEST``
marks the inner run. The clone gets its own ``.venv`` (as a fork would); pip's
cache keeps that fast. Marked ``slow``; CI runs it (``.ci/run`` runs
``make test``). Select it alone with ``make test PYTEST_ARGS="-m slow"``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from cvbuild import REPO, require_tex

pytestmark = [pytest.mark.slow, pytest.mark.pdf]

NAME = "María José García López"
PDF_NAME = "maria-jose-garcia-lopez-cv.pdf"
BIB = Path(__file__).parent / "fork" / "mixed-export.bib"
#: Set in the clone's environment: its own `make test` must not clone again.
INNER = "CV_FORK_TEST"

SECTIONS = {
    "contact.md": """\
:::{container} cv-contact
[📍 Sevilla]{.cv-item}
[✉ [mj.garcia@example.org](mailto:mj.garcia@example.org)]{.cv-item}
:::
""",
    "vision.md": """\
## Research Interests

- **Plant stress physiology.** How roots sense salt and drought through calcium waves.
- **Single-molecule enzymology.** Kinetics read from fluorescence traces.
""",
    "education.md": """\
## Education

{.cv-entry}
**Universidad de Sevilla** [2010 – 2015]{.cv-dates}\\
*PhD in Biochemistry*
""",
    "highlights.md": """\
## Highlights

:::{card}
:class-card: cv-highlight

```{bibliography}
:list: bullet
:filter: False

garcialopezCalciumSignalling2022
```

{bdg-secondary-line}`Cover article`

Root calcium imaging at single-cell resolution.
:::
""",
    "publications.md": """\
## Publications

```{bibliography}
:list: bullet
:all:
```
""",
    "honors.md": """\
## Honors & Awards

- EMBO Postdoctoral Fellowship, 2016
- Premio Extraordinario de Doctorado, Universidad de Sevilla, 2015
""",
    "services.md": """\
## Services

- Reviewer: Plant Physiology, Nature Communications
""",
}


def _environment() -> dict[str, str]:
    """The clone's environment: no make variables or virtualenv of the outer run."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES", "VIRTUAL_ENV"}
        and not key.startswith("PYTEST_")
    }
    venv_bin = str(REPO / ".venv" / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != venv_bin)
    env[INNER] = "1"
    return env


def _clone(target: Path) -> Path:
    """A clone of this repository with the work tree's tracked and new files on top."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        message = "git or this repository's .git is missing: the whole path starts with a clone"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(target)], check=True)
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _make(clone: Path, *args: str, timeout: int = 900) -> str:
    """Run ``make ARGS`` in the clone; its output, after asserting it succeeded."""
    result = subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=clone,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"make {' '.join(args)} failed:\n{output[-5000:]}"
    return output


@pytest.mark.skipif(
    bool(os.environ.get(INNER)), reason="inside the whole-path test's own clone: it would recurse"
)
def test_a_new_owner_follows_the_readme(tmp_path: Path) -> None:
    require_tex()
    clone = _clone(tmp_path / "her-cv")

    # 1. One command: her name, her .bib.
    output = _make(clone, "new-cv", f"NAME={NAME}", f"BIB={BIB}")
    aliases = re.findall(r"cv_owner_aliases = \[(\"[^\"]+\")\]", output)
    assert aliases == ['"Garcia, Maria J."'], output[-3000:]
    conf = (clone / "conf.py").read_text("utf-8")
    assert f'cv_owner = "{NAME}"' in conf
    assert all("Placeholder" in (clone / "sections" / f).read_text("utf-8") for f in SECTIONS)

    # 2. The alias it named; 3. her own sections.
    conf = re.sub(r"^cv_owner_aliases\b.*$", f"cv_owner_aliases = [{aliases[0]}]", conf, flags=re.M)
    (clone / "conf.py").write_text(conf, "utf-8")
    for file_name, text in SECTIONS.items():
        (clone / "sections" / file_name).write_text(text, "utf-8")

    # 4. Build, test, publish.
    html_log = _make(clone, "html")
    assert "WARNING" not in html_log and "ERROR" not in html_log, html_log
    assert "MdParserConfig" not in html_log  # a quiet build
    soup = BeautifulSoup((clone / "_build/html/index.html").read_text("utf-8"), "html.parser")
    heading = soup.find("h1")
    assert heading is not None and heading.get_text("", strip=True).rstrip("¶") == NAME
    entries = soup.select("article ul > li[id]")
    assert len(entries) == 7  # the highlight card's entry, then all six
    assert all(li.find("strong") is not None for li in entries)
    assert not any(number in li.get_text() for li in entries for number in ("0001", "0002"))
    assert "Placeholder" not in soup.get_text()

    test_log = _make(clone, "test", timeout=1800)
    passed = re.search(r"(\d+) passed", test_log)
    assert passed and int(passed[1]) >= 100 and " failed" not in test_log, test_log[-3000:]
    assert "sample CV's facts" in test_log  # skipped, and the reason is shown

    # A .tex and .pdf of an earlier name must not be built or listed again.
    latex = clone / "_build" / "latex"
    latex.mkdir(parents=True, exist_ok=True)
    for stale in ("kaiyan-zhang-cv.tex", "kaiyan-zhang-cv.pdf"):
        (latex / stale).write_text("stale", "utf-8")
    pdf_log = _make(clone, "latexpdf")
    assert "WARNING" not in pdf_log and "Package cmap Warning" not in pdf_log, pdf_log
    assert pdf_log.strip().splitlines()[-1] == f"_build/latex/{PDF_NAME}"
    assert sorted(p.name for p in latex.glob("*.pdf")) == [PDF_NAME]
    assert sorted(p.name for p in latex.glob("*.tex")) == [PDF_NAME.replace(".pdf", ".tex")]
    with pdfplumber.open(latex / PDF_NAME) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        bold = "".join(c["text"] for p in pdf.pages for c in p.chars if "Bold" in c["fontname"])
    assert NAME in text and "0001" not in text
    # Her name at the top, once in the card, once per entry; one entry under an alias.
    assert bold.count("López") == 1 + 7 - 1 and bold.count("Garcia") == 1
