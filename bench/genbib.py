"""A realistic, reproducible ``.bib`` file for the benchmark.

Real bibliographies are what make pybtex slow: LaTeX accents in names
(``M{\\"u}ller``), protected words in titles (``{BERT}``), math, ``--`` in page
ranges, ``@string`` journal macros, month macros, ``and others``, biblatex
annotations, and a mix of entry types with their own required fields. This
module writes such a file with a fixed seed, so two runs (and two machines)
benchmark the same text. Every entry is complete for pybtex's ``plain`` style,
so both sides render every entry without a "missing field" error entry.

Usable on its own: ``python bench/genbib.py 5000 > big.bib``.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterator

__all__ = ["OWNER", "generate_bib"]

#: The name the generated CV belongs to (in some entries, in several spellings).
OWNER = "Kaiyan Zhang"
_OWNER_SPELLINGS = ("Zhang, Kaiyan", "Kaiyan Zhang", "K. Zhang", "Zhang, K.")

_GIVEN = (
    "Jos{\\'e}",
    "Fran{\\c{c}}ois",
    'J{\\"u}rgen',
    'Bj{\\"o}rn',
    "{\\L}ukasz",
    'Zo{\\"e}',
    "Ren{\\'e}e",
    "S{\\o}ren",
    "Ana",
    "Wei",
    "Yuxin",
    "Mar{\\'\\i}a Jos{\\'e}",
    "John",
    "Emily",
    "Hiroshi",
    "Priya",
    "Ahmed",
    "Olga",
    "Chen",
    "David",
    "Li",
    "Sarah",
    "Kai-Yan",
    "M.",
    "J.-P.",
    "Ingrid",
    "Tom{\\'a}{\\v{s}}",
    'Na{\\"\\i}ma',
)
_FAMILY = (
    'M{\\"u}ller',
    "Garc{\\'\\i}a",
    "van der Berg",
    "de la Cruz",
    "O'Brien",
    "{\\v{S}}koda",
    "Smith",
    "Zhang",
    "Wang",
    "Nakamura",
    "Kowalski",
    "Dvo{\\v{r}}{\\'a}k",
    "{\\O}stergaard",
    "Papadopoulos",
    "Gonz{\\'a}lez",
    "Kim",
    "Nguyen",
    "Johnson",
    "Ivanova",
    "Rossi",
    "{Le Cun}",
    "von Neumann",
    'Schr{\\"o}dinger',
    "Erd{\\H{o}}s",
    "Li",
)
_WORDS = (
    "learning",
    "reinforcement",
    "test-time",
    "scalable",
    "inference",
    "graphs",
    "language",
    "models",
    "robust",
    "optimization",
    "sparse",
    "attention",
    "retrieval",
    "typesetting",
    "fonts",
    "distributed",
    "systems",
    "analysis",
    "efficient",
    "neural",
    "networks",
    "reasoning",
    "benchmark",
    "evaluation",
    "Bayesian",
    "kernels",
    "approximation",
    "compilers",
    "verification",
)
_PROTECTED = ("{BERT}", "{GPU}", "{\\TeX}", "{LaTeX}", "{ImageNet}", "{MCMC}", "{RLHF}", "{CJK}")
_MATH = ("$O(n \\log n)$", "$k$-means", "$\\ell_1$", "$\\epsilon$-greedy")
_JOURNALS = {
    "jacm": "Journal of the {ACM}",
    "tpami": "{IEEE} Transactions on Pattern Analysis and Machine Intelligence",
    "jmlr": "Journal of Machine Learning Research",
    "tugboat": "{TUGboat}",
    "nature": "Nature",
}
_VENUES = (
    "Proceedings of the 40th International Conference on Machine Learning",
    "Advances in Neural Information Processing Systems",
    "Proceedings of the {AAAI} Conference on Artificial Intelligence",
    "Findings of the Association for Computational Linguistics: {EMNLP} 2023",
    "Proceedings of {TUG} 2019",
)
_PUBLISHERS = (("Springer", "Berlin"), ("MIT Press", "Cambridge, MA"), ("O'Reilly", "Sebastopol"))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
#: (entry type, weight): roughly the mix of a prolific author's list.
_TYPES = (
    ("article", 40),
    ("inproceedings", 30),
    ("book", 4),
    ("incollection", 6),
    ("phdthesis", 3),
    ("mastersthesis", 2),
    ("techreport", 6),
    ("misc", 9),
)


def _person(rng: random.Random) -> str:
    given = rng.choice(_GIVEN)
    family = rng.choice(_FAMILY)
    roll = rng.random()
    if roll < 0.4:
        return f"{family}, {given}"
    if roll < 0.43:
        return f"{family}, Jr., {given}"
    return f"{given} {family}"


def _authors(rng: random.Random, with_owner: bool) -> tuple[str, str]:
    """(author field, author+an field or "") for one entry."""
    names = [_person(rng) for _ in range(rng.choice((1, 2, 2, 3, 3, 4, 5, 6, 8)))]
    owner_at = 0
    if with_owner:
        owner_at = rng.randrange(len(names) + 1)
        names.insert(owner_at, rng.choice(_OWNER_SPELLINGS))
    if rng.random() < 0.1:
        names.append("others")
    annotation = ""
    if with_owner and rng.random() < 0.3:
        annotation = f"{owner_at + 1}=equal" + ("; 1=equal" if owner_at else "; 2=equal")
    return " and ".join(names), annotation


def _title(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(4, 11))]
    if rng.random() < 0.5:
        words.insert(rng.randrange(len(words)), rng.choice(_PROTECTED))
    if rng.random() < 0.15:
        words.insert(rng.randrange(len(words)), rng.choice(_MATH))
    if rng.random() < 0.1:
        words.append("--- a \\emph{case} study")
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words)


def _fields(rng: random.Random, kind: str, index: int) -> list[tuple[str, str]]:
    """The type-specific fields, as (name, BibTeX value with its delimiters)."""
    year = str(rng.randint(1980, 2025))
    first_page = rng.randint(1, 900)
    pages = f"{{{first_page}--{first_page + rng.randint(3, 30)}}}"
    fields: list[tuple[str, str]] = []
    if kind == "article":
        fields += [
            ("journal", rng.choice(tuple(_JOURNALS))),
            ("volume", f"{{{rng.randint(1, 60)}}}"),
            ("number", f"{{{rng.randint(1, 12)}}}"),
            ("pages", pages),
        ]
    elif kind in ("inproceedings", "incollection"):
        fields += [("booktitle", f"{{{rng.choice(_VENUES)}}}"), ("pages", pages)]
        if kind == "incollection" or rng.random() < 0.3:
            publisher, address = rng.choice(_PUBLISHERS)
            fields += [("publisher", f"{{{publisher}}}"), ("address", f"{{{address}}}")]
        if kind == "incollection":
            fields.append(("editor", f"{{{_person(rng)} and {_person(rng)}}}"))
    elif kind == "book":
        publisher, address = rng.choice(_PUBLISHERS)
        fields += [("publisher", f"{{{publisher}}}"), ("address", f"{{{address}}}")]
    elif kind in ("phdthesis", "mastersthesis"):
        fields.append(("school", "{Universit{\\'e} de Montr{\\'e}al}"))
    elif kind == "techreport":
        fields += [
            ("institution", "{Massachusetts Institute of Technology}"),
            ("number", f"{{TR-{index}}}"),
        ]
    else:  # misc
        fields.append(("howpublished", f"{{\\url{{https://arxiv.org/abs/2401.{index:05d}}}}}"))
    fields += [("year", f"{{{year}}}"), ("month", rng.choice(_MONTHS))]
    if rng.random() < 0.5:
        fields.append(("doi", f"{{10.1000/bench.{index}}}"))
    if rng.random() < 0.3:
        fields.append(("url", f"{{https://example.org/papers/{index}.pdf}}"))
    if rng.random() < 0.1:
        fields.append(("note", "{To appear}"))
    return fields


def _entries(count: int, seed: int) -> Iterator[str]:
    rng = random.Random(seed)
    kinds = [kind for kind, _weight in _TYPES]
    weights = [weight for _kind, weight in _TYPES]
    for index in range(count):
        kind = rng.choices(kinds, weights)[0]
        author, annotation = _authors(rng, with_owner=rng.random() < 0.3)
        lines = [f"@{kind}{{bench{index:05d},", f"  author = {{{author}}},"]
        if annotation:
            lines.append(f"  author+an = {{{annotation}}},")
        lines.append(f"  title = {{{_title(rng)}}},")
        lines += [f"  {name} = {value}," for name, value in _fields(rng, kind, index)]
        lines.append("}")
        yield "\n".join(lines)


def generate_bib(count: int = 4000, seed: int = 20240601) -> str:
    """The text of a ``.bib`` file with *count* entries, the same for the same seed."""
    macros = [f'@string{{{name} = "{value}"}}' for name, value in _JOURNALS.items()]
    header = "% Generated by bench/genbib.py: a reproducible benchmark bibliography.\n"
    return header + "\n".join(macros) + "\n\n" + "\n\n".join(_entries(count, seed)) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate_bib(int(sys.argv[1]) if len(sys.argv) > 1 else 4000))
