"""The 三公, cross-table and document rules on constructed tables and values (the real
files that plant these errors: tests/test_findings.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.validation import (
    rules_cross_table,
    rules_document,
    rules_three_public,
)
from extractors.validation.figures import Figure
from extractors.validation.findings import Context, RuleResult
from schemas import Source, TableKind
from tests.unit.rule_inputs import cell_source, prose_lines, titled_table, value_of


def _economic_names(monkeypatch: pytest.MonkeyPatch, names: dict[str, str]) -> None:
    from extractors.mapping.coded_items import ItemInfo, ItemReadings

    def fake(typed: object, kind: object, section: str) -> ItemReadings:
        items = {code: ItemInfo(code=code, name=name, level="款") for code, name in names.items()}
        return ItemReadings(section, items=items)

    monkeypatch.setattr(rules_three_public, "economic_items", fake)


def test_three_public_vs_economic_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    _economic_names(monkeypatch, {"30217": "公务接待费"})
    tables = [
        titled_table(TableKind.three_public, "一般公共预算“三公”经费支出表", 7),
        titled_table(TableKind.basic_expenditure_economic, "一般公共预算基本支出表", 6),
    ]
    values = {
        "three_public.reception": value_of(
            "three_public.reception", "20000", "2.00", cell_source(7, "2.00")
        ),
        "basic_expenditure_by_economic.30217.total": value_of(
            "basic_expenditure_by_economic.30217.total", "50000", "5.00", cell_source(6, "5.00")
        ),
    }
    [finding] = rules_three_public.check(Context(values=values, typed=tables, prose=[])).findings
    assert finding.rule == "three_public.economic_code"
    assert finding.difference == Decimal("30000")
    assert finding.pages == [6, 7]
    # Basic spending below the 三公 figure is fine (the rest is project spending).
    values["three_public.reception"] = value_of(
        "three_public.reception", "80000", "8.00", cell_source(7, "8.00")
    )
    assert rules_three_public.check(Context(values=values, typed=tables, prose=[])).findings == []
    # Read by OCR: not a finding but review.
    ocr = Source(page=6, table_id="p6-t1", row=1, col=1, text="9.00", method="ocr")
    values["basic_expenditure_by_economic.30217.total"] = value_of(
        "basic_expenditure_by_economic.30217.total", "90000", "9.00", ocr
    )
    result = rules_three_public.check(Context(values=values, typed=tables, prose=[]))
    assert result.findings == []
    assert "basic_expenditure_by_economic.30217.total" in result.review
    # A unit's own numbering: 302 17 is not 公务接待费 there.
    _economic_names(monkeypatch, {"30217": "机关事业单位退休人员活动费"})
    values["basic_expenditure_by_economic.30217.total"] = value_of(
        "basic_expenditure_by_economic.30217.total", "90000", "9.00", cell_source(6, "9.00")
    )
    result = rules_three_public.check(Context(values=values, typed=tables, prose=[]))
    assert result.findings == [] and result.review == {}


def test_three_public_table_blank() -> None:
    tables = [titled_table(TableKind.three_public, "财政拨款“三公”经费支出决算表", 15)]
    ctx = Context(
        values={},
        typed=tables,
        prose=prose_lines(
            "“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元。", page=22
        ),
        final_accounts=True,
    )
    [finding] = rules_three_public.check(ctx).findings
    assert finding.rule == "three_public.table_blank"
    assert finding.pages == [15, 22]


def test_cross_table_columns() -> None:
    def col(name: str, page: int, classes: dict[str, str], total: str) -> rules_cross_table.Column:
        def fig(raw: str) -> Figure:
            return Figure(name, Decimal(raw) * 10000, raw, "万元", page, source=f"p{page}-t1")

        return rules_cross_table.Column(
            table=titled_table(TableKind.other, name, page),
            name=name,
            classes={code: fig(raw) for code, raw in classes.items()},
            total=fig(total),
        )

    summary = col("收支总表", 6, {"201": "2106.66", "208": "326.71"}, "2433.37")
    detail = col("部门支出总表", 10, {"201": "2106.66", "208": "326.72"}, "2433.38")
    result = RuleResult()
    rules_cross_table._compare_columns(result, summary, detail)
    rules = [(f.rule, f.severity, f.pages) for f in result.findings]
    assert rules == [
        ("cross_table.function_class", "rounding", [6, 10]),
        ("cross_table.total", "rounding", [6, 10]),
    ]
    # A column that does not add up to its own 合计 was not read right: not compared.
    broken = col("部门支出总表", 10, {"201": "2106.66", "208": "26.72"}, "2433.38")
    result = RuleResult()
    rules_cross_table._compare_columns(result, summary, broken)
    assert result.findings == []
    assert rules_cross_table._class_code("八、社会保障和就业支出") == "208"
    assert rules_cross_table._class_code("本年支出合计") is None


def test_document_rules() -> None:
    lines = [
        *prose_lines("目录", "一、收入支出决算总表", "二、支出决算表", "三、收入决算表", page=2),
        *prose_lines("第二部分上海市普陀区XX局2024年度部门决算表", "收入支出决算总表", page=7),
        *prose_lines("第三部分上海市普陀区财政局2023年度部门决算情况说明", page=18),
        *prose_lines("与2023年度相比，收入支出总计减少56.95万元。", page=18),
        *prose_lines("截至2023年12月31日，共有车辆0辆。", page=24),
    ]
    typed = [
        titled_table(TableKind.revenue_expenditure_summary, "收入支出决算总表", 7),
        titled_table(TableKind.revenue_summary, "收入决算表", 8),
    ]
    ctx = Context(values={}, typed=typed, prose=lines, fiscal_year=2024, final_accounts=True)
    got = sorted((f.rule, f.pages[0]) for f in rules_document.check(ctx).findings)
    assert got == [
        ("document.as_of_year", 24),
        ("document.heading_year", 18),
        ("document.missing_table", 2),
        ("document.placeholder", 7),
    ]
