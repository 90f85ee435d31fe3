"""Table kind from its title and header: titles vary (部门公开表1, 预算01表, 表一 …)."""

from __future__ import annotations

import re

from schemas import TableKind

# Order matters: the first rule whose every keyword group matches wins.
# Each rule: (kind, [alternatives that must ALL match], [words that must NOT appear]).
_RULES: list[tuple[TableKind, list[str], list[str]]] = [
    (TableKind.performance_overall, [r"整体绩效|部门绩效目标|整体支出绩效"], []),
    (TableKind.performance_projects, [r"绩效目标|绩效指标"], []),
    (TableKind.medium_term_plan, [r"中期"], []),
    (TableKind.three_public, [r"三公"], []),
    # One fund's own 收支总表 (西安 表9 "政府性基金收支总表") is not the department's.
    (TableKind.government_fund, [r"政府性基金(预算)?收支"], []),
    (TableKind.state_capital, [r"国有资本经营(预算)?收支"], []),
    (TableKind.fiscal_appropriation_summary, [r"财政拨款收支|财政拨款收入支出"], []),
    (TableKind.government_fund, [r"政府性基金"], [r"收支总"]),
    (TableKind.state_capital, [r"国有资本经营"], [r"收支总"]),
    (TableKind.procurement, [r"政府采购"], []),
    (TableKind.basic_expenditure_economic, [r"基本支出"], [r"项目支出表|项目支出预算表"]),
    (TableKind.economic_classification_summary, [r"经济分类"], []),
    (TableKind.general_budget_expenditure, [r"一般公共预算.{0,6}支出"], []),
    (TableKind.revenue_expenditure_summary, [r"收支.{0,6}总|收支总体|收入支出.{0,4}总"], []),
    (TableKind.project_expenditure, [r"项目支出|专项业务经费|项目表"], [r"基本支出"]),
    (TableKind.revenue_summary, [r"收入.{0,6}总表|收入总体|收入预算表|收入决算表"], []),
    (TableKind.expenditure_summary, [r"支出.{0,6}总表|支出总体|支出预算表|支出决算表"], []),
]
_TITLE_HINT = re.compile(r"表|情况|预算|决算")
# "支出决算表（单位：千元）": the unit after a title does not make it a unit line.
_UNIT_SUFFIX = re.compile(r"[（(]\s*(金额)?单位\s*[:：]?\s*(亿元|万元|千元|元)\s*[)）]$")


def kind_from_title(title: str) -> TableKind | None:
    text = re.sub(r"\s+", "", title)
    for kind, required, forbidden in _RULES:
        if all(re.search(p, text) for p in required) and not any(
            re.search(p, text) for p in forbidden
        ):
            return kind
    return None


def pick_title(context: list[str]) -> str:
    """The nearest line above the table that reads like a table title."""
    for line in reversed(context):
        text = _UNIT_SUFFIX.sub("", re.sub(r"\s+", "", line))
        if "单位" in text and len(text) < 40 and not text.endswith("表"):
            continue
        if _TITLE_HINT.search(text) and kind_from_title(text) is not None:
            return line.strip()
    return ""
