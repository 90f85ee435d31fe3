"""A headerless continuation page whose grid came out with other columns than the page before.

On a scan a ruling is found twice (noise, a skewed line read as two segments) or a faint
one is missed, so the same printed table gives 9 grid columns on one page and 8 or 10 on
the next; the continuation then cannot be joined and its rows are lost (measured on 150 dpi
scans of 西安 budgets: 3 of 4 multi-page tables, half of the economic rows).  The printed
layout is the same on both pages, so each filled cell of the continuation is placed under
the earlier page's column whose filled cells span its centre, after moving the page by the
offset between the two tables' outer edges (a scanned page sits a few points off).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from statistics import median

from extractors.model import Cell, Table
from extractors.stages.xcolumns import body_cells, centre, headerless_next_page
from extractors.tables.header import find_header
from extractors.tables.kinds import pick_title

SLACK = 2.0  # points a centre may fall outside an earlier column's extent
WIDTH_TOLERANCE = 0.03  # the two tables' widths agree to 3%: the same printed table

_CONTINUED = re.compile(r"续表|（续）|\(续\)|续上表")

# starting column -> (x0, x1, filled cells)
Extents = dict[int, tuple[float, float, int]]


def regrid_scanned(tables: list[Table]) -> list[Table]:
    """Tables in page order; each headerless next-page table with another column count
    re-columned onto the table before it when every filled cell finds exactly one column."""
    out = list(tables)
    labelled: dict[int, tuple[float, float]] = {}
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        # a chain of continuations keeps the labels of the page that printed the header
        labelled = _labelled_columns(prev) if find_header(prev).rows else labelled
        if not _candidate(prev, cur):
            continue
        shift = _shift(prev, cur)
        filled = _extents(prev)
        cells = _placed(filled, _with_labelled(filled, labelled), cur, shift)
        if cells is not None and (cur.n_cols != prev.n_cols or _moved(cur, cells)):
            out[i] = replace(cur, cells=cells, n_cols=prev.n_cols)
    return out


def _candidate(prev: Table, cur: Table) -> bool:
    width_prev, width_cur = prev.bbox[2] - prev.bbox[0], cur.bbox[2] - cur.bbox[0]
    same_width = abs(width_prev - width_cur) <= WIDTH_TOLERANCE * width_prev
    untitled = not pick_title(cur.context) or bool(_CONTINUED.search(" ".join(cur.context)))
    # scans only: a text layer's rulings are drawn, not found in noise
    scanned = any(c.method == "ocr" for c in cur.cells)
    return same_width and untitled and scanned and headerless_next_page(prev, cur)


def _moved(cur: Table, cells: list[Cell]) -> bool:
    """The same column count is no proof: a spurious ruling on each page, in other places,
    gives 10 and 10 columns that do not line up.  (Another count with no cell moved is a
    ruling missed right of every figure: the columns there are blank, and come back.)"""
    before = {(c.row, c.col) for c in cur.cells if c.text.strip()}
    return before != {(c.row, c.col) for c in cells if c.text.strip()}


def _shift(prev: Table, cur: Table) -> float:
    return ((cur.bbox[0] - prev.bbox[0]) + (cur.bbox[2] - prev.bbox[2])) / 2


def _extents(table: Table) -> Extents:
    """Per starting column, the x range of its filled body cells and how many there are (a
    column never filled, the grid's spurious split, has none)."""
    spans: dict[int, list[tuple[float, float]]] = {}
    for c in body_cells(table):
        spans.setdefault(c.col, []).append((c.bbox[0], c.bbox[2]))
    # medians, not the union: one cell merged across a ruling must not widen the column
    return {
        col: (median(x0 for x0, _ in xs), median(x1 for _, x1 in xs), len(xs))
        for col, xs in spans.items()
    }


def _with_labelled(filled: Extents, labelled: dict[int, tuple[float, float]]) -> Extents:
    """Where blank cells go: the filled columns, and a column blank on every row of the
    earlier page under its label (a figure never goes there: only blanks, as on that page)."""
    out = dict(filled)
    for col, (x0, x1) in labelled.items():
        out.setdefault(col, (x0, x1, 0))
    return out


def _labelled_columns(table: Table) -> dict[int, tuple[float, float]]:
    """Columns whose lowest header cell covers that column alone: a printed column (a
    spurious split of the grid shares its label with the column it was split from)."""
    rows = find_header(table).rows
    lowest: dict[int, Cell] = {}
    for c in table.cells:
        lower = c.col not in lowest or c.row > lowest[c.col].row
        if c.row < rows and c.text.strip() and c.col_span == 1 and lower:
            lowest[c.col] = c
    return {col: (c.bbox[0], c.bbox[2]) for col, c in lowest.items()}


def _placed(extents: Extents, blanks: Extents, cur: Table, shift: float) -> list[Cell] | None:
    homes: dict[tuple[int, int], list[Cell]] = {}
    for c in cur.cells:
        if not c.text.strip():
            continue
        home = _home(extents, centre(c) - shift)
        home = _overlapped(extents, c, shift) if home is None else home
        if home is None:
            return None
        homes.setdefault((c.row, home), []).append(c)
    if not _order_kept(homes):
        return None
    return [_merged(row, col, group) for (row, col), group in sorted(homes.items())] + _blanks(
        blanks, cur, shift, set(homes)
    )


def _blanks(extents: Extents, cur: Table, shift: float, filled: set[tuple[int, int]]) -> list[Cell]:
    """The page's empty cells stay empty cells (a blank printed cell is not an absent one),
    and each row gets one in every column where the page found none: a blank cell merged
    across a missed ruling, or a column the page left blank, is blank, not absent."""
    out: dict[tuple[int, int], Cell] = {}
    for c in cur.cells:
        home = None if c.text.strip() else _home(extents, centre(c) - shift)
        if home is not None and (c.row, home) not in filled:
            out.setdefault((c.row, home), replace(c, col=home, col_span=1))
    rows: dict[int, Cell] = {}
    for c in sorted(cur.cells, key=lambda c: c.col):
        rows.setdefault(c.row, c)
    for row, ref in rows.items():
        for col, (x0, x1, _) in extents.items():
            if (row, col) not in filled and (row, col) not in out:
                bbox = (x0 + shift, ref.bbox[1], x1 + shift, ref.bbox[3])
                out[row, col] = Cell(row=row, col=col, text="", bbox=bbox, page=ref.page)
    return list(out.values())


def _home(extents: Extents, x: float) -> int | None:
    """The column whose extent holds x; where a ruling split a column on some rows only,
    two extents hold it and the column most rows fill is the printed one."""
    found = sorted(
        (-n, col) for col, (x0, x1, n) in extents.items() if x0 - SLACK <= x <= x1 + SLACK
    )
    if len(found) > 1 and found[0][0] == found[1][0]:
        return None
    return found[0][1] if found else None


def _overlapped(extents: Extents, cell: Cell, shift: float) -> int | None:
    """A left-aligned label longer than most of its column's (公务用车运行维护费), or a class
    code printed left of the indented codes, has its centre outside the column's median
    extent but overlaps that column alone."""
    x0, x1 = cell.bbox[0] - shift, cell.bbox[2] - shift
    found = [col for col, (a, b, n) in extents.items() if n and min(b, x1) - max(a, x0) > 0]
    return found[0] if len(found) == 1 else None


def _order_kept(homes: dict[tuple[int, int], list[Cell]]) -> bool:
    """Within a row, cells keep their left-to-right order under their new columns."""
    by_row: dict[int, list[tuple[int, int]]] = {}
    for (row, col), group in homes.items():
        by_row.setdefault(row, []).extend((c.col, col) for c in group)
    for pairs in by_row.values():
        news = [new for _, new in sorted(pairs)]
        if any(b < a for a, b in itertools.pairwise(news)):
            return False
    return True


def _merged(row: int, col: int, group: list[Cell]) -> Cell:
    """Cells the spurious ruling split are one cell again, text in reading order."""
    group = sorted(group, key=lambda c: c.bbox[0])
    first = group[0]
    if len(group) == 1:
        return replace(first, col=col, col_span=1)
    bbox = (
        first.bbox[0],
        min(c.bbox[1] for c in group),
        max(c.bbox[2] for c in group),
        max(c.bbox[3] for c in group),
    )
    text = "".join(c.text for c in group)
    words = [w for c in group for w in c.words]
    return replace(first, col=col, col_span=1, text=text, bbox=bbox, words=words)
