"""Sentences that restate totals become extra sources of the same values.

"收、支总计为 688.7 万元", "基本支出 422.7 万元，占 61.38%", "“三公”经费预算 42.5 万元" …
A number is taken only when it follows its keyword closely with nothing like 增加/减少/
上年/比 in between, so year-on-year differences are never read as the amount.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.mapping.narrative_scope import GAP, HOLE, NUM, SCOPE_WINDOW, sub_scope
from extractors.model import Line, Reading, Signal
from extractors.numbers import sentence_amount
from schemas import ReadMethod, Source

# A heading, then the item's figure in the next sentence: "1.因公出国（境）费用。2026 年预算数
# 28.00 万元", "（一）机关运行经费。2026 年一般公共预算财政拨款运行经费 1,595.96 万元".
_HEADED = r"[。．.：:]\s*20\d\d\s*年度?[^。；;0-9\n]{0,16}?(?:预算|决算)(?:数|金额)?[为是]?"
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
    # 在职/离退休人员经费 are parts of the personnel spending, not its total.
    ("totals.personnel_expense", r"(?<!在职)(?<!退休)(?<!离休)人员(类)?(项目)?经费"),
    ("totals.public_expense", r"(日常|运转类)?公用(项目)?经费"),
    ("three_public.total", r"[“\"]?三公[”\"]?经费(支出)?(预算|决算)?(数)?"),
    ("three_public.overseas_travel", r"因公出国[（(]境[)）]费(用)?"),
    ("three_public.vehicle_total", r"公务用车购置[及和]运[行维](维护)?费"),
    ("three_public.vehicle_purchase", r"公务用车购置费"),
    ("three_public.vehicle_operation", r"公务用车运[行维](维护)?费"),
    ("three_public.reception", r"公务接待费"),
    ("operating_expenses", r"机关(行政)?运行(经)?费(支出)?(预算)?"),
    ("procurement.total", r"政府采购(预算)?(总额)?(安排)?"),
    ("procurement.goods", r"政府采购货物(预算)?"),
    ("procurement.works", r"政府采购工程(预算)?"),
    ("procurement.services", r"政府采购服务(预算)?"),
    # The parts named without 政府采购 ("其中：货物类采购预算 25.4 万元", "拟采购货物支出 0 万元",
    # "货物类项目 36.50 万元"): only as items of a procurement breakdown (_procurement_breakdown).
    ("procurement.goods", r"(拟采购)?货物(类)?(采购)?(项目)?(预算|金额|支出)?"),
    ("procurement.works", r"(拟采购)?工程(类)?(采购)?(项目)?(预算|金额|支出)?"),
    # (政府购买服务 is another thing than the 服务 part of 政府采购.)
    ("procurement.services", r"(拟采购)?(?<!购买)服务(类)?(采购)?(项目)?(预算|金额|支出)?"),
]
_COMPILED = [(path, re.compile(f"({kw}){GAP}{NUM}")) for path, kw in _PATTERNS]
_HEADED_PATHS = {
    "three_public.overseas_travel",
    "three_public.vehicle_total",
    "three_public.vehicle_purchase",
    "three_public.vehicle_operation",
    "three_public.reception",
    "operating_expenses",
}
_COMPILED += [
    (path, re.compile(f"({kw}){_HEADED}{NUM}")) for path, kw in _PATTERNS if path in _HEADED_PATHS
]
# The heading names the item and the sentence names it again, shorter: "运行经费 1,595.96 万元".
_COMPILED.append(
    (
        "operating_expenses",
        re.compile(
            r"(机关(行政)?运行(经)?费)[。．.：:]\s*20\d\d\s*年度?[^。；;0-9\n]{0,16}?"
            r"运行(经)?费(支出)?(预算)?(数)?[为是]?" + NUM
        ),
    )
)


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
    whole: set[Decimal] = set()  # the department's totals said so far
    for sentence in _paragraphs(lines):
        for reading in _sentence_readings(sentence, fiscal_year, parts, whole):
            if reading.path not in seen:
                seen.add(reading.path)
                out.append(reading)
    return out


_WHOLE_PATHS = {"totals.revenue_total", "totals.expenditure_total"}


def _paragraphs(lines: list[Line]) -> list[Sentence]:
    """Prose lines of a page joined, so a figure broken over two lines is still read."""
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    out: list[Sentence] = []
    for page, page_lines in by_page.items():
        before = out[-1].text[-SCOPE_WINDOW:] if out and out[-1].page == page - 1 else ""
        before = _PAGE_FOOTER.sub("", before)
        out.append(Sentence(page, _joined(page_lines), page_lines, before))
    return out


def _joined(lines: list[Line]) -> str:
    """The lines' text; where the gap to the next line is far wider than the page's line
    pitch, lines are missing between them (a table, a figure, text read elsewhere): a hole
    mark there keeps a keyword before the hole from taking a number after it ("政府采购预算
    总额" + hole + "0 万元；服务类…")."""
    tops = [ln.bbox[1] for ln in lines]
    steps = sorted(b - a for a, b in itertools.pairwise(tops) if b - a > 1)
    pitch = steps[len(steps) // 2] if len(steps) >= 4 else None
    parts = []
    for i, line in enumerate(lines):
        step = tops[i] - tops[i - 1] if i else 0.0
        if pitch is not None and step > _HOLE_PITCHES * pitch:
            parts.append(HOLE)
        parts.append(line.text)
    return "".join(parts)


_HOLE_PITCHES = 1.75


_PAGE_FOOTER = re.compile(r"[-－—]\s*\d{1,3}\s*[-－—]\s*$|第\s*\d{1,3}\s*页\s*$")
_YEAR_BEFORE = re.compile(r"(20\d\d)\s*年[^。；，,0-9]{0,6}$")


def _prior_year(text: str, start: int, fiscal_year: int | None) -> bool:
    """ "我局 2020 年“三公”经费预算为 43 万元" in a 2021 budget: last year's figure."""
    match = _YEAR_BEFORE.search(text[max(0, start - 14) : start])
    return bool(match and fiscal_year and int(match.group(1)) < fiscal_year)


def _sentence_readings(
    sentence: Sentence,
    fiscal_year: int | None,
    parts: set[tuple[str, str]],
    whole: set[Decimal] | None = None,
) -> list[Reading]:
    out = []
    taken: set[tuple[str, int]] = set()
    for path, pattern in _COMPILED:
        for match in pattern.finditer(sentence.text):
            between = sentence.text[match.end(1) : match.start(_number_group(match))]
            if _FORBIDDEN.search(between) or (path, match.start()) in taken:
                continue
            # "政府采购货物预算 …" is a part; "政府采购管理费用 424 万元" an expense about it.
            if path == "procurement.total" and re.match(r"货物|工程|服务|.*费", between):
                continue
            if not _this_year(between, fiscal_year):
                continue
            if _bare_part(path, match) and not _procurement_breakdown(sentence.text, match.start()):
                continue
            said_of = (path, match.group(_number_group(match)))
            if said_of in parts or sub_scope(
                path, sentence.before + sentence.text, len(sentence.before) + match.start(), whole
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
                if whole is not None and path in _WHOLE_PATHS:
                    whole.add(reading.value)
    return out


_YEAR_IN_GAP = re.compile(r"(20\d\d)\s*年")
_PROCUREMENT_PARTS = {"procurement.goods", "procurement.works", "procurement.services"}
_FIGURE_END = re.compile(r"\d\s*(?:万元|千元|元)\s*$")


def _this_year(between: str, fiscal_year: int | None) -> bool:
    """A year between keyword and number must be the document's: "2025 年预算数" is last
    year's figure."""
    years = {int(y) for y in _YEAR_IN_GAP.findall(between)}
    return not years or (fiscal_year is not None and years == {fiscal_year})


def _bare_part(path: str, match: re.Match[str]) -> bool:
    return path in _PROCUREMENT_PARTS and not match.group(1).startswith("政府采购")


def _procurement_breakdown(text: str, start: int) -> bool:
    """ "货物类采购预算 25.4 万元" counts only as an item of the breakdown of a procurement
    total said earlier in the same sentence: "政府采购预算总额 43.9 万元，其中，货物类…；
    工程类…" (not "…用于信息化工程项目 300 万元")."""
    clause = text[text.rfind("。", 0, start) + 1 : start]
    among = clause.rfind("其中")
    total = clause.rfind("采购", 0, max(among, 0))
    listed = clause.rstrip().endswith(("其中", "：", ":", "，", ",", "、", "；", ";"))
    # the previous item's figure right before: a scan can drop the "；" between the items
    listed = listed or bool(_FIGURE_END.search(clause))
    return among > 0 and total >= 0 and listed and HOLE not in clause[total:]


def _reading(path: str, match: re.Match[str], sentence: Sentence) -> Reading | None:
    index = _number_group(match)
    number, unit = match.group(index), match.group(index + 1)
    value = sentence_amount(number, unit)
    if value is None:
        return None
    return Reading(
        path=path,
        value=value,
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
