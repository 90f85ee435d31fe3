"""项目支出 / 绩效目标 tables -> projects with amounts and performance indicators.

Two layouts occur:
- one row per project (项目名称 column, an amount column, indicator pairs to the right, and
  continuation rows that carry only more indicators);
- one small table per project (项目名称 | name, 预算数 | amount …) followed by an indicator
  table with 一级指标 / 二级指标 / 三级指标 / 指标值 columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from extractors.mapping.labelled import covering
from extractors.mapping.project_indicators import (
    indicator_pairs,
    indicator_rows,
    inline_indicators,
    is_indicator_table,
    pair_indicators,
)
from extractors.mapping.project_layouts import (
    AMOUNT_LABEL,
    Columns,
    continued_columns,
    group_rows,
    has_performance_column,
    is_header_word,
    is_total,
    project_name,
    row_columns,
    title_project,
)
from extractors.mapping.readings import cell_reading, sum_readings
from extractors.model import Cell, Reading
from extractors.numbers import parse_amount
from extractors.tables.header import clean
from extractors.tables.typed import TypedTable
from schemas import Indicator, TableKind

_KINDS = {TableKind.project_expenditure, TableKind.performance_projects}
# A one-project form states its money in its first rows (资金总额 | 1778.31); a figure further
# down belongs to a list or to the indicators.
_FORM_TOP = 3


@dataclass(slots=True)
class ProjectReading:
    name: str
    amount: Reading | None
    code: str | None = None
    indicators: list[Indicator] = field(default_factory=list)


def project_readings(tables: list[TypedTable]) -> list[ProjectReading]:
    out: list[ProjectReading] = []
    current: ProjectReading | None = None
    # The last one-row-per-project table, which a header-less table may continue.
    listed: tuple[TypedTable, Columns] | None = None
    for typed in tables:
        cols = row_columns(typed) if _is_project_table(typed) else None
        if cols is None and listed is not None:
            cols = continued_columns(*listed, typed)
            if cols is not None:
                typed = replace(typed, unit=listed[0].unit, unit_stated=listed[0].unit_stated)
        if cols is None and typed.kind not in _KINDS:
            current = listed = None
            continue
        rows = _project_rows(typed, cols) if cols is not None else []
        single = None if rows else _single_project(typed)
        listed = (typed, cols) if rows and cols is not None else None
        if rows:
            out.extend(rows)
            current = None
        elif single is not None:
            out.append(single)
            current = single
        elif is_indicator_table(typed) and current is not None:
            current.indicators.extend(indicator_rows(typed))
    return out


def _is_project_table(typed: TypedTable) -> bool:
    """A project kind, or an untitled table whose header reads 项目名称 | 预算数 | 绩效目标."""
    return typed.kind in _KINDS or (
        typed.kind == TableKind.other and bool(typed.header.rows) and has_performance_column(typed)
    )


def _single_project(typed: TypedTable) -> ProjectReading | None:
    """A 项目名称 label cell with the name to its right, and a 预算数 label with an amount; or,
    with no 项目名称 label, a title naming the project ("…项目绩效目标表") above a 资金总额."""
    grid = covering(typed)
    name_cell = amount = None
    for row in grid:
        for col, cell in enumerate(row):
            if cell is None or cell.col != col:
                continue
            label = clean(cell.text).rstrip(":：")
            if name_cell is None and label == "项目名称":
                name_cell = _right_of(row, col)
            elif amount is None and _is_amount_label(label):
                amount = _amount_right_of(row, col)
    if name_cell is not None:
        name = project_name(name_cell.text)
    elif amount is not None and amount.row < _FORM_TOP:
        name = title_project(typed.title) or ""
    else:
        name = ""
    if not name or is_total(name) or is_header_word(name):
        return None
    reading = cell_reading(f"projects.{name}.amount", amount, typed) if amount else None
    return ProjectReading(name=name, amount=reading, indicators=inline_indicators(grid))


def _is_amount_label(label: str) -> bool:
    return (
        len(label) <= 12
        and bool(AMOUNT_LABEL.search(label))
        and not label.startswith("其中")
        and parse_amount(label) is None
    )


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
        # A separator stranded before the figure by the text layer (重庆 ",46794.00").
        text = _STRAY_SEPARATOR.sub("", cell.text)
        parsed = parse_amount(text)
        if parsed is not None and not parsed.empty:
            return replace(cell, text=text) if text != cell.text else cell
        if parsed is None:
            continue  # a label between (预算数), keep looking
    return None


_STRAY_SEPARATOR = re.compile(r"^\s*[,，](?=\d)")


@dataclass(slots=True)
class _Line:
    """One printed project line: its name, its amount cell, its indicator rows."""

    name: str
    amount: Cell | None
    indicators: list[Indicator] = field(default_factory=list)


def _project_rows(typed: TypedTable, cols: Columns) -> list[ProjectReading]:
    pairs = indicator_pairs(typed)
    lines: list[_Line] = []
    for index, row in enumerate(covering(typed)[typed.header.rows :], start=typed.header.rows):
        name_cell = row[cols.name]
        name = project_name(name_cell.text) if name_cell else ""
        amount_cell = row[cols.amount]
        # A name and amount spanning the project's indicator rows (重庆 表十二) are read on
        # their first row only.
        if name and amount_row(name_cell) == index and amount_row(amount_cell) == index:
            lines.append(_Line(name, amount_cell))
        if lines:
            lines[-1].indicators.extend(pair_indicators(row, pairs))
    lines = _page_repeats(lines)
    groups = group_rows([line.name for line in lines], [line.amount for line in lines])
    out = [
        ProjectReading(
            name=line.name,
            amount=cell_reading(f"projects.{line.name}.amount", line.amount, typed),
            indicators=line.indicators,
        )
        for i, line in enumerate(lines)
        if i not in groups
    ]
    return _sum_repeats(out)


def _page_repeats(lines: list[_Line]) -> list[_Line]:
    """A project whose name and amount are printed again on the next line is one project: the
    repeat on the next page of a spanning cell (长沙 项目支出绩效目标表), or a 二级 project under
    its 一级 project of the same name (西安).  The repeat adds indicators, not money."""
    out: list[_Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and clean(prev.name) == clean(line.name)
            and prev.amount is not None
            and line.amount is not None
            and clean(prev.amount.text) == clean(line.amount.text)
        ):
            prev.indicators.extend(line.indicators)
            continue
        out.append(line)
    return out


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
