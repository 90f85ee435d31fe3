"""三公 (four layouts), 项目支出表 (with or without indicator columns), 政府采购预算表."""

from __future__ import annotations

import random
from decimal import Decimal

from tests.synth.budget import ThreePublic
from tests.synth.kit import Cell, CellLike
from tests.synth.money import ZERO, split
from tests.synth.sheet import Col, Ctx, Sheet, build_grid

# (label, ThreePublic attribute, contract key)
ITEMS = (
    ("合计", "total", "total"),
    ("因公出国（境）费", "overseas", "overseas_travel"),
    ("公务用车购置及运行费", "vehicle", "vehicle_total"),
    ("公务用车购置费", "vehicle_purchase", "vehicle_purchase"),
    ("公务用车运行维护费", "vehicle_operation", "vehicle_operation"),
    ("公务接待费", "reception", "reception"),
)
NOTE_3P = "注：“三公”经费包括因公出国（境）费、公务用车购置及运行费和公务接待费。"


def _v(tp: ThreePublic, attr: str) -> Decimal:
    return Decimal(getattr(tp, attr))


def _series(ctx: Ctx) -> list[tuple[str, ThreePublic, bool]]:
    """(label, figures, is-this-year's-truth) in print order."""
    b = ctx.budget
    if ctx.traits.final:
        return [("预算数", b.three_public_plan, False), ("决算数", b.three_public, True)]
    return [("上年预算数", b.three_public_prior, False),
            (f"{b.year}年预算数", b.three_public, True)]  # fmt: skip


def _cell(ctx: Ctx, tp: ThreePublic, attr: str, key: str, truth: bool, prior: bool) -> str:
    path = f"three_public.{key}" if truth else None
    if prior and key == "total":
        path = "three_public.prior_year_total"
    return ctx.amt(_v(tp, attr), path)


def three_public(ctx: Ctx) -> Sheet:
    t = ctx.traits
    series = _series(ctx)
    prior_ok = not t.final
    a = ctx.align
    if t.three_public == "rows":
        body: list[list[CellLike]] = []
        for label, attr, key in ITEMS:
            body.append([Cell(label, indent=9.0 if attr.startswith("vehicle_") else 0.0)]
                        + [_cell(ctx, tp, attr, key, truth, prior_ok and not truth)
                           for _, tp, truth in series])  # fmt: skip
        tree = [Col("项目", width=2.6, align="l")]
        tree += [Col(ctx.unit_label(s[0], i == 0), align=a) for i, s in enumerate(series)]
        rows = t.header_rows
    else:
        body = []
        for label, tp, truth in series if t.three_public != "columns" else series[1:]:
            amounts = [_cell(ctx, tp, attr, key, truth, prior_ok and not truth)
                       for _, attr, key in ITEMS]  # fmt: skip
            if t.three_public == "matrix":  # 合计 | 一般公共预算 | 政府性基金 under each item
                amounts = [x for amount in amounts for x in (amount, amount, ctx.amt(ZERO))]
            body.append([label, *amounts])
        if t.three_public == "year_rows" and not t.final:
            change = [ctx.amt(_v(series[1][1], attr) - _v(series[0][1], attr))
                      for _, attr, _ in ITEMS]  # fmt: skip
            body.append(["增减额", *change])
        tree = [Col("项目", width=1.6, align="l"), *_item_cols(ctx, t.three_public == "matrix")]
        rows = max(t.header_rows, 2 if t.three_public == "matrix" else 1)
    grid = build_grid(tree, rows, body, t.rules)
    final = "一般公共预算财政拨款“三公”经费支出决算表"
    title = final if t.final else "一般公共预算“三公”经费支出表"
    return Sheet("three_public", title, grid, wide=t.three_public == "matrix", note=NOTE_3P)


def _item_cols(ctx: Ctx, matrix: bool) -> list[Col]:
    a = ctx.align
    cols = []
    for i, (label, _, _) in enumerate(ITEMS):
        label = ctx.unit_label(label, i == 0)
        funds = [Col(f, align=a) for f in ("小计", "一般公共预算", "政府性基金")] if matrix else []
        cols.append(Col(label, funds, align=a))
    return cols


def projects(ctx: Ctx) -> Sheet:
    """项目支出表; with indicators the name and amount span the project's indicator rows."""
    b, t = ctx.budget, ctx.traits
    body: list[list[CellLike]] = []
    spans: list[tuple[int, int, int, int]] = []
    total = sum((p.amount for p in b.projects), ZERO)
    body.append(["合计", "", ctx.amt(total)])
    for p in b.projects:
        amount = ctx.amt(p.amount, f"projects.{p.name}.amount")
        fiscal_value = p.amount if p.source in ("gpb", "fund") else ZERO
        fiscal = ctx.amt(fiscal_value)
        if not t.indicators:
            body.append([p.unit, p.name, amount, fiscal, ctx.amt(p.amount - fiscal_value)])
            continue
        first = len(body)
        for i, ind in enumerate(p.indicators):
            lead = [p.unit, p.name, amount, fiscal] if i == 0 else ["", "", "", ""]
            body.append([*lead, ind.level1, ind.level2, ind.name, ind.value])
        for col in range(4):
            spans.append((first, col, len(p.indicators), 1))
    a = ctx.align
    tree = [Col("单位名称", width=2.2, align="l"), Col("项目名称", width=2.6, align="l"),
            Col("项目金额", [Col(ctx.unit_label("合计", True), align=a),
                             Col("财政拨款", align=a)])]  # fmt: skip
    if t.indicators:
        tree.append(Col("绩效目标", [Col(x, width=w, align="l") for x, w in
                                     (("一级指标", 1.1), ("二级指标", 1.3), ("三级指标", 2.2),
                                      ("指标值", 1.3))]))  # fmt: skip
    else:
        tree[2].children.append(Col("其他资金", align=a))
    grid = build_grid(tree, t.header_rows, _fit(body, tree), t.rules)
    grid.spans += [(r + grid.header_rows, c, n, m) for r, c, n, m in spans]
    title = "项目支出绩效目标表" if t.indicators else "项目支出表"
    if t.final:
        title = title.replace("项目支出", "项目支出决算")
    return Sheet("project_expenditure", title, grid, wide=t.indicators, long=True, name_col=1)


def _fit(body: list[list[CellLike]], tree: list[Col]) -> list[list[CellLike]]:
    n = sum(len(c.leaves()) for c in tree)
    return [(row + [""] * n)[:n] for row in body]


def procurement(ctx: Ctx) -> Sheet:
    """政府采购预算表: by budget unit, goods / works / services; its 合计 row is truth."""
    b, t = ctx.budget, ctx.traits
    pr = b.procurement
    rng = random.Random(b.seed + 1)
    weights = [rng.uniform(1, 4) for _ in b.units]
    cols = [split(v, weights, b.step) for v in (pr.goods, pr.works, pr.services)]
    body: list[list[CellLike]] = [
        [
            "合计",
            ctx.amt(pr.total, "procurement.total"),
            ctx.amt(pr.goods, "procurement.goods"),
            ctx.amt(pr.works, "procurement.works"),
            ctx.amt(pr.services, "procurement.services"),
        ]
    ]
    for i, (_, name) in enumerate(b.units):
        parts = [c[i] for c in cols]
        body.append([name, ctx.amt(sum(parts, ZERO)), *(ctx.amt(x) for x in parts)])
    a = ctx.align
    tree = [Col("单位名称", width=3.0, align="l"),
            Col("政府采购预算", [Col(ctx.unit_label("合计", True), align=a), Col("货物", align=a),
                                 Col("工程", align=a), Col("服务", align=a)])]  # fmt: skip
    grid = build_grid(tree, t.header_rows, body, t.rules)
    title = "政府采购决算表" if t.final else "政府采购预算表"
    return Sheet("procurement", title, grid)
