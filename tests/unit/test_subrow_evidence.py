"""Confirmations a summary table prints beyond its 一、二、… rows (validation/summary_subrows.py)
and 基本支出 = 人员经费 + 公用经费 (validation/spending_split.py), on real pages: each confirms
the figures it adds up, and a misread figure, a blank or a guessed unit is never confirmed."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

from extractors.backends.pdf_open import inspect_pdf
from extractors.model import Signal
from extractors.options import PipelineOptions
from extractors.pipeline import DOCUMENT_STAGES, read_pages
from extractors.reconcile import Value
from extractors.stages.state import DocumentState, need
from extractors.tables.typed import TypedTable
from extractors.validation.evidence import CellKey, confirmations
from extractors.validation.summary_subrows import CARRYOVER_RULE, SUBROW_RULE, subrow_cells
from schemas import Source, TableKind

# 深圳市审计局 2026 收支总表 (pp. 17-18, 万元): 一、财政拨款 10,737.69 over 1.一般公共预算拨款
# 10,737.69, 2./3. 0.00; 本年支出合计 10,737.69 + 结转下年 0.00 = 支出总计.
SHENZHEN = "renwu_2026_city_budgets/003_深圳/2026年深圳市审计局部门预算.pdf"
# 昆明市信访局 收支总表 (p. 5): 本年收入合计 48,362.82 + 上年结转 2,254.12 (使用非财政拨款结余
# blank) = 收入总计 50,616.94.
KUNMING = "renwu_2026_city_budgets/035_昆明/2026年昆明市信访局部门预算.pdf"


@cache
def _summary(path: Path, pages: range) -> TypedTable:
    options = PipelineOptions()
    info = inspect_pdf(path, options.limits)
    state = DocumentState(info=info, results=read_pages(path, pages, options), options=options)
    for stage in DOCUMENT_STAGES[:3]:  # stitch, alias headers, type
        state = stage(state)
    typed = need(state.typed, "typed")
    return next(t for t in typed if t.kind == TableKind.revenue_expenditure_summary)


def _cells(typed: TypedTable, text: str) -> list[CellKey]:
    return [
        (typed.table_id, c.page, c.row, c.col) for c in typed.table.cells if c.text.strip() == text
    ]


def _with_text(typed: TypedTable, old: str, new: str) -> TypedTable:
    cells = [replace(c, text=new) if c.text.strip() == old else c for c in typed.table.cells]
    return replace(typed, table=replace(typed.table, cells=cells))


def test_sub_rows_confirm_the_fund_rows(cn_budget: Path) -> None:
    typed = _summary(cn_budget / SHENZHEN, range(17, 19))
    confirmed = subrow_cells([typed])
    figures = _cells(typed, "10,737.69")
    # 一、财政拨款, 1.一般公共预算拨款, 本年收入合计, 收入总计 and the spending side's two
    assert len(figures) >= 4
    assert sum(confirmed.get(k) == SUBROW_RULE for k in figures) == 2
    assert all(confirmed.get(k) for k in figures)


def test_a_misread_sub_row_is_not_confirmed(cn_budget: Path) -> None:
    typed = _summary(cn_budget / SHENZHEN, range(17, 19))
    cells = list(typed.table.cells)
    parent = min((c for c in cells if c.text.strip() == "10,737.69"), key=lambda c: c.row)
    child = next(c for c in cells if c.col == parent.col and c.row == parent.row + 1)
    cells[cells.index(child)] = replace(child, text="10,737.96")
    misread = replace(typed, table=replace(typed.table, cells=cells))
    confirmed = subrow_cells([misread])
    assert (misread.table_id, child.page, child.row, child.col) not in confirmed
    assert confirmed.get((misread.table_id, parent.page, parent.row, parent.col)) != SUBROW_RULE


def test_carry_over_confirms_printed_figures_not_blanks(cn_budget: Path) -> None:
    typed = _summary(cn_budget / KUNMING, range(5, 6))
    confirmed = subrow_cells([typed])
    carryover = _cells(typed, "2,254.12")
    assert carryover and all(confirmed.get(k) == CARRYOVER_RULE for k in carryover)
    blank = [
        (typed.table_id, c.page, c.row, c.col)
        for c in typed.table.cells
        if not c.text.strip() and c.col == typed.table.cells[0].col + 1
    ]
    assert not any(k in confirmed for k in blank)
    off = _with_text(typed, "2,254.12", "2,245.12")
    assert not any(k in subrow_cells([off]) for k in _cells(off, "2,245.12"))


def _totals(personnel: str, public: str, basic: str, signals: list[Signal]) -> dict[str, Value]:
    out = {}
    for col, (field, raw) in enumerate(
        {
            "personnel_expense": personnel,
            "public_expense": public,
            "basic_expenditure": basic,
        }.items()
    ):
        page = 11 if field == "basic_expenditure" else 7
        source = Source(page=page, table_id=f"p{page}-t1", row=15, col=col + 4, text=raw)
        out[f"totals.{field}"] = Value(
            path=f"totals.{field}",
            value=Decimal(raw.replace(",", "")),
            raw=raw,
            unit="元",
            sources=[source],
            signals=list(signals),
        )
    return out


def test_personnel_and_public_confirmed_by_basic_expenditure() -> None:
    # 上海市审计局 2026: 153,268,740 + 21,802,560 = 175,071,300 (收支总表 / 支出总表)
    values = _totals("153,268,740", "21,802,560", "175,071,300", [])
    confirmed = confirmations(values, [])
    assert confirmed["totals.personnel_expense"] == {"totals.basic_split"}
    assert confirmed["totals.public_expense"] == {"totals.basic_split"}


def test_a_split_that_does_not_add_up_confirms_nothing() -> None:
    values = _totals("153,268,740", "21,802,650", "175,071,300", [])
    assert not any(confirmations(values, []).values())
    # Swapped digits in the whole: neither part is confirmed either.
    values = _totals("153,268,740", "21,802,560", "175,071,030", [])
    assert not any(confirmations(values, []).values())


def test_a_split_in_a_guessed_unit_confirms_nothing_within_one_table() -> None:
    values = _totals("153,268,740", "21,802,560", "175,071,300", [Signal("unit_guessed", 1.0)])
    for value in values.values():
        value.sources[0] = value.sources[0].model_copy(update={"table_id": "p7-t1", "page": 7})
    assert not any(confirmations(values, []).values())
