"""政府采购 (预算) 表 -> procurement readings.

The table states the department's procurement in its first 合计 / 总计 row; where it is
broken down by kind, the rows "A-货物" / "B工程" / "C 服务" (or plain 货物 / 工程 / 服务) give
the parts, or the 合计 row's cells under columns so named (kinds across, units down).
Only the column of the row's whole amount is read (总计 / 合计 / 金额 / 预算金额), never
数量, 单价 or one fund's column.  A kind printed on more than one row (one per unit) is no
statement of the department's figure and is left out; a blank cell is no statement either
(an empty table must not become "procurement 0").
"""

from __future__ import annotations

import re

from extractors.mapping.labelled import LabelledCell, labelled_cells
from extractors.mapping.readings import cell_reading
from extractors.model import Reading
from extractors.tables.typed import TypedTable
from schemas import TableKind

_TOTAL_ROW = re.compile(r"^(合计|总计)$")
_KINDS = [
    ("procurement.goods", "货物"),
    ("procurement.works", "工程"),
    ("procurement.services", "服务"),
]
_KIND_ROW = r"^([A-Ca-c][-－—.．、\s]*)?{kind}(类)?(采购)?(小计|合计)?$"
_ROWS = [("procurement.total", _TOTAL_ROW)] + [
    (path, re.compile(_KIND_ROW.format(kind=kind))) for path, kind in _KINDS
]
_AMOUNT_COLUMN = re.compile(r"(总计|合计|金额|预算数?)$")
_NOT_AMOUNT = re.compile(r"数量|单价|编码|时间|日期|年限")


def procurement_readings(tables: list[TypedTable]) -> list[Reading]:
    for typed in tables:
        if typed.kind != TableKind.procurement or _services_bought(typed.title):
            continue
        readings = _readings(typed)
        if readings:
            return readings  # the first table that states it: later ones are repeats or parts
    return []


def _services_bought(title: str) -> bool:
    """政府购买服务 is not 政府采购 (a title naming both covers both)."""
    return "购买服务" in title and "政府采购" not in title


def _readings(typed: TypedTable) -> list[Reading]:
    cells = list(labelled_cells(typed))
    column = _amount_column(cells)
    if column is None:
        return []
    rows: dict[str, list[LabelledCell]] = {}
    for lc in cells:
        if lc.cell.col != column or lc.empty:
            continue
        label = re.sub(r"\s+", "", lc.row_label or lc.row_head)
        for path, pattern in _ROWS:
            if pattern.match(label):
                rows.setdefault(path, []).append(lc)
                break
    if "procurement.total" in rows and not set(rows) - {"procurement.total"}:
        rows.update(_kind_columns(cells, rows["procurement.total"][0].cell.row, column))
    out = []
    for path, found in rows.items():
        if path != "procurement.total" and len(found) > 1:
            continue
        reading = cell_reading(path, found[0].cell, typed)
        if reading is not None:
            out.append(reading)
    return out


def _kind_columns(
    cells: list[LabelledCell], total_row: int, total_col: int
) -> dict[str, list[LabelledCell]]:
    """Kinds across (合计 | 货物 | 工程 | 服务, one row per unit): the 合计 row's cells under
    the kind's own column.  Once that row states its total, a blank or dash under a kind is
    the table stating a zero for it (the contract's blank cell of a stated field); the sum
    合计 = 货物 + 工程 + 服务 is what confirms or doubts it."""
    stated = any(
        lc.cell.row == total_row and lc.cell.col == total_col and not lc.empty for lc in cells
    )
    out: dict[str, list[LabelledCell]] = {}
    for lc in cells:
        leaf = re.sub(r"\s+", "", lc.column_label.split("/")[-1])
        if lc.cell.row != total_row or (lc.empty and not stated):
            continue
        if _NOT_AMOUNT.search(lc.column_label):
            continue
        for path, pattern in _ROWS[1:]:
            if pattern.match(leaf):
                out.setdefault(path, []).append(lc)
    return out


def _amount_column(cells: list[LabelledCell]) -> int | None:
    """The whole-amount column: the one the table marks as its total, else the one its
    header names as the amount; none where that is not one column."""
    marked = {lc.cell.col for lc in cells if lc.role == "total"}
    if len(marked) == 1:
        return marked.pop()
    named = {
        lc.cell.col
        for lc in cells
        if _AMOUNT_COLUMN.search(lc.column_label.split("/")[-1])
        and not _NOT_AMOUNT.search(lc.column_label)
    }
    return named.pop() if len(named) == 1 else None
