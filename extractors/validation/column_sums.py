"""A summary table's own arithmetic: numbered rows add up to the 合计 below them.

The 收支总表 and 财政拨款收支总表 list revenue sources and spending lines as numbered rows
(一、二、…) over a 本年收入合计 / 本年支出合计 row, then carry-over rows over the 总计.
Where those sums hold with a non-zero total, every figure in them is confirmed by the
table itself, blanks included: a shifted column or a misread figure would break the sum.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from extractors.mapping.labelled import LabelledCell, labelled_cells
from extractors.numbers import parse_amount, printed_precision
from extractors.tables.typed import TypedTable
from extractors.validation.evidence import CellKey
from schemas import TableKind

RULE = "summary_table.column_sum"
_KINDS = {TableKind.revenue_expenditure_summary, TableKind.fiscal_appropriation_summary}
NUMBERED = re.compile(r"^[一二三四五六七八九十]+[、.．]")
_SUBTOTAL = re.compile(r"^(本年)?(收入|支出)(合计|小计)$|^合计$")
_TOTAL = re.compile(r"^(收入|支出)?总计$")


def summary_columns(tables: list[TypedTable]) -> Iterator[tuple[TypedTable, list[LabelledCell]]]:
    """Each summary table's labelled cells, one list per column."""
    for typed in tables:
        if typed.kind not in _KINDS:
            continue
        columns: dict[int, list[LabelledCell]] = {}
        for lc in labelled_cells(typed):
            columns.setdefault(lc.cell.col, []).append(lc)
        for cells in columns.values():
            yield typed, cells


def confirmed_cells(tables: list[TypedTable]) -> dict[CellKey, str]:
    out: dict[CellKey, str] = {}
    for typed, cells in summary_columns(tables):
        for key in _column_confirmed(typed.table_id, cells):
            out[key] = RULE
    return out


def _column_confirmed(table_id: str, cells: list[LabelledCell]) -> list[CellKey]:
    cells.sort(key=lambda lc: (lc.cell.page, lc.cell.row))
    confirmed: list[CellKey] = []
    parts: list[LabelledCell] = []
    for lc in cells:
        label = lc.row_label
        if _SUBTOTAL.match(label) or _TOTAL.match(label):
            if parts and _adds_up(lc, parts):
                confirmed += [_key(table_id, c) for c in (*parts, lc)]
            parts = [lc] if _SUBTOTAL.match(label) else []
        elif NUMBERED.match(label):
            parts.append(lc)
    return confirmed


def _adds_up(whole: LabelledCell, parts: list[LabelledCell]) -> bool:
    total = _value(whole)
    if total == 0:
        return False
    tolerance = max(printed_precision(p.cell.text) for p in (*parts, whole))
    tolerance *= max(Decimal(1), Decimal(len(parts)) / 2)
    return abs(total - sum((_value(p) for p in parts), Decimal(0))) <= tolerance


def _value(lc: LabelledCell) -> Decimal:
    parsed = parse_amount(lc.cell.text)
    return parsed.value if parsed is not None else Decimal(0)


def _key(table_id: str, lc: LabelledCell) -> CellKey:
    return (table_id, lc.cell.page, lc.cell.row, lc.cell.col)
