"""The document against itself beyond the figures: what it says it contains and of when.

- document.missing_table: a table the contents (目录) lists that the document does not
  print (no table of its kind, no line bearing its title after the contents);
- document.placeholder: a template placeholder left in a heading ("上海市普陀区XX局");
- document.heading_year: a part heading of another year than the document's
  ("2023 年度部门决算情况说明" in a 2024 决算);
- document.as_of_year: in a 决算, the balance-sheet date of another year ("截至 2023 年 12
  月 31 日" in a 2024 决算: the assets are reported at the end of the year accounted for).
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from extractors.model import Line
from extractors.tables.kinds import kind_from_title
from extractors.validation.figures import Figure, make_finding
from extractors.validation.findings import Context, RuleResult
from schemas import TableKind

_CONTENTS = re.compile(r"^目录$")
_ENTRY = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\d{1,2}[、.．]|表\d{1,2}[、.．:：]?)(?P<title>.+表)$"
)
_SCOPE = re.compile(
    r"财政拨款|一般公共预算|政府性基金|国有资本|基本|项目|三公|收入|支出|经费|采购|绩效"
)
_PLACEHOLDER = re.compile(
    r"(?:[XＸxｘ]{2,}|[×✕＊*]{2,}|某某)(?:局|委员会|委|办公室|办|部|中心|单位|部门|院|所)"
)
_HEADING_YEAR = re.compile(r"(20\d\d)年度?(?:区级|市级|县级|省级)?(?:部门|单位)(?P<what>决算|预算)")
_HEADING = re.compile(
    r"^第[一二三四五六七八九十]+部分|情况说明$|(?:决算|预算)表$|(?:部门|单位)(?:决算|预算)$"
)
_AS_OF = re.compile(r"截[至止](20\d\d)年12月31日")


def check(ctx: Context) -> RuleResult:
    result = RuleResult()
    lines = [(ln.page, _compact(ln.text)) for ln in ctx.text_lines]
    _missing_tables(ctx, lines, result)
    _placeholders(lines, result)
    if ctx.fiscal_year is not None:
        _heading_years(ctx.fiscal_year, lines, result)
        if ctx.final_accounts:
            _as_of(ctx.fiscal_year, ctx.text_lines, result)
    return result


def _compact(text: str) -> str:
    return re.sub(r"[\s\u3000]+", "", text)


def _statement(label: str, text: str, page: int) -> Figure:
    return Figure(label=label, value=Decimal(0), raw=text[:60], unit="", page=page, source=None)


def _missing_tables(ctx: Context, lines: list[tuple[int, str]], result: RuleResult) -> None:
    contents = [page for page, text in lines if _CONTENTS.match(text)]
    if not contents:
        return
    toc_page = contents[0]
    first_table = min((t.table.pages[0] for t in ctx.typed), default=None)
    entries = [
        (page, m.group("title"))
        for page, text in lines
        if toc_page <= page <= toc_page + 1
        and (first_table is None or page < first_table)
        and (m := _ENTRY.match(text))
    ]
    later = [text for page, text in lines if page > toc_page + 1]
    titles = [_compact(t.title) for t in ctx.typed] + later
    titles += [_compact(c) for t in ctx.typed for c in t.table.context]
    found = Counter(t.kind for t in ctx.typed)
    listed = Counter(kind_from_title(title) for _, title in entries)
    missing = []
    for page, title in entries:
        kind = kind_from_title(title)
        if kind is None or kind == TableKind.other:
            continue
        # As many tables of its kind as the contents list: printed, whatever its title
        # became ("政府采购预算情况表" listed, "政府采购预算表" printed).
        if found[kind] >= listed[kind]:
            continue
        if not _printed(title, titles, strict=kind not in found):
            missing.append((page, title))
    # The tables published apart from the text (北京: the narrative in one file, the tables
    # in another): the contents list them all, the document prints none or few.
    if len(missing) * 2 > len(entries):
        return
    for page, title in missing:
        result.findings.append(
            make_finding(
                "document.missing_table",
                [_statement("contents entry", title, page)],
                f"the contents (p{page}) list “{title}”, which the document does not print",
            )
        )


def _printed(title: str, candidates: list[str], strict: bool) -> bool:
    """A line or table title naming this table: equal to it, or it with a prefix that
    names no narrower scope ("上海市普陀区财政局2024年度" + title, not "一般公共预算财政拨款"
    + title, a different table)."""
    for text in candidates:
        text = re.sub(
            r"^(?:[一二三四五六七八九十]+、|\d{1,2}[、.．]|表\d{1,2}[、.．:：]?)", "", text
        )
        if text == title:
            return True
        at = text.find(title)
        if at < 0:
            continue
        prefix = text[:at]
        if not _SCOPE.search(prefix) and (not strict or text.endswith(title)):
            return True
    return False


def _placeholders(lines: list[tuple[int, str]], result: RuleResult) -> None:
    for page, text in lines:
        match = _PLACEHOLDER.search(text)
        if match is None:
            continue
        result.findings.append(
            make_finding(
                "document.placeholder",
                [_statement("heading", text, page)],
                f"a template placeholder “{match.group(0)}” is left in the text (p{page}): "
                f"“{text[:60]}”",
            )
        )


def _heading_years(year: int, lines: list[tuple[int, str]], result: RuleResult) -> None:
    for page, text in lines:
        if len(text) > 60 or not _HEADING.search(text):
            continue
        for match in _HEADING_YEAR.finditer(text):
            printed = int(match.group(1))
            if printed == year:
                continue
            result.findings.append(
                make_finding(
                    "document.heading_year",
                    [_statement("heading", text, page)],
                    f"the heading “{text}” (p{page}) is of {printed}, the document of {year}",
                )
            )


def _as_of(year: int, prose: list[Line], result: RuleResult) -> None:
    by_page: dict[int, str] = {}
    for line in prose:
        by_page[line.page] = by_page.get(line.page, "") + _compact(line.text)
    for page, text in by_page.items():
        for match in _AS_OF.finditer(text):
            printed = int(match.group(1))
            if printed == year:
                continue
            excerpt = text[max(0, match.start() - 10) : match.end() + 20]
            result.findings.append(
                make_finding(
                    "document.as_of_year",
                    [_statement("date", excerpt, page)],
                    f"“{match.group(0)}” (p{page}) in the {year} final accounts: the "
                    f"year-end it reports is {year}-12-31",
                )
            )
