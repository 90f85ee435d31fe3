"""Real disclosures from ../shared/realdata/cn_budget: no crash, identities, hand-checked values.

The hand-checked values were read off the PDFs by a person (page numbers given).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from extractors.errors import InputError
from extractors.pipeline import extract_document
from schemas import BudgetDocument
from schemas.paths import get_amount, iter_amounts

CITY = "renwu_2026_city_budgets"
CHONGQING_COMMERCE = f"{CITY}/004_重庆/2026年重庆市商务委员会部门预算.pdf"
XIAN_HR = f"{CITY}/020_西安/人力资源和社会保障局_2026年部门预算.pdf"
BEIJING_EDU = f"{CITY}/002_北京/教育局_附件2：北京市教育委员会2026年度部门预算报表.pdf"
PUTUO = "shanghai_putuo_zxj6827111/GovBudgetChecker"
WANLI_25 = f"{PUTUO}/X/上海市普陀区人民政府万里街道办事处25年预算.pdf"
PUTUO_FINAL = f"{PUTUO}/samples/good/上海市普陀区财政局2024年度部门决算.pdf"
# (file, path, value in 元) — one or two layout families each
HAND_CHECKED = [
    # 上海: ruled tables drawn as thin rectangles, 元; 三公 across the header in 万元
    (
        f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf",
        "expenditure_by_function.2010801.total",
        "114479860",
    ),
    (
        f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf",
        "expenditure_by_function.20805.basic",
        "23191440",
    ),
    (f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf", "three_public.total", "2379200"),
    (f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf", "three_public.overseas_travel", "2018000"),
    (f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf", "operating_expenses", "21802600"),
    (f"{CITY}/001_上海/2026年上海市审计局_部门预算.pdf", "totals.personnel_expense", "153268740"),
    # 广州: summary + 支出总表 合计 row
    (f"{CITY}/005_广州/政府办公厅_2026年部门预算.pdf", "totals.revenue_total", "164107100"),
    (f"{CITY}/005_广州/政府办公厅_2026年部门预算.pdf", "totals.basic_expenditure", "149136500"),
    # 西安 2020: basic/project as 人员经费和公用经费支出 / 专项业务经费支出 rows of 表1 (p29),
    # 本年支出合计 apart from 支出总计; the 一般公共预算 表5 states a narrower project total
    (XIAN_HR, "totals.project_expenditure", "1735026100"),
    (XIAN_HR, "totals.year_expenditure", "1820665600"),
    # 重庆 表十二: name and amount span the project's 12 indicator rows (p28): read once
    (CHONGQING_COMMERCE, "projects.市商务发展一般性项目.amount", "80714500"),
    # 佛山 决算: a 栏次 row spanning code and name columns (p10)
    (
        f"{CITY}/022_佛山/2026年佛山市交通运输局部门预算.pdf",
        "expenditure_by_function.2140102.project",
        "9056000",
    ),
    # 北京 附件2: 支出总表 over 16 pages, the first with an empty border column; 合计 on p19
    (BEIJING_EDU, "totals.project_expenditure", "10038108427.39"),
    # 普陀 街道: no 合计 row and no sentence states 项目支出; the 类 rows' sum (p14-p17),
    # which basic + project = 支出总计 confirms (189,767,551 - 101,341,746)
    (WANLI_25, "totals.project_expenditure", "88425805"),
    # 普陀 街道 2024: 款 printed without its leading zero ("301 | 2 | 津贴补贴", p29)
    (
        f"{PUTUO}/X/上海市普陀区人民政府万里街道办事处24年预算.pdf",
        "basic_expenditure_by_economic.30102.total",
        "16623810",
    ),
    # 上海 决算: "类 | 款 | 项" printed on the 合计 row (p10); 总计 on a continuation page (p7)
    (PUTUO_FINAL, "expenditure_by_function.2010601.total", "15118900"),
    (PUTUO_FINAL, "totals.revenue_total", "29953900"),
]
# Narrative sentences about one fund (重庆 "一般公共预算财政拨款支出…其中：基本支出"), one
# unit (深圳 "二、…办公室预算…包括…项目支出") or one project ("监测项目支出"): never sources
# of the department's totals.
SCOPED_NARRATIVE = [
    f"{CITY}/004_重庆/2026年重庆市水利局部门预算.pdf",
    f"{CITY}/004_重庆/2026年重庆市商务委员会部门预算.pdf",
    f"{CITY}/003_深圳/2026年深圳市生态环境局部门预算.pdf",
    XIAN_HR,
]


def _extract(root: Path, rel: str) -> BudgetDocument:
    return extract_document(root / rel)


@pytest.mark.parametrize(("rel", "path", "value"), HAND_CHECKED)
def test_hand_checked_values(cn_budget: Path, rel: str, path: str, value: str) -> None:
    doc = _extract(cn_budget, rel)
    amount = get_amount(doc, path)
    assert amount is not None, f"{path} not extracted"
    assert amount.value == Decimal(value)
    assert amount.sources and amount.sources[0].page >= 1


@pytest.mark.parametrize("rel", SCOPED_NARRATIVE)
def test_narrative_of_a_part_is_not_a_source_of_the_whole(cn_budget: Path, rel: str) -> None:
    doc = _extract(cn_budget, rel)
    for field in ("basic_expenditure", "project_expenditure", "personnel_expense"):
        amount = get_amount(doc, f"totals.{field}")
        if amount is None:
            continue
        failed = [c.name for c in amount.checks if not c.passed]
        assert not failed, f"{field}: {failed} {[s.text for s in amount.sources]}"


def test_indicators_read_with_sign_and_unit(cn_budget: Path) -> None:
    """重庆 表十二 (p28): 指标名称 | 指标性质 | 指标值 | 计量单位, one row each."""
    doc = _extract(cn_budget, CHONGQING_COMMERCE)
    project = next(p for p in doc.projects if p.name == "市商务发展一般性项目")
    values = {i.name: i.value for i in project.indicators}
    assert values["办理行政审批和公共服务事项数量"] == "≥60000件"
    assert values["年度预算执行率"] == "=100%"
    assert len(project.indicators) == 12


def test_budget_units_from_lists_sentences_and_coded_tables(cn_budget: Path) -> None:
    def units(rel: str) -> list[tuple[str | None, str]]:
        return [(u.code, u.name) for u in _extract(cn_budget, f"{CITY}/{rel}").budget_units]

    # numbered list under 预算单位构成 (p5)
    assert units("025_烟台/2026年烟台市统计局部门预算.pdf") == [
        (None, "烟台市统计局机关"),
        (None, "烟台市农村社会经济调查队"),
    ]
    # a sentence after 32 内设机构 (not budget units) and "12个直属事业单位具体包括：" (p5)
    beijing = units("002_北京/2026年北京市财政局部门预算.pdf")
    assert len(beijing) == 12 and (None, "北京市财政局国库支付中心") in beijing
    assert all(name != "办公室" for _, name in beijing)
    # 单位编码 | 单位名称 rows of a table
    assert ("116001", "西安市财政局") in units("020_西安/2026年西安市财政局部门预算.pdf")


def test_misprinted_class_code_is_rebuilt_and_marked(cn_budget: Path) -> None:
    """普陀 社会福利院 prints "7 | 11 | 02" under "210 | 11" (p9): 2101102, inferred."""
    doc = _extract(
        cn_budget,
        "shanghai_putuo_zxj6827111/tianbaoxitong/uploads/archives/1769321433314-826553525.pdf",
    )
    items = {i.code: i for i in doc.expenditure_by_function}
    assert "71102" not in items
    assert items["2101102"].code_inferred
    assert items["2101102"].total is not None
    assert items["2101102"].total.value == Decimal("503724")


def test_rotated_pages_read_upright(cn_budget: Path) -> None:
    doc = _extract(cn_budget, f"{CITY}/025_烟台/2026年烟台市统计局部门预算.pdf")
    rotated = [p for p in doc.document.pages if p.rotation == 90]
    assert rotated, "the 烟台 file has /Rotate 90 pages"
    assert doc.expenditure_by_function, "function table on the rotated pages was not read"
    assert all(
        c.passed
        for _, a in iter_amounts(doc)
        if a.status == "accepted"
        for c in a.checks
        if c.name.endswith("row_sum")
    )


def test_scanned_pages_are_never_silently_empty(cn_budget: Path) -> None:
    scans = sorted((cn_budget / CITY / "_scanned_not_budget").rglob("*.pdf"))
    assert scans
    for pdf in scans:
        doc = extract_document(pdf)
        for page in doc.document.pages:
            assert page.source == "ocr"
            if page.status != "ok":
                assert page.reason
                assert doc.document.partial


@pytest.mark.realdata
def test_whole_corpus_no_crash_and_identities_hold(cn_budget: Path) -> None:
    """Every PDF extracts; accepted values never sit on a failed check that doubts them."""
    pdfs = sorted(cn_budget.rglob("*.pdf"))
    assert len(pdfs) >= 50
    for pdf in pdfs:
        try:
            doc = extract_document(pdf)
        except InputError as err:  # pragma: no cover - would be a finding about the corpus
            pytest.fail(f"{pdf.name}: rejected: {err}")
        finding_paths = {p for f in doc.findings for p in f.paths}
        for path, amount in iter_amounts(doc):
            failed = [c for c in amount.checks if not c.passed]
            if failed and amount.status == "accepted":
                assert path in finding_paths, f"{pdf.name}: {path} accepted with {failed}"
        assert doc.review.needs_review == sum(
            1 for _, a in iter_amounts(doc) if a.status == "needs_review"
        )
