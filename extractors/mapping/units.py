"""budget_units: the units a department's budget covers (预算单位构成).

Three places state them:
- tables with a 单位编码 / 单位代码 column (平顶山's 项目绩效目标表: "316001 | 平顶山市医疗
  保障局机关"), or a 序号 | 单位名称 list (泉州);
- a numbered list after the 单位构成 heading ("1.烟台市应急管理局 2.烟台市应急保障服务中心");
- a sentence ("具体包括：无锡市统计局（本级），无锡市统计普查中心。", 湖州 "预算包括：委本级
  预算、委属市疾病预防控制中心、…和委属市中医院预算。").
Internal divisions (内设机构: 办公室、政策法规处 …) are not budget units and are skipped.
"""

from __future__ import annotations

import re

from extractors.model import Line
from extractors.tables.cells import cell_text
from extractors.tables.header import clean
from extractors.tables.typed import TypedTable
from schemas import BudgetUnit

_ORG = re.compile(
    r"(局|委员会|委|中心|站|院|所|队|支队|大队|馆|办事处|联络处|学校|医院|本级|机关|办公室|"
    r"协会|学会|研究会|基金会|公司|总站|分局|管理处|服务处|保障处|事务所|图书馆|血站|学院|"
    r"幼儿园|中学|小学|[（(]本级[)）])$"
)
_UNIT_CODE = re.compile(r"^\d{6,9}$")
_ANCHOR = re.compile(
    r"单位构成|编制范围的[^。]{0,12}单位[^。]{0,16}包括|下属单位包括|预算单位包括|"
    r"预算包括[:：]|具体包括[:：]|单位详细情况见下表"
)
_STOP = re.compile(
    r"第[一二三四五六]部分|^[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]"
)
_INTERNAL = re.compile(r"内设机构|内设")
_ENUMERATED = re.compile(r"^\s*[-•]?\s*(\d{1,2})\s*[.、．]\s*(.+)$")
_SPLIT = re.compile(r"[，,、；;。]|和(?=[委局市省县区])")
_PREFIX = re.compile(r"^(其中|具体包括|包括|分别是|分别为|[委局办厅院]属|下属)[:：]?")
_SUFFIX = re.compile(r"(部门)?预算$|等$")
_WINDOW_LINES = 30
_FOOTER = re.compile(r"^[-－—]\s*\d{1,3}\s*[-－—]$")


def budget_units(tables: list[TypedTable], prose: list[Line]) -> list[BudgetUnit]:
    found = _from_tables(tables) or _from_prose(prose)
    seen: set[str] = set()
    out = []
    for unit in found:
        if unit.name not in seen:
            seen.add(unit.name)
            out.append(unit)
    return out


def _from_tables(tables: list[TypedTable]) -> list[BudgetUnit]:
    out = []
    for typed in tables:
        code_col = typed.col("unit_code")
        name_col = _unit_name_column(typed)
        if name_col is None:
            continue
        for row in typed.body():
            name = cell_text(row, name_col)
            code = cell_text(row, code_col)
            if not _ORG.search(name):
                continue
            if code_col is not None and not _UNIT_CODE.match(code):
                continue
            out.append(BudgetUnit(code=code or None, name=name))
    return out


def _unit_name_column(typed: TypedTable) -> int | None:
    """The name column of a table that lists units: 单位名称, or the project table's
    项目单位（项目名称） beside a 单位编码 column."""
    for index, path in enumerate(typed.header.paths):
        leaf = path[-1].text if path else ""
        if re.fullmatch(r"单位名称|预算单位|单位", leaf):
            return index
        if typed.col("unit_code") is not None and "单位" in leaf and "名称" in leaf:
            return index
    return None


def _from_prose(lines: list[Line]) -> list[BudgetUnit]:
    texts = [ln.text.strip() for ln in lines]
    for index, text in enumerate(texts):
        anchor = _ANCHOR.search(text)
        if anchor is None or "…" in text or re.search(r"\.{4,}", text):
            continue  # a table of contents line
        if _INTERNAL.search(text[: anchor.start()]):
            continue  # "32个内设机构具体包括：办公室、研究室…"
        window = [text[anchor.end() :], *texts[index + 1 : index + _WINDOW_LINES]]
        window = [_FOOTER.sub("", t) for t in window]
        names = _listed_names(window)
        if names:
            return [BudgetUnit(name=n) for n in names]
    return []


def _listed_names(window: list[str]) -> list[str]:
    """Numbered lines first; else the org names of the sentence that follows the anchor."""
    block: list[str] = []
    for text in window:
        if block and (_STOP.search(text) or _INTERNAL.search(text)):
            break
        block.append(text)
    if any(_INTERNAL.search(t) for t in block[:1]):
        return []
    numbered = [m.group(2) for t in block if (m := _ENUMERATED.match(t))]
    if numbered:
        return [n for n in (_tidy(x) for x in numbered) if n]
    sentence = "".join(block).split("。")[0]
    return [n for n in (_tidy(x) for x in _SPLIT.split(sentence)) if n]


def _tidy(text: str) -> str | None:
    name = clean(text)
    name = _PREFIX.sub("", name)
    name = _SUFFIX.sub("", name)
    name = re.sub(r"^\d{1,2}\s*[.、．]", "", name)
    if not 3 <= len(name) <= 40 or not _ORG.search(name) or re.search(r"\d{3,}", name):
        return None
    return name
