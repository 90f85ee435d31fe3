"""Column roles from header paths, for the header shapes that made wrong values `accepted`
on synthetic layouts (issue 9): each case is one header class, not one document."""

from __future__ import annotations

from extractors.tables.header import Header, HeaderLabel
from extractors.tables.roles import column_roles


def _roles(*paths: list[tuple[str, int]]) -> list[str | None]:
    header = Header(rows=max(len(p) for p in paths), paths=[])
    header.paths = [[HeaderLabel(text, span) for text, span in path] for path in paths]
    return column_roles(header)


def test_plan_beside_actual_under_a_side_heading() -> None:
    """决算 收支总表 with 收入 / 支出 over 项目 | 预算数 | 决算数: the 预算数 is the plan."""
    side = [("收入", 3)]
    roles = _roles([*side, ("项目", 1)], [*side, ("预算数", 1)], [*side, ("决算数", 1)])
    assert roles == ["name", "budget_total", "total"]


def test_unit_in_a_header_cell_is_not_part_of_the_name() -> None:
    roles = _roles([("项目", 1)], [("预算数（元）", 1)], [("决算数", 1)])
    assert roles == ["name", "budget_total", "total"]
    assert _roles([("科目名称", 1)], [("合计（万元）", 1)], [("基本支出", 1)])[1:] == [
        "total",
        "basic",
    ]


def test_group_label_measured_one_column_wide() -> None:
    """An unruled header whose group label was not stretched over its columns: the finer
    label under it decides (人员经费 under 本年基本支出 is personnel, not basic)."""
    group = [("本年基本支出", 1)]
    roles = _roles([("合计", 1)], [*group, ("人员经费", 1)], [("公用经费", 1)])
    assert roles == ["total", "personnel", "public"]
    # A group over its own subtotal keeps the group's role.
    assert _roles([("基本支出", 1), ("合计", 1)]) == ["basic"]


def test_budget_only_tables_keep_plain_amounts() -> None:
    """Without a 决算数 column, 预算数 is the year's figure."""
    side = [("支出", 2)]
    assert _roles([*side, ("项目", 1)], [*side, ("预算数", 1)]) == ["name", "total"]
