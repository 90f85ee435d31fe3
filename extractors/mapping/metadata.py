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
        found = _title_candidates(text)
        if found:
            # Prefer the reading whose name looks like an organisation ("…局", "…委员会").
            found.sort(key=lambda c: not _is_org(c[2]))
            return found[0]
    text = "".join(ln.text for ln in lines[:60])
    years = Counter(int(y) for y in re.findall(r"(20\d\d)\s*年", text))
    kind = DocumentKind.final_accounts if "决算" in text[:400] else DocumentKind.budget
    return (years.most_common(1)[0][0] if years else None), kind, None


_ORG_SUFFIX = re.compile(
    r"(局|委员会|委|厅|办公室|办公厅|中心|院|所|站|队|馆|处|部|政府|办事处|街道|学校|会|社|署)$"
)


def _is_org(name: str | None) -> bool:
    return bool(name and _ORG_SUFFIX.search(_SCOPE.sub("", name)))


def _title_candidates(text: str) -> list[tuple[int, DocumentKind, str | None]]:
    out = []
    match = _TITLE.search(text)
    if match:
        kind = DocumentKind.final_accounts if match.group(4) == "决算" else DocumentKind.budget
        out.append((int(match.group(1)), kind, _tidy(match.group(2)) or None))
    match = _TITLE_NAME_FIRST.search(text)
    if match:
        kind = DocumentKind.final_accounts if match.group(4) == "决算" else DocumentKind.budget
        out.append((int(match.group(2)), kind, _tidy(match.group(1)) or None))
    return out


def from_file_name(stem: str) -> tuple[int | None, str | None]:
    """(year, department) from a file name such as "附件2：北京市教育委员会2026年度部门预算报表":
    the fallback for report volumes that never print either (北京's 附件2)."""
    found = _title_candidates(stem.replace(" ", ""))
    found.sort(key=lambda c: not _is_org(c[2]))
    if not found:
        return None, None
    year, _, name = found[0]
    return year, name if name and _ORG_SUFFIX.search(name) else None


def department(lines: list[Line], title_department: str | None) -> str | None:
    named = Counter(
        _tidy(m.group(1)) for ln in lines for m in [_NAMED.search(ln.text.replace(" ", ""))] if m
    )
    named_best = next((n for n, _ in named.most_common() if n and not n.startswith(_JUNK)), None)
    if title_department and not _is_org(title_department):
        title_department = None  # "部门综合" is a kind of budget, not a department
    name = named_best or title_department or _most_named_org(lines)
    return _with_printed_scope(name, lines) if name else None


# "福州市民政局(本级)", "西安市财政局（汇总）": the cover prints which accounts the volume
# covers as part of the name; the contract keeps strings as printed.
_SCOPE = re.compile(r"[（(](?:本级|汇总|本部|机关)[)）]$")


def _with_printed_scope(name: str, lines: list[Line]) -> str:
    if _SCOPE.search(name):
        return name
    head = re.compile(re.escape(name) + r"([（(](?:本级|汇总|本部|机关)[)）])")
    for ln in lines[:40]:
        found = head.match(ln.text.replace(" ", ""))
        if found:
            return name + found.group(1)
    return name


_ORG_NAME = re.compile(
    r"[\u4e00-\u9fff]{1,8}?[省市县区][\u4e00-\u9fff]{2,16}?(局|委员会|办公室|办公厅|厅|中心)"
)


def _most_named_org(lines: list[Line]) -> str | None:
    """No title names the department: the organisation the prose names most often."""
    counts = Counter(
        m.group(0) for ln in lines for m in _ORG_NAME.finditer(ln.text.replace(" ", ""))
    )
    best = counts.most_common(1)
    return _tidy(best[0][0]) if best and best[0][1] >= 3 else None


def admin_level(name: str | None) -> AdminLevel:
    if not name:
        return AdminLevel.unknown
    for level, pattern in _LEVELS:
        if pattern.search(name):
            return level
    return AdminLevel.unknown


def _tidy(name: str) -> str:
    name = re.sub(r"^(20\d\d年?)", "", name)
    name = re.sub(r"^第[一二三四五六]部分", "", name)
    name = re.sub(r"^(关于|公开|印发)", "", name)
    name = re.sub(r"(部门|单位)$", "", name)
    return name.strip()
