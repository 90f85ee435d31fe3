"""Stated percentages, year-on-year changes and budget-vs-actual words vs the amounts.

- shares: "本年支出合计 2940.05 万元，其中：基本支出 2336.91 万元，占 79.49%" — the part over
  the whole the sentence names ("占本年支出合计的 100.00%") or heads ("…万元，其中", "…万元，
  主要用于");
- changes: "机关运行经费 184.65 万元，比 2023 年度增加 2.55 万元，增长 1.40%" — the change
  over last year's figure (this year's minus the change), and 增加 goes with 增长;
- 决算 items: "年初预算为 A 万元，支出决算为 B 万元，完成年初预算的 P%。决算数小于预算数…" —
  P = B / A, and 大于 / 小于 / 等于 / 持平 as B stands to A.

Every figure counts anywhere within its printed rounding: a percentage is wrong only when no
amounts that print as the stated ones give it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from extractors.validation.figures import (
    Figure,
    Severity,
    in_unit,
    make_finding,
    percent_agrees,
    ratio_range,
)
from extractors.validation.findings import Context, RuleResult
from extractors.validation.prose import amount_pattern

_PCT = r"(?P<pct>\d+(?:\.\d+)?)[%％]"
_SHARE = re.compile(
    amount_pattern("part") + r"[，,、]?占(?:(?P<base>[^，,。；;0-9%％]{1,20}?)的)?" + _PCT
)
_HEAD = re.compile(amount_pattern("head") + r"[。，,；;：:]?(?=其中|主要用于|主要包括|包括)")
_SECTION = re.compile(r"[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）")
_CHANGE = re.compile(
    amount_pattern("now")
    + r"(?:[，,]占[^。；;]{0,24}?[%％])?[。，,；;]?(?:与|比|较)(?:上年|上一年|去年|20\d\d年度?)"
    r"(?:预算|决算)?数?(?:相比)?[，,]?(?P<mid>[^。；;0-9]{0,30}?)(?P<dir>增加|减少)"
    + amount_pattern("delta")
    + r"[，,]?(?P<dir2>增长|下降|增加|减少)"
    + _PCT
)
_EXECUTION = re.compile(
    r"(?:年初预算|预算数|调整预算)(?:数)?为?"
    + amount_pattern("budget")
    + r"[，,；;]?(?:支出)?决算(?:数)?为?"
    + amount_pattern("actual")
)
_RATE = re.compile(r"^[。，,；;]?完成(?:年初|全年|调整)?预算(?:数)?的" + _PCT)
_WORD = re.compile(r"决算数(?P<cmp>大于|小于|等于|与预算数基本持平|与预算数持平|与预算数相等)")
_BASE_PATHS = {
    "本年支出合计": "totals.year_expenditure",
    "本年收入合计": None,
    "支出总计": "totals.expenditure_total",
    "收入总计": "totals.revenue_total",
    "基本支出": "totals.basic_expenditure",
    "项目支出": "totals.project_expenditure",
}


def check(ctx: Context) -> RuleResult:
    result = RuleResult()
    _shares(ctx, result)
    _changes(ctx, result)
    _execution(ctx, result)
    return result


def _shares(ctx: Context, result: RuleResult) -> None:
    text = ctx.narrative.text
    heads = list(_HEAD.finditer(text))
    for match in _SHARE.finditer(text):
        part = ctx.narrative.figure(match, "part", f"narrative {_label_before(text, match)}")
        stated = ctx.narrative.percent(match, "pct", "stated share")
        if part is None:
            continue
        base = match.group("base")
        whole = _named(ctx, base) if base else _head(ctx, heads, match.start())
        if whole is None or whole.value <= 0:
            continue
        bounds = ratio_range(part, whole)
        if bounds is None or percent_agrees(stated, bounds):
            continue
        computed = part.value / whole.value * 100
        result.findings.append(
            make_finding(
                "narrative.share",
                [part, whole, stated],
                f"{part.label} {part.printed()} is {computed:.2f}% of {whole.label} "
                f"{whole.printed()}, the text says {stated.raw}% (p{stated.page})",
                difference=stated.value - computed,
                difference_unit="%",
                severity=_severity(stated, bounds),
            )
        )


def _severity(stated: Figure, bounds: tuple[Decimal, Decimal]) -> Severity:
    """Off by no more than one unit of the stated percentage's last digit: the publisher
    truncated, or rounded from other figures ("rounding"); else "error"."""
    lo, hi = bounds
    off = max(lo - stated.value, stated.value - hi, Decimal(0))
    return "rounding" if off <= stated.precision else "error"


def _label_before(text: str, match: re.Match[str]) -> str:
    return _label(text[max(0, match.start() - 30) : match.start()]) or "figure"


def _label(before: str) -> str:
    """The words naming a figure: the text before it back to the last punctuation, a
    trailing （类）/（款） kept with its name."""
    core = re.sub(r"[（(][类款项][)）]$", "", before)
    tail = re.split(r"[，,。；;：:、）)]|情况", core)[-1]
    return (tail + before[len(core) :])[-16:]


def _named(ctx: Context, base: str) -> Figure | None:
    """The figure a share names as its base: stated in the narrative, else the value."""
    name = re.sub(r"^(?:当年|本部门|部门)", "", base)
    pattern = re.compile(re.escape(name) + r"[为是]?" + amount_pattern("amt"))
    match = pattern.search(ctx.narrative.text)
    if match is not None:
        return ctx.narrative.figure(match, "amt", f"narrative {name}")
    path = _BASE_PATHS.get(name)
    value = ctx.values.get(path) if path else None
    if value is None:
        return None
    return Figure(
        label=name,
        value=value.value,
        raw=value.raw,
        unit=value.unit,
        page=value.sources[0].page,
        path=path,
        source=value.sources[0].table_id,
    )


def _head(ctx: Context, heads: list[re.Match[str]], start: int) -> Figure | None:
    """The nearest figure before a share that heads a breakdown ("…万元，其中"), within its
    section (a new 一、/（一） heading ends a breakdown)."""
    text = ctx.narrative.text
    before = [h for h in heads if h.end() <= start and start - h.end() <= 400]
    if not before:
        return None
    head = before[-1]
    if _SECTION.search(text, head.end(), start):
        return None
    label = _label(text[max(0, head.start() - 30) : head.start()])
    return ctx.narrative.figure(head, "head", f"narrative {label or 'total'}")


def _changes(ctx: Context, result: RuleResult) -> None:
    text = ctx.narrative.text
    for match in _CHANGE.finditer(text):
        now = ctx.narrative.figure(match, "now", "this year")
        delta = ctx.narrative.figure(match, "delta", "change")
        stated = ctx.narrative.percent(match, "pct", "stated change")
        if now is None or delta is None:
            continue
        up = match.group("dir") == "增加"
        if up != (match.group("dir2") in ("增长", "增加")):
            result.findings.append(
                make_finding(
                    "narrative.year_on_year",
                    [now, delta, stated],
                    f"the text says {match.group('dir')} {delta.printed()} but "
                    f"{match.group('dir2')} {stated.raw}% (p{stated.page})",
                )
            )
            continue
        sign = Decimal(-1) if up else Decimal(1)
        prior = now.value + sign * delta.value
        half = (now.precision + delta.precision) / 2
        lo_prior, hi_prior = prior - half, prior + half
        lo_d, hi_d = (
            max(delta.value - delta.precision / 2, Decimal(0)),
            delta.value + (delta.precision / 2),
        )
        if lo_prior <= 0 and stated.value == 100:
            continue  # new this year ("单位于 2024 年成立"): 100% by convention
        if hi_prior <= 0:
            ok = False
            computed = None
            bounds = None
        else:
            lo = lo_d / hi_prior * 100
            hi = hi_d / lo_prior * 100 if lo_prior > 0 else Decimal("Infinity")
            bounds = (lo, hi)
            ok = percent_agrees(stated, bounds)
            computed = delta.value / prior * 100 if prior > 0 else None
        if ok:
            continue
        prior_text = in_unit(prior, now.unit)
        shown = f"{computed:.2f}%" if computed is not None else "undefined"
        result.findings.append(
            make_finding(
                "narrative.year_on_year",
                [now, delta, stated],
                f"{now.printed()} now, {match.group('dir')} {delta.printed()} on last year "
                f"(so last year {prior_text}) is a change of {shown}, the text says "
                f"{stated.raw}% (p{stated.page})",
                difference=stated.value - computed if computed is not None else None,
                difference_unit="%",
                severity=_severity(stated, bounds) if bounds else "error",
            )
        )


def _execution(ctx: Context, result: RuleResult) -> None:
    text = ctx.narrative.text
    for match in _EXECUTION.finditer(text):
        budget = ctx.narrative.figure(match, "budget", "budget (年初预算)")
        actual = ctx.narrative.figure(match, "actual", "actual (决算)")
        if budget is None or actual is None:
            continue
        after = text[match.end() : match.end() + 80]
        cut = re.search(r"(?<!完成)年初预算|[（(]类[)）]|\d{1,2}[、.．](?=[\u4e00-\u9fff])", after)
        after = after[: cut.start()] if cut else after
        rate = _RATE.search(after)
        if rate is not None and budget.value > 0:
            stated = ctx.narrative.percent_at(
                rate.group("pct"), match.end() + rate.start("pct"), "完成预算"
            )
            bounds = ratio_range(actual, budget)
            if bounds is not None and not percent_agrees(stated, bounds):
                computed = actual.value / budget.value * 100
                result.findings.append(
                    make_finding(
                        "narrative.execution_rate",
                        [budget, actual, stated],
                        f"actual {actual.printed()} over budget {budget.printed()} is "
                        f"{computed:.2f}%, the text says {stated.raw}% (p{stated.page})",
                        difference=stated.value - computed,
                        difference_unit="%",
                        severity=_severity(stated, bounds),
                    )
                )
        word = _WORD.search(after)
        if word is not None:
            _comparison(result, budget, actual, word.group("cmp"), ctx, match.end() + word.start())


def _comparison(
    result: RuleResult, budget: Figure, actual: Figure, word: str, ctx: Context, at: int
) -> None:
    diff = actual.value - budget.value
    tol = max(budget.precision, actual.precision)
    if word == "大于":
        ok = diff > 0
    elif word == "小于":
        ok = diff < 0
    elif word in ("等于", "与预算数持平", "与预算数相等"):
        ok = abs(diff) <= tol or abs(diff) <= abs(budget.value) / 100
    else:  # 基本持平
        ok = abs(diff) <= tol or abs(diff) <= abs(budget.value) * 5 / 100
    if ok:
        return
    relation = "more than" if diff > 0 else "less than" if diff < 0 else "equal to"
    page = ctx.narrative.page_at(at)
    result.findings.append(
        make_finding(
            "narrative.budget_vs_actual",
            [budget, actual],
            f"the text says 决算数{word}预算数 (p{page}), but the actual "
            f"{actual.printed()} is {relation} the budget {budget.printed()} "
            f"(by {in_unit(abs(diff), actual.unit)})",
            difference=diff,
            extra_pages=[page] if page else [],
        )
    )
