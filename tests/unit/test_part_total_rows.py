"""A two-sided 基本支出表 (人员经费 left, 公用经费 right) closes each half with its own
"人员经费合计" / "公用经费合计" (佛山 表6): each is that part's department total, never the
whole 基本支出."""

from __future__ import annotations

from decimal import Decimal

from extractors.mapping.coded_items import economic_items, function_items
from extractors.model import Reading
from schemas import TableKind
from tests.unit.tables import typed

HEADER = [
    ["人员经费", "", "", "公用经费", "", ""],
    ["经济分类科目编码", "科目名称", "金额", "经济分类科目编码", "科目名称", "金额"],
]
SPANS = [(0, 0, 1, 3), (0, 3, 1, 3)]
ROWS = [
    ["301", "工资福利支出", "649.20", "302", "商品和服务支出", "97.19"],
    ["30101", "基本工资", "649.20", "30201", "办公费", "97.19"],
    ["", "人员经费合计", "649.20", "", "公用经费合计", "97.19"],
]


def _totals(rows: list[list[str]]) -> dict[str, Reading]:
    t = typed(HEADER + rows, "一般公共预算财政拨款基本支出决算表", spans=SPANS)
    assert t.kind == TableKind.basic_expenditure_economic
    items = economic_items(
        [t], TableKind.basic_expenditure_economic, "basic_expenditure_by_economic"
    )
    return {r.path: r for r in items.totals}


def test_each_half_total_is_its_part_only() -> None:
    got = _totals(ROWS)
    assert got["basic_expenditure_by_economic.合计.personnel"].value == Decimal("6492000")
    assert got["basic_expenditure_by_economic.合计.public"].value == Decimal("971900")
    assert got["basic_expenditure_by_economic.合计.public"].source.col == 5
    # 649.20 is not the 基本支出 total: no 合计.total from a half.
    assert "basic_expenditure_by_economic.合计.total" not in got


def test_a_part_total_row_in_a_whole_table_is_no_table_total() -> None:
    """Beside 合计 / 基本支出 / 项目支出 columns "人员经费合计" is a label, not the total."""
    rows = [
        ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["", "合计", "900.00", "800.00", "100.00"],
        ["", "人员经费合计", "500.00", "500.00", ""],
        ["201", "一般公共服务支出", "900.00", "800.00", "100.00"],
    ]
    items = function_items([typed(rows, "部门支出总表")])
    assert [r.raw for r in items.totals if r.path.endswith(".total")] == ["900.00"]
