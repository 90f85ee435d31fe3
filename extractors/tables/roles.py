"""Column roles from header label paths: which column holds codes, names, and which amounts."""

from __future__ import annotations

import re

from extractors.tables.header import Header, HeaderLabel

CODE_PART_ROLES = {"类": "code_class", "款": "code_kuan", "项": "code_xiang"}
GOV_PART_ROLES = {"类": "gov_code_class", "款": "gov_code_kuan"}

_AMOUNT_KEYWORDS: list[tuple[str, re.Pattern[str]]] = [
    ("basic", re.compile(r"基本支出")),
    ("project", re.compile(r"项目支出|专项业务经费|项目经费")),
    ("personnel", re.compile(r"人员经费|人员支出|^人员类$")),
    ("public", re.compile(r"公用经费|公用支出|^公用类$")),
    ("total", re.compile(r"^(本年支出)?(合计|总计)$|^支出(合计|总计)$|^本年支出合计$|^金额合计$")),
]
_SOURCE_GROUP = re.compile(r"一般公共预算|政府性基金|国有资本|财政拨款|事业收入|其他收入|结转|专户")
_SUBTOTAL = re.compile(r"^(小计|合计)$")
# The one amount column of a table that has no split (金额, 预算数, 决算数): the row's whole;
# under a group (人员经费 / 金额) it is the group's figure.
_PLAIN_AMOUNT = re.compile(r"^(金额|预算|预算数|决算数|本年预算数?|预算金额|本年决算数?)$")
_BUDGET_COLUMN = re.compile(r"预算数|预算$")
_ACTUAL_COLUMN = re.compile(r"决算数|决算$|执行数")


# "合计（万元）", "预算数(元)": the unit some publishers print in the first amount header.
_UNIT_IN_LABEL = re.compile(r"[（(](金额)?(单位[:：]?)?(亿元|万元|千元|元)[)）]")


_CAPTION = re.compile(r"^(单位名称|部门名称|预算单位|编制单位|单位|部门)[:：]")


def column_roles(header: Header) -> list[str | None]:
    paths = [_without_unit(path) for path in header.paths]
    has_actual = any(_ACTUAL_COLUMN.search(lb.text) for path in paths for lb in path)
    roles = [_role(path) for path in paths]
    if has_actual:
        roles = [_budget_variant(role, path) for role, path in zip(roles, paths, strict=True)]
    return roles


def _without_unit(path: list[HeaderLabel]) -> list[HeaderLabel]:
    """The unit is the table's, not part of the column's name (its role would be lost);
    a caption line caught on top of the header ("单位名称：某局" over the code column) names
    no column: its 名称 would make a column of codes a name column."""
    out = [HeaderLabel(_UNIT_IN_LABEL.sub("", lb.text), lb.span) for lb in path]
    return [lb for lb in out if lb.text and not _CAPTION.match(lb.text)]


def _budget_variant(role: str | None, path: list[HeaderLabel]) -> str | None:
    """决算 tables: amounts under 预算数 are the year's budget, not the actual."""
    if role is None or not role.startswith(("total", "basic", "project", "personnel", "public")):
        return role
    is_budget = any(_BUDGET_COLUMN.search(lb.text) and "决算" not in lb.text for lb in path)
    return f"budget_{role}" if is_budget else role


def _role(path: list[HeaderLabel]) -> str | None:
    if not path:
        return None
    leaf = path[-1].text
    if leaf == "栏次" and len(path) > 1:
        # The column-number row (栏次 | 1 | 2 …) runs under the labels: the column is
        # what its label above says.
        return _role(path[:-1])
    if leaf in ("行次", "栏次"):
        return "line_no"
    government = any("政府" in lb.text for lb in path)
    if leaf in CODE_PART_ROLES:
        return (GOV_PART_ROLES if government else CODE_PART_ROLES).get(leaf)
    if re.search(r"编码|代码|编号", leaf):
        if "单位" in leaf:
            return "unit_code"
        return "gov_code" if government else "code"
    if re.search(r"名称|^项目$|科目$|^单位$|功能分类|经济分类|项目类别", leaf):
        return "gov_name" if government else "name"
    return _amount_role(path)


def _finer_below(labels: list[HeaderLabel]) -> bool:
    """A label under this one names an amount of its own (本年基本支出 / 人员经费): the
    upper one is a group even where its measured span is one column (an unruled header
    whose group label was not stretched over its columns)."""
    return any(
        role != "total" and pattern.search(lb.text)
        for lb in labels
        for role, pattern in _AMOUNT_KEYWORDS
    )


def _amount_role(path: list[HeaderLabel]) -> str | None:
    found: str | None = None
    for depth, label in enumerate(path):
        role = next((r for r, pattern in _AMOUNT_KEYWORDS if pattern.search(label.text)), None)
        if role is None:
            if _SOURCE_GROUP.search(label.text) and found is None:
                return None
            continue
        if role == "total" and found is not None:
            continue  # 基本支出/合计: the group's subtotal, keep the group's role
        found = role
        is_group = label.span > 1 and depth < len(path) - 1
        if is_group and (_SUBTOTAL.match(path[-1].text) or _PLAIN_AMOUNT.match(path[-1].text)):
            return role
        if not is_group and not _finer_below(path[depth + 1 :]):
            return role
        found = None  # a group: its detail columns may name a finer role deeper down
    if len(path) == 1 and (_SUBTOTAL.match(path[0].text) or _PLAIN_AMOUNT.match(path[0].text)):
        return "total"
    if found is None and _PLAIN_AMOUNT.match(path[-1].text):
        # 收入 / 预算数 | 决算数: a side's plain amount columns under a heading that names no
        # amount; without a role the 预算数 beside the 决算数 is read as the year's figure.
        return "total"
    return found
