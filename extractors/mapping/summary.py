"""收支总表 (and 财政拨款收支总表 for the fund sources) -> totals readings."""

from __future__ import annotations

import re
from decimal import Decimal

from extractors.mapping.labelled import LabelledCell, labelled_cells
from extractors.mapping.procurement import procurement_readings
from extractors.mapping.readings import cell_reading
from extractors.model import Reading
from extractors.tables.typed import TypedTable
from schemas import TableKind

_N = r"^(?:[一二三四五六七八九十]+、?|\d+[、.．]|（[一二三四五六七八九十]+）|\(\d+\))?"
# The enumerator's 、 or brackets can land after the label when the text layer splits it
# ("二政府性基金预算资金、" for "二、政府性基金预算资金").
_E = r"[、()（）]*$"
# (path, label pattern, whether a blank cell is a stated zero)
_LABELS: list[tuple[str, re.Pattern[str], bool]] = [
    ("totals.revenue_total", re.compile(r"^收入(总计|合计)$"), False),
    ("totals.expenditure_total", re.compile(r"^支出(总计|合计)$"), False),
    ("totals.year_expenditure", re.compile(r"^本年支出(合计|小计)$"), False),
    (
        "totals.general_public_budget",
        re.compile(_N + r"(财政拨款收入)?一般公共预算(拨款|财政拨款)?(收入|资金)?(小计)?" + _E),
        True,
    ),
    (
        "totals.government_fund",
        re.compile(_N + r"政府性基金(预算)?(财政)?(拨款)?(收入|资金)?(小计)?" + _E),
        True,
    ),
    (
        "totals.state_capital",
        re.compile(_N + r"国有资本经营(预算)?(财政)?(拨款)?(收入|资金)?(小计)?" + _E),
        True,
    ),
    (
        "totals.carryover",
        # 上年结转, 上年结余、结转, and in final accounts 年初结转和结余 (the opening balance).
        re.compile(
            _N
            + r"(加[:：])?((上年|部门财政性资金|财政拨款)?结转(结余)?(资金|收入)?"
            + r"|上年结余[、和及]?结转|年初(财政拨款)?结转[和及]?结余)$"
        ),
        True,
    ),
    (
        "totals.basic_expenditure",
        # "支出" clipped to "支" by its cell's border (an Excel export; the scan shows the clip)
        re.compile(_N + r"(基本支出|人员经费和公用经费支出?)(小计)?$"),
        False,
    ),
    ("totals.project_expenditure", re.compile(_N + r"(项目支出|专项业务经费支出)(小计)?$"), False),
]
_TOTAL_ROLES = {
    "basic": "totals.basic_expenditure",
    "project": "totals.project_expenditure",
    "personnel": "totals.personnel_expense",
    "public": "totals.public_expense",
}
_FUND_PATHS = {"totals.general_public_budget", "totals.government_fund", "totals.state_capital"}


def summary_readings(tables: list[TypedTable]) -> list[Reading]:
    """The 收支总表 first; the 财政拨款收支总表 only for fund figures the first leaves out
    (its rows can be a narrower scope and would read as disagreement)."""
    out: list[Reading] = []
    for typed in tables:
        if typed.kind == TableKind.revenue_expenditure_summary:
            out.extend(_readings(typed, None))
    stated = {r.path for r in out}
    for typed in tables:
        if typed.kind == TableKind.fiscal_appropriation_summary:
            fiscal = _readings(typed, None)
            wanted = _FUND_PATHS - stated
            if "totals.carryover" not in stated and _same_total(out, fiscal):
                # Every revenue is a fiscal appropriation: the fiscal carry-over is the
                # department's (the 收支总表 has no carry-over row).
                wanted.add("totals.carryover")
            out.extend(r for r in fiscal if r.path in wanted)
    # The 政府采购表's 合计 is a document total like these (no other mapper reads that table).
    out.extend(procurement_readings(tables))
    return out


def _same_total(main: list[Reading], fiscal: list[Reading]) -> bool:
    def totals(readings: list[Reading]) -> set[Decimal]:
        return {r.value for r in readings if r.path == "totals.revenue_total" and r.raw.strip()}

    return bool(totals(main)) and totals(main) == totals(fiscal)


def _readings(typed: TypedTable, only: set[str] | None) -> list[Reading]:
    out = []
    cells = list(labelled_cells(typed))
    grand_total = any(re.fullmatch(r"总计", lc.row_label) for lc in cells)
    for lc in cells:
        if lc.role and lc.role.startswith("budget_"):
            continue  # 决算: the 预算数 beside the 决算数 is not the year's figure
        path = _path_for(lc) or _side_total(lc, grand_total)
        if path is None or (only is not None and path not in only):
            continue
        reading = cell_reading(path, lc.cell, typed)
        if reading is not None:
            out.append(reading)
    return out


def _side_total(lc: LabelledCell, grand_total: bool) -> str | None:
    """A bare 合计/总计 row label: the column's side (收入 or 支出) says which total.

    Where a 总计 row exists, a 合计 row is this year's subtotal, not the total."""
    if lc.empty or not re.fullmatch(r"合计|总计", lc.row_label):
        return None
    side = lc.column_label.split("/")[0]
    if lc.row_label == "合计" and grand_total:
        return "totals.year_expenditure" if "支出" in side else None
    if "收入" in side:
        return "totals.revenue_total"
    if "支出" in side:
        return "totals.expenditure_total"
    return None


def _path_for(lc: LabelledCell) -> str | None:
    for path, pattern, blank_is_zero in _LABELS:
        if lc.row_label and pattern.match(lc.row_label):
            if path == "totals.carryover" and "支出" in lc.column_label.split("/")[0]:
                return None  # a revenue row; its label beside an expenditure cell is not it
            return path if (blank_is_zero or not lc.empty) else None
    # Amounts right of the first one on the expenditure total row: by column role.
    on_total_row = bool(re.search(r"(支出|收入)(总计|合计)", lc.row_head))
    if not lc.row_label and lc.role in _TOTAL_ROLES and not lc.empty and on_total_row:
        return _TOTAL_ROLES[lc.role]
    return None
