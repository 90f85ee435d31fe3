"""Document totals stated by the tables' 合计 rows, and summed where no row states them.

The 部门支出总表 covers every fund: its 合计 is one more source of the same value.  Tables
of one fund (一般公共预算…) are a subset and may legitimately differ: they stand in only
where nothing else states the total.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.mapping.coded_items import ItemReadings
from extractors.mapping.readings import sum_readings
from extractors.model import DOUBTED_PENALTY, Reading, Signal
from schemas import TableKind

TABLE_TOTALS = {
    "basic_expenditure_by_economic.合计.personnel": "totals.personnel_expense",
    "basic_expenditure_by_economic.合计.public": "totals.public_expense",
    "basic_expenditure_by_economic.合计.total": "totals.basic_expenditure",
    "expenditure_by_function.合计.basic": "totals.basic_expenditure",
    "expenditure_by_function.合计.project": "totals.project_expenditure",
}
# A sum of rows is weaker than a printed total: it is right only if every row was read.
SUM_OF_ROWS_PENALTY = 0.5
# The value stays in review.
ONE_FUND_PENALTY = DOUBTED_PENALTY
# What the all-funds 部门支出总表's 合计 row states.
_ALL_FUNDS_PATHS = {"totals.basic_expenditure", "totals.project_expenditure"}


def table_totals(
    readings: list[Reading], functions: ItemReadings, basics: ItemReadings
) -> list[Reading]:
    """Readings of `totals.*` taken from 合计 rows, for paths nothing printed states yet."""
    stated = {r.path for r in readings if r.source.table_id}
    whole = functions.totals if functions.kind == TableKind.expenditure_summary else []
    subset = [*basics.totals] + ([] if whole else functions.totals)
    all_funds_unread = functions.kind == TableKind.expenditure_summary and not functions.totals
    out = [replace(r, path=TABLE_TOTALS[r.path]) for r in whole if r.path in TABLE_TOTALS]
    stated |= {r.path for r in out}
    # An all-funds table whose 合计 row was not read (a scan lost it): a one-fund table's
    # total may be smaller, so standing in for the department's it is a doubt, not a fact.
    doubt = [Signal("one_fund_stand_in", ONE_FUND_PENALTY)] if all_funds_unread else []
    for reading in subset:
        path = TABLE_TOTALS.get(reading.path)
        if path and path not in stated:
            signals = [*reading.signals, *(doubt if path in _ALL_FUNDS_PATHS else [])]
            out.append(replace(reading, path=path, signals=signals))
            stated.add(path)
    if functions.kind == TableKind.expenditure_summary and not functions.totals:
        out += class_sums(functions.readings, stated)
    return out


def class_sums(readings: list[Reading], stated: set[str]) -> list[Reading]:
    """A 部门支出总表 with no 合计 row (普陀 街道) and no other statement of 基本支出 or
    项目支出: the sum of its 类 rows is the department's, marked as a sum."""
    out = []
    for field_name in ("basic", "project"):
        path = f"totals.{field_name}_expenditure"
        parts = [
            r
            for r in readings
            if r.path.endswith(f".{field_name}") and len(r.path.split(".")[1]) == 3
        ]
        if path in stated or not parts:
            continue
        total = sum_readings(path, parts)
        total.signals.append(Signal("sum_of_rows", SUM_OF_ROWS_PENALTY))
        out.append(total)
    return out
