"""A first column with no text anywhere: a border strip some producers draw in the frame.

北京 draws its 支出总表 with an empty first column on the first page only; left in, the
continuation pages would not line up with it and the table would not be stitched. Only
the leading columns go: an empty column further right is a real column with no amounts
on this page.
"""

from __future__ import annotations

from extractors.model import Table


def drop_empty_leading_columns(table: Table) -> None:
    while table.n_cols > 1 and _empty(table, 0):
        _remove(table, 0)


def _empty(table: Table, col: int) -> bool:
    starting = [c for c in table.cells if c.col == col]
    return all(not c.text.strip() and c.col_span == 1 for c in starting)


def _remove(table: Table, col: int) -> None:
    kept = []
    for cell in table.cells:
        if cell.col == col:
            continue
        if cell.col > col:
            cell.col -= 1
        elif cell.col + cell.col_span > col:
            cell.col_span -= 1
        kept.append(cell)
    table.cells = kept
    table.n_cols -= 1
