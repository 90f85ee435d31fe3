"""Readings an identity cannot tell from the right one (issue 9): the 三公 row of another
year or of the budget, and function rows read a level off where codes are inferred."""

from __future__ import annotations

from decimal import Decimal

from extractors.mapping.three_public import three_public_readings
from extractors.model import Signal
from extractors.reconcile import Value
from extractors.validation.evidence import confirmations
from extractors.validation.identities import Identity, Outcome
from extractors.validation.policy import judge_outcomes
from schemas import Source
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


def _value(path: str, amount: str, row: int, inferred: bool) -> Value:
    return Value(
        path=path,
        value=Decimal(amount),
        raw=amount,
        unit="元",
        sources=[Source(page=4, table_id="p4t1", row=row, col=1)],
        signals=[Signal("code_inferred", 1.0)] if inferred else [],
    )


def _function_rows(inferred: bool) -> dict[str, Value]:
    """A 类 row lost at a page break: its 款 (read as the 类) and 项 print the same figure,
    and the class total misses the lost row's 22627.90 (under 1% of the table)."""
    f = "expenditure_by_function"
    rows = [
        (f"{f}.合计.total", "2574478.90"),
        (f"{f}.204.total", "2403240.05"),
        (f"{f}.216.total", "148610.95"),
        (f"{f}.21699.total", "148610.95"),
    ]
    return {p: _value(p, a, row, inferred) for row, (p, a) in enumerate(rows)}


def _outcomes(values: dict[str, Value]) -> list[Outcome]:
    f = "expenditure_by_function"
    chain = Identity(f"{f}.class_sum", f"{f}.216.total", [f"{f}.21699.total"])
    table = Identity(f"{f}.table_total", f"{f}.合计.total", [f"{f}.204.total", f"{f}.216.total"])
    parts = values[f"{f}.204.total"].value + values[f"{f}.216.total"].value
    return [
        Outcome(chain, True, Decimal(0)),
        Outcome(table, False, values[f"{f}.合计.total"].value - parts),
    ]


def test_inferred_codes_a_row_sized_table_total_gap_is_a_doubt_not_a_slip() -> None:
    values = _function_rows(inferred=True)
    judged = judge_outcomes(values, _outcomes(values))
    assert not judged.findings
    assert judged.doubt["expenditure_by_function.216.total"] > 0


def test_printed_codes_a_small_table_total_gap_stays_the_publishers_slip() -> None:
    values = _function_rows(inferred=False)
    judged = judge_outcomes(values, _outcomes(values))
    assert [f.rule for f in judged.findings] == ["expenditure_by_function.table_total"]
    assert "expenditure_by_function.216.total" not in judged.doubt


def test_inferred_codes_parent_equal_to_its_only_child_confirms_nothing() -> None:
    values = _function_rows(inferred=True)
    confirmed = confirmations(values, _outcomes(values))
    assert not confirmed["expenditure_by_function.216.total"]
    assert not confirmed["expenditure_by_function.21699.total"]
    printed = _function_rows(inferred=False)
    assert confirmations(printed, _outcomes(printed))["expenditure_by_function.216.total"]


def test_three_public_last_years_row_alone_is_not_read_as_this_years() -> None:
    """This year's row lost (its label wrapped over two lines): the one row left is last
    year's, and its figures are not this year's, whatever the items sum to."""
    got = _three_public(
        [["上年预算数", "24.39", "-", "12.74", "-", "11.65"]],
        "一般公共预算“三公”经费支出表",
    )
    assert "three_public.total" not in got
    assert "three_public.vehicle_purchase" not in got
    assert got["three_public.prior_year_total"] == Decimal("243900")
