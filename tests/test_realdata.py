"""Real disclosures from ../shared/realdata/cn_budget: no crash, identities, hand-checked values.

The hand-checked values were read off the PDFs by a person (page numbers given).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractors.errors import InputError
from extractors.pipeline import extract_document
from schemas import BudgetDocument
from schemas.paths import get_amount, iter_amounts

CITY = "renwu_2026_city_budgets"
# (file, path, value in 元) — one or two layout families each
HAND_CHECKED = [
    # 上海: ruled tables drawn as thin rectangles, 元; 三公 across the header in 万元
    (
        f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf",
        "expenditure_by_function.2010801.total",
        "114479860",
    ),
    (
        f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf",
        "expenditure_by_function.20805.basic",
        "23191440",
    ),
    (f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf", "three_public.total", "2379200"),
    (f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf", "three_public.overseas_travel", "2018000"),
    (f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf", "operating_expenses", "21802600"),
    (f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf", "totals.personnel_expense", "153268740"),
    # 广州: summary + 支出总表 合计 row
    (f"{CITY}/005_广州/政府办公厅_2026年部门预算.pdf", "totals.revenue_total", "164107100"),
    (f"{CITY}/005_广州/政府办公厅_2026年部门预算.pdf", "totals.basic_expenditure", "149136500"),
]


def _extract(root: Path, rel: str) -> BudgetDocument:
    return extract_document(root / rel)


@pytest.mark.parametrize(("rel", "path", "value"), HAND_CHECKED)
def test_hand_checked_values(cn_budget: Path, rel: str, path: str, value: str) -> None:
    doc = _extract(cn_budget, rel)
    amount = get_amount(doc, path)
    assert amount is not None, f"{path} not extracted"
    assert amount.value == Decimal(value)
    assert amount.sources and amount.sources[0].page >= 1


def test_rotated_pages_read_upright(cn_budget: Path) -> None:
    doc = _extract(cn_budget, f"{CITY}/025_烟台/2026年烟台市统计局部门预算.pdf")
    rotated = [p for p in doc.document.pages if p.rotation == 90]
    assert rotated, "the 烟台 file has /Rotate 90 pages"
    assert doc.expenditure_by_function, "function table on the rotated pages was not read"
    assert all(
        c.passed
        for _, a in iter_amounts(doc)
        if a.status == "accepted"
        for c in a.checks
        if c.name.endswith("row_sum")
    )


def test_scanned_pages_are_never_silently_empty(cn_budget: Path) -> None:
    scans = sorted((cn_budget / CITY / "_scanned_not_budget").rglob("*.pdf"))
    assert scans
    for pdf in scans:
        doc = extract_document(pdf)
        for page in doc.document.pages:
            assert page.source == "ocr"
            if page.status != "ok":
                assert page.reason
                assert doc.document.partial


@pytest.mark.realdata
def test_whole_corpus_no_crash_and_identities_hold(cn_budget: Path) -> None:
    """Every PDF extracts; accepted values never sit on a failed check that doubts them."""
    pdfs = sorted(cn_budget.rglob("*.pdf"))
    assert len(pdfs) >= 50
    for pdf in pdfs:
        try:
            doc = extract_document(pdf)
        except InputError as err:  # pragma: no cover - would be a finding about the corpus
            pytest.fail(f"{pdf.name}: rejected: {err}")
        finding_paths = {p for f in doc.findings for p in f.paths}
        for path, amount in iter_amounts(doc):
            failed = [c for c in amount.checks if not c.passed]
            if failed and amount.status == "accepted":
                assert path in finding_paths, f"{pdf.name}: {path} accepted with {failed}"
        assert doc.review.needs_review == sum(
            1 for _, a in iter_amounts(doc) if a.status == "needs_review"
        )
