"""Which documents and pages the pipeline benchmark runs over."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared/realdata/cn_budget"
SCANNED_DIR = "_scanned_not_budget"
SHENZHEN_241 = CORPUS / "renwu_2026_city_budgets/003_深圳/2026年深圳市生态环境局部门预算.pdf"
# Representative documents for the profile: 上海 short, 北京 long report, 重庆 heavy fonts,
# 烟台 large file.  Matched by name so a moved corpus still finds them.
PROFILE_DOCS = (
    "2026年上海市审计局_部门预算.pdf",
    "教育局_附件2：北京市教育委员会2026年度部门预算报表.pdf",
    "2026年重庆市商务委员会部门预算.pdf",
    "2026年烟台市应急管理局部门预算.pdf",
)

PageKey = tuple[str, int]  # (document name, 1-based page)


def doc_name(path: Path) -> str:
    """The path below the corpus, or the whole path for a file elsewhere."""
    return str(path.relative_to(CORPUS)) if path.is_relative_to(CORPUS) else str(path)


@dataclass(frozen=True, slots=True)
class Doc:
    path: Path
    pages: int

    @property
    def name(self) -> str:
        return doc_name(self.path)


def key(name: str, page: int) -> str:
    return f"{name}#{page}"


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def digital_corpus() -> list[Doc]:
    paths = sorted(p for p in CORPUS.rglob("*.pdf") if SCANNED_DIR not in p.parts)
    return [Doc(p, page_count(p)) for p in paths]


def quick_subset(docs: Sequence[Doc]) -> list[Doc]:
    """Three short documents from different cities."""
    picked: list[Doc] = []
    cities: set[str] = set()
    for doc in docs:
        city = doc.path.parent.name
        if doc.pages <= 25 and city not in cities:
            picked.append(doc)
            cities.add(city)
        if len(picked) == 3:
            break
    return picked


def camelot_sample(docs: Sequence[Doc], every: int, minimum: int) -> tuple[int, list[PageKey]]:
    """Every k-th page of the corpus in path order; k shrinks until the sample is big enough."""
    pages = [(d.name, n) for d in docs for n in range(1, d.pages + 1)]
    step = max(1, every)
    while step > 1 and len(pages[::step]) < minimum:
        step -= 1
    return step, pages[::step]


def profile_docs(corpus: Sequence[Doc], docs: Sequence[Doc], quick: bool) -> list[Doc]:
    if quick:
        return list(docs[:1])
    chosen = [d for d in corpus if d.path.name in PROFILE_DOCS]
    return chosen or list(docs[:3])
