"""Clean-ups every unruled table gets before it leaves the table stage.

- A caption caught on the table's top row ("Table 5   Public Health Outlay 2012-13 (Budget
  Estimates)   (Rs. in 000)") is prose: its words, a space apart, run across the column
  gutters of the figures below.  Header labels stop at a gutter (a CJK group label is one
  word, so it spans its columns as one cell).  The caption leaves the table; find.py then
  reads it as the table's context, where titles belong.
- Two cells at one grid position (a word spanning two columns beside one in the first of
  them) would hide one of them in the cell matrix: they become one cell.
"""

from __future__ import annotations

import itertools

from extractors.model import Cell, Table, union_bbox
from extractors.tables.cells import make_cell

# Words of one phrase stand less than this many of their heights apart.
_SPACE = 0.6
# A phrase cut into this many cells by the columns is a sentence, not a label.
_CUT_CELLS = 3
_MAX_CAPTION_ROWS = 2


def drop_caption_rows(table: Table) -> None:
    for _ in range(_MAX_CAPTION_ROWS):
        top = sorted((c for c in table.cells if c.row == 0 and c.words), key=lambda c: c.col)
        if table.n_rows < 3 or not _prose(top):
            return
        table.cells = [_moved_up(c) for c in table.cells if c.row > 0]
        table.n_rows -= 1
        words = [w for c in table.cells for w in c.words]
        if words:
            table.bbox = union_bbox([w.bbox for w in words])


def _prose(row: list[Cell]) -> bool:
    """One phrase runs through several cells of the row."""
    run = 1
    for left, right in itertools.pairwise(row):
        last = max(left.words, key=lambda w: w.x1)
        first = min(right.words, key=lambda w: w.x0)
        height = max(last.bottom - last.top, first.bottom - first.top)
        same_line = abs(last.yc - first.yc) < 0.5 * height
        run = run + 1 if same_line and 0 <= first.x0 - last.x1 < _SPACE * height else 1
        if run >= _CUT_CELLS:
            return True
    return False


def _moved_up(cell: Cell) -> Cell:
    cell.row -= 1
    return cell


def merge_shared_positions(table: Table) -> None:
    by_position: dict[tuple[int, int], list[Cell]] = {}
    for cell in table.cells:
        by_position.setdefault((cell.row, cell.col), []).append(cell)
    if all(len(group) == 1 for group in by_position.values()):
        return
    table.cells = [
        group[0] if len(group) == 1 else _merged(group) for group in by_position.values()
    ]


def _merged(group: list[Cell]) -> Cell:
    first = group[0]
    words = [w for c in group for w in c.words]
    bbox = (0.0, 0.0, 0.0, 0.0) if words else first.bbox
    cell = make_cell(first.row, first.col, words, bbox, first.page)
    cell.col_span = max(c.col_span for c in group)
    cell.row_span = max(c.row_span for c in group)
    return cell
