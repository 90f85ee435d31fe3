"""Unruled tables set one under the other with the same columns and nothing but blank space
between them are one table: a price list's sections ("Les Blancs" … / "Les Rosés" …) leave
a few blank lines between them, wider than the gap that ends a table's run of lines.

A title, a note or any other line between the two keeps them apart (budget tables each
stand under their own title), and so do columns that do not line up.
"""

from __future__ import annotations

from extractors.model import Line, Table, union_bbox

# The blank space allowed between the two, in the upper table's line heights.
_MAX_GAP_LINES = 5.0


def join_stacked(tables: list[Table], lines: list[Line]) -> list[Table]:
    """`tables` from top to bottom of one page; the lower of two stacked ones joins the upper."""
    out: list[Table] = []
    for table in tables:
        if out and _stacked(out[-1], table, lines):
            _append(out[-1], table)
        else:
            out.append(table)
    return out


def _stacked(upper: Table, lower: Table, lines: list[Line]) -> bool:
    if upper.ruled or lower.ruled or upper.engine != "stream" or lower.engine != "stream":
        return False
    if upper.pages != lower.pages or upper.n_cols != lower.n_cols or upper.n_cols < 2:
        return False
    height = _line_height(upper)
    gap = lower.bbox[1] - upper.bbox[3]
    if height is None or not 0 < gap <= _MAX_GAP_LINES * height:
        return False
    left, right = min(upper.bbox[0], lower.bbox[0]), max(upper.bbox[2], lower.bbox[2])
    between = [
        ln
        for ln in lines
        if ln.bbox[1] >= upper.bbox[3] - 1 and ln.bbox[3] <= lower.bbox[1] + 1
        if ln.bbox[0] < right and ln.bbox[2] > left
    ]
    return not between and _columns_line_up(upper, lower)


def _columns_line_up(upper: Table, lower: Table) -> bool:
    spans_up, spans_low = _column_spans(upper), _column_spans(lower)
    for col in range(upper.n_cols):
        a, b = spans_up.get(col), spans_low.get(col)
        if a is None or b is None or a[0] >= b[1] or b[0] >= a[1]:
            return False
    return True


def _column_spans(table: Table) -> dict[int, tuple[float, float]]:
    """Each column's x extent over the one-column cells that hold words."""
    spans: dict[int, tuple[float, float]] = {}
    for cell in table.cells:
        if cell.col_span != 1 or not cell.words:
            continue
        x0, x1 = min(w.x0 for w in cell.words), max(w.x1 for w in cell.words)
        old = spans.get(cell.col, (x0, x1))
        spans[cell.col] = (min(old[0], x0), max(old[1], x1))
    return spans


def _line_height(table: Table) -> float | None:
    heights = sorted(w.bottom - w.top for c in table.cells for w in c.words)
    return heights[len(heights) // 2] if heights else None


def _append(upper: Table, lower: Table) -> None:
    for cell in lower.cells:
        cell.row += upper.n_rows
    upper.cells = [*upper.cells, *lower.cells]
    upper.n_rows += lower.n_rows
    upper.bbox = union_bbox([upper.bbox, lower.bbox])
    upper.notes = lower.notes
