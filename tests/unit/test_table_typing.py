"""Table typing: kind from the printed title, unit from the unit line, header rows, roles."""

from __future__ import annotations

import pytest

from extractors.stages.tables import main_unit
from extractors.tables.kinds import kind_from_title, pick_title
from extractors.tables.typed import type_table
from schemas import TableKind
from tests.unit.tables import table, typed

FUNCTION_ROWS = [
    ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["", "合计", "1,200.50", "900.00", "300.50"],
    ["201", "一般公共服务支出", "1,200.50", "900.00", "300.50"],
    ["20108", "审计事务", "1,200.50", "900.00", "300.50"],
]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        # Titles as real disclosures print them: numbered, prefixed, bracketed.
        ("2026年上海市审计局部门收支总表", TableKind.revenue_expenditure_summary),
        ("预算01表 部门财务收支预算总表", TableKind.revenue_expenditure_summary),
        ("部门收入总表", TableKind.revenue_summary),
        ("部门支出总表", TableKind.expenditure_summary),
        ("财政拨款收支总表", TableKind.fiscal_appropriation_summary),
        ("表3 一般公共预算支出预算表（按功能分类）", TableKind.general_budget_expenditure),
        ("部门基本支出预算表（按经济分类）", TableKind.basic_expenditure_economic),
        ("一般公共预算“三公”经费支出表", TableKind.three_public),
        ("政府性基金预算支出表", TableKind.government_fund),
        ("国有资本经营预算支出表", TableKind.state_capital),
        ("部门政府采购预算表", TableKind.procurement),
        ("项目支出绩效目标表", TableKind.performance_projects),
        ("部门整体支出绩效目标表", TableKind.performance_overall),
    ],
)
def test_kind_from_printed_title(title: str, kind: TableKind) -> None:
    assert kind_from_title(title) == kind


def test_a_line_that_is_no_title_is_not_picked() -> None:
    assert kind_from_title("单位：万元") is None
    # The nearest title-like line above the table wins; the unit line is skipped.
    assert pick_title(["附件2", "2026年部门支出总表", "单位：万元"]) == "2026年部门支出总表"


def test_function_table_typed_from_its_title_and_header() -> None:
    t = typed(FUNCTION_ROWS, "2026年某局一般公共预算支出表")
    assert t.kind == TableKind.general_budget_expenditure
    assert (t.unit, t.unit_stated, t.unit_guessed) == ("万元", True, False)
    assert t.header.rows == 1  # the 合计 row holds amounts: the header ends above it
    assert t.roles == ["code", "name", "total", "basic", "project"]


def test_codes_in_three_columns_under_a_merged_header() -> None:
    rows = [
        ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
        ["201", "", "", "一般公共服务支出", "1,200.50", "900.00", "300.50"],
    ]
    merged = [(0, 0, 1, 3), (0, 3, 2, 1), (0, 4, 2, 1), (0, 5, 2, 1), (0, 6, 2, 1)]
    t = typed(rows, "部门支出总表", spans=merged)
    assert t.header.rows == 2
    assert t.roles[:3] == ["code_class", "code_kuan", "code_xiang"]
    assert t.header.path_text(0) == "科目编码/类"


def test_a_table_without_a_unit_line_takes_the_documents_unit() -> None:
    bare = table(FUNCTION_ROWS, context=["一般公共预算支出表"])
    assumed = type_table(bare, "万元")
    assert (assumed.unit, assumed.unit_stated, assumed.unit_guessed) == ("万元", False, False)
    guessed = type_table(bare, None)
    assert (guessed.unit, guessed.unit_stated, guessed.unit_guessed) == ("元", False, True)


def test_unit_from_a_footnote_under_the_table() -> None:
    noted = table(FUNCTION_ROWS, context=["一般公共预算支出表"])
    noted.notes = ["注：本表金额单位为千元"]
    assert type_table(noted, "万元").unit == "千元"


def test_the_documents_unit_is_the_one_most_tables_state() -> None:
    tables = [
        typed(FUNCTION_ROWS, "部门支出总表", "万元"),
        typed(FUNCTION_ROWS, "一般公共预算支出表", "万元"),
        typed(FUNCTION_ROWS, "政府性基金预算支出表", "元"),
    ]
    assert main_unit(tables) == "万元"
    assert main_unit([]) is None
