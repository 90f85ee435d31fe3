"""A classification code misread by one glyph takes the code of the rows around it.

Cross tables (功能科目 × 经济科目, 北京 03表) print one function code on many rows; at
150 dpi one of them reads "2010901" or "2016801" among "2010801" rows, and its figures
leave the code's sum.  A code whose printed name the classification lists do not give it
(up to OCR's lost glyphs) takes the code one glyph away that the table prints elsewhere
and that the lists do give that name; or, between two rows of one code one glyph away,
that code.  OCR'd tables only; the name is kept as read.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.classification.lists import (
    economic_name,
    function_name,
    government_economic_name,
    normalise_name,
)
from extractors.model import Cell
from extractors.tables.header import clean
from extractors.tables.typed import TypedTable

_CODE_ROLES = {"code", "name", "gov_code", "gov_name"}
_LEADING_CODE = re.compile(r"^(\d{3,8})([-—·:：.\s]*)(.*)$")


def fix_neighbour_codes(tables: list[TypedTable]) -> list[TypedTable]:
    return [_fixed(t) if any(c.method == "ocr" for c in t.table.cells) else t for t in tables]


def one_glyph_apart(a: str, b: str) -> bool:
    """One substituted, dropped or added character."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) != 1:
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _fixed(typed: TypedTable) -> TypedTable:
    body_rows = typed.header.rows
    new: dict[int, str] = {}
    # The table's first code column only: it is the one the rows are ordered by (a second
    # code restarts under every first one).
    col = next((i for i, r in enumerate(typed.roles) if r in _CODE_ROLES), None)
    if col is not None:
        column = [r[col] for r in typed.body()]
        printed = {split[0] for c in column if (split := _split(c)) is not None}
        for i, cell in enumerate(column):
            text = _corrected(column, i, printed)
            if cell is not None and text is not None:
                new[id(cell)] = text
    if not new:
        return typed
    cells = [
        replace(c, text=new[id(c)]) if id(c) in new and c.row >= body_rows else c
        for c in typed.table.cells
    ]
    return replace(typed, table=replace(typed.table, cells=cells))


def _corrected(column: list[Cell | None], i: int, printed: set[str]) -> str | None:
    here = _split(column[i])
    if here is None:
        return None
    code, sep, name = here
    if _near(_list_name(code), name):
        return None  # the list agrees with the row: as printed
    before = _split(column[i - 1]) if i > 0 else None
    after = _split(column[i + 1]) if i + 1 < len(column) else None
    if before and after and before[0] == after[0] != code and one_glyph_apart(code, before[0]):
        return before[0] + sep + name
    named = [c for c in printed if one_glyph_apart(code, c) and _near(_list_name(c), name)]
    return named[0] + sep + name if len(named) == 1 else None


def _near(listed: str | None, printed: str) -> bool:
    """The printed name is the listed one, up to the glyphs OCR loses in a name this long
    (one in four; sibling names such as 行政单位医疗 / 事业单位医疗 differ by more)."""
    if listed is None or not printed:
        return False
    return _edits(listed, printed) <= max(1, min(len(listed), len(printed)) // 4)


def _edits(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def _list_name(code: str) -> str | None:
    for find in (function_name, economic_name, government_economic_name):
        if (name := find(code)) is not None:
            return normalise_name(name)
    return None


def _split(cell: Cell | None) -> tuple[str, str, str] | None:
    if cell is None:
        return None
    m = _LEADING_CODE.match(clean(cell.text))
    return (m.group(1), m.group(2), normalise_name(m.group(3))) if m else None
