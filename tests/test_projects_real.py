"""Project amounts on real disclosures: which column holds the money, which lines are projects.

Values hand-checked against the PDFs (tests/data/real_truth/*.md give the pages).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractors.mapping.project_layouts import group_rows
from extractors.model import Cell
from extractors.pipeline import extract_document
from schemas import BudgetDocument

CITY = "renwu_2026_city_budgets"
BEIJING_AUDIT = f"{CITY}/002_北京/审计局_附件2：北京市审计局2026年度部门预算报表.pdf"
ZHUHAI_COMMERCE = f"{CITY}/077_珠海/2026年珠海市商务局部门预算.pdf"
CHANGSHA_PETITION = f"{CITY}/015_长沙/信访局_2026年部门预算.pdf"
XIAN_EMERGENCY = f"{CITY}/020_西安/应急管理局_2026年部门预算.pdf"
QUANZHOU_OFFICE = f"{CITY}/021_泉州/2026年泉州市人民政府办公室部门预算.pdf"


def _amounts(doc: BudgetDocument) -> dict[str, Decimal | None]:
    return {p.name: p.amount.value if p.amount else None for p in doc.projects}


def _named(amounts: dict[str, Decimal | None], tail: str) -> Decimal | None:
    """The project whose name ends with `tail` (北京 names start with the project code)."""
    found = [v for k, v in amounts.items() if k.endswith(tail)]
    assert len(found) == 1, f"{tail}: {found}"
    return found[0]


def test_indicator_columns_are_never_the_amount(cn_budget: Path) -> None:
    """北京 预算表12 (p12-19): 项目总额 | 其中 财政资金 | 其他资金 | … | 本年绩效指标值 under a
    "金额单位：万元" line; the 100 / 1 / 90 of the indicator column are no amounts."""
    amounts = _amounts(extract_document(cn_budget / BEIJING_AUDIT))
    assert _named(amounts, "87-机动经费（北京市审计局）") == Decimal("100000")
    assert _named(amounts, "09-审计质量管理经费") == Decimal("184280")
    # 财政资金 blank, 其他资金 only: 项目总额 still holds it
    assert _named(amounts, "31-项目及手续费等支出") == Decimal("501171.93")
    assert _named(amounts, "43-经济责任与城管审计项目") == Decimal("6782138.80")


def test_unit_subtotals_dropped_recipient_named_projects_kept(cn_budget: Path) -> None:
    """珠海 表12 (p22-29): 支出项目类别（资金使用单位） lists projects under unit rows with their
    subtotals; "辅助人员补助经费-珠海边检总站" ends like a unit but is a project."""
    doc = extract_document(cn_budget / ZHUHAI_COMMERCE)
    amounts = _amounts(doc)
    assert len(doc.projects) == 76
    for unit in ("珠海市商务局", "珠海市贸易服务中心", "珠海市会议展览局", "合计"):
        assert unit not in amounts
    assert amounts["辅助人员补助经费-珠海边检总站"] == Decimal("54112500")
    assert amounts["2026年春节慰问金-珠海边检总站"] == Decimal("5000000")
    assert amounts["市特色会展产业链党委党建工作经费"] == Decimal("8400")  # 其他资金 only


def test_project_repeated_on_the_next_page_counted_once(cn_budget: Path) -> None:
    """长沙 项目支出绩效目标表 (p22-29): each project's name and 资金总额 printed on both pages."""
    amounts = _amounts(extract_document(cn_budget / CHANGSHA_PETITION))
    assert amounts["人民来访接待中心及特护期运行专项"] == Decimal("102200")
    assert amounts["基层及其他信访业务工作经费专项"] == Decimal("357800")
    assert "长沙市信访局" not in amounts


def test_headerless_continuation_and_title_named_projects(cn_budget: Path) -> None:
    """西安 表10 continues on p28 without its header and its empty code column; 泉州 names
    each project only in the title "…项目绩效目标表" over 资金总额 (p29-36)."""
    xian = _amounts(extract_document(cn_budget / XIAN_EMERGENCY))
    assert xian["应急救援设备购置"] == Decimal("431700")
    assert xian["安全生产应急救援演练专项经费"] == Decimal("300000")
    assert "西安市安全生产执法监察支队" not in xian
    quanzhou = _amounts(extract_document(cn_budget / QUANZHOU_OFFICE))
    assert quanzhou["市行政中心保安服务"] == Decimal("42000000")
    assert len(quanzhou) == 8


def _cell(row: int, text: str) -> Cell:
    return Cell(row=row, col=1, text=text, bbox=(0.0, 0.0, 1.0, 1.0), page=1)


def test_two_level_lists_keep_the_finer_projects() -> None:
    """西安 专项业务经费支出表 shape: unit, class, then 一级 projects each followed by their 二级
    projects, indentation lost; the unit, the class and the 一级 lines are no projects."""
    lines = [
        ("西安市某局", "186.41"),
        ("通用项目", "186.41"),
        ("购买服务", "50.08"),
        ("财政检查", "18.87"),
        ("绩效管理", "31.21"),
        ("政策性考试考务项目", "108.36"),
        ("会计类考试考务", "108.36"),
        ("委托咨询业务", "27.97"),
        ("财政委托业务", "25.20"),
        ("法律咨询服务", "2.77"),
    ]
    groups = group_rows([n for n, _ in lines], [_cell(i, a) for i, (_, a) in enumerate(lines)])
    kept = [n for i, (n, _) in enumerate(lines) if i not in groups]
    assert kept == ["财政检查", "绩效管理", "会计类考试考务", "财政委托业务", "法律咨询服务"]


def test_flat_list_with_equal_neighbours_keeps_every_project() -> None:
    """Two projects of 120.00 one after the other are two projects, not a 一级 over a 二级."""
    lines = [
        ("某市商务局", "865.00"),
        ("拱北海关出境运行保障经费", "120.00"),
        ("边检总站出境运行保障经费", "120.00"),
        ("港珠澳大桥旅游保障补贴经费", "585.00"),
        ("辅助人员补助经费-珠海边检总站", "40.00"),
    ]
    groups = group_rows([n for n, _ in lines], [_cell(i, a) for i, (_, a) in enumerate(lines)])
    assert groups == {0}


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-q"])
