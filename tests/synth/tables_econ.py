"""Tables by economic code: 一般公共预算基本支出表 and 支出经济分类汇总表."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tests.synth import classify as cls
from tests.synth.budget import Budget
from tests.synth.kit import CellLike
from tests.synth.money import ZERO
from tests.synth.sheet import Col, Ctx, Sheet, build_grid, code_cells, code_tree

LEVELS = ("类", "款")


@dataclass(frozen=True)
class EcoRow:
    code: str
    name: str
    gov_code: str
    gov_name: str
    personnel: Decimal
    public: Decimal
    project: Decimal = ZERO

    @property
    def basic(self) -> Decimal:
        return self.personnel + self.public

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


def all_spending(b: Budget) -> list[EcoRow]:
    """Every 款 with basic and project spending (projects are booked to one 款 each)."""
    rows = {e.code: EcoRow(e.code, e.name, e.gov_code, e.gov_name, e.personnel, e.public)
            for e in b.basic_economic}  # fmt: skip
    for p in b.projects:
        old = rows.get(p.economic_code)
        if old is None:
            gov, gov_name = cls.government_code(p.economic_code)
            old = EcoRow(p.economic_code, cls.economic_name(p.economic_code), gov, gov_name,
                         ZERO, ZERO)  # fmt: skip
        rows[p.economic_code] = EcoRow(
            old.code,
            old.name,
            old.gov_code,
            old.gov_name,
            old.personnel,
            old.public,
            old.project + p.amount,
        )
    return [rows[c] for c in sorted(rows)]


def with_classes(rows: list[EcoRow], subtotals: bool) -> list[EcoRow]:
    out: list[EcoRow] = []
    for r in rows:
        if subtotals and (not out or out[-1].code[:3] != r.code[:3]):
            under = [x for x in rows if x.code[:3] == r.code[:3]]
            out.append(EcoRow(r.code[:3], cls.economic_class_name(r.code), "", "",
                              sum((x.personnel for x in under), ZERO),
                              sum((x.public for x in under), ZERO),
                              sum((x.project for x in under), ZERO)))  # fmt: skip
        out.append(r)
    return out


def _code_cols(ctx: Ctx) -> list[Col]:
    t = ctx.traits
    head = code_tree(t.codes, LEVELS, "部门经济分类", 1.5 if t.wrap_names else 2.8)
    if t.dual_codes:
        gov = [Col("政府经济分类名称", width=1.6 if t.wrap_names else 2.4, align="l")]
        if t.codes != "names_only":
            gov.insert(0, Col("科目编码", width=0.9, align="l"))
        head.append(Col("政府经济分类", gov))
    return head


def _row_cells(ctx: Ctx, r: EcoRow) -> list[CellLike]:
    t = ctx.traits
    cells = code_cells(t.codes, r.code, r.name, 2)
    if t.dual_codes:
        cells += [r.gov_name] if t.codes == "names_only" else [r.gov_code, r.gov_name]
    return cells


def _name_col(ctx: Ctx) -> int:
    return {"names_only": 0, "three_columns": 2}.get(ctx.traits.codes, 1)


def _total_cells(ctx: Ctx) -> list[CellLike]:
    """ "合计" in the name column, the code (and government code) columns blank."""
    width = sum(len(c.leaves()) for c in _code_cols(ctx))
    cells: list[CellLike] = [""] * width
    cells[_name_col(ctx)] = "合计"
    return cells


def basic_expenditure(ctx: Ctx) -> Sheet:
    """一般公共预算基本支出表: 合计 / 人员经费 / 公用经费 per economic 款 (and 类)."""
    b, t = ctx.budget, ctx.traits
    items = [EcoRow(e.code, e.name, e.gov_code, e.gov_name, e.personnel, e.public)
             for e in b.basic_economic]  # fmt: skip
    body: list[list[CellLike]] = [
        [
            *_total_cells(ctx),
            ctx.amt(b.basic, "totals.basic_expenditure"),
            ctx.amt(b.personnel, "totals.personnel_expense"),
            ctx.amt(b.public, "totals.public_expense"),
        ]
    ]
    for r in with_classes(items, t.with_subtotals):
        key = f"basic_expenditure_by_economic.{r.code}"
        body.append([*_row_cells(ctx, r), ctx.amt(r.basic, f"{key}.total"),
                     ctx.amt(r.personnel, f"{key}.personnel"),
                     ctx.amt(r.public, f"{key}.public")])  # fmt: skip
    a = ctx.align
    amounts = [Col(ctx.unit_label("合计", True), align=a), Col("人员经费", align=a),
               Col("公用经费", align=a)]  # fmt: skip
    group = "决算数" if t.final else "本年基本支出"
    grid = build_grid([*_code_cols(ctx), Col(group, amounts)], t.header_rows, body, t.rules)
    title = "一般公共预算财政拨款基本支出决算表" if t.final else "一般公共预算基本支出表"
    name_col = _name_col(ctx)
    return Sheet("basic_expenditure_economic", title, grid, wide=t.dual_codes, long=True,
                 name_col=name_col)  # fmt: skip


def economic_summary(ctx: Ctx) -> Sheet:
    """支出经济分类汇总表: all spending by economic code, basic split and projects."""
    b, t = ctx.budget, ctx.traits
    rows = all_spending(b)
    body: list[list[CellLike]] = [[
        *_total_cells(ctx), ctx.amt(b.total), ctx.amt(b.basic), ctx.amt(b.personnel),
        ctx.amt(b.public), ctx.amt(b.project)]]  # fmt: skip
    for r in with_classes(rows, t.with_subtotals):
        key = f"expenditure_by_economic.{r.code}"
        body.append([*_row_cells(ctx, r), ctx.amt(r.total, f"{key}.total"), ctx.amt(r.basic),
                     ctx.amt(r.personnel, f"{key}.personnel"),
                     ctx.amt(r.public, f"{key}.public"),
                     ctx.amt(r.project, f"{key}.project")])  # fmt: skip
    a = ctx.align
    basic = Col("基本支出", [Col("小计", align=a), Col("人员经费", align=a),
                             Col("公用经费", align=a)])  # fmt: skip
    amounts = [Col(ctx.unit_label("合计", True), align=a), basic, Col("项目支出", align=a)]
    tree = [*_code_cols(ctx), *amounts]
    grid = build_grid(tree, t.header_rows, body, t.rules)
    title = "支出经济分类汇总决算表" if t.final else "支出经济分类汇总表"
    name_col = _name_col(ctx)
    return Sheet("economic_classification_summary", title, grid, wide=True, long=True,
                 name_col=name_col)  # fmt: skip
