"""The CV in another language: the sample in Chinese, the engine's labels, the fallback.

The expectations are typed by hand: the facts of ../shared/cv-source.md as
the Chinese translation must keep them (numbers, institutions by their
official Chinese names, venues, awards, names as the source writes them),
and the engine's words in Chinese and German as a reader of each language
expects them. The Chinese CV is built as ``make html LANGUAGE=zh_CN`` builds
it: ``sphinx-build`` with ``CV_LANGUAGE=zh_CN`` in the environment (what the
Makefile exports), in a process of its own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from bs4 import BeautifulSoup
from cvbib_roots import build, copy_root, finished, strongs
from cvbuild import REPO, build_in_language, copy_cv, require_tex, sample_only

#: The sample's Chinese translation (locales/zh_CN) and facts: a fork has its own,
#: or none (make new-cv removes the sample's); the engine's labels are tested on roots.
SAMPLE_ONLY = sample_only()

#: The owner's and the site's address in the tests of hreflang and the sitemap.
BASE = "https://example.org/cv/"

SECTIONS_ZH = ["迈向 AGI 的愿景", "教育经历", "代表性工作", "代表性论文", "荣誉奖项", "学术服务"]
EDUCATION_ZH = [
    ("清华大学", "电子工程博士", "导师：Bowen Zhou", "2022年9月 – 2026年6月"),
    ("哈尔滨工业大学", "计算机科学硕士", "导师：Weinan Zhang & Ting Liu", "2020年9月 – 2022年6月"),
    ("哈尔滨工业大学", "计算机科学学士", None, "2016年9月 – 2020年6月"),
]
HONORS_ZH = [
    "清华大学 2024 年 Huiyan 一等奖学金（前 5%）",
    "哈尔滨工业大学优秀硕士学位论文奖，2022 届（前 5%）",
    "联想奖学金（前 5%）",
    "中国电科第十四研究所（NRIET，南京电子技术研究所）国睿奖学金（前 5%）",
    "CCKS 2021：医疗对话实体生成（决赛：第 3 名，队长）",
    "2019 未来杯高校 AI 挑战赛（东北赛区：第 2 名，队长）",
]
#: Every figure and named thing of the highlights' descriptions and badges.
HIGHLIGHT_FACTS = [
    "700+",
    "约 200",
    "30K",
    "211%",
    "pass@1",
    "AIME-24",
    "Qwen-2.5-Math-7B",
    "debate/chain/MoA",
    "PPO/GRPO/REINFORCE++/TTRL",
    "self-search",
    "sim-to-real",
    "+3–5%",
    "RewardBench",
    "best-of-N",
    "410K",
    "100K",
    "Llama-3",
    "8B/70B",
    "100+",
    "A100",
    "SFT",
]
VENUES = [
    "ICLR 2025",
    "NeurIPS 2024 (Spotlight)",
    "ACL 2024",
    "ICML@MAS 2025",
    "COLM 2024",
    "EMNLP 2023",
    "ACL 2025",
    "ICML 2025",
    "NAACL 2024",
    "EMNLP 2024",
]
REVIEWER = "审稿人：ICLR, NeurIPS, ACL, COLM, EMNLP, AACL, ICCV"
#: Labels of the English CV that a Chinese reader must not meet (whole words).
ENGLISH_LABELS = [
    "Advisor",
    "Interest",
    "present",
    "Education",
    "Highlights",
    "Services",
    "Honors",
    "Reviewer",
    "Last updated",
    "co-first authors",
    "Project Lead",
    "Preprint",
    "Under Review",
    "Selected Publications",
    "All publications",
    "Curriculum vitae",
    "Curriculum Vitae",
    "Stars",
    "downloads",
    "Beijing",
    "Page",
    "Top",
    "Scholarship",
]


def _with_base_url(srcdir: Path) -> None:
    """The owner's address in conf.py, as a site published outside Read the Docs sets it."""
    conf = srcdir / "conf.py"
    text = conf.read_text("utf-8")
    marker = "# -- The engine"
    conf.write_text(text.replace(marker, f'html_baseurl = "{BASE}"\n\n{marker}', 1), "utf-8")


@pytest.fixture(scope="module")
def zh_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample CV built in Chinese, with a base URL: ``_build/zh_CN/html``."""
    srcdir = copy_cv(tmp_path_factory.mktemp("cv-zh") / "cv", REPO)
    _with_base_url(srcdir)
    output = build_in_language(srcdir, "html", srcdir / "_build" / "zh_CN", "zh_CN")
    assert "cvweb: zh_CN: all 38 messages of the CV translated" in output
    return srcdir / "_build" / "zh_CN" / "html"


@pytest.fixture(scope="module")
def zh_soup(zh_site: Path) -> BeautifulSoup:
    return BeautifulSoup((zh_site / "index.html").read_text("utf-8"), "html.parser")


def _text(node: Any) -> str:
    """The text as read: inline markup joined as it is, blocks apart, spaces collapsed."""
    for block in node.find_all(["p", "li", "div", "h1", "h2", "h3", "dt", "dd", "br"]):
        block.insert_after(" ")
    return " ".join(node.get_text("").split())


def _article(soup: BeautifulSoup) -> Any:
    article = soup.find("article")
    assert article is not None
    return article


@SAMPLE_ONLY
def test_the_chinese_page_keeps_every_fact(zh_soup: BeautifulSoup) -> None:
    article = _article(zh_soup)
    text = _text(article)
    assert zh_soup.find("h1").get_text(strip=True).rstrip("¶") == "Kaiyan Zhang"
    headings = [_text(h).rstrip("¶") for h in article.find_all("h2")]
    assert headings == SECTIONS_ZH
    contact = _text(article.select_one(".cv-contact"))
    for item in ("📍 北京", "zhang-ky22@mails.tsinghua.edu.cn", "iseesaw.github.io", "iseesaw"):
        assert item in contact
    assert "188-460-80-950" not in text  # private: the PDF only
    entries = article.select("div.cv-entry-education")
    assert len(entries) == len(EDUCATION_ZH)
    for entry, (school, degree, advisor, dates) in zip(entries, EDUCATION_ZH, strict=True):
        shown = _text(entry)
        assert school in shown and degree in shown and dates in shown
        if advisor:
            assert advisor in shown
    assert "研究兴趣： 大语言模型、测试时扩展、强化学习、多智能体系统" in text
    for fact in HIGHLIGHT_FACTS:
        assert fact in text, fact
    for venue in VENUES:
        assert venue in text, venue
    honors = article.find("section", id="honors-awards")
    assert [_text(p) for p in honors.select(".cv-entry-title")] == HONORS_ZH
    assert REVIEWER in text
    # The owner bold in every entry, the role translated beside the name.
    items = [li for li in article.find_all("li") if "Kaiyan Zhang" in li.get_text()]
    assert len(items) == 18  # 5 highlights, 13 selected
    assert all(any("Kaiyan Zhang" in s.get_text() for s in li.find_all("strong")) for li in items)
    assert text.count("Kaiyan Zhang*（项目负责人）") == 2
    assert "* 共同第一作者" in text


@SAMPLE_ONLY
def test_no_english_label_in_the_chinese_page(zh_soup: BeautifulSoup) -> None:
    """Only publication titles, venues, names and the translation's own terms stay Latin."""
    page = " ".join(zh_soup.find("body").get_text(" ").split())
    for label in ENGLISH_LABELS:
        assert not re.search(rf"\b{re.escape(label)}\b", page), label


@SAMPLE_ONLY
def test_the_chinese_page_says_its_language(zh_site: Path, zh_soup: BeautifulSoup) -> None:
    assert zh_soup.html["lang"] == "zh-Hans"
    og = {m["property"]: m["content"] for m in zh_soup.find_all("meta", property=True)}
    assert og["og:locale"] == "zh_CN"
    assert og["og:locale:alternate"] == "en_US"
    alternates = {
        link["hreflang"]: link["href"]
        for link in zh_soup.find_all("link", rel="alternate")
        if link.get("hreflang")
    }
    assert alternates == {"en": BASE, "zh-Hans": BASE + "zh_CN/", "x-default": BASE}
    switch = zh_soup.select("nav.cv-languages a")
    assert [(a.get_text(), a["href"], a["hreflang"], a["lang"]) for a in switch] == [
        ("English", BASE, "en", "en")
    ]
    assert zh_soup.select_one("nav.cv-languages")["aria-label"] == "语言"
    # A publication entry in the Chinese page is English text, and says so.
    entry = next(li for li in zh_soup.find_all("li") if "TTRL" in li.get_text())
    assert entry.get("lang") == "en"
    sitemap = (zh_site / "sitemap.xml").read_text("utf-8")
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{BASE}" />' in sitemap
    assert f'<xhtml:link rel="alternate" hreflang="zh-Hans" href="{BASE}zh_CN/" />' in sitemap
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{BASE}" />' in sitemap


@SAMPLE_ONLY
def test_the_chinese_publication_page(zh_site: Path) -> None:
    soup = BeautifulSoup((zh_site / "pub" / "zuo2025ttrl.html").read_text("utf-8"), "html.parser")
    assert soup.html["lang"] == "zh-Hans"
    back = _text(soup.select_one(".cvbib-page-back"))
    assert back == "个人简历 · 全部论文"
    text = _text(soup.find("article"))
    assert "TTRL: Test-Time Reinforcement Learning" in text
    assert "Kaiyan Zhang*（项目负责人）" in text


@SAMPLE_ONLY
def test_a_missing_translation_falls_back_to_the_source_text(
    tmp_path: Path,
) -> None:
    """A message without a translation is shown as written; the others are translated."""
    srcdir = copy_cv(tmp_path / "cv", REPO)
    catalog = srcdir / "locales" / "zh_CN" / "LC_MESSAGES" / "cv.po"
    text = catalog.read_text("utf-8")
    translated = 'msgstr "联想奖学金（前 5%）"'
    assert translated in text
    catalog.write_text(text.replace(translated, 'msgstr ""'), "utf-8")
    output = build_in_language(srcdir, "html", srcdir / "_build" / "zh_CN", "zh_CN")
    # The build says how much is missing: 38 messages (37 in cv.po, "Harbin
    # Institute of Technology" used twice), one of them untranslated.
    assert (
        "cvweb: zh_CN: 1 of 38 messages of the CV untranslated (3%), shown in en "
        "(make i18n-status lists them)"
    ) in output
    soup = BeautifulSoup(
        (srcdir / "_build" / "zh_CN" / "html" / "index.html").read_text("utf-8"), "html.parser"
    )
    titles = [_text(p) for p in soup.select("#honors-awards .cv-entry-title")]
    assert titles == [*HONORS_ZH[:2], "Lenovo Scholarship (Top 5%)", *HONORS_ZH[3:]]


def test_i18n_status_reports_the_untranslated_share(tmp_path: Path) -> None:
    """One of two messages translated: 50%, per catalog and per language."""
    gettext = tmp_path / "gettext"
    gettext.mkdir()
    (gettext / "cv.pot").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Education"\nmsgstr ""\n\nmsgid "Services"\nmsgstr ""\n',
        "utf-8",
    )
    po = tmp_path / "locales" / "xx" / "LC_MESSAGES" / "cv.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Education"\nmsgstr "Ausbildung"\n\nmsgid "Services"\nmsgstr ""\n',
        "utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "tools" / "i18n.py"),
            "status",
            "--root",
            str(tmp_path),
            "--gettext",
            str(gettext),
            "xx",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = result.stdout.splitlines()
    assert lines[0].startswith("xx: ")
    cv = next(line for line in lines if line.strip().startswith("cv "))
    assert re.search(r"\b1 of 2\s+untranslated \(50%\)", cv), cv
    assert "'Services'" in result.stdout


def _engine_texts(html: str) -> str:
    return _text(BeautifulSoup(html, "html.parser").find("body"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "zh_CN",
            [
                "2022年1月 – 至今",
                "2019年1月 – 2021年12月",
                "导师：Augustus De Morgan",
                "学位论文：On the Engine",
                "特邀报告",
                "120 名学生",
                "角色：项目负责人 · GBP 1,200,000",
                "最后更新：",
            ],
        ),
        (
            "de",
            [
                "Jan. 2022 – heute",
                "Jan. 2019 – Dez. 2021",
                "Betreuer: Augustus De Morgan",
                "Abschlussarbeit: On the Engine",
                "Eingeladener Vortrag",
                "120 Studierende",
                "Rolle: Projektleitung",
                "Zuletzt aktualisiert:",
            ],
        ),
    ],
)
def test_entry_labels_and_dates_in_the_build_language(
    make_app: Any, tmp_path: Path, language: str, expected: list[str]
) -> None:
    built = build(make_app, "entries", tmp_path, "html", language=language)
    text = _engine_texts((Path(built.app.outdir) / "index.html").read_text("utf-8"))
    for words in expected:
        assert words in text, (words, text[:2000])
    for english in ("present", "Advisor", "Invited talk", "Last updated", "students"):
        assert not re.search(rf"\b{english}\b", text), english


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("zh_CN", ["Kaiyan Zhang*（项目负责人）", "* 共同第一作者 · † 通讯作者"]),
        ("de", ["Kaiyan Zhang* (Projektleitung)", "* geteilte Erstautorschaft"]),
    ],
)
def test_publication_labels_in_the_build_language(
    make_app: Any, tmp_path: Path, language: str, expected: list[str]
) -> None:
    built = build(make_app, "marks", tmp_path, "html", language=language)
    text = _engine_texts((Path(built.app.outdir) / "index.html").read_text("utf-8"))
    for words in expected:
        assert words in text, (words, text[:2000])
    # (This root's style is pybtex's own, whose "editors" is pybtex's word, not cvbib's.)
    for english in ("Project Lead", "co-first authors", "corresponding author"):
        assert english not in text, english


def test_an_english_build_after_a_chinese_one_is_english(make_app: Any, tmp_path: Path) -> None:
    """Catalogs are per build: one process, Chinese then English, never mixes them."""
    build(make_app, "marks", tmp_path / "zh", "html", language="zh_CN")
    built = build(make_app, "marks", tmp_path / "en", "html")
    text = _engine_texts((Path(built.app.outdir) / "index.html").read_text("utf-8"))
    assert "Kaiyan Zhang* (Project Lead)" in text
    assert "项目负责人" not in text


def _xecjk_in_cvstyle() -> bool:
    return "xeCJK" in (REPO / "_latex" / "cvstyle.sty").read_text("utf-8")


@pytest.fixture(scope="module")
def zh_pdf(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """The Chinese PDF's pages as text: ``_build/zh_CN/latex/kaiyan-zhang-cv-zh_CN.pdf``."""
    require_tex()
    if not _xecjk_in_cvstyle():
        pytest.skip("_latex/cvstyle.sty does not use xeCJK: the Chinese PDF cannot be typeset")
    srcdir = copy_cv(tmp_path_factory.mktemp("cv-zh-pdf") / "cv", REPO)
    build_in_language(srcdir, "latexpdf", srcdir / "_build" / "zh_CN", "zh_CN")
    latex = srcdir / "_build" / "zh_CN" / "latex"
    assert sorted(p.name for p in latex.glob("*.pdf")) == ["kaiyan-zhang-cv-zh_CN.pdf"]
    with pdfplumber.open(latex / "kaiyan-zhang-cv-zh_CN.pdf") as document:
        # The PDF's properties say what it is in its language.
        assert document.metadata["Title"] == "Kaiyan Zhang — 个人简历"
        assert document.metadata["Subject"] == "个人简历"
        assert document.doc.catalog["Lang"] == b"zh-CN"
        yield [page.extract_text() or "" for page in document.pages]


@SAMPLE_ONLY
@pytest.mark.pdf
def test_the_chinese_pdf_keeps_every_fact(zh_pdf: list[str]) -> None:
    text = " ".join(" ".join(zh_pdf).split())
    # xeCJK spaces CJK from Latin letters and digits; pdfplumber reads that space
    # as a character or not, depending on its width: compare without spaces.
    compact = text.replace(" ", "")
    for fact in [*SECTIONS_ZH, *HONORS_ZH, REVIEWER, *HIGHLIGHT_FACTS, *VENUES]:
        assert fact.replace(" ", "") in compact, fact
    for school, degree, advisor, dates in EDUCATION_ZH:
        for part in (school, degree, advisor, dates):
            if part:
                assert part.replace(" ", "") in compact, part
    assert "188-460-80-950" in text  # the PDF carries the private phone number
    assert compact.count("Kaiyan Zhang*（项目负责人）".replace(" ", "")) == 2
    assert [page.strip().splitlines()[-1].replace(" ", "") for page in zh_pdf] == [
        f"KaiyanZhang—个人简历第{n}页，共{len(zh_pdf)}页" for n in range(1, len(zh_pdf) + 1)
    ]
    for label in ENGLISH_LABELS:
        assert not re.search(rf"\b{re.escape(label)}\b", text), label


@SAMPLE_ONLY
def test_the_english_page_links_its_chinese_version(tmp_path: Path) -> None:
    """``make html``: the source language, with the switch and alternates to the translation."""
    srcdir = copy_cv(tmp_path / "cv", REPO)
    _with_base_url(srcdir)
    build_in_language(srcdir, "html", srcdir / "_build", "")
    soup = BeautifulSoup(
        (srcdir / "_build" / "html" / "index.html").read_text("utf-8"), "html.parser"
    )
    assert soup.html["lang"] == "en"
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert (og["og:locale"], og["og:locale:alternate"]) == ("en_US", "zh_CN")
    switch = soup.select("nav.cv-languages a")
    assert [(a.get_text(), a["href"], a["hreflang"]) for a in switch] == [
        ("中文", BASE + "zh_CN/", "zh-Hans")
    ]
    assert _text(soup.find("h2")).rstrip("¶") == "Vision towards AGI"
    # The only Chinese on the English page is the switch's name of the Chinese version.
    body = soup.find("body")
    chinese = [str(t).strip() for t in body.find_all(string=re.compile("[\u4e00-\u9fff]"))]
    assert chinese == ["中文"]


NATIVE_ENTRIES = """
@article{native1,
  author  = {张 凯岩 and 李 伟},
  title   = {一篇中文论文},
  journal = {计算机学报},
  year    = {2023},
}

@article{native2,
  author  = {王, 芳 and 张, 凯岩},
  title   = {另一篇中文论文},
  journal = {软件学报},
  year    = {2022},
}
"""


def test_the_owner_in_another_script_is_bold_and_tagged(make_app: Any, tmp_path: Path) -> None:
    """``cv_owner_native``: the owner in Chinese script, however spaced, bold; its ``lang`` set."""
    srcdir = copy_root("marks", tmp_path / "native")
    bib = srcdir / "test.bib"
    bib.write_text(bib.read_text("utf-8") + NATIVE_ENTRIES, "utf-8")
    app = make_app(
        "html",
        srcdir=srcdir,
        confoverrides={"cv_owner_native": "张凯岩", "extensions": ["cvbib", "cvweb"]},
    )
    app.build()
    built = finished(app)
    assert not [w for w in built.warnings if "owner_not_found" in w], built.warnings
    soup = BeautifulSoup((Path(app.outdir) / "index.html").read_text("utf-8"), "html.parser")
    items = {
        title: li
        for li in soup.find_all("li")
        for title in ("一篇中文论文", "另一篇中文论文")
        if f" {title}." in li.get_text()
    }
    assert strongs(items["一篇中文论文"]) == ["张凯岩"]
    assert strongs(items["另一篇中文论文"]) == ["张凯岩"]
    # Chinese text in an English page says its language (Chinese without a script:
    # this CV has no Chinese translation to tell Simplified from Traditional), and
    # the English word inside it says its own.
    for li in items.values():
        assert li["lang"] == "zh"
        assert [span.get_text() for span in li.find_all("span", lang="en")] == ["and"]


@SAMPLE_ONLY
def test_the_chinese_data_says_what_the_page_says(zh_site: Path, zh_soup: BeautifulSoup) -> None:
    """The JSON-LD and resume.json of the translation carry the translated facts."""
    scripts = zh_soup.find_all("script", type="application/ld+json")
    person = next(d for d in (json.loads(s.string) for s in scripts) if d["@type"] == "Person")
    assert person["@context"] == ["https://schema.org", {"@language": "zh-Hans"}]
    assert person["name"] == "Kaiyan Zhang"
    assert person["affiliation"]["name"] == "清华大学"
    assert [o["name"] for o in person["alumniOf"]] == ["哈尔滨工业大学"]
    assert person["knowsAbout"] == ["大语言模型", "测试时扩展", "强化学习", "多智能体系统"]
    assert person["award"] == HONORS_ZH
    resume = json.loads((zh_site / "resume.json").read_text("utf-8"))
    assert [(e["institution"], e["studyType"]) for e in resume["education"]] == [
        (school, degree) for school, degree, _advisor, _dates in EDUCATION_ZH
    ]
    assert [a["title"] for a in resume["awards"]] == HONORS_ZH


@pytest.mark.parametrize(
    ("arguments", "environment", "expected"),
    [
        (["LANGUAGE=zh_CN"], {}, ("zh_CN", None, "_build/zh_CN")),
        ([], {"LANGUAGE": "en_US:en"}, (None, "en_US:en", "_build")),  # GNU gettext's own
        ([], {"CV_LANGUAGE": "zh_CN"}, (None, None, "_build")),  # only make's LANGUAGE counts
    ],
)
def test_make_passes_the_language_tobuild_in_language(
    tmp_path: Path, arguments: list[str], environment: dict[str, str], expected: tuple[Any, ...]
) -> None:
    """``make html LANGUAGE=zh_CN``: CV_LANGUAGE for conf.py, its folder, no gettext LANGUAGE."""
    probe = tmp_path / "sphinx-build"
    probe.write_text(
        "#!/usr/bin/env python3\nimport json, os, sys\n"
        "print(json.dumps([os.environ.get('CV_LANGUAGE'), os.environ.get('LANGUAGE'), "
        "sys.argv[1:]]))\n",
        "utf-8",
    )
    probe.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "CV_LANGUAGE")}
    env.update(environment)
    result = subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "html", f"SPHINXBUILD={probe}", *arguments],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    cv_language, gettext_language, argv = json.loads(result.stdout.strip().splitlines()[-1])
    assert (cv_language, gettext_language, argv[3]) == expected  # -M html . <outdir>


def test_read_the_docs_translation_project_settings() -> None:
    """A Read the Docs translation project: its language, PDF name and both addresses."""
    from cvconf import OWNER_DEFAULTS, settings

    environ = {
        "READTHEDOCS": "True",
        "READTHEDOCS_LANGUAGE": "zh-cn",
        "READTHEDOCS_CANONICAL_URL": "https://kaiyan-zhang-cv.readthedocs.io/zh-cn/latest/",
    }
    owner = {**OWNER_DEFAULTS, "cv_owner": "Kaiyan Zhang", "cv_languages": ["en", "zh_CN"]}
    conf = settings(owner, environ, REPO)
    assert conf["language"] == "zh_CN"
    assert conf["cv_source_language"] == "en"
    assert conf["latex_documents"][0][1] == "kaiyan-zhang-cv-zh_CN.tex"
    assert conf["project"] == "Kaiyan Zhang — 个人简历"
    assert conf["html_baseurl"] == "https://kaiyan-zhang-cv.readthedocs.io/zh-cn/latest/"
    assert conf["cv_language_urls"] == {
        "en": "https://kaiyan-zhang-cv.readthedocs.io/en/latest/",
        "zh_CN": "https://kaiyan-zhang-cv.readthedocs.io/zh-cn/latest/",
    }
    # The main project: English, the PDF's name as before.
    environ = {
        "READTHEDOCS_LANGUAGE": "en",
        "READTHEDOCS_CANONICAL_URL": "https://kaiyan-zhang-cv.readthedocs.io/en/latest/",
    }
    conf = settings(owner, environ, REPO)
    assert (conf["language"], conf["latex_documents"][0][1]) == ("en", "kaiyan-zhang-cv.tex")
    assert conf["project"] == "Kaiyan Zhang — Curriculum Vitae"


TALKS = """
@unpublished{lovelace2023talk,
  author  = {Ada Lovelace},
  title   = {Notes on the Engine, Spoken},
  note    = {Invited talk, Royal Society 2023},
  address = {London},
  month   = may,
  year    = {2023},
}

@misc{lovelace2022talk,
  author     = {Ada Lovelace},
  title      = {The Engine and Music},
  type       = {Contributed talk},
  eventtitle = {Music and Machines 2022},
  venue      = {Vienna},
  eventdate  = {2022-11-02},
}
"""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (None, ["London, May 2023", "Vienna, November 2022"]),
        ("zh_CN", ["London, 2023年5月", "Vienna, 2022年11月"]),
        ("de", ["London, Mai 2023", "Vienna, November 2022"]),
    ],
)
def test_a_talks_month_in_the_build_language(
    make_app: Any, tmp_path: Path, language: str | None, expected: list[str]
) -> None:
    """A talk in refs.bib: its month and year as the build's language writes them."""
    srcdir = copy_root("entries", tmp_path / "talks")
    bib = srcdir / "refs.bib"
    bib.write_text(bib.read_text("utf-8") + TALKS, "utf-8")
    overrides = {"language": language} if language else {}
    app = make_app("html", srcdir=srcdir, confoverrides=overrides)
    app.build()
    finished(app)
    text = _engine_texts((Path(app.outdir) / "index.html").read_text("utf-8"))
    for words in expected:
        assert words in text, (words, text[-1500:])


def test_the_engine_catalogs_are_complete_in_chinese_and_german() -> None:
    """Every label the code marks (``_()``, ``N_()``) has a translation in zh_CN and de."""
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "i18n.py"), "status", "zh_CN", "de"],
        capture_output=True,
        text=True,
        check=True,
    )
    firsts = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert [line.split(":")[0] for line in firsts] == ["zh_CN", "de"]
    for line in firsts:
        assert re.search(r": 0 of [1-9]\d* strings untranslated \(0%\)", line), result.stdout
