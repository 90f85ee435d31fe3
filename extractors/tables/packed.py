"""Ruled grids whose cells hold several columns of figures: partial rulings, not a grid.

Some producers rule only the column groups (a line under "Total | Male | Female" and the
verticals between the groups); the ruled stage then puts whole sub-tables into single
cells, so the columns inside them run together.  Such a grid is better left to the
unruled stage, which splits columns at the gaps between words.
"""

from __future__ import annotations

import itertools

from extractors.model import Cell, Table
from extractors.tables.lines import group_lines
from extractors.tables.stream_blocks import COLUMN_GAP, NUMBER

PACKED_SHARE = 0.5  # of the table's words inside packed cells
PACKED_CELLS = 3  # at least this many of them: a grid, not one boxed note ...
PACKED_LINES = 2  # ... unless a cell holds a sub-table of several such lines


def packed_grid(table: Table) -> bool:
    """Most of the table's words sit in cells that are tables themselves."""
    total = sum(len(c.words) for c in table.cells)
    lines = {id(c): _packed_lines(c) for c in table.cells}
    packed = [c for c in table.cells if lines[id(c)]]
    share = sum(len(c.words) for c in packed)
    many = len(packed) >= PACKED_CELLS or max(lines.values(), default=0) >= PACKED_LINES
    return many and share >= PACKED_SHARE * total


def _packed_lines(cell: Cell) -> int:
    """Lines of the cell that hold two or more columns, one of them a figure."""
    count = 0
    for line in group_lines(cell.words, cell.page):
        words = line.words
        gaps = sum(b.x0 - a.x1 >= COLUMN_GAP for a, b in itertools.pairwise(words))
        count += gaps >= 1 and any(NUMBER.match(w.text) for w in words)
    return count
