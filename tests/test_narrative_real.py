"""Figures stated in the narrative (and the 政府采购表), on real disclosures.

Values hand-checked against the PDFs (tests/data/real_truth/*.md give the pages).
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from extractors.pipeline import extract_document
from schemas import BudgetDocument, Status
from schemas.paths import get_amount

CITY = "renwu_2026_city_budgets"
SHENZHEN_AUDIT = f"{CITY}/003_深圳/2026年深圳市审计局部门预算.pdf"
CHANGSHA_PETITION = f"{CITY}/015_长沙/信访局_2026年部门预算.pdf"


@cache
def _extract(path: Path) -> BudgetDocument:
    return extract_document(path)


# (file, path, value in 元)
NARRATIVE = [
    # 广州 p25: "政府采购安排 483.05 万元，其中：货物类采购预算 64.3 万元，工程类采购预算 0 万元，
    # 服务类采购预算 418.75 万元" — the parts named without 政府采购, after 其中
    (f"{CITY}/005_广州/政府办公厅_2026年部门预算.pdf", "procurement.goods", "643000"),
    (f"{CITY}/005_广州/政府办公厅_2026年部门预算.pdf", "procurement.works", "0"),
    (f"{CITY}/005_广州/政府办公厅_2026年部门预算.pdf", "procurement.services", "4187500"),
    # 无锡 p32: "其中：拟采购货物支出 0 万元、拟采购工程支出 0 万元、拟采购服务支出 2.61 万元"
    (f"{CITY}/014_无锡/2026年无锡市统计局部门预算.pdf", "procurement.services", "26100"),
    # 深圳 p11-12: "货物类项目 36.50 万元"; "1.因公出国（境）费用。2026 年预算数 28.00 万元" (a
    # heading, the figure in the next sentence); "公务用车购置费 2026 年预算数 0.00 万元"
    (SHENZHEN_AUDIT, "procurement.goods", "365000"),
    (SHENZHEN_AUDIT, "three_public.overseas_travel", "280000"),
    (SHENZHEN_AUDIT, "three_public.vehicle_total", "36000"),
    (SHENZHEN_AUDIT, "three_public.vehicle_purchase", "0"),
    (SHENZHEN_AUDIT, "three_public.reception", "35000"),
]


COARSER_THAN_TABLES = {
    (f"{CITY}/005_广州/政府办公厅_2026年部门预算.pdf", "procurement.goods"),
    (f"{CITY}/005_广州/政府办公厅_2026年部门预算.pdf", "procurement.works"),
}


@pytest.mark.parametrize(("rel", "path", "value"), NARRATIVE)
def test_narrative_figures_confirmed_by_their_sum(
    cn_budget: Path, rel: str, path: str, value: str
) -> None:
    doc = _extract(cn_budget / rel)
    amount = get_amount(doc, path)
    assert amount is not None, f"{path} not extracted"
    assert amount.value == Decimal(value)
    if (rel, path) in COARSER_THAN_TABLES:
        # The document has no 政府采购表 and its tables print to 0.01 万元; a part printed
        # coarser (64.3, 0) may be a rounded restatement, so its sum alone does not
        # confirm it (extractors/validation/unread.py): right, but for a person to check.
        assert amount.status == Status.needs_review
    else:
        # the parts add up to the total the same paragraph states: accepted on that identity
        assert amount.status == Status.accepted


def test_no_figure_taken_across_missing_lines(cn_budget: Path) -> None:
    """长沙 p9: "政府采购预算总额" ends a line and "0 万元；服务类…" begins a later one; if the
    lines between are not in the prose, the total is not the "0" after the gap."""
    doc = _extract(cn_budget / CHANGSHA_PETITION)
    total = get_amount(doc, "procurement.total")
    assert total is None or total.value == Decimal("439000")


@pytest.mark.parametrize(
    ("rel", "path", "value"),
    [
        # 西安 表12 (p30-31): items with 数量 beside 预算金额; 合计 192.13 万元
        (f"{CITY}/020_西安/应急管理局_2026年部门预算.pdf", "procurement.total", "1921300"),
        # 北京 预算10表 (p10): A-货物 / C-服务 / 合计, no 工程 row
        (
            f"{CITY}/002_北京/审计局_附件2：北京市审计局2026年度部门预算报表.pdf",
            "procurement.services",
            "47499495.3",
        ),
    ],
)
def test_procurement_table(cn_budget: Path, rel: str, path: str, value: str) -> None:
    doc = _extract(cn_budget / rel)
    amount = get_amount(doc, path)
    assert amount is not None, f"{path} not extracted"
    assert amount.value == Decimal(value)
    assert doc.procurement is not None and doc.procurement.works is None
