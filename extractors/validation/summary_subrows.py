"""Two sums a summary table prints that column_sums.py does not check.

- Sub-rows: 一、财政拨款收入 over 1、一般公共预算 / 2、政府性基金预算 / 3、国有资本经营预算:
  the numbered sub-rows (1、 1. （1）) right under a 一、 row add up to it.
- Carry-over: 本年收入合计 and the rows under it (上年结转, 使用非财政拨款结余 …) add up to
  the 收入总计.

Where such a sum holds with a non-zero whole, the printed figures in it are confirmed by the
table itself: a shifted column or a misread figure would break it.  A blank term is not
confirmed (in an unruled table a blank may be where a figure slid away from), and a sum of
fewer than two printed figures confirms nothing.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractors.mapping.labelled import LabelledCell
from extractors.numbers import parse_amount, printed_precision
from extractors.tables.typed import TypedTable
from extractors.validation.column_sums import NUMBERED, summary_columns
from extractors.validation.evidence import CellKey

SUBROW_RULE = "summary_table.subrow_sum"
CARRYOVER_RULE = "summary_table.carryover_sum"
_SUBROW = re.compile(r"^(\d{1,2}[、.．](?!\d)|[（(]\d{1,2}[）)])")
_SUBTOTAL = re.compile(r"^本年(收入|支出)(合计|小计)$")
_TOTAL = re.compile(r"^(收入|支出)总计$")


def subrow_cells(tables: list[TypedTable]) -> dict[CellKey, str]:
    """Cells a sub-row or carry-over sum of their own column confirms, with the rule's name."""
    out: dict[CellKey, str] = {}
    for typed, cells in summary_columns(tables):
        cells.sort(key=lambda lc: (lc.cell.page, lc.cell.row))
        for rule, group in (*_subrow_sums(cells), *_carryover_sums(cells)):
            out.update({_key(typed.table_id, lc): rule for lc in _confirmed(group)})
    return out


def _subrow_sums(cells: list[LabelledCell]) -> list[tuple[str, list[LabelledCell]]]:
    """[parent, its sub-rows…] for every 一、 row followed by numbered sub-rows."""
    out: list[tuple[str, list[LabelledCell]]] = []
    group: list[LabelledCell] = []
    for lc in cells:
        if group and _SUBROW.match(lc.row_label):
            group.append(lc)
            continue
        if len(group) > 1:
            out.append((SUBROW_RULE, group))
        group = [lc] if NUMBERED.match(lc.row_label) else []
    if len(group) > 1:
        out.append((SUBROW_RULE, group))
    return out


def _carryover_sums(cells: list[LabelledCell]) -> list[tuple[str, list[LabelledCell]]]:
    """[总计, 本年合计, the rows between…] where a 本年…合计 row is followed by a 总计."""
    out: list[tuple[str, list[LabelledCell]]] = []
    group: list[LabelledCell] = []
    for lc in cells:
        if _SUBTOTAL.match(lc.row_label):
            group = [lc]
        elif group and _TOTAL.match(lc.row_label):
            out.append((CARRYOVER_RULE, [lc, *group]))
            group = []
        elif group:
            group.append(lc)
    return out


def _confirmed(group: list[LabelledCell]) -> list[LabelledCell]:
    """The printed cells of [whole, parts…] when the parts add up to a non-zero whole."""
    whole, parts = group[0], group[1:]
    printed = [lc for lc in group if not lc.empty]
    if _value(whole) == 0 or len(printed) < 2 or whole.empty:
        return []
    tolerance = max(printed_precision(lc.cell.text) for lc in printed)
    tolerance *= max(Decimal(1), Decimal(len(parts)) / 2)
    if abs(_value(whole) - sum((_value(p) for p in parts), Decimal(0))) > tolerance:
        return []
    return printed


def _value(lc: LabelledCell) -> Decimal:
    parsed = parse_amount(lc.cell.text)
    return parsed.value if parsed is not None and not parsed.empty else Decimal(0)


def _key(table_id: str, lc: LabelledCell) -> CellKey:
    return (table_id, lc.cell.page, lc.cell.row, lc.cell.col)
