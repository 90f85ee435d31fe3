"""Unruled and three-line tables: rows are visual lines, columns are the x-gaps between words.

Used where the page's rulings make no grid.  Works the same on OCR words.
"""

from __future__ import annotations

from extractors.model import BBox, Cell, Line, Page, Table, union_bbox
from extractors.tables.stream_blocks import (
    LEADER,
    MAX_WRAPPED_HEADER_LINES,
    is_numeric_row,
    table_blocks,
)
from extractors.tables.stream_header import header_cells, join_wrapped_labels, with_header_columns
from extractors.tables.stream_rows import join_wrapped, line_cells

# Rows a block needs before one row that disagrees with all the others is overruled.
_MIN_BODY_FOR_SPANNING = 6


def stream_tables(
    page: Page, lines: list[Line], taken: list[BBox], first_index: int
) -> list[Table]:
    tables: list[Table] = []
    for block in table_blocks(free_lines(lines, taken)):
        table = _build(page, block, first_index + len(tables))
        if table is not None:
            tables.append(table)
    return tables


def _column_bounds(body: list[Line]) -> list[tuple[float, float]]:
    bounds = merged_bounds(body)
    if len(body) < _MIN_BODY_FOR_SPANNING:
        return bounds
    # A title or note caught in the block (it has a year, so it reads as numeric) can bridge
    # columns every other row keeps apart; leave such a line out of the split.
    kept = [ln for i, ln in enumerate(body) if not _bridges(body[:i] + body[i + 1 :], bounds)]
    return merged_bounds(kept)


def _bridges(others: list[Line], bounds: list[tuple[float, float]]) -> bool:
    return len(merged_bounds(others)) >= len(bounds) + 2


def merged_bounds(body: list[Line]) -> list[tuple[float, float]]:
    """Columns where the lines' words stand: x extents merged where they overlap."""
    intervals = sorted((w.x0, w.x1) for ln in body for w in ln.words if not LEADER.match(w.text))
    merged: list[list[float]] = []
    for x0, x1 in intervals:
        if merged and x0 <= merged[-1][1] + 1.0:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def _build(page: Page, block: list[Line], index: int) -> Table | None:
    first_numeric = next(i for i, ln in enumerate(block) if is_numeric_row(ln))
    header = block[max(0, first_numeric - MAX_WRAPPED_HEADER_LINES) : first_numeric]
    body = block[first_numeric:]
    bounds = with_header_columns(_column_bounds([ln for ln in body if is_numeric_row(ln)]), header)
    if len(bounds) < 2:
        return None
    cells: list[Cell] = []
    for row, line in enumerate(header):
        cells.extend(header_cells(page.number, row, line, header[row + 1 :], bounds, header[:row]))
    cells = join_wrapped_labels(cells)
    body_rows = join_wrapped([line_cells(page.number, 0, line, bounds) for line in body], bounds)
    for row, row_cells in enumerate(body_rows, start=len(header)):
        for cell in row_cells:
            cell.row = row
        cells.extend(row_cells)
    all_words = [w for ln in header + body for w in ln.words]
    return Table(
        table_id=f"p{page.number}-t{index}",
        pages=[page.number],
        bbox=union_bbox([w.bbox for w in all_words]),
        cells=cells,
        n_rows=len(header) + len(body_rows),
        n_cols=len(bounds),
        engine="stream",
        ruled=False,
    )


def free_lines(lines: list[Line], taken: list[BBox]) -> list[Line]:
    """The lines outside the tables already found on the page."""
    return [ln for ln in lines if not any(_overlaps(ln.bbox, box) for box in taken)]


def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]
