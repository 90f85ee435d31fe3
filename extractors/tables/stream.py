"""Unruled and three-line tables: rows are visual lines, columns are the x-gaps between words.

Used where the page's rulings make no grid.  Works the same on OCR words.
"""

from __future__ import annotations

import re
from statistics import median

from extractors.model import BBox, Cell, Line, Page, Table, Word, union_bbox
from extractors.tables.cells import make_cell

NUMBER = re.compile(r"^[-−]?(\d{1,3}([,，]\d{3})+|\d+)(\.\d+)?%?$")
# Dot leaders ("Total . . . . 10,690") guide the eye from a label to its figures; they are
# no column of their own.
LEADER = re.compile(r"^[\s.．·…]*[.．·…][\s.．·…]*$")
COLUMN_GAP = 9.0  # points between two words that are in different columns
MAX_HEADER_LINES = 4
ATTACH_REACH = 120.0  # points from a header label's edge to the nearest of its figures


def stream_tables(
    page: Page, lines: list[Line], taken: list[BBox], first_index: int
) -> list[Table]:
    free = [ln for ln in lines if not any(_overlaps(ln.bbox, box) for box in taken)]
    tables: list[Table] = []
    for block in _blocks(free):
        table = _build(page, block, first_index + len(tables))
        if table is not None:
            tables.append(table)
    return tables


def _is_numeric_row(line: Line) -> bool:
    return _columns_in(line) >= 2 and any(NUMBER.match(w.text) for w in line.words)


def _columns_in(line: Line) -> int:
    count = 1
    for prev, word in zip(line.words, line.words[1:], strict=False):
        if word.x0 - prev.x1 >= COLUMN_GAP:
            count += 1
    return count


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines with several columns, at least two of them carrying numbers."""
    heights = [ln.bbox[3] - ln.bbox[1] for ln in lines] or [10.0]
    max_gap = 2.5 * median(heights)
    blocks: list[list[Line]] = []
    run: list[Line] = []
    pending: list[Line] = []  # one-cell lines inside a table (a label centred on merged rows)
    for line in lines:
        multi = _columns_in(line) >= 2 or (run and _is_numeric_row(line))
        last = (pending or run)[-1] if run else None
        close = last is None or line.bbox[1] - last.bbox[3] <= max_gap
        if multi and close:
            run.extend(pending)
            run.append(line)
            pending = []
        elif run and close and len(pending) < 2:
            pending.append(line)
        else:
            blocks.append(run)
            run, pending = ([line] if multi else []), []
    blocks.append(run)
    return _with_detached_headers(blocks, max_gap)


def _with_detached_headers(blocks: list[list[Line]], max_gap: float) -> list[list[Line]]:
    """Tables, each with its header: a header set apart from the body by blank lines (a
    three-line table's top rule) is a short run of label lines right above a body that
    starts with figures."""
    out: list[list[Line]] = []
    previous: list[Line] = []
    for block in blocks:
        if sum(_is_numeric_row(ln) for ln in block) < 2:
            previous = block
            continue
        header_only = 0 < len(previous) <= MAX_HEADER_LINES and not any(
            _is_numeric_row(ln) for ln in previous
        )
        near = bool(previous) and block[0].bbox[1] - previous[-1].bbox[3] <= 2.5 * max_gap
        if _is_numeric_row(block[0]) and header_only and near:
            block = previous + block
        out.append(block)
        previous = []
    return out


def _column_bounds(body: list[Line]) -> list[tuple[float, float]]:
    intervals = sorted((w.x0, w.x1) for ln in body for w in ln.words if not LEADER.match(w.text))
    merged: list[list[float]] = []
    for x0, x1 in intervals:
        if merged and x0 <= merged[-1][1] + 1.0:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [(a, b) for a, b in merged]


def _build(page: Page, block: list[Line], index: int) -> Table | None:
    first_numeric = next(i for i, ln in enumerate(block) if _is_numeric_row(ln))
    header = block[max(0, first_numeric - MAX_HEADER_LINES) : first_numeric]
    body = block[first_numeric:]
    bounds = _with_header_columns(
        _column_bounds([ln for ln in body if _is_numeric_row(ln)]), header
    )
    if len(bounds) < 2:
        return None
    cells: list[Cell] = []
    for row, line in enumerate(header):
        cells.extend(_header_cells(page.number, row, line, header[row + 1 :], bounds))
    body_rows = _join_wrapped([_row_cells(page.number, 0, line, bounds) for line in body], bounds)
    for row, row_cells in enumerate(body_rows, start=len(header)):
        for cell in row_cells:
            cell.row = row
        cells.extend(row_cells)
    all_words = [w for ln in header + body for w in ln.words]
    return Table(
        table_id=f"p{page.number}-t{index}",
        pages=[page.number],
        bbox=union_bbox([w.bbox for w in all_words]),
        cells=cells,
        n_rows=len(header) + len(body_rows),
        n_cols=len(bounds),
        engine="stream",
        ruled=False,
    )


def _with_header_columns(
    bounds: list[tuple[float, float]], header: list[Line]
) -> list[tuple[float, float]]:
    """Columns that are empty in every body row still have a header label: keep them.

    A label that merely sits off its figures (centred over right-aligned amounts) is no
    column of its own: a label that overlaps no column belongs to the nearest column no
    other label of its line claims.  A label left without one makes a column if it is on
    the line right above the body; higher up (groups: 本年预算 over 合计/基本/项目, wrapped
    label parts) only outside every column found, since groups span columns later."""
    if not header or not bounds:
        return sorted(bounds)
    left, right = min(a for a, _ in bounds), max(b for _, b in bounds)
    out = list(bounds)
    extra: list[tuple[float, float]] = []
    # Bottom up: the labels right above the figures first, so that a column's extent takes
    # its label in before the group labels above are centred over the columns.
    for depth, line in reversed(list(enumerate(header))):
        leaf = depth == len(header) - 1
        out, loose = _attach_labels(out, line)
        extra += [(a, b) for a, b in loose if leaf or b < left or a > right]
    return sorted(out + extra)


def _attach_labels(
    bounds: list[tuple[float, float]], line: Line
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """Each label overlapping no column joins the nearest column no other label of the line
    claims; that column then spans the label where it can without touching a neighbour (a
    group label centred over several columns cannot).  The rest are returned loose."""
    out = list(bounds)
    claimed = {i for w in line.words for i, (a, b) in enumerate(out) if w.x0 < b and w.x1 > a}
    loose = [w for w in line.words if not any(w.x0 < b and w.x1 > a for a, b in out)]
    nearest = {id(w): _nearest_by_gap(w, out) for w in loose}
    unclaimed: list[tuple[float, float]] = []
    for word in sorted(loose, key=lambda w: nearest[id(w)][1]):
        i, gap = nearest[id(word)]
        if i in claimed or gap > ATTACH_REACH:
            unclaimed.append((word.x0, word.x1))
            continue
        claimed.add(i)
        wider = (min(out[i][0], word.x0), max(out[i][1], word.x1))
        left_ok = i == 0 or out[i - 1][1] < wider[0]
        right_ok = i == len(out) - 1 or wider[1] < out[i + 1][0]
        if left_ok and right_ok:
            out[i] = wider
    return out, unclaimed


def _nearest_by_gap(word: Word, bounds: list[tuple[float, float]]) -> tuple[int, float]:
    """The column whose figures come closest to the label's edge.  A label centred in its
    cell is always nearer its own figures, left- or right-aligned, than its neighbour's."""
    gaps = [max(a - word.x1, word.x0 - b, 0.0) for a, b in bounds]
    best = min(range(len(bounds)), key=lambda i: gaps[i])
    return best, gaps[best]


def _header_cells(
    page: int, row: int, line: Line, below: list[Line], bounds: list[tuple[float, float]]
) -> list[Cell]:
    """Header words; a group label centred over several columns spans them."""
    spans: dict[tuple[int, int], list[Word]] = {}
    centres = [w.xc for w in line.words]
    for word in line.words:
        span = _group_span(word, centres, bounds) if below else None
        spans.setdefault(span or _span_of(word, bounds), []).append(word)
    cells = []
    for (first, last), group in sorted(spans.items()):
        cell = make_cell(row, first, group, (0.0, 0.0, 0.0, 0.0), page)
        cell.col_span = last - first + 1
        cells.append(cell)
    return cells


def _group_span(
    word: Word, centres: list[float], bounds: list[tuple[float, float]]
) -> tuple[int, int] | None:
    """The widest run of columns centred on the label, none of them nearer another label."""

    def nearest_distance(a: float, b: float) -> float:
        return min(abs(c - (a + b) / 2) for c in centres)

    # A column equally far from two labels may belong to either: both may try it.
    mine = [
        i
        for i, (a, b) in enumerate(bounds)
        if abs(word.xc - (a + b) / 2) <= nearest_distance(a, b) + 2.0
    ]
    best: tuple[int, int] | None = None
    for first in mine:
        for last in mine:
            if last < first or any(i not in mine for i in range(first, last + 1)):
                continue
            left, right = bounds[first][0], bounds[last][1]
            centred = abs((left + right) / 2 - word.xc) <= max(8.0, 0.06 * (right - left))
            if centred and (best is None or last - first > best[1] - best[0]):
                best = (first, last)
    return best if best is not None and best[1] > best[0] else None


def _join_wrapped(rows: list[list[Cell]], bounds: list[tuple[float, float]]) -> list[list[Cell]]:
    """A line holding only text, in columns that are empty on the next line, is the first
    line of a cell that wrapped (a long project name): it belongs to the next row."""
    out: list[list[Cell]] = []
    pending: list[Cell] | None = None
    for row in rows:
        if _text_only(row) and not _full_width(row, bounds) and out:
            _append_or_keep(out, row, bounds)
            continue
        if pending is not None and _fills(pending, row):
            row = _merge(pending, row)
            pending = None
        elif pending is not None:
            _append_or_keep(out, pending, bounds)
            pending = None
        if _text_only(row) and _full_width(row, bounds):
            pending = row
        else:
            out.append(row)
    if pending is not None:
        _append_or_keep(out, pending, bounds)
    return out


def _full_width(row: list[Cell], bounds: list[tuple[float, float]]) -> bool:
    """Text that fills its column ran out of room: the cell wraps onto another line."""
    for cell in row:
        if cell.text.strip() and cell.words:
            used = max(w.x1 for w in cell.words) - min(w.x0 for w in cell.words)
            first, last = (
                bounds[cell.col],
                bounds[min(len(bounds) - 1, cell.col + cell.col_span - 1)],
            )
            if used < 0.8 * (last[1] - first[0]):
                return False
    return True


def _append_or_keep(
    out: list[list[Cell]], tail: list[Cell], bounds: list[tuple[float, float]]
) -> None:
    """The last line of a wrapped cell ("…宣传费" / "用"): continue the text above."""
    previous = out[-1] if out else None
    filled = [c for c in tail if c.text.strip()]
    above = {c.col: c for c in previous or [] if c.text.strip()}
    # Only a data row's text wraps into a line of its own; label rows are separate rows.
    has_numbers = any(NUMBER.match(c.text.strip()) for c in previous or [])
    cells_above = [above[c.col] for c in filled if c.col in above]
    wrapped = has_numbers and _full_width(cells_above, bounds)
    if previous is None or not all(c.col in above for c in filled) or not wrapped:
        out.append(tail)
        return
    for cell in filled:
        target = above[cell.col]
        merged = make_cell(
            target.row, target.col, [*target.words, *cell.words], target.bbox, target.page
        )
        merged.col_span = target.col_span
        previous[previous.index(target)] = merged


def _text_only(row: list[Cell]) -> bool:
    filled = [c for c in row if c.text.strip()]
    return len(filled) == 1 and not NUMBER.match(filled[0].text.strip())


def _fills(first: list[Cell], second: list[Cell]) -> bool:
    empty_below = {c.col for c in second if not c.text.strip()}
    has_numbers = any(NUMBER.match(c.text.strip()) for c in second)
    return has_numbers and all(c.col in empty_below for c in first if c.text.strip())


def _merge(first: list[Cell], second: list[Cell]) -> list[Cell]:
    by_col = {c.col: c for c in first if c.text.strip()}
    out = []
    for cell in second:
        above = by_col.get(cell.col)
        if above is not None and not cell.text.strip():
            out.append(make_cell(0, cell.col, above.words, (0.0, 0.0, 0.0, 0.0), above.page))
            out[-1].col_span = above.col_span
        else:
            out.append(cell)
    return out


def _row_cells(page: int, row: int, line: Line, bounds: list[tuple[float, float]]) -> list[Cell]:
    groups: dict[tuple[int, int], list[Word]] = {}
    for word in line.words:
        if LEADER.match(word.text) and not _within(word, bounds):
            continue
        span = _span_of(word, bounds)
        groups.setdefault(span, []).append(word)
    cells = []
    covered: set[int] = set()
    for (first, last), group in sorted(groups.items()):
        cell = make_cell(row, first, group, (0.0, 0.0, 0.0, 0.0), page)
        cell.col_span = last - first + 1
        covered.update(range(first, last + 1))
        cells.append(cell)
    top, bottom = line.bbox[1], line.bbox[3]
    for col, (a, b) in enumerate(bounds):
        if col not in covered:  # a blank cell in a stated column: a stated zero downstream
            cells.append(make_cell(row, col, [], (a, top, b, bottom), page))
    return cells


def _span_of(word: Word, bounds: list[tuple[float, float]]) -> tuple[int, int]:
    hit = [i for i, (a, b) in enumerate(bounds) if word.x0 < b and word.x1 > a]
    if not hit:
        nearest = min(range(len(bounds)), key=lambda i: _distance(word, bounds[i]))
        return nearest, nearest
    return hit[0], hit[-1]


def _within(word: Word, bounds: list[tuple[float, float]]) -> bool:
    return any(word.x0 < b and word.x1 > a for a, b in bounds)


def _distance(word: Word, bound: tuple[float, float]) -> float:
    return min(abs(word.xc - bound[0]), abs(word.xc - bound[1]))


def _overlaps(a: BBox, b: BBox) -> bool:
    return a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]
