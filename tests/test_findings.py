"""Findings (the document contradicts itself) and `budgetlens check`.

Real files: GovBudgetChecker's samples (上海市普陀区财政局 2024 决算).  The 测试问题版本 was
made from the good file by hand; diffing their text layers (pdftotext -layout) lists what
was planted:
  p2   the contents list 三、支出决算表, the table is gone
  p7   “第二部分 上海市普陀区XX局 2024 年度部门决算表”: a template placeholder
  p15  the 三公 table's figures removed (the narrative, p22, still says 年初预算为 0.95 万元)
  p18  “第三部分 … 2023年度部门决算情况说明” in the 2024 决算
  p18  “2024 年度收入支出总计 0 万元” (the table: 2,995.39); its “减少 56.95 万元，下降
       1.87%” no longer fits either
  p19  行政运行 “决算数大于预算数” with 1511.89 < 1560.05
  p20  职业年金 “决算数大于预算数” with 80.38 < 80.81
  p21  行政单位医疗 “决算数等于预算数” with 60.99 < 62.29
  p24  “截至 2023年 12 月 31 日” in the 2024 决算
The good file itself is not clean; what it gives is listed, each explained, in
GOOD_EXPLAINED below.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.model import Line, Table, Word
from extractors.options import PipelineOptions
from extractors.pipeline import extract_document
from extractors.reconcile import Value
from extractors.tables.header import Header
from extractors.tables.typed import TypedTable
from extractors.validation import (
    rules_cross_table,
    rules_document,
    rules_narrative,
    rules_percent,
    rules_three_public,
)
from extractors.validation.figures import Figure, compare_same
from extractors.validation.findings import Context, RuleResult
from schemas import BudgetDocument, Check, DocumentInfo, ReviewSummary, Source, TableKind

SAMPLES = "shanghai_putuo_zxj6827111/GovBudgetChecker/samples"
BAD = f"{SAMPLES}/bad/24年普陀区财政局（测试问题版本）.pdf"
GOOD = f"{SAMPLES}/good/上海市普陀区财政局2024年度部门决算.pdf"
BIN = Path(sys.executable).with_name("budgetlens")

# (rule, page) of every planted error in the 测试问题版本.
PLANTED = [
    ("document.missing_table", 2),
    ("document.placeholder", 7),
    ("three_public.table_blank", 15),
    ("document.heading_year", 18),
    ("narrative.equals_table", 18),
    ("narrative.year_on_year", 18),
    ("narrative.budget_vs_actual", 19),
    ("narrative.budget_vs_actual", 20),
    ("narrative.budget_vs_actual", 21),
    ("document.as_of_year", 24),
]
# The good file's findings, each a real inconsistency of the published document:
GOOD_EXPLAINED = {
    # 社会保障和就业支出 is 326.71 in 收入支出决算总表 and 财政拨款收入支出决算总表 but 326.72
    # in 支出决算表 and 一般公共预算财政拨款支出决算表 (its 项 add to 326.72): a rounding slip.
    ("cross_table.function_class", "rounding", 6),
    ("cross_table.function_class", "rounding", 12),
    # “一般公共服务支出（类）2106.66 万元，占 71.73%”: 2106.66 / 2940.05 = 71.65%, and the
    # four class shares printed add to 100.07%.
    ("narrative.share", "error", 21),
    # “财政拨款收入支出总计0.3万元” against 2,961.68 in the 财政拨款收入支出决算总表 (the
    # 测试问题版本 corrected this one).
    ("narrative.fiscal_total", "error", 13),
}


def _extract(cn_budget: Path, rel: str) -> BudgetDocument:
    path = cn_budget / rel
    if not path.exists():
        pytest.skip(f"{rel} not present")
    return extract_document(path, PipelineOptions.from_env())


@pytest.fixture(scope="module")
def bad_doc(cn_budget: Path) -> BudgetDocument:
    return _extract(cn_budget, BAD)


@pytest.fixture(scope="module")
def good_doc(cn_budget: Path) -> BudgetDocument:
    return _extract(cn_budget, GOOD)


# --- real files ---------------------------------------------------------------------


@pytest.mark.parametrize(("rule", "page"), PLANTED)
def test_planted_error_found(bad_doc: BudgetDocument, rule: str, page: int) -> None:
    found = [f for f in bad_doc.findings if f.rule == rule and page in f.pages]
    assert found, f"{rule} on p{page} not found: {[(f.rule, f.pages) for f in bad_doc.findings]}"


# Inherited from the good file (GOOD_EXPLAINED), on the 测试问题版本's pages.
INHERITED = {("cross_table.function_class", 10), ("narrative.share", 19)}


def test_bad_file_has_no_other_findings(bad_doc: BudgetDocument) -> None:
    expected = set(PLANTED) | INHERITED
    for finding in bad_doc.findings:
        assert any((finding.rule, p) in expected for p in finding.pages), finding


def test_planted_total_names_the_figures(bad_doc: BudgetDocument) -> None:
    finding = next(f for f in bad_doc.findings if f.rule == "narrative.equals_table")
    assert finding.paths == ["totals.expenditure_total"]
    assert finding.difference == Decimal("-29953900")
    assert {v.raw for v in finding.values} == {"2,995.39", "0"}
    assert finding.pages == [7, 18]


def test_planted_comparisons_name_budget_and_actual(bad_doc: BudgetDocument) -> None:
    pairs = sorted(
        [v.raw for v in f.values]
        for f in bad_doc.findings
        if f.rule == "narrative.budget_vs_actual"
    )
    assert pairs == [["1560.05", "1511.89"], ["62.29", "60.99"], ["80.81", "80.38"]]


def test_good_file_findings_are_the_explained_ones(good_doc: BudgetDocument) -> None:
    got = {(f.rule, f.severity, f.pages[0]) for f in good_doc.findings}
    assert got == GOOD_EXPLAINED


def test_findings_never_lower_confidence(cn_budget: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same file with the finding rules switched off: every value the same."""
    import extractors.stages.checks as checks

    with_rules = _extract(cn_budget, BAD)
    monkeypatch.setattr(checks, "add_findings", lambda *args, **kwargs: None)
    without = _extract(cn_budget, BAD)
    from schemas.paths import iter_amounts

    before = {p: (a.confidence, a.status) for p, a in iter_amounts(without)}
    after = {p: (a.confidence, a.status) for p, a in iter_amounts(with_rules)}
    assert before == after
    assert len(with_rules.findings) > len(without.findings)


# --- unit tests of each rule on constructed values ------------------------------------


def _lines(*texts: str, page: int = 1) -> list[Line]:
    return [
        Line(page=page, words=[Word(text=t, bbox=(0.0, 20.0 * i, 100.0, 20.0 * i + 10))])
        for i, t in enumerate(texts)
    ]


def _ctx(*texts: str, **kwargs: object) -> Context:
    return Context(values={}, typed=[], prose=_lines(*texts), **kwargs)  # type: ignore[arg-type]


def _table(kind: TableKind, title: str, page: int = 3) -> TypedTable:
    table = Table(
        table_id=f"p{page}-t1",
        pages=[page],
        bbox=(0, 0, 1, 1),
        cells=[],
        n_rows=0,
        n_cols=0,
        engine="test",
    )
    return TypedTable(
        table=table,
        kind=kind,
        title=title,
        unit="万元",
        unit_stated=True,
        header=Header(rows=0, paths=[]),
        roles=[],
    )


def _value(
    path: str,
    yuan: str,
    raw: str,
    *sources: Source,
    source_checks: list[tuple[str, bool]] | None = None,
) -> Value:
    return Value(
        path=path,
        value=Decimal(yuan),
        raw=raw,
        unit="万元",
        sources=list(sources),
        source_checks=source_checks or [],
    )


def _cell(page: int, raw: str) -> Source:
    return Source(page=page, table_id=f"p{page}-t1", row=1, col=1, text=raw)


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
    assert rules_percent.check(_ctx(ok)).findings == []
    wrong = ok.replace("占79.49%", "占80.49%")
    [finding] = rules_percent.check(_ctx(wrong)).findings
    assert finding.rule == "narrative.share"
    assert finding.difference_unit == "%"
    assert finding.difference is not None and abs(finding.difference - Decimal("1.0")) < 1
    # Named base: "占本年支出合计的 100.00%".
    named = "本年支出合计2940.05万元。一般公共预算财政拨款支出2940.05万元，占本年支出合计的99.00%。"
    [finding] = rules_percent.check(_ctx(named)).findings
    assert finding.severity == "error"
    # Truncated rather than rounded: one unit of the last digit, reported as rounding.
    truncated = (
        "一般公共预算财政拨款支出307.82万元，主要用于：住房保障支出（类）29.42万元，占9.55%。"
    )
    [finding] = rules_percent.check(_ctx(truncated)).findings
    assert finding.severity == "rounding"


def test_year_on_year_rule() -> None:
    ok = "机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。"
    assert rules_percent.check(_ctx(ok)).findings == []
    [finding] = rules_percent.check(_ctx(ok.replace("1.40%", "1.50%"))).findings
    assert finding.rule == "narrative.year_on_year"
    [finding] = rules_percent.check(_ctx(ok.replace("增长", "下降"))).findings
    assert "增加" in finding.message
    fall = "收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。"
    assert rules_percent.check(_ctx(fall)).findings == []
    new_unit = "机关运行经费支出10.23万元，比2023年度增加10.23万元，增长100.00%。"
    assert rules_percent.check(_ctx(new_unit)).findings == []


def test_budget_vs_actual_rule() -> None:
    text = (
        "年初预算为1560.05万元，支出决算为1511.89万元，完成年初预算的96.91%。"
        "决算数小于预算数的主要原因：人员变化。"
    )
    assert rules_percent.check(_ctx(text)).findings == []
    [finding] = rules_percent.check(_ctx(text.replace("小于", "大于"))).findings
    assert finding.rule == "narrative.budget_vs_actual"
    assert finding.difference == Decimal("-481600")
    [finding] = rules_percent.check(_ctx(text.replace("96.91%", "98.20%"))).findings
    assert finding.rule == "narrative.execution_rate"
    same = "年初预算为10.00万元，支出决算为10.00万元。决算数与预算数基本持平。"
    assert rules_percent.check(_ctx(same)).findings == []


def test_narrative_vs_table_rule() -> None:
    path = "totals.expenditure_total"
    narrative = Source(page=18, text="支出总计0万元")
    value = _value(
        path,
        "29953900",
        "2,995.39",
        _cell(7, "2,995.39"),
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
    value = _value(
        path,
        "4227000",
        "422.70",
        _cell(9, "422.70"),
        Source(page=2, text="基本支出422.7万元"),
        source_checks=[("narrative.equals_table", False)],
    )
    passed = {path: [Check(name="totals.basic_plus_project", passed=True)]}
    ctx = Context(values={path: value}, typed=[], prose=[], checks=passed)
    assert rules_narrative.check(ctx).findings == []


def _economic_names(monkeypatch: pytest.MonkeyPatch, names: dict[str, str]) -> None:
    from extractors.mapping.coded_items import ItemInfo, ItemReadings

    def fake(typed: object, kind: object, section: str) -> ItemReadings:
        items = {code: ItemInfo(code=code, name=name, level="款") for code, name in names.items()}
        return ItemReadings(section, items=items)

    monkeypatch.setattr(rules_three_public, "economic_items", fake)


def test_three_public_vs_economic_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    _economic_names(monkeypatch, {"30217": "公务接待费"})
    tables = [
        _table(TableKind.three_public, "一般公共预算“三公”经费支出表", 7),
        _table(TableKind.basic_expenditure_economic, "一般公共预算基本支出表", 6),
    ]
    values = {
        "three_public.reception": _value(
            "three_public.reception", "20000", "2.00", _cell(7, "2.00")
        ),
        "basic_expenditure_by_economic.30217.total": _value(
            "basic_expenditure_by_economic.30217.total", "50000", "5.00", _cell(6, "5.00")
        ),
    }
    [finding] = rules_three_public.check(Context(values=values, typed=tables, prose=[])).findings
    assert finding.rule == "three_public.economic_code"
    assert finding.difference == Decimal("30000")
    assert finding.pages == [6, 7]
    # Basic spending below the 三公 figure is fine (the rest is project spending).
    values["three_public.reception"] = _value(
        "three_public.reception", "80000", "8.00", _cell(7, "8.00")
    )
    assert rules_three_public.check(Context(values=values, typed=tables, prose=[])).findings == []
    # Read by OCR: not a finding but review.
    ocr = Source(page=6, table_id="p6-t1", row=1, col=1, text="9.00", method="ocr")
    values["basic_expenditure_by_economic.30217.total"] = _value(
        "basic_expenditure_by_economic.30217.total", "90000", "9.00", ocr
    )
    result = rules_three_public.check(Context(values=values, typed=tables, prose=[]))
    assert result.findings == []
    assert "basic_expenditure_by_economic.30217.total" in result.review
    # A unit's own numbering: 302 17 is not 公务接待费 there.
    _economic_names(monkeypatch, {"30217": "机关事业单位退休人员活动费"})
    values["basic_expenditure_by_economic.30217.total"] = _value(
        "basic_expenditure_by_economic.30217.total", "90000", "9.00", _cell(6, "9.00")
    )
    result = rules_three_public.check(Context(values=values, typed=tables, prose=[]))
    assert result.findings == [] and result.review == {}


def test_three_public_table_blank() -> None:
    tables = [_table(TableKind.three_public, "财政拨款“三公”经费支出决算表", 15)]
    ctx = Context(
        values={},
        typed=tables,
        prose=_lines("“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元。", page=22),
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
            table=_table(TableKind.other, name, page),
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
        *_lines("目录", "一、收入支出决算总表", "二、支出决算表", "三、收入决算表", page=2),
        *_lines("第二部分上海市普陀区XX局2024年度部门决算表", "收入支出决算总表", page=7),
        *_lines("第三部分上海市普陀区财政局2023年度部门决算情况说明", page=18),
        *_lines("与2023年度相比，收入支出总计减少56.95万元。", page=18),
        *_lines("截至2023年12月31日，共有车辆0辆。", page=24),
    ]
    typed = [
        _table(TableKind.revenue_expenditure_summary, "收入支出决算总表", 7),
        _table(TableKind.revenue_summary, "收入决算表", 8),
    ]
    ctx = Context(values={}, typed=typed, prose=lines, fiscal_year=2024, final_accounts=True)
    got = sorted((f.rule, f.pages[0]) for f in rules_document.check(ctx).findings)
    assert got == [
        ("document.as_of_year", 24),
        ("document.heading_year", 18),
        ("document.missing_table", 2),
        ("document.placeholder", 7),
    ]


# --- budgetlens check -----------------------------------------------------------------


def _check(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN), "check", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def test_check_command(bad_doc: BudgetDocument, tmp_path: Path) -> None:
    out = tmp_path / "bad.json"
    out.write_text(bad_doc.model_dump_json(indent=2, exclude_none=True), encoding="utf-8")
    proc = _check(out)
    assert proc.returncode == 1, proc.stderr
    assert "FINDINGS" in proc.stdout
    assert "narrative.equals_table" in proc.stdout
    assert "difference: -2,995.39 万元" in proc.stdout
    assert "XX局" in proc.stdout
    assert "REVIEW" in proc.stdout and "why:" in proc.stdout

    proc = _check(out, "--json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    rules = {(f["rule"], p) for f in data["findings"] for p in f["pages"]}
    assert set(PLANTED) <= rules
    review = data["review"]
    assert review, "the bad file has values in review"
    # Failed checks first, then by amount.
    flags = [not item["failed_checks"] for item in review]
    assert flags == sorted(flags)
    assert all(item["why"] for item in review)


def test_check_exit_codes(tmp_path: Path) -> None:
    clean = BudgetDocument(document=DocumentInfo(page_count=1), review=ReviewSummary(threshold=0.9))
    path = tmp_path / "clean.json"
    path.write_text(clean.model_dump_json(), encoding="utf-8")
    proc = _check(path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "nothing to look at" in proc.stdout

    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    proc = _check(garbage)
    assert proc.returncode == 2
    assert "not JSON" in proc.stderr and "Traceback" not in proc.stderr

    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"hello": 1}', encoding="utf-8")
    assert _check(wrong).returncode == 2
    assert _check(tmp_path / "missing.json").returncode == 2


def test_ocr_prose_gives_no_findings() -> None:
    """A sentence read by OCR may be misread: its failure is no finding."""
    text = "本年支出合计2940.05万元，其中：基本支出2336.91万元，占80.49%。"
    words = [Word(text=text, bbox=(0.0, 0.0, 100.0, 10.0), score=0.99, method="ocr")]
    ctx = Context(values={}, typed=[], prose=[Line(page=1, words=words)])
    assert rules_percent.check(ctx).findings == []
    assert rules_percent.check(_ctx(text)).findings != []


def test_narrative_naming_another_item_is_no_finding() -> None:
    """“三公”经费支出情况（一）因公出国（境）经费…7.05 万元 is the item's figure, not the
    total's: our reading of the sentence is in doubt (福州, 泉州)."""
    path = "three_public.total"
    said = "“三公”经费支出情况（一）因公出国（境）经费2026年预算安排7.05万元"
    value = _value(
        path,
        "250500",
        "25.05",
        _cell(23, "25.05"),
        Source(page=27, text=said),
        source_checks=[("narrative.equals_table", False)],
    )
    passed = {path: [Check(name="three_public.sum", passed=True)]}
    ctx = Context(values={path: value}, typed=[], prose=[], checks=passed)
    assert rules_narrative.check(ctx).findings == []
