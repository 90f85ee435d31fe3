"""Tables printed as blocks side by side: code | name | amount | code | name | amount.

Long economic lists are often folded into two blocks on one page (人员经费 items left,
公用经费 items right; or 301… left and 302… right).  Each block is a table of its own:
read row by row across the page, the right block's rows would be taken as extra columns
of the left block's rows.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.model import Table
from extractors.tables.header import Header
from extractors.tables.typed import TypedTable

_CODE_STARTS = ("code", "code_class")
_CODE_PARTS = ("code", "code_class", "code_kuan", "code_xiang")


def split_blocks(typed: TypedTable) -> list[tuple[TypedTable, int]]:
    """The table's blocks, each with the column offset of its first column."""
    starts = _block_starts(typed.roles)
    if len(starts) < 2:
        return [(typed, 0)]
    bounds = [*starts[1:], len(typed.roles)]
    blocks = [
        (0 if i == 0 else start, end)
        for i, (start, end) in enumerate(zip(starts, bounds, strict=True))
    ]
    if not all(_complete(typed.roles[a:b]) for a, b in blocks):
        return [(typed, 0)]
    return [(_block(typed, a, b), a) for a, b in blocks]


def _block_starts(roles: list[str | None]) -> list[int]:
    starts = []
    for i, role in enumerate(roles):
        previous = roles[i - 1] if i else None
        if role in _CODE_STARTS and previous not in _CODE_PARTS:
            starts.append(i)
    return starts


def _complete(roles: list[str | None]) -> bool:
    has_amount = any(r in ("total", "personnel", "public", "project", "basic") for r in roles)
    return "name" in roles and has_amount


def _block(typed: TypedTable, start: int, end: int) -> TypedTable:
    table = typed.table
    cells = [
        replace(c, col=c.col - start, col_span=min(c.col + c.col_span, end) - c.col)
        for c in table.cells
        if start <= c.col < end
    ]
    sub = Table(
        table_id=table.table_id,
        pages=table.pages,
        bbox=table.bbox,
        cells=cells,
        n_rows=table.n_rows,
        n_cols=end - start,
        engine=table.engine,
        title=table.title,
        unit=table.unit,
        context=table.context,
        notes=table.notes,
        ruled=table.ruled,
    )
    header = Header(rows=typed.header.rows, paths=typed.header.paths[start:end])
    return replace(typed, table=sub, header=header, roles=typed.roles[start:end])
