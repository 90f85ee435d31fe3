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


def narrative_readings(lines: list[Line], fiscal_year: int | None = None) -> list[Reading]:
    """The first statement of each figure: later mentions are mostly subsets ("其中一般公共
    预算拨款政府采购 …") or repeats, and would read as disagreement."""
    out: list[Reading] = []
    seen: set[str] = set()
    for sentence in _paragraphs(lines):
        for reading in _sentence_readings(sentence, fiscal_year):
            if reading.path not in seen:
                seen.add(reading.path)
                out.append(reading)
    return out


def _paragraphs(lines: list[Line]) -> list[Sentence]:
    """Prose lines of a page joined, so a figure broken over two lines is still read."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    return [
        Sentence(page, "".join(ln.text for ln in page_lines), page_lines)
        for page, page_lines in by_page.items()
    ]


_YEAR_BEFORE = re.compile(r"(20\d\d)\s*年[^。；，,0-9]{0,6}$")


def _prior_year(text: str, start: int, fiscal_year: int | None) -> bool:
    """ "我局 2020 年“三公”经费预算为 43 万元" in a 2021 budget: last year's figure."""
    match = _YEAR_BEFORE.search(text[max(0, start - 14) : start])
    return bool(match and fiscal_year and int(match.group(1)) < fiscal_year)


def _sentence_readings(sentence: Sentence, fiscal_year: int | None) -> list[Reading]:
    out = []
    taken: set[tuple[str, int]] = set()
    for path, pattern in _COMPILED:
        for match in pattern.finditer(sentence.text):
            between = sentence.text[match.end(1) : match.start(_number_group(match))]
            if _FORBIDDEN.search(between) or (path, match.start()) in taken:
                continue
            if path == "procurement.total" and re.match(r"货物|工程|服务", between):
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
