"""Sentences that restate totals become extra sources of the same values.

"收、支总计为 688.7 万元", "基本支出 422.7 万元，占 61.38%", "“三公”经费预算 42.5 万元" …
A number is taken only when it follows its keyword closely with nothing like 增加/减少/
上年/比 in between, so year-on-year differences are never read as the amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.model import Line, Reading, Signal
from extractors.numbers import UNIT_FACTORS, parse_amount
from schemas import ReadMethod, Source

_NUM = r"(\d[\d,，]*(?:\.\d+)?)\s*(亿元|万元|千元|元)"
_GAP = r"[^。；;0-9]{0,14}?"
_FORBIDDEN = re.compile(r"增加|减少|增长|下降|上年|去年|比|较|同比|持平|减|增|上一年|年初")
_NOT_A_PART = r"(?<!拨款)(?<!预算)(?<!基金)(?<!基本)(?<!项目)(?<!经营)(?<!财政)(?<!公共)"
_PATTERNS: list[tuple[str, str]] = [
    ("totals.revenue_total", r"收[、，,和与及]?支(预算)?总计"),
    ("totals.expenditure_total", r"收[、，,和与及]?支(预算)?总计"),
    ("totals.revenue_total", r"收入(预算)?总计|(预算)?总收入"),
    ("totals.expenditure_total", r"支出(预算)?总计|(预算)?总支出"),
    # "2026 年度收入预算 32852.05 万元": the year's whole budget, not one fund's part of it.
    ("totals.revenue_total", _NOT_A_PART + r"(收入预算|预算收入)(总额)?"),
    ("totals.expenditure_total", _NOT_A_PART + r"支出预算(总额)?"),
    (
        "totals.general_public_budget",
        r"一般公共预算(拨款)?收入|一般公共预算收支预算|一般公共预算(拨款)?支出预算(总额)?[为是]"
        r"|其中[:：]?一般公共预算",
    ),
    ("totals.basic_expenditure", _NOT_A_PART + r"基本支出(预算)?"),
    ("totals.project_expenditure", _NOT_A_PART + r"项目(（类）|\(类\))?支出(预算)?"),
    ("totals.personnel_expense", r"人员(类)?(项目)?经费"),
    ("totals.public_expense", r"(日常|运转类)?公用(项目)?经费"),
    ("three_public.total", r"[“\"]?三公[”\"]?经费(支出)?(预算|决算)?(数)?"),
    ("three_public.overseas_travel", r"因公出国[（(]境[)）]费(用)?"),
    ("three_public.vehicle_total", r"公务用车购置及运[行维](维护)?费"),
    ("three_public.vehicle_purchase", r"公务用车购置费"),
    ("three_public.vehicle_operation", r"公务用车运[行维](维护)?费"),
    ("three_public.reception", r"公务接待费"),
    ("operating_expenses", r"机关(行政)?运行(经)?费(支出)?(预算)?"),
    ("procurement.total", r"政府采购(预算)?(总额)?(安排)?"),
    ("procurement.goods", r"政府采购货物(预算)?"),
    ("procurement.works", r"政府采购工程(预算)?"),
    ("procurement.services", r"政府采购服务(预算)?"),
]
_COMPILED = [(path, re.compile(f"({kw}){_GAP}{_NUM}")) for path, kw in _PATTERNS]


@dataclass(slots=True)
class Sentence:
    page: int
    text: str
    lines: list[Line]
    before: str = ""  # the end of the previous page: a paragraph may run over the break


def narrative_readings(lines: list[Line], fiscal_year: int | None = None) -> list[Reading]:
    """The first statement of each figure: later mentions are mostly subsets ("其中一般公共
    预算拨款政府采购 …") or repeats, and would read as disagreement."""
    out: list[Reading] = []
    seen: set[str] = set()
    # (path, number) said of a part once: its repeats further on are the same part's.
    parts: set[tuple[str, str]] = set()
    for sentence in _paragraphs(lines):
        for reading in _sentence_readings(sentence, fiscal_year, parts):
            if reading.path not in seen:
                seen.add(reading.path)
                out.append(reading)
    return out


def _paragraphs(lines: list[Line]) -> list[Sentence]:
    """Prose lines of a page joined, so a figure broken over two lines is still read."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    out: list[Sentence] = []
    for page, page_lines in by_page.items():
        before = out[-1].text[-_SCOPE_WINDOW:] if out and out[-1].page == page - 1 else ""
        before = _PAGE_FOOTER.sub("", before)
        out.append(Sentence(page, "".join(ln.text for ln in page_lines), page_lines, before))
    return out


_PAGE_FOOTER = re.compile(r"[-－—]\s*\d{1,3}\s*[-－—]\s*$|第\s*\d{1,3}\s*页\s*$")
_YEAR_BEFORE = re.compile(r"(20\d\d)\s*年[^。；，,0-9]{0,6}$")


def _prior_year(text: str, start: int, fiscal_year: int | None) -> bool:
    """ "我局 2020 年“三公”经费预算为 43 万元" in a 2021 budget: last year's figure."""
    match = _YEAR_BEFORE.search(text[max(0, start - 14) : start])
    return bool(match and fiscal_year and int(match.group(1)) < fiscal_year)


def _sentence_readings(
    sentence: Sentence, fiscal_year: int | None, parts: set[tuple[str, str]]
) -> list[Reading]:
    out = []
    taken: set[tuple[str, int]] = set()
    for path, pattern in _COMPILED:
        for match in pattern.finditer(sentence.text):
            between = sentence.text[match.end(1) : match.start(_number_group(match))]
            if _FORBIDDEN.search(between) or (path, match.start()) in taken:
                continue
            if path == "procurement.total" and re.match(r"货物|工程|服务", between):
                continue
            said_of = (path, match.group(_number_group(match)))
            if said_of in parts or _sub_scope(
                path, sentence.before + sentence.text, len(sentence.before) + match.start()
            ):
                parts.add(said_of)
                continue
            taken.add((path, match.start()))
            if _prior_year(sentence.text, match.start(), fiscal_year):
                if path != "three_public.total":
                    continue
                path = "three_public.prior_year_total"
            reading = _reading(path, match, sentence)
            if reading is not None:
                out.append(reading)
    return out


_OPERATING = re.compile(r"机关(行政)?运行(经)?费")
_ITEM_CODE = re.compile(r"[（(]\d{3}(\d\d)?(\d\d)?[)）]")


_SPENDING = {
    "totals.basic_expenditure",
    "totals.project_expenditure",
    "totals.personnel_expense",
    "totals.public_expense",
}
# What the text last spoke of: one fund's or one unit's spending, or the department's.
_NARROW = (
    r"(一般公共预算|财政拨款|政府性基金)[^。，,；0-9]{0,8}支出|财政拨款(收支)?(预算)?情况|[（(]本级[)）]"
    # "二、深圳市饮用水源保护管理办公室预算 4,291.51 万元，包括…": one unit's budget.
    r"|[一二三四五六七八九十]+、[^。，,；0-9]{2,40}(办公室|中心|站|所|院|队|处|馆|学校)[^。，,；0-9]{0,20}预算"
    r"|[一二三四五六七八九十]+、[^。，,；0-9]{2,60}预算\s*[\d,.]+\s*万?元[，,]\s*包括"
)
_WIDE = (
    r"收支总体|收支(预算)?总计|收入总计|支出总计|部门预算(收入|支出)"
    r"|(收入|支出)预算(总额)?[为是]?\d"
)
_SCOPE = re.compile(f"(?P<narrow>{_NARROW})|(?P<wide>{_WIDE})")
_SCOPE_WINDOW = 300


def _sub_scope(path: str, text: str, start: int) -> bool:
    """A figure said of a part: "机关运行经费…其中…公务用车运行维护费 12 万元" is not the
    三公 item, "对个人和家庭的补助（303）…其中：人员经费 138.06 万元" is not the department's
    人员经费, nor is "一般公共预算财政拨款支出 … 其中：基本支出 …" or "…（本级）预算 …,
    包括 … 项目支出 …" the department's 基本支出 / 项目支出."""
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
    scopes = list(_SCOPE.finditer(text[max(0, start - _SCOPE_WINDOW) : start]))
    return bool(scopes and scopes[-1].group("narrow"))


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


def _reading(path: str, match: re.Match[str], sentence: Sentence) -> Reading | None:
    index = _number_group(match)
    number, unit = match.group(index), match.group(index + 1)
    parsed = parse_amount(number.replace("，", ","))
    if parsed is None or parsed.empty:
        return None
    return Reading(
        path=path,
        value=parsed.value * UNIT_FACTORS[unit],
        raw=number,
        unit=unit,
        source=Source(
            page=sentence.page,
            bbox=_bbox_of(number, sentence),
            method=ReadMethod.pdf_text,
            text=match.group(0)[:80],
        ),
        signals=[Signal("narrative_only", 0.0)],
    )


def _bbox_of(number: str, sentence: Sentence) -> tuple[float, float, float, float] | None:
    for line in sentence.lines:
        for word in line.words:
            if number in word.text:
                return word.bbox
    return None


def _number_group(match: re.Match[str]) -> int:
    """The number and its unit are always the last two groups of a pattern."""
    return (match.re.groups or 2) - 1
