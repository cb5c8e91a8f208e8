"""The theme's ``page.html`` for publication pages: rendered once, filled per page.

Every publication page lives in one folder (``pub/``) and is in no toctree, so
the theme's template gives all of them the same HTML but for a few places: the
page's title, its body, its head tags and its name. Rendering the template
(furo's runs through a dozen included files) was the largest cost of a page;
:class:`PageTemplate` renders it once with markers in those places (a
*skeleton*) and fills each later page's values in, byte for byte what the
template would have written.

Nothing else of Sphinx's page writing is skipped: each page still goes through
:meth:`~sphinx.builders.html.StandaloneHTMLBuilder.handle_page`, which makes its
context and emits ``html-page-context`` to every extension (which may change
the context, or count the page), sorts the assets and writes the file. Only
the builder's ``templates.render`` is answered from the skeleton, and only
where that is sure to give the template's own output:

* the page's context, once its own name is replaced by a marker wherever a
  text holds it (its address, OpenGraph's ``og:url``), is equal to the first
  page's in every other value a template can read (the title, body and head
  tags are the places filled; functions such as ``pathto`` give the same
  results to every page of one folder);
* its name is made of letters, digits and ``._~-`` (what escaping and URL
  quoting leave alone), as :mod:`cvbib.render.published` makes them;
* each marker was found in the skeleton as a known form: the body and the head
  tags as they are, the title as HTML (Sphinx passes titles as HTML), without
  its tags, escaped, or both (the ``title|striptags|e`` of ``<title>``);
* and the skeleton passed a check: a second page rendered by the template
  itself equals the skeleton filled with that page's values.

When any of these fails, the page is rendered by the template as before (the
skeleton is never guessed at). A theme or extension whose template branches on
the *content* of a title or a body (its length, a word in it) would defeat the
check only if the two pages checked agree where later ones differ: no theme
this project knows does that.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final

from markupsafe import Markup, escape

#: What a page's name may be made of for the skeleton to hold it.
_SAFE_NAME: Final = re.compile(r"[A-Za-z0-9._~-]+")
#: The markers rendered into the skeleton (the template treats them as text).
_NAME_MARK: Final = "cvbibpagename0q7z"
_BODY_MARK: Final = "cvbibpagebody0q7z"
_TAGS_MARK: Final = "cvbibpagetags0q7z"
_TITLE_MARK: Final = "cvbibpagetitle0q7z"
#: The title the skeleton is rendered with: each way of writing it out gives a
#: different text (spaces collapsed, quotes and ampersands escaped once or
#: twice), and its length shows a template that shortens titles.
_TITLE_PROBE: Final = f"{_TITLE_MARK}  '\"&amp;{'z' * 200}{_TITLE_MARK}"
#: The values filled in, rather than compared, for every page.
_FILLED: Final = frozenset({"title", "body", "metatags"})
#: The key of the page's context that says the page is a publication page.
_OWN_KEY: Final = "cvbib_page_template"


def _striptags(html: str) -> str:
    return Markup(html).striptags()


#: The ways a template writes the title out, each as a function of the title's HTML.
TITLE_FORMS: Final[Mapping[str, Callable[[str], str]]] = {
    "html": str,
    "text": _striptags,  # title|striptags
    "text-escaped": lambda html: str(escape(_striptags(html))),  # title|striptags|e
    "escaped": lambda html: str(escape(html)),  # title|e
}


def _replaced(value: Any, old: str, new: str) -> Any:
    """*value* with *old* replaced by *new* in every text it holds (in lists, tuples, dicts)."""
    if isinstance(value, str):
        return value.replace(old, new) if old in value else value
    if type(value) is dict:
        return {key: _replaced(item, old, new) for key, item in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_replaced(item, old, new) for item in value)
    return value


def _marked_name(pagename: str) -> str:
    """The page's name with its file name (its last part) made the marker."""
    folder, slash, _name = pagename.rpartition("/")
    return f"{folder}{slash}{_NAME_MARK}"


def _comparable(context: Mapping[str, Any], pagename: str) -> dict[str, Any]:
    """What of a page's context must be the same for two pages to share a skeleton."""
    marked = _marked_name(pagename)
    return {
        key: _replaced(value, pagename, marked)
        for key, value in context.items()
        if key not in _FILLED and not callable(value)
    }


@dataclass(frozen=True)
class Skeleton:
    """The template's output cut at its markers: text, then what goes in each gap."""

    #: The texts between the gaps (one more than the gaps).
    texts: tuple[str, ...]
    #: Each gap: "name", "body", "metatags" or ``"title:" + form``.
    gaps: tuple[str, ...]

    def fill(self, name: str, values: Mapping[str, Any]) -> str:
        titles: dict[str, str] = {}
        parts = [self.texts[0]]
        for gap, text in zip(self.gaps, self.texts[1:], strict=True):
            if gap == "name":
                parts.append(name)
            elif gap.startswith("title:"):
                form = gap[6:]
                if form not in titles:
                    titles[form] = TITLE_FORMS[form](str(values["title"]))
                parts.append(titles[form])
            else:
                parts.append(str(values[gap]))
            parts.append(text)
        return "".join(parts)


def cut(output: str) -> Skeleton | None:
    """The skeleton of a template output rendered with the markers, or None if one is not found.

    None also when a marker appears in a form this module does not write.
    """
    forms = {f"title:{form}": write(_TITLE_PROBE) for form, write in TITLE_FORMS.items()}
    marks = {"body": _BODY_MARK, "metatags": _TAGS_MARK, **forms, "name": _NAME_MARK}
    if output.count(_BODY_MARK) != 1 or output.count(_TAGS_MARK) != 1:
        return None
    pattern = re.compile(
        "|".join(re.escape(mark) for mark in sorted(marks.values(), key=len)[::-1])
    )
    by_text: dict[str, str] = {}
    for gap, text in marks.items():
        by_text.setdefault(text, gap)  # two forms writing the probe alike: one is enough
    texts: list[str] = []
    gaps: list[str] = []
    start = 0
    for match in pattern.finditer(output):
        texts.append(output[start : match.start()])
        gaps.append(by_text[match.group()])
        start = match.end()
    texts.append(output[start:])
    if any(_TITLE_MARK in text or _NAME_MARK in text for text in texts):
        return None  # a title or name written some other way (shortened, upper case...)
    return Skeleton(tuple(texts), tuple(gaps))


@dataclass
class _Reference:
    """The first page's context, as the pages that share its skeleton must have it."""

    templatename: str
    #: The first page's context, as the template got it.
    context: dict[str, Any]
    #: :func:`_comparable` of it.
    comparable: dict[str, Any]
    skeleton: Skeleton | None
    checked: bool = False

    def matches(self, context: Mapping[str, Any], pagename: str) -> bool:
        """Whether *context* is the reference's but for the page's name and the filled values.

        Most values are the very objects of the reference's (the builder's
        global context, copied for each page): only the others are compared.
        """
        if context.keys() != self.context.keys():
            return False
        marked = _marked_name(pagename)
        for key, value in context.items():
            if value is self.context[key] or key in _FILLED:
                continue
            if callable(value):
                if callable(self.context[key]):
                    continue
                return False
            if _replaced(value, pagename, marked) != self.comparable.get(key):
                return False
        return True


class PageTemplate:
    """Answers the builder's ``templates.render`` for publication pages from a skeleton.

    Installed for the time the pages are written (:meth:`installed`); a page
    is one of them when :meth:`context` made its context. Counts what it did,
    for tests and the build's summary.
    """

    def __init__(self, render: Callable[[str, dict[str, Any]], str]) -> None:
        self._render = render
        self._references: dict[str, _Reference] = {}
        #: Pages rendered by the template, and pages filled from a skeleton.
        self.rendered = 0
        self.filled = 0

    def __repr__(self) -> str:  # Sphinx logs repr() of every event's arguments
        return f"<PageTemplate: {self.rendered} rendered, {self.filled} filled>"

    def context(self) -> dict[str, Any]:
        """What to add to a publication page's context for this object to answer it."""
        return {_OWN_KEY: self}

    def render(self, templatename: str, context: dict[str, Any]) -> str:
        """The page's HTML: the template's, or the skeleton filled where that is the same."""
        if context.get(_OWN_KEY) is not self:
            return self._render(templatename, context)
        pagename = str(context.get("pagename", ""))
        folder, _slash, name = pagename.rpartition("/")
        reference = self._references.get(folder)
        if reference is None:
            return self._learn(folder, templatename, context)
        if (
            reference.skeleton is not None
            and templatename == reference.templatename
            and _SAFE_NAME.fullmatch(name)
            and reference.matches(context, pagename)
        ):
            filled = reference.skeleton.fill(name, context)
            if reference.checked:
                self.filled += 1
                return filled
            # The second page of the folder: the template's output decides.
            output = self._render_counted(templatename, context)
            reference.checked = output == filled
            if not reference.checked:
                reference.skeleton = None
            return output
        return self._render_counted(templatename, context)

    def _render_counted(self, templatename: str, context: dict[str, Any]) -> str:
        self.rendered += 1
        return self._render(templatename, context)

    def _learn(self, folder: str, templatename: str, context: dict[str, Any]) -> str:
        """Render the folder's first page, and the skeleton from its context."""
        output = self._render_counted(templatename, context)
        pagename = str(context["pagename"])
        name = pagename.rpartition("/")[2]
        skeleton = None
        if _SAFE_NAME.fullmatch(name):
            marked = _replaced(context, pagename, _marked_name(pagename))
            marked.update(title=_TITLE_PROBE, body=_BODY_MARK, metatags=_TAGS_MARK)
            skeleton = cut(self._render(templatename, marked))
        self._references[folder] = _Reference(
            templatename, dict(context), _comparable(context, pagename), skeleton
        )
        return output

    @contextmanager
    def installed(self, loader: Any) -> Iterator[bool]:
        """Answer *loader*'s ``render`` while the block runs; yields whether it could.

        Within a block that already installed it (the helpers' leftovers,
        written while Sphinx collects this process's pages), nothing changes.
        """
        if getattr(loader, "render", None) == self.render:
            yield True
            return
        try:
            loader.render = self.render
        except AttributeError:  # a template bridge that keeps its attributes fixed
            yield False
            return
        try:
            yield True
        finally:
            del loader.render
