"""Drawing kit of the synthetic generator: the golden kit's font, wrapping and pages
(tests/data/golden/pdfkit.py), plus grid tables with merged cells, ruled / three-line /
unruled, drawn row by row so a table can break across pages.

Only reportlab's canvas, `invariant=1`: the same seed gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4

from tests.data.golden import pdfkit
from tests.data.golden.pdfkit import FONT, Cell, CellLike, as_cell, draw_cell_text, text_width, wrap

__all__ = [
    "FONT",
    "Cell",
    "CellLike",
    "Doc",
    "Grid",
    "draw_grid",
    "row_heights",
    "text_width",
    "wrap",
]

_registered: list[str] = []


class Doc(pdfkit.Doc):
    """The golden kit's page writer, with the font registered once per process."""

    def __init__(self, path: str, title: str) -> None:
        if not _registered:
            _registered.append(pdfkit.register_font())
        super().__init__(path, title)
        self.canvas.setAuthor("BudgetLens synthetic corpus")
        self.width, self.height = float(A4[0]), float(A4[1])


@dataclass
class Grid:
    """Header rows first; `spans` are (row, col, nrows, ncols); `align` one of l/c/r per col."""

    widths: Sequence[float]
    rows: list[list[CellLike]]
    header_rows: int
    align: str
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    style: str = "ruled"  # ruled | three_line | unruled
    font_size: float = 8.0
    row_height: float = 15.0


def _columns(t: Grid, width: float) -> list[float]:
    total = sum(t.widths)
    col_x = [0.0]
    for w in t.widths:
        col_x.append(col_x[-1] + w * width / total)
    return col_x


def _owners(t: Grid) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    owner = {}
    for r, c, nr, nc in t.spans:
        for rr in range(r, r + nr):
            for cc in range(c, c + nc):
                owner[(rr, cc)] = (r, c, nr, nc)
    return owner


def row_heights(t: Grid, width: float, rows: Sequence[int]) -> list[float]:
    """Each row grows to hold its wrapped text; a multi-row span grows its last row."""
    col_x, owner = _columns(t, width), _owners(t)
    index = {r: i for i, r in enumerate(rows)}
    heights = [t.row_height] * len(rows)

    def need(r: int, c: int, nc: int) -> float:
        cell = as_cell(t.rows[r][c])
        w = col_x[c + nc] - col_x[c] - 5 - cell.indent
        n = len(wrap(cell.text, w, t.font_size)) if cell.text else 1
        return n * t.font_size * 1.25 + 4

    for r in rows:
        for c in range(len(t.widths)):
            span = owner.get((r, c), (r, c, 1, 1))
            if span[:2] == (r, c) and span[2] == 1:
                heights[index[r]] = max(heights[index[r]], need(r, c, span[3]))
    for r0, c0, nr, nc in t.spans:
        if nr > 1 and r0 in index and r0 + nr - 1 in index:
            lack = need(r0, c0, nc) - sum(heights[index[r]] for r in range(r0, r0 + nr))
            if lack > 0:
                heights[index[r0 + nr - 1]] += lack
    return heights


def draw_grid(doc: Doc, t: Grid, x: float, top: float, width: float, rows: Sequence[int]) -> float:
    """Draw the given rows (header and body indices into t.rows); return the bottom y."""
    col_x, owner = _columns(t, width), _owners(t)
    heights = dict(zip(rows, row_heights(t, width, rows), strict=True))
    row_top: dict[int, float] = {}
    y = top
    for r in rows:
        row_top[r] = y
        y -= heights[r]
    for r in rows:
        for c in range(len(t.widths)):
            r0, c0, nr, nc = owner.get((r, c), (r, c, 1, 1))
            if (r0, c0) != (r, c):
                continue
            h = sum(heights.get(rr, 0.0) for rr in range(r, r + nr))
            x0, x1 = x + col_x[c], x + col_x[c + nc]
            _draw_cell(doc, t, r, c, x0, row_top[r], x1 - x0, h)
            if t.style == "ruled":
                doc.canvas.setLineWidth(0.5)
                doc.canvas.rect(x0, row_top[r] - h, x1 - x0, h, stroke=1, fill=0)
    if t.style == "three_line":
        doc.line(x, top, x + width, top, 1.3)
        head = [r for r in rows if r < t.header_rows]
        if head:
            doc.line(
                x,
                row_top[head[-1]] - heights[head[-1]],
                x + width,
                row_top[head[-1]] - heights[head[-1]],
                0.6,
            )
        doc.line(x, y, x + width, y, 1.3)
    return y


def _draw_cell(doc: Doc, t: Grid, r: int, c: int, x: float, top: float, w: float, h: float) -> None:
    cell = as_cell(t.rows[r][c])
    align = cell.align or ("c" if r < t.header_rows else t.align[c])
    draw_cell_text(doc, cell, t.font_size, align, x, top, w, h)
