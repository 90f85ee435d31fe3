"""OCR'd header words one glyph away from a known amount heading get that heading.

At 150 dpi small header print loses a stroke: "基本支出" read "基本变出" leaves the basic
column without a role, and every figure under it is lost.  A header cell is renamed only
when (a) the table was OCR'd, (b) its text is one substituted character away from exactly
one known heading of four or more characters, and (c) the columns under it had no role
and gain one that no other column of the table has.  Digital tables are never touched.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.model import Cell, Table
from extractors.tables.header import clean, find_header
from extractors.tables.roles import column_roles

# Amount headings whose role the table's arithmetic depends on (roles.py reads them).
KNOWN_HEADINGS = (
    "基本支出",
    "项目支出",
    "人员经费",
    "公用经费",
    "人员支出",
    "公用支出",
    "项目经费",
)


def alias_ocr_headers(tables: list[Table]) -> list[Table]:
    return [_aliased(t) if _is_ocr(t) else t for t in tables]


def one_glyph_heading(text: str) -> str | None:
    """The known heading `text` is one substituted character away from, if exactly one."""
    if any(h in text for h in KNOWN_HEADINGS):
        return None
    near = [h for h in KNOWN_HEADINGS if len(h) == len(text) and _distance(h, text) == 1]
    return near[0] if len(near) == 1 else None


def _aliased(table: Table) -> Table:
    header = find_header(table)
    roles = column_roles(header)
    for cell in [c for c in table.cells if c.row < header.rows]:
        target = one_glyph_heading(clean(cell.text))
        cols = range(cell.col, min(cell.col + cell.col_span, len(roles)))
        if target is None or any(roles[c] is not None for c in cols):
            continue
        trial = _with_text(table, cell, target)
        new_roles = column_roles(find_header(trial))
        gained = {new_roles[c] for c in cols} - {None}
        if gained and not gained & set(roles):
            table, roles = trial, new_roles
    return table


def _with_text(table: Table, cell: Cell, text: str) -> Table:
    cells = [replace(c, text=text) if c is cell else c for c in table.cells]
    return replace(table, cells=cells)


def _distance(a: str, b: str) -> int:
    return sum(x != y for x, y in zip(a, b, strict=True))


def _is_ocr(table: Table) -> bool:
    return any(c.method == "ocr" for c in table.cells)
