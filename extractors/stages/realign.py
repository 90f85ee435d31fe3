"""A headerless continuation page whose table found fewer columns than the page before.

An unruled table's columns come from the figures under them; on a continuation page a
column that happens to be blank on every row there (基本支出 of function rows that are all
project money) is simply not found, so the page has fewer columns and cannot be joined.
The page layout is the same on both pages, so each of its columns is placed under the
earlier page's column its cells sit in, by x position; the blank columns come back empty.
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from extractors.model import Cell, Table
from extractors.stages.xcolumns import body_cells, centre, headerless_next_page

SLACK = 3.0  # points a cell may stick out of the earlier page's column extent


def realign_narrower(tables: list[Table]) -> list[Table]:
    """Tables in page order; a narrower headerless next-page table re-columned when every
    one of its columns falls inside a distinct column of the table before it."""
    out = list(tables)
    for i, (prev, cur) in enumerate(itertools.pairwise(tables)):
        if not _candidate(prev, cur):
            continue
        extents = _extents(prev)
        mapping = _column_map(extents, cur)
        if mapping is not None:
            # Cells of a column with no text at all have no place to go: left out.
            cells = [replace(c, col=mapping[c.col]) for c in cur.cells if c.col in mapping]
            cells += _blanks(cells, extents, set(mapping.values()))
            out[i + 1] = replace(cur, cells=cells, n_cols=prev.n_cols)
    return out


def _blanks(
    cells: list[Cell], extents: list[tuple[float, float] | None], filled: set[int]
) -> list[Cell]:
    """Empty cells where the page printed nothing, as the stream reader gives blank cells."""
    rows: dict[int, Cell] = {}
    for c in cells:
        rows.setdefault(c.row, c)
    out = []
    for row, ref in sorted(rows.items()):
        for col, e in enumerate(extents):
            if col not in filled and e is not None:
                bbox = (e[0], ref.bbox[1], e[1], ref.bbox[3])
                out.append(Cell(row=row, col=col, text="", bbox=bbox, page=ref.page))
    return out


def _candidate(prev: Table, cur: Table) -> bool:
    unruled = not prev.ruled and not cur.ruled
    return unruled and cur.n_cols < prev.n_cols and headerless_next_page(prev, cur)


def _extents(table: Table) -> list[tuple[float, float] | None]:
    """Per column, the x range its single-column body cells cover (None: never filled)."""
    out: list[tuple[float, float] | None] = [None] * table.n_cols
    for c in body_cells(table):
        if c.col_span != 1:
            continue
        seen = out[c.col]
        x0, x1 = c.bbox[0], c.bbox[2]
        out[c.col] = (x0, x1) if seen is None else (min(seen[0], x0), max(seen[1], x1))
    return out


def _column_map(extents: list[tuple[float, float] | None], cur: Table) -> dict[int, int] | None:
    """cur column -> earlier column; None unless every filled cell of a column lies in one
    and the same earlier column and the order of columns is kept."""
    mapping: dict[int, int] = {}
    for c in cur.cells:
        if not c.text.strip():
            continue
        if c.col_span != 1:
            return None
        home = _home(extents, centre(c))
        if home is None or mapping.setdefault(c.col, home) != home:
            return None
    if len(mapping) != len({c.col for c in cur.cells if c.text.strip()}):
        return None
    order = [mapping[k] for k in sorted(mapping)]
    if any(b <= a for a, b in itertools.pairwise(order)):
        return None
    return mapping


def _home(extents: list[tuple[float, float] | None], x: float) -> int | None:
    homes = [
        i for i, e in enumerate(extents) if e is not None and e[0] - SLACK <= x <= e[1] + SLACK
    ]
    return homes[0] if len(homes) == 1 else None
