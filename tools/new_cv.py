"""``make new-cv NAME="..." [BIB=path.bib]``: make this repository someone else's CV.

It asks nothing and needs no network, so that the README's first step is one
command a new owner can paste, and a test can run the same path:

1. sets ``cv_owner`` in ``conf.py`` (the page heading, titles, PDF metadata and
   the PDF's file name all come from it);
2. copies ``BIB`` to ``refs.bib`` (without ``BIB``, the sample's ``refs.bib``
   becomes a one-entry example);
3. replaces each file of ``sections/`` with a short placeholder, each one
   marked "Placeholder" on the page so none is published by mistake;
4. builds the web page, and lists every entry in which no author or editor is
   the owner, with the closest name in it: the alias to add to
   ``cv_owner_aliases`` if that name is the owner's.

Run again (a new ``BIB``, a corrected ``NAME``), it never loses the new owner's
work: a section file is replaced only while it is the sample's or still a
placeholder, and ``refs.bib`` only by a ``BIB`` given or while it is the
sample's. The sample is recognised by its owner, :data:`SAMPLE_OWNER`.

Exit status: 0 when the page was built (entries without the owner are listed,
not fatal), 1 for a name that names nobody or a ``BIB`` that cannot be read,
and the build's status when it fails.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "_ext"))

from pybtex.database import Person  # noqa: E402

from cvbib.bib.read import read_bibfiles  # noqa: E402
from cvbib.people.names import InvalidName, OwnerMatcher, name_key, parse_owner_name  # noqa: E402

#: The marker every placeholder carries; tests and the README refer to it.
PLACEHOLDER = "Placeholder"
#: The template's sample owner: while conf.py names them, the content is the sample's.
SAMPLE_OWNER = "Kaiyan Zhang"

EXAMPLE_BIB = """\
% An example entry written by `make new-cv`: replace this file with your own
% export (Google Scholar, DBLP, Zotero, ...). Authorship marks go in author+an.
@misc{{example2025,
  author    = {{{name} and Ada Lovelace}},
  author+an = {{1=equal; 2=equal}},
  title     = {{An Example Entry: Replace refs.bib With Your Publications}},
  pubstate  = {{Preprint}},
  year      = {{2025}},
}}
"""

SECTIONS = {
    "contact.md": """\
<!-- The contact line under the name: one [item]{{.cv-item}} each. {{private}}
text is left out of the web page unless cv_show_private = True in conf.py. -->

:::{{container}} cv-contact
[📍 {p}: your city]{{.cv-item}}
[✉ {p}: your e-mail]{{.cv-item}}
[🌐 {p}: your website]{{.cv-item}}
:::
""",
    "vision.md": """\
## Research Interests

- {p}: one line on what you work on (sections/vision.md).
""",
    "education.md": """\
## Education

{{.cv-entry}}
**{p}: your university** [Year – Year]{{.cv-dates}}\\
*{p}: your degree (sections/education.md)*
""",
    "highlights.md": """\
## Highlights

<!-- One card per highlighted work: a {{bibliography}} naming the entry's key
in refs.bib, then the figures and a description, as in:

:::{{card}}
:class-card: cv-highlight

```{{bibliography}}
:list: bullet
:filter: False

example2025
```

{{bdg-secondary-line}}`100+ Stars on GitHub`

What the work did and why it matters.
:::
-->

- {p}: highlight cards go here (sections/highlights.md shows how).
""",
    "publications.md": """\
## Publications

{p}: a line above the list, e.g. where the full list is (sections/publications.md).

<!-- Every entry of refs.bib, in the file's order. To list only some, give
them keywords = {{selected}} and write :selected: instead of :all:.
publications.html lists every entry by year. -->

```{{bibliography}}
:list: bullet
:all:
```
""",
    "honors.md": """\
## Honors & Awards

- {p}: an award, its year (sections/honors.md).
""",
    "services.md": """\
## Services

- {p}: reviewing, teaching, service (sections/services.md).
""",
}

_OWNER_LINE = re.compile(r"^cv_owner\s*=.*$", re.M)
_ALIASES_LINE = re.compile(r"^cv_owner_aliases\b.*$", re.M)


def set_owner(conf: Path, name: str, reset_aliases: bool) -> None:
    """Write *name* as ``cv_owner`` in conf.py; the sample's aliases are not the new owner's."""
    text = conf.read_text("utf-8")
    literal = json.dumps(name, ensure_ascii=False)  # a valid Python string literal too
    text, count = _OWNER_LINE.subn(lambda _: f"cv_owner = {literal}", text, count=1)
    if count != 1:
        raise SystemExit(f"error: no 'cv_owner = ...' line in {conf}: add one, then run again")
    if reset_aliases:
        text = _ALIASES_LINE.sub(lambda _: "cv_owner_aliases: list[str] = []", text, count=1)
    conf.write_text(text, "utf-8")


def current_owner(conf: Path) -> str | None:
    """The ``cv_owner`` that conf.py names now, if it is a plain string literal."""
    match = _OWNER_LINE.search(conf.read_text("utf-8"))
    try:
        value = json.loads(match.group(0).split("=", 1)[1]) if match else None
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def write_sections(sections: Path, sample: bool) -> list[str]:
    """Replace the sample's or placeholder section files; the names of those kept."""
    sections.mkdir(exist_ok=True)
    kept = []
    for file_name, template in SECTIONS.items():
        path = sections / file_name
        if not sample and path.exists() and PLACEHOLDER not in path.read_text("utf-8"):
            kept.append(file_name)
            continue
        path.write_text(template.format(p=PLACEHOLDER), "utf-8")
    return kept


def build_html(repo: Path) -> int:
    """Build the web page as `make html` does; the build prints its own warnings."""
    command = [sys.executable, "-m", "sphinx", "-M", "html", str(repo), str(repo / "_build")]
    command += ["-d", str(repo / "_build" / "doctrees" / "html")]
    return subprocess.call(command, cwd=repo)


def closest_name(persons: list[Person], owner: str) -> Person | None:
    """The person of an entry whose name is nearest to the owner's (the likely alias)."""
    target = name_key(Person(owner))
    wanted = " ".join((*target.given, target.family))

    def score(person: Person) -> float:
        key = name_key(person)
        shared_family = bool(set(key.family.split()) & set(target.family.split()))
        text = " ".join((*key.given, key.family))
        return shared_family + difflib.SequenceMatcher(None, text, wanted).ratio()

    return max(persons, key=score, default=None)


def report_missing_owner(repo: Path, name: str) -> list[str]:
    """One line per entry of refs.bib without the owner, naming the alias to add."""
    data, _, _ = read_bibfiles([repo / "refs.bib"])
    matcher = OwnerMatcher(name)
    lines = []
    for key, entry in data.entries.items():
        persons = [p for role in ("author", "editor") for p in entry.persons.get(role, [])]
        if any(matcher.matches(person) for person in persons):
            continue
        best = closest_name(persons, name)
        if best is None:
            lines.append(f"  {key}: no author or editor: add one, or remove the entry")
        else:
            lines.append(
                f"  {key}: closest name is {str(best)!r}; if that is you, add it to "
                f"cv_owner_aliases in conf.py: cv_owner_aliases = [{json.dumps(str(best))}]"
            )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--name", required=True, help='your name, e.g. "Ada Lovelace"')
    parser.add_argument("--bib", help="your .bib export, copied to refs.bib")
    parser.add_argument("--repo", default=str(REPO), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repo = Path(args.repo)
    name = " ".join(args.name.split())
    try:
        parse_owner_name(name, "NAME")
    except InvalidName as error:
        print(f'error: {error}. Run: make new-cv NAME="Given Family"', file=sys.stderr)
        return 1
    sample = current_owner(repo / "conf.py") == SAMPLE_OWNER
    if args.bib:
        bib = Path(args.bib).expanduser()
        if not bib.is_file():
            print(
                f"error: BIB={args.bib} is not a file: give the path of your .bib export",
                file=sys.stderr,
            )
            return 1
        if bib.resolve() != (repo / "refs.bib").resolve():
            shutil.copyfile(bib, repo / "refs.bib")
    elif sample:
        (repo / "refs.bib").write_text(EXAMPLE_BIB.format(name=name), "utf-8")
    set_owner(repo / "conf.py", name, reset_aliases=sample)
    kept = write_sections(repo / "sections", sample)
    print(f"cv_owner = {name!r} in conf.py; refs.bib and sections/ are ready to edit.")
    if kept:
        print(f"Kept your own sections/ files (no '{PLACEHOLDER}' in them): {', '.join(kept)}")
    status = build_html(repo)
    if status:
        return status
    missing = report_missing_owner(repo, name)
    if missing:
        noun = "entry" if len(missing) == 1 else "entries"
        print(f"\nThe owner was not found in {len(missing)} {noun}:")
        print("\n".join(missing))
    else:
        print(f"\nThe owner is in every entry of refs.bib ({name}).")
    print("\nNext: write sections/ (every file says 'Placeholder'), then make html, make latexpdf.")
    print(
        "Later, a newer engine comes in with make upgrade FROM=<the repository you forked>,\n"
        'which leaves your CV as it is (README, "Upgrading"); never a pull request.'
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
