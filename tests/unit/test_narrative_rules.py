"""The narrative and percentage rules on constructed sentences and values (the real files
that plant these errors: tests/test_findings.py)."""

from __future__ import annotations

from decimal import Decimal

from extractors.model import Line, Word
from extractors.validation import (
    rules_narrative,
    rules_percent,
)
from extractors.validation.figures import Figure, compare_same
from extractors.validation.findings import Context
from schemas import Check, Source
from tests.unit.rule_inputs import cell_source, prose_context, value_of


def test_compare_same() -> None:
    def fig(raw: str) -> Figure:
        return Figure("x", Decimal(raw.replace(",", "")) * 10000, raw, "万元", 1)

    assert compare_same(fig("326.72"), fig("326.72")) is None
    assert compare_same(fig("326.71"), fig("326.72")) == "rounding"
    assert compare_same(fig("326.52"), fig("326.72")) == "error"
    assert compare_same(fig("6.2"), fig("6.20")) is None  # printed coarser, same figure
    assert compare_same(fig("6.2"), fig("6.24")) is None
    assert compare_same(fig("6.2"), fig("6.29")) == "rounding"


def test_share_rule() -> None:
    ok = (
        "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；"
        "项目支出603.14万元，占20.51%。"
    )
    assert rules_percent.check(prose_context(ok)).findings == []
    wrong = ok.replace("占79.49%", "占80.49%")
    [finding] = rules_percent.check(prose_context(wrong)).findings
    assert finding.rule == "narrative.share"
    assert finding.difference_unit == "%"
    assert finding.difference is not None and abs(finding.difference - Decimal("1.0")) < 1
    # Named base: "占本年支出合计的 100.00%".
    named = "本年支出合计2940.05万元。一般公共预算财政拨款支出2940.05万元，占本年支出合计的99.00%。"
    [finding] = rules_percent.check(prose_context(named)).findings
    assert finding.severity == "error"
    # Truncated rather than rounded: one unit of the last digit, reported as rounding.
    truncated = (
        "一般公共预算财政拨款支出307.82万元，主要用于：住房保障支出（类）29.42万元，占9.55%。"
    )
    [finding] = rules_percent.check(prose_context(truncated)).findings
    assert finding.severity == "rounding"


def test_year_on_year_rule() -> None:
    ok = "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。"
    assert rules_percent.check(prose_context(ok)).findings == []
    [finding] = rules_percent.check(prose_context(ok.replace("1.40%", "1.50%"))).findings
    assert finding.rule == "narrative.year_on_year"
    [finding] = rules_percent.check(prose_context(ok.replace("增长", "下降"))).findings
    assert "增加" in finding.message
    fall = "收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。"
    assert rules_percent.check(prose_context(fall)).findings == []
    new_unit = "机关运行经费支出10.23万元，比2023年度增加10.23万元，增长100.00%。"
    assert rules_percent.check(prose_context(new_unit)).findings == []


def test_budget_vs_actual_rule() -> None:
    text = (
        "年初预算为1560.05万元，支出决算为1511.89万元，完成年初预算的96.91%。"
        "决算数小于预算数的主要原因：人员变化。"
    )
    assert rules_percent.check(prose_context(text)).findings == []
    [finding] = rules_percent.check(prose_context(text.replace("小于", "大于"))).findings
    assert finding.rule == "narrative.budget_vs_actual"
    assert finding.difference == Decimal("-481600")
    [finding] = rules_percent.check(prose_context(text.replace("96.91%", "98.20%"))).findings
    assert finding.rule == "narrative.execution_rate"
    same = "年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。"
    assert rules_percent.check(prose_context(same)).findings == []


def test_narrative_vs_table_rule() -> None:
    path = "totals.expenditure_total"
    narrative = Source(page=18, text="支出总计0万元")
    value = value_of(
        path,
        "29953900",
        "2,995.39",
        cell_source(7, "2,995.39"),
        narrative,
        source_checks=[("narrative.equals_table", False)],
    )
    passed = {path: [Check(name="totals.balance", passed=True)]}
    ctx = Context(values={path: value}, typed=[], prose=[], checks=passed)
    [finding] = rules_narrative.check(ctx).findings
    assert finding.rule == "narrative.equals_table"
    assert finding.difference == Decimal("-29953900")
    assert finding.pages == [7, 18]
    # Nothing confirms the table's figure: our reading may be wrong — no finding.
    assert rules_narrative.check(Context(values={path: value}, typed=[], prose=[])).findings == []
    # A failed identity doubts the table's reading: no finding either.
    doubted = Context(values={path: value}, typed=[], prose=[], checks=passed, doubt={path: 3.0})
    assert rules_narrative.check(doubted).findings == []


def test_narrative_rounded_figure_is_no_finding() -> None:
    path = "totals.basic_expenditure"
    value = value_of(
        path,
        "4227000",
        "422.70",
        cell_source(9, "422.70"),
        Source(page=2, text="基本支出422.7万元"),
        source_checks=[("narrative.equals_table", False)],
    )
    passed = {path: [Check(name="totals.basic_plus_project", passed=True)]}
    ctx = Context(values={path: value}, typed=[], prose=[], checks=passed)
    assert rules_narrative.check(ctx).findings == []


def test_ocr_prose_gives_no_findings() -> None:
    """A sentence read by OCR may be misread: its failure is no finding."""
    text = "本年支出合计2940.05万元，其中：基本支出2336.91万元，占80.49%。"
    words = [Word(text=text, bbox=(0.0, 0.0, 100.0, 10.0), score=0.99, method="ocr")]
    ctx = Context(values={}, typed=[], prose=[Line(page=1, words=words)])
    assert rules_percent.check(ctx).findings == []
    assert rules_percent.check(prose_context(text)).findings != []


def test_narrative_naming_another_item_is_no_finding() -> None:
    """“三公”经费支出情况（一）因公出国（境）经费…7.05 万元 is the item's figure, not the
    total's: our reading of the sentence is in doubt (福州, 泉州)."""
    path = "three_public.total"
    said = "“三公”经费支出情况（一）因公出国（境）经费2026年预算安排7.05万元"
    value = value_of(
        path,
        "250500",
        "25.05",
        cell_source(23, "25.05"),
        Source(page=27, text=said),
        source_checks=[("narrative.equals_table", False)],
    )
    passed = {path: [Check(name="three_public.sum", passed=True)]}
    ctx = Context(values={path: value}, typed=[], prose=[], checks=passed)
    assert rules_narrative.check(ctx).findings == []
