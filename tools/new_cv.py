"""``make new-cv NAME="..." [BIB=path.bib]``: make this repository someone else's CV.

It asks nothing and needs no network, so that the README's first step is one
command a new owner can paste, and a test can run the same path:

1. sets ``cv_owner`` in ``conf.py`` (the page heading, titles, PDF metadata and
   the PDF's file name all come from it);
2. copies ``BIB`` to ``refs.bib`` (without ``BIB``, the sample's ``refs.bib``
   becomes a one-entry example);
3. replaces each file of ``sections/`` with a short placeholder, each one
   marked "Placeholder" on the page so none is published by mistake, and
   removes the sample's translations (``locales/``: the sample's text in
   Chinese, which would otherwise give the new owner's page a switch to a
   "Chinese" version of nothing of theirs; ``make i18n-update`` starts theirs);
4. builds the web page, and lists every entry in which no author or editor is
   the owner: with the name in it that may be the owner's (a spelling of
   their name, never a coauthor's), written as the owner would type it in
   ``cv_owner_aliases``, one alias for all the entries it covers; or, for a
   collaboration's papers that do not list the owner by name, the
   ``cv_collaborations`` line to add; and it says how the long author lists
   it found are shown (``cv_max_authors``).

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

from cvbib.bib import is_others, read_bibfiles  # noqa: E402
from cvbib.latex import to_plain  # noqa: E402
from cvbib.people import (  # noqa: E402
    InvalidName,
    NameKey,
    OwnerMatcher,
    collaboration_of,
    name_key,
    parse_owner_name,
)
from cvbib.settings import AUTO_AUTHORS_LONG, AUTO_AUTHORS_SHOWN  # noqa: E402

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


def typed(person: Person) -> str:
    """A name as its owner would type it in conf.py: "Dubois-Nakamura, Chloé".

    LaTeX decoded (INSPIRE's ``Chlo\\'e``), braces gone (ADS's
    ``{Dubois-Nakamura}, C.``), in BibTeX's "Family, Given" form.
    """
    given = " ".join([*person.first_names, *person.middle_names])
    family = " ".join([*person.prelast_names, *person.last_names])
    lineage = " ".join(person.lineage_names)
    raw = ", ".join(part for part in (family, lineage, given) if part)
    text = to_plain(raw) if "\\" in raw or "{" in raw or "~" in raw else raw
    return " ".join(text.replace("{", "").replace("}", "").split())


def python_literal(names: list[str]) -> str:
    """``["Dubois-Nakamura, Chloé"]``: a list the owner pastes, without ``\\u`` escapes."""
    return "[" + ", ".join(json.dumps(name, ensure_ascii=False) for name in names) + "]"


def _plausible(candidate: NameKey, owner: NameKey) -> bool:
    """Whether a name may be the owner's own spelling: it shares their family name or
    their given names (a maiden name, a transliteration, a reordered double name).

    BibTeX reads a name written "First Last" with its last word as the family
    name, so "María José García López" has the family name "López": a family
    name of the candidate's is looked for among all of the owner's names
    ("Garcia, Maria J." is hers), with its given name starting as one of theirs
    does ("Garcia, Ana" is not).
    """
    if candidate.given and candidate.given == owner.given:
        return True
    names = set(owner.family.split()) | set(owner.given)
    if not set(candidate.family.split()) & names:
        return False
    initials = {name[:1] for name in names}
    return not candidate.given or candidate.given[0][:1] in initials


def closest_name(persons: list[Person], owner: str) -> Person | None:
    """The person of an entry whose name may be the owner's, nearest first; None if none.

    A coauthor is never offered: only a name that shares the owner's family
    name or given names can be an alias (INSPIRE's "Aad, Georges and others"
    has none).
    """
    target = name_key(Person(owner))
    wanted = " ".join((*target.given, target.family))

    def score(person: Person) -> float:
        key = name_key(person)
        shared_family = bool(set(key.family.split()) & set(target.family.split()))
        text = " ".join((*key.given, key.family))
        return shared_family + difflib.SequenceMatcher(None, text, wanted).ratio()

    candidates = [
        person
        for person in persons
        if not is_others(person) and _plausible(name_key(person), target)
    ]
    return max(candidates, key=score, default=None)


def _keys(keys: list[str]) -> str:
    shown = ", ".join(keys[:4])
    return shown + (f" and {len(keys) - 4} more" if len(keys) > 4 else "")


def report_missing_owner(repo: Path, name: str) -> tuple[int, list[str]]:
    """The number of entries of refs.bib without the owner, and what to do about them.

    One line per alias, collaboration or problem: spellings that one alias
    covers are folded into one line (the alias found in the most entries
    first), and a collaboration's papers into one ``cv_collaborations`` line.
    """
    data, _, _ = read_bibfiles([repo / "refs.bib"])
    matcher = OwnerMatcher(name)
    missing: dict[str, list[Person]] = {}
    collaborations: dict[str, tuple[str, list[str]]] = {}
    lines = []
    count = 0
    for key, entry in data.entries.items():
        persons = [p for role in ("author", "editor") for p in entry.persons.get(role, [])]
        if any(matcher.matches(person) for person in persons):
            continue
        count += 1
        candidate = closest_name(persons, name)
        collaboration = collaboration_of(entry)
        if candidate is None and collaboration is not None:
            bare = collaboration.written[0].removesuffix(" Collaboration").strip()
            collaborations.setdefault(collaboration.name, (bare, []))[1].append(key)
        elif candidate is None:
            real = [person for person in persons if not is_others(person)]
            if not real:
                lines.append(f"  {key}: no author or editor: add one, or remove the entry")
            else:
                shown = ", ".join(typed(person) for person in real[:3])
                more = ", ..." if len(real) > 3 or len(real) < len(persons) else ""
                lines.append(
                    f"  {key}: none of its names is a spelling of yours ({shown}{more}): "
                    "check that the entry is yours and that your name is in it"
                )
        else:
            missing[key] = persons
    lines[:0] = _alias_lines(missing, name)
    for shown, (bare, keys) in collaborations.items():
        lines.append(
            f"  {_keys(keys)}: papers of the {shown} that do not list you by name; if you "
            f"are a member, add it to conf.py: cv_collaborations = {python_literal([bare])}"
        )
    return count, lines


def _alias_lines(missing: dict[str, list[Person]], name: str) -> list[str]:
    """The fewest aliases that cover the entries of *missing*, each with the entries it covers."""
    candidates: dict[str, set[str]] = {}
    owner = name_key(Person(name))
    for persons in missing.values():
        for person in persons:
            if not is_others(person) and _plausible(name_key(person), owner):
                alias = typed(person)
                try:
                    alias_matcher = OwnerMatcher(name, [alias])
                except InvalidName:
                    continue
                covered = {k for k, ps in missing.items() if any(map(alias_matcher.matches, ps))}
                candidates[alias] = candidates.get(alias, set()) | covered
    lines = []
    left = set(missing)
    order = {key: index for index, key in enumerate(missing)}
    while left:
        # The alias that covers the most entries left; the closest name breaks a tie.
        best = max(
            candidates,
            key=lambda alias: (len(candidates[alias] & left), _closeness(alias, name)),
            default=None,
        )
        if best is None or not candidates[best] & left:
            break
        keys = sorted(candidates[best] & left, key=order.__getitem__)
        left -= set(keys)
        lines.append(
            f"  {_keys(keys)}: closest name is {best!r}; if that is you, add it to "
            f"cv_owner_aliases in conf.py: cv_owner_aliases = {python_literal([best])}"
        )
    return lines


def _closeness(alias: str, name: str) -> float:
    key, owner = name_key(Person(alias)), name_key(Person(name))
    text = " ".join((*key.given, key.family))
    return difflib.SequenceMatcher(None, text, " ".join((*owner.given, owner.family))).ratio()


def report_long_lists(repo: Path) -> str | None:
    """How the CV shows the long author lists of refs.bib, if it has any."""
    data, _, _ = read_bibfiles([repo / "refs.bib"])
    counts = [
        sum(not is_others(person) for person in entry.persons.get("author", []))
        for entry in data.entries.values()
    ]
    long_lists = [count for count in counts if count > AUTO_AUTHORS_LONG]
    if not long_lists:
        return None
    noun = "entry lists" if len(long_lists) == 1 else "entries list"
    return (
        f"{len(long_lists)} {noun} more than {AUTO_AUTHORS_LONG} authors (the longest "
        f"{max(long_lists):,}): the CV shows the first {AUTO_AUTHORS_SHOWN}, you in place and "
        '"and N more" (cv_max_authors = "auto"); set cv_max_authors = 5 (or any number) in '
        "conf.py for shorter lists, 0 for every name."
    )


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
    if sample and (repo / "locales").is_dir():
        shutil.rmtree(repo / "locales")
        print(
            "Removed the sample's translations (locales/): "
            "make i18n-update LANGUAGE=... starts yours."
        )
    print(f"cv_owner = {name!r} in conf.py; refs.bib and sections/ are ready to edit.")
    if kept:
        print(f"Kept your own sections/ files (no '{PLACEHOLDER}' in them): {', '.join(kept)}")
    status = build_html(repo)
    if status:
        return status
    count, missing = report_missing_owner(repo, name)
    if count:
        noun = "entry" if count == 1 else "entries"
        print(f"\nThe owner was not found in {count} {noun}:")
        print("\n".join(missing))
    else:
        print(f"\nThe owner is in every entry of refs.bib ({name}).")
    long_lists = report_long_lists(repo)
    if long_lists:
        print(f"\n{long_lists}")
    print("\nNext: write sections/ (every file says 'Placeholder'), then make html, make latexpdf.")
    print(
        "Later, a newer engine comes in with make upgrade FROM=<the repository you forked>,\n"
        'which leaves your CV as it is (README, "Upgrading"); never a pull request.'
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
