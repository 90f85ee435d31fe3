"""Cover and narrative (部门预算说明): sentences that restate some figures, exactly or rounded.

Narrative statements are weak truth: they are the truth of a path only when no table states
it (机关运行经费 is only ever in a sentence).  "rounded" restates figures in 万元 with fewer
decimals than the tables print, the trap of a total read from prose.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from tests.synth.money import UNIT_SCALE, fmt, from_printed, to_printed
from tests.synth.sheet import Ctx


def _say(ctx: Ctx, value: Decimal, path: str | None) -> str:
    """A figure as the prose prints it; records what it states."""
    t = ctx.traits
    if t.narrative == "rounded":
        decimals = 1 if ctx.budget.seed % 2 else 2
        step = Decimal(1).scaleb(-decimals)
        printed = (value / UNIT_SCALE["万元"]).quantize(step, rounding=ROUND_HALF_UP)
        stated, text = printed * UNIT_SCALE["万元"], f"{printed}万元"
    else:
        printed = to_printed(value, t.unit)
        stated, text = from_printed(printed, t.unit), f"{fmt(printed, t.thousands)}{t.unit}"
    if path:
        ctx.state(path, stated)
    return text


def cover(ctx: Ctx) -> list[str]:
    b = ctx.budget
    word = "部门决算" if ctx.traits.final else "部门预算"
    return [b.department, f"{b.year}年{word}"]


def paragraphs(ctx: Ctx) -> list[tuple[str, str]]:
    """("h" | "p", text) blocks; empty when the document has no narrative."""
    if ctx.traits.narrative == "none":
        return []
    b, final = ctx.budget, ctx.traits.final
    d, y = b.department, b.year
    word = "决算" if final else "预算"
    units = "；".join(f"{i + 1}、{name}" for i, (_, name) in enumerate(b.units))
    tp, pr = b.three_public, b.procurement
    out = [
        ("t", f"{d}{y}年度部门{word}情况说明"),
        ("h", "一、部门基本情况"),
        ("p", f"{d}{y}年部门{word}包括本级及所属单位{word}，纳入编制范围的预算单位包括：{units}。"),
        ("h", "二、收入支出总体情况"),
        ("p", f"{d}{y}年收入总计{_say(ctx, b.total, 'totals.revenue_total')}，支出总计"
              f"{_say(ctx, b.total, 'totals.expenditure_total')}。其中一般公共预算拨款收入"
              f"{_say(ctx, b.general_public_budget, 'totals.general_public_budget')}。"),
        ("p", f"基本支出{_say(ctx, b.basic, 'totals.basic_expenditure')}，用于保障机构正常运转；"
              f"项目支出{_say(ctx, b.project, 'totals.project_expenditure')}，主要用于完成特定"
              "行政工作任务和事业发展目标。"),
        ("h", "三、“三公”经费情况"),
        ("p", f"{y}年“三公”经费{word}{_say(ctx, tp.total, 'three_public.total')}，其中：因公出国"
              f"（境）费{_say(ctx, tp.overseas, None)}，公务用车购置及运行费"
              f"{_say(ctx, tp.vehicle, None)}，公务接待费{_say(ctx, tp.reception, None)}。"),
        ("h", "四、机关运行经费"),
        ("p", f"{y}年机关运行经费{word}{_say(ctx, b.operating, 'operating_expenses')}，"
              "主要用于办公费、印刷费、水电费、办公设备购置等日常公用经费支出。"),
        ("h", "五、政府采购情况"),
        ("p", f"{y}年政府采购{word}{_say(ctx, pr.total, 'procurement.total')}，其中：政府采购货物"
              f"{word}{_say(ctx, pr.goods, 'procurement.goods')}、政府采购工程{word}"
              f"{_say(ctx, pr.works, 'procurement.works')}、政府采购服务{word}"
              f"{_say(ctx, pr.services, 'procurement.services')}。"),
    ]  # fmt: skip
    return out
