"""An unruled table's body lines as rows of cells; a cell's wrapped text joins its row."""

from __future__ import annotations

import re

from extractors.model import Cell, Line, Word
from extractors.tables.cells import make_cell
from extractors.tables.stream_blocks import LEADER, NUMBER
from extractors.tables.wrap_room import own_row, row_pitch

# A line that opens with an item number (三、 / （二） / 4、) starts an item of its own.
_ITEM_START = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+、)")


def join_wrapped(rows: list[list[Cell]], bounds: list[tuple[float, float]]) -> list[list[Cell]]:
    """A line holding only text, in columns that are empty on the next line, is the first
    line of a cell that wrapped (a long project name): it belongs to the next row."""
    out: list[list[Cell]] = []
    pending: list[Cell] | None = None
    pitch = row_pitch(rows)
    for row in rows:
        if _text_only(row) and not _full_width(row, bounds) and out:
            _append_or_keep(out, row, bounds, pitch)
            continue
        if pending is not None and _fills(pending, row):
            row = _merge(pending, row)
            pending = None
        elif pending is not None:
            _append_or_keep(out, pending, bounds, pitch)
            pending = None
        if _text_only(row) and _full_width(row, bounds):
            pending = row
        else:
            out.append(row)
    if pending is not None:
        _append_or_keep(out, pending, bounds, pitch)
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
    out: list[list[Cell]], tail: list[Cell], bounds: list[tuple[float, float]], pitch: float | None
) -> None:
    """The last line of a wrapped cell ("…宣传费" / "用"): continue the text above."""
    previous = out[-1] if out else None
    filled = [c for c in tail if c.text.strip()]
    above = {c.col: c for c in previous or [] if c.text.strip()}
    # Only a data row's text wraps into a line of its own; label rows are separate rows.
    has_numbers = any(NUMBER.match(c.text.strip()) for c in previous or [])
    cells_above = [above[c.col] for c in filled if c.col in above]
    numbered = any(_ITEM_START.match(c.text.strip()) for c in filled)
    wrapped = has_numbers and _full_width(cells_above, bounds) and not numbered
    wrapped = wrapped and not own_row(previous or [], tail, bounds, pitch)
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


def line_cells(page: int, row: int, line: Line, bounds: list[tuple[float, float]]) -> list[Cell]:
    groups: dict[tuple[int, int], list[Word]] = {}
    for word in line.words:
        if LEADER.match(word.text) and not _within(word, bounds):
            continue
        span = span_of(word, bounds)
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


def span_of(word: Word, bounds: list[tuple[float, float]]) -> tuple[int, int]:
    hit = [i for i, (a, b) in enumerate(bounds) if word.x0 < b and word.x1 > a]
    if not hit:
        nearest = min(range(len(bounds)), key=lambda i: _distance(word, bounds[i]))
        return nearest, nearest
    return hit[0], hit[-1]


def _within(word: Word, bounds: list[tuple[float, float]]) -> bool:
    return any(word.x0 < b and word.x1 > a for a, b in bounds)


def _distance(word: Word, bound: tuple[float, float]) -> float:
    return min(abs(word.xc - bound[0]), abs(word.xc - bound[1]))
