"""Let a table's own arithmetic choose among the readings of its OCR'd figures.

Figures that break the amount grammar get their separators re-placed by the table's
printed precision first ("1.210.176000" -> "1,210.176000" on a six-decimal table): the
grammar decides those.  Where a row's identity (合计 = 基本 + 项目 + the other spending
columns, or 人员 + 公用) then still fails, the readings one glyph away from each cell
(figure_variants.py; at most two cells changed) are searched for those under which it
holds, fewest changes first.  A reading is taken only when it is the UNIQUE one at that
fewest number of changes; the text as first read is kept on the cell (`Cell.choice`).

Evidence rule: the identity that chose a reading cannot also confirm it, nor the other
figures of that row (they agree with the choice by construction).  Every cell of a row
that chose is marked, and is confirmed only by a different identity that holds with it:
the column's sum down to the table's 合计 row.  An unconfirmed mark keeps the value in
review (mapping/readings.py adds its signal).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from extractors.model import Cell, ReadingChoice
from extractors.numbers import parse_amount
from extractors.ocr.figure_variants import neighbours, regrouped, table_precision
from extractors.ocr.word_scores import is_amount
from extractors.tables.header import clean
from extractors.tables.typed import TypedTable

ROW_RULE = "row_identity"
COLUMN_RULE = "column_sum"
_PART_SETS = (("basic", "project"), ("personnel", "public"))
_TOTAL_ROW = re.compile(r"^(支出|收入)?(合计|总计)$")
_NAME_ROLES = {"name", "code", "gov_name", "gov_code"}
MAX_CHANGED_CELLS = 2
# A row identity the table mostly keeps as first read: the columns are understood.
MIN_HOLDING_ROWS = 3
HOLDING_SHARE = 0.3


@dataclass(slots=True, eq=False)  # eq=False: hashed by identity, one per cell
class _Slot:
    cell: Cell
    value: Decimal | None  # as read; None when it breaks the table's precision
    options: dict[str, Decimal]  # one-glyph neighbours


def choose_readings(tables: list[TypedTable]) -> list[TypedTable]:
    return [_chosen(t) if _is_ocr(t) else t for t in tables]


def _chosen(typed: TypedTable) -> TypedTable:
    total = typed.col("total")
    if total is None:
        return typed
    parts = _part_columns(typed, total)
    texts = [c.text for row in typed.body() for c in row if c is not None]
    decimals = table_precision(texts)
    if not parts or decimals is None:
        return typed
    typed = _regrouped(typed, [total, *parts], decimals)
    body = typed.body()
    if not _understood(body, total, parts):
        return typed
    chosen: dict[int, str] = {}  # id(cell) -> text, for every cell of a row that chose
    for row in body:
        slots = _slots(row, total, parts, decimals)
        solution = _solve(slots) if slots is not None else {}
        for slot in slots if solution and slots else []:
            chosen[id(slot.cell)] = solution.get(slot, slot.cell.text)
    if not chosen:
        return typed
    return _apply(typed, chosen, total, parts)


def _regrouped(typed: TypedTable, cols: list[int], decimals: int) -> TypedTable:
    """Separators re-placed by the table's precision ("890,444600" -> "890.444600") in
    figures that break the amount grammar: the grammar decides these, not an identity, so
    the identities may confirm them.  A valid amount printed without the table's decimals
    ("36369000", or a whole "1500") is left to the row search, as one change."""
    cells = [
        replace(c, text=text)
        if c.row >= typed.header.rows
        and c.col in cols
        and c.method == "ocr"
        and not is_amount(c.text)
        and (text := regrouped(c.text, decimals)) is not None
        and text != c.text
        else c
        for c in typed.table.cells
    ]
    return replace(typed, table=replace(typed.table, cells=cells))


def _part_columns(typed: TypedTable, total: int) -> list[int]:
    body = typed.body()
    for names in _PART_SETS:
        cols = [c for n in names for c in typed.cols(n)]
        if cols:
            # 事业单位经营 / 上缴上级 / 对附属单位补助: unnamed spending columns right of 合计,
            # kept when the rows hold at least as often with them.
            extra = [i for i, r in enumerate(typed.roles) if r is None and i > total]
            wider = sorted(cols + extra)
            if _holding_rows(body, total, wider) > _holding_rows(body, total, cols):
                return wider
            return cols
    return []


def _value(cell: Cell | None) -> Decimal | None:
    parsed = parse_amount(cell.text) if cell is not None else None
    return None if parsed is None else parsed.value


def _understood(body: list[list[Cell | None]], total: int, parts: list[int]) -> bool:
    with_total = sum(bool(_value(row[total])) for row in body)
    held = _holding_rows(body, total, parts)
    return held >= max(MIN_HOLDING_ROWS, HOLDING_SHARE * with_total)


def _holding_rows(body: list[list[Cell | None]], total: int, parts: list[int]) -> int:
    held = 0
    for row in body:
        whole = _value(row[total])
        values = [_value(row[c]) for c in parts]
        if whole and all(v is not None for v in values):
            held += whole == sum(v for v in values if v is not None)
    return held


def _slots(
    row: list[Cell | None], total: int, parts: list[int], decimals: int
) -> list[_Slot] | None:
    """The row's figures, total first, when its identity fails as read; else None."""
    cells = [row[total]] + [row[c] for c in parts]
    if cells[0] is None or not clean(cells[0].text) or _value(cells[0]) == 0:
        return None
    slots: list[_Slot] = []
    for cell in cells:
        if cell is None or _blank(cell):
            continue
        # A reading that breaks the table's precision is no reading: it must change.
        value = _value(cell) if _decimals(cell.text) == decimals else None
        options = neighbours(cell.text, decimals)
        if (grouped := regrouped(cell.text, decimals)) not in (None, cell.text):
            options[grouped] = Decimal(grouped.replace(",", ""))
        slots.append(_Slot(cell, value, options))
    if len(slots) < 2 or slots[0].cell is not cells[0]:
        return None
    first = [_value(s.cell) for s in slots]
    if None not in first and _holds([v for v in first if v is not None]):
        return None
    return slots


def _blank(cell: Cell) -> bool:
    parsed = parse_amount(cell.text)
    return not clean(cell.text) or (parsed is not None and parsed.empty)


def _decimals(text: str) -> int:
    return len(text.rsplit(".", 1)[1]) if "." in text else 0


def _holds(values: list[Decimal]) -> bool:
    return values[0] == sum(values[1:], Decimal(0))


def _solve(slots: list[_Slot]) -> dict[_Slot, str]:
    """The unique fewest-change reading under which the row holds ({} if none or several)."""
    for n in range(1, MAX_CHANGED_CELLS + 1):
        found = [sol for combo in itertools.combinations(slots, n) for sol in _fits(slots, combo)]
        if len(found) == 1:
            return found[0]
        if found:
            return {}
    return {}


def _fits(slots: list[_Slot], changed: tuple[_Slot, ...]) -> list[dict[_Slot, str]]:
    """Readings of the `changed` cells (the others at their base) under which the row holds:
    every option of all but the last changed cell, the last one solved for."""
    fixed = [s for s in slots if s not in changed]
    if any(s.value is None for s in fixed):
        return []
    *free, last = changed
    out: list[dict[_Slot, str]] = []
    for picks in itertools.product(*(s.options.items() for s in free)):
        chosen = dict(zip(free, picks, strict=True))
        known = {s: s.value for s in fixed} | {s: v for s, (_, v) in chosen.items()}
        need = _needed(slots, known, last)
        text = next((t for t, v in last.options.items() if v == need), None)
        if text is not None:
            out.append({s: t for s, (t, _) in chosen.items()} | {last: text})
    return out


def _needed(slots: list[_Slot], known: dict[_Slot, Decimal | None], last: _Slot) -> Decimal:
    parts = sum((v or Decimal(0) for s, v in known.items() if s is not slots[0]), Decimal(0))
    if last is slots[0]:
        return parts
    return (known[slots[0]] or Decimal(0)) - parts


def _apply(typed: TypedTable, chosen: dict[int, str], total: int, parts: list[int]) -> TypedTable:
    cells = [
        replace(c, text=chosen[id(c)], choice=ReadingChoice(c.text, ROW_RULE))
        if id(c) in chosen
        else c
        for c in typed.table.cells
    ]
    out = replace(typed, table=replace(typed.table, cells=cells))
    confirmed = _columns_summing(out, [total, *parts])
    for cell in out.table.cells:
        if cell.choice is not None and cell.col in confirmed:
            cell.choice = replace(cell.choice, confirmed_by=COLUMN_RULE)
    return out


def _columns_summing(typed: TypedTable, cols: list[int]) -> set[int]:
    """Columns whose body rows add up to the table's 合计 row, as now read."""
    body = typed.body()
    names = [i for i, r in enumerate(typed.roles) if r in _NAME_ROLES]
    totals = [i for i, row in enumerate(body) if _is_total_row(row, names)]
    if len(totals) != 1:
        return set()
    rows = [r for i, r in enumerate(body) if i != totals[0]]
    out: set[int] = set()
    for col in cols:
        printed = _value(body[totals[0]][col])
        values = [_value(r[col]) for r in rows]
        if printed and None not in values and printed == sum(v or 0 for v in values):
            out.add(col)
    return out


def _is_total_row(row: list[Cell | None], names: list[int]) -> bool:
    texts = [clean(c.text) for i in names if (c := row[i]) is not None]
    return any(_TOTAL_ROW.match(t) for t in texts)


def _is_ocr(typed: TypedTable) -> bool:
    return any(c.method == "ocr" for c in typed.table.cells)
