"""Reading and writing ``.bib`` files: the lowest layer, which knows BibTeX and nothing of LaTeX.

A lenient reader (:mod:`.parse` tokenizes, :mod:`.read` builds entries and
reports problems as values), within budgets (:mod:`.budget`, :mod:`cvbib.limits`);
names split in one pass (:mod:`.namelist`) and shared per spelling (:mod:`.persons`),
names in CJK scripts (:mod:`.cjk`);
export quirks (:mod:`.quirks`); dates and verbatim values (:mod:`.dates`,
:mod:`.values`); and the clean BibTeX a reader copies (:mod:`.write`).
"""

from __future__ import annotations

from .cjk import cjk_family_given, cjk_name
from .dates import PLAIN_DATE, iso_date, month_name, month_number, plain_date_years, year_of_date
from .namelist import split_names, strip_extra_and
from .persons import SharedPerson, is_others, keeper, kept_all, per_spelling, spelling
from .quirks import clean_name, is_homonym_number, merge_annotation
from .read import SUBTYPES, BibFileData, BibProblem, read_bibfiles
from .values import nonblank, unescape_verbatim
from .write import DEFAULT_BIBTEX_FIELDS, bibtex_key, clean_bibtex, person_text, short_digest

__all__ = [
    "DEFAULT_BIBTEX_FIELDS",
    "PLAIN_DATE",
    "SUBTYPES",
    "BibFileData",
    "BibProblem",
    "SharedPerson",
    "bibtex_key",
    "cjk_family_given",
    "cjk_name",
    "clean_bibtex",
    "clean_name",
    "is_homonym_number",
    "is_others",
    "iso_date",
    "keeper",
    "kept_all",
    "merge_annotation",
    "month_name",
    "month_number",
    "nonblank",
    "per_spelling",
    "person_text",
    "plain_date_years",
    "read_bibfiles",
    "short_digest",
    "spelling",
    "split_names",
    "strip_extra_and",
    "unescape_verbatim",
    "year_of_date",
]
