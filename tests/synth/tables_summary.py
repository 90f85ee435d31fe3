"""Summary tables: 部门收支总表, 部门收入总表, 财政拨款收支总表 (and their 决算 titles)."""

from __future__ import annotations

import itertools
import random
from decimal import Decimal

from tests.synth import classify as cls
from tests.synth.budget import Budget
from tests.synth.kit import CellLike
from tests.synth.money import ZERO, split
from tests.synth.sheet import Col, Ctx, Sheet, build_grid

NUMERALS = "一二三四五六七八九十"


def numbered(i: int, text: str) -> str:
    n = NUMERALS[i] if i < 10 else "十" + NUMERALS[i - 10]
    return f"{n}、{text}"


def class_totals(b: Budget, source: str | None = None) -> list[tuple[str, Decimal]]:
    """(class name, total) in code order; `source` keeps only general budget or fund money."""
    out: dict[str, Decimal] = {}
    for f in b.functions:
        amount = f.total
        if source is not None:
            amount = (f.basic if source == "gpb" else ZERO) + sum(
                (p.amount for p in b.projects if p.function_code == f.code and p.source == source),
                ZERO,
            )
        out[f.code[:3]] = out.get(f.code[:3], ZERO) + amount
    return [(cls.function_name(c), v) for c, v in sorted(out.items())]


def _plan(ctx: Ctx, value: Decimal) -> Decimal:
    """预算数 printed beside 决算数 in final accounts: the actual scaled, whole steps."""
    b = ctx.budget
    return (value * b.plan_factor / b.step).quantize(Decimal(1)) * b.step


def _pair(ctx: Ctx, value: Decimal, path: str | None) -> list[str]:
    """One amount column (budget) or 预算数 | 决算数 (final accounts; the truth is 决算数)."""
    actual = ctx.amt(value, path)
    return [ctx.amt(_plan(ctx, value)), actual] if ctx.traits.final else [actual]


def revenue_expenditure(ctx: Ctx) -> Sheet:
    b, t = ctx.budget, ctx.traits
    g, f = b.general_public_budget, b.project_by_source("fund")
    other, carry = b.project_by_source("other"), b.project_by_source("carryover")
    revenue: list[tuple[str, Decimal, str | None]] = [
        ("一、一般公共预算拨款收入", g, "totals.general_public_budget"),
        ("二、政府性基金预算拨款收入", f, "totals.government_fund"),
        ("三、国有资本经营预算拨款收入", ZERO, "totals.state_capital"),
        ("四、事业收入", other, None),
        ("五、其他收入", ZERO, None),
    ]
    spending = [(numbered(i, n), v, None) for i, (n, v) in enumerate(class_totals(b))]
    blank: tuple[str, Decimal | None, str | None] = ("", None, None)
    body: list[list[CellLike]] = []
    for left, right in itertools.zip_longest(revenue, spending, fillvalue=blank):
        body.append(_side(ctx, left) + _side(ctx, right))
    year_in = g + f + other
    tail = [
        (("本年收入合计", year_in, None), ("本年支出合计", b.total, None)),
        (("上年结转结余", carry, "totals.carryover"), ("结转下年", ZERO, None)),
        (("收入总计", b.total, "totals.revenue_total"),
         ("支出总计", b.total, "totals.expenditure_total")),
    ]  # fmt: skip
    for left, right in tail:
        body.append(_side(ctx, left) + _side(ctx, right))
    cols = ["预算数", "决算数"] if t.final else ["预算数"]

    def side(label: str, first: bool) -> Col:
        amounts = [Col(ctx.unit_label(c, first), align=ctx.align) for c in cols]
        return Col(label, [Col("项目", width=2.6, align="l"), *amounts])

    tree = [side("收入", True), side("支出", False)]
    grid = build_grid(tree, t.header_rows, body, t.rules)
    title = "收入支出决算总表" if t.final else "部门收支总表"
    return Sheet("revenue_expenditure_summary", title, grid)


def _side(ctx: Ctx, item: tuple[str, Decimal | None, str | None]) -> list[CellLike]:
    label, value, path = item
    if value is None:
        return [label, *([""] * (2 if ctx.traits.final else 1))]
    return [label, *_pair(ctx, value, path)]


def revenue_by_unit(ctx: Ctx) -> Sheet:
    """部门收入总表: revenue by budget unit and source (no truth of its own)."""
    b, t = ctx.budget, ctx.traits
    sources = [
        ("一般公共预算", b.general_public_budget),
        ("政府性基金预算", b.project_by_source("fund")),
        ("事业收入", b.project_by_source("other")),
        ("上年结转", b.project_by_source("carryover")),
    ]
    rng = random.Random(b.seed)
    weights = [rng.uniform(1, 4) for _ in b.units]
    per_unit = [split(v, weights, b.step) for _, v in sources]
    body: list[list[CellLike]] = [["", "合计", ctx.amt(b.total), *(ctx.amt(v) for _, v in sources)]]
    for i, (code, name) in enumerate(b.units):
        parts = [col[i] for col in per_unit]
        body.append([code, name, ctx.amt(sum(parts, ZERO)), *(ctx.amt(p) for p in parts)])
    amounts = [Col(ctx.unit_label("合计", True), align=ctx.align)]
    amounts += [Col(s, align=ctx.align) for s, _ in sources]
    tree = [
        Col("单位", [Col("单位代码", width=1.0, align="l"), Col("单位名称", width=3.0, align="l")]),
        Col("本年收入", amounts),
    ]
    grid = build_grid(tree, t.header_rows, body, t.rules)
    title = "收入决算表" if t.final else "部门收入总表"
    return Sheet("revenue_summary", title, grid, wide=True)


def fiscal_summary(ctx: Ctx) -> Sheet:
    """财政拨款收支总表: fiscal money only, expenditure by class and fund."""
    b, t = ctx.budget, ctx.traits
    g, f = b.general_public_budget, b.project_by_source("fund")
    gpb = dict(class_totals(b, "gpb"))
    fund = dict(class_totals(b, "fund"))
    revenue = [("一、一般公共预算", g), ("二、政府性基金预算", f), ("三、国有资本经营预算", ZERO)]
    names = [n for n, _ in class_totals(b)]
    body: list[list[CellLike]] = []
    for i in range(max(len(revenue), len(names))):
        left = [revenue[i][0], ctx.amt(revenue[i][1])] if i < len(revenue) else ["", ""]
        right = ["", "", "", ""]
        if i < len(names):
            n = names[i]
            v1, v2 = gpb.get(n, ZERO), fund.get(n, ZERO)
            right = [numbered(i, n), ctx.amt(v1 + v2), ctx.amt(v1), ctx.amt(v2)]
        body.append([*left, *right])
    body.append(["本年收入合计", ctx.amt(g + f), "本年支出合计", ctx.amt(g + f), ctx.amt(g),
                 ctx.amt(f)])  # fmt: skip
    a = ctx.align
    tree = [
        Col("收入", [Col("项目", width=2.2, align="l"),
                     Col(ctx.unit_label("预算数", True), align=a)]),
        Col("支出", [Col("项目", width=2.4, align="l"), Col("合计", align=a),
                     Col("一般公共预算", align=a), Col("政府性基金预算", align=a)]),
    ]  # fmt: skip
    grid = build_grid(tree, t.header_rows, body, t.rules)
    title = "财政拨款收入支出决算总表" if t.final else "财政拨款收支总表"
    return Sheet("fiscal_appropriation_summary", title, grid, wide=True)
