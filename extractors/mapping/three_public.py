"""“三公”经费表 -> three_public readings (+ 机关运行经费 where the table carries it).

Both layouts occur: items down the rows with one amount column (平顶山), or items across
the header with one data row (上海).  The label of an amount is its row label plus its
column path, so one set of patterns serves both.
"""

from __future__ import annotations

import re

from extractors.mapping.labelled import LabelledCell, labelled_cells
from extractors.mapping.readings import cell_reading
from extractors.model import Reading
from extractors.tables.typed import TypedTable
from schemas import TableKind

_FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("operating_expenses", re.compile(r"机关运行经费")),
    ("three_public.overseas_travel", re.compile(r"因公出国")),
    ("three_public.reception", re.compile(r"公务接待")),
    ("three_public.vehicle_total", re.compile(r"购置及运行|公务用车费|用车(小计|合计)")),
    ("three_public.vehicle_purchase", re.compile(r"购置")),
    ("three_public.vehicle_operation", re.compile(r"运行")),
    ("three_public.vehicle_total", re.compile(r"公务用车")),
    ("three_public.total", re.compile(r"合计|共计|总计|三公")),
]
_PRIOR = re.compile(r"上年|上一年")
_YEAR = re.compile(r"(20\d\d)年")


def three_public_readings(tables: list[TypedTable], fiscal_year: int | None) -> list[Reading]:
    out: list[Reading] = []
    for typed in tables:
        if typed.kind != TableKind.three_public:
            continue
        for lc in labelled_cells(typed):
            path = _path_for(lc, fiscal_year)
            reading = cell_reading(path, lc.cell, typed) if path else None
            if reading is not None:
                out.append(reading)
    return _actuals_over_budgets(out)


def _path_for(lc: LabelledCell, fiscal_year: int | None) -> str | None:
    row = lc.row_label
    column = lc.column_label
    prior = bool(_PRIOR.search(column)) or _is_prior_year(column, fiscal_year)
    label = _item_label(row, column)
    for path, pattern in _FIELDS:
        if pattern.search(label):
            if prior:
                return "three_public.prior_year_total" if path == "three_public.total" else None
            if lc.role and lc.role.startswith("budget_"):
                return f"{path}#budget"
            return path
    return None


def _item_label(row: str, column: str) -> str:
    """The most specific of the row and column labels names the item."""
    parts = [p for p in column.split("/") if p]
    # Column leaves like 小计 / 合计 inherit their group's name (公务用车购置及运行费/小计).
    leaf = parts[-1] if parts else ""
    if re.fullmatch(r"小计|合计|预算数|决算数|金额|\d{4}年.*", leaf) and len(parts) > 1:
        leaf = parts[-2] + leaf
    if row and not re.fullmatch(r"\d{4}年?|预算数|决算数|金额", row):
        return row
    return leaf if parts else row


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
