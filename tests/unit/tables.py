"""Small tables built in code, cell by cell, as the table stage would hand them on.

Rows are given as printed (header rows first); a cell's box is its grid position, which is
all the typing and mapping stages look at.  `spans` merges header cells: (row, col, n_rows,
n_cols), the text sitting in the top-left cell.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractors.model import Cell, Table, Word
from extractors.tables.typed import TypedTable, type_table

COL_PT, ROW_PT = 80.0, 16.0


def table(
    rows: Sequence[Sequence[str]],
    *,
    context: Sequence[str] = (),
    spans: Sequence[tuple[int, int, int, int]] = (),
    page: int = 1,
    table_id: str = "p1t1",
) -> Table:
    covered = {
        (r, c)
        for r0, c0, nr, nc in spans
        for r in range(r0, r0 + nr)
        for c in range(c0, c0 + nc)
        if (r, c) != (r0, c0)
    }
    span_of = {(r0, c0): (nr, nc) for r0, c0, nr, nc in spans}
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            nr, nc = span_of.get((r, c), (1, 1))
            box = (c * COL_PT, r * ROW_PT, (c + nc) * COL_PT, (r + nr) * ROW_PT)
            words = [Word(text=text, bbox=box)] if text else []
            cells.append(Cell(r, c, text, box, page, nr, nc, words))
    return Table(
        table_id=table_id,
        pages=[page],
        bbox=(0.0, 0.0, len(rows[0]) * COL_PT, len(rows) * ROW_PT),
        cells=cells,
        n_rows=len(rows),
        n_cols=len(rows[0]),
        engine="grid",
        context=list(context),
    )


def typed(
    rows: Sequence[Sequence[str]],
    title: str,
    unit: str = "万元",
    *,
    spans: Sequence[tuple[int, int, int, int]] = (),
    table_id: str = "p1t1",
) -> TypedTable:
    """A table under its printed title and unit line, typed as the type stage does."""
    context = [title, f"单位：{unit}"] if unit else [title]
    return type_table(table(rows, context=context, spans=spans, table_id=table_id), None)
