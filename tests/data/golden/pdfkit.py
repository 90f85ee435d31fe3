"""Small drawing kit for the golden PDFs: CJK font, pages (incl. /Rotate 90), flowing
narrative text and grid tables with merged cells, ruled or three-line.

Only reportlab's canvas is used, so every line and glyph position is under our control and
the output is byte-for-byte reproducible (`invariant=1`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

FONT = "CJK"

# TrueType CJK fonts (glyf outlines: reportlab cannot embed CFF/OpenType like Noto CJK).
FONT_CANDIDATES: tuple[tuple[str, int, str], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "fonts-wqy-zenhei"),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0, "fonts-wqy-microhei"),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0, "fonts-arphic-uming"),
)


def register_font() -> str:
    """Register the first CJK TrueType font found; return its path."""
    override = os.environ.get("GOLDEN_CJK_FONT")
    candidates = ((override, 0, "?"),) if override else FONT_CANDIDATES
    for path, index, _package in candidates:
        if path and os.path.exists(path):
            pdfmetrics.registerFont(TTFont(FONT, path, subfontIndex=index))
            return path
    raise SystemExit(
        "No CJK TrueType font found (looked for "
        + ", ".join(p for p, _, _ in FONT_CANDIDATES)
        + "). Install it with:  apt-get install -y fonts-wqy-zenhei"
        " (the corpus was built with fonts-wqy-zenhei; another font changes the bytes)."
    )


def text_width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT, size))


_TOKEN = re.compile(r"[0-9A-Za-z.,%≤≥<>\-+/()]+|\s+|.")
_NO_LINE_START = set("，。；：、）》”’％%!！?？")


def wrap(text: str, width: float, size: float) -> list[str]:
    """Greedy wrap for CJK text; runs of digits/latin (amounts!) are never broken."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for token in _TOKEN.findall(paragraph):
            if (line and token not in _NO_LINE_START
                    and text_width(line + token, size) > width):
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        lines.append(line.rstrip())
    return lines


# --------------------------------------------------------------------------- #
# Pages
# --------------------------------------------------------------------------- #

PORTRAIT = "portrait"
LANDSCAPE = "landscape"
ROTATED = "rotated"  # portrait MediaBox with /Rotate 90, drawn as a landscape page


class Doc:
    """A PDF being written; `new_page` gives display coordinates (origin bottom-left)."""

    def __init__(self, path: str, title: str) -> None:
        self.canvas = rl_canvas.Canvas(path, pagesize=A4, invariant=1)
        self.canvas.setTitle(title)
        self.canvas.setAuthor("BudgetLens golden corpus")
        self.page_no = 0
        self.width = 0.0
        self.height = 0.0
        self._open = False
        self._rotated = False

    def new_page(self, kind: str = PORTRAIT) -> None:
        self._close_page()
        self.page_no += 1
        c = self.canvas
        if kind == LANDSCAPE:
            c.setPageSize(landscape(A4))
            c.setPageRotation(0)
            self.width, self.height = landscape(A4)
        elif kind == ROTATED:
            w, h = A4
            # reportlab writes MediaBox [0 0 h w] swapped for /Rotate 90, i.e. the stored
            # page is portrait (w x h) while the size given here is the displayed one
            c.setPageSize((h, w))
            c.setPageRotation(90)
            c.saveState()
            # display (X, Y) on the page turned 90° clockwise -> stored (w - Y, X)
            c.transform(0, 1, -1, 0, w, 0)
            self.width, self.height = h, w
        else:
            c.setPageSize(A4)
            c.setPageRotation(0)
            self.width, self.height = A4
        self._rotated = kind == ROTATED
        self._open = True

    def _close_page(self) -> None:
        if not self._open:
            return
        self.text(self.width / 2, 28, f"- {self.page_no} -", 9, "center")
        if self._rotated:
            self.canvas.restoreState()
        self.canvas.showPage()
        self._open = False

    def save(self) -> None:
        self._close_page()
        self.canvas.save()

    # drawing primitives, display coordinates
    def text(self, x: float, y: float, s: str, size: float, align: str = "left") -> None:
        c = self.canvas
        c.setFont(FONT, size)
        if align == "center":
            c.drawCentredString(x, y, s)
        elif align == "right":
            c.drawRightString(x, y, s)
        else:
            c.drawString(x, y, s)

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.5) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, y0, x1, y1)


# --------------------------------------------------------------------------- #
# Narrative
# --------------------------------------------------------------------------- #

MARGIN = 56.0


@dataclass
class Narrative:
    """Flowing text on portrait pages: ("title" | "h1" | "h2" | "p", text) blocks."""

    blocks: list[tuple[str, str]] = field(default_factory=list)

    def add(self, kind: str, text: str) -> None:
        self.blocks.append((kind, text))


_STYLES = {"title": (17.0, 30.0, "center"), "h1": (14.0, 26.0, "center"),
           "h2": (12.0, 21.0, "left"), "p": (11.0, 19.0, "left")}


def draw_narrative(doc: Doc, narrative: Narrative) -> None:
    doc.new_page(PORTRAIT)
    y = doc.height - MARGIN
    for kind, text in narrative.blocks:
        size, leading, align = _STYLES[kind]
        width = doc.width - 2 * MARGIN
        indent = 2 * size if kind == "p" else 0.0
        lines = wrap(text, width - indent, size) if kind == "p" else [text]
        # paragraph wrap: first line indented by two characters, the rest flush
        if kind == "p" and len(lines) > 1:
            first = wrap(text, width - indent, size)[0]
            rest = wrap(text[len(first):].lstrip(), width, size)
            lines = [first, *rest]
        for i, line in enumerate(lines):
            if y < MARGIN + 30:
                doc.new_page(PORTRAIT)
                y = doc.height - MARGIN
            y -= leading
            if align == "center":
                doc.text(doc.width / 2, y, line, size, "center")
            else:
                doc.text(MARGIN + (indent if i == 0 else 0.0), y, line, size)
        y -= 4 if kind == "p" else 6


# --------------------------------------------------------------------------- #
# Tables
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Cell:
    text: str
    indent: float = 0.0  # points, for outline codes
    align: str | None = None  # overrides the column alignment


CellLike = str | Cell


@dataclass
class Table:
    """A grid. `rows` holds header rows first; `spans` are (row, col, nrows, ncols)."""

    widths: Sequence[float]  # relative column widths
    rows: Sequence[Sequence[CellLike]]
    header_rows: int
    align: str  # one letter per column: l / c / r
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    style: str = "ruled"  # ruled | three_line
    font_size: float = 8.0
    row_height: float = 15.0
    header_font_size: float | None = None

    def __post_init__(self) -> None:
        n = len(self.widths)
        assert len(self.align) == n, "align must have one letter per column"
        for i, row in enumerate(self.rows):
            assert len(row) == n, f"row {i} has {len(row)} cells, expected {n}"


def as_cell(c: CellLike) -> Cell:
    return c if isinstance(c, Cell) else Cell(c)


@dataclass
class _Layout:
    col_x: list[float]  # left edge of every column plus the right edge
    heights: list[float]
    owner: dict[tuple[int, int], tuple[int, int, int, int]]  # covered cell -> span


def _layout(t: Table, width: float, rows: list[int]) -> _Layout:
    total = sum(t.widths)
    col_x = [0.0]
    for w in t.widths:
        col_x.append(col_x[-1] + w * width / total)
    owner: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for r, c, nr, nc in t.spans:
        for rr in range(r, r + nr):
            for cc in range(c, c + nc):
                owner[(rr, cc)] = (r, c, nr, nc)
    heights = [t.row_height] * len(rows)
    index = {r: i for i, r in enumerate(rows)}

    def need(r: int, c: int, nc: int) -> float:
        size = _size(t, r)
        cell = as_cell(t.rows[r][c])
        w = col_x[c + nc] - col_x[c] - 4 - cell.indent
        n = len(wrap(cell.text, w, size)) if cell.text else 1
        return n * size * 1.25 + 4

    for r in rows:  # single-row cells grow their row
        for c in range(len(t.widths)):
            span = owner.get((r, c))
            if span and (span[0], span[1]) != (r, c):
                continue
            nr, nc = (span[2], span[3]) if span else (1, 1)
            if nr == 1:
                heights[index[r]] = max(heights[index[r]], need(r, c, nc))
    for r0, c0, nr, nc in t.spans:  # multi-row spans grow their last row
        if nr > 1 and r0 in index:
            have = sum(heights[index[r]] for r in range(r0, r0 + nr))
            lack = need(r0, c0, nc) - have
            if lack > 0:
                heights[index[r0 + nr - 1]] += lack
    return _Layout(col_x, heights, owner)


def _size(t: Table, r: int) -> float:
    if r < t.header_rows and t.header_font_size:
        return t.header_font_size
    return t.font_size


def table_height(t: Table, width: float, body: Sequence[int], header: bool = True) -> float:
    rows = (list(range(t.header_rows)) if header else []) + [t.header_rows + b for b in body]
    return sum(_layout(t, width, rows).heights)


def draw_table(doc: Doc, t: Table, x: float, top: float, width: float,
               body: Sequence[int] | None = None, header: bool = True) -> float:
    """Draw the header (optional) and the given body rows (0-based); return the bottom y."""
    if body is None:
        body = range(len(t.rows) - t.header_rows)
    rows = (list(range(t.header_rows)) if header else []) + [t.header_rows + b for b in body]
    lay = _layout(t, width, rows)
    row_top: dict[int, float] = {}
    y = top
    for r, h in zip(rows, lay.heights, strict=True):
        row_top[r] = y
        y -= h
    bottom = y
    row_h = dict(zip(rows, lay.heights, strict=True))
    for r in rows:
        for c in range(len(t.widths)):
            span = lay.owner.get((r, c))
            if span and (span[0], span[1]) != (r, c):
                continue
            nr, nc = (span[2], span[3]) if span else (1, 1)
            assert all(rr in row_top for rr in range(r, r + nr)), "span crosses a page break"
            h = sum(row_h[rr] for rr in range(r, r + nr))
            x0, x1 = x + lay.col_x[c], x + lay.col_x[c + nc]
            _draw_cell(doc, t, r, c, x0, row_top[r], x1 - x0, h)
            if t.style == "ruled":
                _box(doc, x0, row_top[r] - h, x1, row_top[r])
    if t.style == "three_line":
        doc.line(x, top, x + width, top, 1.3)
        if header:
            y_head = row_top[t.header_rows - 1] - row_h[t.header_rows - 1]
            doc.line(x, y_head, x + width, y_head, 0.6)
        doc.line(x, bottom, x + width, bottom, 1.3)
    return bottom


def _box(doc: Doc, x0: float, y0: float, x1: float, y1: float) -> None:
    doc.canvas.setLineWidth(0.5)
    doc.canvas.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)


def _draw_cell(doc: Doc, t: Table, r: int, c: int, x: float, top: float,
               w: float, h: float) -> None:
    cell = as_cell(t.rows[r][c])
    align = cell.align or ("c" if r < t.header_rows else t.align[c])
    draw_cell_text(doc, cell, _size(t, r), align, x, top, w, h)


def draw_cell_text(doc: Doc, cell: Cell, size: float, align: str, x: float, top: float,
                   w: float, h: float) -> None:
    """A cell's text wrapped to its width, centred in its height, aligned l / c / r."""
    if not cell.text:
        return
    room = w - 5 - cell.indent
    lines = wrap(cell.text, room, size)
    widest = max(text_width(line, size) for line in lines)
    if widest > room:  # an unbreakable amount wider than its column: print it smaller
        size *= room / widest
    leading = size * 1.25
    block = len(lines) * leading
    y = top - (h - block) / 2 - leading + (leading - size) / 2 + size * 0.18
    for line in lines:
        if align == "r":
            doc.text(x + w - 3, y, line, size, "right")
        elif align == "c":
            doc.text(x + w / 2, y, line, size, "center")
        else:
            doc.text(x + 3 + cell.indent, y, line, size)
        y -= leading


# --------------------------------------------------------------------------- #
# A standard table page: number, title, department + unit line, table
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class TableTitle:
    title: str
    number: str = ""  # "预算01表"
    department_line: str = ""  # "部门名称：平顶山市医疗保障局"
    unit_line: str = ""  # "单位：万元"
    note: str = ""  # printed under the table


def draw_title_block(doc: Doc, head: TableTitle, continued: bool = False) -> float:
    """Draw the page head of a table; return the y where the table starts."""
    y = doc.height - 42
    if head.number:
        doc.text(MARGIN - 16, y, head.number + ("（续表）" if continued else ""), 10)
    elif continued:
        doc.text(MARGIN - 16, y, "续表", 10)
    y -= 30
    doc.text(doc.width / 2, y, head.title, 15, "center")
    y -= 24
    if head.department_line:
        doc.text(MARGIN - 16, y, head.department_line, 9.5)
    if head.unit_line:
        doc.text(doc.width - MARGIN + 16, y, head.unit_line, 9.5, "right")
    return y - 8


def fit_table(t: Table, width: float, available: float) -> None:
    """Shrink row height and font until the whole table fits the available height."""
    body = range(len(t.rows) - t.header_rows)
    while table_height(t, width, body) > available:
        assert t.font_size > 5.5, "table cannot fit on one page"
        t.row_height *= 0.95
        t.font_size *= 0.97
        if t.header_font_size:
            t.header_font_size *= 0.97


def draw_table_page(doc: Doc, head: TableTitle, table: Table, kind: str = LANDSCAPE) -> None:
    doc.new_page(kind)
    top = draw_title_block(doc, head)
    width = doc.width - 2 * (MARGIN - 16)
    fit_table(table, width, top - 48 - (30 if head.note else 0))
    bottom = draw_table(doc, table, MARGIN - 16, top, width)
    if head.note:
        y = bottom - 14
        for line in wrap(head.note, width, 8.5):
            doc.text(MARGIN - 16, y, line, 8.5)
            y -= 12
