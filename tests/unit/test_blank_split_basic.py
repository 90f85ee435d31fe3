"""基本支出 printed only as 人员经费 + 公用经费 columns: a project-only row (both blank) has
basic spending 0, read as a blank (湖州 表03, 西安 表5), not left unread."""

from __future__ import annotations

from decimal import Decimal

from extractors.mapping.coded_items import function_items
from extractors.model import Reading
from tests.unit.tables import typed

HEADER = [
    ["科目编码", "科目名称", "总计", "基本支出", "", "项目支出"],
    ["", "", "", "人员支出", "公用经费", ""],
]
SPANS = [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 2, 1), (0, 3, 1, 2), (0, 5, 2, 1)]
ROWS = [
    ["", "合计", "1,300.00", "800.00", "100.00", "400.00"],
    ["201", "一般公共服务支出", "1,300.00", "800.00", "100.00", "400.00"],
    ["20106", "财政事务", "1,300.00", "800.00", "100.00", "400.00"],
    ["2010601", "行政运行", "900.00", "800.00", "100.00", ""],
    ["2010607", "信息化建设", "400.00", "", "", "400.00"],
    ["2010699", "其他财政事务支出", "", "", "", ""],
]


def _by_path(readings: list[Reading]) -> dict[str, Reading]:
    return {r.path: r for r in readings}


def _readings(rows: list[list[str]]) -> dict[str, Reading]:
    return _by_path(function_items([typed(HEADER + rows, "部门支出总表", spans=SPANS)]).readings)


def test_a_project_only_row_has_a_blank_basic_of_zero() -> None:
    got = _readings(ROWS)
    basic = got["expenditure_by_function.2010607.basic"]
    assert basic.value == Decimal(0)
    assert basic.raw == ""  # as blank as its cells: no printed zero
    assert {"empty_cell", "sum_of_columns"} <= {s.name for s in basic.signals}
    assert (basic.source.col, [s.col for s in basic.extra_sources]) == (3, [4])
    assert got["expenditure_by_function.2010601.basic"].value == Decimal("9000000")


def test_a_row_with_no_printed_total_gets_no_basic() -> None:
    assert "expenditure_by_function.2010699.basic" not in _readings(ROWS)


def test_a_blank_row_adds_no_term_to_a_code_printed_on_several_rows() -> None:
    """One code under two units (西安's unit blocks): the printed row alone is the sum."""
    again = ["2010601", "行政运行", "50.00", "", "", "50.00"]
    basic = _readings([*ROWS, again])["expenditure_by_function.2010601.basic"]
    assert basic.value == Decimal("9000000") and basic.raw == "800.00+100.00"
