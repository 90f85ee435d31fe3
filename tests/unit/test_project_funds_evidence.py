"""A project's amount confirmed by its fund breakdown (validation/project_funds.py), on real
pages: the breakdown in the row (北京 项目总额 | 其中：财政资金 | 其他资金) or under it on a
one-project card (泉州 资金总额 / 财政拨款 / 其他资金); never by an indicator value, never
from a figure that is not the row's first, never with a digit misread."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

from extractors.backends.pdf_open import inspect_pdf
from extractors.model import Cell
from extractors.options import PipelineOptions
from extractors.pipeline import DOCUMENT_STAGES, read_pages
from extractors.reconcile import Value
from extractors.stages.state import DocumentState, need
from extractors.tables.typed import TypedTable
from extractors.validation.project_funds import RULE, fund_breakdown_cells
from schemas import Source

CITY = "renwu_2026_city_budgets"
# 预算表12 项目支出绩效目标表, 万元: 17.398000 | 17.398000 | (blank), indicators 100, 900, 4 …
BEIJING = f"{CITY}/002_北京/审计局_附件2：北京市审计局2026年度部门预算报表.pdf"
# 项目绩效目标表, one project: 资金总额 1778.31 / 财政拨款 1778.31 / 其他资金 0.00
QUANZHOU = f"{CITY}/021_泉州/2026年泉州市人民政府办公室部门预算.pdf"
# 项目支出绩效目标表: 资金总额 35.78 and, in the same row, the indicator 总成本 35.78
CHANGSHA = f"{CITY}/015_长沙/信访局_2026年部门预算.pdf"


@cache
def _table(path: Path, page: int) -> TypedTable:
    options = PipelineOptions()
    info = inspect_pdf(path, options.limits)
    results = read_pages(path, range(page, page + 1), options)
    state = DocumentState(info=info, results=results, options=options)
    for stage in DOCUMENT_STAGES[:3]:  # stitch, alias headers, type
        state = stage(state)
    return next(t for t in need(state.typed, "typed") if t.table.pages[0] == page)


def _cell(typed: TypedTable, text: str, nth: int = 0) -> Cell:
    found = sorted((c for c in typed.table.cells if c.text.strip() == text), key=lambda c: c.col)
    return found[nth]


def _project(typed: TypedTable, cell: Cell, name: str = "p") -> dict[str, Value]:
    source = Source(page=cell.page, table_id=typed.table_id, row=cell.row, col=cell.col)
    path = f"projects.{name}.amount"
    figure = Decimal(cell.text.strip().replace(",", "")) * 10000
    return {path: Value(path=path, value=figure, raw=cell.text, unit="万元", sources=[source])}


def _confirmed(typed: TypedTable, values: dict[str, Value]) -> bool:
    return RULE in fund_breakdown_cells([typed], values).values()


def test_the_breakdown_in_the_row_confirms_the_amount(cn_budget: Path) -> None:
    typed = _table(cn_budget / BEIJING, 12)
    assert _confirmed(typed, _project(typed, _cell(typed, "17.398000")))


def test_the_breakdown_under_it_on_a_card_confirms_the_amount(cn_budget: Path) -> None:
    typed = _table(cn_budget / QUANZHOU, 29)
    assert _confirmed(typed, _project(typed, _cell(typed, "1778.31")))


def test_not_from_the_second_figure_of_the_row(cn_budget: Path) -> None:
    typed = _table(cn_budget / BEIJING, 12)
    # 财政资金 17.398000 read as the amount: the same figure, but not the row's total
    assert not _confirmed(typed, _project(typed, _cell(typed, "17.398000", nth=1)))


def test_an_indicator_never_confirms_nor_is_confirmed(cn_budget: Path) -> None:
    typed = _table(cn_budget / CHANGSHA, 22)
    assert not _confirmed(typed, _project(typed, _cell(typed, "35.78")))
    beijing = _table(cn_budget / BEIJING, 12)
    assert not _confirmed(beijing, _project(beijing, _cell(beijing, "100")))


def test_a_misread_digit_is_not_confirmed(cn_budget: Path) -> None:
    typed = _table(cn_budget / BEIJING, 12)
    amount = _cell(typed, "17.398000")
    cells = [replace(c, text="17.389000") if c is amount else c for c in typed.table.cells]
    misread = replace(typed, table=replace(typed.table, cells=cells))
    assert not _confirmed(misread, _project(misread, replace(amount, text="17.389000")))


def test_down_a_column_only_on_a_one_project_card(cn_budget: Path) -> None:
    typed = _table(cn_budget / QUANZHOU, 29)
    values = _project(typed, _cell(typed, "1778.31")) | _project(typed, _cell(typed, "0.00"), "q")
    assert not _confirmed(typed, values)
