"""Cross-table agreement: one figure printed in two tables of the same scope.

Scopes differ between the standard tables, and only figures of one scope are compared:
- 收支总表 (all funds) by function class and 本年支出合计 = 部门支出总表 (all funds);
- 财政拨款收支总表, its 一般公共预算 column, by class and 本年支出合计 = 一般公共预算支出表;
- 收支总表 一般公共预算(财政拨款)收入 = 财政拨款收支总表 一般公共预算 收入;
- 一般公共预算支出表 合计 基本支出 = 一般公共预算基本支出表 合计.
A 一般公共预算 table is a subset of the all-funds one: those two are never compared.

A column is compared only where it adds up to its own 合计 (within 1%): a column read at
the wrong place does not, and its mismatch is our doubt, not the publisher's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from extractors.classification import find_function_code
from extractors.mapping.coded_items import function_items_of
from extractors.mapping.labelled import labelled_cells
from extractors.numbers import parse_amount, to_yuan
from extractors.tables.typed import TypedTable
from extractors.validation.figures import Figure, compare_same, in_unit, make_finding, value_figure
from extractors.validation.findings import (
    Context,
    RuleResult,
    basic_table_title,
    reading_figure,
    undoubted,
)
from schemas import ReadMethod, TableKind

_OTHER_FUND = re.compile(r"政府性基金|国有资本")
_YEAR_SPENDING = re.compile(r"^本年支出(合计|小计)$")
_GRAND_TOTAL = re.compile(r"^(支出总计|支出合计|总计|合计)$")
_GPB_REVENUE = re.compile(
    r"^(?:[一二三四五六七八九十]+、?|\d+[、.．])?(财政拨款收入)?一般公共预算(财政)?(拨款)?(财政拨款)?"
    r"(收入|资金)?(小计)?$"
)
COLUMN_SHARE = Decimal("0.01")


@dataclass(slots=True)
class Column:
    """The figures of one amount column of one table: by function class, and its 合计."""

    table: TypedTable
    name: str
    classes: dict[str, Figure]
    total: Figure | None = None
    # The total is the side's 支出总计 (there is no 本年支出合计 row): good to check the
    # column's own sum, not to compare with another table's 合计 (it may hold 结转下年).
    total_is_grand: bool = False

    @property
    def adds_up(self) -> bool:
        """The column's classes add up to its total: it was read at the right place, and
        no class is missing (a name we could not place, "医疗卫生与计划生育支出")."""
        if self.total is None or not self.classes:
            return False
        summed = sum((f.value for f in self.classes.values()), Decimal(0))
        return abs(summed - self.total.value) <= max(
            self.total.precision * len(self.classes), COLUMN_SHARE * abs(self.total.value)
        )


def check(ctx: Context) -> RuleResult:
    result = RuleResult()
    summary = _first(ctx.typed, TableKind.revenue_expenditure_summary)
    fiscal = _fiscal_summary(ctx.typed)
    all_funds = _function_column(ctx, TableKind.expenditure_summary)
    gpb = _function_column(ctx, TableKind.general_budget_expenditure)
    if summary is not None and all_funds is not None:
        side = _spending_column(summary, lambda label: not _OTHER_FUND.search(label), "收支总表")
        _compare_columns(result, side, all_funds)
    if fiscal is not None and gpb is not None:
        side = _spending_column(fiscal, lambda label: "一般公共预算" in label, "财政拨款收支总表")
        _compare_columns(result, side, gpb)
    if summary is not None and fiscal is not None:
        _compare_revenue(result, summary, fiscal)
    _compare_basic(ctx, result, gpb)
    return result


def _first(typed: list[TypedTable], kind: TableKind) -> TypedTable | None:
    return next((t for t in typed if t.kind == kind), None)


def _fiscal_summary(typed: list[TypedTable]) -> TypedTable | None:
    """The 财政拨款收支总表 (not one fund's own table, titled alike in 决算)."""
    return next(
        (
            t
            for t in typed
            if t.kind == TableKind.fiscal_appropriation_summary and not _OTHER_FUND.search(t.title)
        ),
        None,
    )


def _cell_figure(label: str, text: str, typed: TypedTable, page: int, method: str) -> Figure | None:
    parsed = parse_amount(text)
    if parsed is None:
        return None
    return Figure(
        label=label,
        value=to_yuan(parsed.value, typed.unit),
        raw=parsed.raw,
        unit=typed.unit,
        page=page,
        source=typed.table_id,
        firm=method == ReadMethod.pdf_text.value,
    )


def _spending_column(typed: TypedTable, wanted: Callable[[str], bool], name: str) -> Column:
    """The expenditure side of a 收支总表-like table: class rows and 本年支出合计.

    wanted(column label) picks the column; the row's class name is the
    nearest label left of the cell in its row."""
    column = Column(table=typed, name=name, classes={})
    picked: str | None = None
    last_label: dict[int, str] = {}
    for lc in labelled_cells(typed):
        row = lc.cell.row
        if lc.row_label:
            last_label[row] = lc.row_label
        label = lc.row_label or last_label.get(row, "")
        side = lc.column_label.split("/")[0]
        if "支出" not in side or not wanted(lc.column_label):
            continue
        if (lc.role or "").startswith("budget_"):
            continue  # 决算: the 预算数 column is the plan, not the year's spending
        if picked is not None and lc.column_label != picked:
            continue
        code = _class_code(label)
        is_total = bool(_YEAR_SPENDING.match(label))
        is_grand = bool(_GRAND_TOTAL.match(label))
        if code is None and not is_total and not is_grand:
            continue
        figure = _cell_figure(f"{name} {label}", lc.cell.text, typed, lc.cell.page, lc.cell.method)
        if figure is None:
            continue
        picked = lc.column_label
        if is_total and (column.total is None or column.total_is_grand):
            column.total, column.total_is_grand = figure, False
        elif is_grand and column.total is None:
            column.total, column.total_is_grand = figure, True
        elif code is not None and code not in column.classes and not lc.empty:
            column.classes[code] = figure
    return column


def _class_code(label: str) -> str | None:
    if not label.endswith("支出"):
        return None
    match = find_function_code(label, None)
    return match.code if match and match.exact else None


def _function_column(ctx: Context, kind: TableKind) -> Column | None:
    items = function_items_of(ctx.typed, kind)
    if not items.readings:
        return None
    name = "部门支出总表" if kind == TableKind.expenditure_summary else "一般公共预算支出表"
    column = Column(table=next(t for t in ctx.typed if t.kind == kind), name=name, classes={})
    for reading in items.readings:
        _, code, field_name = reading.path.split(".")
        if len(code) == 3 and field_name == "total":
            column.classes[code] = reading_figure(ctx, f"{name} {code}", reading)
    for reading in items.totals:
        if reading.path.endswith(".total"):
            column.total = reading_figure(ctx, f"{name} 合计", reading)
    return column


def _compare_columns(result: RuleResult, left: Column, right: Column) -> None:
    if not (left.adds_up and right.adds_up):
        return
    rule = "cross_table.function_class"
    for code in sorted(set(left.classes) & set(right.classes)):
        _compare(result, rule, left.classes[code], right.classes[code], f"类 {code}")
    # A class printed in one table and absent (blank) in the other.
    for code in sorted(set(left.classes) ^ set(right.classes)):
        shown = left.classes.get(code) or right.classes[code]
        if shown.value != 0 and left.classes and right.classes:
            other = right if code in left.classes else left
            result.findings.append(
                make_finding(
                    rule,
                    [shown],
                    f"类 {code}: {shown.label} = {shown.printed()}, but {other.name} "
                    f"has no such class",
                    difference=shown.value,
                    extra_pages=other.table.table.pages[:1],
                )
            )
    grand = left.total_is_grand or right.total_is_grand
    if left.total is not None and right.total is not None and not grand:
        _compare(result, "cross_table.total", left.total, right.total, "本年支出合计")


def _compare(result: RuleResult, rule: str, a: Figure, b: Figure, what: str) -> None:
    severity = compare_same(a, b)
    if severity is None:
        return
    if not (a.firm and b.firm):
        for fig in (a, b):
            if fig.path:
                result.review[fig.path] = f"{rule}: {a.printed()} ≠ {b.printed()}"
        return
    diff = a.value - b.value
    result.findings.append(
        make_finding(
            rule,
            [a, b],
            f"{what}: {a.label} {a.printed()} ≠ {b.label} {b.printed()} "
            f"(by {in_unit(abs(diff), a.unit)})",
            difference=diff,
            severity=severity,
        )
    )


def _compare_revenue(result: RuleResult, summary: TypedTable, fiscal: TypedTable) -> None:
    a = _revenue_gpb(summary, "收支总表")
    b = _revenue_gpb(fiscal, "财政拨款收支总表")
    if a is not None and b is not None:
        _compare(result, "cross_table.general_public_budget", a, b, "一般公共预算拨款收入")


def _revenue_gpb(typed: TypedTable, name: str) -> Figure | None:
    for lc in labelled_cells(typed):
        if "收入" in lc.column_label.split("/")[0] and _GPB_REVENUE.match(lc.row_label):
            return _cell_figure(
                f"{name} {lc.row_label}", lc.cell.text, typed, lc.cell.page, lc.cell.method
            )
    return None


def _compare_basic(ctx: Context, result: RuleResult, gpb: Column | None) -> None:
    """一般公共预算支出表 合计 基本支出 = 一般公共预算基本支出表 合计 (both of one fund)."""
    if gpb is None:
        return
    items = function_items_of(ctx.typed, TableKind.general_budget_expenditure)
    basic = next((r for r in items.totals if r.path.endswith(".basic")), None)
    whole = ctx.values.get("basic_expenditure_by_economic.合计.total")
    basic_title = basic_table_title(ctx.typed)
    # Of one fund both: a 基本支出表 of all funds (深圳 基本支出总表) is more than it.
    if basic is None or whole is None or "一般公共预算" not in basic_title:
        return
    a = reading_figure(ctx, "一般公共预算支出表 合计 基本支出", basic)
    b = value_figure("basic_expenditure_by_economic.合计.total", whole, "基本支出表 合计")
    b.firm = b.firm and undoubted(ctx, b.path)
    if a.source == b.source and a.page == b.page and a.raw == b.raw:
        return
    _compare(result, "cross_table.basic_expenditure", a, b, "基本支出")
