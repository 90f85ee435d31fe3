"""A project's amount confirmed by its own fund breakdown, printed beside or under it.

Project tables print each project's total and then where it comes from: in the same row
(项目总额 | 其中：财政资金 | 其他资金, or 总计 | 合计 | 一般公共预算 | …), or, on a card
that holds one project (项目绩效目标表), in the rows under it (资金总额 / 财政拨款 /
上年结转 / 其他资金).  Where the figures after the amount add up to it, they are a second
printing of the figure: a misread digit, an indicator value ("100", "30") taken for the
amount, or a figure of the wrong row would not add up.

Each part must be named as money (资金, 拨款, 结转 … in its column header, or on a card in
its row), never as an indicator (指标值 "总成本 35.78" restates the amount, but an indicator
column is where a wrong amount comes from).  Only from the row's first figure (else a
财政资金 read as the total would be confirmed by the 其他资金 beside it when that equals
it) and, down a column, only on a one-project card (else the next projects' amounts could
add up to the first one's by chance).
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractors.model import Cell
from extractors.numbers import parse_amount, printed_precision
from extractors.reconcile import Value
from extractors.tables.typed import TypedTable
from extractors.validation.evidence import CellKey

RULE = "projects.fund_breakdown"
# The most figures a breakdown has (财政拨款, 上年结转, 其他资金, 财政专户 …).
MAX_PARTS = 6
_FUND = re.compile(r"资金|拨款|结转|结余|财政|基金|预算|收入|合计|小计|总计")
_INDICATOR = re.compile(r"指标|目标|分值|权重|标准|度量")
_NOT_AMOUNTS = {"line_no", "name", "gov_name", "code", "gov_code", "unit_code"}


def fund_breakdown_cells(tables: list[TypedTable], values: dict[str, Value]) -> dict[CellKey, str]:
    by_id = {t.table_id: t for t in tables}
    projects = {
        p: v for p, v in values.items() if p.startswith("projects.") and p.endswith(".amount")
    }
    per_table: dict[str | None, int] = {}
    for value in projects.values():
        per_table[value.sources[0].table_id] = per_table.get(value.sources[0].table_id, 0) + 1
    out: dict[CellKey, str] = {}
    # One reading of a table's figures for all its projects: a long project list read once
    # per project was 5 s of a 122-page document.
    figures_of: dict[str, Figures] = {}
    for value in projects.values():
        src = value.sources[0]
        typed = by_id.get(src.table_id or "")
        if typed is None or value.terms > 1 or src.row is None or src.col is None:
            continue
        if typed.table_id not in figures_of:
            figures_of[typed.table_id] = _figures(typed)
        figures = figures_of[typed.table_id]
        amount = figures.get((src.row, src.col))
        if amount is None or amount[1] == 0:
            continue
        card = per_table[src.table_id] == 1
        row, col = src.row, src.col
        by_row = _row_adds_up(typed, figures, row, col)
        if by_row or (card and _column_adds_up(typed, figures, row, col)):
            out[(typed.table_id, src.page, src.row, src.col)] = RULE
    return out


Figures = dict[tuple[int, int], tuple[Cell, Decimal]]


def _figures(typed: TypedTable) -> Figures:
    """(row, col) -> printed figure, in the table's amount columns (blanks left out)."""
    out: Figures = {}
    for cell in typed.table.cells:
        role = typed.roles[cell.col] if cell.col < len(typed.roles) else None
        parsed = parse_amount(cell.text)
        if role in _NOT_AMOUNTS or parsed is None or parsed.empty:
            continue
        out[(cell.row, cell.col)] = (cell, parsed.value)
    return out


def _money(label: str) -> bool:
    return bool(_FUND.search(label)) and not _INDICATOR.search(label)


def _row_adds_up(typed: TypedTable, figures: Figures, row: int, col: int) -> bool:
    cols = sorted(c for r, c in figures if r == row)
    if cols[0] != col:
        return False
    parts: list[int] = []
    for c in cols[1:]:
        if not _money(typed.header.path_text(c)):
            break  # the breakdown ends where the indicators begin
        parts.append(c)
    return _prefix_adds_up(figures[(row, col)], [figures[(row, c)] for c in parts])


def _column_adds_up(typed: TypedTable, figures: Figures, row: int, col: int) -> bool:
    rows = sorted(r for r, c in figures if c == col)
    if rows[0] != row:
        return False
    run: list[int] = []
    for r in (r for r in rows if r > row):
        # Only the money rows right under it: a gap or an indicator ends the breakdown.
        if r != row + len(run) + 1 or not _money(_row_label(typed, r, col)):
            break
        run.append(r)
    return _prefix_adds_up(figures[(row, col)], [figures[(r, col)] for r in run])


def _row_label(typed: TypedTable, row: int, col: int) -> str:
    cells = [c for c in typed.table.cells if c.row == row and c.col < col]
    return "".join(c.text for c in sorted(cells, key=lambda c: c.col))


def _prefix_adds_up(whole: tuple[Cell, Decimal], parts: list[tuple[Cell, Decimal]]) -> bool:
    """Whether the first k figures after the whole add up to it (k <= MAX_PARTS), with
    every figure's rounding allowed for.  A breakdown prints its figures as finely as the
    whole; an indicator value ("100", "4") beside a 17.398000 is not one of them."""
    total = Decimal(0)
    texts = [whole[0].text]
    for k, (cell, figure) in enumerate(parts[:MAX_PARTS], start=1):
        if _decimals(cell.text) != _decimals(whole[0].text):
            return False
        total += figure
        texts.append(cell.text)
        tolerance = max(printed_precision(t) for t in texts) * max(Decimal(1), Decimal(k) / 2)
        if abs(total - whole[1]) <= tolerance:
            return True
        if total > whole[1] + tolerance:
            return False
    return False


def _decimals(text: str) -> int:
    _, dot, fraction = text.strip().partition(".")
    return len(fraction) if dot else 0
