"""Narrative vs tables: a figure the prose states that disagrees with the table beyond the
rounding of the prose's figure.

- Totals the narrative restates ("收入支出总计 2995.39 万元", "基本支出 …") are already a
  second source of the same value (mapping/narrative.py, reconcile.py); where the table's
  figure is confirmed (an identity holds, or another table agrees) and the narrative's
  disagrees, the document contradicts itself.
- Function classes and items the narrative explains ("一般公共服务支出（类）2106.66 万元",
  "…财政事务（款）行政运行（项）…支出决算为 1511.89 万元") against the 一般公共预算支出表
  (where the prose explains that fund) and, failing that, the all-funds 部门支出总表: a
  figure that matches neither is a finding.
"""

from __future__ import annotations

import re

from extractors.classification import find_function_code
from extractors.mapping.coded_items import function_items_of
from extractors.mapping.labelled import labelled_cells
from extractors.numbers import UNIT_FACTORS, parse_amount, to_yuan
from extractors.validation.figures import (
    Figure,
    compare_same,
    in_unit,
    make_finding,
    value_figure,
)
from extractors.validation.findings import Context, RuleResult, reading_figure, undoubted
from extractors.validation.prose import NUM, UNIT, amount_pattern
from schemas import ReadMethod, TableKind

_LAST_AMOUNT = re.compile(rf"({NUM})\s*({UNIT})")
_NAME = r"[\u4e00-\u9fff]{2,30}?"
_CLASS = re.compile(rf"(?P<name>{_NAME})[（(]类[)）]" + amount_pattern("amt"))
_ITEM = re.compile(
    rf"(?P<lei>{_NAME})[（(]类[)）](?P<kuan>{_NAME})[（(]款[)）](?P<xiang>{_NAME})[（(]项[)）]"
)
_ACTUAL = re.compile(r"(?<!年初)(?:支出)?决算(?:数)?为?" + amount_pattern("amt"))
_BUDGET = re.compile(
    r"^[。．.：:]?[^。；0-9]{0,16}?(?:预算数?|安排)?[为是]?" + amount_pattern("amt")
)


def check(ctx: Context) -> RuleResult:
    result = RuleResult()
    _restated_totals(ctx, result)
    _function_statements(ctx, result)
    _fiscal_total(ctx, result)
    return result


_FISCAL_SAID = re.compile(
    r"财政拨款收(?:入)?支(?:出)?(?:预算|决算)?总(?:计|额)[为是]?" + amount_pattern("amt")
)
_OTHER_FUND = re.compile(r"政府性基金|国有资本")


def _fiscal_total(ctx: Context, result: RuleResult) -> None:
    """ "财政拨款收入支出总计 2961.68 万元" against the 财政拨款收支总表's 总计, where its
    收入 and 支出 sides print the same 总计 (so the table's figure is confirmed)."""
    match = _FISCAL_SAID.search(ctx.narrative.text)
    table = next(
        (
            t
            for t in ctx.typed
            if t.kind == TableKind.fiscal_appropriation_summary and not _OTHER_FUND.search(t.title)
        ),
        None,
    )
    if match is None or table is None:
        return
    said = ctx.narrative.figure(match, "amt", "narrative 财政拨款收入支出总计")
    totals: list[Figure] = []
    for lc in labelled_cells(table):
        if re.fullmatch(r"总计|收入总计|支出总计", lc.row_label) and not lc.empty:
            parsed = parse_amount(lc.cell.text)
            if parsed is None or lc.cell.method != "pdf_text":
                continue
            totals.append(
                Figure(
                    label=f"财政拨款收支总表 {lc.column_label.split('/')[0]}{lc.row_label}",
                    value=to_yuan(parsed.value, table.unit),
                    raw=parsed.raw,
                    unit=table.unit,
                    page=lc.cell.page,
                    source=table.table_id,
                )
            )
    if said is None or len(totals) < 2 or len({t.value for t in totals}) != 1:
        return
    severity = compare_same(totals[0], said)
    if severity is None:
        return
    diff = said.value - totals[0].value
    result.findings.append(
        make_finding(
            "narrative.fiscal_total",
            [totals[0], said],
            f"the narrative says 财政拨款收入支出总计 {said.printed()} (p{said.page}), the "
            f"财政拨款收支总表 {totals[0].printed()} (p{totals[0].page}); differs by "
            f"{in_unit(abs(diff), totals[0].unit)}",
            difference=diff,
            severity=severity,
        )
    )


def _restated_totals(ctx: Context, result: RuleResult) -> None:
    for path, value in ctx.values.items():
        if not value.from_table:
            continue
        narrative = [s for s in value.sources if s.table_id is None]
        failed = [name for name, ok in value.source_checks if not ok]
        if not narrative or failed.count("narrative.equals_table") == 0:
            continue
        # Every table reading of the value agrees, none from OCR, and something
        # independent confirms it: only then is the prose the one that differs.
        tables_agree = "cross_table.same_value" not in failed
        table_ocr = any(s.method == ReadMethod.ocr for s in value.sources if s.table_id)
        passed = any(c.passed for c in ctx.checks.get(path, []))
        if not tables_agree or table_ocr or not undoubted(ctx, path) or not passed:
            continue
        table = value_figure(path, value, f"{path} (table)")
        for source in narrative:
            said = _said(source.text, source.page, path)
            if said is None or source.method == ReadMethod.ocr or _ambiguous(path, source.text):
                continue
            severity = compare_same(table, said)
            if severity is None:
                continue
            diff = said.value - table.value
            result.findings.append(
                make_finding(
                    "narrative.equals_table",
                    [table, said],
                    f"the narrative says {path} is {said.printed()} (p{said.page}: "
                    f"“{source.text}”), the table {table.printed()} (p{table.page}); "
                    f"differs by {in_unit(abs(diff), table.unit)}",
                    difference=diff,
                    severity=severity,
                )
            )


# The words naming each item.  A sentence that names another item, or starts a list
# ("（一）…"), between the keyword and the number may state that item's figure, not this
# one's: our reading of it is in doubt, and a disagreement is no finding.
_OWN_WORDS: dict[str, str] = {
    "three_public.total": "三公",
    "three_public.overseas_travel": "因公出国",
    "three_public.vehicle_total": "公务用车|购置|运行",
    "three_public.vehicle_purchase": "公务用车|购置",
    "three_public.vehicle_operation": "公务用车|运行",
    "three_public.reception": "公务接待",
    "totals.basic_expenditure": "基本支出",
    "totals.project_expenditure": "项目支出",
    "totals.personnel_expense": "人员经费",
    "totals.public_expense": "公用经费",
    "operating_expenses": "机关运行|运行经费",
    "procurement.total": "政府采购",
    "procurement.goods": "政府采购|货物",
    "procurement.works": "政府采购|工程",
    "procurement.services": "政府采购|服务",
}
_ITEM_WORDS = re.compile(
    "|".join(sorted({w for words in _OWN_WORDS.values() for w in words.split("|")}))
)
_LIST_START = re.compile(
    r"[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[、.．](?!\d)"
)


def _ambiguous(path: str, text: str) -> bool:
    own = set(_OWN_WORDS.get(path, "").split("|")) - {""}
    others = {m.group(0) for m in _ITEM_WORDS.finditer(text)} - own
    return bool(others) or bool(_LIST_START.search(text))


def _said(text: str, page: int, path: str) -> Figure | None:
    matches = list(_LAST_AMOUNT.finditer(text))
    if not matches:
        return None
    raw, unit = matches[-1].group(1), matches[-1].group(2)
    parsed = parse_amount(raw.replace("，", ","))
    if parsed is None:
        return None
    return Figure(
        label=f"{path} (narrative)",
        value=parsed.value * UNIT_FACTORS[unit],
        raw=raw,
        unit=unit,
        page=page,
        source=text[:60],
    )


def _function_statements(ctx: Context, result: RuleResult) -> None:
    gpb = _totals(ctx, TableKind.general_budget_expenditure)
    whole = _totals(ctx, TableKind.expenditure_summary)
    if not gpb and not whole:
        return
    text = ctx.narrative.text
    for match in _CLASS.finditer(text):
        code = _code(match.group("name"), None)
        said = ctx.narrative.figure(match, "amt", f"narrative {match.group('name')}（类）")
        if code and said:
            _check_statement(ctx, result, code, said, gpb, whole)
    for match in _ITEM.finditer(text):
        lei = _code(match.group("lei"), None)
        kuan = _code(match.group("kuan"), lei) if lei else None
        xiang = _code(match.group("xiang"), kuan) if kuan else None
        if xiang is None:
            continue
        window = text[match.end() : match.end() + 160]
        window = window[: _next_item(window)]
        found = _ACTUAL.search(window) if ctx.final_accounts else _BUDGET.match(window)
        if found is None:
            continue
        said = ctx.narrative.amount(
            found.group("amt"),
            found.group("amt_u"),
            match.end() + found.start("amt"),
            f"narrative {match.group('xiang')}（项）",
        )
        if said:
            _check_statement(ctx, result, xiang, said, gpb, whole)


def _next_item(window: str) -> int:
    ends = [
        m.start() for m in re.finditer(r"[（(]类[)）]|\d{1,2}[、.．](?=[\u4e00-\u9fff])", window)
    ]
    return min(ends, default=len(window))


def _code(name: str, parent: str | None) -> str | None:
    """The code of a name, trying shorter tails ("主要用于以下方面一般公共服务支出")."""
    for start in range(len(name) - 1):
        match = find_function_code(name[start:], parent)
        if match is not None and (match.exact or start == 0):
            return match.code
    return None


def _totals(ctx: Context, kind: TableKind) -> dict[str, Figure]:
    items = function_items_of(ctx.typed, kind)
    name = "一般公共预算支出表" if kind == TableKind.general_budget_expenditure else "部门支出总表"
    out = {}
    for reading in items.readings:
        _, code, field_name = reading.path.split(".")
        if field_name == "total":
            out[code] = reading_figure(ctx, f"{name} {code}", reading, require_firm_value=True)
    return out


def _check_statement(
    ctx: Context,
    result: RuleResult,
    code: str,
    said: Figure,
    gpb: dict[str, Figure],
    whole: dict[str, Figure],
) -> None:
    """The prose explains the 一般公共预算 items: against that table where the document
    prints it; else against the all-funds table, of which the fund is a part, so only a
    narrative figure above the table's contradicts it."""
    tables = [t[code] for t in (gpb, whole) if code in t]
    if not tables or any(compare_same(t, said) is None for t in tables):
        return
    table = tables[0]
    if not table.firm:
        return
    if code not in gpb and said.value <= table.value:
        return
    diff = said.value - table.value
    severity = compare_same(table, said)
    result.findings.append(
        make_finding(
            "narrative.function_item",
            [table, said],
            f"{code}: the narrative says {said.printed()} (p{said.page}), {table.label} "
            f"{table.printed()} (p{table.page}); differs by {in_unit(abs(diff), table.unit)}",
            difference=diff,
            severity=severity,
        )
    )
