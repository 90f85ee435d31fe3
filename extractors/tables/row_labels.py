"""Row labels printed left of a ruled grid, outside its border (a county name per row of
figures whose rulings start at the first figure column): they become the grid's first
column, so a row keeps its name."""

from __future__ import annotations

from extractors.model import Page, Table, Word, union_bbox
from extractors.tables.cells import make_cell
from extractors.tables.spans import grid_lines

MIN_LABELLED_ROWS = 3
MAX_REACH = 200.0  # points left of the grid a label may start


def with_outside_labels(page: Page, table: Table) -> Table:
    rows, _ = grid_lines(table)
    left = table.bbox[0]
    labels: dict[int, list[Word]] = {}
    for word in page.words:
        if not (left - MAX_REACH <= word.x0 and word.x1 <= left + 1.0):
            continue
        row = _row_of(rows, word.yc)
        if row is not None:
            labels.setdefault(row, []).append(word)
    if len(labels) < MIN_LABELLED_ROWS or not _one_line_each(labels):
        return table
    for cell in table.cells:
        cell.col += 1
    for row, words in labels.items():
        table.cells.append(
            make_cell(row, 0, words, union_bbox([w.bbox for w in words]), page.number)
        )
    table.n_cols += 1
    table.bbox = union_bbox([table.bbox, *(w.bbox for ws in labels.values() for w in ws)])
    return table


def _row_of(rows: list[float], y: float) -> int | None:
    for r in range(len(rows) - 1):
        if rows[r] <= y < rows[r + 1]:
            return r
    return None


def _one_line_each(labels: dict[int, list[Word]]) -> bool:
    """A label is one line of words: more than that beside a row is prose or a note."""
    for words in labels.values():
        height = max(w.bottom - w.top for w in words)
        if max(w.yc for w in words) - min(w.yc for w in words) > 0.5 * height:
            return False
    return True
