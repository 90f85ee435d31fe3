"""Borderless grids of short labels or codes with no figures (A1 B1 C1 / C2 D2 …).

The unruled engine (stream.py) starts a table at its rows of figures; a grid whose cells
are all words is left to this finder: a run of lines, each set out in separate short
pieces, whose pieces stack into the same columns on every line.  A line with a figure in a
cell of its own is never part of one, so no value a budget mapping reads can come from here.
"""

from __future__ import annotations

from statistics import median

from extractors.model import BBox, Cell, Line, Page, Table, Word, union_bbox
from extractors.tables.cells import make_cell
from extractors.tables.stream import free_lines
from extractors.tables.stream_blocks import COLUMN_GAP, NUMBER

MIN_LINES = 4
MIN_COLUMNS = 3
# A cell of a label grid is a code or a short name; prose set in columns has longer runs.
MAX_CELL_WORDS = 3
Piece = list[Word]


def token_grids(page: Page, lines: list[Line], taken: list[BBox], first_index: int) -> list[Table]:
    tables: list[Table] = []
    for run in _runs(free_lines(lines, taken)):
        table = _grid(page, run, first_index + len(tables))
        if table is not None:
            tables.append(table)
    return tables


def pieces(line: Line) -> list[Piece]:
    """The line cut where two words stand a column gap apart."""
    out: list[Piece] = []
    for word in line.words:
        if out and word.x0 - out[-1][-1].x1 < COLUMN_GAP:
            out[-1].append(word)
        else:
            out.append([word])
    return out


def _runs(lines: list[Line]) -> list[list[Line]]:
    heights = [ln.bbox[3] - ln.bbox[1] for ln in lines] or [10.0]
    max_gap = 2.5 * median(heights)
    runs: list[list[Line]] = [[]]
    for line in lines:
        cut = pieces(line)
        fits = (
            len(cut) >= 2
            and all(len(p) <= MAX_CELL_WORDS for p in cut)
            and not any(NUMBER.match("".join(w.text for w in p)) for p in cut)
        )
        close = not runs[-1] or line.bbox[1] - runs[-1][-1].bbox[3] <= max_gap
        if fits and close:
            runs[-1].append(line)
        elif fits:
            runs.append([line])
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if len(r) >= MIN_LINES]


def _grid(page: Page, run: list[Line], index: int) -> Table | None:
    cut = [pieces(ln) for ln in run]
    columns = _columns([p for line in cut for p in line])
    if len(columns) < MIN_COLUMNS:
        return None
    cells: list[Cell] = []
    for row, line in enumerate(cut):
        cols = [_column_of(columns, piece) for piece in line]
        if len(set(cols)) < len(cols):  # two pieces of one line in one column: not a grid
            return None
        cells += [
            make_cell(row, c, p, (0.0, 0.0, 0.0, 0.0), page.number)
            for c, p in zip(cols, line, strict=True)
        ]
    return Table(
        table_id=f"p{page.number}-t{index}",
        pages=[page.number],
        bbox=union_bbox([ln.bbox for ln in run]),
        cells=cells,
        n_rows=len(run),
        n_cols=len(columns),
        engine="stream",
        ruled=False,
    )


def _columns(all_pieces: list[Piece]) -> list[tuple[float, float]]:
    spans = sorted((p[0].x0, p[-1].x1) for p in all_pieces)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def _column_of(columns: list[tuple[float, float]], piece: Piece) -> int:
    x0 = piece[0].x0
    return next(k for k, (a, b) in enumerate(columns) if a <= x0 <= b)
