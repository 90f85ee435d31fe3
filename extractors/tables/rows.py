"""Rows of a classification table with their full codes rebuilt.

Codes come as three columns (类 款 项 = "210" "15" "01"), one column ("2101501"), an
indented outline where a 款 row shows only "15" under its 类, or not at all (names only,
rebuilt from the national lists and marked inferred).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from extractors.model import Cell
from extractors.tables.cells import cell_text
from extractors.tables.same_names import codes_by_order
from extractors.tables.typed import TypedTable

Scheme = Literal["function", "economic"]
LEVELS = {3: "类", 5: "款", 7: "项"}
_CODE_PREFIX = re.compile(r"^\[?(\d{3}|\d{5}|\d{7})\]?[\s\-－—_:：]*(\D.*)?$")
_TOTAL = re.compile(r"^(合计|总计|共计|小计|支出合计|本年支出合计)$")
# "人员经费合计" closing the 人员经费 half of a two-sided 基本支出表 (佛山 表6).
_PART_TOTAL = re.compile(r"^(人员|公用)(经费|支出)?(合计|小计|总计)$")
_PART_ROLES = {"人员": "personnel", "公用": "public"}
_DIGITS = re.compile(r"^\d{1,7}$")
_PART = re.compile(r"^\d{2}$")
_AMOUNT_ROLE = re.compile(r"^(budget_)?(total|basic|project|personnel|public)$")


@dataclass(slots=True)
class CodedRow:
    row: int
    code: str | None
    name: str
    level: str | None
    is_total: bool = False
    inferred: bool = False
    gov_code: str | None = None
    gov_name: str | None = None
    cells: dict[str, Cell] = field(default_factory=dict)  # amount role -> cell


@dataclass(slots=True)
class _Outline:
    """The class and 款 the next outline row hangs under."""

    klass: str | None = None
    kuan: str | None = None
    kuan_x: float | None = None
    # The table prints 项 codes in full (7 digits): a 2-digit code can only be a 款.
    full_xiang: bool = False
    # The last code was rebuilt around a misprinted part: it is marked inferred.
    repaired: bool = False


def coded_rows(typed: TypedTable, scheme: Scheme) -> list[CodedRow]:
    single = typed.col("code")
    texts = {cell_text(row, single) for row in typed.body()} if single is not None else set()
    outline = _Outline(full_xiang=any(len(t) == 7 and t.isdigit() for t in texts))
    gov_outline = _Outline()
    out = []
    for row_index, row in enumerate(typed.body(), start=typed.header.rows):
        coded = _coded_row(typed, row, row_index, outline, gov_outline, scheme)
        if coded is not None:
            out.append(coded)
    if out and not any(r.code for r in out):
        _infer_codes(out, scheme)
    _leading_total(out)
    return out


def _leading_total(rows: list[CodedRow]) -> None:
    """No 合计 row: the uncoded row above every code (the department's own row, 深圳) is
    the table total."""
    if any(r.is_total for r in rows):
        return
    for row in rows:
        if row.code is not None:
            return
        if row.cells:
            row.is_total = True
            return


def _infer_codes(rows: list[CodedRow], scheme: Scheme) -> None:
    """Tables that print names only (indented by level): codes from the national lists,
    scoped by the class and 款 above, and marked inferred."""
    from extractors.classification import find_economic_code, find_function_code

    find = find_function_code if scheme == "function" else find_economic_code
    klass: str | None = None
    kuan: str | None = None
    used: set[str] = set()
    for row in rows:
        if row.is_total or not row.name:
            continue
        # An exact name under the current class beats a near miss at the top level
        # (其他工资福利支出 is 30199, not a misspelt 301 工资福利支出), and one under the
        # current 款 beats one elsewhere (制造业 under 21598 is 2159802, not the 款 21502).
        parents = [*(p for p in (kuan, klass) if p), None]
        found = [m for m in (find(row.name, parent) for parent in parents) if m is not None]
        # A row is not its own parent again: 其他公共安全支出 under the 款 20499 of that
        # name is the 项 2049999, not a second 20499.
        found = [m for m in found if m.code not in (klass, kuan)] or found
        match = next((m for m in found if m.exact), found[0] if found else None)
        if match is None or match.code in used:
            # A second row of the same name under one 款 (20899 has 2089901 and 2089999,
            # both 其他社会保障和就业支出): the name cannot say which it is.
            continue
        code = match.code
        used.add(code)
        if len(code) == 3:
            klass, kuan = code, None
        elif len(code) == 5:
            kuan = code
        row.code, row.level, row.inferred = code, LEVELS.get(len(code)), True
    codes_by_order(rows, scheme)


def _coded_row(
    typed: TypedTable,
    row: list[Cell | None],
    index: int,
    outline: _Outline,
    gov_outline: _Outline,
    scheme: Scheme,
) -> CodedRow | None:
    name = _name(typed, row)
    code = _code(typed, row, outline, ("code", "code_class", "code_kuan", "code_xiang"))
    if code is None and _PART.match(name):
        code, name = _part_in_name_column(typed, row, outline)
    if code is None:
        split = _CODE_PREFIX.match(name)
        if split:
            code, name = split.group(1), split.group(2) or _later_names(typed, row)
            _remember(outline, code)
    cells = _amount_cells(typed, row)
    joined = name or "".join(
        cell_text(row, i) for i in range(len(row)) if not _AMOUNT_ROLE.match(typed.roles[i] or "")
    )
    if code is None:
        total = _TOTAL.match(name) or _TOTAL.match(joined[:6]) or _TOTAL.match(joined)
        if total or part_total(typed, name or joined) is not None:
            return CodedRow(index, None, name or "合计", None, is_total=True, cells=cells)
        if not joined or not cells:
            return None
        return CodedRow(index, None, joined, None, cells=cells)
    gov = _code(typed, row, gov_outline, ("gov_code", "gov_code_class", "gov_code_kuan"))
    return CodedRow(
        row=index,
        code=code,
        name=name,
        level=LEVELS.get(len(code)),
        inferred=outline.repaired,
        gov_code=gov,
        gov_name=cell_text(row, typed.col("gov_name")) or None,
        cells=cells,
    )


def _code(
    typed: TypedTable, row: list[Cell | None], outline: _Outline, roles: tuple[str, ...]
) -> str | None:
    """`roles`: the single-column role, then the 类 / 款 (/ 项) part roles."""
    outline.repaired = False
    single = typed.col(roles[0])
    parts = [cell_text(row, typed.col(role)) for role in roles[1:]]
    parts += [""] * (3 - len(parts))  # government codes have no 项 column
    if any(parts):
        return _from_parts(parts, outline)
    text = cell_text(row, single)
    if not _DIGITS.match(text):
        return None
    if len(text) in (3, 5, 7):
        _remember(outline, text)
        return text
    if len(text) == 2:
        cell = row[single] if single is not None else None
        return _outline_part(text, cell, outline)
    return None


def _from_parts(parts: list[str], outline: _Outline) -> str | None:
    klass, kuan, xiang = parts
    if not all(_DIGITS.match(p) or p == "" for p in parts):
        return None
    # A spreadsheet that dropped the leading zero: 款 "2" is "02" (普陀 "301 | 2 | 津贴补贴").
    kuan, xiang = (p.zfill(2) if len(p) == 1 else p for p in (kuan, xiang))
    if klass and len(klass) not in (3, 5, 7) and _same_kuan(kuan, outline):
        # "7 | 11 | 02" under "210 | 11": the class is misprinted (普陀), the 款 above holds.
        klass, outline.repaired = "", True
    if klass:
        outline.klass, outline.kuan = klass[:3], None
        if not kuan:
            return klass if len(klass) in (3, 5, 7) else None
    if kuan:
        if outline.klass is None and len(kuan) < 5:
            return None
        outline.kuan = kuan if len(kuan) == 5 else f"{outline.klass}{kuan}"
        if not xiang:
            return outline.kuan
    if xiang:
        if len(xiang) == 7:
            return xiang
        if outline.kuan is None:
            return None
        return f"{outline.kuan}{xiang}"
    return None


def _same_kuan(kuan: str, outline: _Outline) -> bool:
    return bool(kuan and outline.klass and outline.kuan == f"{outline.klass}{kuan}")


def _remember(outline: _Outline, code: str) -> None:
    outline.klass = code[:3]
    outline.kuan = code[:5] if len(code) >= 5 else None


def _name(typed: TypedTable, row: list[Cell | None]) -> str:
    """The first filled name column: an outline may set its levels' names apart."""
    names = (cell_text(row, i) for i, role in enumerate(typed.roles) if role == "name")
    return next((t for t in names if t), "")


def _part_in_name_column(
    typed: TypedTable, row: list[Cell | None], outline: _Outline
) -> tuple[str | None, str]:
    """An outline whose 款 parts stand left of the 项 parts got a column of their own,
    typed as names: "02" there is the 款 the 项 rows below hang under.  Left uncoded, its
    项 rows would be read as the 款 and still sum to the class."""
    names = (i for i, role in enumerate(typed.roles) if role == "name")
    part_col = next(i for i in names if cell_text(row, i))
    code = _outline_part(cell_text(row, part_col), row[part_col], outline)
    return code, _later_names(typed, row)


def _later_names(typed: TypedTable, row: list[Cell | None]) -> str:
    """The name columns right of the first: where a code stood in the first."""
    names = [i for i, role in enumerate(typed.roles) if role == "name"]
    return " ".join(t for i in names[1:] if (t := cell_text(row, i)))


def _outline_part(text: str, cell: Cell | None, outline: _Outline) -> str | None:
    """A 2-digit code in one column: a 款 under the class, or a 项 under the 款 (by indent)."""
    x = cell.bbox[0] if cell and cell.words else None
    if cell and cell.words:
        x = min(w.x0 for w in cell.words)
    is_kuan = (
        outline.full_xiang
        or outline.kuan is None
        or (outline.kuan_x is not None and x is not None and x <= outline.kuan_x + 2.0)
    )
    if is_kuan:
        if outline.klass is None:
            return None
        outline.kuan, outline.kuan_x = f"{outline.klass}{text}", x
        return outline.kuan
    return f"{outline.kuan}{text}"


def _amount_cells(typed: TypedTable, row: list[Cell | None]) -> dict[str, Cell]:
    """Amount role -> cell; where two columns claim a role the leftmost (the whole) wins."""
    out: dict[str, Cell] = {}
    for i, role in enumerate(typed.roles):
        cell = row[i] if i < len(row) else None
        if role and cell is not None and _AMOUNT_ROLE.match(role) and role not in out:
            out[role] = cell
    return out


def part_total(typed: TypedTable, name: str) -> str | None:
    """The role a "人员经费合计" / "公用经费合计" row totals, in a block whose one amount
    column is that part; elsewhere such a row is a label, not the table's total."""
    found = _PART_TOTAL.match(name)
    if found is None:
        return None
    role = _PART_ROLES[found.group(1)]
    amounts = {r for r in typed.roles if r and _AMOUNT_ROLE.match(r)}
    return role if amounts == {role} else None
