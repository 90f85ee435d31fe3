"""Ruled tables: a grid from the page's ruling lines, words placed by position.

The rulings come from the text layer (lines, thin rectangles, rectangle borders) or, on
scanned pages, from the image (ocr/rulings).  Merged cells are the rectangles that have no
inner ruling; their span follows from the grid positions they cover.
"""

from __future__ import annotations

from typing import Any

from pdfplumber.table import (
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)

from extractors.model import BBox, Cell, Page, Ruling, Table, Word, union_bbox
from extractors.tables.cells import cluster_positions, inside, make_cell, nearest_index
from extractors.tables.open_ends import close_open_ends

SNAP = 3.0
MIN_CELLS = 4


def ruled_tables(page: Page, first_index: int = 1) -> list[Table]:
    edges = _edges(page.rulings)
    if len(edges) < 4:
        return []
    edges = close_open_ends(merge_edges(edges, SNAP, SNAP, SNAP, SNAP), SNAP)
    edges = [e for e in edges if max(e["x1"] - e["x0"], e["bottom"] - e["top"]) >= 3]
    intersections = edges_to_intersections(edges, SNAP, SNAP)
    cell_groups = cells_to_tables(intersections_to_cells(intersections))
    tables: list[Table] = []
    for boxes in cell_groups:
        if len(boxes) < MIN_CELLS:
            continue
        table = grid_table(page, [_bbox(b) for b in boxes], first_index + len(tables))
        if table is not None:
            tables.append(table)
    return tables


def _bbox(box: Any) -> BBox:
    return (float(box[0]), float(box[1]), float(box[2]), float(box[3]))


def _edges(rulings: list[Ruling]) -> list[dict[str, Any]]:
    out = []
    for r in rulings:
        horizontal = r.horizontal
        out.append(
            {
                "x0": r.x0,
                "x1": r.x1,
                "top": r.top,
                "bottom": r.bottom,
                "width": r.x1 - r.x0,
                "height": r.bottom - r.top,
                "orientation": "h" if horizontal else "v",
                "object_type": "line",
            }
        )
    return out


def grid_table(page: Page, boxes: list[BBox], index: int) -> Table | None:
    xs = cluster_positions([b[0] for b in boxes] + [b[2] for b in boxes], 2.0)
    ys = cluster_positions([b[1] for b in boxes] + [b[3] for b in boxes], 2.0)
    bbox = union_bbox(boxes)
    words = [w for w in page.words if inside(w, bbox)]
    if not words:
        return None
    cells: list[Cell] = []
    for box in boxes:
        row, col = nearest_index(ys, box[1]), nearest_index(xs, box[0])
        row_end, col_end = nearest_index(ys, box[3]), nearest_index(xs, box[2])
        cell_words = [w for w in words if inside(w, box, slack=0.0)]
        cell = make_cell(row, col, cell_words, box, page.number)
        cell.row_span = max(1, row_end - row)
        cell.col_span = max(1, col_end - col)
        cells.append(cell)
    _claim_straddlers(cells, words)
    return Table(
        table_id=f"p{page.number}-t{index}",
        pages=[page.number],
        bbox=bbox,
        cells=cells,
        n_rows=len(ys) - 1,
        n_cols=len(xs) - 1,
        engine="grid",
        ruled=True,
    )


def _claim_straddlers(cells: list[Cell], words: list[Word]) -> None:
    """A word whose centre sits exactly on a ruling goes to the cell it overlaps most."""
    placed = {id(w) for c in cells for w in c.words}
    for word in words:
        if id(word) in placed:
            continue
        best = max(cells, key=lambda c: _overlap(word.bbox, c.bbox))
        if _overlap(word.bbox, best.bbox) > 0:
            best.words.append(word)
            best.text = make_cell(0, 0, best.words, best.bbox, best.page).text


def _overlap(a: BBox, b: BBox) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, w) * max(0.0, h)
