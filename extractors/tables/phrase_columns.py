"""Columns of an unruled table that a phrase runs through are one column.

Unruled columns are the x-gaps no word of the body crosses.  In a table of text ("OKLAHOMA
CITY", "(405) 680-3701", a wine's name) such gaps also open by chance between the words
of a phrase: a column boundary then cuts "OKLAHOMA" from "CITY" a space apart, in every
row.  A boundary is kept when one row shows a real gutter there (the two cells further
apart than a word space); it goes when every row that fills both sides shows a phrase
running through it, one of them with words, not only digits, on the left (a column of
codes a space from their names is two columns), or a currency sign on the right ("8 €").
"""

from __future__ import annotations

import re
import unicodedata

from extractors.model import Cell, Table, Word
from extractors.tables.cells import make_cell

# A word space: the words of one phrase stand less than this many of their heights apart.
SPACE = 0.6
_DIGITS = re.compile(r"^[\d.,\-–]+$")


def merge_phrase_columns(table: Table) -> None:
    rows: dict[int, list[Cell]] = {}
    for cell in table.cells:
        if cell.words:
            rows.setdefault(cell.row, []).append(cell)
    spurious = [b for b in range(table.n_cols - 1) if _phrase_boundary(rows, b)]
    if not spurious:
        return
    mapping, col = [], 0
    for old in range(table.n_cols):
        mapping.append(col)
        col += 0 if old in spurious else 1
    table.cells = _remapped(table.cells, mapping)
    table.n_cols = mapping[-1] + 1


def _phrase_boundary(rows: dict[int, list[Cell]], boundary: int) -> bool:
    worded = 0  # phrase crossings whose left part is more than digits
    for cells in rows.values():
        left = next((c for c in cells if c.col <= boundary < c.col + c.col_span), None)
        right = next((c for c in cells if c.col == boundary + 1), None)
        if left is None or right is None or left is right:
            continue
        gap = _same_line_gap(left.words, right.words)
        if gap is None:
            continue
        if gap >= SPACE:
            return False
        worded += not _DIGITS.match(left.text.strip()) or _currency(right.text.strip())
    return worded > 0


def _currency(text: str) -> bool:
    return bool(text) and all(unicodedata.category(ch) == "Sc" for ch in text)


def _same_line_gap(left: list[Word], right: list[Word]) -> float | None:
    """The smallest gap, in word heights, from a left word to a right word on its line."""
    gaps = []
    for a in left:
        for b in right:
            height = max(a.bottom - a.top, b.bottom - b.top, 1.0)
            if abs(a.yc - b.yc) < 0.5 * height and b.x0 >= a.x1 - 1.0:
                gaps.append(max(0.0, b.x0 - a.x1) / height)
    return min(gaps, default=None)


def _remapped(cells: list[Cell], mapping: list[int]) -> list[Cell]:
    out: list[Cell] = []
    for cell in sorted(cells, key=lambda c: (c.row, c.col)):
        first = mapping[cell.col]
        last = mapping[min(len(mapping) - 1, cell.col + cell.col_span - 1)]
        previous = out[-1] if out and out[-1].row == cell.row else None
        if previous is not None and previous.col + previous.col_span - 1 >= first:
            out[-1] = _joined(previous, cell, last)
            continue
        cell.col, cell.col_span = first, last - first + 1
        out.append(cell)
    return out


def _joined(left: Cell, right: Cell, last: int) -> Cell:
    words = [*left.words, *right.words]
    bbox = (0.0, 0.0, 0.0, 0.0) if words else left.bbox
    cell = make_cell(left.row, left.col, words, bbox, left.page)
    cell.col_span = max(left.col + left.col_span - 1, last) - left.col + 1
    cell.row_span = max(left.row_span, right.row_span)
    return cell
