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
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.options import PipelineOptions
from extractors.pipeline import extract_document
from schemas import BudgetDocument, DocumentInfo, ReviewSummary
from tests.cli.cli_helpers import run_cli

SAMPLES = "shanghai_putuo_zxj6827111/GovBudgetChecker/samples"
BAD = f"{SAMPLES}/bad/24年普陀区财政局（测试问题版本）.pdf"
GOOD = f"{SAMPLES}/good/上海市普陀区财政局2024年度部门决算.pdf"

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


# --- budgetlens check -----------------------------------------------------------------


def _check(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_cli("check", *args)


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
