"""Readings an identity cannot tell from the right one (issue 9): the 三公 row of another
year or of the budget, and function rows read a level off where codes are inferred."""

from __future__ import annotations

from decimal import Decimal

from extractors.mapping.three_public import three_public_readings
from tests.unit.tables import typed

ITEMS = ["项目", "合计", "因公出国（境）费", "公务用车购置费", "公务用车运行维护费", "公务接待费"]


def _three_public(rows: list[list[str]], title: str) -> dict[str, Decimal]:
    table = typed([ITEMS, *rows], title)
    return {r.path: r.value for r in three_public_readings([table], 2023)}


def test_three_public_actuals_row_of_dashes_is_read_not_the_budget_row() -> None:
    """决算 table, 预算数 row over a 决算数 row of dashes: the items sum in both rows, so
    only the row's name tells them apart; the actuals are zero."""
    got = _three_public(
        [
            ["预算数", "20.26", "-", "7.37", "-", "12.89"],
            ["决算数", "-", "-", "-", "-", "-"],
        ],
        "一般公共预算财政拨款“三公”经费支出决算表",
    )
    assert got["three_public.total"] == 0
    assert got["three_public.vehicle_purchase"] == 0


def test_three_public_this_years_row_of_dashes_is_read_not_last_years() -> None:
    got = _three_public(
        [
            ["上年预算数", "24.39", "-", "12.74", "-", "11.65"],
            ["2023年预算数", "-", "-", "-", "-", "-"],
        ],
        "一般公共预算“三公”经费支出表",
    )
    assert got["three_public.total"] == 0
    assert got["three_public.prior_year_total"] == Decimal("243900")
