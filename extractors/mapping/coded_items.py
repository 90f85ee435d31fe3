"""Function-code and economic-code tables -> item readings.

expenditure_by_function comes from 部门支出总表, else 一般公共预算支出表 (the first kind
present wins: the others are subsets by fund and would disagree legitimately).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from extractors.mapping.readings import cell_reading, sum_readings
from extractors.model import Reading, Signal
from extractors.tables.blocks import split_blocks
from extractors.tables.rows import CodedRow, coded_rows, part_total
from extractors.tables.typed import TypedTable
from schemas import TableKind

FUNCTION_SOURCES = (
    TableKind.expenditure_summary,
    TableKind.general_budget_expenditure,
)
FUNCTION_ROLES = {"total": "total", "basic": "basic", "project": "project"}
ECONOMIC_ROLES = {
    "total": "total",
    "personnel": "personnel",
    "public": "public",
    "project": "project",
}
# In 基本支出表 the whole-row column sits under the 基本支出 group: its role reads "basic".
BASIC_ROLES = {"total": "total", "basic": "total", "personnel": "personnel", "public": "public"}


@dataclass(slots=True, frozen=True)
class GovRow:
    """One government-code row summed into a department-code item."""

    code: str
    name: str | None
    reading: Reading | None
    # The row's own total equals the sum of its split columns (人员/公用/项目), non-zero:
    # the one check on this row alone, since the item's checks see only the rows' sum.
    row_sum_holds: bool = False


@dataclass(slots=True)
class ItemInfo:
    """Name, level and provenance of a code's item, beside its amount readings."""

    code: str
    name: str
    level: str
    inferred: bool = False
    gov_rows: list[GovRow] = field(default_factory=list)


@dataclass(slots=True)
class ItemReadings:
    section: str
    kind: TableKind | None = None  # the table kind the items came from
    items: dict[str, ItemInfo] = field(default_factory=dict)
    readings: list[Reading] = field(default_factory=list)
    totals: list[Reading] = field(default_factory=list)  # the table's 合计 row, per role


def pick_function_table(tables: list[TypedTable]) -> list[TypedTable]:
    for kind in FUNCTION_SOURCES:
        chosen = [t for t in tables if t.kind == kind and _has_codes(t)]
        if chosen:
            return chosen
    return []


def _has_codes(typed: TypedTable) -> bool:
    return any(r.code for r in coded_rows(typed, "function"))


def function_items_of(tables: list[TypedTable], kind: TableKind) -> ItemReadings:
    """The function items of one table kind, whichever kind the document's items use."""
    out = ItemReadings("expenditure_by_function", kind=kind)
    for typed in tables:
        if typed.kind == kind and _has_codes(typed):
            _collect(out, typed, coded_rows(typed, "function"), FUNCTION_ROLES)
    return out


def function_items(tables: list[TypedTable]) -> ItemReadings:
    out = ItemReadings("expenditure_by_function")
    for typed in pick_function_table(tables):
        out.kind = typed.kind
        _collect(out, typed, coded_rows(typed, "function"), FUNCTION_ROLES)
    return out


def economic_items(tables: list[TypedTable], kind: TableKind, section: str) -> ItemReadings:
    roles = BASIC_ROLES if kind == TableKind.basic_expenditure_economic else ECONOMIC_ROLES
    out = ItemReadings(section)
    for whole in _one_scope(t for t in tables if t.kind == kind):
        for typed, offset in split_blocks(whole):
            done = len(out.readings), len(out.totals)
            rows = [r for r in coded_rows(typed, "economic") if r.is_total or _economic(r)]
            _collect(out, typed, rows, _block_roles(typed, roles))
            for reading in [*out.readings[done[0] :], *out.totals[done[1] :]]:
                _shift_sources(reading, offset)
    return out


def _block_roles(typed: TypedTable, roles: dict[str, str]) -> dict[str, str]:
    """A 基本支出 block whose one amount column is 人员经费 (or 公用经费): that figure is
    also the item's whole basic spending, its other part not being stated there."""
    present = {r for r in typed.roles if r}
    parts = present & {"personnel", "public"}
    if roles is BASIC_ROLES and len(parts) == 1 and not present & {"total", "basic"}:
        part = parts.pop()
        return {part: part, f"{part}_as_total": "total"}
    return roles


def _shift_sources(reading: Reading, offset: int) -> None:
    """Blocks are read as tables of their own: their columns start at 0."""
    if offset:
        for source in [reading.source, *reading.extra_sources]:
            if source.col is not None:
                source.col += offset


def _one_scope(tables: Iterable[TypedTable]) -> list[TypedTable]:
    """Two tables of one kind may cover different funds (一般公共预算基本支出表 and an
    all-funds 基本支出表, 烟台): keep the 一般公共预算 one the contract means, else the first."""
    # "基本支出明细表（按支出功能分类科目）" lists function codes: not an economic table.
    found = [t for t in tables if "功能分类" not in t.title]
    general = [t for t in found if "一般公共预算" in t.title]
    return general[:1] or found[:1]


def _economic(row: CodedRow) -> bool:
    # 7-digit codes are sub-items some provinces print (3010201 津贴补贴 under 30102).
    return row.code is not None and row.code[0] in "3" and len(row.code) in (3, 5, 7)


def _collect(
    out: ItemReadings, typed: TypedTable, rows: list[CodedRow], roles: dict[str, str]
) -> None:
    grouped: dict[str, list[CodedRow]] = defaultdict(list)
    for row in rows:
        if row.is_total:
            out.totals.extend(
                _row_readings(f"{out.section}.合计", row, typed, _of_total(row, typed, roles))
            )
        elif row.code and row.level:
            grouped[row.code].append(row)
    for code, group in grouped.items():
        first = group[0]
        info = out.items.setdefault(
            code,
            ItemInfo(
                code=code, name=first.name, level=first.level or "项", inferred=first.inferred
            ),
        )
        per_field: dict[str, list[Reading]] = defaultdict(list)
        for row in group:
            for reading in _row_readings(f"{out.section}.{code}", row, typed, roles):
                per_field[reading.path].append(reading)
            if row.gov_code:
                total = row.cells.get("total")
                gov_reading = cell_reading(f"{out.section}.{code}.gov", total, typed)
                holds = _row_sum_holds(row, typed)
                info.gov_rows.append(GovRow(row.gov_code, row.gov_name, gov_reading, holds))
        for path, parts in per_field.items():
            parts = _without_blank_sums(parts)
            out.readings.append(sum_readings(path, parts) if len(parts) > 1 else parts[0])


def _without_blank_sums(parts: list[Reading]) -> list[Reading]:
    """A row's blank 人员 + 公用 beside other rows of the code adds nothing but a term (and
    a blank first term would set the sum's rounding step to a whole unit)."""
    kept = [p for p in parts if p.raw or not _blank_sum(p)]
    return kept or parts[:1]


def _blank_sum(reading: Reading) -> bool:
    return any(s.name == "sum_of_columns" for s in reading.signals) and not reading.raw


def _of_total(row: CodedRow, typed: TypedTable, roles: dict[str, str]) -> dict[str, str]:
    """ "人员经费合计" totals its half of the table only: it is not the whole 基本支出."""
    part = part_total(typed, row.name)
    return {part: part} if part else roles


def _row_sum_holds(row: CodedRow, typed: TypedTable) -> bool:
    total = cell_reading("row.total", row.cells.get("total"), typed)
    parts = [
        cell_reading(f"row.{role}", row.cells.get(role), typed)
        for role in ("personnel", "public", "project")
    ]
    present = [p for p in parts if p is not None]
    if total is None or total.value == 0 or len(present) < 2:
        return False
    return total.value == sum((p.value for p in present), Decimal(0))


def _row_readings(
    prefix: str, row: CodedRow, typed: TypedTable, roles: dict[str, str]
) -> list[Reading]:
    signals = [Signal("code_inferred", 1.0)] if row.inferred else []
    out: dict[str, Reading] = {}
    for role, field_name in roles.items():
        path = f"{prefix}.{field_name}"
        reading = cell_reading(path, row.cells.get(role.removesuffix("_as_total")), typed, signals)
        if reading is not None and path not in out:
            out[path] = reading
    basic = f"{prefix}.basic"
    if "basic" in roles.values() and basic not in out:
        derived = _basic_from_parts(basic, row, typed, signals)
        if derived is not None:
            out[basic] = derived
    return list(out.values())


def _basic_from_parts(
    path: str, row: CodedRow, typed: TypedTable, signals: list[Signal]
) -> Reading | None:
    """基本支出 printed only as 人员经费 + 公用经费 columns (湖州): the contract's basic
    spending is their sum; both cells are its sources.  Both blank on a row whose total is
    printed (a project-only row) is a basic spending of 0, as blank as its cells: it stays
    unconfirmed unless an identity over printed figures holds with it."""
    parts = [
        cell_reading(path, row.cells.get(role), typed, signals) for role in ("personnel", "public")
    ]
    present = [p for p in parts if p is not None]
    if len(present) != 2:
        return None
    blank = all(p.value == 0 and p.raw.strip() == "" for p in present)
    if blank and not _printed_total(row):
        return None
    total = sum_readings(path, present)
    if blank:
        total.raw = ""  # "+" would read as a printed figure
    total.signals.append(Signal("sum_of_columns", 0.3))
    return total


def _printed_total(row: CodedRow) -> bool:
    cell = row.cells.get("total")
    return cell is not None and bool(cell.text.strip())
