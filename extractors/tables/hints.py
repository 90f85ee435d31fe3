"""What a caller already knows about a page's tables, passed to `find_tables` as keywords.

Nothing here is guessed: every hint is the caller's word, so none of it changes the default
path (budget tables are found without hints).  Coordinates are ours: PDF points of the
displayed page, origin top-left, (x0, top, x1, bottom).

- areas: each box holds exactly one table, every word in it belongs to that table (titles
  and notes inside the box included);
- regions: tables are looked for only inside these boxes, as on a page of their own;
- columns: the x positions between columns, for unruled tables (inside the areas or
  regions, else over the whole page);
- row_tol: lines whose tops are this close (points) share a row of a table built from
  `columns` or an area (a header word set between two header lines joins the first);
- edge_tol: unruled tables found less than this many points apart (the labels between
  them included) are one table, and lines up to this far above and below it belong to it;
- span_text: where a merged cell's text goes in the flattened grid (extractors/tables/spans).
"""

from __future__ import annotations

import itertools
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from extractors.model import BBox, Cell, Line, Page, Ruling, Table, Word, union_bbox
from extractors.tables.cells import inside, make_cell
from extractors.tables.lines import group_lines
from extractors.tables.spans import SpanText

Engine = Callable[[Page, list[Line]], list[Table]]
_RULING_SLACK = 2.0


@dataclass(frozen=True, slots=True)
class TableHints:
    areas: tuple[BBox, ...] = ()
    regions: tuple[BBox, ...] = ()
    columns: tuple[float, ...] = ()
    row_tol: float = 0.0
    edge_tol: float = 0.0
    span_text: SpanText = "top_left"

    @property
    def locate(self) -> bool:
        """Whether the hints say where tables are (else the engine finds them alone)."""
        return bool(self.areas or self.regions or self.columns or self.edge_tol)


def hinted_tables(page: Page, engine: Engine, hints: TableHints) -> list[Table]:
    tables: list[Table] = []
    for region in hints.regions:
        sub = crop(page, region)
        lines = group_lines(sub.words, page.number)
        if hints.columns:
            tables += _one(sub, _rows(lines, hints.row_tol), sorted(hints.columns), len(tables) + 1)
        else:
            tables += engine(sub, lines)
    areas = hints.areas
    if not areas and not hints.regions and hints.edge_tol:
        areas = _stretched(page, engine(page, group_lines(page.words, page.number)), hints.edge_tol)
    elif not areas and not hints.regions:  # columns alone: the page is the table's area
        areas = ((0.0, 0.0, page.width, page.height),)
    for area in areas:
        sub = crop(page, area)
        lines = group_lines(sub.words, page.number)
        if hints.edge_tol and not hints.areas:  # a stretched box: lines beyond its sides
            lines = [ln for ln in lines if _within_sides(ln, area)]  # are not the table's
        found = [] if hints.columns else engine(sub, lines)
        ruled = [t for t in found if t.ruled]
        if ruled:  # a grid drawn in the area says where its rows and columns are
            tables += ruled
            continue
        separators = sorted(hints.columns) or _found_separators(found)
        tables += _one(sub, _rows(lines, hints.row_tol), separators, len(tables) + 1)
    return tables


def _rows(lines: list[Line], tolerance: float) -> list[Line]:
    out: list[Line] = []
    for line in lines:
        if out and line.bbox[1] - out[-1].bbox[1] <= tolerance:
            out[-1] = Line(line.page, sorted([*out[-1].words, *line.words], key=lambda w: w.x0))
        else:
            out.append(line)
    return out


def _stretched(page: Page, found: list[Table], tolerance: float) -> tuple[BBox, ...]:
    """The boxes of the unruled tables chained less than `tolerance` apart, each stretched
    up and down by it (camelot's edge_tol)."""
    boxes: list[BBox] = []
    for table in sorted((t for t in found if not t.ruled), key=lambda t: t.bbox[1]):
        if boxes and table.bbox[1] - boxes[-1][3] <= tolerance:
            boxes[-1] = union_bbox([boxes[-1], table.bbox])
        else:
            boxes.append(table.bbox)
    return tuple(
        (x0, max(0.0, top - tolerance), x1, min(page.height, bottom + tolerance))
        for x0, top, x1, bottom in boxes
    )


def _within_sides(line: Line, box: BBox) -> bool:
    return line.bbox[0] >= box[0] - _RULING_SLACK and line.bbox[2] <= box[2] + _RULING_SLACK


def crop(page: Page, box: BBox) -> Page:
    """The page reduced to the words whose centre is in `box` and the rulings that touch it."""
    words = [w for w in page.words if inside(w, box, slack=0.0)]
    rulings = [r for r in (_clip(r, box) for r in page.rulings) if r is not None]
    return replace(page, words=words, rulings=rulings)


def _clip(ruling: Ruling, box: BBox) -> Ruling | None:
    s = _RULING_SLACK
    x0, x1 = max(ruling.x0, box[0] - s), min(ruling.x1, box[2] + s)
    top, bottom = max(ruling.top, box[1] - s), min(ruling.bottom, box[3] + s)
    if x0 > x1 or top > bottom:
        return None
    return Ruling(x0, top, x1, bottom)


def _found_separators(found: list[Table]) -> list[float]:
    """Column separators most of the tables found in the area share: the middle of a gap
    between two columns of one table that falls in a column gap of most others (one table
    splitting a long label in two does not split the area's other rows)."""
    per_table = [_gaps(t) for t in found]
    out: list[float] = []
    for gap in sorted(g for gaps in per_table for g in gaps):
        x = (gap[0] + gap[1]) / 2
        votes = sum(any(a <= x <= b for a, b in gaps) for gaps in per_table)
        if 2 * votes > len(per_table) and not (out and gap[0] <= out[-1]):
            out.append(x)
    return out


def _gaps(table: Table) -> list[tuple[float, float]]:
    """(right of column k-1, left of column k) for each pair of neighbouring columns."""
    edges = []
    for k in range(table.n_cols):
        words = [w for c in table.cells if c.col == k and c.col_span == 1 for w in c.words]
        if words:
            edges.append((min(w.x0 for w in words), max(w.x1 for w in words)))
    return [(left[1], right[0]) for left, right in itertools.pairwise(edges)]


def _one(page: Page, lines: list[Line], separators: list[float], index: int) -> list[Table]:
    """One table: a row per visual line, a word in the column its centre falls in."""
    if not lines:
        return []
    cells: list[Cell] = []
    for row, line in enumerate(lines):
        by_col: dict[int, list[Word]] = {}
        for word in line.words:
            by_col.setdefault(bisect_right(separators, word.xc), []).append(word)
        for col, words in sorted(by_col.items()):
            cells.append(make_cell(row, col, words, (0.0, 0.0, 0.0, 0.0), page.number))
    return [
        Table(
            table_id=f"p{page.number}-t{index}",
            pages=[page.number],
            bbox=union_bbox([ln.bbox for ln in lines]),
            cells=cells,
            n_rows=len(lines),
            n_cols=len(separators) + 1,
            engine="hints",
            ruled=False,
        )
    ]
