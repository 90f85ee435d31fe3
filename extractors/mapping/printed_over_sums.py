"""A printed figure beats our sum of two printed figures.

A 部门支出总表 that splits 基本支出 into 人员经费 and 公用经费 without a 小计 column gives
basic spending only as a sum we make; the 一般公共预算支出表 often prints the same row's
basic spending.  Where the two agree within rounding, the printed figure is the one the
document states (the sum of two rounded parts can be off by a unit in the last digit).
"""

from __future__ import annotations

from dataclasses import replace

from extractors.mapping.coded_items import ItemReadings, function_items_of
from extractors.model import Reading
from extractors.numbers import UNIT_FACTORS, printed_precision
from extractors.tables.typed import TypedTable
from schemas import TableKind


def prefer_printed_basic(functions: ItemReadings, tables: list[TypedTable]) -> None:
    if functions.kind != TableKind.expenditure_summary:
        return
    summed = {
        r.path: i
        for i, r in enumerate(functions.readings)
        if any(s.name == "sum_of_columns" for s in r.signals)
    }
    if not summed:
        return
    printed = function_items_of(tables, TableKind.general_budget_expenditure)
    for reading in printed.readings:
        index = summed.get(reading.path)
        if index is None or not reading.raw.strip() or reading.extra_sources:
            continue
        ours = functions.readings[index]
        if reading.value != ours.value and _within_rounding(ours, reading):
            functions.readings[index] = _printed(ours, reading)


def _within_rounding(ours: Reading, printed: Reading) -> bool:
    unit = UNIT_FACTORS.get(printed.unit, 1)
    step = max(printed_precision(printed.raw), printed_precision(ours.raw.split("+")[0]))
    return abs(ours.value - printed.value) <= step * unit


def _printed(ours: Reading, printed: Reading) -> Reading:
    signals = [s for s in ours.signals if s.name != "sum_of_columns"]
    return replace(
        printed,
        signals=signals,
        extra_sources=[],
    )
