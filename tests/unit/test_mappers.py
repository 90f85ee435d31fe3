"""Mappers: a typed table -> readings (path, Decimal 元, printed text, source cell)."""

from __future__ import annotations

from decimal import Decimal

from extractors.mapping.coded_items import economic_items, function_items
from extractors.mapping.summary import summary_readings
from extractors.model import Reading
from extractors.stages.totals import class_sums, table_totals
from schemas import TableKind
from tests.unit.tables import typed

SUMMARY_ROWS = [
    ["收入", "", "支出", ""],
    ["项目", "预算数", "项目", "预算数"],
    ["一、一般公共预算拨款收入", "1,200.50", "一、一般公共服务支出", "1,000.50"],
    ["二、政府性基金预算拨款收入", "", "二、社会保障和就业支出", "200.00"],
    ["本年收入合计", "1,200.50", "本年支出合计", "1,200.50"],
    ["收入总计", "1,200.50", "支出总计", "1,200.50"],
]
SUMMARY_SPANS = [(0, 0, 1, 2), (0, 2, 1, 2)]
FUNCTION_ROWS = [
    ["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"],
    ["", "合计", "1,200.50", "900.00", "300.50"],
    ["201", "一般公共服务支出", "1,000.50", "900.00", "100.50"],
    ["20108", "审计事务", "1,000.50", "900.00", "100.50"],
    ["2010801", "行政运行", "900.00", "900.00", ""],
    ["2010804", "审计业务", "100.50", "", "100.50"],
    ["208", "社会保障和就业支出", "200.00", "", "200.00"],
]


def _by_path(readings: list[Reading]) -> dict[str, Reading]:
    return {r.path: r for r in readings}


def test_summary_table_totals_in_yuan_with_their_cells() -> None:
    t = typed(SUMMARY_ROWS, "2026年某局部门收支总表", spans=SUMMARY_SPANS)
    got = _by_path(summary_readings([t]))
    assert got["totals.revenue_total"].value == Decimal("12005000")
    assert got["totals.expenditure_total"].value == Decimal("12005000")
    assert got["totals.general_public_budget"].raw == "1,200.50"
    source = got["totals.revenue_total"].source
    assert (source.table_id, source.row, source.col, source.page) == ("p1t1", 5, 1, 1)


def test_a_blank_fund_cell_is_a_zero_with_a_doubt() -> None:
    t = typed(SUMMARY_ROWS, "2026年某局部门收支总表", spans=SUMMARY_SPANS)
    fund = _by_path(summary_readings([t]))["totals.government_fund"]
    assert fund.value == 0 and fund.raw == ""
    assert "empty_cell" in {s.name for s in fund.signals}


def test_function_items_one_reading_per_code_and_role() -> None:
    t = typed(FUNCTION_ROWS, "2026年某局一般公共预算支出表")
    items = function_items([t])
    assert items.kind == TableKind.general_budget_expenditure
    assert list(items.items) == ["201", "20108", "2010801", "2010804", "208"]
    got = _by_path(items.readings)
    assert got["expenditure_by_function.2010801.total"].value == Decimal("9000000")
    assert got["expenditure_by_function.2010804.project"].value == Decimal("1005000")
    assert got["expenditure_by_function.2010804.basic"].raw == ""  # blank: a stated zero
    totals = _by_path(items.totals)
    assert totals["expenditure_by_function.合计.total"].value == Decimal("12005000")


def test_codes_printed_in_three_columns_are_joined() -> None:
    rows = [
        ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
        ["201", "", "", "一般公共服务支出", "1,200.50", "900.00", "300.50"],
        ["", "08", "", "审计事务", "1,200.50", "900.00", "300.50"],
        ["", "", "01", "行政运行", "900.00", "900.00", ""],
        ["", "", "04", "审计业务", "300.50", "", "300.50"],
    ]
    merged = [(0, 0, 1, 3), (0, 3, 2, 1), (0, 4, 2, 1), (0, 5, 2, 1), (0, 6, 2, 1)]
    items = function_items([typed(rows, "部门支出总表", spans=merged)])
    assert list(items.items) == ["201", "20108", "2010801", "2010804"]
    assert items.items["2010804"].name == "审计业务"


def test_economic_items_from_the_basic_expenditure_table() -> None:
    rows = [
        ["经济分类科目编码", "经济分类科目名称", "合计", "人员经费", "公用经费"],
        ["", "合计", "900.00", "800.00", "100.00"],
        ["301", "工资福利支出", "800.00", "800.00", ""],
        ["30101", "基本工资", "800.00", "800.00", ""],
        ["302", "商品和服务支出", "100.00", "", "100.00"],
        ["30201", "办公费", "100.00", "", "100.00"],
    ]
    t = typed(rows, "一般公共预算基本支出表")
    assert t.kind == TableKind.basic_expenditure_economic
    items = economic_items(
        [t], TableKind.basic_expenditure_economic, "basic_expenditure_by_economic"
    )
    got = _by_path(items.readings)
    assert got["basic_expenditure_by_economic.30101.personnel"].value == Decimal("8000000")
    assert got["basic_expenditure_by_economic.30201.public"].value == Decimal("1000000")


def test_department_totals_from_the_expenditure_summary_total_row() -> None:
    functions = function_items([typed(FUNCTION_ROWS, "部门支出总表")])
    got = _by_path(table_totals([], functions, economic_items([], TableKind.other, "x")))
    assert got["totals.basic_expenditure"].value == Decimal("9000000")
    assert got["totals.project_expenditure"].value == Decimal("3005000")


def test_a_printed_total_is_not_replaced_by_a_table_total() -> None:
    functions = function_items([typed(FUNCTION_ROWS, "一般公共预算支出表")])
    printed = _by_path(table_totals([], functions, economic_items([], TableKind.other, "x")))
    stated = [printed["totals.basic_expenditure"]]
    # A reading already stated by a table: one of one fund's tables adds nothing for it.
    again = table_totals(stated, functions, economic_items([], TableKind.other, "x"))
    assert "totals.basic_expenditure" not in {r.path for r in again}


def test_without_a_total_row_the_class_rows_are_summed_and_marked() -> None:
    functions = function_items([typed(FUNCTION_ROWS[:1] + FUNCTION_ROWS[2:], "部门支出总表")])
    assert not functions.totals
    sums = _by_path(class_sums(functions.readings, stated=set()))
    basic = sums["totals.basic_expenditure"]
    assert basic.value == Decimal("9000000")  # 201 900.00 + 208 blank
    assert "sum_of_rows" in {s.name for s in basic.signals}
    assert len(class_sums(functions.readings, stated={"totals.basic_expenditure"})) == 1


BASIC_ROWS = [
    ["经济分类科目编码", "经济分类科目名称", "合计", "人员经费", "公用经费"],
    ["", "合计", "600.00", "500.00", "100.00"],
    ["301", "工资福利支出", "500.00", "500.00", ""],
    ["302", "商品和服务支出", "100.00", "", "100.00"],
]


def test_a_one_fund_total_standing_in_for_an_unread_all_funds_total_is_doubted() -> None:
    """A scan lost the 部门支出总表's 合计 row: the 一般公共预算基本支出表's total (one fund,
    possibly smaller) may stand in for the department's 基本支出, but only as a doubt."""
    functions = function_items([typed(FUNCTION_ROWS[:1] + FUNCTION_ROWS[2:], "部门支出总表")])
    basic_table = typed(BASIC_ROWS, "一般公共预算基本支出表")
    basics = economic_items(
        [basic_table], TableKind.basic_expenditure_economic, "basic_expenditure_by_economic"
    )
    got = _by_path(table_totals([], functions, basics))
    basic = got["totals.basic_expenditure"]
    assert basic.value == Decimal("6000000")
    assert any(s.penalty >= 3.0 for s in basic.signals)
    assert not any(s.penalty >= 3.0 for s in got["totals.personnel_expense"].signals)
