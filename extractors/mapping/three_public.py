"""“三公”经费表 -> three_public readings (+ 机关运行经费 where the table carries it).

Two orientations occur:
- items down the rows, one amount column per year (平顶山): the row label names the item;
- items across a multi-row header, one row per unit with a 合计 row (上海, 西安): the
  column path names the item and only the first data row (合计 or the only unit) counts.
Columns under 增减变化 are differences, never amounts; 会议费 / 培训费 sit beside the 三公
items in some tables and their "合计" is not the 三公 total.
"""

from __future__ import annotations

import re

from extractors.mapping.labelled import LabelledCell, labelled_cells
from extractors.mapping.readings import cell_reading
from extractors.mapping.three_public_funds import fold_funds
from extractors.model import Reading
from extractors.tables.typed import TypedTable
from schemas import TableKind

_ITEMS: list[tuple[str, re.Pattern[str]]] = [
    ("operating_expenses", re.compile(r"机关运行经费")),
    ("three_public.overseas_travel", re.compile(r"因公出国")),
    ("three_public.reception", re.compile(r"公务接待")),
    ("three_public.vehicle_total", re.compile(r"购置及运[行维]|公务用车费|用车(小计|合计)")),
    ("three_public.vehicle_purchase", re.compile(r"购置")),
    ("three_public.vehicle_operation", re.compile(r"运行|运维")),
    ("three_public.vehicle_total", re.compile(r"公务用车")),
]
_TOTAL = re.compile(r"合计|共计|总计|小计|三公")
_CHANGE = re.compile(r"增减|变化|增长|比上年|变动")
_OTHER_COSTS = re.compile(r"会议费|培训费")
_PRIOR = re.compile(r"上年|上一年")
_YEAR = re.compile(r"(20\d\d)年")


def three_public_readings(tables: list[TypedTable], fiscal_year: int | None) -> list[Reading]:
    out: list[Reading] = []
    for typed in tables:
        if typed.kind != TableKind.three_public:
            continue
        cells = [lc for lc in labelled_cells(typed) if not _CHANGE.search(lc.column_label)]
        cells = fold_funds(cells)
        across = any(_item(_leaf_label(lc.column_label)) for lc in cells)
        if across:
            prior_row = _prior_row(cells, fiscal_year)
            cells = _first_data_row(cells, fiscal_year)
            if "决算" in typed.title and _budget_row(cells):
                continue  # a 决算 table whose 决算数 row printed nothing: no actuals read
            out.extend(_prior_total(prior_row, typed))
        has_other_costs = any(_OTHER_COSTS.search(lc.column_label) for lc in cells)
        has_actual = any("决算" in lc.column_label for lc in cells)
        seen: set[str] = set()
        for lc in cells:
            path = _path(lc, across, has_other_costs, fiscal_year)
            if path and has_actual and _budget_column(lc.column_label):
                path = f"{path}#budget"
            if path is None or path in seen:
                continue
            reading = cell_reading(path, lc.cell, typed)
            if reading is not None:
                seen.add(path)
                out.append(reading)
    return _actuals_over_budgets(out)


def _first_data_row(cells: list[LabelledCell], fiscal_year: int | None) -> list[LabelledCell]:
    """The row that holds this year's figures: a 决算数 row over a 预算数 row, the fiscal
    year's row over another year's, else the first 合计 row (or the only unit).
    A row named for this year counts even when every cell is a dash: its zeros are this
    year's figures, and the other year's row beside it satisfies the same item sums."""
    heads = {lc.cell.row: lc.row_head for lc in cells}
    named = sorted(r for r, head in heads.items() if not _PRIOR.search(head))
    for wanted in ("决算", str(fiscal_year) if fiscal_year else None):
        chosen = [r for r in named if wanted and wanted in heads[r]]
        if chosen:
            return [lc for lc in cells if lc.cell.row == chosen[0]]
    # Last year's row is never this year's figures, even when it is the only row read.
    rows = sorted({lc.cell.row for lc in cells if not lc.empty and not _PRIOR.search(lc.row_head)})
    if not rows:
        return [lc for lc in cells if not _PRIOR.search(lc.row_head)]
    total_rows = [
        r for r in rows if any(_TOTAL.search(lc.row_head) for lc in cells if lc.cell.row == r)
    ]
    first = total_rows[0] if total_rows else rows[0]
    return [lc for lc in cells if lc.cell.row == first]


def _budget_row(row: list[LabelledCell]) -> bool:
    head = next((lc.row_head for lc in row), "")
    return "预算" in head and "决算" not in head


def _prior_row(cells: list[LabelledCell], fiscal_year: int | None) -> list[LabelledCell]:
    """Items across, years down: the row of last year's figures (上年 / the prior year)."""
    prior = str(fiscal_year - 1) if fiscal_year else None
    # A row of dashes named for last year states last year's zeros.
    rows = sorted({lc.cell.row for lc in cells})
    for row in rows:
        # The unit's name may head the row, its year beside it ("深圳市审计局 | 2025年").
        head = next((lc.row_head + lc.row_label for lc in cells if lc.cell.row == row), "")
        if _PRIOR.search(head) or (prior and prior in head and "决算" not in head):
            return [lc for lc in cells if lc.cell.row == row]
    return []


def _prior_total(row: list[LabelledCell], typed: TypedTable) -> list[Reading]:
    total = next((lc for lc in row if _TOTAL.search(_leaf_label(lc.column_label))), None)
    if total is None or not _printed(row):
        return []
    reading = cell_reading("three_public.prior_year_total", total.cell, typed)
    return [reading] if reading is not None else []


def _printed(row: list[LabelledCell]) -> bool:
    return any(lc.cell.text.strip() for lc in row)


def _path(
    lc: LabelledCell, across: bool, has_other_costs: bool, fiscal_year: int | None
) -> str | None:
    column = lc.column_label
    if _OTHER_COSTS.search(_leaf_label(column)):
        return None
    prior = bool(_PRIOR.search(column)) or _is_prior_year(column, fiscal_year)
    # Items down the rows: the item is the row's head, also for the second year's column
    # (its left label stops at the first year's figure).
    label = _leaf_label(column) if across else (lc.row_label or lc.row_head or _leaf_label(column))
    item = _item(label)
    if item is None and _is_total(label, column, has_other_costs):
        item = "three_public.total"
    if item is None:
        return None
    if prior:
        return "three_public.prior_year_total" if item == "three_public.total" else None
    if lc.role and lc.role.startswith("budget_"):
        return f"{item}#budget"
    return item


def _budget_column(column: str) -> bool:
    """决算 tables print 预算数 beside 决算数: the budget is kept beside the actual."""
    return "预算" in column and "决算" not in column and not column.endswith("#budget")


def _item(label: str) -> str | None:
    return next((path for path, pattern in _ITEMS if pattern.search(label)), None)


def _is_total(label: str, column: str, has_other_costs: bool) -> bool:
    if not _TOTAL.search(label):
        return False
    # Beside 会议费/培训费, only a subtotal under the 三公 group is the 三公 total.
    return "三公" in column or "三公" in label or not has_other_costs


def _leaf_label(column: str) -> str:
    """The most specific part of a column path; 小计/合计 inherit their group's name."""
    parts = [p for p in column.split("/") if p]
    if not parts:
        return ""
    leaf = parts[-1]
    if re.fullmatch(r"小计|合计|预算数|决算数|金额|\d{4}年.*", leaf) and len(parts) > 1:
        return parts[-2] + leaf
    return leaf


def _is_prior_year(column: str, fiscal_year: int | None) -> bool:
    if fiscal_year is None:
        return False
    years = [int(y) for y in _YEAR.findall(column)]
    return bool(years) and max(years) < fiscal_year


def _actuals_over_budgets(readings: list[Reading]) -> list[Reading]:
    """决算 tables: the actual goes into the field, the budget figure beside it."""
    budgets = {r.path.removesuffix("#budget"): r for r in readings if r.path.endswith("#budget")}
    out = []
    for reading in readings:
        if reading.path.endswith("#budget"):
            continue
        budget = budgets.get(reading.path)
        if budget is not None:
            reading.budget_value = budget.value
        out.append(reading)
    return out
