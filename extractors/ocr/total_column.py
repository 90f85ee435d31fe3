"""An OCR'd table whose 合计 heading was not read: the column the rows' arithmetic names.

Small bold header print merges at 150 dpi ("合计" read as one glyph, "甜"), and the table
keeps 基本支出 / 项目支出 but loses its total column, so every row total is lost.  When
exactly one unnamed column left of the parts equals their sum on most rows, it is the
total column: the identities choose the structure the header left open (issue #9).
OCR'd tables only; a table with a total column already is left alone.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from extractors.model import Cell
from extractors.numbers import parse_amount
from extractors.tables.typed import TypedTable

_PART_SETS = (("basic", "project"), ("personnel", "public"))
# Share of the rows with a figure in the column on which it must equal the parts' sum.
MIN_SHARE = 0.5
MIN_ROWS = 3


def name_total_columns(tables: list[TypedTable]) -> list[TypedTable]:
    return [_named(t) if _needs_total(t) else t for t in tables]


def _needs_total(typed: TypedTable) -> bool:
    ocr = any(c.method == "ocr" for c in typed.table.cells)
    return ocr and typed.col("total") is None


def _named(typed: TypedTable) -> TypedTable:
    parts = next((p for names in _PART_SETS if (p := _cols(typed, names))), [])
    if not parts:
        return typed
    body = typed.body()
    fits = [
        col
        for col, role in enumerate(typed.roles)
        if role is None and col < min(parts) and _sums_rows(body, col, parts)
    ]
    if len(fits) != 1:
        return typed
    roles = list(typed.roles)
    roles[fits[0]] = "total"
    return replace(typed, roles=roles)


def _cols(typed: TypedTable, names: tuple[str, ...]) -> list[int]:
    return [c for n in names for c in typed.cols(n)]


def _sums_rows(body: list[list[Cell | None]], col: int, parts: list[int]) -> bool:
    with_value = held = 0
    for row in body:
        whole = _value(row[col])
        if not whole:
            continue
        with_value += 1
        values = [_value(row[c]) for c in parts]
        held += None not in values and whole == sum(v or Decimal(0) for v in values)
    return held >= MIN_ROWS and held >= MIN_SHARE * with_value


def _value(cell: Cell | None) -> Decimal | None:
    parsed = parse_amount(cell.text) if cell is not None else None
    return None if parsed is None else parsed.value
