"""An amount the scan's grid put in a spurious column goes back under its header.

On a 150 dpi scan a ruling found twice, or a noise streak read as a short vertical line,
splits one printed column for a few rows only: the header cell then spans two grid
columns, most rows fill the first and a few rows put their figure in the second, where
the column roles never look (measured on 西安 scans: 合计 and 公用经费 blank on the rows of
水费 and 取暖费, and the item's total accepted from its other row).  Where the columns
under one header label hold a single figure in a row, that figure moves to the label's
first column.  Scanned cells only: a text layer has no spurious rulings.
"""

from __future__ import annotations

from dataclasses import replace

from extractors.model import Cell, Table
from extractors.numbers import parse_amount
from extractors.tables.header import Header, find_header


def fold_split_columns(tables: list[Table]) -> list[Table]:
    return [_folded(t) if _scanned(t) else t for t in tables]


def _scanned(table: Table) -> bool:
    return any(c.method == "ocr" for c in table.cells)


def _folded(table: Table) -> Table:
    header = find_header(table)
    groups = _groups(header, table.n_cols)
    if header.rows == 0 or not groups:
        return table
    by_place = {(c.row, c.col): c for c in table.cells}
    moved: dict[tuple[int, int], Cell] = {}  # by the cell's place before the move
    dropped: set[tuple[int, int]] = set()
    for row in range(header.rows, table.n_rows):
        for first, last in groups:
            lone = _lone_figure([by_place.get((row, col)) for col in range(first, last + 1)])
            if lone is not None and lone.col != first:
                dropped.add((row, first))
                moved[(row, lone.col)] = replace(lone, col=first)
    if not moved:
        return table
    cells = [moved.get((c.row, c.col), c) for c in table.cells if (c.row, c.col) not in dropped]
    return replace(table, cells=cells)


def _lone_figure(cells: list[Cell | None]) -> Cell | None:
    filled = [c for c in cells if c is not None and c.text.strip()]
    if len(filled) != 1 or filled[0].col_span != 1 or parse_amount(filled[0].text) is None:
        return None
    return filled[0]


def _groups(header: Header, n_cols: int) -> list[tuple[int, int]]:
    """Runs of adjacent columns under the very same header path (first, last)."""
    out: list[tuple[int, int]] = []
    start = 0
    for col in range(1, n_cols + 1):
        if col < n_cols and header.paths[col] and header.path_text(col) == header.path_text(start):
            continue
        if col - 1 > start and header.paths[start]:
            out.append((start, col - 1))
        start = col
    return out
