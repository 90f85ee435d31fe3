"""Document metadata: department, fiscal year, budget or final accounts, admin level."""

from __future__ import annotations

import re
from collections import Counter

from extractors.model import Line
from schemas import AdminLevel, DocumentKind

_TITLE = re.compile(
    r"(20\d\d)\s*年(?:度)?\s*([\u4e00-\u9fff（）()]{2,40}?)\s*(?:20\d\d\s*年(?:度)?)?\s*(部门|单位)?(预算|决算)"
)
# "北京市审计局2026年度部门预算报表": the name before the year.
_TITLE_NAME_FIRST = re.compile(
    r"([\u4e00-\u9fff（）()]{3,40}?)\s*(20\d\d)\s*年(?:度)?\s*(部门|单位)?(预算|决算)"
)
_NAMED = re.compile(
    r"(?:部门名称|单位名称|编制单位|编制部门|预算单位)\s*[:：]\s*([\u4e00-\u9fff（）()]{3,40}?)"
    r"(?=金额单位|单位[:：]|$|\s)"
)
_LEVELS: list[tuple[AdminLevel, re.Pattern[str]]] = [
    (AdminLevel.township, re.compile(r"(乡|镇|街道)(人民政府|办事处)?")),
    (AdminLevel.county, re.compile(r"县")),
    (AdminLevel.district, re.compile(r"区")),
    (AdminLevel.city, re.compile(r"市|州|盟")),
    (AdminLevel.province, re.compile(r"省|自治区")),
    (AdminLevel.central, re.compile(r"^(中华人民共和国|国家|中央|国务院)")),
]
_JUNK = ("单位", "金额", "万元")


def fiscal_year_and_kind(lines: list[Line]) -> tuple[int | None, DocumentKind, str | None]:
    """From the title lines of the first pages: (year, kind, department in the title)."""
    for line in lines[:40]:
        text = line.text.replace(" ", "")
        match = _TITLE.search(text)
        if match:
            kind = DocumentKind.final_accounts if match.group(4) == "决算" else DocumentKind.budget
            return int(match.group(1)), kind, _tidy(match.group(2))
        match = _TITLE_NAME_FIRST.search(text)
        if match:
            kind = DocumentKind.final_accounts if match.group(4) == "决算" else DocumentKind.budget
            return int(match.group(2)), kind, _tidy(match.group(1))
    text = "".join(ln.text for ln in lines[:60])
    years = Counter(int(y) for y in re.findall(r"(20\d\d)\s*年", text))
    kind = DocumentKind.final_accounts if "决算" in text[:400] else DocumentKind.budget
    return (years.most_common(1)[0][0] if years else None), kind, None


def department(lines: list[Line], title_department: str | None) -> str | None:
    named = Counter(
        _tidy(m.group(1)) for ln in lines for m in [_NAMED.search(ln.text.replace(" ", ""))] if m
    )
    named_best = next((n for n, _ in named.most_common() if n and not n.startswith(_JUNK)), None)
    return named_best or title_department


def admin_level(name: str | None) -> AdminLevel:
    if not name:
        return AdminLevel.unknown
    for level, pattern in _LEVELS:
        if pattern.search(name):
            return level
    return AdminLevel.unknown


def _tidy(name: str) -> str:
    name = re.sub(r"^(20\d\d年?)", "", name)
    name = re.sub(r"(部门|单位)$", "", name)
    return name.strip()
