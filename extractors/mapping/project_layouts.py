"""Where a project table keeps its names and amounts, and which of its rows are projects.

Column headers vary ("项目名称", "单位（项目）名称", "支出项目类别（资金使用单位）"; "项目总额",
"资金总额", "总计", "预算数（单位：万元）"); the amount column is never one of the performance
indicator columns beside it (指标值, 度量单位 …), whatever their header path says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from extractors.model import Cell, Table
from extractors.numbers import parse_amount, printed_precision
from extractors.tables.header import HeaderLabel, clean
from extractors.tables.typed import TypedTable

# A column of project names: 项目名称, 一级项目名称, 单位（项目）名称; failing one, a column of
# 支出项目类别 (珠海 表12 lists the projects under it).  项目类别 beside 项目名称 is a class.
NAME_LABEL = re.compile(r"^项目$|项目名称|[(（]项目[)）]名称")
_CLASS_LABEL = re.compile(r"项目类别")
AMOUNT_LABEL = re.compile(
    r"资金总额|项目总额|项目金额|预算数|预算金额|金额|合计|总计|年度资金|预算规模"
    r"|当年预算|本年预算|资金规模"
)
# A unit line drawn inside the header ("金额单位：万元") names no column.
_UNIT_LINE = re.compile(r"^(金额)?单位[:：]")
# Indicator, description and code columns: never the project's amount.
_NOT_AMOUNT = re.compile(
    r"指标|度量|计量|性质|方向|类型|权重|分值|标准|目标|内容|说明|简介|备注|编码|代码|名称|"
    r"其他|^其中"
)
_TOTALS = re.compile(r"^(合计|总计|小计|共计)$")
# Classes the projects are listed under (西安 通用项目 / 专用项目, 烟台 其他运转类 / 特定目标类).
_CLASSES = re.compile(r"^(通用项目|专用项目|其他运转类(项目)?|特定目标类(项目)?|[一二]级项目)$")
# Budget units listed between their projects (珠海市贸易服务中心, 广州地区公文交换站（…）).
_ORG = re.compile(
    r"(局|中心|委员会|办公室|院|所|站|队|馆|处|厅|机关|政府|办事处|学校|本级|协会|学会|"
    r"联合会|公司|报社|出版社)$"
)
_TRAILING_BRACKETS = re.compile(r"([(（［\[][^()（）]*[)）］\]])+$")


@dataclass(frozen=True, slots=True)
class Columns:
    name: int
    amount: int


def _labels(typed: TypedTable, col: int) -> list[str]:
    """The column's header labels, less title rows spanning the whole table and unit lines."""
    n_cols = typed.table.n_cols
    return [
        clean(lb.text)
        for lb in typed.header.paths[col]
        if not _spans_table(lb, n_cols) and not _UNIT_LINE.match(clean(lb.text))
    ]


def _spans_table(label: HeaderLabel, n_cols: int) -> bool:
    return n_cols > 2 and label.span >= n_cols


def row_columns(typed: TypedTable) -> Columns | None:
    """The name column and the amount column of a one-row-per-project table."""
    amount = _amount_column(typed)
    if amount is None:
        return None
    # The project name nearest the amounts: 一级项目名称 | 二级项目名称 | 金额 lists the 二级.
    leaves = [labels[-1] if (labels := _labels(typed, i)) else "" for i in range(amount)]
    names = [i for i, leaf in enumerate(leaves) if NAME_LABEL.search(leaf)]
    names = names or [i for i, leaf in enumerate(leaves) if _CLASS_LABEL.search(leaf)]
    return Columns(names[-1], amount) if names else None


def _amount_column(typed: TypedTable) -> int | None:
    for index in range(typed.table.n_cols):
        labels = _labels(typed, index)
        if not labels or _NOT_AMOUNT.search(labels[-1]):
            continue
        if any(lb.startswith("其中") for lb in labels):
            continue
        if any(AMOUNT_LABEL.search(lb) for lb in labels):
            return index
    return None


def has_performance_column(typed: TypedTable) -> bool:
    return any("绩效目标" in "".join(_labels(typed, i)) for i in range(typed.table.n_cols))


def project_name(text: str) -> str:
    """The name as printed, its wrapped lines joined."""
    return re.sub(r"\s*\n\s*", "", text).strip()


def is_total(name: str) -> bool:
    return bool(_TOTALS.match(clean(name)))


def group_rows(names: list[str], amounts: list[Cell | None]) -> set[int]:
    """The 合计 rows and the budget units' subtotal rows among a table's project lines.

    A unit reads like an organisation (珠海市贸易服务中心, 广州地区公文交换站（…）) and holds
    at least the lines up to the next unit (less where a project is withheld); a project named
    after its recipient (辅助人员补助经费-珠海边检总站) holds less than the lines after it.  A
    unit whose name reads like no organisation is found by its lines summing to it."""
    keys = [clean(n) for n in names]
    values = [_value(c) for c in amounts]
    totals = {i for i, key in enumerate(keys) if _TOTALS.match(key) or _CLASSES.match(key)}
    orgs = {
        i
        for i, key in enumerate(keys)
        if i not in totals and _ORG.search(_TRAILING_BRACKETS.sub("", key))
    }
    # Bottom up: a unit's lines run to the next unit found below it, not to the next name
    # that merely reads like one.
    groups = set(totals)
    for i in sorted(orgs, reverse=True):
        block = _block(i, groups, len(keys))
        total = values[i]
        if not block:
            # a unit right above its first sub-unit, holding at least that sub-unit
            below = values[i + 1] if i + 1 < len(keys) else None
            if below is not None and (total is None or total >= below):
                groups.add(i)
            continue
        parts = sum((values[j] or Decimal(0) for j in block), Decimal(0))
        if total is None or parts <= total + _tolerance(amounts[i], len(block)):
            groups.add(i)
    groups |= _two_levels(values, amounts, groups)
    return groups | _subtotal_rows(values, amounts, groups)


def _two_levels(
    values: list[Decimal | None], amounts: list[Cell | None], groups: set[int]
) -> set[int]:
    """Under a unit or class, 一级 projects each followed by their 二级 projects, the
    indentation lost (西安 专项业务经费支出表): the lines sum to twice the group's figure and
    split into runs where the first line is the sum of the others.  The first lines go."""
    out: set[int] = set()
    for g in groups:
        total, block = values[g], _block(g, groups, len(values))
        figures = [values[j] for j in block]
        if total is None or len(block) < 2 or any(f is None for f in figures):
            continue
        known = [f or Decimal(0) for f in figures]
        if abs(sum(known, Decimal(0)) - 2 * total) > _tolerance(amounts[g], len(block)):
            continue
        cell = amounts[g]
        heads = _runs(known, printed_precision(cell.text) if cell is not None else Decimal(1))
        if heads is not None:
            out |= {block[h] for h in heads}
    return out


def _runs(figures: list[Decimal], step: Decimal) -> list[int] | None:
    """Split into runs [head, parts…] with head = Σ parts; None if the figures do not split."""
    heads: list[int] = []
    i = 0
    while i < len(figures):
        head, acc, j = figures[i], Decimal(0), i + 1
        while j < len(figures) and acc < head - step / 2:
            acc += figures[j]
            j += 1
        if j == i + 1 or abs(acc - head) > step * (j - i) / 2:
            return None
        heads.append(i)
        i = j
    return heads


def _block(start: int, bounds: set[int], end: int) -> list[int]:
    stop = min((j for j in bounds if j > start), default=end)
    return list(range(start + 1, stop))


def _tolerance(cell: Cell | None, terms: int) -> Decimal:
    step = printed_precision(cell.text) if cell is not None else Decimal(0)
    return step * max(1, terms) / 2


def _subtotal_rows(
    values: list[Decimal | None], amounts: list[Cell | None], groups: set[int]
) -> set[int]:
    """Lines whose figure is the sum of the lines below them up to the next group line, two
    or more of them; read bottom up, so a unit found below bounds the one above."""
    found = set(groups)
    for i in reversed(range(len(values))):
        total = values[i]
        if i in found or total is None or total == 0:
            continue
        parts = [values[j] for j in _block(i, found, len(values))]
        if len(parts) < 2 or any(p is None for p in parts):
            continue
        if abs(sum((p or Decimal(0) for p in parts), Decimal(0)) - total) <= _tolerance(
            amounts[i], len(parts)
        ):
            found.add(i)
    return found - groups


def _value(cell: Cell | None) -> Decimal | None:
    parsed = parse_amount(cell.text) if cell is not None else None
    return parsed.value if parsed is not None and not parsed.empty else None


# A title naming one project: "市行政中心保安服务项目绩效目标表", "信访业务培训绩效目标表".
_TITLE_NAME = re.compile(r"^(.+?)(项目)?(支出)?绩效目标表$")
_TITLE_NUMBER = re.compile(r"^(附?表[0-9０-９\-—]+|[（(]?[一二三四五六七八九十0-9]+[)）、.．])\s*")
# Titles of whole-table kinds, not of one project.
_GENERIC_TITLE = re.compile(
    r"项目支出|整体|部门|单位|政策和项目|专项资金|重点项目|一般性项目|一级项目|二级项目|"
    r"^\d{4}年度?$|^(项目|专项|专项业务经费|专项经费|项目经费)$"
)


def title_project(title: str) -> str | None:
    text = _TITLE_NUMBER.sub("", clean(title))
    match = _TITLE_NAME.match(text)
    if match is None:
        return None
    name = match.group(1)
    if not name or _GENERIC_TITLE.search(name):
        return None
    return name


_HEADER_WORD = re.compile(r"(名称|代码|编码|金额|类别)\s*$")


def is_header_word(text: str) -> bool:
    """A column label (项目类别, 金额, 总计 …), not a name or a figure."""
    key = clean(text)
    return bool(_HEADER_WORD.search(key) or _TOTALS.match(key) or AMOUNT_LABEL.fullmatch(key))


def column_bounds(table: Table) -> list[tuple[float, float]]:
    """Each column's x extent, from its one-column cells."""
    bounds = [(float("inf"), float("-inf"))] * table.n_cols
    for cell in table.cells:
        if cell.col_span == 1 and cell.col < table.n_cols:
            lo, hi = bounds[cell.col]
            bounds[cell.col] = (min(lo, cell.bbox[0]), max(hi, cell.bbox[2]))
    return bounds


def continued_columns(prev: TypedTable, cols: Columns, cur: TypedTable) -> Columns | None:
    """A header-less table on the next page continuing a project list, its empty border
    column dropped (西安 表10): the columns under the list's name and amount columns."""
    table = cur.table
    if cur.title or cur.header.rows or table.pages[0] != prev.table.pages[-1] + 1:
        return None
    # A table of its own (预算单位代码 | 预算项目名称 | 金额 …) opens with header labels.
    if table.n_cols > prev.table.n_cols or any(_HEADER_WORD.search(c.text) for c in table.cells):
        return None
    before = column_bounds(prev.table)
    after = column_bounds(table)
    found = [
        next((i for i, (lo, hi) in enumerate(after) if lo <= centre <= hi), None)
        for centre in ((lo + hi) / 2 for lo, hi in (before[cols.name], before[cols.amount]))
    ]
    if found[0] is None or found[1] is None or found[0] >= found[1]:
        return None
    return Columns(found[0], found[1])
