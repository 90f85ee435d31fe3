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
from extractors.tables.stream import COLUMN_GAP, NUMBER

PACKED_LINES = 2  # lines of a cell that each hold two or more columns with a figure
PACKED_SHARE = 0.5  # of the table's words inside packed cells


def packed_grid(table: Table) -> bool:
    """Most of the table's words sit in cells that are tables themselves."""
    total = sum(len(c.words) for c in table.cells)
    packed = sum(len(c.words) for c in table.cells if _packed(c))
    return total > 0 and packed >= PACKED_SHARE * total


def _packed(cell: Cell) -> bool:
    lines = group_lines(cell.words, cell.page)
    multi = 0
    for line in lines:
        words = line.words
        gaps = sum(b.x0 - a.x1 >= COLUMN_GAP for a, b in itertools.pairwise(words))
        if gaps >= 1 and any(NUMBER.match(w.text) for w in words):
            multi += 1
    return multi >= PACKED_LINES
