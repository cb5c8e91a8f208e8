"""The facts of ../shared/cv-source.md, typed by hand from the source.

These are the expectations of the content tests: they were read off the source
(not produced by the code under test). Each publication lists its authors in the
source's order, with "*" for a co-first mark, and its role, venue or status.
"""

from __future__ import annotations

from dataclasses import dataclass

OWNER = "Kaiyan Zhang"
#: The sample's section files, in the order index.md includes them: with OWNER,
#: what tells the sample from a fork (cvbuild.not_the_sample).
SECTION_FILES = [
    "contact.md",
    "vision.md",
    "education.md",
    "highlights.md",
    "publications.md",
    "honors.md",
    "services.md",
]

SECTIONS = [
    "Vision towards AGI",
    "Education",
    "Highlights",
    "Selected Publications",
    "Honors & Awards",
    "Services",
]

CONTACT = [
    "Beijing",
    "zhang-ky22@mails.tsinghua.edu.cn",
    "iseesaw.github.io",
    "iseesaw",
]
PHONE = "188-460-80-950"
ICONS = ["📍", "✉", "☎", "🔗", "🌐"]


@dataclass(frozen=True)
class Pub:
    key: str
    title: str
    authors: tuple[str, ...]  # "Name*" marks a co-first author
    venue: str  # "ICLR 2025", "Preprint", "Under Review", ...
    et_al: bool = False
    lead: bool = False  # "(Project Lead)" after the owner's name


HIGHLIGHTS = [
    Pub(
        "zuo2025ttrl",
        "TTRL: Test-Time Reinforcement Learning",
        (
            "Yuxin Zuo*",
            "Kaiyan Zhang*",
            "Shang Qu",
            "Li Sheng",
            "Xuekai Zhu",
            "Biqing Qi",
            "Youbang Sun",
            "Ganqu Cui",
            "Ning Ding",
            "Bowen Zhou",
        ),
        "Preprint",
        lead=True,
    ),
    Pub(
        "zhang2025marti",
        "MARTI: A Framework for Multi-Agent LLM Systems Reinforced Training and Inference",
        (
            "Kaiyan Zhang*",
            "Runze Liu*",
            "Xuekai Zhu*",
            "Kai Tian*",
            "Sihang Zeng*",
            "Guoli Jia*",
            "Yuchen Fan*",
            "Xingtai Lv*",
            "Yuxin Zuo*",
            "Che Jiang*",
            "Jianyu Wang",
            "Yuru Wang",
            "Ruotong Zhao",
            "Ermo Hua",
            "Shijie Wang",
            "Junqi Gao",
            "Xinwei Long",
            "Youbang Sun",
            "Zhiyuan Ma",
            "Ganqu Cui",
            "Lei Bai",
            "Ning Ding",
            "Biqing Qi",
            "Bowen Zhou",
        ),
        "Preprint",
    ),
    Pub(
        "fan2025ssrl",
        "SSRL: Self-Search Reinforcement Learning",
        (
            "Yuchen Fan*",
            "Kaiyan Zhang*",
            "Heng Zhou*",
            "Yuxin Zuo",
            "Yanxu Chen",
            "Yu Fu",
            "Xinwei Long",
            "Xuekai Zhu",
            "Che Jiang",
            "Yuchen Zhang",
            "Li Kang",
            "Bingning Wang",
            "Lei Bai",
            "Ning Ding",
            "Bowen Zhou",
        ),
        "Preprint",
        lead=True,
    ),
    Pub(
        "zhang2025openprm",
        "OpenPRM: Building Open-domain Process-based Reward Models with Preference Trees",
        (
            "Kaiyan Zhang",
            "Jiayuan Zhang",
            "Haoxin Li",
            "Xuekai Zhu",
            "Ermo Hua",
            "Xingtai Lv",
            "Ning Ding",
            "Biqing Qi",
            "Bowen Zhou",
        ),
        "ICLR 2025",
    ),
    Pub(
        "zhang2024ultramedical",
        "UltraMedical: Building Specialized Generalists in Biomedicine",
        (
            "Kaiyan Zhang",
            "Sihang Zeng",
            "Ermo Hua",
            "Ning Ding",
            "Zhang-Ren Chen",
            "Zhiyuan Ma",
            "Haoxin Li",
            "Ganqu Cui",
            "Biqing Qi",
            "Xuekai Zhu",
            "Xingtai Lv",
            "Hu Jinfang",
            "Zhiyuan Liu",
            "Bowen Zhou",
        ),
        "NeurIPS 2024 (Spotlight)",
    ),
]

SELECTED = [
    Pub(
        "zhang2024cogenesis",
        "CoGenesis: A Framework Collaborating Large and Small Language Models for Secure "
        "Context-Aware Instruction Following",
        ("Kaiyan Zhang", "Jianyu Wang", "Ermo Hua", "Biqing Qi"),
        "ACL 2024",
        et_al=True,
    ),
    Pub(
        "zhang2025fastslow",
        "Fast and Slow Generating: An Empirical Study on Large and Small Language Models "
        "Collaborative Decoding",
        ("Kaiyan Zhang", "Jianyu Wang", "Ning Ding", "Biqing Qi", "Ermo Hua"),
        "ICML@MAS 2025",
        et_al=True,
    ),
    Pub(
        "qi2024hypothesis",
        "Large Language Models as Biomedical Hypothesis Generators: A Comprehensive Evaluation",
        (
            "Biqing Qi*",
            "Kaiyan Zhang*",
            "Kai Tian",
            "Haoxiang Li",
            "Zhang-Ren Chen",
            "Sihang Zeng",
            "Ermo Hua",
        ),
        "COLM 2024",
        et_al=True,
    ),
    Pub(
        "zhang2023crash",
        "CRaSh: Clustering, Removing, and Sharing Enhance Fine-tuning without Full Large "
        "Language Model",
        ("Kaiyan Zhang", "Ning Ding", "Biqing Qi", "Xuekai Zhu", "Xinwei Long", "Bowen Zhou"),
        "EMNLP 2023",
    ),
    Pub(
        "zhang2025respect",
        "ReSpecT: Reinforced Speculative Thinking for Large Reasoning Models",
        (
            "Kaiyan Zhang*",
            "Jianyu Wang*",
            "Xiang Xu*",
            "Runze Liu",
            "Kai Tian",
            "Jiayuan Zhang",
            "Youbang Sun",
            "Biqing Qi",
        ),
        "Under Review",
        et_al=True,
    ),
    Pub(
        "zhang2025specialized",
        "Towards Building Specialized Generalist AI with System 1 and System 2 Fusion",
        ("Kaiyan Zhang", "Biqing Qi", "Bowen Zhou"),
        "Under Review",
    ),
    Pub(
        "zeng2025reviewrl",
        "ReviewRL: Towards Automated Scientific Review with RL",
        (
            "Sihang Zeng*",
            "Kai Tian*",
            "Kaiyan Zhang*",
            "Yuru wang",
            "Junqi Gao",
            "Runze Liu",
            "Sa Yang",
            "Jingxuan Li",
            "Xinwei Long",
        ),
        "Under Review",
        et_al=True,
    ),
    Pub(
        "hua2025ift",
        "Intuitive Fine-Tuning: Towards Simplifying Alignment into a Single Process",
        (
            "Ermo Hua",
            "Biqing Qi",
            "Kaiyan Zhang",
            "Yue Yu",
            "Ning Ding",
            "Xingtai Lv",
            "Kai Tian",
            "Bowen Zhou",
        ),
        "ACL 2025",
    ),
    Pub(
        "hua2025fope",
        "Fourier Position Embedding: Enhancing Attention's Periodic Extension for Length "
        "Generalization",
        (
            "Ermo Hua",
            "Che Jiang",
            "Xingtai Lv",
            "Kaiyan Zhang",
            "Ning Ding",
            "Youbang Sun",
            "Biqing Qi",
        ),
        "ICML 2025",
        et_al=True,
    ),
    Pub(
        "zhu2025synthesize",
        "How to Synthesize Text Data without Model Collapse?",
        (
            "Xuekai Zhu",
            "Daixuan Cheng",
            "Hengli Li",
            "Kaiyan Zhang",
            "Ermo Hua",
            "Xingtai Lv",
            "Ning Ding",
            "Zhouhan Lin",
            "Zilong Zheng",
            "Bowen Zhou",
        ),
        "ICML 2025",
    ),
    Pub(
        "qi2024smr",
        "SMR: State Memory Replay for Long Sequence Modeling",
        (
            "Biqing Qi",
            "Junqi Gao",
            "Kaiyan Zhang",
            "Dong Li",
            "Jianxing Liu",
            "Ligang Wu",
            "Bowen Zhou",
        ),
        "ACL 2024",
    ),
    Pub(
        "zhu2024pad",
        "PaD: Program-aided Distillation Specializes Large Models in Reasoning",
        ("Xuekai Zhu", "Biqing Qi", "Kaiyan Zhang", "Xinwei Long", "Zhouhan Lin", "Bowen Zhou"),
        "NAACL 2024",
    ),
    Pub(
        "lv2024scalable",
        "Scalable Efficient Training of Large Language Models with Low-dimensional Projected "
        "Attention",
        ("Xingtai Lv*", "Ning Ding*", "Kaiyan Zhang", "Ermo Hua", "Ganqu Cui", "Bowen Zhou"),
        "EMNLP 2024",
    ),
]

PUBLICATIONS = HIGHLIGHTS + SELECTED

#: Figures and phrases of the highlights, each as the source writes it.
HIGHLIGHT_FACTS = [
    "700+ Stars on GitHub",
    "About 200 Stars on GitHub",
    "More than 30K downloads on Huggingface",
    "about 211% pass@1 gain on AIME-24 for Qwen-2.5-Math-7B",
    "majority-vote rewards",
    "PPO/GRPO/REINFORCE++/TTRL",
    "multi-agent RL surpasses single-agent under the same budget",
    "inference-time scaling law for agentive search",
    "excellent sim-to-real evaluations",
    "+3–5% on RewardBench",
    "410K-instruction medical dataset",
    "about 100K preference pairs",
    "(8B/70B)",
    "100+ A100 GPUs",
]

VISION = [
    "Scalable Environments for RL.",
    "enabling experience-driven and scalable lifelong learning",
    "Role of Multi-Agent Systems.",
    "accelerate foundation-model learning through oversight and self-improvement",
]

EDUCATION = [
    "Tsinghua University",
    "PhD in Electronic Engineering",
    "Sept 2022 – Jun 2026",
    "Advisor: Bowen Zhou",
    "Large Language Models, Test-Time Scaling, Reinforcement Learning, Multi-Agent Systems",
    "Harbin Institute of Technology",
    "MS in Computer Science",
    "Sept 2020 – Jun 2022",
    "Advisor: Weinan Zhang & Ting Liu",
    "BS in Computer Science",
    "Sept 2016 – Jun 2020",
]

HONORS = [
    "Tsinghua University 2024 Huiyan First-Class Scholarship (Top 5%)",
    "Harbin Institute of Technology Outstanding Master's Thesis Award, Class of 2022 (Top 5%)",
    "Lenovo Scholarship (Top 5%)",
    "CETC 14th Research Institute (NRIET) Guorui Scholarship (Top 5%)",
    "CCKS 2021: Medical Dialogue Entity Generation (Finals: 3rd Place, Team Leader)",
    "2019 Future Cup Collegiate AI Challenge (Northeast Region: 2nd Place, Team Leader)",
]

SERVICES = ["Reviewer:", "ICLR, NeurIPS, ACL, COLM, EMNLP, AACL, ICCV"]

NOTES = ["Full paper list on Google Scholar", "co-first authors"]

#: The education entries as typed facts (institution, degree, start, end), from the
#: source's "Sept 2022 – Jun 2026" etc. written as ISO months.
EDUCATION_ENTRIES = [
    ("Tsinghua University", "PhD in Electronic Engineering", "2022-09", "2026-06"),
    ("Harbin Institute of Technology", "MS in Computer Science", "2020-09", "2022-06"),
    ("Harbin Institute of Technology", "BS in Computer Science", "2016-09", "2020-06"),
]
ADVISORS = ["Bowen Zhou", "Weinan Zhang & Ting Liu"]

# -- The one-page CV ---------------------------------------------------------------
# conf.py's cv_variants["short"] leaves out what sections/ tag {.cv-tag-full}: the
# sample's owner keeps, on one page, the name and contact line, the education, the
# highlights (the source's own selection, with their figures) and the two
# institutional honours, and the reviewing (one line).

SHORT_PAGES = 1
SHORT_SECTIONS = ["Education", "Highlights", "Honors & Awards", "Services"]
SHORT_HONORS = [
    "Tsinghua University 2024 Huiyan First-Class Scholarship (Top 5%)",
    "Harbin Institute of Technology Outstanding Master's Thesis Award, Class of 2022 (Top 5%)",
]
SHORT_PUBLICATIONS = HIGHLIGHTS
#: What the one-page CV leaves out, each as the source writes it.
NOT_IN_SHORT = [
    "Vision towards AGI",
    "Selected Publications",
    *[honor for honor in HONORS if honor not in SHORT_HONORS],
    *[pub.title for pub in SELECTED],
]
