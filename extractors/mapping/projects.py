"""项目支出 / 绩效目标 tables -> projects with amounts and performance indicators.

Two layouts occur:
- one row per project (项目名称 column, an amount column, indicator pairs to the right, and
  continuation rows that carry only more indicators);
- one small table per project (项目名称 | name, 预算数 | amount …) followed by an indicator
  table with 一级指标 / 二级指标 / 三级指标 / 指标值 columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.mapping.labelled import covering
from extractors.mapping.readings import cell_reading, sum_readings
from extractors.model import Cell, Reading
from extractors.numbers import parse_amount
from extractors.tables.header import clean
from extractors.tables.typed import TypedTable
from schemas import Indicator, TableKind

_KINDS = {TableKind.project_expenditure, TableKind.performance_projects}
_NAME_LABEL = re.compile(r"^项目名称$|^项目$|^项目名称\(?.*")
_AMOUNT_LABEL = re.compile(r"资金总额|项目金额|预算数|金额|合计|年度资金|预算规模")
_ORG = re.compile(r"(局|中心|委员会|办公室|院|所|站|队|馆|处|厅|机关|政府|办事处|学校|本级)$")
_TOTALS = re.compile(r"^(合计|总计|小计|共计)$")


@dataclass(slots=True)
class ProjectReading:
    name: str
    amount: Reading | None
    code: str | None = None
    indicators: list[Indicator] = field(default_factory=list)


def project_readings(tables: list[TypedTable]) -> list[ProjectReading]:
    out: list[ProjectReading] = []
    current: ProjectReading | None = None
    for typed in tables:
        if typed.kind not in _KINDS:
            current = None
            continue
        rows = _project_rows(typed)
        single = None if rows else _single_project(typed)
        if rows:
            out.extend(rows)
            current = None
        elif single is not None:
            out.append(single)
            current = single
        elif _is_indicator_table(typed) and current is not None:
            current.indicators.extend(_indicator_rows(typed))
    return out


def _single_project(typed: TypedTable) -> ProjectReading | None:
    """A 项目名称 label cell with the name to its right, and a 预算数 label with an amount."""
    grid = covering(typed)
    name = amount = None
    for row in grid:
        for col, cell in enumerate(row):
            if cell is None or cell.col != col:
                continue
            label = clean(cell.text)
            if name is None and label == "项目名称":
                name = _right_of(row, col)
            elif amount is None and _AMOUNT_LABEL.search(label) and not label.startswith("其中"):
                amount = _amount_right_of(row, col)
    if name is None or not clean(name.text):
        return None
    reading = (
        cell_reading(f"projects.{name.text.strip()}.amount", amount, typed) if amount else None
    )
    return ProjectReading(name=name.text.strip(), amount=reading)


def _right_of(row: list[Cell | None], col: int) -> Cell | None:
    here = row[col]
    for cell in row[col + 1 :]:
        if cell is not None and cell is not here:
            return cell
    return None


def _amount_right_of(row: list[Cell | None], col: int) -> Cell | None:
    for cell in row[col + 1 :]:
        if cell is None:
            continue
        parsed = parse_amount(cell.text)
        if parsed is not None and not parsed.empty:
            return cell
        if parsed is None:
            continue  # a label between (预算数), keep looking
    return None


def _is_indicator_table(typed: TypedTable) -> bool:
    labels = {lb.text for path in typed.header.paths for lb in path}
    return "三级指标" in labels and not any(_NAME_LABEL.match(lb) for lb in labels)


def _indicator_rows(typed: TypedTable) -> list[Indicator]:
    cols = _indicator_columns(typed)
    if "name" not in cols:
        return []
    grid = covering(typed)
    out = []
    for row in grid[typed.header.rows :]:
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


def _indicator_columns(typed: TypedTable) -> dict[str, int]:
    cols: dict[str, int] = {}
    for index, path in enumerate(typed.header.paths):
        leaf = path[-1].text if path else ""
        role = {"一级指标": "level1", "二级指标": "level2", "三级指标": "name", "指标值": "value"}
        if leaf in role and role[leaf] not in cols:
            cols[role[leaf]] = index
    return cols


def _cell_text(row: list[Cell | None], col: int | None) -> str:
    if col is None or col >= len(row) or row[col] is None:
        return ""
    cell = row[col]
    return cell.text.strip() if cell else ""


def _project_rows(typed: TypedTable) -> list[ProjectReading]:
    name_col = next(
        (i for i, p in enumerate(typed.header.paths) if p and _NAME_LABEL.match(p[-1].text)), None
    )
    amount_col = _amount_column(typed)
    if name_col is None or amount_col is None:
        return []
    pairs = _indicator_pairs(typed)
    out: list[ProjectReading] = []
    for index, row in enumerate(covering(typed)[typed.header.rows :], start=typed.header.rows):
        name_cell = row[name_col]
        name = name_cell.text.strip() if name_cell else ""
        amount_cell = row[amount_col]
        # A name and amount spanning the project's indicator rows (重庆 表十二) are read on
        # their first row only.
        starts_here = amount_row(name_cell) == index
        if name and starts_here and amount_row(amount_cell) == index:
            if _TOTALS.match(clean(name)) or _ORG.search(clean(name)):
                continue
            reading = cell_reading(f"projects.{name}.amount", amount_cell, typed)
            out.append(ProjectReading(name=name, amount=reading))
        if out:
            out[-1].indicators.extend(_pair_indicators(row, pairs))
    return _sum_repeats(out)


def _sum_repeats(rows: list[ProjectReading]) -> list[ProjectReading]:
    """One name on several lines of one table (审计业务经费 under two 项目类别): one project,
    its amount the sum, every line a source."""
    by_name: dict[str, list[ProjectReading]] = {}
    for row in rows:
        by_name.setdefault(clean(row.name), []).append(row)
    out = []
    for group in by_name.values():
        first = group[0]
        amounts = [g.amount for g in group if g.amount is not None]
        if len(amounts) > 1:
            first.amount = sum_readings(amounts[0].path, amounts)
        first.indicators = [i for g in group for i in g.indicators]
        out.append(first)
    return out


def amount_row(cell: Cell | None) -> int:
    return cell.row if cell is not None else -1


def _amount_column(typed: TypedTable) -> int | None:
    for index, path in enumerate(typed.header.paths):
        text = "/".join(lb.text for lb in path)
        if path and _AMOUNT_LABEL.search(text) and "其他" not in path[-1].text:
            return index
    return None


_INDICATOR_NAME = re.compile(r"^(三级指标|指标名称|绩效指标)$")
_INDICATOR_VALUE = re.compile(r"^(指标值|目标值|指标目标值|年度指标值)")
# Columns beside the value that belong to it: "≥ | 60000 | 件" reads "≥60000件".
_INDICATOR_SIGN = re.compile(r"^(指标性质|符号|指标方向)$")
_INDICATOR_UNIT = re.compile(r"^(计量单位|度量单位|单位)$")


@dataclass(frozen=True, slots=True)
class _Pair:
    group: str  # the 一级指标 label above, if any
    name: int
    value: int
    sign: int | None = None
    unit: int | None = None


def _indicator_pairs(typed: TypedTable) -> list[_Pair]:
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
        out.append(_Pair(group, index, value, sign, unit))
    return out


def _pair_indicators(row: list[Cell | None], pairs: list[_Pair]) -> list[Indicator]:
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


def unique_projects(projects: list[ProjectReading]) -> list[ProjectReading]:
    """The same project listed in two tables: one entry, the first amount, all indicators."""
    seen: dict[str, ProjectReading] = {}
    for project in projects:
        key = clean(project.name)
        if key in seen:
            if seen[key].amount is None:
                seen[key].amount = project.amount
            seen[key].indicators.extend(project.indicators)
        else:
            seen[key] = project
    return list(seen.values())
