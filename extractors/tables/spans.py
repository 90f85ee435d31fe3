"""Where the text of a merged (spanning) cell goes when a table is flattened to a plain grid.

Our tables keep a merged cell as one Cell with row_span / col_span, its text at the top-left
position (`Table.cell_matrix`).  Callers that want a rectangular grid of strings choose one
of the conventions other tools use: the text copied into every covered position (a row
label that stands for the rows it spans), moved to the bottom-right position, or left in the
position its words actually sit in.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from extractors.model import Cell, Table, Word, union_bbox
from extractors.tables.cells import make_cell

# top_left: as found (the default); bottom_right: moved to the last covered position;
# in_place: each word in the covered position its centre falls in; copy / copy_down /
# copy_across: the text repeated in every covered position / down the rows / across the
# columns it spans.
SpanText = Literal["top_left", "bottom_right", "in_place", "copy", "copy_down", "copy_across"]


def flatten_spans(table: Table, mode: SpanText) -> Table:
    """The table with every merged cell replaced by 1×1 cells under `mode`."""
    if mode == "top_left" or all(c.row_span == c.col_span == 1 for c in table.cells):
        return table
    rows, cols = grid_lines(table)
    cells: list[Cell] = []
    for cell in table.cells:
        if cell.row_span == cell.col_span == 1:
            cells.append(cell)
        else:
            cells.extend(_split(cell, mode, rows, cols))
    return replace(table, cells=cells)


def _split(cell: Cell, mode: SpanText, rows: list[float], cols: list[float]) -> list[Cell]:
    covered = [
        (r, c)
        for r in range(cell.row, cell.row + cell.row_span)
        for c in range(cell.col, cell.col + cell.col_span)
    ]
    out = []
    for r, c in covered:
        box = (cols[c], rows[r], cols[c + 1], rows[r + 1])
        out.append(make_cell(r, c, _words_for(cell, mode, r, c, rows, cols), box, cell.page))
    return out


def _words_for(
    cell: Cell, mode: SpanText, r: int, c: int, rows: list[float], cols: list[float]
) -> list[Word]:
    first_row, first_col = r == cell.row, c == cell.col
    last_row = r == cell.row + cell.row_span - 1
    last_col = c == cell.col + cell.col_span - 1
    keep = {
        "top_left": first_row and first_col,
        "bottom_right": last_row and last_col,
        "copy": True,
        "copy_down": first_col,
        "copy_across": first_row,
    }
    if mode == "in_place":
        return [
            w
            for line in _lines(cell.words)
            if _slot(rows, _mid(line, 1), cell.row, cell.row_span) == r
            and _slot(cols, _mid(line, 0), cell.col, cell.col_span) == c
            for w in line
        ]
    return list(cell.words) if keep[mode] else []


def _lines(words: list[Word]) -> list[list[Word]]:
    """A cell's words by visual line: a line of text stays whole wherever it is placed."""
    out: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        if out and abs(out[-1][0].yc - word.yc) < 0.5 * (word.bottom - word.top):
            out[-1].append(word)
        else:
            out.append([word])
    return out


def _mid(words: list[Word], axis: int) -> float:
    box = union_bbox([w.bbox for w in words])
    return (box[axis] + box[axis + 2]) / 2


def _slot(bounds: list[float], value: float, first: int, span: int) -> int:
    """The covered position (first .. first+span-1) whose extent holds `value`."""
    for k in range(first, first + span - 1):
        if value < bounds[k + 1]:
            return k
    return first + span - 1


def grid_lines(table: Table) -> tuple[list[float], list[float]]:
    """Row tops / column lefts (plus the far edge) from the cells that start there."""
    rows = [table.bbox[1]] * (table.n_rows + 1)
    cols = [table.bbox[0]] * (table.n_cols + 1)
    for r in range(table.n_rows):
        rows[r] = min((c.bbox[1] for c in table.cells if c.row == r), default=rows[r - 1])
    for k in range(table.n_cols):
        cols[k] = min((c.bbox[0] for c in table.cells if c.col == k), default=cols[k - 1])
    rows[table.n_rows], cols[table.n_cols] = table.bbox[3], table.bbox[2]
    return rows, cols
