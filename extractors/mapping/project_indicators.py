"""Performance indicators of projects: 一级指标 / 二级指标 / 三级指标 / 指标值.

Three places hold them: a separate indicator table after a one-project table, a header row
inside a one-project table, and indicator name/value column pairs beside a project list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.mapping.labelled import covering
from extractors.mapping.project_layouts import NAME_LABEL
from extractors.model import Cell
from extractors.tables.header import clean
from extractors.tables.typed import TypedTable
from schemas import Indicator


def is_indicator_table(typed: TypedTable) -> bool:
    labels = {lb.text for path in typed.header.paths for lb in path}
    return "三级指标" in labels and not any(NAME_LABEL.search(lb) for lb in labels)


_INDICATOR_ROLES = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "指标值": "value",
}


def indicator_rows(typed: TypedTable) -> list[Indicator]:
    cols: dict[str, int] = {}
    for index, path in enumerate(typed.header.paths):
        role = _INDICATOR_ROLES.get(path[-1].text if path else "")
        if role and role not in cols:
            cols[role] = index
    return _indicators_below(covering(typed)[typed.header.rows :], cols)


def inline_indicators(grid: list[list[Cell | None]]) -> list[Indicator]:
    """Indicators under a 一级指标 | 二级指标 | 三级指标 | 指标值 row inside a one-project table."""
    for index, row in enumerate(grid):
        cols: dict[str, int] = {}
        for col, cell in enumerate(row):
            text = clean(cell.text) if cell is not None and cell.col == col else ""
            role = "value" if _INDICATOR_VALUE.match(text) else _INDICATOR_ROLES.get(text)
            if role and role not in cols:
                cols[role] = col
        if "name" in cols:
            return _indicators_below(grid[index + 1 :], cols)
    return []


def _indicators_below(rows: list[list[Cell | None]], cols: dict[str, int]) -> list[Indicator]:
    if "name" not in cols:
        return []
    out = []
    for row in rows:
        name = _cell_text(row, cols.get("name"))
        if not name:
            continue
        out.append(
            Indicator(
                level1=_cell_text(row, cols.get("level1")) or None,
                level2=_cell_text(row, cols.get("level2")) or None,
                name=name,
                value=_cell_text(row, cols.get("value")) or None,
            )
        )
    return out


def _cell_text(row: list[Cell | None], col: int | None) -> str:
    if col is None or col >= len(row) or row[col] is None:
        return ""
    cell = row[col]
    return cell.text.strip() if cell else ""


_INDICATOR_NAME = re.compile(r"^(三级指标|指标名称|绩效指标)$")
_INDICATOR_VALUE = re.compile(r"^(指标值|目标值|指标目标值|年度指标值)")
# Columns beside the value that belong to it: "≥ | 60000 | 件" reads "≥60000件".
_INDICATOR_SIGN = re.compile(r"^(指标性质|符号|指标方向)$")
_INDICATOR_UNIT = re.compile(r"^(计量单位|度量单位|单位)$")


@dataclass(frozen=True, slots=True)
class Pair:
    group: str  # the 一级指标 label above, if any
    name: int
    value: int
    sign: int | None = None
    unit: int | None = None


def indicator_pairs(typed: TypedTable) -> list[Pair]:
    """The indicator name column and its value column, for each pair in the header."""
    out = []
    paths = typed.header.paths
    leaf = [p[-1].text if p else "" for p in paths]
    for index, path in enumerate(paths):
        if not _INDICATOR_NAME.match(leaf[index]):
            continue
        value = next(
            (j for j in range(index + 1, len(paths)) if _INDICATOR_VALUE.match(leaf[j])), None
        )
        if value is None:
            continue
        group = next(
            (lb.text for lb in path if lb.text.endswith("指标") and lb is not path[-1]), ""
        )
        sign = next((j for j in range(index + 1, value) if _INDICATOR_SIGN.match(leaf[j])), None)
        unit = (
            value + 1 if value + 1 < len(paths) and _INDICATOR_UNIT.match(leaf[value + 1]) else None
        )
        out.append(Pair(group, index, value, sign, unit))
    return out


def pair_indicators(row: list[Cell | None], pairs: list[Pair]) -> list[Indicator]:
    out = []
    for pair in pairs:
        name = _cell_text(row, pair.name)
        cell = row[pair.name]
        if name and (cell is None or cell.col == pair.name):
            value = "".join(
                _cell_text(row, col)
                for col in (pair.sign, pair.value, pair.unit)
                if col is not None
            )
            out.append(Indicator(level1=pair.group or None, name=name, value=value or None))
    return out
