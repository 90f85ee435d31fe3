"""Draw a synthetic document to PDF: cover, narrative, one table after another.

Tables that do not fit a page are shrunk (split=none) or split where the split trait says,
the header repeated or not, optionally with the row at the page end broken in two (its
name finishes on the next page).  Wide tables take the orientation trait.
"""

from __future__ import annotations

from pathlib import Path

from tests.synth.document import Document
from tests.synth.kit import Cell, Doc, Grid, draw_grid, row_heights, wrap
from tests.synth.sheet import Sheet
from tests.synth.traits import Traits

MARGIN = 40.0
BOTTOM = 50.0
MIN_FONT = 6.0


def render(doc: Document, path: Path) -> list[range]:
    """Write the PDF; return the (1-based) pages of each sheet."""
    pdf = Doc(str(path), f"{doc.budget.department}{doc.budget.year}")
    _cover(pdf, doc.cover)
    if doc.paragraphs:
        _narrative(pdf, doc.paragraphs)
    pages: list[range] = []
    for i, sheet in enumerate(doc.sheets, 1):
        first = pdf.page_no + 1
        _table(pdf, doc, i, sheet)
        pages.append(range(first, pdf.page_no + 1))
    pdf.save()
    return pages


def _cover(pdf: Doc, lines: list[str]) -> None:
    pdf.new_page()
    y = pdf.height * 0.62
    for line in lines:
        pdf.text(pdf.width / 2, y, line, 24, "center")
        y -= 44


def _narrative(pdf: Doc, blocks: list[tuple[str, str]]) -> None:
    pdf.new_page()
    y = pdf.height - 60
    width = pdf.width - 2 * 56
    for kind, text in blocks:
        size = {"t": 16.0, "h": 12.5}.get(kind, 11.0)
        lines = wrap(text, width, size) if kind == "p" else [text]
        for line in lines:
            if y < 80:
                pdf.new_page()
                y = pdf.height - 60
            y -= size * 1.7
            x, align = (pdf.width / 2, "center") if kind == "t" else (56.0, "left")
            pdf.text(x, y, line, size, align)
        y -= 6


def _head(pdf: Doc, doc: Document, number: int, sheet: Sheet) -> float:
    """Table number, title, department and unit lines; the y where the table starts."""
    t = doc.traits
    y: float = pdf.height - 42
    pdf.text(MARGIN, y, f"表{number}", 10)
    title = sheet.title + (f"（单位：{t.unit}）" if t.unit_place == "title" else "")
    y -= 30
    pdf.text(pdf.width / 2, y, title, 15, "center")
    y -= 22
    pdf.text(MARGIN, y, f"单位名称：{doc.budget.department}", 9.5)
    if t.unit_place == "unit_line":
        pdf.text(pdf.width - MARGIN, y, f"单位：{t.unit}", 9.5, "right")
    return y - 8


def _notes(sheet: Sheet, t: Traits) -> list[str]:
    notes = [sheet.note] if sheet.note else []
    if t.unit_place == "footnote":
        notes.append(f"注：本表金额单位为{t.unit}。")
    return notes


def _table(pdf: Doc, doc: Document, number: int, sheet: Sheet) -> None:
    t = doc.traits
    orientation = t.orientation if sheet.wide else "portrait"
    pdf.new_page(orientation)
    top = _head(pdf, doc, number, sheet)
    width = pdf.width - 2 * MARGIN
    grid = sheet.grid
    notes = _notes(sheet, t)
    room = top - BOTTOM - 14 * len(notes)
    head = list(range(grid.header_rows))
    body = list(range(grid.header_rows, len(grid.rows)))
    splitting = sheet.long and t.split != "none"
    if not splitting:
        _shrink(grid, width, room)
    pages = _paginate(grid, width, room, head, body, first_share=0.55 if splitting else 1.0)
    if len(pages) > 1 and t.broken_row:
        pages = _break_row(grid, pages, sheet.name_col)
    y = top
    for i, rows in enumerate(pages):
        if i:
            pdf.new_page(orientation)
            y = pdf.height - 50
            if t.split != "no_header":
                pdf.text(MARGIN, y + 12, f"表{number}（续表）", 9.5)
        with_head = i == 0 or t.split != "no_header"
        y = draw_grid(pdf, grid, MARGIN, y, width, (head if with_head else []) + rows)
    for note in notes:
        for line in wrap(note, width, 8.5):
            y -= 13
            pdf.text(MARGIN, y, line, 8.5)


def _height(grid: Grid, width: float, rows: list[int]) -> float:
    return sum(row_heights(grid, width, rows)) if rows else 0.0


def _shrink(grid: Grid, width: float, room: float) -> None:
    rows = list(range(len(grid.rows)))
    while _height(grid, width, rows) > room and grid.font_size > MIN_FONT:
        grid.font_size *= 0.95
        grid.row_height *= 0.95


def _paginate(
    grid: Grid, width: float, room: float, head: list[int], body: list[int], first_share: float
) -> list[list[int]]:
    """Body rows per page: the first page holds at most `first_share` of them; no page
    break falls inside a span of body rows."""
    heights = dict(zip(head + body, row_heights(grid, width, head + body), strict=True))
    limit = room - sum(heights[r] for r in head)
    cap = max(1, round(len(body) * first_share))
    inside = {r for r0, _, nr, _ in grid.spans if r0 >= grid.header_rows
              for r in range(r0 + 1, r0 + nr)}  # fmt: skip
    pages: list[list[int]] = [[]]
    used = 0.0
    for r in body:
        full = used + heights[r] > limit or (len(pages) == 1 and len(pages[0]) >= cap)
        if full and pages[-1] and r not in inside:
            pages.append([])
            used = 0.0
        pages[-1].append(r)
        used += heights[r]
    return pages


def _break_row(grid: Grid, pages: list[list[int]], name_col: int) -> list[list[int]]:
    """The last row of page 1 keeps the first half of its name; a new row on page 2
    carries the rest (a cell broken by the page end)."""
    last = pages[0][-1]
    covered = any(r0 <= last < r0 + nr for r0, _, nr, _ in grid.spans if nr > 1)
    cell = grid.rows[last][name_col]
    cell = cell if isinstance(cell, Cell) else Cell(cell)
    if covered or len(cell.text) < 4:
        return pages
    cut = len(cell.text) // 2
    grid.rows[last][name_col] = Cell(cell.text[:cut], cell.indent, cell.align)
    extra: list[Cell | str] = [""] * len(grid.widths)
    extra[name_col] = Cell(cell.text[cut:], cell.indent, cell.align)
    grid.rows.insert(last + 1, extra)
    grid.spans[:] = [(r + (r > last), c, nr, nc) for r, c, nr, nc in grid.spans]
    shifted = [[r + (r > last) for r in page] for page in pages]
    shifted[1].insert(0, last + 1)
    return shifted
