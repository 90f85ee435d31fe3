"""“三公”经费 vs its economic codes, and vs what the narrative says of it.

The 三公 items are economic items: 30212 因公出国（境）费用, 30217 公务接待费, 30231 公务用车
运行维护费, 31013 公务用车购置.  The 三公 table covers a department's fiscal money
(一般公共预算, in 决算 all 财政拨款), basic and project spending alike:
- an economic table of the same scope covering basic and project spending
  (一般公共预算支出经济分类表) must show the same figure;
- the 一般公共预算基本支出表 (basic spending only) can show at most the 三公 figure;
- an economic table of all funds (事业收入 …) may show more: not compared.
In 决算, the 三公 budget the narrative states ("年初预算为 0.95 万元") must be the one the
table prints; a 三公 table with no figure at all contradicts a narrative that states one.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractors.mapping.coded_items import economic_items
from extractors.numbers import parse_amount
from extractors.reconcile import Value
from extractors.tables.typed import TypedTable
from extractors.validation.figures import Figure, compare_same, in_unit, make_finding, value_figure
from extractors.validation.findings import Context, RuleResult, basic_table_title, undoubted
from extractors.validation.prose import amount_pattern
from schemas import TableKind

ITEMS: dict[str, tuple[str, str]] = {
    "three_public.overseas_travel": ("30212", "因公出国（境）费用"),
    "three_public.reception": ("30217", "公务接待费"),
    "three_public.vehicle_operation": ("30231", "公务用车运行维护费"),
    "three_public.vehicle_purchase": ("31013", "公务用车购置"),
}
# The name the row must print: some units number their own 款 ("302 12 机关事业单位退休
# 人员活动费"), and a code alone does not say the row is the 三公 item.
_NAMES = {
    "30212": re.compile(r"因公出国"),
    "30217": re.compile(r"接待"),
    "30231": re.compile(r"公务用车|运行维护"),
    "31013": re.compile(r"公务用车|车辆购置"),
}
_FISCAL = re.compile(r"一般公共预算|财政拨款")
_BUDGET_SAID = re.compile(
    r"[“\"]?三公[”\"]?经费[^。；;0-9]{0,24}?(?:年初)?预算(?:数)?[为是]?" + amount_pattern("amt")
)


def check(ctx: Context) -> RuleResult:
    result = RuleResult()
    _economic_codes(ctx, result)
    if ctx.final_accounts:
        _narrative_budget(ctx, result)
    return result


def _title(ctx: Context, kind: TableKind) -> str:
    return next((t.title for t in ctx.typed if t.kind == kind), "")


def _economic_codes(ctx: Context, result: RuleResult) -> None:
    three_title = _title(ctx, TableKind.three_public)
    full_title = _title(ctx, TableKind.economic_classification_summary)
    basic_title = basic_table_title(ctx.typed)
    same_scope = "一般公共预算" in full_title and "一般公共预算" in three_title
    names = {
        **{
            f"expenditure_by_economic.{code}": info.name
            for code, info in economic_items(
                ctx.typed, TableKind.economic_classification_summary, "expenditure_by_economic"
            ).items.items()
        },
        **{
            f"basic_expenditure_by_economic.{code}": info.name
            for code, info in economic_items(
                ctx.typed, TableKind.basic_expenditure_economic, "basic_expenditure_by_economic"
            ).items.items()
        },
    }
    for path, (code, name) in ITEMS.items():
        item = ctx.values.get(path)
        if item is None:
            continue
        three = value_figure(path, item, f"三公 {name}")
        full = _named(ctx, names, f"expenditure_by_economic.{code}", code)
        basic = _named(ctx, names, f"basic_expenditure_by_economic.{code}", code)
        if full is not None and same_scope:
            econ = value_figure(full.path, full, f"经济分类 {code} {name}")
            _compare(ctx, result, three, econ, equal=True)
        elif basic is not None and _FISCAL.search(basic_title):
            econ = value_figure(basic.path, basic, f"基本支出 {code} {name}")
            _compare(ctx, result, three, econ, equal=False)


def _named(ctx: Context, names: dict[str, str], prefix: str, code: str) -> Value | None:
    """The item's total, where its row names the 三公 item the code stands for."""
    value = ctx.values.get(f"{prefix}.total")
    if value is None or not _NAMES[code].search(names.get(prefix, "")):
        return None
    return value


def _compare(ctx: Context, result: RuleResult, three: Figure, econ: Figure, equal: bool) -> None:
    severity = compare_same(three, econ)
    if severity is None or (not equal and econ.value <= three.value):
        return
    if not (three.firm and econ.firm and undoubted(ctx, three.path) and undoubted(ctx, econ.path)):
        for fig in (three, econ):
            if fig.path:
                result.review[fig.path] = "three_public.economic_code"
        return
    diff = econ.value - three.value
    relation = "=" if equal else "≤"
    result.findings.append(
        make_finding(
            "three_public.economic_code",
            [three, econ],
            f"{econ.label} is {econ.printed()} (p{econ.page}) but the 三公 table states "
            f"{three.printed()} (p{three.page}); expected {econ.label} {relation} 三公 item, "
            f"off by {in_unit(abs(diff), three.unit)}",
            difference=diff,
            severity=severity,
        )
    )


def _narrative_budget(ctx: Context, result: RuleResult) -> None:
    match = _BUDGET_SAID.search(ctx.narrative.text)
    if match is None:
        return
    said = ctx.narrative.figure(match, "amt", "narrative 三公经费 预算")
    if said is None:
        return
    tables = [t for t in ctx.typed if t.kind == TableKind.three_public]
    if not tables:
        return
    total = ctx.values.get("three_public.total")
    if total is not None and total.budget_value is not None:
        table = Figure(
            label="三公 table 合计 预算数",
            value=total.budget_value,
            raw="",
            unit=total.unit,
            page=total.sources[0].page,
            path="three_public.total",
            source=total.sources[0].table_id,
        )
        table.raw = _raw(table.value, total.unit)
        severity = compare_same(table, said)
        if severity is not None and undoubted(ctx, "three_public.total"):
            diff = said.value - table.value
            result.findings.append(
                make_finding(
                    "three_public.narrative_budget",
                    [table, said],
                    f"the narrative states a 三公 budget of {said.printed()} (p{said.page}), "
                    f"the table {table.printed()} (p{table.page})",
                    difference=diff,
                    severity=severity,
                )
            )
        return
    if said.value != 0 and not any(_has_figures(t) for t in tables):
        first = tables[0].table.pages[0]
        result.findings.append(
            make_finding(
                "three_public.table_blank",
                [said],
                f"the narrative states a 三公 budget of {said.printed()} (p{said.page}), "
                f"but the 三公 table (p{first}) prints no figure at all",
                difference=said.value,
                extra_pages=[first],
            )
        )


def _has_figures(typed: TypedTable) -> bool:
    for row in typed.body():
        for cell in row:
            parsed = parse_amount(cell.text) if cell is not None else None
            if parsed is not None and not parsed.empty:
                return True
    return False


def _raw(value: Decimal, unit: str) -> str:
    from extractors.numbers import UNIT_FACTORS

    return f"{value / UNIT_FACTORS.get(unit, Decimal(1)):.2f}"
