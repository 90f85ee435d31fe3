"""Seed numbers for the golden corpus, transcribed from /work/shared/seeds/*.txt.

Every amount is kept as the string the seed prints (unit: 万元); "" is an empty cell.
Nothing here is invented: where a layout needs a figure the seed does not print
(a 类/款 subtotal row), build.py computes it from these rows and checks it.
`verify.py --seeds DIR` re-reads the seed texts and checks these transcriptions.
"""

from __future__ import annotations

from dataclasses import dataclass

# --------------------------------------------------------------------------- #
# 平顶山市医疗保障局 2021 (city department budget, 万元, 1 decimal)
# --------------------------------------------------------------------------- #

PDS_DEPARTMENT = "平顶山市医疗保障局"
PDS_YEAR = 2021
PDS_DEPT_CODE = "316"


@dataclass(frozen=True)
class FunctionRow:
    """One 项 row of 部门支出总表 / 一般公共预算支出表 (seed pages "部门支出总体情况表")."""

    code: str  # 7 digits, printed as 类 款 项 = code[:3] code[3:5] code[5:]
    name: str
    total: str
    basic: str
    wages: str  # 工资福利支出
    goods: str  # 商品和服务支出
    family: str  # 对个人和家庭的补助
    capital: str  # 资本性支出
    project: str
    general_project: str  # 一般性项目
    special: str  # 专项资金


PDS_FUNCTION_ROWS: tuple[FunctionRow, ...] = (
    FunctionRow("2080501", "行政单位离退休", "8.1", "8.1", "", "0.5", "7.6", "", "", "", ""),
    FunctionRow("2080505", "机关事业单位基本养老保险缴费支出", "36.4", "36.4", "36.4", "", "", "", "", "", ""),
    FunctionRow("2101101", "行政单位医疗", "33.0", "33.0", "33.0", "", "", "", "", "", ""),
    FunctionRow("2101501", "行政运行", "390.0", "318.0", "262.7", "55.3", "", "", "72.0", "72.0", ""),
    FunctionRow("2101502", "一般行政管理事务", "9.0", "", "", "", "", "", "9.0", "9.0", ""),
    FunctionRow("2101504", "信息化建设", "42.0", "", "", "", "", "", "42.0", "42.0", ""),
    FunctionRow("2101505", "医疗保障政策管理", "25.0", "", "", "", "", "", "25.0", "25.0", ""),
    FunctionRow("2101506", "医疗保障经办事务", "40.0", "", "", "", "", "", "40.0", "40.0", ""),
    FunctionRow("2101599", "其他医疗保障管理事务支出", "78.0", "", "", "", "", "", "78.0", "78.0", ""),
    FunctionRow("2210201", "住房公积金", "27.2", "27.2", "27.2", "", "", "", "", "", ""),
)

# 合计 row of 部门支出总表 as printed (checked against the sum of the rows in build.py)
PDS_FUNCTION_TOTAL = FunctionRow(
    "", "合计", "688.7", "422.7", "359.3", "55.8", "7.6", "", "266.0", "266.0", ""
)

# Names of the 类 and 款 codes (standard 2021 功能分类 names; the seed prints only 项 rows).
FUNCTION_GROUP_NAMES: dict[str, str] = {
    "208": "社会保障和就业支出",
    "20805": "行政事业单位养老支出",
    "210": "卫生健康支出",
    "21011": "行政事业单位医疗",
    "21015": "医疗保障管理事务",
    "221": "住房保障支出",
    "22102": "住房改革支出",
}


@dataclass(frozen=True)
class EconomicRow:
    """One row of 支出经济分类汇总表: department code beside the government code."""

    code: str  # 部门预算经济分类, 5 digits (类 = code[:3], 款 = code[3:])
    name: str
    gov_code: str  # 政府预算经济分类, 5 digits
    gov_name: str
    total: str  # 总计 = 一般公共预算小计 = 其中：财政拨款 in this seed


PDS_ECONOMIC_ROWS: tuple[EconomicRow, ...] = (
    EconomicRow("30101", "基本工资", "50101", "工资奖金津补贴", "127.9"),
    EconomicRow("30102", "津贴补贴", "50101", "工资奖金津补贴", "112.1"),
    EconomicRow("30103", "奖金", "50101", "工资奖金津补贴", "17.5"),
    EconomicRow("30108", "机关事业单位基本养老保险费", "50102", "社会保障缴费", "36.4"),
    EconomicRow("30110", "城镇职工基本医疗保险缴费", "50102", "社会保障缴费", "33.0"),
    EconomicRow("30112", "其他社会保障性缴费", "50102", "社会保障缴费", "5.2"),
    EconomicRow("30113", "住房公积金", "50103", "住房公积金", "27.2"),
    EconomicRow("30201", "办公费", "50201", "办公经费", "1.4"),
    EconomicRow("30202", "印刷费", "50201", "办公经费", "6.5"),
    EconomicRow("30204", "手续费", "50201", "办公经费", "3.5"),
    EconomicRow("30205", "水费", "50201", "办公经费", "0.4"),
    EconomicRow("30206", "电费", "50201", "办公经费", "8.9"),
    EconomicRow("30207", "邮电费", "50201", "办公经费", "8.0"),
    EconomicRow("30208", "取暖费", "50201", "办公经费", "2.6"),
    EconomicRow("30209", "物业管理费", "50201", "办公经费", "13.3"),
    EconomicRow("30211", "差旅费", "50201", "办公经费", "18.0"),
    EconomicRow("30213", "维修(护)费", "50209", "维修(护)费", "40.0"),
    EconomicRow("30214", "租赁费", "50201", "办公经费", "9.0"),
    EconomicRow("30216", "培训费", "50203", "培训费", "13.0"),
    EconomicRow("30217", "公务接待费", "50206", "公务接待费", "4.5"),
    EconomicRow("30226", "劳务费", "50205", "委托业务费", "3.0"),
    EconomicRow("30227", "委托业务费", "50205", "委托业务费", "85.1"),
    EconomicRow("30228", "工会经费", "50201", "办公经费", "2.7"),
    EconomicRow("30229", "福利费", "50201", "办公经费", "3.3"),
    EconomicRow("30231", "公务用车购置及运行维护费", "50208", "公务用车运行维护费", "38.0"),
    EconomicRow("30239", "其他交通费用", "50201", "办公经费", "34.6"),
    EconomicRow("30299", "其他商品和服务支出", "50299", "其他商品和服务支出", "18.0"),
    EconomicRow("30302", "退休费", "50905", "离退休费", "7.6"),
    EconomicRow("31002", "办公设备购置", "50306", "设备购置", "8.0"),
)
PDS_ECONOMIC_TOTAL = "688.7"

ECONOMIC_CLASS_NAMES: dict[str, str] = {
    "301": "工资福利支出",
    "302": "商品和服务支出",
    "303": "对个人和家庭的补助",
    "310": "资本性支出",
}


@dataclass(frozen=True)
class BasicRow:
    """One row of 一般公共预算基本支出表."""

    code: str
    name: str
    gov_code: str
    gov_name: str
    total: str
    personnel: str  # 人员经费
    public: str  # 公用经费


PDS_BASIC_ROWS: tuple[BasicRow, ...] = (
    BasicRow("30101", "基本工资", "50101", "工资奖金津补贴", "127.9", "127.9", ""),
    BasicRow("30102", "津贴补贴", "50101", "工资奖金津补贴", "112.1", "112.1", ""),
    BasicRow("30103", "奖金", "50101", "工资奖金津补贴", "17.5", "17.5", ""),
    BasicRow("30108", "机关事业单位基本养老保险费", "50102", "社会保障缴费", "36.4", "36.4", ""),
    BasicRow("30110", "城镇职工基本医疗保险缴费", "50102", "社会保障缴费", "33.0", "33.0", ""),
    BasicRow("30112", "其他社会保障性缴费", "50102", "社会保障缴费", "5.2", "5.2", ""),
    BasicRow("30113", "住房公积金", "50103", "住房公积金", "27.2", "27.2", ""),
    BasicRow("30201", "办公费", "50201", "办公经费", "1.4", "", "1.4"),
    BasicRow("30205", "水费", "50201", "办公经费", "0.4", "", "0.4"),
    BasicRow("30206", "电费", "50201", "办公经费", "8.9", "", "8.9"),
    BasicRow("30217", "公务接待费", "50206", "公务接待费", "4.5", "", "4.5"),
    BasicRow("30228", "工会经费", "50201", "办公经费", "2.7", "", "2.7"),
    BasicRow("30229", "福利费", "50201", "办公经费", "3.3", "", "3.3"),
    BasicRow("30239", "其他交通费用", "50201", "办公经费", "34.6", "", "34.6"),
    BasicRow("30302", "退休费", "50905", "离退休费", "7.6", "7.6", ""),
)
# 合计 row as printed: 合计 / 人员经费 / 公用经费
PDS_BASIC_TOTAL = ("422.7", "366.9", "55.8")


@dataclass(frozen=True)
class ThreePublic:
    """一般公共预算“三公”经费支出表 (this year)."""

    total: str
    overseas_travel: str
    reception: str
    vehicle_total: str
    vehicle_operation: str
    vehicle_purchase: str


PDS_THREE_PUBLIC = ThreePublic(
    total="42.5",
    overseas_travel="",
    reception="4.5",
    vehicle_total="38.0",
    vehicle_operation="20.0",
    vehicle_purchase="18.0",
)


@dataclass(frozen=True)
class Summary:
    """Totals of 部门收支总体情况表 and the narrative (万元 strings as printed)."""

    revenue_total: str
    general_public_budget: str
    fiscal_appropriation: str
    expenditure_total: str
    basic: str
    wages: str
    goods: str
    family: str
    project: str
    general_project: str
    basic_share: str  # "61.38%"
    project_share: str
    three_public: str
    operating_expenses: str
    procurement_total: str
    procurement_goods: str
    procurement_works: str
    procurement_services: str
    increase: str  # 与上年相比增加
    increase_pct: str


PDS_SUMMARY = Summary(
    revenue_total="688.7",
    general_public_budget="688.7",
    fiscal_appropriation="688.7",
    expenditure_total="688.7",
    basic="422.7",
    wages="359.3",
    goods="55.8",
    family="7.6",
    project="266.0",
    general_project="266.0",
    basic_share="61.38%",
    project_share="38.62%",
    three_public="42.5",
    operating_expenses="55.8",
    procurement_total="267.6",
    procurement_goods="168.6",
    procurement_works="0.0",
    procurement_services="99.0",
    increase="85.0",
    increase_pct="14.08%",
)

# 财政拨款收支总体情况表: expenditure by function class as the seed names them
PDS_FISCAL_CLASSES: tuple[tuple[str, str, str], ...] = (
    ("208", "八、社会保障和就业", "44.5"),
    ("210", "十、医疗卫生", "617.0"),
    ("221", "二十一、住房保障支出", "27.2"),
)
# narrative "一般公共预算支出预算情况说明": (class name, amount, share)
PDS_NARRATIVE_CLASSES: tuple[tuple[str, str, str], ...] = (
    ("社会保障和就业", "44.5", "6.46%"),
    ("卫生健康", "617.0", "89.59%"),
    ("住房保障", "27.2", "3.95%"),
)


@dataclass(frozen=True)
class PdsProject:
    """部门预算项目绩效目标表, simplified: unit code, project, amount, first indicators."""

    unit_code: str
    name: str
    amount: str
    output_indicator: str
    output_value: str
    satisfaction_indicator: str
    satisfaction_value: str


PDS_PROJECTS: tuple[PdsProject, ...] = (
    PdsProject("316002", "公益性岗位人员、劳务派遣人员工资及社保等费用", "72.0",
               "岗位培训合理率", "≥95%", "工作人员满意度", "≥97%"),
    PdsProject("316001", "房屋租赁费", "9.0",
               "租赁场地面积数", "1200平方米", "工作人员满意度", "≥97%"),
    PdsProject("316001 316002", "软件维护费", "42.0",
               "统一软件完善性需求", "完成", "参保人员对医保服务的满意度", "≥90%"),
    PdsProject("316001", "基金监督管理、打击骗保专项资金费", "25.0",
               "欺诈骗保举报案件核查率", "100%", "参保人员对医保服务的满意度", "≥90%"),
    PdsProject("316001", "医药招采管理、医疗价格管理、病历审核、政策宣传费用", "40.0",
               "医保政策宣传", "≥50次", "参保群众满意度", "≥97%"),
    PdsProject("316002", "异地核查、市级统筹业务、物业费用、档案整理等费用", "78.0",
               "外转回平异地住院费用", "全部核实", "工作人员满意度", "≥97%"),
)
PDS_PROJECTS_TOTAL = "266.0"


@dataclass(frozen=True)
class ProcurementRow:
    """政府采购汇总表 row."""

    code: str  # 7-digit function code
    unit: str
    item: str
    catalog: str  # 货物 / 服务
    measure: str
    quantity: str
    amount: str


_U1 = "平顶山市医疗保障局"
_U2 = "平顶山市社会医疗保险中心"

PDS_PROCUREMENT: tuple[ProcurementRow, ...] = (
    ProcurementRow("2101599", _U1, "公务用车", "货物", "辆", "1", "18.0"),
    ProcurementRow("2101505", _U1, "台式计算机", "货物", "台", "20", "12.0"),
    ProcurementRow("2101505", _U1, "便携式计算机", "货物", "台", "8", "6.4"),
    ProcurementRow("2101599", _U1, "服务器", "货物", "", "5", "15.0"),
    ProcurementRow("2101505", _U1, "激光打印机", "货物", "台", "10", "2.0"),
    ProcurementRow("2101505", _U1, "针式打印机", "货物", "台", "1", "0.3"),
    ProcurementRow("2101505", _U1, "激光打印机", "货物", "台", "1", "0.7"),
    ProcurementRow("2101505", _U1, "扫描仪", "货物", "台", "2", "0.3"),
    ProcurementRow("2101505", _U1, "复印机", "货物", "台", "1", "1.8"),
    ProcurementRow("2101599", _U1, "多功能一体机", "货物", "台", "6", "1.8"),
    ProcurementRow("2101599", _U1, "数码摄像机", "货物", "台", "1", "0.8"),
    ProcurementRow("2101599", _U1, "投影仪", "货物", "台", "1", "2.0"),
    ProcurementRow("2101599", _U1, "数码照相机", "货物", "台", "2", "0.8"),
    ProcurementRow("2101599", _U1, "LED 显示屏", "货物", "", "1", "12.0"),
    ProcurementRow("2101505", _U1, "装订机", "货物", "个", "2", "0.6"),
    ProcurementRow("2101505", _U1, "碎纸机", "货物", "个", "7", "0.6"),
    ProcurementRow("2101599", _U1, "不间断电源 (UPS)", "货物", "", "5", "3.5"),
    ProcurementRow("2101599", _U1, "视频会议系统设备", "货物", "套", "1", "12.0"),
    ProcurementRow("2101599", _U1, "摄录一体机", "货物", "台", "3", "1.8"),
    ProcurementRow("2101599", _U1, "复印纸", "货物", "包", "100", "1.8"),
    ProcurementRow("2101599", _U1, "传真机", "货物", "台", "1", "0.2"),
    ProcurementRow("2101599", _U1, "壁挂空调", "货物", "台", "5", "1.5"),
    ProcurementRow("2101599", _U1, "办公家具", "货物", "个", "25", "25.0"),
    ProcurementRow("2101599", _U1, "公务印刷", "服务", "", "1", "9.0"),
    ProcurementRow("2101599", _U1, "物业管理服务", "服务", "", "1", "5.0"),
    ProcurementRow("2101599", _U2, "办公家具", "货物", "批", "1", "5.0"),
    ProcurementRow("2101506", _U2, "文件柜", "货物", "个", "10", "2.0"),
    ProcurementRow("2101599", _U2, "印刷费", "货物", "", "1", "7.0"),
    ProcurementRow("2101506", _U2, "针式打印机", "货物", "台", "4", "1.2"),
    ProcurementRow("2101506", _U2, "复印纸", "货物", "包", "50", "0.9"),
    ProcurementRow("2101599", _U2, "触控一体机", "货物", "台", "5", "15.0"),
    ProcurementRow("2101599", _U2, "空调设备", "货物", "台", "4", "2.0"),
    ProcurementRow("2080109", _U2, "物业费", "服务", "", "1", "5.0"),
    ProcurementRow("2101599", _U2, "软件服务费", "服务", "", "2", "80.0"),
    ProcurementRow("2101599", _U2, "计算机", "货物", "台", "10", "9.0"),
    ProcurementRow("2101599", _U2, "多功能一体机", "货物", "台", "3", "3.0"),
    ProcurementRow("2101506", _U2, "激光打印机", "货物", "台", "6", "1.8"),
    ProcurementRow("2101506", _U2, "扫描仪", "货物", "台", "2", "0.8"),
)
PDS_PROCUREMENT_TOTAL = ("310", "267.6")  # 合计: 采购数量, 金额

# --------------------------------------------------------------------------- #
# 河南省医疗保障局 2021 (province department budget; only the narrative is text)
# --------------------------------------------------------------------------- #

HENAN_DEPARTMENT = "河南省医疗保障局"
HENAN_YEAR = 2021


@dataclass(frozen=True)
class HenanNarrative:
    revenue_total: str
    expenditure_total: str
    decrease: str
    basic: str
    basic_share: str
    project: str
    project_share: str
    managed_project: str  # 参与分配（财政代管）项目
    class_amounts: tuple[tuple[str, str, str], ...]  # (类 name, amount, share)
    government_fund_note: str  # 政府性基金预算拨款 (参与分配, outside the 8366.8)
    three_public_prior_year: str  # 2020 年“三公”经费预算
    three_public_decrease: str  # 2021 比 2020 减少
    overseas_travel: str
    vehicle_total: str
    vehicle_purchase: str
    vehicle_operation: str
    reception: str
    operating_expenses: str
    procurement_total: str
    procurement_goods: str
    procurement_works: str
    procurement_services: str


HENAN = HenanNarrative(
    revenue_total="8366.8",
    expenditure_total="8366.8",
    decrease="12867.9",
    basic="3315.6",
    basic_share="39.63%",
    project="5051.2",
    project_share="60.37%",
    managed_project="3000",
    class_amounts=(
        ("一般公共服务", "182", "2.18%"),
        ("社会保障和就业", "203.7", "2.43%"),
        ("卫生健康", "7740", "92.51 %"),
        ("住房保障", "241.1", "2.88 %"),
    ),
    government_fund_note="2000",
    three_public_prior_year="43",
    three_public_decrease="27",
    overseas_travel="0",
    vehicle_total="40",
    vehicle_purchase="22",
    vehicle_operation="18",
    reception="3",
    operating_expenses="214.7",
    procurement_total="0",
    procurement_goods="0",
    procurement_works="0",
    procurement_services="0",
)

# --------------------------------------------------------------------------- #
# 永清县医疗保障局 2023 (county unit budget, 万元, 2 decimals in tables)
# --------------------------------------------------------------------------- #

YQ_DEPARTMENT = "永清县医疗保障局"
YQ_YEAR = 2023
YQ_UNIT_LABEL = "366001永清县医疗保障局本级"


@dataclass(frozen=True)
class YqNarrative:
    revenue_total: str
    general_public_budget: str
    government_fund: str
    fiscal_special_account: str
    other_revenue: str
    carryover: str
    expenditure_total: str
    basic: str
    personnel: str  # 人员类项目经费
    public: str  # 运转类公用项目经费
    project: str
    remitted_to_higher: str  # 上缴上级支出 (as printed; exceeds the project total)
    other_expenditure: str
    decrease: str
    basic_increase: str
    project_decrease: str
    operating_expenses: str
    three_public: str
    procurement_total: str
    fixed_assets: str


YQ = YqNarrative(
    revenue_total="5355.91",
    general_public_budget="5238.91",
    government_fund="0",
    fiscal_special_account="0",
    other_revenue="0",
    carryover="117",
    expenditure_total="5355.91",
    basic="457.92",
    personnel="418.83",
    public="39.09",
    project="4897.99",
    remitted_to_higher="4944.99",
    other_expenditure="21",
    decrease="1961.47",
    basic_increase="58.34",
    project_decrease="2019.81",
    operating_expenses="14.18",
    three_public="0",
    procurement_total="0",
    fixed_assets="40.01",
)


@dataclass(frozen=True)
class YqProject:
    """项目绩效目标表 of the 永清 unit budget."""

    code: str
    name: str
    amount: str  # 预算数 = 其中：财政资金
    purpose: str
    plan: tuple[str, str, str, str]  # 资金支出计划 3月底 / 6月底 / 10月底 / 12月底
    goal: str
    indicators: tuple[tuple[str, str, str, str, str, str], ...]  # 一级 二级 三级 描述 指标值 依据


YONGQING_PROJECTS: tuple[YqProject, ...] = (
    YqProject(
        code='13102323P007232100431',
        name='2021年7月1日-12月31日新冠病毒疫苗及接种费用财政补助资金',
        amount='97.39',
        purpose='保障新冠疫苗及接种工作正常开展',
        plan=('97.39', '97.39', '97.39', '97.39'),
        goal='1.保障新冠疫苗及接种工作正常开展',
        indicators=(
            ('产出指标', '数量指标', '接种人次', '接种新冠病毒疫苗的人次', '≤42万人次', '按照政策规定落实'),
            ('', '质量指标', '接种率', '保障可接种人员应接必接', '≥90百分比', '按照政策规定落实'),
            ('', '时效指标', '完成时限', '按照要求时限完成', '按时完成', '按照政策规定落实'),
            ('', '成本指标', '成本控制', '按照政策落实', '≥90百分比', '按照政策规定落实'),
            ('效益指标', '社会效益指标', '免费接种新冠疫苗', '免费接种新冠疫苗', '≥90百分比', '按照政策规定落实'),
            ('满意度指标', '服务对象满意度指标', '满意度调查', '服务群众满意度调查', '≥90百分比', '按照政策规定落实'),
        ),
    ),
    YqProject(
        code='13102322P00N114101230',
        name='廊财社【2021】99号关于提前下达2022年省级财政城乡居民医保村级代办员补助资金的通知',
        amount='7.00',
        purpose='用于降低因疾病造成的经济负担',
        plan=('1.00', '3.00', '5.00', '7.00'),
        goal='1.减轻困难群体的经济负担\n2.减轻困难群体的经济负担\n3.减轻困难群体的经济负担',
        indicators=(
            ('产出指标', '数量指标', '拨款数额', '拨款数额', '100%', '按照政策规定'),
            ('', '质量指标', '覆盖率', '覆盖率', '100%', '按照政策规定'),
            ('', '成本指标', '预算', '预算', '7万元', '按照政策规定'),
            ('效益指标', '经济效益指标', '提高效率', '提高效率', '100%', '按照政策规定'),
            ('', '社会效益指标', '以人民为中心的创作导向作用', '以人民为中心的创作导向作用', '提高', '按照政策规定'),
            ('满意度指标', '服务对象满意度指标', '满意率', '满意率', '≥90%', '满意度调查'),
        ),
    ),
    YqProject(
        code='13102322P00722410002K',
        name='廊财社【2022】48号2022年省级财政困难群众基本生活补助资金',
        amount='110.00',
        purpose='及时发放省级财政困难群众基本生活补助资金',
        plan=('10.00', '50.00', '100.00', '110.00'),
        goal='1.及时发放省级财政困难群众基本生活补助资金',
        indicators=(
            ('产出指标', '数量指标', '待遇发放率', '医疗待遇发放率', '≥90 百分比', '按文件政策执行'),
            ('', '质量指标', '覆盖率', '补助人数占应补助率', '≥95 百分比', '按文件政策执行'),
            ('', '时效指标', '完成时限', '按照文件要求完成', '及时', '按文件政策执行'),
            ('效益指标', '社会效益指标', '辐射就医区域', '城乡居民在县域内可享受的就医范围', '≤21 个', '按文件政策执行'),
            ('满意度指标', '服务对象满意度指标', '群众满意度', '群众满意度调查', '≥90 百分比', '按文件政策执行'),
        ),
    ),
    YqProject(
        code='13102323P00723510013E',
        name='廊财社【2022】55号关于提前下达2023年省级财政城乡社会保险代办员补助资金的通知',
        amount='4.00',
        purpose='用于补助村级代办员对医疗保障工作的补助',
        plan=('', '', '4.00', '4.00'),
        goal='1.用于补助村级代办员对医疗保障工作的补助',
        indicators=(
            ('产出指标', '数量指标', '资金上解率', '医保资金上解率', '≥95 百分比', '按文件政策执行'),
            ('', '质量指标', '覆盖率', '补助人数占应补助人数', '≥95 百分比', '按文件政策执行'),
            ('', '时效指标', '完成时限', '按照文件要求完成', '及时', '按文件政策执行'),
            ('', '成本指标', '成本控制', '按政策规定足额上缴', '≤4 万元', '按文件政策执行'),
            ('效益指标', '社会效益指标', '辐射就医区域', '城乡居民在县域内可享受的就医范围', '≤21 个', '按文件政策执行'),
            ('满意度指标', '服务对象满意度指标', '群众满意度', '群众满意度调查', '≥90 百分比', '按文件政策执行'),
        ),
    ),
    YqProject(
        code='13102323P007232100502',
        name='医保局 安全可替代办公设备采购',
        amount='6.00',
        purpose='按照县委县政府安排，制定我局的采购计划，包括专用台式机、通用台式机操作系统、打印机等设备。',
        plan=('', '', '', '6.00'),
        goal='1.按照县委县政府安排，制定我局的采购计划，包括专用台式机、通用台式机操作系统、打印机等设备。',
        indicators=(
            ('产出指标', '数量指标', '保障办公人数', '保障办公人数', '42人', '按照政策落实'),
            ('', '数量指标', '运转保障类', '各项日常工作保障率', '≥90百分比', '按照政策落实'),
            ('', '时效指标', '经费保障及时性', '及时保障各项日常办公需要', '及时', '按照政策落实'),
            ('', '成本指标', '日常公用经费开支标准', '办公费、水电费、交通费会议费、工会经费、招待费及其他公用经费的开支标准', '≤6万', '按照政策落实'),
            ('效益指标', '社会效益指标', '保障日常办公需要，维持单位正常运转', '保障日常办公需要，维持单位正常运转', '及时有效', '按照政策落实'),
            ('满意度指标', '服务对象满意度指标', '满意度(%)', '通过问卷调查，满意和较满意的受益对象占全部调研对象的比例', '≥90百分比', '按照政策落实'),
        ),
    ),
    YqProject(
        code='13102323P00723210013D',
        name='医保局2022年度城乡居民医保费县级财政补助金',
        amount='3968.00',
        purpose='确保城乡居民医保县级补助足额入库，保障医疗保障待遇及时全额发放。',
        plan=('', '', '1500.00', '3968.00'),
        goal='1.确保城乡居民医保县级补助足额入库，保障医疗保障待遇及时全额发放。',
        indicators=(
            ('产出指标', '数量指标', '资金上解率', '医保资金上解率', '≥95 百分比', '按文件政策执行'),
            ('', '质量指标', '覆盖率', '补助人数占应补助人数', '≥95 百分比', '按文件政策执行'),
            ('', '时效指标', '完成时限', '按照文件要求完成', '及时', '按文件政策执行'),
            ('', '成本指标', '成本控制', '按政策规定足额上缴', '≤3968 万元', '按文件政策执行'),
            ('效益指标', '社会效益指标', '辐射就医区域', '城乡居民在县域内可享受的就医范围', '≤21 个', '按文件政策执行'),
            ('满意度指标', '服务对象满意度指标', '群众满意度', '群众满意度调查', '≥90 百分比', '按文件政策执行'),
        ),
    ),
    YqProject(
        code='13102323P00723210046U',
        name='医保局城乡居民医疗保险费县级财政应资助人员个人缴费补助金',
        amount='186.00',
        purpose='医保局城乡居民医疗保险费县级财政为重残、失独、退役军人等应资助人员缴纳个人缴费部分，切实保障特殊群体的医保待遇。',
        plan=('', '40.00', '100.00', '186.00'),
        goal='1.医保局城乡居民医疗保险费县级财政为重残、失独、退役军人等应资助人员缴纳个人缴费部分，切实保障特殊群体的医保待遇。',
        indicators=(
            ('产出指标', '数量指标', '按标准补助', '按照政策的个人缴费标准给予补助', '350元', '按照政策落实'),
            ('', '质量指标', '参保率', '特殊人员应参尽参', '≥90百分比', '按照政策落实'),
            ('', '质量指标', '重复参保人数', '重复参保人数', '0人', '按照政策落实'),
            ('', '时效指标', '按时上解补助资金', '按时上解补助资金', '及时', '按照政策落实'),
            ('', '成本指标', '财政补助资金到位率', '财政补助资金到位率', '≥90百分比', '按照政策落实'),
            ('效益指标', '社会效益指标', '保障特殊人员的医保待遇', '保障特殊人员的医保待遇', '及时有效', '按照政策落实'),
            ('满意度指标', '服务对象满意度指标', '满意度(%)', '通过问卷调查，满意和较满意的受益对象占全部调研对象的比例', '≥90百分比', '调查问卷'),
        ),
    ),
    YqProject(
        code='13102323P00723210047F',
        name='医保局建档立卡贫困人员提高待遇财政资金',
        amount='18.60',
        purpose='用于对符合条件的建档立卡贫困人口在住院、门诊治疗后个人负担超过标准部分，按照报销比例和封顶线进行救助，进一步降低贫困人口的医疗负担。',
        plan=('4.00', '8.00', '14.00', '18.60'),
        goal='1.用于对符合条件的建档立卡贫困人口在住院、门诊治疗后个人负担超过标准部分，按照报销比例和封顶线进行救助，进一步降低贫困人口的医疗负担。',
        indicators=(
            ('产出指标', '数量指标', '按标准补助', '按照政策的个人缴费标准给予补助', '达到政策标准', '按照政策落实'),
            ('', '数量指标', '参保率', '特殊人员应参尽参', '≥90百分比', '按照政策落实'),
            ('', '质量指标', '重复享受待遇人次', '重复享受待遇人次', '0人', '按照政策落实'),
            ('', '时效指标', '按时支付相关待遇', '按时支付相关待遇', '及时', '按照政策落实'),
            ('', '成本指标', '财政补助资金到位率', '财政补助资金到位率', '≥90百分比', '按照政策落实'),
            ('效益指标', '社会效益指标', '保障特殊人员的医保待遇', '保障特殊人员的医保待遇', '及时有效', '按照政策落实'),
            ('满意度指标', '服务对象满意度指标', '满意度调查', '满意度调查', '≥90百分比', '调查问卷'),
        ),
    ),
    YqProject(
        code='13102323P007232100483',
        name='医保局劳模医药费',
        amount='5.00',
        purpose='依据《廊坊市城镇职工基本医疗保险市级统筹实施细则》（廊政办【2015】90号文）第十章附则第八十一条规定，为我县“两院”院士、省管优秀专家、省级以上劳模等人员报销住院费用医保报销后的个人负担部分。',
        plan=('', '3.00', '4.00', '5.00'),
        goal='1.依据《廊坊市城镇职工基本医疗保险市级统筹实施细则》（廊政办【2015】90号文）第十章附则第八十一条规定，为我县“两院”院士、省管优秀专家、省级以上劳模等人员报销住院费用医保报销后的个人负担部分。',
        indicators=(
            ('产出指标', '数量指标', '按标准补助', '按照政策的个人缴费标准给予补助', '达到政策标准', '按照政策落实'),
            ('', '数量指标', '保障率', '保障率', '≥90百分比', '按照政策落实'),
            ('', '质量指标', '重复享受待遇人次', '重复享受待遇人次', '0人', '按照政策落实'),
            ('', '时效指标', '按时支付相关待遇', '按时支付相关待遇', '及时', '按照政策落实'),
            ('', '成本指标', '财政补助资金到位率', '财政补助资金到位率', '≥90百分比', '按照政策落实'),
            ('效益指标', '社会效益指标', '保障特殊人员的医保待遇', '保障特殊人员的医保待遇', '及时有效', '按照政策落实'),
            ('满意度指标', '服务对象满意度指标', '满意度调查', '满意度调查', '≥90百分比', '调查问卷'),
        ),
    ),
    YqProject(
        code='13102323P00723210049N',
        name='医保局医疗保障工作经费',
        amount='10.00',
        purpose='为了保障医疗保障工作有效、有序开展。',
        plan=('2.00', '5.00', '8.00', '10.00'),
        goal='1.为了保障医疗保障工作有效、有序开展。',
        indicators=(
            ('产出指标', '数量指标', '保障办公人数', '保障办公人数', '42人', '按照政策落实'),
            ('', '数量指标', '运转保障类', '各项日常工作保障率', '≥90百分比', '按照政策落实'),
            ('', '质量指标', '经费保障及时性', '及时保障各项日常办公需要', '及时', '按照政策落实'),
            ('', '成本指标', '医保工作经费支出', '医保工作经费支出', '≤10万', '按照政策落实'),
            ('效益指标', '社会效益指标', '保障日常办公需要，维持单位正常运转', '保障日常办公需要，维持单位正常运转', '及时有效', '按照政策落实'),
            ('满意度指标', '服务对象满意度指标', '满意度(%)', '通过问卷调查，满意和较满意的受益对象占全部调研对象的比例', '≥90百分比', '按照政策落实'),
        ),
    ),
    YqProject(
        code='13102323P007232100141',
        name='医保局医疗救助县级财政补助金',
        amount='486.00',
        purpose='为低保、特困等人员代缴城乡居民医疗保险，确保应保尽保，并及时足额为特殊人员遇到因医疗费用负担过重给予补助。',
        plan=('', '200.00', '300.00', '486.00'),
        goal='1.为低保、特困等人员代缴城乡居民医疗保险，确保应保尽保，并及时足额为特殊人员遇到因医疗费用负担过重给予补助。',
        indicators=(
            ('产出指标', '数量指标', '资金上解率', '医保资金上解率', '≥95 百分比', '按文件政策执行'),
            ('', '质量指标', '覆盖率', '补助人数占应补助人数', '≥95 百分比', '按文件政策执行'),
            ('', '时效指标', '完成时限', '按照文件要求完成', '及时', '按文件政策执行'),
            ('', '成本指标', '成本控制', '按政策规定足额上缴', '≤486 万元', '按文件政策执行'),
            ('效益指标', '社会效益指标', '辐射就医区域', '城乡居民在县域内可享受的就医范围', '≤21 个', '按文件政策执行'),
            ('满意度指标', '服务对象满意度指标', '群众满意度', '群众满意度调查', '≥90 百分比', '按文件政策执行'),
        ),
    ),
)
