"""三公 items whose only sub-columns are funds (一般公共预算 | 政府性基金预算 | 国有资本经营预算,
no 小计 beside them: 深圳 表9): the item's figure is the one fund that states it.

Where a 小计 or 合计 sits among the funds it is the item's figure and the funds are left
alone.  Where two funds of one item print non-zero figures, nothing is read for it: their sum
would be a figure no cell states, and a wrong figure is worse than a missing one.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.mapping.labelled import LabelledCell
from extractors.numbers import parse_amount

_FUND = re.compile(r"^(一般公共预算|政府性基金|国有资本经营)(预算)?(拨款|财政拨款)?$")


def fold_funds(cells: list[LabelledCell]) -> list[LabelledCell]:
    """Cells under fund-only columns -> one cell per row and item, labelled by the item."""
    parents = {_parent(lc.column_label) for lc in cells if _fund_leaf(lc.column_label)}
    # An item that also has a non-fund column (小计, 合计) keeps its columns as they are.
    parents -= {_parent(lc.column_label) for lc in cells if not _fund_leaf(lc.column_label)}
    groups: dict[tuple[int, str], list[LabelledCell]] = {}
    out: list[LabelledCell] = []
    for lc in cells:
        parent = _parent(lc.column_label)
        if _fund_leaf(lc.column_label) and parent in parents:
            groups.setdefault((lc.cell.row, parent), []).append(lc)
        else:
            out.append(lc)
    for (_, parent), group in groups.items():
        stated = [lc for lc in group if _non_zero(lc)]
        if len(stated) <= 1:
            chosen = stated[0] if stated else group[0]
            out.append(replace(chosen, column_label=parent))
    return sorted(out, key=lambda lc: (lc.cell.row, lc.cell.col))


def _fund_leaf(column: str) -> bool:
    parts = [p for p in column.split("/") if p]
    return len(parts) > 1 and _FUND.match(parts[-1]) is not None


def _parent(column: str) -> str:
    return "/".join([p for p in column.split("/") if p][:-1])


def _non_zero(lc: LabelledCell) -> bool:
    parsed = parse_amount(lc.cell.text)
    return parsed is not None and parsed.value != 0
