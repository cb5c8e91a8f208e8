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
marks the inner run. The clone shares this run's installed packages instead of
building its own ``.venv`` (tests/clones.py says how; that cost minutes, and
``make test`` in this checkout already proves the environment builds from
``pyproject.toml``). Skipped in a fork (this CV no longer the sample), whose
sections ``make new-cv`` would not replace. Marked ``slow``; CI runs it
(``.ci/run`` runs ``make test``). Select it alone with
``make test PYTEST_ARGS="-m slow"``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from clones import clone, make_ok, share_environment, skip_inside_a_clone, skip_unless_sample
from cvbuild import require_tex

pytestmark = [pytest.mark.slow, pytest.mark.pdf]

NAME = "María José García López"
PDF_NAME = "maria-jose-garcia-lopez-cv.pdf"
BIB = Path(__file__).parent / "fork" / "mixed-export.bib"

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


@skip_unless_sample()
@skip_inside_a_clone()
def test_a_new_owner_follows_the_readme(tmp_path: Path) -> None:
    require_tex()
    fork = clone(tmp_path / "her-cv")
    share_environment(fork)

    # 1. One command: her name, her .bib.
    output = make_ok(fork, "new-cv", f"NAME={NAME}", f"BIB={BIB}")
    aliases = re.findall(r"cv_owner_aliases = \[(\"[^\"]+\")\]", output)
    assert aliases == ['"Garcia, Maria J."'], output[-3000:]
    assert "pip install" not in output  # the shared environment, not a new one
    conf = (fork / "conf.py").read_text("utf-8")
    assert f'cv_owner = "{NAME}"' in conf
    assert all("Placeholder" in (fork / "sections" / f).read_text("utf-8") for f in SECTIONS)

    # 2. The alias it named; 3. her own sections.
    conf = re.sub(r"^cv_owner_aliases\b.*$", f"cv_owner_aliases = [{aliases[0]}]", conf, flags=re.M)
    (fork / "conf.py").write_text(conf, "utf-8")
    for file_name, text in SECTIONS.items():
        (fork / "sections" / file_name).write_text(text, "utf-8")

    # 4. Build, test, publish.
    html_log = make_ok(fork, "html")
    assert "WARNING" not in html_log and "ERROR" not in html_log, html_log
    assert "MdParserConfig" not in html_log  # a quiet build
    soup = BeautifulSoup((fork / "_build/html/index.html").read_text("utf-8"), "html.parser")
    heading = soup.find("h1")
    assert heading is not None and heading.get_text("", strip=True).rstrip("¶") == NAME
    entries = soup.select("article ul > li[id]")
    assert len(entries) == 7  # the highlight card's entry, then all six
    assert all(li.find("strong") is not None for li in entries)
    assert not any(number in li.get_text() for li in entries for number in ("0001", "0002"))
    assert "Placeholder" not in soup.get_text()

    test_log = make_ok(fork, "test", timeout=1800)
    passed = re.search(r"(\d+) passed", test_log)
    assert passed and int(passed[1]) >= 100 and " failed" not in test_log, test_log[-3000:]
    assert "sample CV's facts" in test_log  # skipped, and the reason is shown

    # A .tex and .pdf of an earlier name must not be built or listed again.
    latex = fork / "_build" / "latex"
    latex.mkdir(parents=True, exist_ok=True)
    for stale in ("kaiyan-zhang-cv.tex", "kaiyan-zhang-cv.pdf"):
        (latex / stale).write_text("stale", "utf-8")
    pdf_log = make_ok(fork, "latexpdf")
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
