"""Whose figure a sentence states: the department's, or one fund's, unit's, item's or
project's (then it is no source of the department's total).  Also the text primitives the
narrative patterns share."""

from __future__ import annotations

import re
from decimal import Decimal

from extractors.numbers import UNIT_FACTORS, parse_amount

NUM = r"(\d[\d,，]*(?:\.\d+)?)\s*(亿元|万元|千元|元)"
# Up to 14 characters between a keyword and its number, or a year close on both sides
# ("公务用车购置费 2026 年预算数 0.00 万元"); that year must be the fiscal year (checked in
# _sentence_readings).  Never across a sentence end or a hole in the text (HOLE: lines
# missing between two lines).
HOLE = "\n"
GAP = r"(?:[^。；;0-9\n]{0,14}?|[^。；;0-9\n]{0,4}?20\d\d\s*年度?[^。；;0-9\n]{0,6}?)"

_OPERATING = re.compile(r"机关(行政)?运行(经)?费")
_ITEM_CODE = re.compile(r"[（(]\d{3}(\d\d)?(\d\d)?[)）]")


_SPENDING = {
    "totals.basic_expenditure",
    "totals.project_expenditure",
    "totals.personnel_expense",
    "totals.public_expense",
}
# What the text last spoke of: one fund's or one unit's spending, or the department's.
_FUND = r"(一般公共预算|财政拨款|政府性基金)[^。，,；0-9]{0,8}支出|财政拨款(收支)?(预算)?情况"
_UNIT = (
    r"[（(]本级[)）]"
    # "二、深圳市饮用水源保护管理办公室预算 4,291.51 万元，包括…": one unit's budget.
    r"|[一二三四五六七八九十]+、[^。，,；0-9]{2,40}(办公室|中心|站|所|院|队|处|馆|学校)[^。，,；0-9]{0,20}预算"
    r"|[一二三四五六七八九十]+、[^。，,；0-9]{2,60}预算(?=\s*[\d,.]+\s*万?元[，,]\s*包括)"
)
_WIDE = (
    r"收支总体|收支(预算)?总计|收入总计|支出总计|部门预算(收入|支出)"
    r"|(收入|支出)预算(总额)?[为是]?\d"
)
_SCOPE = re.compile(f"(?P<fund>{_FUND})|(?P<unit>{_UNIT})|(?P<wide>{_WIDE})")
SCOPE_WINDOW = 300
_UNIT_FIGURE = re.compile(GAP + NUM)
# 人员经费 / 公用经费 are the split of the basic spending of the general public budget (the
# 一般公共预算基本支出表): a sentence about that fund states them for the department.
_BASIC_SPLIT = {"totals.personnel_expense", "totals.public_expense"}


def sub_scope(path: str, text: str, start: int, whole: set[Decimal] | None = None) -> bool:
    """A figure said of a part: "机关运行经费…其中…公务用车运行维护费 12 万元" is not the
    三公 item, "对个人和家庭的补助（303）…其中：人员经费 138.06 万元" is not the department's
    人员经费, nor is "一般公共预算财政拨款支出 … 其中：基本支出 …" or "…（本级）预算 …,
    包括 … 项目支出 …" the department's 基本支出 / 项目支出.

    `whole`: the department's total as stated so far; a "unit" whose budget is that total
    is the department itself ("一、深圳市审计局预算 10,737.69 万元，包括…")."""
    clause = text[text.rfind("。", 0, start) + 1 : start]
    if path.startswith("three_public.") and _OPERATING.search(clause):
        return True
    if not path.startswith("totals."):
        return False
    if _ITEM_CODE.search(clause):
        return True
    if path not in _SPENDING:
        return False
    if path == "totals.project_expenditure" and _named_project(text, start):
        return True
    window = text[max(0, start - SCOPE_WINDOW) : start]
    scopes = [m for m in _SCOPE.finditer(window) if not (m.group("fund") and path in _BASIC_SPLIT)]
    if not scopes or scopes[-1].group("wide"):
        return False
    last = scopes[-1]
    return not (last.group("unit") and _unit_is_whole(window, last.end(), whole or set()))


def _unit_is_whole(text: str, end: int, whole: set[Decimal]) -> bool:
    figure = _UNIT_FIGURE.match(text, end)
    if figure is None:
        return False
    parsed = parse_amount(figure.group(1).replace("，", ","))
    return parsed is not None and parsed.value * UNIT_FACTORS[figure.group(2)] in whole


_PHRASE_START = re.compile(r"[，。；、：:,;（）()]|\d[.．]")
_PLAIN_WORDS = re.compile(
    r"\d{4}\s*年度?|其中|全年|本年|年度|安排|部门|单位|预算|主要是|包括|共计|用于"
)


def _named_project(text: str, start: int) -> bool:
    """ "1.生态环境监测项目支出 4,094.77 万元": one project's name ending in 项目支出."""
    begin = max(
        (m.end() for m in _PHRASE_START.finditer(text, max(0, start - 40), start)),
        default=start - 40,
    )
    prefix = _PLAIN_WORDS.sub("", text[max(0, begin) : start])
    return bool(re.search(r"[\u4e00-\u9fff]", prefix))
