"""Tables by function code: 部门支出总表, 一般公共预算支出表, 政府性基金预算支出表."""

from __future__ import annotations

from tests.synth import classify as cls
from tests.synth.budget import Budget, FunctionItem
from tests.synth.kit import CellLike
from tests.synth.money import ZERO
from tests.synth.sheet import Col, Ctx, Sheet, build_grid, code_cells, code_tree

LEVELS = ("类", "款", "项")


def outline(items: list[FunctionItem], subtotals: bool) -> list[FunctionItem]:
    """项 rows in code order, with their 类 and 款 rows (sums) before them when wanted."""
    out: list[FunctionItem] = []
    for item in items:
        for prefix in (item.code[:3], item.code[:5]) if subtotals else ():
            if all(r.code != prefix for r in out):
                under = [i for i in items if i.code.startswith(prefix)]
                basic = sum((i.basic for i in under), ZERO)
                project = sum((i.project for i in under), ZERO)
                out.append(FunctionItem(prefix, cls.function_name(prefix), basic, project))
        out.append(FunctionItem(item.code, item.name, item.basic, item.project))
    return out


def general_budget_items(b: Budget) -> list[FunctionItem]:
    """The general-budget part of each row: basic spending and general-budget projects."""
    out = []
    for f in b.functions:
        gpb = sum(
            (p.amount for p in b.projects if p.function_code == f.code and p.source == "gpb"),
            ZERO,
        )
        if f.basic + gpb:
            out.append(FunctionItem(f.code, f.name, f.basic, gpb))
    return out


def fund_items(b: Budget) -> list[FunctionItem]:
    out = []
    for f in b.functions:
        fund = sum(
            (p.amount for p in b.projects if p.function_code == f.code and p.source == "fund"),
            ZERO,
        )
        if fund:
            out.append(FunctionItem(f.code, f.name, ZERO, fund))
    return out


def _tree(ctx: Ctx, group: str) -> list[Col]:
    t = ctx.traits
    name_width = 1.6 if t.wrap_names else 3.2
    head = code_tree(t.codes, LEVELS, "功能分类科目", name_width)
    amounts = [
        Col(ctx.unit_label("合计", True)),
        Col("基本支出"),
        Col("项目支出"),
    ]
    for c in amounts:
        c.align = ctx.align
    return [*head, Col(group, amounts)]


def _total_cells(ctx: Ctx, label: str) -> list[CellLike]:
    codes = ctx.traits.codes
    blanks = {"names_only": 0, "three_columns": 3}.get(codes, 1)
    return [*([""] * blanks), label]


def function_sheet(ctx: Ctx, items: list[FunctionItem], title: str, record: bool) -> Sheet:
    """Rows by function code with 合计 / 基本支出 / 项目支出; `record`: its cells are truth."""
    t = ctx.traits
    rows = outline(items, t.with_subtotals)
    body: list[list[CellLike]] = []
    basic = sum((i.basic for i in items), ZERO)
    project = sum((i.project for i in items), ZERO)

    def path(key: str, field: str) -> str | None:
        return f"{key}.{field}" if record else None

    total = [
        ctx.amt(basic + project, path("totals", "expenditure_total")),
        ctx.amt(basic, path("totals", "basic_expenditure")),
        ctx.amt(project, path("totals", "project_expenditure")),
    ]
    body.append([*_total_cells(ctx, "合计"), *total])
    for r in rows:
        key = f"expenditure_by_function.{r.code}"
        amounts = [
            ctx.amt(r.total, path(key, "total")),
            ctx.amt(r.basic, path(key, "basic")),
            ctx.amt(r.project, path(key, "project")),
        ]
        body.append([*code_cells(t.codes, r.code, r.name, 3), *amounts])
    group = "决算数" if t.final else "本年预算"
    grid = build_grid(_tree(ctx, group), t.header_rows, body, t.rules)
    name_col = {"names_only": 0, "three_columns": 3}.get(t.codes, 1)
    return Sheet("expenditure_summary", title, grid, wide=True, long=True, name_col=name_col)


def expenditure_summary(ctx: Ctx) -> Sheet:
    title = "支出决算表" if ctx.traits.final else "部门支出总表"
    return function_sheet(ctx, list(ctx.budget.functions), title, record=True)


def general_budget(ctx: Ctx) -> Sheet:
    final = ctx.traits.final
    title = "一般公共预算财政拨款支出决算表" if final else "一般公共预算支出表"
    sheet = function_sheet(ctx, general_budget_items(ctx.budget), title, record=False)
    sheet.kind = "general_budget_expenditure"
    return sheet


def government_fund(ctx: Ctx) -> Sheet:
    """政府性基金预算支出表; an empty table with its note when the department has no fund."""
    final = ctx.traits.final
    title = "政府性基金预算财政拨款支出决算表" if final else "政府性基金预算支出表"
    items = fund_items(ctx.budget)
    sheet = function_sheet(ctx, items, title, record=False)
    sheet.kind = "government_fund"
    sheet.long = False
    if not items:
        sheet.note = "注：本部门本年度无政府性基金预算财政拨款安排的支出，故本表为空表。"
    return sheet
