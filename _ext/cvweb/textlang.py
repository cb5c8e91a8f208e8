"""Each piece of text in its language: ``lang`` on text in another script than the page's.

A CV in English names a coauthor 张伟 or lists a Chinese title; its Chinese
translation keeps publication titles, venues and names in English. A screen
reader reads a piece of text with the voice of its ``lang`` (an English voice
spells Chinese characters out, or says nothing), a browser picks the fonts
and line breaking by it, and WCAG 3.1.2 asks for it. The page's own language
is ``<html lang>`` (:mod:`cvweb.languages`); here, on the web page only, each
run of text in another script gets its own:

- a paragraph or list item whose letters are mostly of another script gets
  the ``lang`` of that script (a publication entry, in a Chinese page:
  ``<li lang="en">``), and the runs inside it in the page's script get the
  page's ("（项目负责人）");
- any other run of another script is wrapped in ``<span lang="…">``.

Scripts are told apart by their characters, not guessed from words: Latin
letters, and the CJK scripts (Han, with CJK punctuation and full-width
forms; kana, which is Japanese; Hangul, which is Korean). Latin text in a CJK
page is tagged with the CV's source language when that is written in Latin
letters (else English); Han text in a Latin page with the CV's Chinese (or
Japanese) language when it has one (``zh-Hans`` for a CV with a ``zh_CN``
translation), else ``zh``. Digits, spaces, punctuation and symbols belong to
no script and stay where they are. Text of the same script (German words in
an English page) is not marked: nothing tells it apart reliably.

The marks are docutils' own (a class ``language-<tag>``, which its HTML
writer turns into ``lang``), added by a post-transform for HTML builders
only; the PDF is left to the LaTeX side (xeCJK picks fonts by script).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cvconf import bcp47
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from cvbib.text import collapsed, cvbib_math, text_run

__all__ = ["LanguageRuns", "language_of", "runs", "script_of"]

LATIN, HAN, KANA, HANGUL = "latin", "han", "kana", "hangul"
CJK = frozenset({HAN, KANA, HANGUL})

#: Text that is not prose: left as it is.
_SKIP = (
    nodes.literal,
    nodes.literal_block,
    nodes.raw,
    nodes.math,
    nodes.math_block,
    nodes.comment,
    nodes.target,
    nodes.substitution_definition,
    addnodes.only,
    # cvbib's nodes written as their text at once (names of long lists, math).
    collapsed,
    text_run,
    cvbib_math,
)
#: Elements whose HTML visitor writes ``lang`` from a ``language-`` class.
_BLOCKS = (nodes.paragraph, nodes.list_item)
_CLASS = "language-"


def script_of(char: str) -> str | None:
    """The script *char* belongs to, or None for digits, spaces, punctuation, symbols."""
    code = ord(char)
    if code < 0x80:
        return LATIN if char.isalpha() else None
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        return LATIN if char.isalpha() else None
    if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return KANA
    if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return HANGUL
    if (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x20000 <= code <= 0x3134F
        or 0xF900 <= code <= 0xFAFF
        or 0x3000 <= code <= 0x303F  # CJK punctuation: 、。「」
        or 0xFF01 <= code <= 0xFF65  # full-width forms: （）：，
        or 0x2E80 <= code <= 0x2FDF
        or 0x31C0 <= code <= 0x31EF
    ):
        return HAN
    return None


def _group(script: str | None) -> str | None:
    """Scripts as languages go: kana and Han together are Japanese text."""
    return None if script is None else ("cjk" if script in CJK else script)


def runs(text: str) -> Iterator[tuple[str | None, str]]:
    """*text* cut into (script group, text): ``"cjk"``, ``"latin"``, or None between them.

    A run of one script goes from its first to its last character of that
    script, with what belongs to no script inside it (the spaces and commas
    of "Bowen Zhou, Ning Ding"); what lies between two scripts belongs to
    neither (None).
    """
    start = 0
    current: str | None = None
    last = -1  # the end of the current run's last character of its script
    for index, char in enumerate(text):
        group = _group(script_of(char))
        if group is None:
            continue
        if group != current:
            if current is not None:
                yield current, text[start : last + 1]
                start = last + 1
            if start < index:
                yield None, text[start:index]
            start, current = index, group
        last = index
    if current is not None:
        yield current, text[start : last + 1]
        start = last + 1
    if start < len(text):
        yield None, text[start:]


class LanguageRuns(SphinxPostTransform):
    """Mark text in another script than its surroundings (see the module docstring)."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        page = bcp47(self.config.language)
        tags = _tags(self.env, page)
        page_group = "cjk" if _is_cjk(page) else LATIN
        blocks = [n for n in self.document.findall(nodes.Element) if isinstance(n, _BLOCKS)]
        for block in blocks:
            if _skipped(block) or _marked(block):
                continue
            found = _dominant(block)
            if found is not None and found != _context_group(block, page_group):
                block["classes"].append(_CLASS + tags[found](block.astext()))
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or _skipped(parent):
                continue
            context = _context_group(parent, page_group)
            pieces = list(runs(str(text)))
            if all(group in (None, context) for group, _piece in pieces):
                continue
            replacement: list[nodes.Node] = []
            for group, piece in pieces:
                if group is None or group == context:
                    replacement.append(nodes.Text(piece))
                else:
                    replacement.append(
                        nodes.inline(piece, piece, classes=[_CLASS + tags[group](piece)])
                    )
            index = parent.index(text)
            parent[index : index + 1] = replacement


def _is_cjk(tag: str) -> bool:
    return tag.split("-")[0] in ("zh", "ja", "ko")


def _tags(holder: Any, page: str) -> dict[str, Any]:
    """Script group -> a function of the run's text giving its language tag.

    *holder* is anything with the build's ``config`` (the application, the environment).
    """
    languages = [bcp47(lang) for lang in getattr(holder.config, "cv_languages", [])]
    source = bcp47(getattr(holder.config, "cv_source_language", "") or "en")
    latin = page if not _is_cjk(page) else (source if not _is_cjk(source) else "en")
    chinese = next((t for t in (page, *languages) if t.startswith("zh")), "")
    japanese = next((t for t in (page, *languages) if t.startswith("ja")), "ja")

    def cjk(text: str) -> str:
        scripts = {script_of(c) for c in text}
        if KANA in scripts:
            return japanese
        if HANGUL in scripts:
            return "ko"
        return chinese or "zh"

    return {LATIN: lambda text: latin, "cjk": cjk}


def _skipped(node: nodes.Node) -> bool:
    current: nodes.Node | None = node
    while current is not None:
        if isinstance(current, _SKIP):
            return True
        if isinstance(current, nodes.Element) and "notranslate" in current.get("classes", ()):
            return True
        current = current.parent
    return False


def _marked(node: nodes.Element) -> bool:
    return any(c.startswith(_CLASS) for c in node.get("classes", ()))


def _context_group(node: nodes.Node, page_group: str) -> str:
    """The script group of the nearest ``lang`` around *node* (the page's when none)."""
    current: nodes.Node | None = node
    while current is not None:
        if isinstance(current, nodes.Element):
            for cls in current.get("classes", ()):
                if cls.startswith(_CLASS):
                    return "cjk" if _is_cjk(cls[len(_CLASS) :]) else LATIN
        current = current.parent
    return page_group


def _dominant(block: nodes.Element) -> str | None:
    """The script group of most of *block*'s letters (a CJK character counts as two)."""
    counts: dict[str, int] = {}
    for text in block.findall(nodes.Text):
        if _skipped(text.parent):
            continue
        for char in str(text):
            group = _group(script_of(char))
            if group is not None:
                counts[group] = counts.get(group, 0) + (2 if group == "cjk" else 1)
    if not counts:
        return None
    return max(counts, key=lambda g: counts[g])


def language_of(app: Any, text: str) -> str:
    """The language tag of *text* by its script, as this module tags runs ("" for none)."""
    page = bcp47(app.config.language)
    counts: dict[str, int] = {}
    for group, piece in runs(text):
        if group is not None:
            counts[group] = counts.get(group, 0) + len(piece)
    if not counts:
        return ""
    group = max(counts, key=lambda g: counts[g])
    return str(_tags(app, page)[group](text))


def setup_text_languages(app: Sphinx) -> None:
    app.add_post_transform(LanguageRuns)
