"""A chart's tick and legend labels are not a table.

Around a line chart the labels stand in rows and columns (the y axis's ticks one under the
other, the x axis's dates in a row, a legend beside the plot), and its frame and gridlines
rule a grid: both finders see a table there.  Such a grid is mostly empty, and its box lies
over the plot's slanted lines and curves (extractors/backends/strokes.py); a table's cells
are mostly filled, and its strokes are straight (a slanted one in a corner header cell
covers a small share of it).
"""

from __future__ import annotations

from extractors.model import BBox, Page, Table, union_bbox

# A grid over a plot with fewer of its cells filled than this is the chart's labels.
_MAX_FILLED = 0.5
# The plot's strokes cover at least this share of the grid's box.
_MIN_COVER = 0.25


def chart_labels(table: Table, page: Page) -> bool:
    if not page.plot_strokes:
        return False
    filled = sum(1 for c in table.cells if c.text.strip())
    if filled >= _MAX_FILLED * max(1, table.n_rows * table.n_cols):
        return False
    inside = [_clip(b, table.bbox) for b in page.plot_strokes]
    boxes = [b for b in inside if b is not None]
    if not boxes:
        return False
    return _area(union_bbox(boxes)) >= _MIN_COVER * _area(table.bbox)


def _clip(box: BBox, frame: BBox) -> BBox | None:
    x0, top = max(box[0], frame[0]), max(box[1], frame[1])
    x1, bottom = min(box[2], frame[2]), min(box[3], frame[3])
    return (x0, top, x1, bottom) if x0 <= x1 and top <= bottom else None


def _area(box: BBox) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])
