"""Rebuild the golden corpus: test PDFs in several real-world layouts + ground truth.

    /work/main/.venv/bin/python tests/data/golden/build.py

Every number comes from seed_data.py (transcribed from the seed disclosures). Each PDF gets
NAME.truth.json: {"pdf", "seed", "layout", "values": {path: yuan}, "printed": {path: [..]},
"notes": [..]}. `values` holds what the PDF states (amounts in 元, rounded to cents);
`printed` the strings the PDF prints for that value (empty cells print nothing).
The same path written twice (table + narrative) must agree, or the build fails.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import pdfkit as pk  # noqa: E402
import seed_data as sd  # noqa: E402
from pdfkit import Cell, Doc, Narrative, Table, TableTitle  # noqa: E402

CENT = Decimal("0.01")

# --------------------------------------------------------------------------- #
# Units and ground truth
# --------------------------------------------------------------------------- #


def to_yuan(raw_wan: str) -> Decimal:
    """Seed amount (万元, as printed) -> 元, rounded to cents; "" (empty cell) -> 0."""
    raw = raw_wan.replace(",", "").strip()
    return (Decimal(raw or "0") * 10000).quantize(CENT)


def dsum(values: Iterable[str]) -> Decimal:
    return sum((Decimal(v) for v in values if v), Decimal("0"))


@dataclass(frozen=True)
class Unit:
    """How amounts are printed: 万元 as in the seed, or 元 (with or without separators)."""

    label: str  # 万元 | 元
    sep: bool = False

    def show(self, raw_wan: str) -> str:
        if raw_wan == "":
            return ""
        if self.label == "万元":
            return raw_wan
        value = to_yuan(raw_wan)
        return f"{value:,.2f}" if self.sep else f"{value:.2f}"


WAN = Unit("万元")
YUAN_SEP = Unit("元", sep=True)
YUAN = Unit("元")


PATH_ORDER = ("document.", "totals.", "expenditure_by_function.", "expenditure_by_economic.",
              "basic_expenditure_by_economic.", "three_public.", "operating_expenses",
              "procurement.", "projects.")


@dataclass
class Truth:
    pdf: str
    seed: str
    layout: list[str]
    values: dict[str, Decimal | int | str] = field(default_factory=dict)
    printed: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def put(self, path: str, value: Decimal | int | str, printed: str = "") -> None:
        old = self.values.get(path)
        if old is not None and old != value:
            raise AssertionError(f"{self.pdf}: {path} stated as {old} and as {value}")
        self.values[path] = value
        if printed and printed not in self.printed.setdefault(path, []):
            self.printed[path].append(printed)

    def amount(self, path: str | None, raw_wan: str, unit: Unit) -> str:
        """Record an amount cell/sentence (when `path`) and return its printed text."""
        shown = unit.show(raw_wan)
        if path:
            self.put(path, to_yuan(raw_wan), shown)
        return shown

    def document(self, department: str, year: int) -> None:
        self.put("document.department", department, department)
        self.put("document.fiscal_year", year, str(year))
        self.put("document.kind", "budget")

    def write(self, directory: Path) -> int:
        def plain(v: Decimal | int | str) -> float | int | str:
            return float(v) if isinstance(v, Decimal) else v

        def group(path: str) -> int:
            return next(i for i, g in enumerate(PATH_ORDER) if path.startswith(g))

        paths = sorted(self.values, key=group)  # stable: rows keep their table order
        data = {
            "pdf": self.pdf,
            "seed": self.seed,
            "layout": self.layout,
            "values": {k: plain(self.values[k]) for k in paths},
            "printed": {k: v for k, v in self.printed.items() if v},
            "notes": self.notes,
        }
        name = self.pdf.removesuffix(".pdf") + ".truth.json"
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        (directory / name).write_text(text, encoding="utf-8")
        return len(self.values)


# --------------------------------------------------------------------------- #
# 平顶山 2021: seed checks and derived subtotals
# --------------------------------------------------------------------------- #

FN_AMOUNT_FIELDS = ("total", "basic", "wages", "goods", "family", "capital",
                    "project", "general_project", "special")


def fmt_wan(d: Decimal, decimals: int = 1) -> str:
    """A computed 万元 subtotal in the seed's style; zero -> empty cell."""
    return "" if d == 0 else f"{d:.{decimals}f}"


def function_group(prefix: str) -> sd.FunctionRow:
    """Subtotal row of a 类 (3 digits) or 款 (5 digits) = Σ of its 项 rows."""
    items = [r for r in sd.PDS_FUNCTION_ROWS if r.code.startswith(prefix)]
    sums = {f: fmt_wan(dsum(getattr(r, f) for r in items)) for f in FN_AMOUNT_FIELDS}
    return sd.FunctionRow(prefix, sd.FUNCTION_GROUP_NAMES[prefix], **sums)


def function_rows_with_groups() -> list[sd.FunctionRow]:
    """类, 款 and 项 rows in outline order."""
    out: list[sd.FunctionRow] = []
    seen: set[str] = set()
    for row in sd.PDS_FUNCTION_ROWS:
        for prefix in (row.code[:3], row.code[:5]):
            if prefix not in seen:
                seen.add(prefix)
                out.append(function_group(prefix))
        out.append(row)
    return out


def economic_group(prefix: str) -> sd.EconomicRow:
    items = [r for r in sd.PDS_ECONOMIC_ROWS if r.code.startswith(prefix)]
    return sd.EconomicRow(prefix, sd.ECONOMIC_CLASS_NAMES[prefix], "", "",
                          fmt_wan(dsum(r.total for r in items)))


def basic_group(prefix: str) -> sd.BasicRow:
    items = [r for r in sd.PDS_BASIC_ROWS if r.code.startswith(prefix)]
    return sd.BasicRow(prefix, sd.ECONOMIC_CLASS_NAMES[prefix], "", "",
                       fmt_wan(dsum(r.total for r in items)),
                       fmt_wan(dsum(r.personnel for r in items)),
                       fmt_wan(dsum(r.public for r in items)))


def with_classes(rows: Sequence[sd.EconomicRow] | Sequence[sd.BasicRow],
                 group: Callable[[str], sd.EconomicRow] | Callable[[str], sd.BasicRow]
                 ) -> list[sd.EconomicRow | sd.BasicRow]:
    out: list[sd.EconomicRow | sd.BasicRow] = []
    for row in rows:
        if not out or out[-1].code[:3] != row.code[:3]:
            out.append(group(row.code[:3]))
        out.append(row)
    return out


def check_pingdingshan_seed() -> None:
    """The seed's printed totals against the sums of its rows (fail loudly if a
    transcription slipped)."""
    rows, tot = sd.PDS_FUNCTION_ROWS, sd.PDS_FUNCTION_TOTAL
    for f in FN_AMOUNT_FIELDS:
        assert fmt_wan(dsum(getattr(r, f) for r in rows)) == getattr(tot, f), f
    for fr in rows:
        assert dsum([fr.basic, fr.project]) == Decimal(fr.total), fr.code
        assert dsum([fr.wages, fr.goods, fr.family, fr.capital]) == dsum([fr.basic]), fr.code
    for code, _name, amount in sd.PDS_FISCAL_CLASSES:
        assert function_group(code).total == amount, code
    assert fmt_wan(dsum(r.total for r in sd.PDS_ECONOMIC_ROWS)) == sd.PDS_ECONOMIC_TOTAL
    b = sd.PDS_BASIC_ROWS
    assert (fmt_wan(dsum(r.total for r in b)), fmt_wan(dsum(r.personnel for r in b)),
            fmt_wan(dsum(r.public for r in b))) == sd.PDS_BASIC_TOTAL
    for br in b:
        assert dsum([br.personnel, br.public]) == Decimal(br.total), br.code
    tp = sd.PDS_THREE_PUBLIC
    assert dsum([tp.overseas_travel, tp.reception, tp.vehicle_total]) == Decimal(tp.total)
    assert dsum([tp.vehicle_operation, tp.vehicle_purchase]) == Decimal(tp.vehicle_total)
    assert fmt_wan(dsum(p.amount for p in sd.PDS_PROJECTS)) == sd.PDS_PROJECTS_TOTAL
    proc = sd.PDS_PROCUREMENT
    assert str(sum(int(r.quantity) for r in proc)) == sd.PDS_PROCUREMENT_TOTAL[0]
    assert fmt_wan(dsum(r.amount for r in proc)) == sd.PDS_PROCUREMENT_TOTAL[1]
    s = sd.PDS_SUMMARY
    assert fmt_wan(dsum(r.amount for r in proc if r.catalog == "服务")) == \
        s.procurement_services
    assert fmt_wan(dsum(r.amount for r in proc if r.catalog == "货物")) == s.procurement_goods
    assert dsum([s.basic, s.project]) == Decimal(s.expenditure_total)
    assert s.basic == tot.basic and s.project == tot.project


# --------------------------------------------------------------------------- #
# 平顶山 2021: narrative
# --------------------------------------------------------------------------- #

PDS_FUNCTIONS = (
    "平顶山市医疗保障局是市政府工作部门，贯彻落实党中央关于医疗保障工作的方针政策和决策部署，"
    "在履行职能过程中坚持和加强党对医疗工作的集中统一领导。主要职能是：制定及执行医疗保险、"
    "医疗救助等医疗法律法规政策；拟订全市医疗基金监督管理办法并组织实施，打击欺诈骗保，推进支付"
    "方式改革；负责全市医疗保障经办管理、异地就医、公共服务体系和信息化及信息平台建设。"
)


def pds_narrative(t: Truth, unit: Unit) -> Narrative:
    """Key sentences of the seed; amounts printed in `unit` (万元 or 元)."""
    s, tp, dept, y = sd.PDS_SUMMARY, sd.PDS_THREE_PUBLIC, sd.PDS_DEPARTMENT, sd.PDS_YEAR
    u = unit.label

    def a(path: str | None, raw: str) -> str:
        return f"{t.amount(path, raw, unit)} {u}"

    n = Narrative()
    n.add("title", f"{y} 年{dept}部门预算说明")
    n.add("h1", "第一部分 平顶山市医疗保障局概况")
    n.add("h2", "一、主要职能")
    n.add("p", PDS_FUNCTIONS)
    n.add("h2", "二、部门预算单位构成")
    n.add("p", f"{dept} {y} 年部门预算为本级预算和所属单位在内的汇总预算，包括："
               "1、平顶山市医疗保障局机关；2、平顶山市社会医疗保险中心。")
    n.add("h1", f"第二部分 {dept} {y} 年部门预算情况说明")
    n.add("h2", "一、收入支出预算总体情况说明")
    t.amount("totals.expenditure_total", s.expenditure_total, unit)
    n.add("p", f"{dept} {y} 年收、支总计为 {a('totals.revenue_total', s.revenue_total)}。"
               f"与上年相比，收、支总计均增加 {a(None, s.increase)}，增加 {s.increase_pct}。"
               "主要原因是人员增加、公用经费、工资福利支等增加。")
    n.add("h2", "二、收入预算总体情况说明")
    n.add("p", f"{dept} {y} 年收入预算 {a('totals.revenue_total', s.revenue_total)}，其中："
               f"一般公共预算 {a('totals.general_public_budget', s.general_public_budget)}；"
               f"政府性基金 {a('totals.government_fund', '0.0')}；"
               f"专户管理的教育收费 {a(None, '0.0')}。")
    n.add("h2", "三、支出预算总体情况说明")
    n.add("p", f"{dept} {y} 年支出预算 {a('totals.expenditure_total', s.expenditure_total)}，"
               f"其中：基本支出 {a('totals.basic_expenditure', s.basic)}，占 {s.basic_share}；"
               f"项目支出 {a('totals.project_expenditure', s.project)}，占 {s.project_share}。")
    n.add("h2", "四、一般公共预算支出预算情况说明")
    parts = "；".join(f"{name}（类）支出 {a(None, amt)}，占 {share}"
                     for name, amt, share in sd.PDS_NARRATIVE_CLASSES)
    n.add("p", f"{dept} {y} 年一般公共预算支出年初预算为 "
               f"{a('totals.general_public_budget', s.general_public_budget)}。"
               f"主要用于以下方面：{parts}。")
    n.add("h2", "五、“三公”经费支出预算情况说明")
    n.add("p", f"{dept} {y} 年“三公”经费预算 {a('three_public.total', tp.total)}。"
               f"预算数比上年增加 {a(None, '2.3')}，主要原因：医疗保障局是新成立单位，"
               "经常出差调研，增加了预算。具体支出情况如下：")
    n.add("p", f"（一）因公出国（境）费 {a('three_public.overseas_travel', '0.0')}，"
               "我局在 2021 年没有出国计划。")
    n.add("p", f"（二）公务用车购置及运行维护费 {a('three_public.vehicle_total', tp.vehicle_total)}，"
               f"其中：公务用车购置费 {a('three_public.vehicle_purchase', tp.vehicle_purchase)}；"
               f"公务用车运行维护费 {a('three_public.vehicle_operation', tp.vehicle_operation)}，"
               "主要用于开展工作所需公务用车的燃料费、维修费、过路过桥费、保险费用等支出。")
    n.add("p", f"（三）公务接待费 {a('three_public.reception', tp.reception)}，主要用于按规定"
               "开支的各类公务接待（含外宾接待）支出。")
    n.add("h2", "六、政府性基金预算支出情况说明")
    n.add("p", f"{dept} {y} 年无使用政府性基金预算拨款安排的支出。")
    n.add("h2", "七、其他重要事项的情况说明")
    n.add("p", f"（一）机关运行经费支出情况。{dept} {y} 年机关运行经费支出预算 "
               f"{a('operating_expenses', s.operating_expenses)}，"
               "主要保障机构正常运转及正常履职需要。")
    n.add("p", f"（二）政府采购情况说明。{dept} {y} 年政府采购预算安排 "
               f"{a('procurement.total', s.procurement_total)}，其中：政府采购货物预算 "
               f"{a('procurement.goods', s.procurement_goods)}、政府采购工程预算 "
               f"{a('procurement.works', s.procurement_works)}、政府采购服务预算 "
               f"{a('procurement.services', s.procurement_services)}。")
    n.add("p", f"（三）国有资产占用情况。2020 年期末，{dept}共有车辆 3 辆，其中：一般公务用车 "
               "2 辆、待处置车辆 1 辆；单价 50 万元以上通用设备 0 套。")
    return n


# --------------------------------------------------------------------------- #
# 平顶山 2021: tables (unit and code style are parameters)
# --------------------------------------------------------------------------- #

CODES_3COL, CODES_1COL, CODES_OUTLINE = "3col", "1col", "outline"
INDENT = 9.0  # points per outline level


def pds_head(title: str, number: str, unit: Unit, unit_prefix: str = "单位") -> TableTitle:
    return TableTitle(title=title, number=number,
                      department_line=f"部门名称：{sd.PDS_DEPARTMENT}",
                      unit_line=f"{unit_prefix}：{unit.label}")


def summary_table(t: Truth, unit: Unit, style: str = "ruled") -> Table:
    """部门收支总体情况表: revenue by source | expenditure basic/project by fund."""
    s = sd.PDS_SUMMARY

    def a(path: str | None, raw: str) -> str:
        return t.amount(path, raw, unit)

    head = [
        ["收 入", "", "", "支 出", "", "", "", "", "", "", "", "", "", ""],
        ["项 目", "", "金 额", "项 目", "合 计", "用事业单位基金弥补收支差额", "部门结转资金",
         "本年支出小计", "", "", "", "", "", ""],
        ["", "", "", "", "", "", "", "一般公共预算", "", "中央专项转移支付", "政府性基金",
         "国有资本经营预算", "专户管理的教育收费", "其他收入"],
        ["", "", "", "", "", "", "", "小 计", "其中：财政拨款", "", "", "", "", ""],
    ]
    spans = [(0, 0, 1, 3), (0, 3, 1, 11), (1, 0, 3, 2), (1, 2, 3, 1), (1, 3, 3, 1),
             (1, 4, 3, 1), (1, 5, 3, 1), (1, 6, 3, 1), (1, 7, 1, 7), (2, 7, 1, 2),
             (2, 9, 2, 1), (2, 10, 2, 1), (2, 11, 2, 1), (2, 12, 2, 1), (2, 13, 2, 1)]

    def exp(label: str, raw: str, path: str | None = None) -> list[str]:
        shown = a(path, raw)
        return [label, shown, "", "", shown, shown, "", "", "", "", ""]

    revenue = [
        ["一般公共预算", "小计", a("totals.general_public_budget", s.general_public_budget)],
        ["", "财政拨款", a(None, s.fiscal_appropriation)],
        ["", "行政事业性收费", ""], ["", "专项收入", ""],
        ["", "国有资产资源有偿使用收入", ""], ["", "一般债券资金", ""],
        ["中央专项转移支付", "", ""],
        ["政府性基金", "", a("totals.government_fund", "")],
        ["国有资本经营预算", "", a("totals.state_capital", "")],
        ["专户管理的教育收费", "", ""], ["其他收入", "", ""],
        ["本年收入小计", "", ""],  # printed empty in the seed
        ["加：部门财政性资金结转", "", a("totals.carryover", "")],
        ["用事业单位基金弥补收支差额", "", ""],
    ]
    expenditure = [
        exp("一、基本支出", s.basic, "totals.basic_expenditure"),
        exp("1、工资福利支出", s.wages), exp("2、商品和服务支出", s.goods),
        exp("3、对个人和家庭的补助", s.family), exp("4、资本性支出", ""),
        exp("二、项目支出", s.project, "totals.project_expenditure"),
        exp("（一）一般性项目", s.general_project), exp("（二）专项资金", ""),
        exp("1、基本建设支出", ""), exp("2、事业发展专项支出", ""), exp("3、经济发展支出", ""),
        exp("4、债务项目支出", ""), exp("5、其他各项支出", ""), exp("", ""),
    ]
    body = [rev + ex for rev, ex in zip(revenue, expenditure, strict=True)]
    body.append(["收 入 合 计", "", a("totals.revenue_total", s.revenue_total),
                 *exp("支 出 合 计", s.expenditure_total, "totals.expenditure_total")])
    n = len(head)
    spans += [(n, 0, 6, 1)]
    spans += [(n + i, 0, 1, 2) for i in range(6, 14)] + [(n + 14, 0, 1, 2)]
    return Table(widths=[1.2, 2.3, 1.35, 2.5, 1.35, 1.2, 1.0, 1.35, 1.35, 1.0, 0.9, 1.0, 1.0, 0.8],
                 rows=head + body, header_rows=n, align="llrlrrrrrrrrrr", spans=spans,
                 style=style, font_size=7.5, row_height=14)


FN_HEAD_3COL = (
    [["科目编码", "", "", "单位代码", "单位(科目名称)", "总计", "基本支出", "", "", "", "",
      "项目支出", "", ""],
     ["类", "款", "项", "", "", "", "小计", "工资福利支出", "商品和服务支出",
      "对个人和家庭的补助", "资本性支出", "小计", "一般性项目", "专项资金"]],
    [(0, 0, 1, 3), (0, 3, 2, 1), (0, 4, 2, 1), (0, 5, 2, 1), (0, 6, 1, 5), (0, 11, 1, 3)],
)
FN_HEAD_1COL = (
    [["科目编码", "科目名称", "总计", "基本支出", "", "", "", "", "项目支出", "", ""],
     ["", "", "", "小计", "工资福利支出", "商品和服务支出", "对个人和家庭的补助", "资本性支出",
      "小计", "一般性项目", "专项资金"]],
    [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 2, 1), (0, 3, 1, 5), (0, 8, 1, 3)],
)


def function_table(t: Truth, unit: Unit, codes: str, style: str = "ruled",
                   record: bool = True, font_size: float = 7.5) -> Table:
    """部门支出总表 / 一般公共预算支出表 by function code (total, basic split, project)."""
    three = codes == CODES_3COL
    head, spans = FN_HEAD_3COL if three else FN_HEAD_1COL
    rows = list(sd.PDS_FUNCTION_ROWS) if three else function_rows_with_groups()
    body: list[list[pk.CellLike]] = []

    def amounts(r: sd.FunctionRow, prefix: str | None) -> list[str]:
        def a(field_: str, path_field: str | None = None) -> str:
            path = f"{prefix}.{path_field}" if prefix and path_field else None
            return t.amount(path, getattr(r, field_), unit)
        return [a("total", "total"), a("basic", "basic"), a("wages"), a("goods"), a("family"),
                a("capital"), a("project", "project"), a("general_project"), a("special")]

    tot = sd.PDS_FUNCTION_TOTAL
    total_cells = amounts(tot, None)
    if record:  # the 合计 row states the expenditure totals
        t.amount("totals.expenditure_total", tot.total, unit)
        t.amount("totals.basic_expenditure", tot.basic, unit)
        t.amount("totals.project_expenditure", tot.project, unit)
    if three:
        body.append(["", "", "", "", "合计", *total_cells])
        body.append(["", "", "", sd.PDS_DEPT_CODE, sd.PDS_DEPARTMENT, *total_cells])
    else:
        body.append([Cell("合计", align="c"), "", *total_cells])
    for r in rows:
        prefix = f"expenditure_by_function.{r.code}" if record else None
        cells = amounts(r, prefix)
        if three:
            body.append([r.code[:3], r.code[3:5], r.code[5:], "", r.name, *cells])
        elif codes == CODES_1COL:
            body.append([r.code, r.name, *cells])
        else:  # outline: 类 "210", 款 "15", 项 "01", indented by level
            level = {3: 0, 5: 1, 7: 2}[len(r.code)]
            shown = r.code if level == 0 else r.code[-2:]
            body.append([Cell(shown, indent=level * INDENT),
                         Cell(r.name, indent=level * INDENT), *cells])
    widths = ([0.6, 0.5, 0.5, 0.8, 3.6] if three else [1.3 if codes == CODES_1COL else 1.1, 3.6])
    widths += [1.0] * 9
    align = ("ccccl" if three else "ll") + "r" * 9
    if three:
        spans = [*spans, (2, 0, 1, 4), (3, 0, 1, 3)]
    return Table(widths=widths, rows=[*head, *body], header_rows=2,
                 align=align, spans=list(spans), style=style, font_size=font_size,
                 row_height=16)


def revenue_table(unit: Unit, style: str = "ruled") -> Table:
    """部门收入总表 (3-column codes): revenue by function code and source."""
    head = [
        ["科目编码", "", "", "单位代码", "单位(科目名称)", "总计", "一般公共预算", "",
         "中央专项转移支付", "政府性基金", "国有资本经营预算", "专户管理的教育收费",
         "用事业单位基金弥补收支差额", "其他收入"],
        ["类", "款", "项", "", "", "", "小计", "其中：财政拨款", "", "", "", "", "", ""],
    ]
    spans = [(0, 0, 1, 3), (0, 3, 2, 1), (0, 4, 2, 1), (0, 5, 2, 1), (0, 6, 1, 2)]
    spans += [(0, c, 2, 1) for c in range(8, 14)]

    def money(raw: str) -> list[str]:
        v = unit.show(raw)
        return [v, v, v, "", "", "", "", "", ""]

    tot = sd.PDS_FUNCTION_TOTAL.total
    body: list[list[pk.CellLike]] = [["", "", "", "", "合计", *money(tot)],
                                     ["", "", "", sd.PDS_DEPT_CODE, sd.PDS_DEPARTMENT, *money(tot)]]
    for r in sd.PDS_FUNCTION_ROWS:
        body.append([r.code[:3], r.code[3:5], r.code[5:], "", r.name, *money(r.total)])
    spans += [(2, 0, 1, 4), (3, 0, 1, 3)]
    # no truth from here: the same amounts are recorded from 部门支出总表
    return Table(widths=[0.6, 0.5, 0.5, 0.8, 3.4, 1.0, 1.0, 1.1, 1.0, 0.9, 1.0, 1.0, 1.2, 0.9],
                 rows=[*head, *body], header_rows=2, align="ccccl" + "r" * 9, spans=spans,
                 style=style, font_size=7.5, row_height=16)


FISCAL_CLASS_LINES = (
    "一、一般公共服务", "二、外交", "三、国防", "四、公共安全", "五、教育", "六、科学技术",
    "七、文化体育与传媒", "八、社会保障和就业", "九、社会保险基金支出", "十、医疗卫生",
    "十一、节能环保", "十二、城乡社区事务", "十三、农林水事务", "十四、交通运输",
    "十五、资源勘探电力信息等事务", "十六、商业服务业等事务", "十七、金融支出",
    "十九、援助其他地区支出", "二十、国土海洋气象等支出", "二十一、住房保障支出",
    "二十二、粮油物资储备支出", "二十三、国有资本经营预算支出", "二十四、灾害防治及应急",
    "二十七、预备费", "二十九、其他支出", "三十、转移性支出",
)


def fiscal_table(t: Truth, unit: Unit, style: str = "ruled") -> Table:
    """财政拨款收支总体情况表: fiscal revenue | expenditure by function class (names only)."""
    s = sd.PDS_SUMMARY
    by_name = {name: amount for _code, name, amount in sd.PDS_FISCAL_CLASSES}
    head = [
        ["收 入", "", "", "支 出", "", "", "", "", ""],
        ["项 目", "", "金 额", "项 目", "合 计", "本年支出小计", "", "", ""],
        ["", "", "", "", "", "一般公共预算", "", "政府性基金", "国有资本经营预算"],
        ["", "", "", "", "", "小 计", "其中：财政拨款", "", ""],
    ]
    spans = [(0, 0, 1, 3), (0, 3, 1, 6), (1, 0, 3, 2), (1, 2, 3, 1), (1, 3, 3, 1),
             (1, 4, 3, 1), (1, 5, 1, 4), (2, 5, 1, 2), (2, 7, 2, 1), (2, 8, 2, 1)]
    revenue = [["一般公共预算", "小计", t.amount("totals.general_public_budget",
                                               s.general_public_budget, unit)],
               ["", "财政拨款", unit.show(s.fiscal_appropriation)],
               ["", "行政事业性收费", ""], ["", "专项收入", ""],
               ["", "国有资产资源有偿使用收入", ""], ["", "一般债券资金", ""],
               ["政府性基金", "", ""], ["国有资本经营预算", "", ""]]
    body: list[list[pk.CellLike]] = []
    for i, line in enumerate(FISCAL_CLASS_LINES):
        v = unit.show(by_name.get(line, ""))
        left = revenue[i] if i < len(revenue) else ["", "", ""]
        body.append([*left, line, v, v, v, "", ""])
    total = unit.show(s.expenditure_total)
    body.append(["收 入 合 计", "", unit.show(s.revenue_total), "支 出 合 计",
                 total, total, total, "", ""])
    n = len(head)
    spans += [(n, 0, 6, 1)] + [(n + i, 0, 1, 2) for i in range(6, len(FISCAL_CLASS_LINES) + 1)]
    return Table(widths=[1.3, 2.6, 1.3, 3.2, 1.2, 1.2, 1.3, 1.1, 1.3], rows=[*head, *body],
                 header_rows=n, align="llrlrrrrr", spans=spans, style=style,
                 font_size=7, row_height=11.2)


ECON_FUNDS = ("中央专项转移支付", "政府性基金", "国有资本经营预算", "专户管理的教育收费",
              "部门财政性资金结转", "用事业单位基金弥补收支差额", "其他收入")


def economic_table(t: Truth, unit: Unit, codes: str, style: str = "ruled",
                   groups: bool = False, font_size: float = 7.5,
                   row_height: float = 15) -> Table:
    """支出经济分类汇总表: department and government economic codes, total by fund."""
    rows: list[sd.EconomicRow] = list(sd.PDS_ECONOMIC_ROWS)
    if groups:
        rows = [r for r in with_classes(rows, economic_group) if isinstance(r, sd.EconomicRow)]
    two = codes == CODES_3COL  # department and government codes as 类 | 款 columns
    nc = 6 if two else 4
    head: list[list[pk.CellLike]]
    if two:
        head = [["部门预算经济分类", "", "", "政府预算经济分类", "", "", "总计", "资金来源",
                 *[""] * 8],
                ["科目编码", "", "科目名称", "科目编码", "", "科目名称", "", "一般公共预算", "",
                 *ECON_FUNDS],
                ["类", "款", "", "类", "款", "", "", "小计", "其中：财政拨款", *[""] * 7]]
    else:
        head = [["部门预算经济分类", "", "政府预算经济分类", "", "总计", "资金来源", *[""] * 8],
                ["科目编码", "科目名称", "科目编码", "科目名称", "", "一般公共预算", "",
                 *ECON_FUNDS],
                ["", "", "", "", "", "小计", "其中：财政拨款", *[""] * 7]]
    head.append([*["**"] * nc, *[str(i) for i in range(1, 11)]])
    spans = [(0, 0, 1, nc // 2), (0, nc // 2, 1, nc // 2), (0, nc, 3, 1), (0, nc + 1, 1, 9),
             (1, nc + 1, 1, 2)] + [(1, c, 2, 1) for c in range(nc + 3, nc + 10)]
    spans += [(1, 0, 1, 2), (1, 2, 2, 1), (1, 3, 1, 2), (1, 5, 2, 1)] if two else \
        [(1, c, 2, 1) for c in range(4)]
    body: list[list[pk.CellLike]] = []

    def money(path: str | None, raw: str) -> list[str]:
        v = t.amount(path, raw, unit)
        return [v, v, v, *[""] * 7]

    body.append([Cell("合计", align="c"), *[""] * (nc - 1), *money(None, sd.PDS_ECONOMIC_TOTAL)])
    for r in rows:
        m = money(f"expenditure_by_economic.{r.code}.total", r.total)
        is_class = len(r.code) == 3
        if two:
            gov = ["", "", ""] if is_class else [r.gov_code[:3], r.gov_code[3:], r.gov_name]
            body.append([r.code[:3], r.code[3:], r.name, *gov, *m])
        elif codes == CODES_1COL:
            body.append([r.code, r.name, r.gov_code, r.gov_name, *m])
        else:
            ind = 0.0 if is_class else INDENT
            body.append([Cell(r.code if is_class else r.code[3:], indent=ind),
                         Cell(r.name, indent=ind), r.gov_code, r.gov_name, *m])
    spans.append((len(head), 0, 1, nc))
    widths = [0.5, 0.45, 2.3, 0.5, 0.45, 1.7] if two else [0.9, 2.3, 0.9, 1.7]
    widths += [0.95, 0.95, 1.0, *[0.85] * 7]
    return Table(widths=widths, rows=head + body, header_rows=len(head),
                 align=("cclccl" if two else "llll") + "r" * 10, spans=spans, style=style,
                 font_size=font_size, row_height=row_height)


def basic_table(t: Truth, unit: Unit, codes: str, style: str = "ruled",
                groups: bool = False) -> Table:
    """一般公共预算基本支出表: by economic code, 人员经费 / 公用经费."""
    rows: list[sd.BasicRow] = list(sd.PDS_BASIC_ROWS)
    if groups:
        rows = [r for r in with_classes(rows, basic_group) if isinstance(r, sd.BasicRow)]
    two = codes == CODES_3COL
    nc = 6 if two else 4
    head: list[list[pk.CellLike]]
    if two:
        head = [["部门预算支出经济分类科目编码", "", "", "政府预算支出经济分类科目编码", "", "",
                 "本年一般公共预算基本支出", "", ""],
                ["科目编码", "", "科目名称", "类", "款", "科目名称", "合计", "人员经费", "公用经费"],
                ["类", "款", "", "", "", "", "", "", ""]]
        spans = [(0, 0, 1, 3), (0, 3, 1, 3), (0, 6, 1, 3), (1, 0, 1, 2)]
        spans += [(1, c, 2, 1) for c in range(2, 9)]
    else:
        head = [["部门预算支出经济分类", "", "政府预算支出经济分类", "",
                 "本年一般公共预算基本支出", "", ""],
                ["科目编码", "科目名称", "科目编码", "科目名称", "合计", "人员经费", "公用经费"]]
        spans = [(0, 0, 1, 2), (0, 2, 1, 2), (0, 4, 1, 3)]
    head.append([*["**"] * nc, "1", "2", "3"])
    tp, tt, tpub = sd.PDS_BASIC_TOTAL
    body: list[list[pk.CellLike]] = [[
        Cell("合计", align="c"), *[""] * (nc - 1),
        t.amount("totals.basic_expenditure", tp, unit),
        t.amount("totals.personnel_expense", tt, unit),
        t.amount("totals.public_expense", tpub, unit)]]
    spans.append((len(head), 0, 1, nc))
    for r in rows:
        p = f"basic_expenditure_by_economic.{r.code}"
        m = [t.amount(f"{p}.total", r.total, unit), t.amount(f"{p}.personnel", r.personnel, unit),
             t.amount(f"{p}.public", r.public, unit)]
        is_class = len(r.code) == 3
        if two:
            gov = ["", "", ""] if is_class else [r.gov_code[:3], r.gov_code[3:], r.gov_name]
            body.append([r.code[:3], r.code[3:], r.name, *gov, *m])
        else:
            body.append([r.code, r.name, r.gov_code, r.gov_name, *m])
    widths = ([0.6, 0.5, 2.8, 0.6, 0.5, 2.0] if two else [1.0, 2.8, 1.0, 2.0]) + [1.2] * 3
    return Table(widths=widths, rows=head + body, header_rows=len(head),
                 align=("cclccl" if two else "llll") + "rrr", spans=spans, style=style,
                 font_size=8, row_height=16)


def three_public_table(t: Truth, unit: Unit, horizontal: bool = False,
                       style: str = "ruled") -> Table:
    """一般公共预算“三公”经费支出表, vertical as in the seed or horizontal."""
    tp, y = sd.PDS_THREE_PUBLIC, sd.PDS_YEAR

    def a(key: str, raw: str) -> str:
        return t.amount(f"three_public.{key}", raw, unit)

    if horizontal:
        rows: list[list[pk.CellLike]] = [
            ["项 目", "合 计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费"],
            ["", "", "", "小 计", "公务用车购置费", "公务用车运行维护费", ""],
            [f"{y} 年预算数", a("total", tp.total), a("overseas_travel", tp.overseas_travel),
             a("vehicle_total", tp.vehicle_total), a("vehicle_purchase", tp.vehicle_purchase),
             a("vehicle_operation", tp.vehicle_operation), a("reception", tp.reception)]]
        spans = [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 2, 1), (0, 3, 1, 3), (0, 6, 2, 1)]
        return Table(widths=[1.6, 1, 1.2, 1, 1.2, 1.3, 1], rows=rows, header_rows=2,
                     align="crrrrrr", spans=spans, style=style, font_size=9, row_height=22)
    rows = [["项 目", f"{y} 年“三公”经费预算数"],
            ["共计", a("total", tp.total)],
            ["1、因公出国（境）费用", a("overseas_travel", tp.overseas_travel)],
            ["2、公务接待费", a("reception", tp.reception)],
            ["3、公务用车费", a("vehicle_total", tp.vehicle_total)],
            ["其中：（1）公务用车运行维护费", a("vehicle_operation", tp.vehicle_operation)],
            ["（2）公务用车购置", a("vehicle_purchase", tp.vehicle_purchase)]]
    return Table(widths=[3, 2], rows=rows, header_rows=1, align="lr", style=style,
                 font_size=10, row_height=24)


THREE_PUBLIC_NOTE = (
    "注：按照党中央、国务院有关规定及部门预算管理有关规定，“三公”经费包括因公出国（境）费、"
    "公务用车购置及运行费和公务接待费。"
)


def project_table(t: Truth, unit: Unit, style: str = "ruled") -> Table:
    """部门预算项目绩效目标表, simplified: unit, project, amounts, two indicators."""
    rows: list[list[pk.CellLike]] = [
        ["单位编码", "项目名称", "项目金额", "", "", "绩效目标", "", "", ""],
        ["", "", "资金总额", "财政性资金", "其他资金", "产出指标", "", "满意度指标", ""],
        ["", "", "", "", "", "三级指标", "指标值", "三级指标", "指标值"]]
    spans = [(0, 0, 3, 1), (0, 1, 3, 1), (0, 2, 1, 3), (0, 5, 1, 4), (1, 2, 2, 1),
             (1, 3, 2, 1), (1, 4, 2, 1), (1, 5, 1, 2), (1, 7, 1, 2)]
    total = unit.show(sd.PDS_PROJECTS_TOTAL)
    rows.append([sd.PDS_DEPT_CODE, sd.PDS_DEPARTMENT, total, total, "", "", "", "", ""])
    for p in sd.PDS_PROJECTS:
        v = t.amount(f"projects.{p.name}.amount", p.amount, unit)
        rows.append([p.unit_code, p.name, v, v, "", p.output_indicator, p.output_value,
                     p.satisfaction_indicator, p.satisfaction_value])
    return Table(widths=[1.0, 3.6, 1.0, 1.0, 0.8, 2.0, 1.1, 2.2, 0.9], rows=rows,
                 header_rows=3, align="llrrrlclc", spans=spans, style=style, font_size=8,
                 row_height=18)


def procurement_table(t: Truth, unit: Unit, font_size: float = 9.5,
                      row_height: float = 17.5) -> Table:
    """政府采购汇总表 (38 rows, 3-column function codes)."""
    rows: list[list[pk.CellLike]] = [
        ["科目编码", "", "", "单位名称", "采购项目", "采购目录", "规格", "计量单位", "采购数量",
         "金额"],
        ["类", "款", "项", "", "", "", "", "", "", ""]]
    spans = [(0, 0, 1, 3)] + [(0, c, 2, 1) for c in range(3, 10)]
    for r in sd.PDS_PROCUREMENT:
        rows.append([r.code[:3], r.code[3:5], r.code[5:], r.unit, r.item, r.catalog, "",
                     r.measure, r.quantity, unit.show(r.amount)])
    qty, amount = sd.PDS_PROCUREMENT_TOTAL
    rows.append(["", "", "", "合 计", "", "", "", "", qty,
                 t.amount("procurement.total", amount, unit)])
    spans.append((len(rows) - 1, 0, 1, 3))
    return Table(widths=[0.6, 0.5, 0.5, 2.6, 2.2, 1.0, 0.8, 0.9, 0.9, 1.0], rows=rows,
                 header_rows=2, align="cccllcccrr", spans=spans, font_size=font_size,
                 row_height=row_height)


def government_fund_table() -> Table:
    """政府性基金预算支出表: printed as an empty table (空表)."""
    rows: list[list[pk.CellLike]] = [
        ["科目编码", "", "", "科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
        ["", "", "", "合计", "", "", ""],
        ["", "", "", "", "", "", ""]]
    spans = [(0, 0, 1, 3), (0, 3, 2, 1), (0, 4, 2, 1), (0, 5, 2, 1), (0, 6, 2, 1)]
    return Table(widths=[0.6, 0.5, 0.5, 3.5, 1.2, 1.2, 1.2], rows=rows, header_rows=2,
                 align="cccl" + "rrr", spans=spans, font_size=9, row_height=20)


# --------------------------------------------------------------------------- #
# Pagination helpers
# --------------------------------------------------------------------------- #


def draw_split_table(doc: Doc, head: TableTitle, table: Table, repeat_header: bool,
                     kind: str = pk.LANDSCAPE, bottom_margin: float = 48) -> int:
    """Draw a table over as many pages as needed; return the number of pages used.
    With `repeat_header` the continuation pages carry "续表" and the column header;
    without, the rows simply continue at the top of the next page."""
    x, width = table_x_width_for(kind)
    remaining = list(range(len(table.rows) - table.header_rows))
    pages = 0
    while remaining:
        doc.new_page(kind)
        first = pages == 0
        if first:
            top = pk.draw_title_block(doc, head)
        elif repeat_header:
            top = pk.draw_title_block(doc, TableTitle(title=head.title + "（续）",
                                                      number=head.number,
                                                      unit_line=head.unit_line),
                                      continued=True)
        else:
            top = doc.height - 50
        header = first or repeat_header
        take = 0
        while take < len(remaining) and top - pk.table_height(
                table, width, remaining[:take + 1], header) >= bottom_margin:
            take += 1
        assert take > 0, "row taller than a page"
        pk.draw_table(doc, table, x, top, width, remaining[:take], header)
        remaining = remaining[take:]
        pages += 1
    return pages


def table_x_width_for(kind: str) -> tuple[float, float]:
    w = landscape(A4)[0] if kind in (pk.LANDSCAPE, pk.ROTATED) else A4[0]
    return pk.MARGIN - 16, w - 2 * (pk.MARGIN - 16)


def appendix_cover(doc: Doc, title: str, items: Sequence[str]) -> None:
    doc.new_page(pk.PORTRAIT)
    y = doc.height - 120
    doc.text(doc.width / 2, y, title, 18, "center")
    y -= 50
    for item in items:
        doc.text(pk.MARGIN + 40, y, item, 12)
        y -= 24


# --------------------------------------------------------------------------- #
# The PDFs
# --------------------------------------------------------------------------- #

PDS_SEED = "pingdingshan-2021"
PDS_NOTES = [
    "Seed inconsistency kept as printed: 部门预算项目绩效目标表 prints 316001 平顶山市医疗保障局机关 "
    "266.0 and 316002 empty although 316002 projects are listed; those unit rows are not printed "
    "here (the simplified table keeps only the 316 department row).",
    "totals.personnel_expense is 366.9 万元 as printed in 基本支出表 (人员经费 includes 303 "
    "对个人和家庭的补助 7.6); 工资福利支出 is 359.3.",
]


def y_title(name: str) -> str:
    return f"{sd.PDS_YEAR} 年{name}"


def build_a(out: Path) -> Truth:
    """Fully ruled, 3-column codes, 万元, multi-row merged headers, every standard table."""
    t = Truth("pds2021_a_ruled_3col.pdf", PDS_SEED,
              ["ruled", "codes_3col", "wan_yuan", "merged_headers", "landscape_pages",
               "narrative", "empty_table", "project_table"], notes=list(PDS_NOTES))
    t.document(sd.PDS_DEPARTMENT, sd.PDS_YEAR)
    doc = Doc(str(out / t.pdf), f"{sd.PDS_DEPARTMENT}{sd.PDS_YEAR}年部门预算")
    pk.draw_narrative(doc, pds_narrative(t, WAN))
    appendix_cover(doc, f"{sd.PDS_DEPARTMENT} {sd.PDS_YEAR} 年部门预算表", [
        "一、部门收支总体情况表", "二、部门收入总体情况表", "三、部门支出总体情况表",
        "四、财政拨款收支总体情况表", "五、一般公共预算支出情况表", "六、支出经济分类汇总表",
        "七、一般公共预算基本支出表", "八、一般公共预算“三公”经费支出情况表",
        "九、政府性基金预算支出情况表", "十、部门预算项目绩效目标表"])
    pages = [
        ("部门收支总体情况表", summary_table(t, WAN)),
        ("部门收入总体情况表", revenue_table(WAN)),
        ("部门支出总体情况表", function_table(t, WAN, CODES_3COL)),
        ("财政拨款收支总体情况表", fiscal_table(t, WAN)),
        ("一般公共预算支出情况表", function_table(t, WAN, CODES_3COL)),
        ("支出预算分类汇总表（按支出经济分类）", economic_table(t, WAN, CODES_3COL)),
        ("一般公共预算基本支出表", basic_table(t, WAN, CODES_3COL)),
    ]
    for i, (title, table) in enumerate(pages, start=1):
        pk.draw_table_page(doc, pds_head(y_title(title), f"预算{i:02d}表", WAN), table)
    head = pds_head(y_title("一般公共预算“三公”经费支出情况表"), "预算08表", WAN)
    pk.draw_table_page(doc, TableTitle(head.title, head.number, head.department_line,
                                       head.unit_line, THREE_PUBLIC_NOTE),
                       three_public_table(t, WAN), pk.PORTRAIT)
    pk.draw_table_page(doc, TableTitle(
        y_title("政府性基金预算支出情况表"), "预算09表", f"部门名称：{sd.PDS_DEPARTMENT}",
        "单位：万元", f"注：{sd.PDS_DEPARTMENT} {sd.PDS_YEAR} 年无政府性基金预算支出，此表为空表。"),
        government_fund_table(), pk.PORTRAIT)
    pk.draw_table_page(doc, pds_head(f"{sd.PDS_YEAR} 年度部门预算项目绩效目标表", "预算10表",
                                     WAN, "金额单位"), project_table(t, WAN))
    doc.save()
    return t


def build_b(out: Path) -> Truth:
    """Three-line tables, one-column codes with 类/款 subtotal rows, amounts in 元 with
    thousands separators (narrative too)."""
    t = Truth("pds2021_b_threeline_1col_yuan.pdf", PDS_SEED,
              ["three_line", "codes_1col", "yuan", "thousands_sep", "subtotal_rows",
               "narrative", "three_public_horizontal", "project_table"],
              notes=[*PDS_NOTES, "类/款 subtotal rows are computed from the 项 rows of the seed."])
    t.document(sd.PDS_DEPARTMENT, sd.PDS_YEAR)
    doc = Doc(str(out / t.pdf), f"{sd.PDS_DEPARTMENT}{sd.PDS_YEAR}年部门预算")
    pk.draw_narrative(doc, pds_narrative(t, YUAN_SEP))
    tl = "three_line"
    pages = [
        ("部门收支总体情况表", summary_table(t, YUAN_SEP, tl)),
        ("部门支出总体情况表", function_table(t, YUAN_SEP, CODES_1COL, tl)),
        ("支出经济分类汇总表", economic_table(t, YUAN_SEP, CODES_1COL, tl, groups=True,
                                           font_size=7.2)),
        ("一般公共预算基本支出表", basic_table(t, YUAN_SEP, CODES_1COL, tl, groups=True)),
    ]
    for i, (title, table) in enumerate(pages, start=1):
        pk.draw_table_page(doc, pds_head(y_title(title), f"表{i}", YUAN_SEP), table)
    pk.draw_table_page(doc, pds_head(y_title("一般公共预算“三公”经费支出情况表"), "表5",
                                     YUAN_SEP), three_public_table(t, YUAN_SEP, True, tl))
    pk.draw_table_page(doc, pds_head(f"{sd.PDS_YEAR} 年度部门预算项目绩效目标表", "表6",
                                     YUAN_SEP), project_table(t, YUAN_SEP, tl))
    doc.save()
    return t


def build_c(out: Path) -> Truth:
    """Ruled, outline codes: 类 "210", 款 "15", 项 "01" indented, with subtotal rows."""
    t = Truth("pds2021_c_outline.pdf", PDS_SEED,
              ["ruled", "codes_outline", "wan_yuan", "subtotal_rows", "narrative"],
              notes=[*PDS_NOTES, "类/款 subtotal rows are computed from the 项 rows of the seed."])
    t.document(sd.PDS_DEPARTMENT, sd.PDS_YEAR)
    doc = Doc(str(out / t.pdf), f"{sd.PDS_DEPARTMENT}{sd.PDS_YEAR}年部门预算")
    pk.draw_narrative(doc, pds_narrative(t, WAN))
    pages = [
        ("部门收支总体情况表", summary_table(t, WAN)),
        ("部门支出总体情况表", function_table(t, WAN, CODES_OUTLINE)),
        ("一般公共预算支出情况表", function_table(t, WAN, CODES_OUTLINE)),
        ("支出经济分类汇总表", economic_table(t, WAN, CODES_OUTLINE, groups=True,
                                           font_size=7.2, row_height=13.5)),
    ]
    for i, (title, table) in enumerate(pages, start=1):
        pk.draw_table_page(doc, pds_head(y_title(title), f"部门公开表{i}", WAN), table)
    pk.draw_table_page(doc, pds_head(y_title("一般公共预算“三公”经费支出情况表"),
                                     "部门公开表5", WAN), three_public_table(t, WAN),
                       pk.PORTRAIT)
    doc.save()
    return t


def build_d(out: Path) -> Truth:
    """A4 landscape page for the wide economic table; 部门支出总表 on a portrait page that
    carries /Rotate 90 (drawn so it reads upright once the viewer rotates it)."""
    t = Truth("pds2021_d_rotated.pdf", PDS_SEED,
              ["ruled", "codes_3col", "wan_yuan", "landscape_page", "rotated_page",
               "narrative"], notes=list(PDS_NOTES))
    t.document(sd.PDS_DEPARTMENT, sd.PDS_YEAR)
    doc = Doc(str(out / t.pdf), f"{sd.PDS_DEPARTMENT}{sd.PDS_YEAR}年部门预算")
    pk.draw_narrative(doc, pds_narrative(t, WAN))
    pk.draw_table_page(doc, pds_head(y_title("部门收支总体情况表"), "预算01表", WAN),
                       summary_table(t, WAN), pk.LANDSCAPE)
    pk.draw_table_page(doc, pds_head(y_title("部门支出总体情况表"), "预算03表", WAN),
                       function_table(t, WAN, CODES_3COL), pk.ROTATED)
    pk.draw_table_page(doc, pds_head(y_title("支出预算分类汇总表（按支出经济分类）"), "预算06表",
                                     WAN), economic_table(t, WAN, CODES_3COL), pk.LANDSCAPE)
    pk.draw_table_page(doc, pds_head(y_title("一般公共预算基本支出表"), "预算07表", WAN),
                       basic_table(t, WAN, CODES_3COL), pk.PORTRAIT)
    pk.draw_table_page(doc, pds_head(y_title("一般公共预算“三公”经费支出情况表"), "预算08表",
                                     WAN), three_public_table(t, WAN), pk.PORTRAIT)
    doc.save()
    return t


def build_e(out: Path) -> Truth:
    """Long tables over two pages: 支出经济分类汇总表 with 类 rows, header repeated under a
    "续表" mark; 政府采购汇总表 continued without a header."""
    t = Truth("pds2021_e_multipage.pdf", PDS_SEED,
              ["ruled", "codes_3col", "wan_yuan", "multipage_repeated_header",
               "multipage_no_header", "subtotal_rows", "narrative", "procurement_table"],
              notes=[*PDS_NOTES, "类 subtotal rows of 支出经济分类汇总表 are computed from the seed."])
    t.document(sd.PDS_DEPARTMENT, sd.PDS_YEAR)
    doc = Doc(str(out / t.pdf), f"{sd.PDS_DEPARTMENT}{sd.PDS_YEAR}年部门预算")
    pk.draw_narrative(doc, pds_narrative(t, WAN))
    pk.draw_table_page(doc, pds_head(y_title("部门收支总体情况表"), "预算01表", WAN),
                       summary_table(t, WAN))
    pk.draw_table_page(doc, pds_head(y_title("部门支出总体情况表"), "预算03表", WAN),
                       function_table(t, WAN, CODES_3COL))
    econ = economic_table(t, WAN, CODES_3COL, groups=True, font_size=9, row_height=17)
    n1 = draw_split_table(doc, pds_head(y_title("支出预算分类汇总表（按支出经济分类）"),
                                        "预算06表", WAN), econ, repeat_header=True)
    pk.draw_table_page(doc, pds_head(y_title("一般公共预算“三公”经费支出情况表"), "预算08表",
                                     WAN), three_public_table(t, WAN), pk.PORTRAIT)
    proc = procurement_table(t, WAN)
    n2 = draw_split_table(doc, TableTitle("政府采购汇总表", "预算12表",
                                          f"单位名称：{sd.PDS_DEPARTMENT}", "单位：万元"),
                          proc, repeat_header=False)
    assert n1 == 2 and n2 == 2, (n1, n2)
    doc.save()
    return t


def build_h(out: Path) -> Truth:
    """Mixed units: main tables in 元 (no separators, "金额单位：元"), the 三公 table and the
    narrative in 万元."""
    t = Truth("pds2021_h_mixed_units.pdf", PDS_SEED,
              ["ruled", "codes_3col", "yuan", "mixed_units", "narrative",
               "three_public_horizontal"], notes=list(PDS_NOTES))
    t.document(sd.PDS_DEPARTMENT, sd.PDS_YEAR)
    doc = Doc(str(out / t.pdf), f"{sd.PDS_DEPARTMENT}{sd.PDS_YEAR}年部门预算")
    pk.draw_narrative(doc, pds_narrative(t, WAN))
    pages = [
        ("部门收支总体情况表", summary_table(t, YUAN)),
        ("部门支出总体情况表", function_table(t, YUAN, CODES_3COL, font_size=7.2)),
        ("一般公共预算基本支出表", basic_table(t, YUAN, CODES_3COL)),
    ]
    for i, (title, table) in enumerate(pages, start=1):
        pk.draw_table_page(doc, pds_head(y_title(title), f"表{i}", YUAN, "金额单位"), table)
    pk.draw_table_page(doc, pds_head(y_title("一般公共预算“三公”经费支出情况表"), "表4", WAN),
                       three_public_table(t, WAN, horizontal=True))
    doc.save()
    return t


# --------------------------------------------------------------------------- #
# 永清 2023 unit budget
# --------------------------------------------------------------------------- #


def yq_narrative(t: Truth) -> Narrative:
    q, dept, y = sd.YQ, sd.YQ_DEPARTMENT, sd.YQ_YEAR

    def a(path: str | None, raw: str) -> str:
        return t.amount(path, raw, WAN) + "万元"

    n = Narrative()
    n.add("title", dept)
    n.add("title", f"{y}年单位预算信息公开情况说明")
    n.add("p", "按照《中华人民共和国预算法》、《中华人民共和国预算法实施条例》、《地方预决算公开"
               f"操作规程》和《河北省省级预算公开办法》规定，现将{dept}{y}年单位预算公开如下：")
    n.add("h2", "一、单位职责及机构设置情况")
    n.add("p", "单位职责：贯彻落实省、市城镇职工和城乡居民医疗保险、生育保险、大病保险、医疗救助"
               "等医疗保障政策、制度、规划和标准，并组织实施。机构设置：永清县医疗保障局，行政，"
               "正科级，财政拨款（行政）。")
    n.add("h2", "二、单位预算安排的总体情况")
    t.amount("totals.expenditure_total", q.expenditure_total, WAN)
    n.add("p", f"1、收入说明。反映本单位当年全部收入。{y}年预算收入"
               f"{a('totals.revenue_total', q.revenue_total)}，其中：一般公共预算收入"
               f"{a('totals.general_public_budget', q.general_public_budget)}，基金预算收入"
               f"{a('totals.government_fund', q.government_fund)}，财政专户核拨收入"
               f"{a(None, q.fiscal_special_account)}，其他来源收入{a(None, q.other_revenue)}，"
               f"上年结转{a('totals.carryover', q.carryover)}。")
    n.add("p", f"2、支出说明。{y}年支出预算{a('totals.expenditure_total', q.expenditure_total)}，"
               f"其中基本支出{a('totals.basic_expenditure', q.basic)}，包括人员类项目经费"
               f"{a('totals.personnel_expense', q.personnel)}和运转类公用项目经费"
               f"{a('totals.public_expense', q.public)}；运转类其他及特定目标类项目支出"
               f"{a('totals.project_expenditure', q.project)}，包括本级支出，主要为医保局2023年度"
               "城乡居民基本医疗保险费县级财政补助资金、医保局医疗救助县级财政补助金等；上缴上级支出"
               f"{a(None, q.remitted_to_higher)}，主要为城乡居民基本医疗保险费县级财政补助资金等支出；"
               f"其他支出{a(None, q.other_expenditure)}，主要为医保局劳模医药费、医保局医疗保障工作"
               "经费等其他支出。")
    n.add("p", f"3、比上年增减情况。{y}年预算收支安排{a(None, q.expenditure_total)}，较2022年"
               f"预算减少{a(None, q.decrease)}，其中：基本支出增加{a(None, q.basic_increase)}；"
               f"项目支出减少{a(None, q.project_decrease)}。")
    n.add("h2", "三、机关运行经费安排情况")
    n.add("p", f"{y}年，我局机关运行经费共计安排{a('operating_expenses', q.operating_expenses)}，"
               "主要用于医疗保障局办公区的日常维修、办公用房水电费、办公用房取暖费等日常运行支出。")
    n.add("h2", "四、财政拨款“三公”经费预算情况及增减变化原因")
    n.add("p", f"{y}年，我局财政拨款“三公”经费预算安排{a('three_public.total', q.three_public)}。"
               f"其中，因公出国（境）费{a('three_public.overseas_travel', '0')}；公务用车购置及运维费"
               f"{a('three_public.vehicle_total', '0')}（其中：公务用车购置费为"
               f"{a('three_public.vehicle_purchase', '0')}，公务用车运维费"
               f"{a('three_public.vehicle_operation', '0')})；公务接待费"
               f"{a('three_public.reception', '0')}。与2022年相比持平，无增减变化。")
    n.add("h2", "五、绩效预算信息")
    n.add("p", "我局结合省市县委政府工作部署、年度工作计划与工作要点，对总体绩效目标进一步分解细化，"
               "分项制定绩效目标，项目绩效目标表见附表。")
    n.add("h2", "六、政府采购预算情况")
    n.add("p", f"{y}年，我单位安排政府采购预算{a('procurement.total', q.procurement_total)}。"
               "具体内容见下表。")
    n.add("h2", "七、国有资产信息")
    n.add("p", f"永清县医疗保障局上年末固定资产金额为{a(None, q.fixed_assets)}，本年度我单位拟购置"
               f"固定资产总额为{a(None, '6')}，主要为计算机设备、打印设备、杀毒软件等。")
    return n


def yq_summary_table(t: Truth) -> Table:
    """收支预算总表 laid out from the narrative figures (the seed has no such table)."""
    q = sd.YQ

    def a(path: str | None, raw: str) -> str:
        return t.amount(path, raw, WAN)

    rows: list[list[pk.CellLike]] = [
        ["收 入", "", "支 出", ""],
        ["项 目", "预算数", "项 目", "预算数"],
        ["一、一般公共预算拨款收入", a("totals.general_public_budget", q.general_public_budget),
         "一、基本支出", a("totals.basic_expenditure", q.basic)],
        ["二、政府性基金预算拨款收入", a("totals.government_fund", ""),
         "    人员类项目", a("totals.personnel_expense", q.personnel)],
        ["三、财政专户核拨收入", "", "    运转类公用项目", a("totals.public_expense", q.public)],
        ["四、其他来源收入", "", "二、项目支出", a("totals.project_expenditure", q.project)],
        ["五、上年结转", a("totals.carryover", "117.00"), "", ""],
        ["收 入 总 计", a("totals.revenue_total", q.revenue_total),
         "支 出 总 计", a("totals.expenditure_total", q.expenditure_total)],
    ]
    return Table(widths=[3, 1.3, 3, 1.3], rows=rows, header_rows=2, align="lrlr",
                 spans=[(0, 0, 1, 2), (0, 2, 1, 2)], font_size=10, row_height=24)


def yq_three_public_table(t: Truth) -> Table:
    def a(key: str) -> str:
        return t.amount(f"three_public.{key}", "0.00", WAN)

    rows: list[list[pk.CellLike]] = [
        ["合计", "因公出国（境）费", "公务用车购置及运维费", "", "", "公务接待费"],
        ["", "", "小计", "公务用车购置费", "公务用车运维费", ""],
        [a("total"), a("overseas_travel"), a("vehicle_total"), a("vehicle_purchase"),
         a("vehicle_operation"), a("reception")]]
    spans = [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 1, 3), (0, 5, 2, 1)]
    return Table(widths=[1] * 6, rows=rows, header_rows=2, align="rrrrrr", spans=spans,
                 font_size=9.5, row_height=22)


def yq_project_tables(t: Truth, p: sd.YqProject) -> tuple[Table, Table]:
    """One project's 绩效目标表: the money block and the indicator block."""
    amount = t.amount(f"projects.{p.name}.amount", p.amount, WAN)
    info: list[list[pk.CellLike]] = [
        ["项目编码", p.code, "", "项目名称", p.name, "", ""],
        ["预算规模及资金用途", "预算数", amount, "其中：财政资金", amount, "其他资金", ""],
        ["", p.purpose, "", "", "", "", ""],
        ["资金支出计划（%）", "3月底", "6月底", "", "10月底", "12月底", ""],
        ["", p.plan[0], p.plan[1], "", p.plan[2], p.plan[3], ""],
        ["绩效目标", p.goal, "", "", "", "", ""],
    ]
    spans = [(0, 1, 1, 2), (0, 4, 1, 3), (1, 0, 2, 1), (2, 1, 1, 6), (3, 0, 2, 1),
             (3, 2, 1, 2), (3, 5, 1, 2), (4, 2, 1, 2), (4, 5, 1, 2), (5, 1, 1, 6)]
    info_t = Table(widths=[1.6, 1.0, 1.0, 1.3, 1.0, 1.0, 0.9], rows=info, header_rows=0,
                   align="lcccccc", spans=spans, font_size=8, row_height=16)
    ind: list[list[pk.CellLike]] = [
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"]]
    ind_spans = []
    for row in p.indicators:
        ind.append(list(row))
    # merge each 一级指标 down over the rows that leave it empty
    first_rows = [i for i, row in enumerate(p.indicators, start=1) if row[0]]
    bounds = [*first_rows, len(p.indicators) + 1]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if b - a > 1:
            ind_spans.append((a, 0, b - a, 1))
    ind_t = Table(widths=[1.0, 1.3, 1.6, 2.4, 1.1, 1.3], rows=ind, header_rows=1,
                  align="cclllc", spans=ind_spans, font_size=8, row_height=16)
    return info_t, ind_t


def yq_procurement_table() -> Table:
    rows: list[list[pk.CellLike]] = [
        ["政府采购项目来源", "", "采购物品名称", "政府采购目录序号", "计量单位", "数量", "单价",
         "政府采购金额（当年单位预算安排资金）", "", "", "2023年预留中小微企业份额"],
        ["项目名称", "预算资金", "", "", "", "", "", "合计", "一般公共预算拨款", "单位资金", ""],
        ["合  计", "0", "", "", "", "", "", "", "", "", ""],
        [""] * 11, [""] * 11]
    spans = [(0, 0, 1, 2), (0, 7, 1, 3)] + [(0, c, 2, 1) for c in (2, 3, 4, 5, 6, 10)]
    return Table(widths=[1.6, 0.9, 1.3, 1.2, 0.8, 0.7, 0.7, 0.9, 1.1, 0.9, 1.2], rows=rows,
                 header_rows=2, align="lrllcrrrrrr", spans=spans, font_size=8, row_height=18)


def build_f(out: Path) -> Truth:
    """永清 2023 county unit budget: 收支预算总表, 三公, 11 project performance tables."""
    t = Truth("yq2023_f_unit_budget.pdf", "yongqing-2023",
              ["ruled", "wan_yuan", "unit_budget", "performance_tables", "narrative",
               "two_decimals"],
              notes=[
                  "The seed text has no 收支预算总表 / 三公 table; both are laid out here from the "
                  "narrative's own figures. The seed has no function/economic tables, none are made up.",
                  "Seed inconsistency kept as printed: 上缴上级支出 4944.99 万元 exceeds the project "
                  "spending 4897.99 万元 it is said to be part of (narrative only, no path).",
                  "Project name '医保局 安全可替代办公设备采购' keeps the space the seed prints.",
              ])
    t.document(sd.YQ_DEPARTMENT, sd.YQ_YEAR)
    assert dsum(p.amount for p in sd.YONGQING_PROJECTS) == Decimal(sd.YQ.project)
    assert dsum([sd.YQ.personnel, sd.YQ.public]) == Decimal(sd.YQ.basic)
    assert dsum([sd.YQ.basic, sd.YQ.project]) == Decimal(sd.YQ.expenditure_total)
    assert dsum([sd.YQ.general_public_budget, sd.YQ.carryover]) == Decimal(sd.YQ.revenue_total)
    doc = Doc(str(out / t.pdf), f"{sd.YQ_DEPARTMENT}{sd.YQ_YEAR}年单位预算")
    pk.draw_narrative(doc, yq_narrative(t))
    unit_head = dict(department_line=f"单位名称：{sd.YQ_DEPARTMENT}", unit_line="单位：万元")
    pk.draw_table_page(doc, TableTitle(f"{sd.YQ_YEAR}年收支预算总表", "表一", **unit_head),
                       yq_summary_table(t), pk.PORTRAIT)
    pk.draw_table_page(doc, TableTitle(f"{sd.YQ_YEAR}年财政拨款“三公”经费预算表", "表二",
                                       **unit_head), yq_three_public_table(t), pk.PORTRAIT)
    x, width = table_x_width_for(pk.PORTRAIT)
    y = 0.0
    for i, p in enumerate(sd.YONGQING_PROJECTS, start=1):
        info, ind = yq_project_tables(t, p)
        need = 60 + pk.table_height(info, width, range(len(info.rows))) + 8 + \
            pk.table_height(ind, width, range(len(ind.rows) - 1))
        if i == 1 or y - need < 50:
            doc.new_page(pk.PORTRAIT)
            y = doc.height - 50
            if i == 1:
                doc.text(doc.width / 2, y - 10, "项目支出绩效目标表", 15, "center")
                y -= 34
        doc.text(x, y - 14, f"{i}.{p.name}绩效目标表", 10.5)
        doc.text(x, y - 32, sd.YQ_UNIT_LABEL, 9)
        doc.text(x + width, y - 32, "单位：万元", 9, "right")
        y = pk.draw_table(doc, info, x, y - 40, width)
        y = pk.draw_table(doc, ind, x, y - 8, width) - 16
    pk.draw_table_page(doc, TableTitle("单位政府采购预算", "表四", **unit_head),
                       yq_procurement_table())
    doc.save()
    return t


# --------------------------------------------------------------------------- #
# 河南 2021: narrative only (the published tables were images)
# --------------------------------------------------------------------------- #


def henan_narrative(t: Truth) -> Narrative:
    h, dept, y = sd.HENAN, sd.HENAN_DEPARTMENT, sd.HENAN_YEAR

    def a(path: str | None, raw: str, sp: str = " ") -> str:
        return f"{sp}{t.amount(path, raw, WAN)}{sp}万元"

    n = Narrative()
    n.add("title", f"{y} 年{dept}预算公开")
    n.add("h1", f"第一部分 {dept}概况")
    n.add("p", f"{dept}于 2018 年底组建成立，是省政府直属机构，为正厅级。{dept}2021年部门预算包括"
               "局机关本级预算和局属医疗保障经办机构预算：河南省医疗保障局局机关本级、河南省医疗保障"
               "服务中心、河南省医疗保障稽核中心、河南省医疗保障统计分析中心。")
    n.add("h1", f"第二部分 {dept} {y} 年部门预算情况说明")
    n.add("h2", "一、收入支出预算总体情况")
    n.add("p", f"{dept} {y} 年预算总收入{a('totals.revenue_total', h.revenue_total)}，预算总支出"
               f"{a('totals.expenditure_total', h.expenditure_total)}，与 2020 年预算相比，收支均减少"
               f"{a(None, h.decrease)}，减少 60.6%。收支预算减少的主要原因：2021 年省财政厅暂不安排"
               "省直离休干部医疗费专项资金收支预算。")
    n.add("h2", "二、收入预算总体情况")
    t.put("totals.general_public_budget", to_yuan(h.revenue_total), h.revenue_total)
    n.add("p", f"{dept} {y} 年收入预算 {h.revenue_total} 万元，均为一般公共预算收入，占比 100%。")
    n.add("h2", "三、支出预算总体情况")
    n.add("p", f"{dept} {y} 年支出预算{a(None, h.expenditure_total)}，其中：基本支出预算"
               f"{a('totals.basic_expenditure', h.basic)}，占年度支出预算的 {h.basic_share}；"
               f"项目（类）支出预算{a('totals.project_expenditure', h.project)}，占年度支出预算的 "
               f"{h.project_share}，其中，安排我局参与分配（财政代管）项目支出预算"
               f"{a(None, h.managed_project)}，占年度项目支出预算的 59.39%。")
    n.add("h2", "四、一般公共预算支出预算情况")
    parts = "；".join(f"{name}（类）支出{a(None, amt)}，占 {share}"
                     for name, amt, share in h.class_amounts)
    n.add("p", f"{dept} {y} 年一般公共预算支出预算为{a(None, h.expenditure_total)}。主要用于以下"
               f"方面：{parts}。")
    n.add("h2", "五、政府性基金预算支出情况")
    n.add("p", f"我局 {y} 年政府性基金预算拨款{a(None, h.government_fund_note)}，为我局参与分配的"
               "城乡居民医疗救助资金（彩票公益金部分）专项支出预算拨款。")
    n.add("h2", "六、“三公”经费支出预算情况")
    n.add("p", f"我局 2020 年“三公”经费预算为"
               f"{a('three_public.prior_year_total', h.three_public_prior_year)}，{y} 年“三公”经费"
               f"支出预算数比 2020 年减少{a(None, h.three_public_decrease)}。具体支出情况如下：")
    n.add("p", f"（一）2021年因公出国（境）费预算支出"
               f"{a('three_public.overseas_travel', h.overseas_travel, '')}，较去年减少预算支出"
               "28万元，主要由于国际疫情影响，暂不安排考察调研团到医疗保障发达国家进行考察学习。")
    n.add("p", f"（二）公务用车购置及运行费{a('three_public.vehicle_total', h.vehicle_total, '')}，"
               f"公务用车购置及运行费{h.vehicle_total}万元，其中，公务用车购置费"
               f"{a('three_public.vehicle_purchase', h.vehicle_purchase, '')}，需购置一辆新能源"
               f"公务用车；公务用车运行维护费{a('three_public.vehicle_operation', h.vehicle_operation, '')}"
               "，主要用于开展工作所需公务用车的燃料费、维修费、过路过桥费、保险费等支出，与2020年持平。")
    n.add("p", f"（三）公务接待费{a('three_public.reception', h.reception, '')}，主要用于按规定开支"
               "的各类公务接待（含外宾接待）支出。")
    n.add("h2", "七、其他重要事项情况说明")
    n.add("p", f"（一）机关运行经费支出情况。{dept}2021年机关行政运行费支出预算为"
               f"{a('operating_expenses', h.operating_expenses, '')}，主要为保障机构正常运转及"
               "正常履职需要的办公费、印刷费、邮电费、差旅费、福利费等支出。")
    n.add("p", f"（二）政府采购支出情况。2021年政府采购预算安排"
               f"{a('procurement.total', h.procurement_total, '')}，其中：政府采购货物预算"
               f"{a('procurement.goods', h.procurement_goods, '')}、政府采购工程预算"
               f"{a('procurement.works', h.procurement_works, '')}、政府采购服务预算"
               f"{a('procurement.services', h.procurement_services, '')}。")
    n.add("p", "（三）国有资产占用情况。2020年期末，我局共有车辆4辆，其中：一般公务用车4辆。")
    n.add("h1", "附件：河南省医疗保障局2021年部门预算表")
    n.add("p", "（部门预算表 1-8 在原文件中为图片，本测试文件不含表格。）")
    return n


def build_g(out: Path) -> Truth:
    t = Truth("henan2021_g_narrative.pdf", "henan-2021", ["narrative_only", "wan_yuan"],
              notes=[
                  "Seed inconsistency kept as printed: 2020 三公 budget 43 万元 and 2021 'decreased "
                  "by 27 万元' gives 16, while the 2021 items sum to 0+40+3 = 43; the 2021 "
                  "three_public.total is not stated, so it is absent.",
                  "政府性基金预算拨款 2000 万元 is money the bureau only distributes (参与分配) and is "
                  "outside the 8366.8 万元 that is 'all 一般公共预算'; totals.government_fund is "
                  "left absent.",
                  "Spending by class is stated by name only (一般公共服务（类）182 万元 …); no codes "
                  "are printed, so no expenditure_by_function values.",
              ])
    t.document(sd.HENAN_DEPARTMENT, sd.HENAN_YEAR)
    doc = Doc(str(out / t.pdf), f"{sd.HENAN_DEPARTMENT}{sd.HENAN_YEAR}年部门预算")
    pk.draw_narrative(doc, henan_narrative(t))
    doc.save()
    return t


BUILDERS = (build_a, build_b, build_c, build_d, build_e, build_f, build_g, build_h)


def main() -> None:
    pk.register_font()
    check_pingdingshan_seed()
    for builder in BUILDERS:
        truth = builder(HERE)
        n = truth.write(HERE)
        print(f"{truth.pdf}: {n} values")


if __name__ == "__main__":
    main()
